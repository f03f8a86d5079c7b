#!/usr/bin/env bash
# Planning speed on lago-api's newest pair (c3c2924693 -> b26bafb290, ~12k-line schemas):
# loads both into a private cluster, then times diff + buildPlan once both catalogs are in
# memory (target: under 200 ms). Prints figures; not part of the CTest run.
#
#   tests/bench/plan_bench.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."

build=${1:-${BELLOWS_BUILD_DIR:-build/default}}
corpus=${BELLOWS_CORPUS_DIR:-../shared/corpus}
runs=${BENCH_RUNS:-20}
work=$(mktemp -d /tmp/bellows-plan-bench-XXXXXX)
state="$work/cluster.ini"

cleanup() {
    "$build/bin/bellows-test-cluster" stop "$state" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

"$build/bin/bellows-test-cluster" start "$state" >/dev/null
conninfo=$(sed -n 's/^conninfo="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$state")
psql_run() { psql -X -q -v ON_ERROR_STOP=1 -d "$conninfo" "$@"; }

psql_run -c "CREATE ROLE postgres SUPERUSER" 2>/dev/null || true
for db in before after; do
    psql_run -c "CREATE DATABASE $db"
done
psql -X -q -v ON_ERROR_STOP=1 -d "${conninfo/dbname=postgres/dbname=before}" \
    -f "$corpus/lago-api/c3c2924693/structure.sql" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d "${conninfo/dbname=postgres/dbname=after}" \
    -f "$corpus/lago-api/b26bafb290/structure.sql" >/dev/null

echo "lago-api c3c2924693 -> b26bafb290 (load average $(cut -d' ' -f1-3 /proc/loadavg))"
"$build/bin/bellows-plan-bench" "${conninfo/dbname=postgres/dbname=before}" \
    "${conninfo/dbname=postgres/dbname=after}" "$runs"
