#include "exec/run_status.h"

#include "pq/connection.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace bellows::exec {

namespace {

int phaseRank(const QString& phase)
{
    bool ok = false;
    const plan::Phase p = plan::phaseFromString(phase, &ok);
    return ok ? int(p) : -1;
}

Result<PlanStatus> planStatus(Ledger& ledger, const QString& planId, const plan::Plan* plan)
{
    PlanStatus status;
    status.planId = planId;
    auto steps = ledger.latestSteps(planId);
    if (!steps)
        return steps.error();
    int reached = -1;
    for (const auto& [id, record] : *steps) {
        if (record.status == QLatin1String("done")) {
            ++status.stepsDone;
            if (phaseRank(record.phase) > reached) {
                reached = phaseRank(record.phase);
                status.phaseReached = record.phase;
            }
        } else if (record.status == QLatin1String("failed") ||
                   record.status == QLatin1String("cancelled")) {
            status.failedSteps.push_back(record);
        } else if (record.status == QLatin1String("running")) {
            status.runningStep = record;
        }
    }
    // The backfill a runner is on, or the one an interrupted run left half done.
    for (const auto& [id, record] : *steps) {
        if (record.status == QLatin1String("done") || record.status == QLatin1String("rolled_back"))
            continue;
        auto checkpoint = ledger.checkpointTotal(planId, id);
        if (!checkpoint)
            return checkpoint.error();
        if (*checkpoint && !(*checkpoint)->finished) {
            status.backfill = **checkpoint;
            status.backfillStepId = id;
        }
    }
    if (plan && plan->id == planId) {
        status.stepsTotal = int(plan->steps.size());
        for (const plan::Step& s : plan->steps) {
            const auto it = steps->find(s.id);
            if (it == steps->end() || it->second.status != QLatin1String("done")) {
                status.nextStepId = s.id;
                status.nextStepTitle = s.title;
                break;
            }
        }
    }
    return status;
}

QJsonObject stepJson(const StepRecord& s)
{
    QJsonObject o{{QStringLiteral("stepId"), s.stepId},
                  {QStringLiteral("phase"), s.phase},
                  {QStringLiteral("title"), s.title},
                  {QStringLiteral("status"), s.status},
                  {QStringLiteral("attempts"), s.attempts},
                  {QStringLiteral("runId"), double(s.runId)},
                  {QStringLiteral("startedAt"), s.startedAt.toString(Qt::ISODateWithMs)}};
    if (!s.error.isEmpty())
        o.insert(QStringLiteral("error"), s.error);
    if (!s.sqlState.isEmpty())
        o.insert(QStringLiteral("sqlState"), s.sqlState);
    return o;
}

QString percent(qint64 done, qint64 total)
{
    return total > 0 ? QStringLiteral(" (%1 %)").arg(std::min<qint64>(100, done * 100 / total))
                     : QString();
}

} // namespace

Result<DatabaseStatus> readStatus(const QString& conninfo, const plan::Plan* plan, int maxRuns)
{
    pq::ConnectOptions options;
    options.readOnly = true;
    options.origin = pq::Origin::Ledger;
    auto conn = pq::Connection::open(conninfo, options);
    if (!conn)
        return conn.error();
    DatabaseStatus status;
    auto exists = Ledger::exists(**conn);
    if (!exists)
        return exists.error();
    status.hasLedger = *exists;
    if (!status.hasLedger) {
        if (plan) {
            PlanStatus p;
            p.planId = plan->id;
            p.stepsTotal = int(plan->steps.size());
            if (!plan->steps.empty()) {
                p.nextStepId = plan->steps.front().id;
                p.nextStepTitle = plan->steps.front().title;
            }
            status.plans.push_back(p);
        }
        return status;
    }
    auto version = (*conn)->exec(QStringLiteral("SELECT max(version) FROM bellows.ledger_version"));
    if (!version)
        return version.error();
    status.ledgerVersion = int(version->int64(0, 0));
    Ledger ledger(**conn);
    auto runs = ledger.runs(maxRuns);
    if (!runs)
        return runs.error();
    status.runs = *runs;
    // A run still marked running whose session no longer holds the runner lock was killed:
    // say so now rather than when the next apply notices.
    auto live = (*conn)->exec(QStringLiteral(
        "SELECT coalesce(array_agg(pid), '{}') FROM pg_locks WHERE locktype = 'advisory' AND "
        "granted AND classid = 1111837772 AND objid = 1 AND objsubid = 2 AND database = "
        "(SELECT oid FROM pg_database WHERE datname = current_database())"));
    if (!live)
        return live.error();
    const QStringList holders = live->textArray(0, 0);
    QSet<qint64> deadRuns;
    for (RunRecord& r : status.runs)
        if (r.outcome == QLatin1String("running") &&
            !holders.contains(QString::number(r.backendPid))) {
            r.outcome = QStringLiteral("interrupted");
            r.message = QStringLiteral("the runner stopped without finishing (killed or "
                                       "disconnected)");
            deadRuns.insert(r.id);
        }
    QStringList planIds;
    if (plan)
        planIds << plan->id;
    for (const RunRecord& r : status.runs)
        if (!planIds.contains(r.planId))
            planIds << r.planId;
    for (const QString& id : planIds) {
        auto p = planStatus(ledger, id, plan);
        if (!p)
            return p.error();
        if (p->runningStep && deadRuns.contains(p->runningStep->runId)) {
            p->runningStep->status = QStringLiteral("interrupted");
            p->failedSteps.push_back(*p->runningStep);
            p->runningStep.reset();
        }
        for (const RunRecord& r : status.runs)
            if (r.planId == id) {
                p->lastRunId = r.id;
                p->lastOutcome = r.outcome;
                break;
            }
        status.plans.push_back(*p);
    }
    return status;
}

namespace {

// Who ran a run (apply/rollback --as); null when the ledger does not know (version 1).
QJsonValue executorJson(const review::Identity& executor)
{
    if (executor.isEmpty())
        return QJsonValue();
    return QJsonObject{{QStringLiteral("name"), executor.name},
                       {QStringLiteral("email"), executor.email}};
}

QString runLine(const RunRecord& r)
{
    // The executor is who the people running it say they are; the database and OS users are
    // what the connection was, so both are shown.
    const QString who = r.executor.isEmpty()
                            ? QStringLiteral("%1 (%2@%3)").arg(r.dbUser, r.osUser, r.host)
                            : QStringLiteral("%1 (database user %2, %3@%4)")
                                  .arg(r.executor.display(), r.dbUser, r.osUser, r.host);
    return QStringLiteral("  #%1 %2 plan %3 by %4 %5%6\n")
        .arg(r.id)
        .arg(r.startedAt.toString(Qt::ISODate), r.planId, who, r.outcome,
             r.message.isEmpty() ? QString() : QStringLiteral(": ") + r.message);
}

} // namespace

QJsonObject toJson(const DatabaseStatus& status)
{
    QJsonArray runs;
    for (const RunRecord& r : status.runs)
        runs.append(QJsonObject{
            {QStringLiteral("id"), double(r.id)},
            {QStringLiteral("planId"), r.planId},
            {QStringLiteral("planFingerprint"), r.planFingerprint},
            {QStringLiteral("outcome"), r.outcome},
            {QStringLiteral("message"), r.message},
            {QStringLiteral("dbUser"), r.dbUser},
            {QStringLiteral("osUser"), r.osUser},
            {QStringLiteral("host"), r.host},
            {QStringLiteral("backendPid"), r.backendPid},
            {QStringLiteral("executor"), executorJson(r.executor)},
            {QStringLiteral("startedAt"), r.startedAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("finishedAt"),
             r.finishedAt.isValid() ? r.finishedAt.toString(Qt::ISODateWithMs) : QString()}});
    QJsonArray plans;
    for (const PlanStatus& p : status.plans) {
        QJsonArray failed;
        for (const StepRecord& s : p.failedSteps)
            failed.append(stepJson(s));
        QJsonObject o{{QStringLiteral("planId"), p.planId},
                      {QStringLiteral("stepsDone"), p.stepsDone},
                      {QStringLiteral("phaseReached"), p.phaseReached},
                      {QStringLiteral("lastRunId"), double(p.lastRunId)},
                      {QStringLiteral("lastOutcome"), p.lastOutcome},
                      {QStringLiteral("failedSteps"), failed}};
        if (p.stepsTotal >= 0) {
            o.insert(QStringLiteral("stepsTotal"), p.stepsTotal);
            o.insert(QStringLiteral("nextStep"),
                     p.nextStepId.isEmpty() ? QJsonValue() : QJsonValue(p.nextStepId));
        }
        if (p.runningStep)
            o.insert(QStringLiteral("runningStep"), stepJson(*p.runningStep));
        if (p.backfill)
            o.insert(
                QStringLiteral("backfill"),
                QJsonObject{
                    {QStringLiteral("stepId"), p.backfillStepId},
                    {QStringLiteral("rowsDone"), double(p.backfill->rowsDone)},
                    {QStringLiteral("rowsEstimated"), double(p.backfill->rowsEstimated)},
                    {QStringLiteral("batches"), double(p.backfill->batches)},
                    {QStringLiteral("lastKey"), QJsonArray::fromStringList(p.backfill->lastKey)}});
        plans.append(o);
    }
    return QJsonObject{{QStringLiteral("ledger"), status.hasLedger},
                       {QStringLiteral("ledgerVersion"), status.ledgerVersion},
                       {QStringLiteral("runs"), runs},
                       {QStringLiteral("plans"), plans}};
}

QString renderText(const DatabaseStatus& status)
{
    QString out;
    if (!status.hasLedger)
        out +=
            QStringLiteral("No Bellows run recorded in this database (no schema \"bellows\").\n");
    for (const PlanStatus& p : status.plans) {
        out += QStringLiteral("Plan %1\n").arg(p.planId);
        if (p.lastRunId > 0)
            out += QStringLiteral("  last run: #%1, %2\n").arg(p.lastRunId).arg(p.lastOutcome);
        out += QStringLiteral("  steps done: %1%2\n")
                   .arg(p.stepsDone)
                   .arg(p.stepsTotal >= 0 ? QStringLiteral(" of %1").arg(p.stepsTotal) : QString());
        if (!p.phaseReached.isEmpty())
            out += QStringLiteral("  phase reached: %1\n").arg(p.phaseReached);
        if (p.runningStep)
            out += QStringLiteral("  running now: %1 (%2)\n")
                       .arg(p.runningStep->stepId, p.runningStep->title);
        if (p.backfill)
            out += QStringLiteral("  backfill %1: %2 row(s) updated in %3 batch(es), %4 of about "
                                  "%5 rows looked at%6\n")
                       .arg(p.backfillStepId)
                       .arg(p.backfill->rowsDone)
                       .arg(p.backfill->batches)
                       .arg(p.backfill->lastKey.isEmpty()
                                ? QStringLiteral("none")
                                : QStringLiteral("up to key (%1)")
                                      .arg(p.backfill->lastKey.join(QStringLiteral(", "))))
                       .arg(p.backfill->rowsEstimated)
                       .arg(percent(p.backfill->rowsDone, p.backfill->rowsEstimated));
        for (const StepRecord& s : p.failedSteps)
            out += QStringLiteral("  %1: %2 (%3)%4\n")
                       .arg(s.status, s.stepId, s.title,
                            s.error.isEmpty() ? QString() : QStringLiteral(": ") + s.error);
        if (!p.nextStepId.isEmpty())
            out += QStringLiteral("  next step: %1 (%2)\n").arg(p.nextStepId, p.nextStepTitle);
        else if (p.stepsTotal >= 0)
            out += QStringLiteral("  every step is done\n");
    }
    if (!status.runs.empty()) {
        out += QStringLiteral("Recent runs:\n");
        for (const RunRecord& r : status.runs)
            out += runLine(r);
    }
    return out;
}

} // namespace bellows::exec
