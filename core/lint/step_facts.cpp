#include "lint/step_facts.h"

#include "lint/statement_class.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace bellows::lint {

namespace {

plan::LockMode modeOf(LockLevel level)
{
    return plan::LockMode(int(level)); // the same modes in the same order
}

const QString kWorkNodes[] = {
    QStringLiteral("IndexStmt"),   QStringLiteral("UpdateStmt"),
    QStringLiteral("DeleteStmt"),  QStringLiteral("InsertStmt"),
    QStringLiteral("MergeStmt"),   QStringLiteral("VacuumStmt"),
    QStringLiteral("ClusterStmt"), QStringLiteral("RefreshMatViewStmt"),
    QStringLiteral("CopyStmt"),
};

// Held for the statement's whole work, not only a catalog update: index builds, statements
// that wait for older transactions, data changes, maintenance.
bool holdsForItsWork(const StatementClass& c)
{
    return c.waitsForOldTransactions || std::find(std::begin(kWorkNodes), std::end(kWorkNodes),
                                                  c.nodeType) != std::end(kWorkNodes);
}

void addLock(std::vector<plan::Lock>& locks, const plan::Lock& lock)
{
    auto it = std::find_if(locks.begin(), locks.end(),
                           [&](const plan::Lock& l) { return l.relation == lock.relation; });
    if (it == locks.end()) {
        locks.push_back(lock);
        return;
    }
    if (int(lock.mode) > int(it->mode))
        it->mode = lock.mode;
    it->brief = it->brief && lock.brief;
}

void addHazard(std::vector<plan::Hazard>& hazards, const plan::Hazard& hazard)
{
    if (std::none_of(hazards.begin(), hazards.end(),
                     [&](const plan::Hazard& h) { return h.kind == hazard.kind; }))
        hazards.push_back(hazard);
}

plan::Work heavier(plan::Work a, plan::Work b)
{
    return int(a) >= int(b) ? a : b;
}

} // namespace

LintOptions stepLintOptions(const plan::Plan& plan)
{
    LintOptions options;
    if (plan.serverVersionNum > 0)
        options.serverVersionNum = plan.serverVersionNum;
    options.runnerSetsTimeouts = true;
    const QJsonArray changes = plan.changeSet.value(QStringLiteral("changes")).toArray();
    for (const QJsonValue& value : changes) {
        const QJsonObject c = value.toObject();
        if (c.value(QStringLiteral("kind")).toString() == QLatin1String("table") &&
            c.value(QStringLiteral("action")).toString() == QLatin1String("added"))
            options.newTables << c.value(QStringLiteral("schema")).toString() + QLatin1Char('.') +
                                     c.value(QStringLiteral("name")).toString();
    }
    return options;
}

StepFacts analyseStepSql(const QString& sql, LintOptions options)
{
    options.runnerSetsTimeouts = true;
    StepFacts facts;
    facts.lint = lintSql(sql, QStringLiteral("step"), options);
    const std::vector<StatementClass> statements = classifyStatements(sql);
    for (const StatementClass& c : statements) {
        if (c.lock == LockLevel::None || c.psqlOnly)
            continue;
        const QString relation =
            c.relation.isEmpty() ? QStringLiteral("(not named)") : c.relation.qualified();
        addLock(facts.locks, {modeOf(c.lock), relation, !holdsForItsWork(c)});
        if (c.nodeType == QLatin1String("IndexStmt"))
            facts.work = heavier(facts.work, plan::Work::Build);
        if (c.nodeType == QLatin1String("UpdateStmt") ||
            c.nodeType == QLatin1String("DeleteStmt") || c.nodeType == QLatin1String("MergeStmt"))
            facts.work = heavier(facts.work, plan::Work::Scan); // rows, not only the catalog
        if (c.lock == LockLevel::AccessExclusive)
            addHazard(facts.hazards,
                      {plan::HazardKind::AccessExclusiveLock,
                       QStringLiteral("ACCESS EXCLUSIVE on %1: every read and write waits")
                           .arg(relation)});
    }
    // The linter's findings know more (a rewrite, a scan under a strong lock, data loss): their
    // locks say how long, their hazards why.
    for (const Finding& f : facts.lint.findings) {
        for (const plan::Lock& lock : f.locks)
            addLock(facts.locks, lock);
        for (const plan::Hazard& hazard : f.hazards)
            addHazard(facts.hazards, hazard);
        facts.work = heavier(facts.work, f.work);
    }
    const ScriptClass script = summarize(statements);
    facts.outsideTransaction = script.outsideTransaction;
    if (facts.outsideTransaction)
        addHazard(facts.hazards, {plan::HazardKind::OutsideTransaction,
                                  QStringLiteral("runs in autocommit: a failure half-way leaves "
                                                 "the statements before it applied")});
    facts.timeouts = timeoutsFor(script, TimeoutPolicy{});
    return facts;
}

void applyStepFacts(plan::Step& step, const StepFacts& facts)
{
    step.locks = facts.locks;
    step.work = facts.work;
    step.outsideTransaction = facts.outsideTransaction;
    step.lockTimeoutMs = facts.timeouts.lockTimeoutMs;
    step.statementTimeoutMs = facts.timeouts.statementTimeoutMs;
    // Hazards that describe the step rather than its SQL stay (the safe side): data the step's
    // plan drops, the running app it breaks, no rollback.
    std::vector<plan::Hazard> hazards = facts.hazards;
    for (const plan::Hazard& h : step.hazards)
        if (h.kind == plan::HazardKind::Irreversible || h.kind == plan::HazardKind::BackfillLoad ||
            h.kind == plan::HazardKind::DataLoss || h.kind == plan::HazardKind::BreaksRunningApp)
            addHazard(hazards, h);
    step.hazards = std::move(hazards);
}

} // namespace bellows::lint
