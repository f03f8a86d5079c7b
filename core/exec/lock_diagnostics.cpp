#include "exec/lock_diagnostics.h"

#include "exec/query_gist.h"
#include "pq/connection.h"

namespace bellows::exec {

namespace {

QString sessionLine(const pq::QueryResult& r, int i)
{
    QString state = r.text(i, 2);
    if (!r.isNull(i, 3))
        state += QStringLiteral(" for %1 s").arg(r.text(i, 3));
    // Someone else's query: its command and relations only (exec/query_gist.h).
    const QString query = queryGist(r.text(i, 4));
    return QStringLiteral("pid %1 (%2, %3)").arg(r.text(i, 0), r.text(i, 1), state) +
           (query.isEmpty() ? QString() : QStringLiteral(": %1").arg(query));
}

const QString kRelations = QStringLiteral(
    "(SELECT to_regclass(x) FROM unnest($1::text[]) AS x WHERE to_regclass(x) IS NOT NULL)");

} // namespace

Result<QStringList> lockHolders(pq::Connection& conn, const QStringList& relations)
{
    auto r = conn.exec(
        QStringLiteral("SELECT a.pid, coalesce(a.usename::text, '?'), coalesce(a.state, '?'), "
                       "extract(epoch FROM now() - a.xact_start)::bigint, coalesce(a.query, ''), "
                       "string_agg(DISTINCT l.mode || ' on ' || l.relation::regclass::text, "
                       "', ') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                       "WHERE l.granted AND l.pid <> pg_backend_pid() AND l.relation IN ") +
            kRelations +
            QStringLiteral(" GROUP BY a.pid, a.usename, a.state, a.xact_start, a.query "
                           "ORDER BY a.xact_start NULLS LAST"),
        {pq::textArrayLiteral(relations)});
    if (!r)
        return r.error();
    QStringList out;
    for (int i = 0; i < r->rows(); ++i) {
        QString line = sessionLine(*r, i);
        line.insert(line.indexOf(QLatin1Char(')')) + 1,
                    QStringLiteral(" holds %1").arg(r->text(i, 5)));
        out << line;
    }
    return out;
}

Result<double> replicaLagSeconds(pq::Connection& conn)
{
    auto r = conn.exec(QStringLiteral("SELECT coalesce(max(extract(epoch FROM replay_lag)), 0) "
                                      "FROM pg_stat_replication"));
    if (!r)
        return r.error();
    return r->real(0, 0);
}

Result<QStringList> preflightWarnings(pq::Connection& conn, const QStringList& relations,
                                      const PreflightLimits& limits)
{
    QStringList warnings;
    // Long transactions anywhere in the database: the strong lock queues behind them, and every
    // query on the table queues behind the strong lock.
    auto longRunning = conn.exec(
        QStringLiteral("SELECT a.pid, coalesce(a.usename::text, '?'), coalesce(a.state, '?'), "
                       "extract(epoch FROM now() - a.xact_start)::bigint, coalesce(a.query, '') "
                       "FROM pg_stat_activity a WHERE a.datname = current_database() AND "
                       "a.pid <> pg_backend_pid() AND a.xact_start < now() - make_interval(secs "
                       "=> $1::int) ORDER BY a.xact_start"),
        {QString::number(limits.longTransactionSeconds)});
    if (!longRunning)
        return longRunning.error();
    for (int i = 0; i < longRunning->rows(); ++i)
        warnings
            << QStringLiteral("long-running transaction: %1").arg(sessionLine(*longRunning, i));

    auto idle = conn.exec(
        QStringLiteral("SELECT DISTINCT a.pid, coalesce(a.usename::text, '?'), a.state, "
                       "extract(epoch FROM now() - a.state_change)::bigint, coalesce(a.query, "
                       "'') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE "
                       "a.state LIKE 'idle in transaction%' AND l.pid <> pg_backend_pid() AND "
                       "l.relation IN ") +
            kRelations,
        {pq::textArrayLiteral(relations)});
    if (!idle)
        return idle.error();
    for (int i = 0; i < idle->rows(); ++i)
        warnings << QStringLiteral("idle-in-transaction session holding a lock on the table: %1")
                        .arg(sessionLine(*idle, i));

    auto lag = replicaLagSeconds(conn);
    if (!lag)
        return lag.error();
    if (*lag > limits.replicaLagSeconds)
        warnings << QStringLiteral("a replica lags %1 s behind").arg(*lag, 0, 'f', 1);
    return warnings;
}

} // namespace bellows::exec
