#include "runner_harness.h"

#include "exec/backfill_batches.h"
#include "plan/plan_file.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QThread>

#include <csignal>
#include <sys/types.h>

namespace bellows::test {

const QString kExpected = QStringLiteral("md5(a::text || ':' || id::text)");

const QString kRunnerSessions =
    QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                   "application_name = 'bellows runner'");

plan::Lock lockOn(const QString& relation, plan::LockMode mode)
{
    plan::Lock l;
    l.mode = mode;
    l.relation = relation;
    return l;
}

plan::Step sqlStep(const QString& id, const QString& sql, plan::Phase phase,
                   const QString& relation, plan::LockMode mode)
{
    plan::Step s;
    s.id = id;
    s.phase = phase;
    s.title = QStringLiteral("step ") + id;
    s.sql = sql;
    s.lockTimeoutMs = 2000;
    s.statementTimeoutMs = 60000;
    if (!relation.isEmpty())
        s.locks = {lockOn(relation, mode)};
    return s;
}

plan::Step backfillStep(const QString& id, const QString& table, bool keyless)
{
    plan::Backfill b;
    b.schema = QStringLiteral("public");
    b.table = table;
    if (!keyless)
        b.keyColumns = {QStringLiteral("id")};
    b.setClause = QStringLiteral("b = ") + kExpected;
    b.pendingPredicate = QStringLiteral("b IS DISTINCT FROM ") + kExpected;
    b.batchRows = 1000;
    plan::Step s;
    s.id = id;
    s.phase = plan::Phase::Backfill;
    s.title = QStringLiteral("fill %1.b in batches").arg(table);
    s.sql = exec::backfillStatementText(b);
    s.backfill = b;
    s.lockTimeoutMs = 2000;
    s.statementTimeoutMs = 60000;
    s.locks = {lockOn(QStringLiteral("public.") + table, plan::LockMode::RowExclusive)};
    return s;
}

plan::Plan handPlan(std::vector<plan::Step> steps, const QString& id)
{
    plan::Plan p;
    p.id = id;
    p.steps = std::move(steps);
    return p;
}

QString savedPlan(const QTemporaryDir& dir, const plan::Plan& p, const QString& name)
{
    const QString path = dir.filePath(name);
    const auto saved = plan::savePlan(p, path);
    return saved.ok() ? path : QString();
}

QString scalar(pq::Connection& conn, const QString& sql, const QStringList& params)
{
    auto r = params.isEmpty() ? conn.exec(sql) : conn.exec(sql, params);
    if (!r)
        return QStringLiteral("ERROR: ") + r.error().message;
    return r->rows() ? r->text(0, 0) : QString();
}

QString scalar(const TestDatabase& db, const QString& sql)
{
    auto conn = db.connect();
    return scalar(*conn, sql);
}

bool noRunnerSession(pq::Connection& conn)
{
    return scalar(conn, kRunnerSessions) == QLatin1String("0");
}

QString runnerPid(pq::Connection& conn)
{
    return scalar(conn, QStringLiteral("SELECT pid FROM pg_stat_activity WHERE datname = "
                                       "current_database() AND application_name = 'bellows "
                                       "runner'"));
}

bool waitFor(const std::function<bool()>& condition, int timeoutMs, CliProcess* process)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (condition())
            return true;
        if (process && !process->running())
            return condition();
        QThread::msleep(20);
    }
    return condition();
}

QStringList applyArgs(const QString& planPath, const TestDatabase& db, const QStringList& extra)
{
    return QStringList{QStringLiteral("apply"), planPath,
                       QStringLiteral("--db"),  db.conninfo(),
                       QStringLiteral("--yes"), QStringLiteral("--gates"),
                       QStringLiteral("auto")} +
           extra;
}

ProcessResult apply(const QString& planPath, const TestDatabase& db, const QStringList& extra)
{
    return runCli(applyArgs(planPath, db, extra));
}

CliProcess::CliProcess(const QStringList& args)
{
    m_process.setStandardOutputFile(m_dir.filePath(QStringLiteral("out")));
    m_process.setStandardErrorFile(m_dir.filePath(QStringLiteral("err")));
    m_process.start(tool(QStringLiteral("bellows-cli")), args);
    m_started = m_process.waitForStarted(30000);
}

CliProcess::~CliProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
}

bool CliProcess::running()
{
    if (m_process.state() == QProcess::NotRunning)
        return false;
    return !m_process.waitForFinished(0) && m_process.state() != QProcess::NotRunning;
}

void CliProcess::signal(int sig) const
{
    ::kill(pid_t(m_process.processId()), sig);
}

int CliProcess::finish(int timeoutMs)
{
    if (m_process.state() != QProcess::NotRunning && !m_process.waitForFinished(timeoutMs))
        return -2;
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QString CliProcess::read(const QString& name) const
{
    QFile f(m_dir.filePath(name));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace bellows::test
