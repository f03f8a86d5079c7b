// Timeouts by lock class, decided from each statement's parse tree: a comment or string that
// says CONCURRENTLY takes no lock_timeout away; a VALIDATE waits for old transactions without
// one; a rollback statement runs with the timeouts of its own class. And an empty plan has
// nothing to do.
//
// Every wait polls observable state (pg_stat_activity, the ledger) until a deadline.

#include "plan/plan_file.h"
#include "pq/connection.h"
#include "runner_harness.h"
#include "test_database.h"

#include <QTemporaryDir>
#include <QTest>

using namespace bellows;
using namespace bellows::test;

namespace {

QString createTable(const TestDatabase& db)
{
    return db.exec(QStringLiteral("CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL);"
                                  "INSERT INTO t SELECT g, g FROM generate_series(1, 1000) g"));
}

// An open transaction that has read t: it holds ACCESS SHARE until it ends.
std::unique_ptr<pq::Connection> readerInTransaction(const TestDatabase& db)
{
    auto reader = db.connect();
    if (!reader->exec(QStringLiteral("BEGIN")).ok() ||
        !reader->exec(QStringLiteral("SELECT count(*) FROM t")).ok())
        return nullptr;
    return reader;
}

} // namespace

class TestRunnerTimeouts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // A step as an older planner wrote it: lock_timeout 0 because its text mentions
    // CONCURRENTLY (in a comment and a string). The ALTER TABLE takes ACCESS EXCLUSIVE: the
    // runner gives it the short lock_timeout anyway, so a long reader makes it retry and give
    // up instead of queueing every query on the table behind it.
    void commentMentioningConcurrentlyKeepsLockTimeout()
    {
        TestDatabase db(QStringLiteral("comment_conc"));
        QCOMPARE(createTable(db), QString());
        plan::Step s = sqlStep(QStringLiteral("add-v"),
                               QStringLiteral("/* not built CONCURRENTLY */\n"
                                              "ALTER TABLE t ADD COLUMN v text DEFAULT "
                                              "'CONCURRENTLY'"),
                               plan::Phase::Expand, QStringLiteral("public.t"));
        s.lockTimeoutMs = 0;
        s.statementTimeoutMs = 0;
        QTemporaryDir dir;
        const QString path = savedPlan(dir, handPlan({s}));
        auto reader = readerInTransaction(db);
        QVERIFY(reader);
        const auto r = apply(path, db,
                             {QStringLiteral("--max-attempts"), QStringLiteral("2"),
                              QStringLiteral("--retry-seconds"), QStringLiteral("30")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("lock timeout")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("Gave up after 2 attempt(s)")), qPrintable(r.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM bellows.ledger_events WHERE kind "
                                           "= 'lock_wait' AND sqlstate = '55P03'")),
                 QStringLiteral("2"));
        QVERIFY(reader->exec(QStringLiteral("COMMIT")).ok());
        const auto again = apply(path, db);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    }

    // A step planned under the lock budget (its run-time guard's words are in its SQL) holds
    // its lock until COMMIT: its statement_timeout bounds the whole transaction. Three
    // statements of 0.4 s each under a 1 s limit: the third is cancelled and nothing is kept.
    void budgetedStepIsBoundedAsAWhole()
    {
        TestDatabase db(QStringLiteral("budget_deadline"));
        QCOMPARE(createTable(db), QString());
        plan::Step s = sqlStep(QStringLiteral("add-v"),
                               QStringLiteral("-- bellows: public.t grew past 1 MB since the plan "
                                              "was made: the step would hold its lock\n"
                                              "ALTER TABLE t ADD COLUMN v int;\n"
                                              "SELECT pg_sleep(0.4);\n"
                                              "SELECT pg_sleep(0.4);\n"
                                              "SELECT pg_sleep(0.4);"),
                               plan::Phase::Expand, QStringLiteral("public.t"));
        s.statementTimeoutMs = 1000;
        QTemporaryDir dir;
        const QString path = savedPlan(dir, handPlan({s}));
        const auto r = apply(path, db, {QStringLiteral("--max-attempts"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("statement timeout")), qPrintable(r.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM pg_attribute WHERE attrelid = "
                                           "'t'::regclass AND attname = 'v'")),
                 QStringLiteral("0"));
    }

    // VALIDATE waits for a conflicting transaction as long as it takes, even when its step
    // carries a lock_timeout: a timeout would only make it start over.
    void validateWaitsWithoutLockTimeout()
    {
        TestDatabase db(QStringLiteral("validate_waits"));
        QCOMPARE(createTable(db), QString());
        QCOMPARE(db.exec(QStringLiteral("ALTER TABLE t ADD CONSTRAINT t_a_positive CHECK (a > 0) "
                                        "NOT VALID")),
                 QString());
        plan::Step s = sqlStep(QStringLiteral("validate"),
                               QStringLiteral("ALTER TABLE t VALIDATE CONSTRAINT t_a_positive"),
                               plan::Phase::Tighten, QStringLiteral("public.t"),
                               plan::LockMode::ShareUpdateExclusive);
        s.lockTimeoutMs = 200;
        QTemporaryDir dir;
        const QString path = savedPlan(dir, handPlan({s}));
        auto holder = db.connect();
        QVERIFY(holder->exec(QStringLiteral("BEGIN")).ok());
        QVERIFY(holder->exec(QStringLiteral("LOCK TABLE t IN SHARE UPDATE EXCLUSIVE MODE")).ok());
        CliProcess runner(applyArgs(path, db));
        QVERIFY(runner.started());
        auto monitor = db.connect();
        // Still waiting long after the step's 200 ms lock_timeout would have fired.
        QVERIFY2(waitFor(
                     [&] {
                         return scalar(*monitor,
                                       QStringLiteral("SELECT count(*) FROM pg_stat_activity "
                                                      "WHERE application_name = 'bellows "
                                                      "runner' AND wait_event_type = 'Lock' AND "
                                                      "query LIKE '%VALIDATE%' AND now() - "
                                                      "query_start > interval '3 s'")) ==
                                QLatin1String("1");
                     },
                     60000, &runner),
                 qPrintable(runner.all()));
        QVERIFY(holder->exec(QStringLiteral("COMMIT")).ok());
        QCOMPARE(runner.finish(), 0);
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT count(*) FROM bellows.ledger_events "
                                                 "WHERE kind = 'lock_wait'")),
                 QStringLiteral("0"));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT convalidated FROM pg_constraint WHERE "
                                                 "conname = 't_a_positive'")),
                 QStringLiteral("t"));
    }

    // The forward step is a VALIDATE (lock_timeout 0); its rollback is a DROP CONSTRAINT under
    // ACCESS EXCLUSIVE, which must not wait without limit behind a reader (and stall the table
    // behind it): it gets the short lock_timeout and fails cleanly.
    void rollbackOfValidateUsesShortLockTimeout()
    {
        TestDatabase db(QStringLiteral("rollback_validate"));
        QCOMPARE(createTable(db), QString());
        plan::Step add = sqlStep(QStringLiteral("add-check"),
                                 QStringLiteral("ALTER TABLE t ADD CONSTRAINT t_a_positive CHECK "
                                                "(a > 0) NOT VALID"),
                                 plan::Phase::Tighten, QStringLiteral("public.t"));
        add.rollbackSql = QStringLiteral("ALTER TABLE t DROP CONSTRAINT IF EXISTS t_a_positive");
        plan::Step validate = sqlStep(QStringLiteral("validate"),
                                      QStringLiteral("ALTER TABLE t VALIDATE CONSTRAINT "
                                                     "t_a_positive"),
                                      plan::Phase::Tighten, QStringLiteral("public.t"),
                                      plan::LockMode::ShareUpdateExclusive);
        validate.lockTimeoutMs = 0;
        validate.statementTimeoutMs = 0;
        validate.rollbackSql = add.rollbackSql;
        QTemporaryDir dir;
        const QString path = savedPlan(dir, handPlan({add, validate}));
        const auto applied = apply(path, db);
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));

        auto reader = readerInTransaction(db);
        QVERIFY(reader);
        CliProcess rollback({QStringLiteral("rollback"), path, QStringLiteral("--db"),
                             db.conninfo(), QStringLiteral("--yes")});
        QVERIFY(rollback.started());
        // Ends on its own while the reader still holds its lock: lock_timeout was not 0.
        QCOMPARE(rollback.finish(60000), 1);
        QVERIFY2(rollback.err().contains(QStringLiteral("lock timeout")),
                 qPrintable(rollback.err()));
        QVERIFY2(rollback.err().contains(QStringLiteral("rollback of step \"validate\"")),
                 qPrintable(rollback.err()));
        QVERIFY(reader->exec(QStringLiteral("COMMIT")).ok());
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM pg_constraint WHERE conname = "
                                           "'t_a_positive'")),
                 QStringLiteral("1"));
        // With the reader gone the same rollback goes through.
        const auto again = runCli({QStringLiteral("rollback"), path, QStringLiteral("--db"),
                                   db.conninfo(), QStringLiteral("--yes")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM pg_constraint WHERE conname = "
                                           "'t_a_positive'")),
                 QStringLiteral("0"));
    }

    // A plan without steps: nothing to do, exit 0, with or without --yes and a terminal.
    void applyOfEmptyPlanHasNothingToDo()
    {
        TestDatabase db(QStringLiteral("empty_plan"));
        QTemporaryDir dir;
        const QString path = savedPlan(dir, handPlan({}, QStringLiteral("empty")));
        const auto r = apply(path, db);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("nothing to do")), qPrintable(r.out));
        const auto asked =
            runCli({QStringLiteral("apply"), path, QStringLiteral("--db"), db.conninfo()});
        QVERIFY2(asked.exitCode == 0, qPrintable(asked.err + asked.out));
        QVERIFY2(asked.out.contains(QStringLiteral("nothing to do")), qPrintable(asked.out));
        // Nothing was written: not even the ledger.
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regnamespace('bellows') IS NULL")),
                 QStringLiteral("t"));
    }
};

QTEST_GUILESS_MAIN(TestRunnerTimeouts)
#include "test_runner_timeouts.moc"
