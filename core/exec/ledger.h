#pragma once

// The runner's record in the target database (schema `bellows`): every run, every step attempt
// with its SQL's SHA-256, backfill checkpoints, the state of the objects a plan touches (for
// drift checks) and an events log. The audit trail lives with the data, and a re-run knows
// what is already done.

#include "common/result.h"
#include "plan/plan.h"
#include "pq/query_result.h"
#include "review/review_evaluation.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace bellows::pq {
class Connection;
}

namespace bellows::exec {

QString sha256Hex(const QString& text);
// Identifies a plan's content: step ids, phases and SQL, in order.
QString planFingerprint(const plan::Plan& plan);

struct StepRecord {
    qint64 runId = 0;
    QString stepId;
    QString phase;
    QString title;
    QString status; // running, done, failed, cancelled, rolled_back
    QString sqlSha256;
    QString stepDigest; // plan::stepDigest when it ran (empty in ledgers before version 4)
    int attempts = 0;
    int statementsDone = 0;
    qint64 rows = -1;
    QString error;
    QString sqlState;
    QDateTime startedAt;
    QDateTime finishedAt;
};

struct Checkpoint {
    QString part;        // the leaf partition it walks (qualified); '' for a plain table
    QStringList lastKey; // keyset position (text per key column) or {"page"} for ctid ranges
    qint64 rowsDone = 0;
    qint64 batches = 0;
    qint64 rowsEstimated = -1;
    int batchRows = 0;
    bool finished = false;
};

struct RunRecord {
    qint64 id = 0;
    QString planId;
    QString planFingerprint;
    QString dbUser;
    QString osUser;
    QString host;
    int backendPid = 0;
    QDateTime startedAt;
    QDateTime finishedAt;
    QString outcome;
    QString message;
    review::Identity executor; // who ran it (apply/rollback --as); empty before ledger version 2
};

class Ledger {
public:
    explicit Ledger(pq::Connection& conn) : m_conn(conn) {}

    // Creates the schema on first use and upgrades an older one; refuses a newer one.
    Status ensureSchema();
    // Whether this database has a ledger at all (read-only; for status).
    static Result<bool> exists(pq::Connection& conn);

    // A role named "bellows" has the ledger schema first in its search_path ("$user"): steps
    // with unqualified names must not land in it. Removes the schema from this session's path.
    Status keepLedgerOffSearchPath();

    // The executor is who runs the plan (apply --as), recorded beside the OS and database user.
    Result<qint64> startRun(const plan::Plan& plan, const review::Identity& executor = {});
    Status finishRun(qint64 runId, const QString& outcome, const QString& message);
    // Runs still marked running whose session is gone (the runner died): marked interrupted,
    // with their running steps. Call only while holding the runner lock.
    Status closeAbandonedRuns();
    // The run's own signature, verified for `signer` before anything ran.
    Status recordRunSignature(qint64 runId, const QString& signature, const QString& signer);

    // The latest record of each step of a plan, across all runs.
    Result<std::map<QString, StepRecord>> latestSteps(const QString& planId);
    // `redoReason`: apply --redo runs a done step again, and says why (recorded with the run's
    // executor). `stepDigest`: what the approvals bound (plan::stepDigest), kept with the record.
    Status stepStarted(qint64 runId, const plan::Step& step, int attempt, int statementsDone,
                       const QString& redoReason = {}, const QString& stepDigest = {});
    // The statement (and its parameters) that marks a step done; runs inside the step's own
    // transaction, so a transactional step and its record commit together.
    QString stepDoneSql() const;
    QStringList stepDoneParams(qint64 runId, const QString& stepId, qint64 rows) const;
    Status stepDone(qint64 runId, const QString& stepId, qint64 rows);
    Status stepFailed(qint64 runId, const QString& stepId, const QString& status,
                      const Error& error);
    Status statementsDone(qint64 runId, const QString& stepId, int count);
    // The approvals a step runs on (those that count in `review`), with the hashes they bound.
    Status recordApprovals(qint64 runId, const review::ReviewRecord& record,
                           const review::StepReview& review);
    Status markRolledBack(const QString& planId, const QString& stepId);

    Status event(qint64 runId, const QString& stepId, const QString& kind, const QString& message,
                 const QString& sql = {}, qint64 durationMs = -1, const QString& sqlState = {});

    // Gates a person (or --gates auto) passed in earlier runs of this plan.
    Result<QStringList> passedGates(const QString& planId);
    Status gatePassed(qint64 runId, const QString& gateId, const QString& title);

    // Every part's checkpoint of a backfill step (a leaf partition each, or one with part ''
    // for a plain table).
    Result<std::vector<Checkpoint>> checkpoints(const QString& planId, const QString& stepId);
    // Every part of a step together: rows and batches summed, the latest position, finished
    // when every part is (read-only and ledger-version independent: status uses it).
    Result<std::optional<Checkpoint>> checkpointTotal(const QString& planId, const QString& stepId);
    // The part was walked to its end (created finished when it had no batch at all).
    Status finishCheckpoint(const QString& planId, const QString& stepId, const QString& part);
    // apply --redo of a backfill: it starts over.
    Status resetCheckpoints(const QString& planId, const QString& stepId);

    // Object descriptions as recorded for drift checks (object -> description; empty: absent).
    Result<std::map<QString, QString>> objectStates(const QString& planId);
    Status recordObjectStates(const QString& planId, const QString& afterStep,
                              const std::map<QString, QString>& states);

    Result<std::vector<RunRecord>> runs(int limit);

private:
    Result<pq::QueryResult> run(const QString& sql, const QStringList& params = {});

    pq::Connection& m_conn;
};

} // namespace bellows::exec
