#pragma once

// Shared by the runner's integration suites: hand-made plans, bellows-cli apply in the
// background (to kill -9 it or send it SIGINT), and waits that poll observable state (the
// ledger, pg_stat_activity) until a deadline instead of sleeping.

#include "plan/plan.h"
#include "pq/connection.h"
#include "test_database.h"

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace bellows::test {

// ---- plans ---------------------------------------------------------------------------------

plan::Lock lockOn(const QString& relation, plan::LockMode mode);
plan::Step sqlStep(const QString& id, const QString& sql, plan::Phase phase = plan::Phase::Expand,
                   const QString& relation = {},
                   plan::LockMode mode = plan::LockMode::AccessExclusive);
// A keyset backfill of public.<table> over its key "id" (or ctid ranges when `keyless`):
// b = md5(a || ':' || id).
extern const QString kExpected;
plan::Step backfillStep(const QString& id, const QString& table, bool keyless = false);
plan::Plan handPlan(std::vector<plan::Step> steps,
                    const QString& id = QStringLiteral("hand-written-faults"));
QString savedPlan(const QTemporaryDir& dir, const plan::Plan& p,
                  const QString& name = QStringLiteral("plan.json"));

// ---- queries -------------------------------------------------------------------------------

// The first column of the first row as text ("" without rows, "ERROR: …" on failure).
QString scalar(pq::Connection& conn, const QString& sql, const QStringList& params = {});
QString scalar(const TestDatabase& db, const QString& sql);

extern const QString kRunnerSessions; // count of 'bellows runner' sessions in this database
bool noRunnerSession(pq::Connection& conn);
// The runner's backend pid ("" when none).
QString runnerPid(pq::Connection& conn);

// Polls `condition` every 20 ms until it holds or `timeoutMs` pass; with a process, stops
// early (returning the condition) once it has exited.
class CliProcess;
bool waitFor(const std::function<bool()>& condition, int timeoutMs, CliProcess* process = nullptr);

// ---- bellows-cli ---------------------------------------------------------------------------

QStringList applyArgs(const QString& planPath, const TestDatabase& db,
                      const QStringList& extra = {});
ProcessResult apply(const QString& planPath, const TestDatabase& db, const QStringList& extra = {});

// bellows-cli in the background.
class CliProcess {
public:
    explicit CliProcess(const QStringList& args);
    ~CliProcess();
    CliProcess(const CliProcess&) = delete;
    CliProcess& operator=(const CliProcess&) = delete;

    bool started() const { return m_started; }
    qint64 pid() const { return m_process.processId(); }
    bool running();
    void signal(int sig) const;
    // Exit code; -1 when killed by a signal, -2 when it did not finish in time.
    int finish(int timeoutMs = 120000);
    QString out() const { return read(QStringLiteral("out")); }
    QString err() const { return read(QStringLiteral("err")); }
    QString all() const { return err() + out(); }

private:
    QString read(const QString& name) const;

    QTemporaryDir m_dir;
    QProcess m_process;
    bool m_started = false;
};

} // namespace bellows::test
