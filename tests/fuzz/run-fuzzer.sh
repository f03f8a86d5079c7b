#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time over a scratch copy of its seeds and prints the
# figures (executions, coverage, new inputs). Exit non-zero on a crash, with the reproducer kept
# in the scratch directory (printed). Usage: run-fuzzer.sh BINARY SEED_DIR DICT SECONDS
set -euo pipefail
binary=$1 seeds=$2 dict=$3 seconds=$4
work=$(mktemp -d /tmp/bellows-fuzz-XXXXXX)
mkdir -p "$work/corpus" "$work/artifacts"
cp "$seeds"/* "$work/corpus/" 2>/dev/null || true
args=(-max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048
      -artifact_prefix="$work/artifacts/" -print_final_stats=1)
[ -f "$dict" ] && args+=(-dict="$dict")
status=0
"$binary" "${args[@]}" "$work/corpus" > "$work/log" 2>&1 || status=$?
grep -E "^stat::(number_of_executed_units|new_units_added|peak_rss_mb)|cov: " "$work/log" | tail -4
if [ "$status" -ne 0 ]; then
    tail -40 "$work/log"
    echo "fuzz target failed; reproducer(s) in $work/artifacts:" && ls "$work/artifacts"
    exit "$status"
fi
rm -rf "$work"
