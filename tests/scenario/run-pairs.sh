#!/usr/bin/env bash
# run-pairs.sh — run folders of before/after schema pairs through bellows-cli and print
# per-family convergence.
#
# Usage:
#   run-pairs.sh [--cli PATH] [--conninfo BASE] [--jobs N] [--timeout S]
#                [--filter REGEX] [--logs DIR] [--keep-dbs] [--quiet] [--oracle] FOLDER...
#
# Each FOLDER is either one case folder or a folder holding case folders (searched
# recursively; a case folder is any folder with both before.sql and after.sql, and its own
# subfolders are not searched). A case folder holds:
#
#   before.sql   required: the live schema, loaded with psql -v ON_ERROR_STOP=1
#   after.sql    required: the target schema (a complete schema file)
#   data.sql     optional: rows, loaded after before.sql (then ANALYZE)
#   args         optional: extra `bellows-cli plan` options, one per line; the first word is
#                the option and the rest of the line its value
#                (`--fill public.t.c=coalesce(a, 'x')`); blank lines and # lines are ignored
#   checks.sql   optional: one query per line, each must return a single `true` after apply;
#                blank lines and -- lines are ignored
#   expect       optional: first line `blocking` when refusing is the only right answer: the
#                case passes when `plan` exits 2 and every further line appears in the plan's
#                output. Otherwise every line (after an optional first line `converge`) is
#                text the converging plan's output must contain.
#
# For each case: a fresh database, before.sql (+ data.sql, ANALYZE), plan (-o plan.json,
# with args), apply --yes --gates auto, diff --exit-code, a row-count comparison (every
# ordinary table that is not a partition before and after keeps its row count, counted
# with ONLY so inheritance children do not count; partitioned tables and partitions are
# left to checks.sql, since rows may legitimately move between partitions or go with a
# dropped one), then checks.sql. The whole case is bounded by --timeout (default 300 s).
# The database is dropped afterwards unless --keep-dbs.
#
# Family: the case folder's name before `__` (`partition__attach_with_default` ->
# `partition`), or the parent folder's name when the name has no `__`.
#
# Output: one line per case, `PASS`/`FAIL` + the stage that failed (load, plan, apply, diff,
# rows, check, timeout; oracle with --oracle) + the first error line; then a table per
# family: cases, converged, refused-as-expected, failed, and totals. The full output of
# every command is written to --logs DIR (default: a new folder under /tmp, printed at the
# end). Exit 0 only when every case passes; 1 when a case fails; 64 on a usage error.
#
# Options:
#   --cli PATH        bellows-cli to run (default: $BELLOWS_CLI, else bellows-cli on PATH)
#   --conninfo BASE   libpq conninfo of the server the test databases are created on,
#                     without dbname (key=value form or a postgresql:// URI; default: the
#                     PG* environment); `dbname=...` is appended per case
#   --jobs N          cases run at once (default 1)
#   --timeout S       seconds per case, everything included (default 300)
#   --filter REGEX    only cases whose folder name matches REGEX
#   --logs DIR        where each case's command output goes (DIR/<case>/*.log)
#   --keep-dbs        keep each case's database (named bp_<case>, at most 63 bytes)
#   --quiet           print only failing cases and the table
#   --oracle          check the cases themselves instead of Bellows: run the case's optional
#                     oracle.sql (plain DDL from before to after, locks and all) in place of
#                     plan + apply, then the same diff, row counts and checks. Blocking cases
#                     and cases without oracle.sql are skipped (counted as passing, stage
#                     `skipped`)
#
# Needs python3 (standard library only) and psql on PATH.
#
# Example:
#   tests/scenario/run-pairs.sh --cli /tmp/bellows-snapshot/bellows-cli \
#       --conninfo 'host=/tmp/cases-pg port=5433 user=postgres' tests/scenario/cases

exec python3 - "$@" <<'PYTHON'
import argparse
import concurrent.futures
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

PROG = "run-pairs.sh"


def parse_args():
    p = argparse.ArgumentParser(prog=PROG, description="Run before/after schema pairs through bellows-cli.")
    p.add_argument("--cli", default=os.environ.get("BELLOWS_CLI") or shutil.which("bellows-cli"))
    p.add_argument("--conninfo", default="")
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--timeout", type=float, default=300.0)
    p.add_argument("--filter", default=None)
    p.add_argument("--logs", default=None)
    p.add_argument("--keep-dbs", action="store_true")
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--oracle", action="store_true")
    p.add_argument("folders", nargs="+")
    a = p.parse_args()
    if not a.cli or not os.access(a.cli, os.X_OK):
        p.error("no runnable bellows-cli: pass --cli PATH or set BELLOWS_CLI")
    if a.jobs < 1:
        p.error("--jobs must be at least 1")
    if not shutil.which("psql"):
        p.error("psql is not on PATH")
    return a


def with_dbname(base, dbname):
    """The conninfo BASE pointed at database dbname."""
    if base.startswith("postgres://") or base.startswith("postgresql://"):
        u = urllib.parse.urlsplit(base)
        return urllib.parse.urlunsplit((u.scheme, u.netloc, "/" + urllib.parse.quote(dbname), u.query, u.fragment))
    base = re.sub(r"(^|\s)dbname\s*=\s*('(?:[^'\\]|\\.)*'|\S+)", " ", base).strip()
    return (base + " " if base else "") + "dbname=" + dbname


def find_cases(folders):
    cases = []
    for folder in folders:
        folder = os.path.abspath(folder)
        if not os.path.isdir(folder):
            print(f"{PROG}: {folder}: not a folder", file=sys.stderr)
            sys.exit(64)
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            if "before.sql" in files and "after.sql" in files:
                cases.append(root)
                dirs[:] = []
    seen, out = set(), []
    for c in cases:
        if c not in seen:
            seen.add(c)
            out.append(c)
    return out


def family_of(case_dir):
    name = os.path.basename(case_dir)
    if "__" in name:
        return name.split("__", 1)[0]
    return os.path.basename(os.path.dirname(case_dir))


def lines_of(path, comment):
    if not os.path.exists(path):
        return []
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            t = line.strip()
            if t and not t.startswith(comment):
                out.append(t)
    return out


class Timeout(Exception):
    pass


class Runner:
    def __init__(self, args):
        self.args = args
        self.logs = args.logs or tempfile.mkdtemp(prefix="run-pairs-")
        os.makedirs(self.logs, exist_ok=True)
        self.lock = threading.Lock()
        self.used_names = set()

    def db_name(self, case_dir):
        base = re.sub(r"[^a-z0-9_]", "_", os.path.basename(case_dir).lower())
        name = "bp_" + base
        if len(name) > 55:
            name = name[:46] + "_" + hashlib.md5(case_dir.encode()).hexdigest()[:8]
        with self.lock:
            n, i = name, 1
            while n in self.used_names:
                i += 1
                n = f"{name}_{i}"
            self.used_names.add(n)
        return n

    def run(self, cmd, deadline, log, stdin_file=None):
        """Run cmd with what is left of the case's time; returns (rc, out, err)."""
        left = deadline - time.monotonic()
        if left <= 0:
            raise Timeout("case time used up before: " + " ".join(cmd[:2]))
        stdin = open(stdin_file, "rb") if stdin_file else subprocess.DEVNULL
        try:
            proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    start_new_session=True)
            try:
                out, err = proc.communicate(timeout=left)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                out, err = proc.communicate()
                self.write_log(log, cmd, -9, out, err)
                raise Timeout(f"timed out after {self.args.timeout:g} s in: {os.path.basename(cmd[0])} {cmd[1] if len(cmd) > 1 else ''}")
        finally:
            if stdin_file:
                stdin.close()
        out = out.decode("utf-8", "replace")
        err = err.decode("utf-8", "replace")
        self.write_log(log, cmd, proc.returncode, out, err)
        return proc.returncode, out, err

    @staticmethod
    def write_log(log, cmd, rc, out, err):
        with open(log, "a", encoding="utf-8") as f:
            f.write("$ " + " ".join(cmd) + "\n")
            f.write(out)
            if err:
                f.write("--- stderr\n" + err)
            f.write(f"--- exit {rc}\n\n")

    def psql(self, conn, deadline, log, file=None, command=None):
        cmd = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", conn]
        cmd += ["-f", file] if file else ["-c", command]
        return self.run(cmd, deadline, log)

    def row_counts(self, conn, deadline, log):
        q = ("SELECT format('%I.%I', n.nspname, c.relname) || '=' || "
             "(xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM ONLY %I.%I', "
             "n.nspname, c.relname), false, true, '')))[1]::text "
             "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE c.relkind = 'r' AND NOT c.relispartition "
             "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' "
             "ORDER BY 1")
        rc, out, err = self.psql(conn, deadline, log, command=q)
        if rc != 0:
            return None, first_error(err, out)
        counts = {}
        for line in out.splitlines():
            if "=" in line:
                k, v = line.rsplit("=", 1)
                counts[k] = int(v)
        return counts, None

    def run_case(self, case_dir):
        name = os.path.basename(case_dir)
        log_dir = os.path.join(self.logs, name)
        if os.path.exists(log_dir):
            log_dir = os.path.join(self.logs, name + "_" + hashlib.md5(case_dir.encode()).hexdigest()[:6])
        os.makedirs(log_dir, exist_ok=True)
        result = {"case": case_dir, "name": name, "family": family_of(case_dir), "logs": log_dir}
        deadline = time.monotonic() + self.args.timeout
        db = self.db_name(case_dir)
        admin = with_dbname(self.args.conninfo, "postgres")
        conn = with_dbname(self.args.conninfo, db)
        setup_log = os.path.join(log_dir, "setup.log")
        started = time.monotonic()
        try:
            self.psql(admin, deadline, setup_log, command=f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
            rc, out, err = self.psql(admin, deadline, setup_log, command=f'CREATE DATABASE "{db}"')
            if rc != 0:
                return self.fail(result, "load", "create database: " + first_error(err, out))
            result.update(self.stages(case_dir, conn, deadline, log_dir))
        except Timeout as t:
            result.update(status="FAIL", stage="timeout", message=str(t))
        finally:
            result["seconds"] = time.monotonic() - started
            if not self.args.keep_dbs:
                try:
                    self.run(["psql", "-X", "-q", "-d", admin, "-c", f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'],
                             time.monotonic() + 60, setup_log)
                except Timeout:
                    pass
        return result

    @staticmethod
    def fail(result, stage, message):
        result.update(status="FAIL", stage=stage, message=message)
        return result

    def stages(self, case_dir, conn, deadline, log_dir):
        r = {}
        cli = self.args.cli
        load_log = os.path.join(log_dir, "load.log")
        for f in ("before.sql", "data.sql"):
            path = os.path.join(case_dir, f)
            if f == "data.sql" and not os.path.exists(path):
                continue
            rc, out, err = self.psql(conn, deadline, load_log, file=path)
            if rc != 0:
                return self.fail(r, "load", f + ": " + first_error(err, out))
        self.psql(conn, deadline, load_log, command="ANALYZE")
        counts_before, e = self.row_counts(conn, deadline, load_log)
        if e:
            return self.fail(r, "load", "row count: " + e)

        args = []
        for line in lines_of(os.path.join(case_dir, "args"), "#"):
            opt, _, value = line.partition(" ")
            args.append(opt)
            if value.strip():
                args.append(value.strip())
        expect = lines_of(os.path.join(case_dir, "expect"), "#")
        blocking = bool(expect) and expect[0] == "blocking"
        if expect and expect[0] in ("blocking", "converge"):
            expect = expect[1:]

        plan_file = os.path.join(log_dir, "plan.json")
        after = os.path.join(case_dir, "after.sql")
        if self.args.oracle:
            oracle = os.path.join(case_dir, "oracle.sql")
            if blocking or not os.path.exists(oracle):
                r.update(status="PASS", stage="skipped", message="")
                return r
            rc, out, err = self.psql(conn, deadline, os.path.join(log_dir, "oracle.log"), file=oracle)
            if rc != 0:
                return self.fail(r, "oracle", first_error(err, out))
            return self.after_apply(r, case_dir, conn, deadline, log_dir, after, counts_before)
        rc, out, err = self.run([cli, "plan", "--db", conn, "--target", after, "-o", plan_file] + args,
                                deadline, os.path.join(log_dir, "plan.log"))
        # With -o the text rendering still goes to stdout (findings, decisions, steps).
        plan_output = out + "\n" + err
        missing = [t for t in expect if t not in plan_output]
        if blocking:
            if rc == 2 and not missing:
                r.update(status="PASS", stage="refused", message="refused as expected")
                return r
            if rc == 2:
                return self.fail(r, "plan", "refused, but the output lacks: " + missing[0])
            if rc == 0:
                return self.fail(r, "plan", "expected a blocking refusal, the plan was accepted")
            return self.fail(r, "plan", exit_text(rc) + ": " + first_error(err, out))
        if rc != 0:
            msg = first_blocking(out) if rc == 2 else None
            return self.fail(r, "plan", exit_text(rc) + ": " + (msg or first_error(err, out)))
        if missing:
            return self.fail(r, "plan", "plan output lacks: " + missing[0])

        rc, out, err = self.run([cli, "apply", plan_file, "--db", conn, "--yes", "--gates", "auto"],
                                deadline, os.path.join(log_dir, "apply.log"))
        if rc != 0:
            return self.fail(r, "apply", exit_text(rc) + ": " + first_error(err, out))

        return self.after_apply(r, case_dir, conn, deadline, log_dir, after, counts_before)

    def after_apply(self, r, case_dir, conn, deadline, log_dir, after, counts_before):
        cli = self.args.cli
        rc, out, err = self.run([cli, "diff", "--db", conn, "--target", after, "--exit-code"],
                                deadline, os.path.join(log_dir, "diff.log"))
        if rc != 0:
            return self.fail(r, "diff", exit_text(rc) + ": " + first_difference(out, err))

        check_log = os.path.join(log_dir, "checks.log")
        counts_after, e = self.row_counts(conn, deadline, check_log)
        if e:
            return self.fail(r, "rows", e)
        for table, n in sorted(counts_before.items()):
            if table in counts_after and counts_after[table] != n:
                return self.fail(r, "rows", f"{table}: {n} rows before, {counts_after[table]} after")

        for q in lines_of(os.path.join(case_dir, "checks.sql"), "--"):
            rc, out, err = self.psql(conn, deadline, check_log, command=q)
            if rc != 0:
                return self.fail(r, "check", first_error(err, out) + " :: " + q)
            if out.strip() != "t":
                return self.fail(r, "check", f"returned {out.strip()!r}: " + q)
        r.update(status="PASS", stage="converged", message="")
        return r


def exit_text(rc):
    if rc < 0:
        try:
            return f"killed by signal {-rc} ({signal.Signals(-rc).name})"
        except ValueError:
            return f"killed by signal {-rc}"
    return f"exit {rc}"


def first_error(err, out=""):
    for text in (err, out):
        for line in text.splitlines():
            l = line.strip()
            if re.search(r"error|fatal|failed|cannot|refus", l, re.I):
                return l[:300]
    for text in (err, out):
        for line in text.splitlines():
            if line.strip():
                return line.strip()[:300]
    return "(no output)"


def first_blocking(text):
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if "[BLOCKING]" in line:
            return line.strip()[:300]
    return None


def first_difference(out, err):
    """The first line naming a difference (after the diff's summary and legend), with its
    first detail line when the difference is an object whose parts differ."""
    lines = out.splitlines()
    for i, line in enumerate(lines):
        l = line.strip()
        if (not l or l.startswith("Schema diff") or l.startswith("Differences (")
                or re.match(r"^[A-Z][A-Za-z ]+: \d+ identical", l)):
            continue
        if i + 1 < len(lines) and lines[i + 1].startswith(" ") and lines[i + 1].strip():
            l += " / " + " ".join(lines[i + 1].split())
        return l[:300]
    return first_error(err, out)


def main():
    args = parse_args()
    cases = find_cases(args.folders)
    if args.filter:
        rx = re.compile(args.filter)
        cases = [c for c in cases if rx.search(os.path.basename(c))]
    if not cases:
        print(f"{PROG}: no case folders (with before.sql and after.sql) found", file=sys.stderr)
        return 64
    runner = Runner(args)
    width = max(len(os.path.basename(c)) for c in cases)
    results = []

    def report(res):
        results.append(res)
        if args.quiet and res["status"] == "PASS":
            return
        tail = res["stage"] if res["status"] == "PASS" else f"{res['stage']}: {res['message']}"
        print(f"{res['status']} {res['name']:<{width}}  {tail}", flush=True)

    if args.jobs == 1:
        for c in cases:
            report(runner.run_case(c))
    else:
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            futures = [pool.submit(runner.run_case, c) for c in cases]
            for fut in concurrent.futures.as_completed(futures):
                report(fut.result())

    families = {}
    for res in results:
        f = families.setdefault(res["family"], [0, 0, 0, 0])
        f[0] += 1
        if res["status"] == "PASS" and res["stage"] in ("converged", "skipped"):
            f[1] += 1
        elif res["status"] == "PASS":
            f[2] += 1
        else:
            f[3] += 1
    fw = max([len("family"), len("total")] + [len(k) for k in families])
    print()
    header = f"{'family':<{fw}}  {'cases':>5}  {'converged':>9}  {'refused-as-expected':>19}  {'failed':>6}"
    print(header)
    print("-" * len(header))
    tot = [0, 0, 0, 0]
    for k in sorted(families):
        v = families[k]
        print(f"{k:<{fw}}  {v[0]:>5}  {v[1]:>9}  {v[2]:>19}  {v[3]:>6}")
        tot = [a + b for a, b in zip(tot, v)]
    print("-" * len(header))
    print(f"{'total':<{fw}}  {tot[0]:>5}  {tot[1]:>9}  {tot[2]:>19}  {tot[3]:>6}")
    passed = tot[1] + tot[2]
    print(f"\n{passed}/{tot[0]} cases pass ({tot[1]} converged, {tot[2]} refused as expected), {tot[3]} fail; logs in {runner.logs}")
    return 0 if tot[3] == 0 else 1


sys.exit(main())
PYTHON
