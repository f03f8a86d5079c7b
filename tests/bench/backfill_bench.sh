#!/usr/bin/env bash
# backfill_bench.sh [BUILD_DIR] — what does Bellows' batched backfill cost, next to one bare
# UPDATE, and what do clients feel while the seed plan (users.full_name → display_name) runs?
# Prints figures and the targets next to them; judges nothing (not part of the CTest run).
#
#   1. Backfill of the column copy on 100k and 1M rows (BENCH_SIZES): `bellows-cli apply --step`
#      of the backfill step (its "done in N ms" line) against a bare
#      `UPDATE users SET display_name = full_name` on an identical copy of the same table
#      (same state: after expand, sync trigger included) → throughput ratio (target ≥ 0.6) and
#      per-row cost across sizes (target: flat within 20 %).
#   2. The same on BENCH_LOAD_ROWS rows under a pgbench read/write load (-c 4, -R rate) →
#      client p99 during the backfill against the baseline before it (target ≤ 2×), during a
#      throttled backfill (BENCH_THROTTLE, default --duty-cycle 0.5), and during the bare
#      UPDATE for comparison.
#   3. A probe client (bellows-backfill-probe: one single-row read or write every 5 ms) while the
#      whole seed plan runs with --gates auto on BENCH_LOAD_ROWS rows → the longest time a step
#      blocked it (target ≤ the steps' lock_timeout) and which step ran then.
#
# It starts its own throwaway cluster (initdb + pg_ctl, as user postgres when run as root) with
# PostgreSQL's default durability (fsync, synchronous_commit on), and always stops it again.
#
# Knobs (environment):
#   BELLOWS_BUILD_DIR       build tree (the first argument wins; default <repo>/build/default)
#   BENCH_PG_BIN            server binaries (default: the newest /usr/lib/postgresql/*/bin)
#   BENCH_SIZES="100000 1000000"   table sizes for part 1 (add 10000000 if you have ~15 min)
#   BENCH_LOAD_ROWS=1000000 table size for parts 2 and 3
#   BENCH_RATE=200          pgbench transactions per second (-R), BENCH_CLIENTS=4 (-c)
#   BENCH_BASELINE=10       seconds of pgbench before the backfill / UPDATE starts
#   BENCH_THROTTLE="--duty-cycle 0.5"   apply options of the throttled run under load ("" skips it)
#   BENCH_TIMEOUT=900       seconds allowed to any one command
#   BENCH_SKIP_LOAD=1, BENCH_SKIP_PROBE=1   leave part 2 or 3 out
#   BENCH_KEEP=1            keep the work directory (logs, plans, pgbench logs)

set -euo pipefail
export LC_ALL=C

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/../.." && pwd)
readonly SCRIPT_DIR REPO_DIR

BUILD_DIR=${1:-${BELLOWS_BUILD_DIR:-$REPO_DIR/build/default}}
read -r -a SIZES <<<"${BENCH_SIZES:-100000 1000000}"
readonly LOAD_ROWS=${BENCH_LOAD_ROWS:-1000000}
readonly RATE=${BENCH_RATE:-200}
readonly CLIENTS=${BENCH_CLIENTS:-4}
readonly BASELINE=${BENCH_BASELINE:-10}
readonly TIMEOUT=${BENCH_TIMEOUT:-900}
read -r -a THROTTLE <<<"${BENCH_THROTTLE---duty-cycle 0.5}"

WORK=""
PG_BIN=""
PGDATA=""
SOCK=""
PORT=5432 # the socket lives in a private directory: no other server can clash
CLI=""
PROBE=""
RUN_AS=()
BG_PIDS=()
declare -A FIG=() # figures for the summary

log() { printf '%s\n' "$*"; }
die() { printf 'backfill_bench: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }

cleanup() {
    local status=$?
    local pid
    for pid in "${BG_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n $PGDATA && -f $PGDATA/postmaster.pid ]]; then
        "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
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

find_tools() {
    local candidate
    for candidate in "$BUILD_DIR/bin" "$REPO_DIR/build/default/bin" "$REPO_DIR/build/bin"; do
        if [[ -x $candidate/bellows-cli && -x $candidate/bellows-backfill-probe ]]; then
            CLI=$candidate/bellows-cli
            PROBE=$candidate/bellows-backfill-probe
            break
        fi
    done
    [[ -n $CLI ]] || die "bellows-cli and bellows-backfill-probe not found under $BUILD_DIR/bin (build first)"
    if [[ -n ${BENCH_PG_BIN:-} ]]; then
        PG_BIN=$BENCH_PG_BIN
    else
        PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    fi
    [[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl ]] || die "no initdb/pg_ctl in '$PG_BIN' (set BENCH_PG_BIN)"
    [[ -x $PG_BIN/pgbench ]] || die "no pgbench in $PG_BIN (package postgresql-contrib)"
    command -v jq >/dev/null || die "jq is needed to read the plan"
}

start_cluster() {
    PGDATA=$WORK/pgdata
    SOCK=$WORK/sock
    mkdir -p "$PGDATA" "$SOCK"
    if [[ $(id -u) == 0 ]]; then
        id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' user to run the server"
        RUN_AS=(runuser -u postgres --)
        chown postgres "$PGDATA" "$SOCK"
    fi
    "${RUN_AS[@]}" "$PG_BIN/initdb" -D "$PGDATA" -U bellows -A trust -E UTF8 --locale=C \
        >"$WORK/initdb.log" 2>&1 || die "initdb failed: $(tail -n 5 "$WORK/initdb.log")"
    # Production-like durability; a larger max_wal_size so checkpoints do not land in the middle
    # of one run and not the other.
    "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -w -l "$PGDATA/server.log" \
        -o "-c listen_addresses='' -c unix_socket_directories='$SOCK' -c port=$PORT \
            -c shared_buffers=256MB -c max_wal_size=8GB -c checkpoint_timeout=1h \
            -c max_connections=50" start >/dev/null ||
        die "pg_ctl start failed: $(tail -n 5 "$PGDATA/server.log")"
    log "cluster: $("$PG_BIN/postgres" --version) at $SOCK (fsync on, synchronous_commit on)"
}

conn() { printf 'host=%s port=%s user=bellows dbname=%s' "$SOCK" "$PORT" "$1"; }

psql_run() { # DB psql-args...
    local db=$1
    shift
    timeout "$TIMEOUT" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PORT" -U bellows \
        -d "$db" "$@"
}

# The seed scenario's table, users only.
write_sql() {
    cat >"$WORK/before.sql" <<'EOF'
CREATE TABLE users (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE,
    full_name text,
    created_at timestamptz NOT NULL DEFAULT now()
);
EOF
    sed 's/full_name text/display_name text/' "$WORK/before.sql" >"$WORK/after.sql"
}

# A database holding users with N rows (every 10th full_name NULL), built once and copied.
make_template() { # NAME ROWS
    local db=$1 rows=$2
    psql_run postgres -c "CREATE DATABASE $db"
    # The unique index is built after the load (faster); the catalog ends the same.
    psql_run "$db" -c "CREATE TABLE users (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            email text NOT NULL,
            full_name text,
            created_at timestamptz NOT NULL DEFAULT now())" \
        -c "INSERT INTO users (email, full_name)
            SELECT 'user' || g || '@example.com', CASE WHEN g % 10 = 0 THEN NULL ELSE 'User ' || g END
            FROM generate_series(1, $rows) g" \
        -c "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)" \
        -c "VACUUM (ANALYZE, FREEZE) users"
}

copy_db() { # TEMPLATE NAME
    psql_run postgres -c "CREATE DATABASE $2 TEMPLATE $1 STRATEGY = FILE_COPY"
}

# bellows-cli plan for DB into FILE.
make_plan() { # DB FILE
    timeout "$TIMEOUT" "$CLI" plan --db "$(conn "$1")" --target "$WORK/after.sql" \
        --rename public.users.full_name=display_name --shadow-url "$(conn postgres)" \
        -o "$2" >"$2.out" 2>&1 || die "plan failed: $(tail -n 20 "$2.out")"
}

stamp() { while IFS= read -r line; do printf '%s %s\n' "$(now_ms)" "$line"; done; }

apply_cli() { # LOG PLAN DB args... (stderr lines get a ms timestamp in LOG)
    local logfile=$1 planfile=$2 db=$3
    shift 3
    local rc
    set +e
    timeout "$TIMEOUT" "$CLI" apply "$planfile" --db "$(conn "$db")" --yes "$@" \
        2>&1 >"$logfile.out" | stamp >"$logfile"
    rc=${PIPESTATUS[0]}
    set -e
    return "$rc"
}

# "done in N ms" of step ID in an apply log.
step_ms() { # LOG STEP_ID
    awk -v id="$2" '
        index($0, "bellows-cli: step " id ":") { inside = 1; next }
        inside && /bellows-cli: step / { inside = 0 }
        inside && /done in [0-9]+ ms/ { for (i = 1; i <= NF; i++) if ($i == "in") { print $(i + 1); exit } }
    ' "$1"
}

bare_update_ms() { # DB  → the server-side time of one UPDATE (psql \timing)
    psql_run "$1" -c "CHECKPOINT" >/dev/null
    psql_run "$1" -c '\timing on' -c "UPDATE users SET display_name = full_name" |
        awk '/^Time:/ { print int($2 + 0.5) }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# pgbench's per-transaction logs → "p50 p99 max count" (ms) of transactions that started in
# [FROM, TO) (ms since the epoch).
pgbench_window() { # PREFIX FROM TO
    cat "$1".* 2>/dev/null | awk -v from="$2" -v to="$3" '
        # client_id transaction_no time script_no time_epoch time_us [schedule_lag]
        $3 != "skipped" {
            end_ms = $5 * 1000 + $6 / 1000
            start_ms = end_ms - $3 / 1000
            if (start_ms >= from && start_ms < to) print $3 / 1000
        }' | sort -n | awk '
        { v[NR] = $1 }
        END {
            if (NR == 0) { print "- - - 0"; exit }
            i50 = int(NR * 0.50); if (i50 < 1) i50 = 1
            i99 = int(NR * 0.99 + 0.999999); if (i99 > NR) i99 = NR
            printf "%.1f %.1f %.1f %d\n", v[i50], v[i99], v[NR], NR
        }'
}

# Part 1: backfill against a bare UPDATE, per size.
bench_sizes() {
    local rows tmpl planfile step ms bare
    for rows in "${SIZES[@]}"; do
        log ""
        log "== $rows rows: load"
        tmpl=tmpl_$rows
        make_template "$tmpl" "$rows"
        # The probe (part 3) runs the whole plan: it needs the table as it is before expand.
        if [[ $rows == "$LOAD_ROWS" && ${BENCH_SKIP_PROBE:-0} != 1 ]]; then
            copy_db "$tmpl" tmpl_probe
        fi
        planfile=$WORK/plan_$rows.json
        make_plan "$tmpl" "$planfile"
        step=$(jq -r '.steps[] | select(.phase == "backfill") | .id' "$planfile" | head -n 1)
        [[ -n $step ]] || die "no backfill step in $planfile"
        FIG[step]=$step
        FIG[lock_timeout]=$(jq '[.steps[].lockTimeoutMs] | max' "$planfile")
        # Expand once on the template: both copies start after it (column, sync trigger).
        apply_cli "$WORK/expand_$rows.log" "$planfile" "$tmpl" --through expand ||
            die "apply --through expand failed: $(tail -n 20 "$WORK/expand_$rows.log")"
        psql_run "$tmpl" -c "VACUUM (ANALYZE, FREEZE) users"
        copy_db "$tmpl" "bf_$rows"
        copy_db "$tmpl" "bare_$rows"

        log "== $rows rows: bellows-cli apply --step $step"
        psql_run "bf_$rows" -c "CHECKPOINT" >/dev/null
        apply_cli "$WORK/backfill_$rows.log" "$planfile" "bf_$rows" --step "$step" ||
            die "backfill failed: $(tail -n 20 "$WORK/backfill_$rows.log")"
        ms=$(step_ms "$WORK/backfill_$rows.log" "$step")
        [[ -n $ms ]] || die "no 'done in' line for $step in $WORK/backfill_$rows.log"
        grep -E 'row\(s\) updated, .* in [0-9]+ batch' "$WORK/backfill_$rows.log" |
            sed 's/^[0-9]* /   /' || true
        log "== $rows rows: bare UPDATE users SET display_name = full_name"
        bare=$(bare_update_ms "bare_$rows")
        [[ -n $bare ]] || die "the bare UPDATE printed no time"
        FIG[bf_$rows]=$ms
        FIG[bare_$rows]=$bare
        log "   backfill $ms ms, bare UPDATE $bare ms"
        # The copies are not needed any more; keep the 1M template for parts 2 and 3.
        psql_run postgres -c "DROP DATABASE bf_$rows" -c "DROP DATABASE bare_$rows"
        if [[ $rows != "$LOAD_ROWS" ]]; then
            psql_run postgres -c "DROP DATABASE $tmpl"
        fi
    done
}

# Part 2: pgbench load, then the backfill (or the bare UPDATE) after BASELINE seconds.
bench_load() { # KIND (backfill|throttled|bare)
    local kind=$1 db=load_$1 tmpl=tmpl_$LOAD_ROWS prefix expected duration t0 t1 pid rc=0
    copy_db "$tmpl" "$db"
    psql_run "$db" -c "CHECKPOINT" >/dev/null
    cat >"$WORK/pgbench.sql" <<'EOF'
\set id random(1, :nrows)
SELECT full_name FROM users WHERE id = :id;
UPDATE users SET full_name = 'bench ' || :id WHERE id = :id;
EOF
    # Long enough for the baseline, the run at up to 3× its unloaded time, and a tail.
    case $kind in
    backfill) expected=${FIG[bf_$LOAD_ROWS]:-60000} ;;
    throttled) expected=$((2 * ${FIG[bf_$LOAD_ROWS]:-60000})) ;;
    bare) expected=${FIG[bare_$LOAD_ROWS]:-60000} ;;
    esac
    expected=$(((expected + 999) / 1000))
    duration=$((BASELINE + 3 * expected + 10))
    prefix=$WORK/pgb_$kind
    log "== pgbench -c $CLIENTS -R $RATE for ${duration} s on $LOAD_ROWS rows; $kind after ${BASELINE} s"
    (cd "$WORK" && timeout $((duration + 120)) "$PG_BIN/pgbench" -n -h "$SOCK" -p "$PORT" \
        -U bellows -f "$WORK/pgbench.sql" -D nrows="$LOAD_ROWS" -c "$CLIENTS" -j 2 -R "$RATE" \
        -T "$duration" -l --log-prefix="$prefix" "$db" >"$WORK/pgbench_$kind.out" 2>&1) &
    pid=$!
    BG_PIDS+=("$pid")
    sleep "$BASELINE"
    t0=$(now_ms)
    if [[ $kind == backfill ]]; then
        apply_cli "$WORK/load_backfill.log" "$WORK/plan_$LOAD_ROWS.json" "$db" \
            --step "${FIG[step]}" || rc=$?
    elif [[ $kind == throttled ]]; then
        apply_cli "$WORK/load_throttled.log" "$WORK/plan_$LOAD_ROWS.json" "$db" \
            --step "${FIG[step]}" "${THROTTLE[@]}" || rc=$?
    else
        psql_run "$db" -c "UPDATE users SET display_name = full_name" >/dev/null || rc=$?
    fi
    t1=$(now_ms)
    wait "$pid" || log "   pgbench exited $?: $(tail -n 3 "$WORK/pgbench_$kind.out")"
    BG_PIDS=()
    [[ $rc == 0 ]] || log "   the $kind under load failed (exit $rc)"
    FIG[load_${kind}_ms]=$((t1 - t0))
    # Baseline: from 2 s into the run (connections warm) up to the start.
    FIG[load_${kind}_base]=$(pgbench_window "$prefix" $((t0 - 1000 * (BASELINE - 2))) "$t0")
    FIG[load_${kind}_during]=$(pgbench_window "$prefix" "$t0" "$t1")
    log "   $kind took $((t1 - t0)) ms; pgbench p50/p99/max/n baseline: ${FIG[load_${kind}_base]}, during: ${FIG[load_${kind}_during]}"
    grep -E '^(latency|tps|number of failed)' "$WORK/pgbench_$kind.out" | sed 's/^/   pgbench: /' || true
    psql_run postgres -c "DROP DATABASE $db WITH (FORCE)"
}

# Part 3: the probe through the whole seed plan (--gates auto).
bench_probe() {
    local db=probe_db planfile=$WORK/plan_probe.json pid rc=0 max slow_start step
    psql_run postgres -c "CREATE DATABASE $db TEMPLATE tmpl_probe STRATEGY = FILE_COPY"
    make_plan "$db" "$planfile"
    log "== probe every 5 ms while the whole plan runs (--gates auto) on $LOAD_ROWS rows"
    timeout "$TIMEOUT" "$PROBE" "$(conn "$db")" 5 "$LOAD_ROWS" >"$WORK/probe.out" 2>&1 &
    pid=$!
    BG_PIDS+=("$pid")
    sleep 3
    apply_cli "$WORK/probe_apply.log" "$planfile" "$db" --gates auto || rc=$?
    sleep 1
    kill -TERM "$pid" 2>/dev/null || true # timeout passes it on; the probe prints and exits
    wait "$pid" || true
    BG_PIDS=()
    [[ $rc == 0 ]] || log "   apply failed (exit $rc): $(tail -n 5 "$WORK/probe_apply.log")"
    sed 's/^/   /' "$WORK/probe.out"
    max=$(sed -n 's/^PROBE_MAX_MS=//p' "$WORK/probe.out")
    FIG[probe_max]=${max:-n/a}
    FIG[probe_errors]=$(sed -n 's/^PROBE_ERRORS=//p' "$WORK/probe.out")
    FIG[probe_apply_ms]=$(awk 'NR == 1 { a = $1 } { b = $1 } END { print b - a }' "$WORK/probe_apply.log")
    # Which step was running when the slowest statement started?
    slow_start=$(awk '$1 == "slow" { print $2; exit }' "$WORK/probe.out")
    step=""
    if [[ -n $slow_start ]]; then
        step=$(awk -v t="$slow_start" '
            $1 <= t && $2 == "bellows-cli:" && $3 == "step" { s = $4 }
            END { sub(/:$/, "", s); print s }' "$WORK/probe_apply.log")
    fi
    FIG[probe_step]=${step:-before the first step}
    psql_run postgres -c "DROP DATABASE $db WITH (FORCE)"
}

summary() {
    local rows bf bare per_row min_cost="" max_cost="" r
    log ""
    log "== figures (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    printf '%-10s %12s %12s %12s %14s %12s\n' rows "backfill ms" "bare ms" "bf rows/s" \
        "ratio bf/bare" "µs per row"
    for rows in "${SIZES[@]}"; do
        bf=${FIG[bf_$rows]:-}
        bare=${FIG[bare_$rows]:-}
        [[ -n $bf && -n $bare ]] || continue
        per_row=$(awk -v ms="$bf" -v n="$rows" 'BEGIN { printf "%.2f", ms * 1000 / n }')
        printf '%-10s %12s %12s %12s %14s %12s\n' "$rows" "$bf" "$bare" \
            "$(awk -v ms="$bf" -v n="$rows" 'BEGIN { printf "%d", n * 1000 / ms }')" \
            "$(ratio "$bare" "$bf")" "$per_row"
        min_cost=$(awk -v a="${min_cost:-$per_row}" -v b="$per_row" 'BEGIN { print (b < a ? b : a) }')
        max_cost=$(awk -v a="${max_cost:-$per_row}" -v b="$per_row" 'BEGIN { print (b > a ? b : a) }')
    done
    if [[ -n $min_cost ]]; then
        log "throughput ratio = bare UPDATE time / backfill time (target ≥ 0.6)"
        log "per-row cost spread across sizes: max/min = $(ratio "$max_cost" "$min_cost") (target ≤ 1.20)"
    fi
    for r in backfill throttled bare; do
        [[ -n ${FIG[load_${r}_during]:-} ]] || continue
        read -r b50 b99 bmax bn <<<"${FIG[load_${r}_base]}"
        read -r d50 d99 dmax dn <<<"${FIG[load_${r}_during]}"
        printf 'under pgbench (-c %s -R %s), %-9s: %6s ms; client p99 %s ms -> %s ms (x%s), p50 %s -> %s ms, max %s -> %s ms, %s/%s txns\n' \
            "$CLIENTS" "$RATE" "$r" "${FIG[load_${r}_ms]}" "$b99" "$d99" "$(ratio "$d99" "$b99")" \
            "$b50" "$d50" "$bmax" "$dmax" "$bn" "$dn"
    done
    if [[ -n ${FIG[load_backfill_during]:-} ]]; then
        log "target: backfill p99 ≤ 2× baseline; throttled = ${THROTTLE[*]:-none}"
    fi
    if [[ -n ${FIG[probe_max]:-} ]]; then
        log "probe (read/write every 5 ms) through the whole plan on $LOAD_ROWS rows (${FIG[probe_apply_ms]} ms): longest statement ${FIG[probe_max]} ms during ${FIG[probe_step]}, ${FIG[probe_errors]:-?} errors; target ≤ lock_timeout ${FIG[lock_timeout]:-2000} ms"
    fi
}

main() {
    find_tools
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    WORK=$(mktemp -d /tmp/bellows-backfill-bench-XXXXXX)
    chmod 755 "$WORK"
    log "backfill_bench: $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
    log "bellows-cli: $CLI"
    start_cluster
    write_sql
    local have_load=0 rows
    for rows in "${SIZES[@]}"; do [[ $rows == "$LOAD_ROWS" ]] && have_load=1; done
    if [[ $have_load == 0 && ( ${BENCH_SKIP_LOAD:-0} != 1 || ${BENCH_SKIP_PROBE:-0} != 1 ) ]]; then
        SIZES+=("$LOAD_ROWS")
    fi
    bench_sizes
    if [[ ${BENCH_SKIP_LOAD:-0} != 1 ]]; then
        bench_load backfill
        [[ ${#THROTTLE[@]} == 0 ]] || bench_load throttled
        bench_load bare
    fi
    [[ ${BENCH_SKIP_PROBE:-0} == 1 ]] || bench_probe
    summary
}

main "$@"
