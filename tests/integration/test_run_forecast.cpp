// Runner::forecast: what a run would decide (refusals, out-of-order --step, steps already done),
// read from the database without writing to it. The app's confirmation dialog shows it before
// anything is typed, so it must agree with what run() then does, and it must leave no trace.

#include "exec/runner.h"
#include "review/review_actions.h"
#include "runner_harness.h"
#include "test_database.h"

#include <QTest>

using namespace bellows;
using namespace bellows::test;

namespace {

const review::Identity kAlice{QStringLiteral("Alice"), QStringLiteral("alice@example.com")};

// a, then b (depends on a), then a gate, then c in the contract phase.
plan::Plan orderedPlan()
{
    plan::Step b = sqlStep(QStringLiteral("b"), QStringLiteral("CREATE TABLE b (x int)"));
    b.dependsOn = {QStringLiteral("a")};
    plan::Step c = sqlStep(QStringLiteral("c"), QStringLiteral("CREATE TABLE c (x int)"),
                           plan::Phase::Contract);
    plan::Plan p =
        handPlan({sqlStep(QStringLiteral("a"), QStringLiteral("CREATE TABLE a (x int)")), b, c},
                 QStringLiteral("forecast-order"));
    plan::Gate gate;
    gate.id = QStringLiteral("gate:drain");
    gate.title = QStringLiteral("Old versions drained");
    gate.before = plan::Phase::Contract;
    p.gates = {gate};
    return p;
}

exec::ApplyOptions onlyStep(const QString& id)
{
    exec::ApplyOptions options;
    options.onlyStep = id;
    options.autoGates = true;
    return options;
}

exec::RunForecast forecastOf(const plan::Plan& p, const TestDatabase& db,
                             const exec::ApplyOptions& options)
{
    exec::Runner runner(p, db.conninfo(), options);
    auto forecast = runner.forecast();
    if (!forecast)
        qFatal("forecast failed: %s", qPrintable(forecast.error().toString()));
    return *forecast;
}

QString refusalOfRun(const plan::Plan& p, const TestDatabase& db, const exec::ApplyOptions& o)
{
    auto report = exec::applyPlan(p, db.conninfo(), o);
    if (!report)
        return QStringLiteral("ERROR: ") + report.error().message;
    return report->outcome == exec::ApplyReport::Outcome::Refused ? report->message : QString();
}

} // namespace

class TestRunForecast : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void outOfOrderStepIsForeseenAndNothingIsWritten()
    {
        TestDatabase db(QStringLiteral("forecast_order"));
        const plan::Plan p = orderedPlan();
        const exec::RunForecast early = forecastOf(p, db, onlyStep(QStringLiteral("c")));
        QVERIFY(!early.hasLedger);
        QCOMPARE(early.toRun, QStringList{QStringLiteral("c")});
        QCOMPARE(early.outOfOrder.size(), 1); // c has no dependency; the gate is not passed
        QVERIFY(early.outOfOrder.first().contains(QStringLiteral("gate:drain")));
        QVERIFY2(early.refusal.isEmpty(), qPrintable(early.refusal));
        // Read-only: no ledger schema, no table of the plan.
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regnamespace('bellows') IS NULL AND "
                                           "to_regclass('c') IS NULL")),
                 QStringLiteral("t"));
        // The runner refuses with the same reasons.
        const QString refused = refusalOfRun(p, db, onlyStep(QStringLiteral("c")));
        QVERIFY2(refused.contains(early.outOfOrder.first()), qPrintable(refused));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('c') IS NULL")),
                 QStringLiteral("t"));
    }

    void doneStepsAndPassedGatesComeFromTheLedger()
    {
        TestDatabase db(QStringLiteral("forecast_done"));
        const plan::Plan p = orderedPlan();
        const QString bEarly =
            forecastOf(p, db, onlyStep(QStringLiteral("b"))).outOfOrder.join(QLatin1Char(';'));
        QVERIFY2(bEarly.contains(QStringLiteral("step a it depends on is not done")),
                 qPrintable(bEarly));
        exec::ApplyOptions expand;
        expand.through = plan::Phase::Expand;
        auto ran = exec::applyPlan(p, db.conninfo(), expand);
        QVERIFY2(ran && ran->stepsRun.size() == 2, ran ? "" : qPrintable(ran.error().toString()));

        exec::ApplyOptions all;
        all.autoGates = true;
        const exec::RunForecast whole = forecastOf(p, db, all);
        QVERIFY(whole.hasLedger);
        QCOMPARE(whole.alreadyDone, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(whole.toRun, QStringList{QStringLiteral("c")});
        QCOMPARE(whole.records.at(QStringLiteral("a")).status, QStringLiteral("done"));
        QVERIFY(whole.records.at(QStringLiteral("a")).finishedAt.isValid());
        QVERIFY(whole.passedGates.isEmpty());
        QVERIFY(forecastOf(p, db, onlyStep(QStringLiteral("b"))).outOfOrder.isEmpty());

        // Past the gate, c is in order.
        auto rest = exec::applyPlan(p, db.conninfo(), all);
        QVERIFY(rest && rest->stepsRun == QStringList{QStringLiteral("c")});
        const exec::RunForecast after = forecastOf(p, db, all);
        QVERIFY(after.toRun.isEmpty());
        QCOMPARE(after.passedGates, QStringList{QStringLiteral("gate:drain")});
    }

    void reviewRefusalIsForeseen()
    {
        TestDatabase db(QStringLiteral("forecast_review"));
        plan::Plan p = orderedPlan();
        review::Policy policy;
        policy.defaultRequired = 1;
        QVERIFY(review::setPolicy(p, policy, kAlice).ok());
        exec::ApplyOptions options;
        options.executor = kAlice;
        const exec::RunForecast forecast = forecastOf(p, db, options);
        QVERIFY2(forecast.refusal.contains(QStringLiteral("review policy")),
                 qPrintable(forecast.refusal));
        QCOMPARE(refusalOfRun(p, db, options), forecast.refusal);
    }

    void driftBeforeTheFirstStepIsForeseen()
    {
        TestDatabase db(QStringLiteral("forecast_drift"));
        plan::Plan p = orderedPlan();
        p.sourceFingerprint = QString(64, QLatin1Char('0')); // made for another schema
        exec::ApplyOptions all;
        all.autoGates = true;
        const exec::RunForecast forecast = forecastOf(p, db, all);
        QVERIFY2(forecast.refusal.contains(QStringLiteral("not the one this plan was made for")),
                 qPrintable(forecast.refusal));
        QCOMPARE(refusalOfRun(p, db, all), forecast.refusal);
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('a') IS NULL")),
                 QStringLiteral("t"));
    }
};

QTEST_GUILESS_MAIN(TestRunForecast)
#include "test_run_forecast.moc"
