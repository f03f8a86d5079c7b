#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time over a scratch copy of its seeds and prints the
# figures (executions, coverage, new inputs). Exits non-zero on a crash, a hang or a sanitizer
# report, keeping the reproducer and the log in the scratch directory (printed).
# Usage: run-fuzzer.sh BINARY SEED_DIR DICT SECONDS [MAX_LEN]
set -euo pipefail
binary=$1 seeds=$2 dict=$3 seconds=$4 max_len=${5:-8192}
work=$(mktemp -d /tmp/bellows-fuzz-XXXXXX)
mkdir -p "$work/corpus" "$work/artifacts"
cp "$seeds"/* "$work/corpus/" 2>/dev/null || true
args=(-max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048
      -artifact_prefix="$work/artifacts/" -print_final_stats=1)
[ -f "$dict" ] && args+=(-dict="$dict")
echo "$(basename "$binary") ${args[*]} $work/corpus ($(ls "$work/corpus" | wc -l) seeds)"
status=0
"$binary" "${args[@]}" "$work/corpus" > "$work/log" 2>&1 || status=$?
grep -E "^stat::(number_of_executed_units|new_units_added|peak_rss_mb)|DONE|cov: " "$work/log" |
    tail -5 || true
if [ "$status" -ne 0 ]; then
    tail -60 "$work/log"
    echo "fuzz target failed (exit $status); log and reproducer(s) in $work:"
    ls "$work/artifacts"
    exit "$status"
fi
rm -rf "$work"
