// The production runner under faults, driven through bellows-cli with hand-made plans: the
// runner killed (-9) or cancelled (SIGINT) mid-backfill, its backend terminated, a lock held by
// another session, a unique index build failing on duplicates, two runners at once, drift
// before the first step and between steps, status after a partial run, and rollback.
//
// Races are never settled by sleeping: every wait polls the ledger or pg_stat_activity until a
// deadline, and a test fails when the deadline passes.

#include "exec/backfill_batches.h"
#include "plan/plan_file.h"
#include "pq/connection.h"
#include "runner_harness.h"
#include "test_database.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace bellows;
using namespace bellows::test;

namespace {

// ---- plans (tests/support/runner_harness.h has the shared helpers) -----------------------

// Expand adds column b to public.t, backfill fills it: the plan of the backfill faults.
plan::Plan backfillPlan()
{
    return handPlan(
        {sqlStep(QStringLiteral("add-b"), QStringLiteral("ALTER TABLE t ADD COLUMN b text"),
                 plan::Phase::Expand, QStringLiteral("public.t")),
         backfillStep(QStringLiteral("fill-b"), QStringLiteral("t"))});
}

constexpr int kRows = 200000;

QString createBackfillTable(const TestDatabase& db)
{
    return db.exec(QStringLiteral("CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL);"
                                  "INSERT INTO t SELECT g, (g * 7919) % 100003 "
                                  "FROM generate_series(1, %1) g;"
                                  "ANALYZE t;")
                       .arg(kRows));
}

// ---- queries ----------------------------------------------------------------------------

QString tableChecksum(const TestDatabase& db)
{
    return scalar(db, QStringLiteral("SELECT md5(string_agg(id::text || ':' || a::text || ':' || "
                                     "coalesce(b, '<null>'), ',' ORDER BY id)) FROM t"));
}

// Rows the backfill has committed so far (0 while there is no checkpoint yet or no ledger).
qint64 checkpointRows(pq::Connection& conn)
{
    const QString v =
        scalar(conn, QStringLiteral("SELECT rows_done FROM bellows.ledger_checkpoints "
                                    "WHERE step_id = 'fill-b'"));
    return v.startsWith(QStringLiteral("ERROR")) ? 0 : v.toLongLong();
}

// Starts the backfill plan throttled so it takes several seconds, and returns once at least one
// batch is committed with its checkpoint (and the backfill is not finished).
std::unique_ptr<CliProcess> startThrottledBackfill(const QString& planPath, const TestDatabase& db,
                                                   pq::Connection& monitor, int rowsPerSecond)
{
    auto runner = std::make_unique<CliProcess>(applyArgs(
        planPath, db, {QStringLiteral("--max-rows-per-second"), QString::number(rowsPerSecond)}));
    if (!runner->started())
        return runner;
    waitFor([&] { return checkpointRows(monitor) > 0; }, 60000, runner.get());
    return runner;
}

int matchInt(const QString& text, const QString& pattern)
{
    const auto m = QRegularExpression(pattern).match(text);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

} // namespace

class TestRunnerFaults : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // 1. kill -9 mid-backfill: the next apply closes the dead run as interrupted, resumes after
    //    the last committed batch and ends with the data of a clean run.
    void killedMidBackfillResumes()
    {
        TestDatabase db(QStringLiteral("killed"));
        TestDatabase clean(QStringLiteral("killed_clean"));
        QCOMPARE(createBackfillTable(db), QString());
        QCOMPARE(createBackfillTable(clean), QString());
        QTemporaryDir dir;
        const QString path = savedPlan(dir, backfillPlan());
        QVERIFY(!path.isEmpty());

        auto monitor = db.connect();
        auto runner = startThrottledBackfill(path, db, *monitor, 40000);
        QVERIFY(runner->started());
        QVERIFY2(runner->running() && checkpointRows(*monitor) > 0,
                 qPrintable(QStringLiteral("the backfill did not checkpoint while running: ") +
                            runner->all()));
        runner->signal(SIGKILL);
        QCOMPARE(runner->finish(), -1);
        // The killed runner's backend ends once it notices; only then is the ledger final (a
        // batch in flight may still commit) and the runner lock free.
        QVERIFY2(waitFor([&] { return noRunnerSession(*monitor); }, 30000),
                 "the killed runner's backend did not go away");
        const qint64 doneAtKill = checkpointRows(*monitor);
        QVERIFY2(doneAtKill > 0 && doneAtKill < kRows, qPrintable(QString::number(doneAtKill)));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT finished FROM bellows.ledger_checkpoints "
                                                 "WHERE step_id = 'fill-b'")),
                 QStringLiteral("f"));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT count(*) FROM t WHERE b IS NOT NULL")),
                 QString::number(doneAtKill));

        // status between the kill and the next apply: the half-done backfill and its progress.
        const auto status = runCli({QStringLiteral("status"), QStringLiteral("--db"), db.conninfo(),
                                    QStringLiteral("--plan"), path, QStringLiteral("--json")});
        QVERIFY2(status.exitCode == 0, qPrintable(status.err));
        const QJsonObject planStatus = QJsonDocument::fromJson(status.out.toUtf8())
                                           .object()
                                           .value(QStringLiteral("plans"))
                                           .toArray()
                                           .at(0)
                                           .toObject();
        const QJsonObject backfill = planStatus.value(QStringLiteral("backfill")).toObject();
        QCOMPARE(backfill.value(QStringLiteral("stepId")).toString(), QStringLiteral("fill-b"));
        QCOMPARE(qint64(backfill.value(QStringLiteral("rowsDone")).toDouble()), doneAtKill);
        QCOMPARE(planStatus.value(QStringLiteral("nextStep")).toString(), QStringLiteral("fill-b"));
        QCOMPARE(planStatus.value(QStringLiteral("phaseReached")).toString(),
                 QStringLiteral("expand"));
        // A killed run is reported as interrupted: its session no longer holds the runner lock.
        QVERIFY2(!planStatus.contains(QStringLiteral("runningStep")), qPrintable(status.out));

        const auto again = apply(path, db);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err + again.out));
        const QString said = again.err + again.out;
        QVERIFY2(said.contains(QStringLiteral("step add-b: already done")), qPrintable(said));
        // Resumed, not restarted: the second run starts after the checkpoint and updates only
        // the rows the first one did not commit.
        QCOMPARE(matchInt(said, QStringLiteral(R"(resuming after key \(\d+\): (\d+) row)")),
                 int(doneAtKill));
        QCOMPARE(matchInt(said, QStringLiteral(R"((\d+) row\(s\) updated)")),
                 int(kRows - doneAtKill));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT count(*) FROM bellows.ledger_events e "
                                                 "JOIN bellows.ledger_runs r ON r.id = e.run_id "
                                                 "WHERE e.kind = 'backfill' AND e.message LIKE "
                                                 "'resuming after key%' AND r.id = (SELECT "
                                                 "max(id) FROM bellows.ledger_runs)")),
                 QStringLiteral("1"));
        // The ledger: the killed run interrupted (with its step), the second completed.
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT string_agg(outcome, ',' ORDER BY id) "
                                                 "FROM bellows.ledger_runs")),
                 QStringLiteral("interrupted,completed"));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT status || ':' || (error LIKE '%killed "
                                                 "or disconnected%') FROM bellows.ledger_steps "
                                                 "WHERE step_id = 'fill-b' AND run_id = (SELECT "
                                                 "min(id) FROM bellows.ledger_runs)")),
                 QStringLiteral("failed:true"));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT rows_done || ':' || finished FROM "
                                                 "bellows.ledger_checkpoints WHERE step_id = "
                                                 "'fill-b'")),
                 QStringLiteral("%1:true").arg(kRows));

        // The same plan run without a fault on an identical database gives identical data.
        const auto reference = apply(path, clean);
        QVERIFY2(reference.exitCode == 0, qPrintable(reference.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM t WHERE b IS NULL")),
                 QStringLiteral("0"));
        QCOMPARE(tableChecksum(db), tableChecksum(clean));
    }

    // 2. The runner's backend terminated mid-step: exit 1 with a clear error; a re-run resumes.
    void backendTerminatedMidStep()
    {
        TestDatabase db(QStringLiteral("terminated"));
        QCOMPARE(createBackfillTable(db), QString());
        QTemporaryDir dir;
        const QString path = savedPlan(dir, backfillPlan());
        auto monitor = db.connect();
        auto runner = startThrottledBackfill(path, db, *monitor, 40000);
        QVERIFY(runner->started());
        QVERIFY2(runner->running(), qPrintable(runner->all()));
        auto pids = monitor->exec(QStringLiteral(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND "
            "application_name = 'bellows runner'"));
        QVERIFY(pids.ok());
        QCOMPARE(pids->rows(), 1);
        const QString pid = pids->text(0, 0);
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT pg_terminate_backend($1::int)"), {pid}),
                 QStringLiteral("t"));
        const int code = runner->finish();
        const QString err = runner->err();
        QVERIFY2(code == 1, qPrintable(QString::number(code) + QLatin1Char(' ') + err));
        QVERIFY2(err.contains(QStringLiteral("step \"fill-b\"")) &&
                     err.contains(QStringLiteral("failed")),
                 qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("terminat"), Qt::CaseInsensitive) ||
                     err.contains(QStringLiteral("connection"), Qt::CaseInsensitive),
                 qPrintable(err));
        const qint64 done = checkpointRows(*monitor);
        QVERIFY2(done > 0 && done < kRows, qPrintable(QString::number(done)));

        const auto again = apply(path, db);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err + again.out));
        QCOMPARE(matchInt(again.err + again.out,
                          QStringLiteral(R"(resuming after key \(\d+\): (\d+) row)")),
                 int(done));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT string_agg(outcome, ',' ORDER BY id) "
                                                 "FROM bellows.ledger_runs")),
                 QStringLiteral("interrupted,completed"));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT count(*) FROM t WHERE b IS DISTINCT "
                                                 "FROM ") +
                                      kExpected),
                 QStringLiteral("0"));
    }

    // 3. A session holds a lock the step conflicts with: the runner retries, names the blocker
    //    (pid and query) on stderr and in the ledger, and succeeds once it commits.
    void conflictingLockIsWaitedOutAndNamed()
    {
        TestDatabase db(QStringLiteral("blocked"));
        QCOMPARE(db.exec(QStringLiteral("CREATE TABLE t (id int PRIMARY KEY);"
                                        "INSERT INTO t VALUES (1), (2)")),
                 QString());
        auto holder = db.connect();
        const QString holderPid = scalar(*holder, QStringLiteral("SELECT pg_backend_pid()"));
        QVERIFY(holder->exec(QStringLiteral("BEGIN")).ok());
        QVERIFY(holder->exec(QStringLiteral("SELECT count(*) FROM t /* the blocker */")).ok());

        QTemporaryDir dir;
        plan::Step s =
            sqlStep(QStringLiteral("add-v"), QStringLiteral("ALTER TABLE t ADD COLUMN v int"),
                    plan::Phase::Expand, QStringLiteral("public.t"));
        s.lockTimeoutMs = 100;
        const QString path = savedPlan(dir, handPlan({s}));
        CliProcess runner(applyArgs(path, db,
                                    {QStringLiteral("--max-attempts"), QStringLiteral("100"),
                                     QStringLiteral("--retry-seconds"), QStringLiteral("120")}));
        QVERIFY(runner.started());
        auto monitor = db.connect();
        QString waitEvent;
        QVERIFY2(
            waitFor(
                [&] {
                    waitEvent =
                        scalar(*monitor, QStringLiteral("SELECT message FROM bellows.ledger_events "
                                                        "WHERE kind = 'lock_wait' ORDER BY id "
                                                        "LIMIT 1"));
                    return !waitEvent.isEmpty() && !waitEvent.startsWith(QStringLiteral("ERROR"));
                },
                60000, &runner),
            qPrintable(runner.all()));
        QVERIFY2(waitEvent.contains(QStringLiteral("pid ") + holderPid), qPrintable(waitEvent));
        // The blocker's query by command and relation; its text (comments, literals) never.
        QVERIFY2(waitEvent.contains(QStringLiteral(": SELECT t")), qPrintable(waitEvent));
        QVERIFY2(!waitEvent.contains(QStringLiteral("the blocker")), qPrintable(waitEvent));
        QVERIFY2(runner.running(), qPrintable(runner.all()));
        QVERIFY(holder->exec(QStringLiteral("COMMIT")).ok());

        QCOMPARE(runner.finish(), 0);
        const QString err = runner.err();
        QVERIFY2(err.contains(QStringLiteral("blocked by")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("pid ") + holderPid), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral(": SELECT t")), qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral("the blocker")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("trying again")), qPrintable(err));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT count(*) FROM information_schema.columns "
                                                 "WHERE table_name = 't' AND column_name = 'v'")),
                 QStringLiteral("1"));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT status FROM bellows.ledger_steps WHERE "
                                                 "step_id = 'add-v'")),
                 QStringLiteral("done"));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT count(*) > 0 FROM bellows.ledger_events "
                                                 "WHERE kind = 'lock_wait' AND step_id = 'add-v' "
                                                 "AND sqlstate = '55P03'")),
                 QStringLiteral("t"));
    }

    // 4. CREATE UNIQUE INDEX CONCURRENTLY failing on duplicates: the INVALID index is dropped,
    //    the error names the duplicate, exit 1.
    void failedUniqueIndexBuildIsCleanedUp()
    {
        TestDatabase db(QStringLiteral("uniq"));
        QCOMPARE(
            db.exec(QStringLiteral(
                "CREATE TABLE t (id int PRIMARY KEY, email text);"
                "INSERT INTO t SELECT g, 'user' || g || '@example.com' FROM "
                "generate_series(1, 1000) g;"
                "INSERT INTO t VALUES (1001, 'twice@example.com'), (1002, 'twice@example.com')")),
            QString());
        QTemporaryDir dir;
        plan::Step s = sqlStep(QStringLiteral("uniq-email"),
                               QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY t_email_key ON "
                                              "public.t (email)"),
                               plan::Phase::Expand, QStringLiteral("public.t"),
                               plan::LockMode::ShareUpdateExclusive);
        s.outsideTransaction = true;
        s.lockTimeoutMs = 0;
        const QString path = savedPlan(dir, handPlan({s}));
        const auto r = apply(path, db);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("t_email_key")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("twice@example.com")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("duplicate"), Qt::CaseInsensitive),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("was dropped")), qPrintable(r.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM pg_index WHERE indrelid = "
                                           "'public.t'::regclass AND NOT indisprimary")),
                 QStringLiteral("0"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('public.t_email_key') IS NULL")),
                 QStringLiteral("t"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM bellows.ledger_events WHERE "
                                           "kind = 'invalid_index_dropped'")),
                 QStringLiteral("1"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT status FROM bellows.ledger_steps WHERE "
                                           "step_id = 'uniq-email'")),
                 QStringLiteral("failed"));

        // With the duplicate gone, apply again builds the index (nothing left in its way).
        QCOMPARE(db.exec(QStringLiteral("DELETE FROM t WHERE id = 1002")), QString());
        const auto again = apply(path, db);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err + again.out));
        QCOMPARE(scalar(db, QStringLiteral("SELECT indisvalid AND indisunique FROM pg_index WHERE "
                                           "indexrelid = to_regclass('public.t_email_key')")),
                 QStringLiteral("t"));
    }

    // 5. Two runners at once: the second is refused at once naming the first, which completes.
    void secondRunnerIsRefused()
    {
        TestDatabase db(QStringLiteral("two"));
        QCOMPARE(createBackfillTable(db), QString());
        QTemporaryDir dir;
        const QString path = savedPlan(dir, backfillPlan());
        auto monitor = db.connect();
        auto first = startThrottledBackfill(path, db, *monitor, 25000);
        QVERIFY(first->started());
        QVERIFY2(first->running(), qPrintable(first->all()));
        auto who = monitor->exec(QStringLiteral("SELECT backend_pid, client_host FROM "
                                                "bellows.ledger_runs WHERE outcome = 'running'"));
        QVERIFY(who.ok());
        QCOMPARE(who->rows(), 1);
        const QString firstPid = who->text(0, 0);
        const QString firstHost = who->text(0, 1);
        QCOMPARE(firstHost, QSysInfo::machineHostName());

        QElapsedTimer clock;
        clock.start();
        const auto second = apply(path, db);
        const qint64 ms = clock.elapsed();
        QCOMPARE(second.exitCode, 2);
        QVERIFY2(second.err.contains(QStringLiteral("another Bellows runner")),
                 qPrintable(second.err));
        QVERIFY2(second.err.contains(QStringLiteral("backend pid ") + firstPid),
                 qPrintable(second.err));
        QVERIFY2(second.err.contains(firstHost), qPrintable(second.err));
        QVERIFY2(ms < 10000, qPrintable(QString::number(ms)));
        // The first was neither stopped nor disturbed.
        QVERIFY2(first->running(), "the first runner ended while the second was refused");
        QCOMPARE(first->finish(), 0);
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT string_agg(outcome, ',' ORDER BY id) "
                                                 "FROM bellows.ledger_runs")),
                 QStringLiteral("completed"));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT count(*) FROM t WHERE b IS DISTINCT "
                                                 "FROM ") +
                                      kExpected),
                 QStringLiteral("0"));
    }

    // 6a. The schema changed after planning: refused before the first step, naming the object.
    void driftBeforeFirstStepIsRefused()
    {
        TestDatabase db(QStringLiteral("drift_a"));
        QCOMPARE(db.exec(QStringLiteral("CREATE TABLE users (id int PRIMARY KEY, full_name text)")),
                 QString());
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("target.sql"));
        {
            QFile f(target);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("CREATE TABLE users (id int PRIMARY KEY, full_name text, email text);\n");
        }
        const QString path = dir.filePath(QStringLiteral("plan.json"));
        const auto planned =
            runCli({QStringLiteral("plan"), QStringLiteral("--db"), db.conninfo(),
                    QStringLiteral("--target"), target, QStringLiteral("-o"), path});
        QVERIFY2(planned.exitCode == 0, qPrintable(planned.err + planned.out));
        QCOMPARE(db.exec(QStringLiteral("ALTER TABLE users ADD COLUMN nickname text")), QString());

        const auto r = apply(path, db);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("not the one this plan was made for")),
                 qPrintable(r.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE "
                                           "table_name = 'users' AND column_name = 'email'")),
                 QStringLiteral("0"));
        // The plan carries one fingerprint per object: the message names what changed.
        QVERIFY2(r.err.contains(QStringLiteral("table public.users changed")), qPrintable(r.err));
    }

    // 6b. A touched table changed by hand between phases: refused naming the table and the
    //     difference; the contract step does not run.
    void driftBetweenStepsIsRefused()
    {
        TestDatabase db(QStringLiteral("drift_b"));
        QCOMPARE(db.exec(QStringLiteral("CREATE TABLE t (id int PRIMARY KEY, old text)")),
                 QString());
        QTemporaryDir dir;
        const QString path =
            savedPlan(dir, handPlan({sqlStep(QStringLiteral("add-v"),
                                             QStringLiteral("ALTER TABLE t ADD COLUMN v int"),
                                             plan::Phase::Expand, QStringLiteral("public.t")),
                                     sqlStep(QStringLiteral("drop-old"),
                                             QStringLiteral("ALTER TABLE t DROP COLUMN old"),
                                             plan::Phase::Contract, QStringLiteral("public.t"))}));
        const auto expand =
            apply(path, db, {QStringLiteral("--through"), QStringLiteral("expand")});
        QVERIFY2(expand.exitCode == 0, qPrintable(expand.err));
        QCOMPARE(db.exec(QStringLiteral("CREATE INDEX t_by_hand_idx ON t (v)")), QString());

        const auto r = apply(path, db);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("drift before step drop-old")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("public.t")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("t_by_hand_idx")), qPrintable(r.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE "
                                           "table_name = 't' AND column_name = 'old'")),
                 QStringLiteral("1"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM bellows.ledger_events WHERE "
                                           "kind = 'drift' AND message LIKE '%t_by_hand_idx%'")),
                 QStringLiteral("1"));
        // A column added by hand is named too.
        QCOMPARE(db.exec(QStringLiteral("DROP INDEX t_by_hand_idx; ALTER TABLE t ADD COLUMN sneaky "
                                        "int")),
                 QString());
        const auto again = apply(path, db);
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains(QStringLiteral("now has column sneaky")),
                 qPrintable(again.err));
    }

    // 7. SIGINT during a long backfill: a "cancelled" message, the step recorded cancelled, and
    //    a re-run resumes.
    void interruptCancelsAndResumes()
    {
        TestDatabase db(QStringLiteral("sigint"));
        QCOMPARE(createBackfillTable(db), QString());
        QTemporaryDir dir;
        const QString path = savedPlan(dir, backfillPlan());
        auto monitor = db.connect();
        auto runner = startThrottledBackfill(path, db, *monitor, 40000);
        QVERIFY(runner->started());
        QVERIFY2(runner->running(), qPrintable(runner->all()));
        runner->signal(SIGINT);
        const int code = runner->finish(30000);
        const QString err = runner->err();
        // Exits by itself (not killed by the signal), with an error status and the word.
        QVERIFY2(code > 0, qPrintable(QString::number(code) + QLatin1Char(' ') + err));
        QVERIFY2(err.contains(QStringLiteral("cancelled")), qPrintable(err));
        QCOMPARE(
            scalar(*monitor, QStringLiteral("SELECT r.outcome || ':' || s.status FROM "
                                            "bellows.ledger_runs r JOIN bellows.ledger_steps "
                                            "s ON s.run_id = r.id WHERE s.step_id = 'fill-b'")),
            QStringLiteral("cancelled:cancelled"));
        QVERIFY2(waitFor([&] { return noRunnerSession(*monitor); }, 30000),
                 "the cancelled runner's session stayed");
        const qint64 done = checkpointRows(*monitor);
        QVERIFY2(done > 0 && done < kRows, qPrintable(QString::number(done)));

        const auto again = apply(path, db);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err + again.out));
        QCOMPARE(matchInt(again.err + again.out,
                          QStringLiteral(R"(resuming after key \(\d+\): (\d+) row)")),
                 int(done));
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT count(*) FROM t WHERE b IS DISTINCT "
                                                 "FROM ") +
                                      kExpected),
                 QStringLiteral("0"));
    }

    // 8. status --json after a partial run: the phase reached, the next step, the failed steps.
    void statusAfterPartialRun()
    {
        TestDatabase db(QStringLiteral("status"));
        QTemporaryDir dir;
        const QString path = savedPlan(
            dir,
            handPlan({sqlStep(QStringLiteral("make-a"), QStringLiteral("CREATE TABLE a (id int)"),
                              plan::Phase::Expand, QStringLiteral("public.a")),
                      sqlStep(QStringLiteral("fill-a"),
                              QStringLiteral("INSERT INTO a SELECT id FROM no_such_table"),
                              plan::Phase::Backfill, QStringLiteral("public.a"),
                              plan::LockMode::RowExclusive),
                      sqlStep(QStringLiteral("drop-a"), QStringLiteral("DROP TABLE a"),
                              plan::Phase::Contract, QStringLiteral("public.a"))}));
        const QStringList statusArgs{QStringLiteral("status"), QStringLiteral("--db"),
                                     db.conninfo(), QStringLiteral("--json")};
        // No ledger yet: said so, and nothing is created by asking.
        const auto before = runCli(statusArgs);
        QVERIFY2(before.exitCode == 0, qPrintable(before.err));
        const QJsonValue noLedger =
            QJsonDocument::fromJson(before.out.toUtf8()).object().value(QStringLiteral("ledger"));
        QVERIFY2(noLedger.isBool() && !noLedger.toBool(), qPrintable(before.out));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regnamespace('bellows') IS NULL")),
                 QStringLiteral("t"));

        const auto failed = apply(path, db);
        QCOMPARE(failed.exitCode, 1);
        QVERIFY2(failed.err.contains(QStringLiteral("no_such_table")), qPrintable(failed.err));

        for (const bool withPlan : {true, false}) {
            const auto status =
                runCli(statusArgs +
                       (withPlan ? QStringList{QStringLiteral("--plan"), path} : QStringList{}));
            QVERIFY2(status.exitCode == 0, qPrintable(status.err));
            QJsonParseError parseError;
            const QJsonObject root =
                QJsonDocument::fromJson(status.out.toUtf8(), &parseError).object();
            QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(status.out));
            QVERIFY(root.value(QStringLiteral("ledger")).toBool());
            const QJsonArray plans = root.value(QStringLiteral("plans")).toArray();
            QCOMPARE(plans.size(), 1);
            const QJsonObject p = plans.at(0).toObject();
            QCOMPARE(p.value(QStringLiteral("planId")).toString(),
                     QStringLiteral("hand-written-faults"));
            QCOMPARE(p.value(QStringLiteral("phaseReached")).toString(), QStringLiteral("expand"));
            QCOMPARE(p.value(QStringLiteral("stepsDone")).toInt(), 1);
            QCOMPARE(p.value(QStringLiteral("lastOutcome")).toString(), QStringLiteral("failed"));
            const QJsonArray failedSteps = p.value(QStringLiteral("failedSteps")).toArray();
            QCOMPARE(failedSteps.size(), 1);
            const QJsonObject f = failedSteps.at(0).toObject();
            QCOMPARE(f.value(QStringLiteral("stepId")).toString(), QStringLiteral("fill-a"));
            QCOMPARE(f.value(QStringLiteral("phase")).toString(), QStringLiteral("backfill"));
            QCOMPARE(f.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
            QCOMPARE(f.value(QStringLiteral("sqlState")).toString(), QStringLiteral("42P01"));
            QVERIFY2(f.value(QStringLiteral("error"))
                         .toString()
                         .contains(QStringLiteral("no_such_table")),
                     qPrintable(status.out));
            QVERIFY(!p.contains(QStringLiteral("runningStep")));
            if (withPlan) {
                QCOMPARE(p.value(QStringLiteral("stepsTotal")).toInt(), 3);
                QCOMPARE(p.value(QStringLiteral("nextStep")).toString(), QStringLiteral("fill-a"));
            } else {
                QVERIFY2(!p.contains(QStringLiteral("nextStep")), qPrintable(status.out));
            }
            const QJsonArray runs = root.value(QStringLiteral("runs")).toArray();
            QCOMPARE(runs.size(), 1);
            QCOMPARE(runs.at(0).toObject().value(QStringLiteral("outcome")).toString(),
                     QStringLiteral("failed"));
        }
        // Status only reads: nothing was added to the ledger.
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM bellows.ledger_runs")),
                 QStringLiteral("1"));
    }

    // 9. rollback after expand runs the reversible steps' rollback SQL in reverse order; it is
    //    refused once contract ran.
    void rollbackAfterExpandRunsInReverse()
    {
        TestDatabase db(QStringLiteral("rollback"));
        QCOMPARE(db.exec(QStringLiteral("CREATE TABLE rb_log (n serial PRIMARY KEY, step text)")),
                 QString());
        plan::Step s1 = sqlStep(QStringLiteral("s1"), QStringLiteral("CREATE TABLE a (id int)"),
                                plan::Phase::Expand, QStringLiteral("public.a"));
        s1.rollbackSql = QStringLiteral("INSERT INTO rb_log (step) VALUES ('s1'); DROP TABLE a");
        plan::Step s2 =
            sqlStep(QStringLiteral("s2"), QStringLiteral("ALTER TABLE a ADD COLUMN x int"),
                    plan::Phase::Expand, QStringLiteral("public.a"));
        s2.rollbackSql =
            QStringLiteral("INSERT INTO rb_log (step) VALUES ('s2'); ALTER TABLE a DROP COLUMN x");
        plan::Step s3 = sqlStep(QStringLiteral("s3"), QStringLiteral("CREATE TABLE c (id int)"),
                                plan::Phase::Contract, QStringLiteral("public.c"));
        s3.irreversibleReason = QStringLiteral("contract is past the point of no return");
        QTemporaryDir dir;
        const QString path = savedPlan(dir, handPlan({s1, s2, s3}));

        const auto expand =
            apply(path, db, {QStringLiteral("--through"), QStringLiteral("expand")});
        QVERIFY2(expand.exitCode == 0, qPrintable(expand.err));
        // The step's unqualified CREATE TABLE lands where it would for the application: public.
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('public.a') IS NOT NULL")),
                 QStringLiteral("t"));
        const QStringList rollbackArgs{QStringLiteral("rollback"), path, QStringLiteral("--db"),
                                       db.conninfo(), QStringLiteral("--yes")};
        const auto rolled = runCli(rollbackArgs);
        QVERIFY2(rolled.exitCode == 0, qPrintable(rolled.err + rolled.out));
        QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(step, ',' ORDER BY n) FROM rb_log")),
                 QStringLiteral("s2,s1"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('a') IS NULL")),
                 QStringLiteral("t"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(DISTINCT status, ',') FROM "
                                           "bellows.ledger_steps WHERE step_id IN ('s1', 's2')")),
                 QStringLiteral("rolled_back"));

        // Applied again to the end (contract included): rollback is refused and runs nothing.
        const auto all = apply(path, db);
        QVERIFY2(all.exitCode == 0, qPrintable(all.err + all.out));
        QVERIFY2(all.out.contains(QStringLiteral("applied 3 step(s)")), qPrintable(all.out));
        const auto refused = runCli(rollbackArgs);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QStringLiteral("contract")), qPrintable(refused.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM rb_log")), QStringLiteral("2"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT (to_regclass('a') IS NOT NULL) || ',' || "
                                           "(to_regclass('c') IS NOT NULL)")),
                 QStringLiteral("true,true"));
    }
};

QTEST_GUILESS_MAIN(TestRunnerFaults)
#include "test_runner_faults.moc"
