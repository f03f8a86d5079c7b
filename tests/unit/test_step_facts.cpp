// An edited step's facts come from its SQL's parse tree and the linter (lint/step_facts.h):
// which relation is locked in which mode and for how long, the work, the hazards, the
// transaction mode and the timeouts the runner will use.

#include "lint/step_facts.h"

#include <QTest>

#include <algorithm>

using namespace bellows;

namespace {

const plan::Lock* lockOn(const lint::StepFacts& facts, const QString& relation)
{
    for (const plan::Lock& lock : facts.locks)
        if (lock.relation == relation)
            return &lock;
    return nullptr;
}

bool hasHazard(const lint::StepFacts& facts, plan::HazardKind kind)
{
    return std::any_of(facts.hazards.begin(), facts.hazards.end(),
                       [&](const plan::Hazard& h) { return h.kind == kind; });
}

} // namespace

class TestStepFacts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void plainIndexBuildHoldsShareForTheBuild()
    {
        const auto facts =
            lint::analyseStepSql(QStringLiteral("CREATE INDEX i ON public.orders(id)"));
        const plan::Lock* lock = lockOn(facts, QStringLiteral("public.orders"));
        QVERIFY(lock);
        QCOMPARE(plan::toString(lock->mode), QStringLiteral("SHARE"));
        QVERIFY(!lock->brief);
        QVERIFY(!facts.outsideTransaction);
        QCOMPARE(plan::toString(facts.work), QStringLiteral("build"));
        QVERIFY(hasHazard(facts, plan::HazardKind::BlocksWrites));
        QCOMPARE(facts.timeouts.lockTimeoutMs, 2000); // SHARE: the short lock_timeout
    }

    void concurrentBuildRunsOutsideATransactionWithoutLockTimeout()
    {
        const auto facts =
            lint::analyseStepSql(QStringLiteral("CREATE INDEX CONCURRENTLY i ON orders(id)"));
        const plan::Lock* lock = lockOn(facts, QStringLiteral("orders"));
        QVERIFY(lock);
        QCOMPARE(plan::toString(lock->mode), QStringLiteral("SHARE UPDATE EXCLUSIVE"));
        QVERIFY(facts.outsideTransaction);
        QVERIFY(hasHazard(facts, plan::HazardKind::OutsideTransaction));
        QCOMPARE(facts.timeouts.lockTimeoutMs, 0);
    }

    void catalogChangeIsBriefAccessExclusive()
    {
        const auto facts =
            lint::analyseStepSql(QStringLiteral("ALTER TABLE public.users ADD COLUMN nick text"));
        const plan::Lock* lock = lockOn(facts, QStringLiteral("public.users"));
        QVERIFY(lock);
        QCOMPARE(plan::toString(lock->mode), QStringLiteral("ACCESS EXCLUSIVE"));
        QVERIFY(lock->brief);
        QVERIFY(hasHazard(facts, plan::HazardKind::AccessExclusiveLock));
        // The runner sets lock_timeout on every step: no finding says otherwise.
        for (const lint::Finding& f : facts.lint.findings)
            QVERIFY2(f.rule != QLatin1String("no-lock-timeout"), qPrintable(f.message));
    }

    void droppingAColumnLosesData()
    {
        const auto facts =
            lint::analyseStepSql(QStringLiteral("ALTER TABLE public.users DROP COLUMN full_name"));
        QVERIFY(hasHazard(facts, plan::HazardKind::DataLoss));
    }

    void severalStatementsKeepTheStrongestLockPerRelation()
    {
        const auto facts = lint::analyseStepSql(QStringLiteral(
            "UPDATE t SET a = 1 WHERE id = 3; LOCK TABLE t IN EXCLUSIVE MODE; DROP TABLE u;"));
        QCOMPARE(facts.locks.size(), size_t(2));
        QCOMPARE(plan::toString(lockOn(facts, QStringLiteral("t"))->mode),
                 QStringLiteral("EXCLUSIVE"));
        QCOMPARE(plan::toString(lockOn(facts, QStringLiteral("u"))->mode),
                 QStringLiteral("ACCESS EXCLUSIVE"));
    }

    void appliedFactsReplaceThePlannersButKeepIrreversible()
    {
        plan::Step step;
        step.sql = QStringLiteral("CREATE INDEX i ON t(x)");
        step.locks = {{plan::LockMode::ShareUpdateExclusive, QStringLiteral("t"), false}};
        step.outsideTransaction = true;
        step.hazards = {{plan::HazardKind::Irreversible, QStringLiteral("no rollback")}};
        lint::applyStepFacts(step, lint::analyseStepSql(step.sql));
        QCOMPARE(plan::toString(step.locks.front().mode), QStringLiteral("SHARE"));
        QVERIFY(!step.outsideTransaction);
        QVERIFY(step.hasHazard(plan::HazardKind::Irreversible));
        QVERIFY(step.hasHazard(plan::HazardKind::BlocksWrites));
    }
};

QTEST_GUILESS_MAIN(TestStepFacts)
#include "test_step_facts.moc"
