#!/usr/bin/env bash
# diff_bench.sh [BUILD_DIR] — how fast is `bellows-cli diff` on a large schema, next to
# pgmodeler-cli and migra, and how fast does a real-world structure.sql load into a warm
# shadow server? Prints figures; passes or fails nothing (not part of the CTest run).
#
# Everything runs against one private PostgreSQL cluster that this script starts with
# bellows-test-cluster and always stops again. See README.md beside this file.
#
# Knobs (environment):
#   BELLOWS_BUILD_DIR        build tree (the first argument wins; default <repo>/build/default)
#   BELLOWS_TEST_PG_BIN      server binaries for bellows-test-cluster (default: what it finds itself)
#   BENCH_TABLES=2000        tables in the generated schema
#   BENCH_EVERY=20           every Nth table differs between bench_a and bench_b (20 = 5 %)
#   BENCH_RUNS=5             timed runs per tool, after one warm-up run
#   BENCH_BELLOWS_TIMEOUT=300, BENCH_PGMODELER_TIMEOUT=600, BENCH_MIGRA_TIMEOUT=600 (seconds)
#   BENCH_NODE_PREFIX=/tmp/bellows-bench-node   where @pgkit/migra is installed
#   BENCH_LAGO_SQL           structure.sql to load (default: lago-api's newest in the corpus)
#   BENCH_SKIP_PGMODELER=1, BENCH_SKIP_MIGRA=1    leave a peer out
#   BENCH_KEEP=1             keep the work directory (generated SQL, every tool's output)

set -euo pipefail
export LC_ALL=C # comm and sort must agree on order

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/../.." && pwd)
readonly SCRIPT_DIR REPO_DIR

BUILD_DIR=${1:-${BELLOWS_BUILD_DIR:-$REPO_DIR/build/default}}
readonly TABLES=${BENCH_TABLES:-2000}
readonly EVERY=${BENCH_EVERY:-20}
readonly RUNS=${BENCH_RUNS:-5}
readonly BELLOWS_TIMEOUT=${BENCH_BELLOWS_TIMEOUT:-300}
readonly PGMODELER_TIMEOUT=${BENCH_PGMODELER_TIMEOUT:-600}
readonly MIGRA_TIMEOUT=${BENCH_MIGRA_TIMEOUT:-600}
readonly NODE_PREFIX=${BENCH_NODE_PREFIX:-/tmp/bellows-bench-node}
CORPUS_DIR=$(realpath -m "${BELLOWS_CORPUS_DIR:-$REPO_DIR/../shared/corpus}")
readonly CORPUS_DIR
readonly LAGO_SQL=${BENCH_LAGO_SQL:-$CORPUS_DIR/lago-api/b26bafb290/structure.sql}
readonly PSQL=${PSQL:-/usr/bin/psql}
readonly PGMODELER=${PGMODELER_CLI:-/usr/bin/pgmodeler-cli}

WORK=""
STATE=""
BIN_DIR=""
PG_DIR=""
PG_PORT=""
PG_CONNINFO=""
CHILD="" # the timed tool's timeout process, while one runs

# Per tool: "ok", or why it has no figures; and its run times in ms, space-separated.
declare -A STATUS=()
declare -A TIMES=()
ELAPSED_MS=0

thousands() { sed ':a; s/\B[0-9]\{3\}\>/,&/; ta' <<<"$1"; }
log() { printf '%s\n' "$*"; }
die() { printf 'diff_bench: %s\n' "$*" >&2; exit 1; }

cleanup() {
    local status=$?
    if [[ -n $CHILD ]]; then
        kill -TERM "$CHILD" 2>/dev/null || true
        wait "$CHILD" 2>/dev/null || true
    fi
    if [[ -n $STATE && -f $STATE ]]; then
        "$BIN_DIR/bellows-test-cluster" stop "$STATE" >/dev/null 2>&1 || true
    fi
    if [[ -n $WORK && -d $WORK ]]; then
        if [[ ${BENCH_KEEP:-0} == 1 ]]; then
            log "work directory kept: $WORK"
        else
            rm -rf "$WORK"
        fi
    fi
    exit "$status"
}

# The preset puts binaries in build/default/bin; older trees configured straight into
# build/ have them in build/bin.
find_binaries() {
    local candidate
    for candidate in "$BUILD_DIR/bin" "$REPO_DIR/build/default/bin" "$REPO_DIR/build/bin"; do
        if [[ -x $candidate/bellows-test-cluster ]]; then
            BIN_DIR=$candidate
            return 0
        fi
    done
    die "bellows-test-cluster not found under $BUILD_DIR/bin (build first: cmake --workflow --preset default)"
}

ini_value() { # FILE KEY — QSettings quotes values that contain spaces or '='
    sed -n "s/^$2=//p" "$1" | head -n 1 | sed 's/^"\(.*\)"$/\1/'
}

start_cluster() {
    STATE=$WORK/cluster.ini
    "$BIN_DIR/bellows-test-cluster" start "$STATE" >"$WORK/cluster.log" 2>&1 ||
        die "bellows-test-cluster start failed: $(head -n 5 "$WORK/cluster.log")"
    PG_DIR=$(ini_value "$STATE" directory)
    PG_PORT=$(ini_value "$STATE" port)
    PG_CONNINFO=$(ini_value "$STATE" conninfo)
    [[ -n $PG_DIR && -n $PG_PORT ]] || die "cannot read directory/port from $STATE"
    log "cluster: $(head -n 1 "$WORK/cluster.log")"
}

# Every client goes through the Unix socket: trust there, passwords only over TCP.
conninfo_for() { printf 'host=%s port=%s user=bellows dbname=%s' "$PG_DIR" "$PG_PORT" "$1"; }

psql_run() { # DB psql-args...
    local db=$1
    shift
    "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -U bellows -d "$db" "$@"
}

# The schema: t_0001..t_NNNN, 15 columns, identity primary key, 2 foreign keys to the two
# previous tables (self-references at the start), 1 check, 3 indexes. Variant b changes every
# EVERY-th table, cycling through ten kinds of change so each occurs equally often.
# Loads commit every 200 tables: one transaction for all 2,000 would need more lock slots
# than max_locks_per_transaction allows, and per-statement commits are what make loads slow.
generate_schema() { # VARIANT
    awk -v tables="$TABLES" -v every="$EVERY" -v variant="$1" '
    function name(n) { return sprintf("t_%04d", n) }
    BEGIN {
        print "BEGIN;"
        for (i = 1; i <= tables; i++) {
            t = name(i); parent = name(i > 1 ? i - 1 : 1); other = name(i > 2 ? i - 2 : 1)
            kind = (variant == "b" && i % every == 0) ? (i / every) % 10 : -1
            printf "CREATE TABLE public.%s (\n", t
            print  "    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
            print  "    parent_id bigint,"
            print  "    other_id bigint,"
            printf "    code %s NOT NULL,\n", kind == 1 ? "varchar(64)" : "varchar(32)"
            print  "    name text NOT NULL,"
            printf "    description text%s,\n", kind == 5 ? " NOT NULL" : ""
            printf "    status varchar(16) NOT NULL DEFAULT %s,\n", kind == 2 ? "'\''pending'\''" : "'\''new'\''"
            print  "    amount numeric(12,2) NOT NULL DEFAULT 0,"
            print  "    quantity integer NOT NULL DEFAULT 0,"
            print  "    is_active boolean NOT NULL DEFAULT true,"
            print  "    created_at timestamptz NOT NULL DEFAULT now(),"
            print  "    updated_at timestamptz,"
            print  "    metadata jsonb NOT NULL DEFAULT '\''{}'\''::jsonb,"
            printf "    external_ref uuid"
            if (kind != 7) printf ",\n    score double precision"
            if (kind == 0) printf ",\n    notes text"
            printf ",\n    CONSTRAINT %s_parent_fk FOREIGN KEY (parent_id) REFERENCES public.%s (id)%s",
                   t, parent, kind == 8 ? " ON DELETE CASCADE" : ""
            printf ",\n    CONSTRAINT %s_other_fk FOREIGN KEY (other_id) REFERENCES public.%s (id)", t, other
            printf ",\n    CONSTRAINT %s_amount_check CHECK (%s)\n);\n",
                   t, kind == 6 ? "amount >= 0 AND amount < 1000000" : "amount >= 0"
            printf "CREATE UNIQUE INDEX %s_code_key ON public.%s (code);\n", t, t
            printf "CREATE INDEX %s_parent_idx ON public.%s (parent_id)%s;\n",
                   t, t, kind == 9 ? " WHERE is_active" : ""
            if (kind != 3) printf "CREATE INDEX %s_other_idx ON public.%s (other_id);\n", t, t
            if (kind == 4) printf "CREATE INDEX %s_status_created_idx ON public.%s (status, created_at);\n", t, t
            print ""
            if (i % 200 == 0 && i < tables) print "COMMIT;\nBEGIN;\n"
        }
        print "COMMIT;"
    }'
}

# The tables bench_b changes, one per line: what every tool's output is checked against.
expected_tables() {
    awk -v tables="$TABLES" -v every="$EVERY" \
        'BEGIN { for (i = every; i <= tables; i += every) printf "t_%04d\n", i }'
}

create_databases() {
    local variant start
    start=$(date +%s%N)
    generate_schema a >"$WORK/bench_a.sql"
    generate_schema b >"$WORK/bench_b.sql"
    expected_tables >"$WORK/expected.txt"
    for variant in a b; do
        psql_run postgres -c "CREATE DATABASE bench_$variant"
    done
    # Two cores: load both at once.
    psql_run bench_a -f "$WORK/bench_a.sql" >"$WORK/load_a.log" 2>&1 &
    local pid_a=$!
    psql_run bench_b -f "$WORK/bench_b.sql" >"$WORK/load_b.log" 2>&1 &
    local pid_b=$!
    wait "$pid_a" || die "loading bench_a failed: $(head -n 5 "$WORK/load_a.log")"
    wait "$pid_b" || die "loading bench_b failed: $(head -n 5 "$WORK/load_b.log")"
    # Fresh catalog statistics, and no autovacuum of the new catalogs during the timings.
    psql_run bench_a -c "VACUUM ANALYZE" >/dev/null 2>&1 || true
    psql_run bench_b -c "VACUUM ANALYZE" >/dev/null 2>&1 || true
    local count
    count=$(psql_run bench_b -At -c \
        "SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace")
    log "schema: $count tables in bench_a and bench_b, $(wc -l <"$WORK/expected.txt") of them differ" \
        "(generated + loaded in $((($(date +%s%N) - start) / 1000000)) ms)"
}

# run_timed LIMIT OUT ERR CMD... — sets ELAPSED_MS; returns the command's status
# (124 or 137 when timeout ended it).
run_timed() {
    local limit=$1 out=$2 err=$3 start status=0
    shift 3
    start=$(date +%s%N)
    # In the background so that an interrupt reaches the trap at once instead of after the
    # tool (bash runs traps only between foreground commands); cleanup ends it.
    timeout --kill-after=10 "$limit" "$@" >"$out" 2>"$err" &
    CHILD=$!
    wait "$CHILD" || status=$?
    CHILD=""
    ELAPSED_MS=$((($(date +%s%N) - start) / 1000000))
    return "$status"
}

# bench_tool NAME LIMIT OK_CODES CHECK_FN CMD... — one warm-up run (checked by CHECK_FN
# OUT ERR), then RUNS timed runs. Stops at the first failure or timeout: a tool that did
# not finish once will not finish the next time either, and each try costs LIMIT seconds.
bench_tool() {
    local name=$1 limit=$2 ok_codes=$3 check=$4
    shift 4
    local out=$WORK/$name.out err=$WORK/$name.err run status times=""
    for ((run = 0; run <= RUNS; run++)); do
        status=0
        run_timed "$limit" "$out" "$err" "$@" || status=$?
        if [[ $status == 124 || $status == 137 ]]; then
            STATUS[$name]="did not finish in $limit s"
            local last
            last=$(grep -v '^[[:space:]]*$' "$out" | tail -n 1 | cut -c 1-100 || true)
            log "  $name: ${STATUS[$name]}${last:+ (last output line: $last)}"
            return 0
        fi
        if [[ " $ok_codes " != *" $status "* ]]; then
            STATUS[$name]="failed (exit $status)"
            log "  $name: ${STATUS[$name]} after $ELAPSED_MS ms; first lines of its stderr:"
            { head -n 8 "$err"; [[ -s $err ]] || tail -n 8 "$out"; } | sed 's/^/      /'
            return 0
        fi
        if ((run == 0)); then
            log "  $name: warm-up $ELAPSED_MS ms"
            { "$check" "$out" "$err" || true; } | sed 's/^/    /'
        else
            times+="$ELAPSED_MS "
            log "  $name: run $run: $ELAPSED_MS ms"
        fi
    done
    STATUS[$name]=ok
    TIMES[$name]=$times
}

stats() { # TIMES → "median min max"
    tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '
        { v[NR] = $1 }
        END {
            m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%d %d %d\n", m, v[1], v[NR]
        }'
}

# How many of the changed tables a tool's output names (an SQL script or a text report).
mentioned_tables() { # FILE
    { grep -oE '\bt_[0-9]{4}' "$1" || true; } | sort -u | comm -12 - "$WORK/expected.txt" | wc -l
}

statements_in() { grep -cE ';[[:space:]]*$' "$1" || true; }

check_bellows() { # OUT ERR
    local out=$1 summary
    summary=$(grep -m 1 -E '^Tables:' "$out" || true)
    log "text report: ${summary:-no 'Tables:' summary line}; names $(mentioned_tables "$out")/$(wc -l <"$WORK/expected.txt") changed tables"
    # The JSON form, once and untimed: the changes should name exactly the changed tables.
    local json=$WORK/bellows.json status=0
    "$BIN_DIR/bellows-cli" diff --json --db "$(conninfo_for bench_a)" \
        --target-db "$(conninfo_for bench_b)" >"$json" 2>"$WORK/bellows-json.err" || status=$?
    if [[ $status != 0 && $status != 2 ]]; then
        log "--json failed (exit $status): $(head -n 3 "$WORK/bellows-json.err")"
        return 0
    fi
    local tables
    if command -v jq >/dev/null 2>&1; then
        # A change names its table in "table" (sub-objects) or "name" (the table itself).
        tables=$(jq -r '.changes[]? | if (.table // "") != "" then .table
                        elif .kind == "table" then .name else empty end' "$json" 2>/dev/null |
            sort -u || true)
    else
        tables=$(grep -oE '"(table|name)": *"t_[0-9]{4}"' "$json" | grep -oE 't_[0-9]{4}' | sort -u || true)
    fi
    local distinct matching
    distinct=$(grep -c . <<<"$tables" || true)
    matching=$(grep . <<<"$tables" | comm -12 - "$WORK/expected.txt" | wc -l)
    log "--json: $(wc -c <"$json") bytes; changes name $distinct distinct tables," \
        "$matching of the $(wc -l <"$WORK/expected.txt") expected"
}

check_sql_script() { # OUT ERR — for tools that print their migration script
    local file=$1
    if [[ ! -s $file ]]; then
        log "WARNING: no SQL produced ($file is empty or missing)"
        return 0
    fi
    log "script: $(wc -l <"$file") lines, $(statements_in "$file") statements;" \
        "names $(mentioned_tables "$file")/$(wc -l <"$WORK/expected.txt") changed tables"
}

bench_bellows() {
    log ""
    log "== bellows-cli diff"
    if [[ ! -x $BIN_DIR/bellows-cli ]]; then
        STATUS[bellows]="not built ($BIN_DIR/bellows-cli missing)"
        log "  ${STATUS[bellows]}"
        return 0
    fi
    # 0 = success; 2 = differences (only with --exit-code, accepted in case that changes).
    bench_tool bellows "$BELLOWS_TIMEOUT" "0 2" check_bellows \
        "$BIN_DIR/bellows-cli" diff --db "$(conninfo_for bench_a)" --target-db "$(conninfo_for bench_b)"
}

# pgModeler keeps its connections in an XML file in its config folder. A private
# XDG_CONFIG_HOME keeps the benchmark's alias (whose port changes every run) out of the
# user's own configuration; offscreen because pgmodeler-cli is a Qt GUI application.
# An array, not a function: timeout can only run programs.
PGMODELER_CMD=()

setup_pgmodeler() {
    PGMODELER_CMD=(env QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$WORK/pgmodeler-config"
        XDG_RUNTIME_DIR="$WORK/pgmodeler-runtime" "$PGMODELER")
    mkdir -p "$WORK/pgmodeler-config" "$WORK/pgmodeler-runtime"
    chmod 700 "$WORK/pgmodeler-runtime"
    "${PGMODELER_CMD[@]}" --create-configs >"$WORK/pgmodeler-configs.log" 2>&1 || return 1
    local conf
    conf=$(find "$WORK/pgmodeler-config" -maxdepth 2 -name connections.conf | head -n 1)
    [[ -n $conf ]] || return 1
    # libpq takes a socket directory as host.
    cat >"$conf" <<EOF
<?xml version="1.0" encoding="UTF-8" ?>
<connections>
	<connection alias="bellows-bench" host="$PG_DIR" port="$PG_PORT" dbname="postgres"
		user="bellows" password="" connection-timeout="10"
		sslmode="disable" auto-browse-db="false"/>
</connections>
EOF
}

check_pgmodeler() { # OUT ERR — the script goes to the --output file, progress to stdout
    check_sql_script "$WORK/pgmodeler.sql" "$2"
}

bench_pgmodeler() {
    log ""
    log "== pgmodeler-cli --diff"
    if [[ ${BENCH_SKIP_PGMODELER:-0} == 1 ]]; then
        STATUS[pgmodeler]="skipped (BENCH_SKIP_PGMODELER=1)"
    elif [[ ! -x $PGMODELER ]]; then
        STATUS[pgmodeler]="not installed (apt-get install pgmodeler)"
    elif ! setup_pgmodeler; then
        STATUS[pgmodeler]="could not set up its configuration: $(tail -n 2 "$WORK/pgmodeler-configs.log")"
    fi
    if [[ -n ${STATUS[pgmodeler]:-} ]]; then
        log "  ${STATUS[pgmodeler]}"
        return 0
    fi
    # --drop-missing: also report objects only in bench_a (the dropped index and column), as
    # Bellows and migra do. One alias serves both databases.
    bench_tool pgmodeler "$PGMODELER_TIMEOUT" "0" check_pgmodeler \
        "${PGMODELER_CMD[@]}" --diff --input-db bench_b --compare-to bench_a --conn-alias bellows-bench \
        --drop-missing --save --output "$WORK/pgmodeler.sql"
}

bench_migra() {
    log ""
    log "== migra (@pgkit/migra)"
    local migra=$NODE_PREFIX/node_modules/.bin/migra
    if [[ ${BENCH_SKIP_MIGRA:-0} == 1 ]]; then
        STATUS[migra]="skipped (BENCH_SKIP_MIGRA=1)"
    elif [[ ! -x $migra ]]; then
        # Outside the source tree: the benchmark must leave no node_modules in the repository.
        log "  installing @pgkit/migra into $NODE_PREFIX"
        if ! npm install --silent --no-audit --no-fund --prefix "$NODE_PREFIX" @pgkit/migra \
            >"$WORK/npm.log" 2>&1 || [[ ! -x $migra ]]; then
            STATUS[migra]="could not install @pgkit/migra: $(tail -n 2 "$WORK/npm.log")"
        fi
    fi
    if [[ -n ${STATUS[migra]:-} ]]; then
        log "  ${STATUS[migra]}"
        return 0
    fi
    # node-postgres reads the socket directory from the host query parameter.
    local url="postgresql://bellows@localhost/%s?host=$PG_DIR&port=$PG_PORT"
    # shellcheck disable=SC2059
    bench_tool migra "$MIGRA_TIMEOUT" "0 2" check_sql_script \
        "$migra" "$(printf "$url" bench_a)" "$(printf "$url" bench_b)" --unsafe
}

check_lago() { # OUT ERR
    log "diff output: $(wc -l <"$1") lines;" \
        "$(grep -m 1 -E 'loaded [0-9]+ statements' "$2" || echo 'no "loaded N statements" line on stderr')"
}

# Loading a real structure.sql into the already running shadow server: the step that
# decides how long `diff --target FILE` takes on a real project.
bench_lago_load() {
    log ""
    log "== lago-api structure.sql into the warm shadow server"
    if [[ ! -x $BIN_DIR/bellows-cli ]]; then
        STATUS[lago]="not built ($BIN_DIR/bellows-cli missing)"
    elif [[ ! -f $LAGO_SQL ]]; then
        STATUS[lago]="skipped: $LAGO_SQL not found"
    fi
    if [[ -n ${STATUS[lago]:-} ]]; then
        log "  ${STATUS[lago]}"
        return 0
    fi
    log "  $LAGO_SQL ($(wc -l <"$LAGO_SQL") lines)"
    psql_run postgres -c "CREATE DATABASE lago_empty"
    local out=$WORK/lago.out err=$WORK/lago.err run status loads=""
    # bench_tool keeps only the last run's stderr, so the load figure is read per run here.
    STATUS[lago]=ok
    local times=""
    for ((run = 0; run <= RUNS; run++)); do
        status=0
        run_timed "$BELLOWS_TIMEOUT" "$out" "$err" "$BIN_DIR/bellows-cli" diff \
            --db "$(conninfo_for lago_empty)" --target "$LAGO_SQL" \
            --shadow-url "$PG_CONNINFO" --verbose || status=$?
        if [[ $status == 124 || $status == 137 ]]; then
            STATUS[lago]="did not finish in $BELLOWS_TIMEOUT s"
            log "  ${STATUS[lago]}"
            return 0
        fi
        if [[ $status != 0 && $status != 2 ]]; then
            STATUS[lago]="failed (exit $status)"
            log "  ${STATUS[lago]} after $ELAPSED_MS ms; first lines of its stderr:"
            head -n 8 "$err" | sed 's/^/      /'
            return 0
        fi
        # The --verbose line: "loaded N statements [from FILE] in M ms (T ms)".
        local load
        load=$(sed -nE 's/.*loaded [0-9]+ statements.* in ([0-9]+) ms.*/\1/p' "$err" | head -n 1)
        if ((run == 0)); then
            log "  warm-up $ELAPSED_MS ms${load:+ (load step $load ms)}"
            { check_lago "$out" "$err" || true; } | sed 's/^/    /'
        else
            times+="$ELAPSED_MS "
            [[ -n $load ]] && loads+="$load "
            log "  run $run: $ELAPSED_MS ms${load:+ (load step $load ms)}"
        fi
    done
    TIMES[lago]=$times
    TIMES[lago_load]=$loads
}

print_summary() {
    local bellows_median="" name median min max ratio
    if [[ ${STATUS[bellows]:-} == ok ]]; then
        read -r bellows_median _ _ < <(stats "${TIMES[bellows]}")
    fi
    log ""
    log "================================================================================"
    log "diff of $(thousands "$TABLES") tables ($((100 / EVERY)) % differ), $RUNS runs each after 1 warm-up"
    printf '%-14s %9s %9s %9s  %s\n' tool median min max "ratio vs bellows"
    for name in bellows pgmodeler migra; do
        local label=$name
        [[ $name == bellows ]] && label=bellows-cli
        [[ $name == pgmodeler ]] && label=pgmodeler-cli
        if [[ ${STATUS[$name]:-} == ok ]]; then
            read -r median min max < <(stats "${TIMES[$name]}")
            ratio=""
            if [[ $name != bellows && -n $bellows_median && $bellows_median -gt 0 ]]; then
                ratio=$(awk -v a="$median" -v b="$bellows_median" 'BEGIN { printf "%.1fx", a / b }')
            fi
            printf '%-14s %6d ms %6d ms %6d ms  %s\n' "$label" "$median" "$min" "$max" "$ratio"
        else
            local why=${STATUS[$name]:-not run}
            ratio=""
            # A timeout still bounds the ratio from below.
            if [[ $why == "did not finish in "* && -n $bellows_median && $bellows_median -gt 0 ]]; then
                local limit=${why#did not finish in }
                limit=${limit% s}
                ratio=$(awk -v a="$limit" -v b="$bellows_median" 'BEGIN { printf "  > %.0fx", a * 1000 / b }')
            fi
            printf '%-14s %s%s\n' "$label" "$why" "$ratio"
        fi
    done
    if [[ ${STATUS[lago]:-} == ok ]]; then
        read -r median min max < <(stats "${TIMES[lago]}")
        local load_text=""
        if [[ -n ${TIMES[lago_load]:-} ]]; then
            local load_median
            read -r load_median _ _ < <(stats "${TIMES[lago_load]}")
            load_text=" (load step $load_median ms)"
        else
            load_text=" (no load time line in --verbose output)"
        fi
        log "lago-api load into warm shadow: median $median ms$load_text, min $min ms, max $max ms"
    else
        log "lago-api load into warm shadow: ${STATUS[lago]:-not run}"
    fi
    log "targets: bellows diff < 1000 ms and >= 5x faster than both peers; lago load < 1500 ms"
    log "load average at the end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
}

main() {
    command -v "$PSQL" >/dev/null || die "$PSQL not found (apt-get install postgresql-client)"
    find_binaries
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/bellows-bench-XXXXXX")
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    log "bellows binaries: $BIN_DIR"
    # Other work on the machine skews every figure; say how busy it was.
    log "machine: $(nproc) cores, load average $(cut -d ' ' -f 1-3 /proc/loadavg)"
    start_cluster
    create_databases
    bench_bellows
    bench_lago_load
    bench_migra
    bench_pgmodeler
    print_summary
}

main "$@"
