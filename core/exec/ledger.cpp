#include "exec/ledger.h"

#include "common/version.h"
#include "exec/ledger_schema.h"
#include "pq/connection.h"
#include "sql/quote.h"

#include <QCryptographicHash>
#include <QProcessEnvironment>

#include <pwd.h>
#include <unistd.h>

namespace bellows::exec {

namespace {

// The ledger's statements show in the log as "ledger", whatever the connection was doing.
class OriginScope {
public:
    OriginScope(pq::Connection& conn, pq::Origin origin) : m_conn(conn), m_saved(conn.origin())
    {
        m_conn.setOrigin(origin);
    }
    ~OriginScope() { m_conn.setOrigin(m_saved); }
    OriginScope(const OriginScope&) = delete;
    OriginScope& operator=(const OriginScope&) = delete;

private:
    pq::Connection& m_conn;
    pq::Origin m_saved;
};

QString osUser()
{
    const auto env = QProcessEnvironment::systemEnvironment();
    QString user = env.value(QStringLiteral("USER"));
    if (user.isEmpty())
        user = env.value(QStringLiteral("LOGNAME"));
    if (user.isEmpty())
        if (const passwd* pw = getpwuid(getuid()))
            user = QString::fromLocal8Bit(pw->pw_name);
    return user.isEmpty() ? QString::number(getuid()) : user;
}

QString hostName()
{
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0)
        return {};
    return QString::fromLocal8Bit(name);
}

QDateTime timestamp(const pq::QueryResult& r, int row, int col)
{
    if (r.isNull(row, col))
        return {};
    return QDateTime::fromString(r.text(row, col), Qt::ISODateWithMs);
}

QString orNull(qint64 value)
{
    return value < 0 ? QString() : QString::number(value);
}

} // namespace

QString sha256Hex(const QString& text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString planFingerprint(const plan::Plan& plan)
{
    QString all;
    for (const plan::Step& s : plan.steps)
        all += s.id + QLatin1Char('\x1f') + plan::toString(s.phase) + QLatin1Char('\x1f') + s.sql +
               QLatin1Char('\x1e');
    return sha256Hex(all);
}

Result<pq::QueryResult> Ledger::run(const QString& sql, const QStringList& params)
{
    OriginScope scope(m_conn, pq::Origin::Ledger);
    return params.isEmpty() ? m_conn.exec(sql) : m_conn.exec(sql, params);
}

Result<bool> Ledger::exists(pq::Connection& conn)
{
    auto r = conn.exec(QStringLiteral("SELECT to_regclass('bellows.ledger_version') IS NOT NULL"));
    if (!r)
        return r.error();
    return r->boolean(0, 0);
}

Status Ledger::ensureSchema()
{
    // One transaction under a transaction-level advisory lock: two first runs at once must not
    // both create the schema.
    auto begin = run(QStringLiteral("BEGIN"));
    if (!begin)
        return begin.error();
    auto fail = [&](Error e) -> Status {
        (void)run(QStringLiteral("ROLLBACK"));
        e.message =
            QStringLiteral("cannot set up the Bellows ledger (schema \"bellows\") in %1: %2")
                .arg(m_conn.describe(), e.message);
        return e;
    };
    const QStringList setup = {
        QStringLiteral("SET LOCAL lock_timeout = '10s'"),
        QStringLiteral("SELECT pg_advisory_xact_lock(hashtext('bellows.ledger.schema'))"),
        QStringLiteral("CREATE SCHEMA IF NOT EXISTS bellows"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS bellows.ledger_version ("
                       "version integer NOT NULL, "
                       "upgraded_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                       "bellows_version text)"),
    };
    for (const QString& sql : setup)
        if (auto r = run(sql); !r)
            return fail(r.error());
    auto version =
        run(QStringLiteral("SELECT coalesce(max(version), 0) FROM bellows.ledger_version"));
    if (!version)
        return fail(version.error());
    const int current = int(version->int64(0, 0));
    const int latest = ledgerSchemaVersion();
    if (current > latest) {
        Error e;
        e.message = QStringLiteral("the ledger was written by a newer Bellows (ledger version %1; "
                                   "this one knows up to %2)")
                        .arg(current)
                        .arg(latest);
        e.hint = QStringLiteral("upgrade Bellows");
        return fail(e);
    }
    for (int v = current; v < latest; ++v) {
        if (auto r = run(ledgerMigrations().at(v)); !r)
            return fail(r.error());
        if (auto r = run(QStringLiteral("INSERT INTO bellows.ledger_version (version, "
                                        "bellows_version) VALUES ($1, $2)"),
                         {QString::number(v + 1), QStringLiteral(BELLOWS_VERSION)});
            !r)
            return fail(r.error());
    }
    if (auto r = run(QStringLiteral("COMMIT")); !r)
        return fail(r.error());
    return {};
}

Status Ledger::keepLedgerOffSearchPath()
{
    auto r = run(QStringLiteral("SELECT current_schemas(false)"));
    if (!r)
        return r.error();
    const QStringList schemas = r->textArray(0, 0);
    if (!schemas.contains(QLatin1String("bellows")))
        return {};
    QStringList kept;
    for (const QString& schema : schemas)
        if (schema != QLatin1String("bellows"))
            kept << sql::quoteIdent(schema);
    // An empty path would leave only pg_catalog: unqualified names then fail loudly.
    auto set =
        run(QStringLiteral("SET search_path = %1")
                .arg(kept.isEmpty() ? QStringLiteral("''") : kept.join(QStringLiteral(", "))));
    if (!set)
        return set.error();
    return {};
}

Result<qint64> Ledger::startRun(const plan::Plan& plan, const review::Identity& executor)
{
    auto r = run(QStringLiteral("INSERT INTO bellows.ledger_runs (plan_id, plan_fingerprint, "
                                "source_fingerprint, target_description, os_user, client_host, "
                                "client_pid, bellows_version, executor_name, executor_email, "
                                "db_session_user) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, nullif($9, ''), "
                                "nullif($10, ''), session_user) RETURNING id"),
                 {plan.id, planFingerprint(plan), plan.sourceFingerprint, plan.targetDescription,
                  osUser(), hostName(), QString::number(getpid()), QStringLiteral(BELLOWS_VERSION),
                  executor.name, executor.email});
    if (!r)
        return r.error();
    return r->int64(0, 0);
}

Status Ledger::finishRun(qint64 runId, const QString& outcome, const QString& message)
{
    auto r =
        run(QStringLiteral("UPDATE bellows.ledger_runs SET outcome = $2, message = nullif($3, ''), "
                           "finished_at = clock_timestamp() WHERE id = $1"),
            {QString::number(runId), outcome, message});
    if (!r)
        return r.error();
    return {};
}

Status Ledger::recordRunSignature(qint64 runId, const QString& signature, const QString& signer)
{
    auto r = run(QStringLiteral("UPDATE bellows.ledger_runs SET run_signature = $2, run_signer = "
                                "$3, run_signature_status = 'valid' WHERE id = $1"),
                 {QString::number(runId), signature, signer});
    if (!r)
        return r.error();
    return {};
}

Status Ledger::closeAbandonedRuns()
{
    const QStringList sql = {
        QStringLiteral(
            "UPDATE bellows.ledger_steps s SET status = 'failed', finished_at = "
            "clock_timestamp(), error = 'the runner stopped without finishing the step "
            "(killed or disconnected)' FROM bellows.ledger_runs r WHERE r.id = s.run_id AND "
            "r.outcome = 'running' AND s.status = 'running' AND r.backend_pid <> "
            "pg_backend_pid()"),
        QStringLiteral("UPDATE bellows.ledger_runs SET outcome = 'interrupted', finished_at = "
                       "clock_timestamp(), message = 'the runner stopped without finishing "
                       "(killed or disconnected)' WHERE outcome = 'running' AND backend_pid <> "
                       "pg_backend_pid()"),
    };
    for (const QString& s : sql)
        if (auto r = run(s); !r)
            return r.error();
    return {};
}

Result<std::map<QString, StepRecord>> Ledger::latestSteps(const QString& planId)
{
    auto r =
        run(QStringLiteral(
                "SELECT DISTINCT ON (step_id) run_id, step_id, status, sql_sha256, attempts, "
                "statements_done, rows, error, sqlstate, "
                "to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
                "to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
                "phase, title, coalesce(to_jsonb(ledger_steps) ->> 'step_digest', '') "
                "FROM bellows.ledger_steps WHERE plan_id = $1 ORDER BY step_id, started_at DESC"),
            {planId});
    if (!r)
        return r.error();
    std::map<QString, StepRecord> out;
    for (int i = 0; i < r->rows(); ++i) {
        StepRecord s;
        s.runId = r->int64(i, 0);
        s.stepId = r->text(i, 1);
        s.status = r->text(i, 2);
        s.sqlSha256 = r->text(i, 3);
        s.attempts = int(r->int64(i, 4));
        s.statementsDone = int(r->int64(i, 5));
        s.rows = r->isNull(i, 6) ? -1 : r->int64(i, 6);
        s.error = r->text(i, 7);
        s.sqlState = r->text(i, 8);
        s.startedAt = timestamp(*r, i, 9);
        s.finishedAt = timestamp(*r, i, 10);
        s.phase = r->text(i, 11);
        s.title = r->text(i, 12);
        s.stepDigest = r->text(i, 13);
        out[s.stepId] = s;
    }
    return out;
}

Status Ledger::stepStarted(qint64 runId, const plan::Step& step, int attempt, int statementsDone,
                           const QString& redoReason, const QString& stepDigest)
{
    auto r = run(
        QStringLiteral("INSERT INTO bellows.ledger_steps (run_id, plan_id, step_id, phase, title, "
                       "sql_sha256, attempts, statements_done, status, rollback_sha256, "
                       "redo_reason, step_digest) "
                       "SELECT $1, plan_id, $2, $3, $4, $5, $6, $7, 'running', $8, nullif($9, ''), "
                       "nullif($10, '') "
                       "FROM bellows.ledger_runs "
                       "WHERE id = $1 "
                       "ON CONFLICT (run_id, step_id) DO UPDATE SET attempts = EXCLUDED.attempts, "
                       "status = 'running', error = NULL, sqlstate = NULL, finished_at = NULL"),
        {QString::number(runId), step.id, plan::toString(step.phase), step.title,
         sha256Hex(step.sql), QString::number(attempt), QString::number(statementsDone),
         sha256Hex(step.rollbackSql), redoReason, stepDigest});
    if (!r)
        return r.error();
    return {};
}

QString Ledger::stepDoneSql() const
{
    return QStringLiteral("UPDATE bellows.ledger_steps SET status = 'done', finished_at = "
                          "clock_timestamp(), rows = nullif($3, '')::bigint, error = NULL, "
                          "sqlstate = NULL WHERE run_id = $1 AND step_id = $2");
}

QStringList Ledger::stepDoneParams(qint64 runId, const QString& stepId, qint64 rows) const
{
    return {QString::number(runId), stepId, orNull(rows)};
}

Status Ledger::stepDone(qint64 runId, const QString& stepId, qint64 rows)
{
    auto r = run(stepDoneSql(), stepDoneParams(runId, stepId, rows));
    if (!r)
        return r.error();
    return {};
}

Status Ledger::stepFailed(qint64 runId, const QString& stepId, const QString& status,
                          const Error& error)
{
    auto r = run(QStringLiteral("UPDATE bellows.ledger_steps SET status = $3, finished_at = "
                                "clock_timestamp(), error = $4, sqlstate = nullif($5, '') "
                                "WHERE run_id = $1 AND step_id = $2"),
                 {QString::number(runId), stepId, status, error.message, error.sqlState});
    if (!r)
        return r.error();
    return {};
}

Status Ledger::statementsDone(qint64 runId, const QString& stepId, int count)
{
    auto r = run(QStringLiteral("UPDATE bellows.ledger_steps SET statements_done = $3 "
                                "WHERE run_id = $1 AND step_id = $2"),
                 {QString::number(runId), stepId, QString::number(count)});
    if (!r)
        return r.error();
    return {};
}

Status Ledger::recordApprovals(qint64 runId, const review::ReviewRecord& record,
                               const review::StepReview& review)
{
    for (const review::ApprovalUse& use : review.uses) {
        if (!use.counts)
            continue;
        const review::Approval& a = record.approvals.at(size_t(use.approvalIndex));
        const review::ReviewedStep* reviewed = a.reviewed(review.stepId);
        if (!reviewed)
            continue;
        auto r = run(QStringLiteral(
                         "INSERT INTO bellows.ledger_approvals (run_id, plan_id, step_id, "
                         "approval_id, approver_name, approver_email, role, verdict, approved_at, "
                         "sql_sha256, rollback_sha256, comment, signature, signature_status) "
                         "SELECT $1, plan_id, $2, $3, coalesce($4, ''), coalesce($5, ''), $6, $7, "
                         "$8, coalesce($9, ''), $10, nullif($11, ''), "
                         "nullif($12, ''), $13 FROM bellows.ledger_runs WHERE id = $1 "
                         "ON CONFLICT (run_id, step_id, approval_id) DO NOTHING"),
                     {QString::number(runId), review.stepId, a.id, a.approver.name,
                      a.approver.email, review::toString(a.role), review::toString(a.verdict), a.at,
                      reviewed->sqlSha256, reviewed->rollbackSha256, a.comment, a.signature,
                      review::toString(use.signature)});
        if (!r)
            return r.error();
    }
    return {};
}

Status Ledger::markRolledBack(const QString& planId, const QString& stepId)
{
    auto r = run(QStringLiteral("UPDATE bellows.ledger_steps SET status = 'rolled_back' "
                                "WHERE plan_id = $1 AND step_id = $2 AND status = 'done'"),
                 {planId, stepId});
    if (!r)
        return r.error();
    if (auto c = run(QStringLiteral("DELETE FROM bellows.ledger_checkpoints WHERE plan_id = $1 AND "
                                    "step_id = $2"),
                     {planId, stepId});
        !c)
        return c.error();
    return {};
}

Status Ledger::event(qint64 runId, const QString& stepId, const QString& kind,
                     const QString& message, const QString& sql, qint64 durationMs,
                     const QString& sqlState)
{
    auto r = run(
        QStringLiteral("INSERT INTO bellows.ledger_events (run_id, step_id, kind, message, sql, "
                       "duration_ms, sqlstate) VALUES (nullif($1, '')::bigint, "
                       "nullif($2, ''), $3, $4, nullif($5, ''), nullif($6, '')::bigint, "
                       "nullif($7, ''))"),
        {runId > 0 ? QString::number(runId) : QString(), stepId, kind, message, sql,
         orNull(durationMs), sqlState});
    if (!r)
        return r.error();
    return {};
}

Result<QStringList> Ledger::passedGates(const QString& planId)
{
    auto r = run(QStringLiteral("SELECT DISTINCT e.step_id FROM bellows.ledger_events e JOIN "
                                "bellows.ledger_runs r ON r.id = e.run_id WHERE r.plan_id = $1 "
                                "AND e.kind = 'gate_passed'"),
                 {planId});
    if (!r)
        return r.error();
    QStringList out;
    for (int i = 0; i < r->rows(); ++i)
        out << r->text(i, 0);
    return out;
}

Status Ledger::gatePassed(qint64 runId, const QString& gateId, const QString& title)
{
    return event(runId, gateId, QStringLiteral("gate_passed"),
                 QStringLiteral("gate passed: %1").arg(title));
}

namespace {

Checkpoint checkpointFrom(const pq::QueryResult& r, int row)
{
    Checkpoint c;
    c.lastKey = r.isNull(row, 0) ? QStringList() : r.textArray(row, 0);
    c.rowsDone = r.int64(row, 1);
    c.batches = r.int64(row, 2);
    c.rowsEstimated = r.isNull(row, 3) ? -1 : r.int64(row, 3);
    c.batchRows = r.isNull(row, 4) ? 0 : int(r.int64(row, 4));
    c.finished = r.boolean(row, 5);
    return c;
}

} // namespace

Result<std::vector<Checkpoint>> Ledger::checkpoints(const QString& planId, const QString& stepId)
{
    auto r = run(QStringLiteral("SELECT last_key, rows_done, batches, rows_estimated, batch_rows, "
                                "finished, part FROM bellows.ledger_checkpoints WHERE plan_id = "
                                "$1 AND step_id = $2 ORDER BY part"),
                 {planId, stepId});
    if (!r)
        return r.error();
    std::vector<Checkpoint> out;
    for (int i = 0; i < r->rows(); ++i) {
        Checkpoint c = checkpointFrom(*r, i);
        c.part = r->text(i, 6);
        out.push_back(c);
    }
    return out;
}

Result<std::optional<Checkpoint>> Ledger::checkpointTotal(const QString& planId,
                                                          const QString& stepId)
{
    // No mention of `part`: a version-2 ledger (one row per step) reads the same way.
    auto r = run(QStringLiteral(
                     "SELECT (SELECT last_key FROM bellows.ledger_checkpoints c WHERE c.plan_id = "
                     "$1 AND c.step_id = $2 ORDER BY c.updated_at DESC LIMIT 1), "
                     "coalesce(sum(rows_done), 0), coalesce(sum(batches), 0), sum(rows_estimated), "
                     "max(batch_rows), coalesce(bool_and(finished), false), count(*) "
                     "FROM bellows.ledger_checkpoints WHERE plan_id = $1 AND step_id = $2"),
                 {planId, stepId});
    if (!r)
        return r.error();
    if (r->rows() == 0 || r->int64(0, 6) == 0)
        return std::optional<Checkpoint>();
    return std::optional<Checkpoint>(checkpointFrom(*r, 0));
}

Status Ledger::finishCheckpoint(const QString& planId, const QString& stepId, const QString& part)
{
    auto r = run(
        QStringLiteral("INSERT INTO bellows.ledger_checkpoints (plan_id, step_id, part, "
                       "finished) VALUES ($1, $2, coalesce($3, ''), true) ON CONFLICT (plan_id, "
                       "step_id, part) DO UPDATE SET finished = true, updated_at = "
                       "clock_timestamp()"),
        {planId, stepId, part});
    if (!r)
        return r.error();
    return {};
}

Status Ledger::resetCheckpoints(const QString& planId, const QString& stepId)
{
    auto r = run(QStringLiteral("DELETE FROM bellows.ledger_checkpoints WHERE plan_id = $1 AND "
                                "step_id = $2"),
                 {planId, stepId});
    if (!r)
        return r.error();
    return {};
}

Result<std::map<QString, QString>> Ledger::objectStates(const QString& planId)
{
    auto r = run(QStringLiteral("SELECT object, coalesce(description, '') FROM "
                                "bellows.ledger_object_states WHERE plan_id = $1"),
                 {planId});
    if (!r)
        return r.error();
    std::map<QString, QString> out;
    for (int i = 0; i < r->rows(); ++i)
        out[r->text(i, 0)] = r->text(i, 1);
    return out;
}

Status Ledger::recordObjectStates(const QString& planId, const QString& afterStep,
                                  const std::map<QString, QString>& states)
{
    for (const auto& [object, description] : states) {
        auto r = run(QStringLiteral("INSERT INTO bellows.ledger_object_states (plan_id, object, "
                                    "description, after_step) VALUES ($1, $2, nullif($3, ''), "
                                    "nullif($4, '')) ON CONFLICT (plan_id, object) DO UPDATE SET "
                                    "description = EXCLUDED.description, after_step = "
                                    "EXCLUDED.after_step, recorded_at = clock_timestamp()"),
                     {planId, object, description, afterStep});
        if (!r)
            return r.error();
    }
    return {};
}

Result<std::vector<RunRecord>> Ledger::runs(int limit)
{
    auto r =
        run(QStringLiteral(
                "SELECT id, plan_id, plan_fingerprint, db_user, coalesce(os_user, ''), "
                "coalesce(client_host, ''), backend_pid, "
                "to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
                "to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
                "outcome, coalesce(message, ''), "
                // Through to_jsonb so a version-1 ledger (no executor columns) reads too:
                // status never upgrades the schema.
                "coalesce(to_jsonb(r) ->> 'executor_name', ''), "
                "coalesce(to_jsonb(r) ->> 'executor_email', '') "
                "FROM bellows.ledger_runs r ORDER BY id DESC LIMIT $1"),
            {QString::number(limit)});
    if (!r)
        return r.error();
    std::vector<RunRecord> out;
    for (int i = 0; i < r->rows(); ++i) {
        RunRecord run;
        run.id = r->int64(i, 0);
        run.planId = r->text(i, 1);
        run.planFingerprint = r->text(i, 2);
        run.dbUser = r->text(i, 3);
        run.osUser = r->text(i, 4);
        run.host = r->text(i, 5);
        run.backendPid = int(r->int64(i, 6));
        run.startedAt = timestamp(*r, i, 7);
        run.finishedAt = timestamp(*r, i, 8);
        run.outcome = r->text(i, 9);
        run.message = r->text(i, 10);
        run.executor = {r->text(i, 11), r->text(i, 12)};
        out.push_back(run);
    }
    return out;
}

} // namespace bellows::exec
