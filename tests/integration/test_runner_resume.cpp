// Resuming after kill -9 at every kind of step: a real bellows-cli apply is killed while a
// statement runs, and the next apply must finish the plan without mistaking the interrupted
// statement's own effects for drift — while a change made by someone else is still refused.
//
// Every wait polls observable state (pg_stat_activity, the ledger) until a deadline; nothing
// sleeps to settle a race.

#include "plan/plan_file.h"
#include "pq/connection.h"
#include "runner_harness.h"
#include "test_database.h"

#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace bellows;
using namespace bellows::test;

namespace {

constexpr int kRows = 20000;

QString createTable(const TestDatabase& db)
{
    return db.exec(QStringLiteral("CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL);"
                                  "INSERT INTO t SELECT g, g % 997 FROM generate_series(1, %1) g;"
                                  "ANALYZE t;"
                                  "CREATE TABLE side (id int PRIMARY KEY)")
                       .arg(kRows));
}

plan::Step outsideStep(const QString& id, const QString& sql)
{
    plan::Step s = sqlStep(id, sql, plan::Phase::Expand, QStringLiteral("public.t"),
                           plan::LockMode::ShareUpdateExclusive);
    s.outsideTransaction = true;
    s.lockTimeoutMs = 0;
    s.statementTimeoutMs = 0;
    return s;
}

// add-c (transactional), then the step under test, then add-d: the run must go on after it.
// add-c and add-d work on another table, which the sessions holding up the step leave alone.
plan::Plan planAround(const plan::Step& middle)
{
    return handPlan(
        {sqlStep(QStringLiteral("add-c"), QStringLiteral("ALTER TABLE side ADD COLUMN c int"),
                 plan::Phase::Expand, QStringLiteral("public.side")),
         middle,
         sqlStep(QStringLiteral("add-d"), QStringLiteral("ALTER TABLE side ADD COLUMN d int"),
                 plan::Phase::Expand, QStringLiteral("public.side"))},
        QStringLiteral("resume-plan"));
}

plan::Step indexBuild()
{
    return outsideStep(QStringLiteral("index-a"),
                       QStringLiteral("CREATE INDEX CONCURRENTLY t_a_idx ON public.t (a)"));
}

// True once the runner's backend waits for a lock in a statement starting with `prefix`.
bool runnerWaitsIn(pq::Connection& monitor, const QString& prefix)
{
    return scalar(monitor,
                  QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                 "current_database() AND application_name = 'bellows runner' AND "
                                 "wait_event_type = 'Lock' AND query LIKE $1 || '%'"),
                  {prefix}) == QLatin1String("1");
}

QString indexValidity(pq::Connection& conn, const QString& index)
{
    return scalar(conn,
                  QStringLiteral("SELECT coalesce((SELECT indisvalid::text FROM pg_index "
                                 "WHERE indexrelid = to_regclass($1)), 'absent')"),
                  {index});
}

QString stepStatuses(pq::Connection& conn)
{
    return scalar(conn, QStringLiteral("SELECT string_agg(step_id || '=' || status, ',' ORDER BY "
                                       "step_id) FROM (SELECT DISTINCT ON (step_id) step_id, "
                                       "status FROM bellows.ledger_steps ORDER BY step_id, "
                                       "started_at DESC) s"));
}

// Starts apply and returns once the runner's backend waits in the statement, while `holder`
// keeps a transaction open that makes it wait. Then kills the runner with SIGKILL.
std::unique_ptr<CliProcess> killWhileWaiting(const QString& path, const TestDatabase& db,
                                             pq::Connection& monitor, const QString& statement)
{
    auto runner = std::make_unique<CliProcess>(applyArgs(path, db));
    if (!runner->started() ||
        !waitFor([&] { return runnerWaitsIn(monitor, statement); }, 60000, runner.get()))
        return runner;
    runner->signal(SIGKILL);
    runner->finish();
    return runner;
}

} // namespace

class TestRunnerResume : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The runner dies during CREATE INDEX CONCURRENTLY; its backend finishes the build. The next
    // apply recognises the valid index as the step's own work, records it and goes on.
    void resumeAfterKillDuringConcurrentIndexBuild()
    {
        TestDatabase db(QStringLiteral("resume_cic"));
        QCOMPARE(createTable(db), QString());
        QTemporaryDir dir;
        const QString path = savedPlan(dir, planAround(indexBuild()));
        auto monitor = db.connect();
        auto holder = db.connect();
        QVERIFY(holder->exec(QStringLiteral("BEGIN")).ok());
        QVERIFY(holder->exec(QStringLiteral("UPDATE t SET a = a WHERE id = 1")).ok());

        auto runner = killWhileWaiting(path, db, *monitor, QStringLiteral("CREATE INDEX"));
        QVERIFY2(!runner->running(), qPrintable(runner->all()));
        QCOMPARE(runner->finish(), -1);
        // The build goes on without its client: let it finish.
        QVERIFY(holder->exec(QStringLiteral("COMMIT")).ok());
        QVERIFY2(waitFor([&] { return noRunnerSession(*monitor); }, 60000),
                 "the killed runner's backend did not go away");
        QCOMPARE(indexValidity(*monitor, QStringLiteral("public.t_a_idx")), QStringLiteral("true"));
        QCOMPARE(stepStatuses(*monitor), QStringLiteral("add-c=done,index-a=running"));

        const auto again = apply(path, db);
        const QString said = again.err + again.out;
        QVERIFY2(again.exitCode == 0, qPrintable(said));
        QVERIFY2(!said.contains(QStringLiteral("drift")), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("was built by the interrupted run")),
                 qPrintable(said));
        QCOMPARE(stepStatuses(*monitor), QStringLiteral("add-c=done,add-d=done,index-a=done"));
        QCOMPARE(indexValidity(*monitor, QStringLiteral("public.t_a_idx")), QStringLiteral("true"));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT count(*) FROM bellows.ledger_events "
                                                 "WHERE kind = 'resume' AND step_id = "
                                                 "'index-a'")),
                 QStringLiteral("2")); // the index seen, then recorded as done
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT string_agg(outcome, ',' ORDER BY id) "
                                                 "FROM bellows.ledger_runs")),
                 QStringLiteral("interrupted,completed"));
    }

    // The runner and its backend die during the build: an INVALID index is left. The next
    // apply drops it concurrently and builds it again.
    void resumeAfterKillLeavingInvalidIndexRebuildsIt()
    {
        TestDatabase db(QStringLiteral("resume_invalid"));
        QCOMPARE(createTable(db), QString());
        QTemporaryDir dir;
        const QString path = savedPlan(dir, planAround(indexBuild()));
        auto monitor = db.connect();
        auto holder = db.connect();
        QVERIFY(holder->exec(QStringLiteral("BEGIN")).ok());
        QVERIFY(holder->exec(QStringLiteral("UPDATE t SET a = a WHERE id = 1")).ok());

        auto runner = killWhileWaiting(path, db, *monitor, QStringLiteral("CREATE INDEX"));
        QVERIFY2(!runner->running(), qPrintable(runner->all()));
        const QString pid = runnerPid(*monitor);
        QVERIFY(!pid.isEmpty());
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT pg_terminate_backend($1::int)"), {pid}),
                 QStringLiteral("t"));
        QVERIFY(waitFor([&] { return noRunnerSession(*monitor); }, 60000));
        QVERIFY(holder->exec(QStringLiteral("COMMIT")).ok());
        QCOMPARE(indexValidity(*monitor, QStringLiteral("public.t_a_idx")),
                 QStringLiteral("false"));

        const auto again = apply(path, db);
        const QString said = again.err + again.out;
        QVERIFY2(again.exitCode == 0, qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("dropping the INVALID index public.t_a_idx")),
                 qPrintable(said));
        QCOMPARE(indexValidity(*monitor, QStringLiteral("public.t_a_idx")), QStringLiteral("true"));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT count(*) FROM bellows.ledger_events "
                                                 "WHERE kind = 'invalid_index_dropped'")),
                 QStringLiteral("1"));
        QCOMPARE(stepStatuses(*monitor), QStringLiteral("add-c=done,add-d=done,index-a=done"));
    }

    // Someone else changes the table while the killed step waits to be resumed: the index is
    // the step's own effect, the new column is drift, and the run is refused naming only it.
    void resumeAfterKillStillRefusesForeignDrift()
    {
        TestDatabase db(QStringLiteral("resume_drift"));
        QCOMPARE(createTable(db), QString());
        QTemporaryDir dir;
        const QString path = savedPlan(dir, planAround(indexBuild()));
        auto monitor = db.connect();
        auto holder = db.connect();
        QVERIFY(holder->exec(QStringLiteral("BEGIN")).ok());
        QVERIFY(holder->exec(QStringLiteral("UPDATE t SET a = a WHERE id = 1")).ok());
        auto runner = killWhileWaiting(path, db, *monitor, QStringLiteral("CREATE INDEX"));
        QVERIFY2(!runner->running(), qPrintable(runner->all()));
        QVERIFY(holder->exec(QStringLiteral("COMMIT")).ok());
        QVERIFY(waitFor([&] { return noRunnerSession(*monitor); }, 60000));
        QCOMPARE(db.exec(QStringLiteral("ALTER TABLE t ADD COLUMN sneaky int")), QString());

        const auto refused = apply(path, db);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QStringLiteral("drift before step index-a")),
                 qPrintable(refused.err));
        QVERIFY2(refused.err.contains(QStringLiteral("now has column sneaky")),
                 qPrintable(refused.err));
        // The index is reported as the interrupted step's own work, not as drift.
        const QString refusal = refused.err.mid(refused.err.indexOf(QStringLiteral("refusing")));
        QVERIFY2(!refusal.contains(QStringLiteral("t_a_idx")), qPrintable(refused.err));
        QVERIFY2(refused.err.contains(QStringLiteral("the interrupted attempt of step index-a "
                                                     "left: public.t: index CREATE INDEX "
                                                     "t_a_idx")),
                 qPrintable(refused.err));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT count(*) FROM information_schema.columns "
                                                 "WHERE table_name = 'side' AND column_name = "
                                                 "'d'")),
                 QStringLiteral("0"));
    }

    // DROP INDEX CONCURRENTLY finished by the killed runner's backend: recorded, not redone.
    void resumeAfterKillDuringConcurrentIndexDrop()
    {
        TestDatabase db(QStringLiteral("resume_dic"));
        QCOMPARE(createTable(db), QString());
        QCOMPARE(db.exec(QStringLiteral("CREATE INDEX t_a_idx ON t (a)")), QString());
        QTemporaryDir dir;
        const QString path = savedPlan(
            dir, planAround(outsideStep(QStringLiteral("drop-a"),
                                        QStringLiteral("DROP INDEX CONCURRENTLY public.t_a_idx"))));
        auto monitor = db.connect();
        auto holder = db.connect();
        QVERIFY(holder->exec(QStringLiteral("BEGIN")).ok());
        QVERIFY(holder->exec(QStringLiteral("SELECT count(*) FROM t")).ok());
        auto runner = killWhileWaiting(path, db, *monitor, QStringLiteral("DROP INDEX"));
        QVERIFY2(!runner->running(), qPrintable(runner->all()));
        QVERIFY(holder->exec(QStringLiteral("COMMIT")).ok());
        QVERIFY(waitFor([&] { return noRunnerSession(*monitor); }, 60000));
        QCOMPARE(indexValidity(*monitor, QStringLiteral("public.t_a_idx")),
                 QStringLiteral("absent"));

        const auto again = apply(path, db);
        const QString said = again.err + again.out;
        QVERIFY2(again.exitCode == 0, qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("was dropped by the interrupted run")),
                 qPrintable(said));
        QCOMPARE(stepStatuses(*monitor), QStringLiteral("add-c=done,add-d=done,drop-a=done"));
    }

    // A transactional step killed while its second statement waits for a lock: the first
    // statement's work is not kept (one transaction with the done record), and the next apply
    // runs the step whole, without drift.
    void killDuringTransactionalStepKeepsItAtomic()
    {
        TestDatabase db(QStringLiteral("resume_txn"));
        QCOMPARE(createTable(db), QString());
        QCOMPARE(db.exec(QStringLiteral("CREATE TABLE u (id int PRIMARY KEY)")), QString());
        plan::Step both = sqlStep(QStringLiteral("add-vw"),
                                  QStringLiteral("ALTER TABLE t ADD COLUMN v int;\n"
                                                 "ALTER TABLE u ADD COLUMN w int"),
                                  plan::Phase::Expand, QStringLiteral("public.t"));
        both.locks.push_back(lockOn(QStringLiteral("public.u"), plan::LockMode::AccessExclusive));
        both.lockTimeoutMs = 600000; // waits as long as the holder holds u
        QTemporaryDir dir;
        const QString path = savedPlan(dir, planAround(both));
        auto monitor = db.connect();
        auto holder = db.connect();
        QVERIFY(holder->exec(QStringLiteral("BEGIN")).ok());
        QVERIFY(holder->exec(QStringLiteral("SELECT count(*) FROM u")).ok());

        auto runner = killWhileWaiting(path, db, *monitor, QStringLiteral("ALTER TABLE u"));
        QVERIFY2(!runner->running(), qPrintable(runner->all()));
        QVERIFY(holder->exec(QStringLiteral("COMMIT")).ok());
        QVERIFY(waitFor([&] { return noRunnerSession(*monitor); }, 60000));
        // t.v was added inside the step's transaction, which never committed.
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT count(*) FROM information_schema.columns "
                                                 "WHERE column_name IN ('v', 'w')")),
                 QStringLiteral("0"));
        QCOMPARE(stepStatuses(*monitor), QStringLiteral("add-c=done,add-vw=running"));

        const auto again = apply(path, db);
        const QString said = again.err + again.out;
        QVERIFY2(again.exitCode == 0, qPrintable(said));
        QVERIFY2(!said.contains(QStringLiteral("drift")), qPrintable(said));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT count(*) FROM information_schema.columns "
                                                 "WHERE column_name IN ('v', 'w')")),
                 QStringLiteral("2"));
        QCOMPARE(stepStatuses(*monitor), QStringLiteral("add-c=done,add-d=done,add-vw=done"));
        // The done record and the relations' state committed with the step.
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT count(*) FROM "
                                                 "bellows.ledger_object_states WHERE after_step = "
                                                 "'add-d'")),
                 QStringLiteral("3"));
    }

    // A rolled-back step is not an interrupted one: applied again, it runs from its first
    // statement (its old "statements done" count would skip the index build).
    void stepRolledBackStartsOverInsteadOfResuming()
    {
        TestDatabase db(QStringLiteral("resume_rolled_back"));
        QCOMPARE(createTable(db), QString());
        plan::Step build = indexBuild();
        build.rollbackSql = QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS public.t_a_idx");
        QTemporaryDir dir;
        const QString path = savedPlan(dir, handPlan({build}, QStringLiteral("rolled-back")));
        auto monitor = db.connect();
        const auto first = apply(path, db);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const auto rolled = runCli({QStringLiteral("rollback"), path, QStringLiteral("--db"),
                                    db.conninfo(), QStringLiteral("--yes")});
        QVERIFY2(rolled.exitCode == 0, qPrintable(rolled.err));
        QCOMPARE(indexValidity(*monitor, QStringLiteral("public.t_a_idx")),
                 QStringLiteral("absent"));
        const auto again = apply(path, db);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err + again.out));
        QVERIFY2(!again.err.contains(QStringLiteral("resuming after statement")),
                 qPrintable(again.err));
        QCOMPARE(indexValidity(*monitor, QStringLiteral("public.t_a_idx")), QStringLiteral("true"));
    }
};

QTEST_GUILESS_MAIN(TestRunnerResume)
#include "test_runner_resume.moc"
