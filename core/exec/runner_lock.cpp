#include "exec/runner_lock.h"

#include "pq/connection.h"

namespace bellows::exec {

namespace {

// Two-key form: pg_locks shows it as classid/objid, so the holder can be looked up exactly.
constexpr const char* kKeys = "1111837772, 1"; // "BELL", runner

} // namespace

Result<bool> tryLockRunner(pq::Connection& conn, QString* holder)
{
    auto taken =
        conn.exec(QStringLiteral("SELECT pg_try_advisory_lock(%1)").arg(QLatin1String(kKeys)));
    if (!taken)
        return taken.error();
    if (taken->boolean(0, 0))
        return true;

    auto who = conn.exec(QStringLiteral(
        "SELECT l.pid, coalesce(a.usename::text, '?'), "
        "coalesce(host(a.client_addr), 'local socket'), "
        "to_char(coalesce(r.started_at, a.backend_start), 'YYYY-MM-DD HH24:MI:SS TZ'), "
        "coalesce(r.os_user, ''), coalesce(r.client_host, ''), coalesce(r.plan_id, '') "
        "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
        "LEFT JOIN bellows.ledger_runs r ON r.backend_pid = l.pid AND r.outcome = 'running' "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 1111837772 AND "
        "l.objid = 1 AND l.objsubid = 2 AND l.database = "
        "(SELECT oid FROM pg_database WHERE datname = current_database()) LIMIT 1"));
    if (!who || who->rows() == 0) {
        *holder = QStringLiteral("another session (it could not be identified)");
        return false;
    }
    QString text = QStringLiteral("backend pid %1, database user %2 from %3, since %4")
                       .arg(who->text(0, 0), who->text(0, 1), who->text(0, 2), who->text(0, 3));
    if (!who->text(0, 4).isEmpty())
        text += QStringLiteral(", OS user %1 on host %2").arg(who->text(0, 4), who->text(0, 5));
    if (!who->text(0, 6).isEmpty())
        text += QStringLiteral(", running plan %1").arg(who->text(0, 6));
    *holder = text;
    return false;
}

RunnerLockRelease::~RunnerLockRelease()
{
    // Best effort: a broken session cannot unlock, and its end releases the lock anyway.
    (void)m_conn.exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(QLatin1String(kKeys)));
}

} // namespace bellows::exec
