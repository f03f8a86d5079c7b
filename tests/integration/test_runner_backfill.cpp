// The backfill against real conditions: partitioned tables with and without a key (leaf by
// leaf, each with its own checkpoint, resumable after kill -9), a row lock held by an
// application transaction (short lock_timeout, retried with backoff, a clean give-up), a batch
// that runs into its statement timeout (retried smaller), a backfill that cannot make its
// predicate false (never recorded done), and apply --redo after verify found rows missed.
//
// Every wait polls observable state (the ledger, pg_stat_activity) until a deadline.

#include "exec/backfill_batches.h"
#include "exec/ledger_schema.h"
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

// pt: three leaves, one of them under a sub-partitioned table.
QString createPartitioned(const TestDatabase& db, bool withKey, int rows)
{
    return db.exec(
        QStringLiteral(
            "CREATE TABLE pt (id int NOT NULL, a int NOT NULL%1) PARTITION BY RANGE (id);"
            "CREATE TABLE pt_low PARTITION OF pt FOR VALUES FROM (MINVALUE) TO (30000);"
            "CREATE TABLE pt_mid PARTITION OF pt FOR VALUES FROM (30000) TO (60000);"
            "CREATE TABLE pt_high PARTITION OF pt FOR VALUES FROM (60000) TO "
            "(MAXVALUE) PARTITION BY RANGE (id);"
            "CREATE TABLE pt_high_1 PARTITION OF pt_high FOR VALUES FROM (60000) TO "
            "(MAXVALUE);"
            "INSERT INTO pt SELECT g, g % 1009 FROM generate_series(1, %2) g;"
            "ANALYZE pt;")
            .arg(withKey ? QStringLiteral(", PRIMARY KEY (id)") : QString())
            .arg(rows));
}

plan::Plan partitionedPlan(bool keyless)
{
    return handPlan(
        {sqlStep(QStringLiteral("add-b"), QStringLiteral("ALTER TABLE pt ADD COLUMN b text"),
                 plan::Phase::Expand, QStringLiteral("public.pt")),
         backfillStep(QStringLiteral("fill-b"), QStringLiteral("pt"), keyless)},
        QStringLiteral("partitioned"));
}

QString pendingRows(const TestDatabase& db, const QString& table)
{
    return scalar(db, QStringLiteral("SELECT count(*) FROM %1 WHERE b IS DISTINCT FROM %2")
                          .arg(table, kExpected));
}

qint64 checkpointRows(pq::Connection& conn)
{
    const QString v = scalar(conn, QStringLiteral("SELECT coalesce(sum(rows_done), 0) FROM "
                                                  "bellows.ledger_checkpoints"));
    return v.startsWith(QStringLiteral("ERROR")) ? 0 : v.toLongLong();
}

QString createTable(const TestDatabase& db, int rows)
{
    return db.exec(QStringLiteral("CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL, b text);"
                                  "INSERT INTO t SELECT g, g % 997 FROM generate_series(1, %1) g;"
                                  "ANALYZE t;")
                       .arg(rows));
}

plan::Plan fillPlan(const plan::Step& fill)
{
    return handPlan({fill}, QStringLiteral("fill-plan"));
}

QString eventCount(pq::Connection& conn, const QString& like)
{
    return scalar(conn,
                  QStringLiteral("SELECT count(*) FROM bellows.ledger_events WHERE message "
                                 "LIKE $1"),
                  {like});
}

} // namespace

class TestRunnerBackfill : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // No primary key: every leaf is walked in ctid page ranges (the parent has no pages). Killed
    // in the middle, the next apply resumes inside the leaf it was on; never recorded done early.
    void backfillOnPartitionedTableWithoutKey()
    {
        TestDatabase db(QStringLiteral("part_nokey"));
        constexpr int rows = 90000;
        QCOMPARE(createPartitioned(db, false, rows), QString());
        QTemporaryDir dir;
        const QString path = savedPlan(dir, partitionedPlan(true));
        auto monitor = db.connect();
        // Throttled so the first leaf alone takes several seconds.
        CliProcess runner(
            applyArgs(path, db, {QStringLiteral("--max-rows-per-second"), QStringLiteral("5000")}));
        QVERIFY(runner.started());
        QVERIFY2(waitFor([&] { return checkpointRows(*monitor) > 0; }, 60000, &runner),
                 qPrintable(runner.all()));
        runner.signal(SIGKILL);
        QCOMPARE(runner.finish(), -1);
        QVERIFY(waitFor([&] { return noRunnerSession(*monitor); }, 30000));
        const qint64 atKill = checkpointRows(*monitor);
        QVERIFY2(atKill > 0 && atKill < rows, qPrintable(QString::number(atKill)));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT string_agg(DISTINCT part, ',') FROM "
                                                 "bellows.ledger_checkpoints WHERE NOT finished")),
                 QStringLiteral("public.pt_low"));

        const auto again = apply(path, db);
        const QString said = again.err + again.out;
        QVERIFY2(again.exitCode == 0, qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("resuming public.pt_low at page")), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("partition public.pt_high_1")), qPrintable(said));
        QCOMPARE(pendingRows(db, QStringLiteral("pt")), QStringLiteral("0"));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT string_agg(part || ':' || finished, ',' "
                                                 "ORDER BY part) FROM "
                                                 "bellows.ledger_checkpoints")),
                 QStringLiteral("public.pt_high_1:true,public.pt_low:true,public.pt_mid:true"));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT rows FROM bellows.ledger_steps WHERE "
                                                 "step_id = 'fill-b' AND status = 'done'")),
                 QString::number(rows));
    }

    // With a primary key: keyset batches per leaf, one checkpoint each.
    void backfillOnPartitionedTableWithKey()
    {
        TestDatabase db(QStringLiteral("part_key"));
        QCOMPARE(createPartitioned(db, true, 70000), QString());
        QTemporaryDir dir;
        const QString path = savedPlan(dir, partitionedPlan(false));
        const auto r = apply(path, db);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QCOMPARE(pendingRows(db, QStringLiteral("pt")), QStringLiteral("0"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(part || ':' || rows_done, ',' ORDER "
                                           "BY part) FROM bellows.ledger_checkpoints")),
                 QStringLiteral("public.pt_high_1:10001,public.pt_low:29999,public.pt_mid:30000"));
    }

    // An application transaction holds a row: each batch gives up on it after its short
    // lock_timeout and is retried with backoff (named in the ledger), and the backfill finishes
    // once the row is free.
    void backfillRetriesRowLockWithBackoff()
    {
        TestDatabase db(QStringLiteral("row_lock"));
        QCOMPARE(createTable(db, 5000), QString());
        QTemporaryDir dir;
        const QString path =
            savedPlan(dir, fillPlan(backfillStep(QStringLiteral("fill-b"), QStringLiteral("t"))));
        auto holder = db.connect();
        QVERIFY(holder->exec(QStringLiteral("BEGIN")).ok());
        QVERIFY(holder->exec(QStringLiteral("UPDATE t SET a = a WHERE id = 2500")).ok());
        const QString holderPid = scalar(*holder, QStringLiteral("SELECT pg_backend_pid()"));
        CliProcess runner(applyArgs(path, db,
                                    {QStringLiteral("--batch-lock-timeout"), QStringLiteral("100"),
                                     QStringLiteral("--max-attempts"), QStringLiteral("1000")}));
        QVERIFY(runner.started());
        auto monitor = db.connect();
        // Within the test's deadline, far below the 60 s statement timeout: the lock_timeout
        // of the batch fired.
        const auto lockWaits = [&] {
            return eventCount(*monitor, QStringLiteral("batch waited too long for a row lock%"))
                .toInt();
        };
        QVERIFY2(waitFor([&] { return lockWaits() > 0; }, 30000, &runner),
                 qPrintable(runner.all()));
        QVERIFY2(runner.running(), qPrintable(runner.all()));
        QVERIFY(holder->exec(QStringLiteral("COMMIT")).ok());
        QCOMPARE(runner.finish(), 0);
        QVERIFY2(runner.err().contains(QStringLiteral("pid ") + holderPid),
                 qPrintable(runner.err()));
        QCOMPARE(pendingRows(db, QStringLiteral("t")), QStringLiteral("0"));
    }

    // The row stays locked: the batch gives up after --retry-seconds with the holder named,
    // keeps what the batches before it committed, and the next apply resumes.
    void backfillGivesUpCleanlyOnAHeldRow()
    {
        TestDatabase db(QStringLiteral("row_lock_give_up"));
        QCOMPARE(createTable(db, 5000), QString());
        QTemporaryDir dir;
        const QString path =
            savedPlan(dir, fillPlan(backfillStep(QStringLiteral("fill-b"), QStringLiteral("t"))));
        auto holder = db.connect();
        QVERIFY(holder->exec(QStringLiteral("BEGIN")).ok());
        QVERIFY(holder->exec(QStringLiteral("UPDATE t SET a = a WHERE id = 2500")).ok());
        const QString holderPid = scalar(*holder, QStringLiteral("SELECT pg_backend_pid()"));
        const auto r = apply(path, db,
                             {QStringLiteral("--batch-lock-timeout"), QStringLiteral("100"),
                              QStringLiteral("--retry-seconds"), QStringLiteral("2"),
                              QStringLiteral("--max-attempts"), QStringLiteral("1000")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("waited too long for a row lock")) &&
                     r.err.contains(QStringLiteral("gave up")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("pid ") + holderPid), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("resumes after the last committed batch")),
                 qPrintable(r.err));
        auto monitor = db.connect();
        const qint64 kept = checkpointRows(*monitor);
        QVERIFY2(kept > 0 && kept < 2500, qPrintable(QString::number(kept)));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT status FROM bellows.ledger_steps")),
                 QStringLiteral("failed"));

        QVERIFY(holder->exec(QStringLiteral("COMMIT")).ok());
        const auto again = apply(path, db);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err + again.out));
        QCOMPARE(pendingRows(db, QStringLiteral("t")), QStringLiteral("0"));
    }

    // Batches slower than the statement timeout are retried with fewer rows until they fit.
    void backfillStatementTimeoutRetriesWithSmallerBatch()
    {
        TestDatabase db(QStringLiteral("stmt_timeout"));
        QCOMPARE(createTable(db, 600), QString());
        // 2 ms per row: 1,000 rows take 2 s, well over the 400 ms statement timeout.
        QCOMPARE(db.exec(QStringLiteral("CREATE FUNCTION slow_md5(a int, id int) RETURNS text "
                                        "LANGUAGE sql AS $$ SELECT md5(a::text || ':' || "
                                        "id::text) FROM (SELECT pg_sleep(0.002)) s $$")),
                 QString());
        plan::Step fill = backfillStep(QStringLiteral("fill-b"), QStringLiteral("t"));
        fill.backfill->setClause = QStringLiteral("b = slow_md5(a, id)");
        fill.statementTimeoutMs = 400;
        fill.sql = exec::backfillStatementText(*fill.backfill);
        QTemporaryDir dir;
        const QString path = savedPlan(dir, fillPlan(fill));
        const auto r = apply(path, db);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.err.contains(QStringLiteral("ran into its statement timeout")) &&
                     r.err.contains(QStringLiteral("with a smaller batch")),
                 qPrintable(r.err));
        QCOMPARE(pendingRows(db, QStringLiteral("t")), QStringLiteral("0"));
    }

    // A fill that cannot make the pending predicate false: walked, re-checked with EXISTS, and
    // refused as done after a bounded number of walks.
    void backfillIsNotRecordedDoneWhileRowsStillPending()
    {
        TestDatabase db(QStringLiteral("still_pending"));
        QCOMPARE(createTable(db, 300), QString());
        plan::Step fill = backfillStep(QStringLiteral("fill-b"), QStringLiteral("t"));
        fill.backfill->setClause = QStringLiteral("b = NULL");
        fill.backfill->pendingPredicate = QStringLiteral("b IS NULL");
        fill.sql = exec::backfillStatementText(*fill.backfill);
        QTemporaryDir dir;
        const QString path = savedPlan(dir, fillPlan(fill));
        const auto r = apply(path, db);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("still match the pending predicate")),
                 qPrintable(r.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(DISTINCT status, ',') FROM "
                                           "bellows.ledger_steps")),
                 QStringLiteral("failed"));
    }

    // Rows written after the backfill (an app version without the sync trigger) make verify
    // fail; its message points at --redo, which re-runs the done backfill on the record (who,
    // why) and lets the plan finish.
    void redoRerunsDoneBackfillAfterVerifyFails()
    {
        TestDatabase db(QStringLiteral("redo"));
        QCOMPARE(createTable(db, 1000), QString());
        plan::Step fill = backfillStep(QStringLiteral("fill-b"), QStringLiteral("t"));
        plan::Step check = sqlStep(QStringLiteral("add-check"),
                                   QStringLiteral("ALTER TABLE t ADD CONSTRAINT t_b_copied CHECK "
                                                  "(b IS NOT DISTINCT FROM %1) NOT VALID")
                                       .arg(kExpected),
                                   plan::Phase::Verify, QStringLiteral("public.t"));
        check.dependsOn = {fill.id};
        plan::Step validate = sqlStep(QStringLiteral("validate-check"),
                                      QStringLiteral("ALTER TABLE t VALIDATE CONSTRAINT "
                                                     "t_b_copied"),
                                      plan::Phase::Verify, QStringLiteral("public.t"),
                                      plan::LockMode::ShareUpdateExclusive);
        validate.dependsOn = {check.id};
        validate.lockTimeoutMs = 0;
        QTemporaryDir dir;
        const QString path = savedPlan(dir, handPlan({fill, check, validate}));
        const auto filled =
            apply(path, db, {QStringLiteral("--through"), QStringLiteral("backfill")});
        QVERIFY2(filled.exitCode == 0, qPrintable(filled.err));
        QCOMPARE(db.exec(QStringLiteral("INSERT INTO t SELECT g, g FROM generate_series(1001, "
                                        "1010) g")),
                 QString());

        const auto failed = apply(path, db);
        QCOMPARE(failed.exitCode, 1);
        QVERIFY2(failed.err.contains(QStringLiteral("--redo fill-b")), qPrintable(failed.err));

        const auto noReason = apply(path, db, {QStringLiteral("--redo"), QStringLiteral("fill-b")});
        QCOMPARE(noReason.exitCode, 2);
        QVERIFY2(noReason.err.contains(QStringLiteral("--reason")), qPrintable(noReason.err));
        const auto unsafe = apply(path, db,
                                  {QStringLiteral("--redo"), QStringLiteral("add-check"),
                                   QStringLiteral("--reason"), QStringLiteral("why not")});
        QCOMPARE(unsafe.exitCode, 2);
        QVERIFY2(unsafe.err.contains(QStringLiteral("cannot run twice safely")),
                 qPrintable(unsafe.err));

        const QString reason = QStringLiteral("rows written by v1 without the trigger");
        const auto redone =
            apply(path, db,
                  {QStringLiteral("--redo"), QStringLiteral("fill-b"), QStringLiteral("--reason"),
                   reason, QStringLiteral("--as"), QStringLiteral("Dana")});
        QVERIFY2(redone.exitCode == 0, qPrintable(redone.err + redone.out));
        QCOMPARE(pendingRows(db, QStringLiteral("t")), QStringLiteral("0"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT convalidated FROM pg_constraint WHERE conname "
                                           "= 't_b_copied'")),
                 QStringLiteral("t"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT s.redo_reason || '|' || r.executor_name || '|' "
                                           "|| s.rows FROM bellows.ledger_steps s JOIN "
                                           "bellows.ledger_runs r ON r.id = s.run_id WHERE "
                                           "s.step_id = 'fill-b' AND s.redo_reason IS NOT NULL")),
                 reason + QStringLiteral("|Dana|10"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM bellows.ledger_events WHERE kind "
                                           "= 'redo' AND message LIKE '%Dana%' AND message LIKE "
                                           "'%without the trigger%'")),
                 QStringLiteral("1"));
    }

    // A backfill an older Bellows left half done (ledger version 2: one checkpoint per step)
    // resumes after the upgrade: its checkpoint becomes the part '' of the plain table.
    void checkpointOfAnOlderLedgerResumes()
    {
        TestDatabase db(QStringLiteral("ledger_v2_resume"));
        QCOMPARE(createTable(db, 4000), QString());
        QString setup = QStringLiteral("CREATE SCHEMA bellows; CREATE TABLE bellows.ledger_version "
                                       "(version integer NOT NULL, upgraded_at timestamptz NOT "
                                       "NULL DEFAULT clock_timestamp(), bellows_version text);");
        for (int v = 0; v < 2; ++v)
            setup += exec::ledgerMigrations().at(v) + QStringLiteral(";");
        setup +=
            QStringLiteral("INSERT INTO bellows.ledger_version (version) VALUES (1), (2);"
                           "INSERT INTO bellows.ledger_checkpoints (plan_id, step_id, last_key, "
                           "rows_done, batches) VALUES ('fill-plan', 'fill-b', '{1500}', 1500, 2);"
                           "UPDATE t SET b = %1 WHERE id <= 1500;")
                .arg(kExpected);
        QCOMPARE(db.exec(setup), QString());
        QTemporaryDir dir;
        const QString path =
            savedPlan(dir, fillPlan(backfillStep(QStringLiteral("fill-b"), QStringLiteral("t"))));
        const auto r = apply(path, db);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.err.contains(QStringLiteral("resuming after key (1500): 1500 row(s)")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("2500 row(s) updated")), qPrintable(r.err));
        QCOMPARE(pendingRows(db, QStringLiteral("t")), QStringLiteral("0"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT part || ':' || rows_done || ':' || finished "
                                           "FROM bellows.ledger_checkpoints")),
                 QStringLiteral(":4000:true"));
    }
};

QTEST_GUILESS_MAIN(TestRunnerBackfill)
#include "test_runner_backfill.moc"
