#include "exec/lock_waits.h"

#include "exec/query_gist.h"
#include "pq/connection.h"

namespace bellows::exec {

namespace {

// One row per blocker of the runner's session (one row with NULL blocker when none).
const char* const kRunnerWaitSql = R"(
SELECT r.pid, r.wait_event_type IS NOT DISTINCT FROM 'Lock', coalesce(r.wait_event, ''),
       coalesce(extract(epoch FROM now() - r.state_change), 0)::float8,
       b.pid, coalesce(b.application_name, ''),
       coalesce(host(b.client_addr), b.client_hostname, 'local socket'), coalesce(b.usename, ''),
       coalesce(b.state, ''), coalesce(b.query, ''),
       coalesce(extract(epoch FROM now() - coalesce(b.xact_start, b.query_start)), 0)::float8
FROM pg_stat_activity r
LEFT JOIN LATERAL unnest(pg_blocking_pids(r.pid)) AS bp(pid) ON true
LEFT JOIN pg_stat_activity b ON b.pid = bp.pid
WHERE r.application_name = 'bellows runner' AND r.datname = current_database()
  AND r.pid <> pg_backend_pid()
ORDER BY r.pid, b.pid)";

} // namespace

Result<std::optional<RunnerWait>> runnerWait(pq::Connection& conn)
{
    auto rows = conn.exec(QString::fromLatin1(kRunnerWaitSql));
    if (!rows)
        return rows.error();
    if (rows->rows() == 0)
        return std::optional<RunnerWait>();
    RunnerWait wait;
    wait.runnerPid = int(rows->int64(0, 0));
    wait.waitingForLock = rows->boolean(0, 1);
    wait.waitEvent = rows->text(0, 2);
    wait.waitingSeconds = rows->text(0, 3).toDouble();
    for (int r = 0; r < rows->rows(); ++r) {
        if (int(rows->int64(r, 0)) != wait.runnerPid || rows->isNull(r, 4))
            continue;
        BlockingSession b;
        b.pid = int(rows->int64(r, 4));
        b.applicationName = rows->text(r, 5);
        b.client = rows->text(r, 6);
        b.user = rows->text(r, 7);
        b.state = rows->text(r, 8);
        b.query = queryGist(rows->text(r, 9));
        b.transactionSeconds = rows->text(r, 10).toDouble();
        wait.blockers.push_back(b);
    }
    return std::optional<RunnerWait>(wait);
}

Result<bool> stopSession(pq::Connection& conn, int pid, int runnerPid, bool terminate)
{
    const QString stop =
        terminate ? QStringLiteral("pg_terminate_backend") : QStringLiteral("pg_cancel_backend");
    auto r = conn.exec(QStringLiteral("SELECT coalesce(bool_or(%1($1::int)), false) "
                                      "WHERE $1::int = ANY (pg_blocking_pids($2::int))")
                           .arg(stop),
                       {QString::number(pid), QString::number(runnerPid)});
    if (!r)
        return r.error();
    return r->rows() == 1 && r->boolean(0, 0);
}

} // namespace bellows::exec
