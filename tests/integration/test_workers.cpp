// The GUI's workers over real PostgreSQL: planning off the calling thread with progress and
// cancel, running a plan with a gate answered asynchronously, pausing and cancelling a
// backfill and resuming it. Signals are waited for with QTRY_* (an event loop), never sleeps.

#include "test_database.h"
#include "workers/plan_worker.h"
#include "workers/run_worker.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

using namespace bellows;
using namespace bellows::test;

namespace {

const char* const kBefore = "CREATE TABLE users (id bigint PRIMARY KEY, full_name text);"
                            "INSERT INTO users SELECT g, 'User ' || g FROM "
                            "generate_series(1, 20000) g; ANALYZE users;";
const char* const kAfter = "CREATE TABLE users (id bigint PRIMARY KEY, display_name text);\n";

QString writeTarget(const QString& dir)
{
    const QString path = dir + QStringLiteral("/after.sql");
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(kAfter);
    return path;
}

workflow::ComparisonRequest request(const TestDatabase& db, const QString& target)
{
    workflow::ComparisonRequest r;
    r.conninfo = db.conninfo();
    r.targetFile = target;
    r.renames = {QStringLiteral("public.users.full_name=display_name")};
    r.shadowUrl = cluster().conninfo;
    r.shadowSuperuserOk = true;
    return r;
}

QString scalar(const TestDatabase& db, const QString& sql)
{
    auto r = db.connect()->exec(sql);
    return r && r->rows() ? r->text(0, 0) : QString();
}

} // namespace

class TestWorkers : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    plan::Plan planFor(const TestDatabase& db)
    {
        workers::PlanWorker worker;
        QSignalSpy finished(&worker, &workers::PlanWorker::finished);
        worker.start(request(db, writeTarget(m_dir.path())), {});
        if (!finished.wait(60000))
            return {};
        return finished.at(0).at(1).value<workers::PlannedChangePtr>()->plan;
    }

private Q_SLOTS:
    void planWorkerPlansOffThread()
    {
        TestDatabase db(QStringLiteral("wplan"));
        QVERIFY(db.exec(QString::fromLatin1(kBefore)).isEmpty());
        workers::PlanWorker worker;
        QSignalSpy progress(&worker, &workers::PlanWorker::progress);
        QSignalSpy finished(&worker, &workers::PlanWorker::finished);
        QSignalSpy failed(&worker, &workers::PlanWorker::failed);
        const quint64 generation = worker.start(request(db, writeTarget(m_dir.path())), {});
        QVERIFY(finished.wait(60000));
        QCOMPARE(failed.count(), 0);
        QVERIFY(progress.count() > 0);
        QCOMPARE(finished.at(0).at(0).toULongLong(), generation);
        const auto planned = finished.at(0).at(1).value<workers::PlannedChangePtr>();
        QVERIFY(planned);
        QVERIFY(!planned->plan.steps.empty());
        QVERIFY(!planned->comparison.changes.isEmpty());
        QVERIFY(!planned->plan.sourceFingerprint.isEmpty());
    }

    void newerRequestCancelsTheOlder()
    {
        TestDatabase db(QStringLiteral("wgen"));
        QVERIFY(db.exec(QString::fromLatin1(kBefore)).isEmpty());
        workers::PlanWorker worker;
        QSignalSpy finished(&worker, &workers::PlanWorker::finished);
        QSignalSpy failed(&worker, &workers::PlanWorker::failed);
        const quint64 first = worker.start(request(db, writeTarget(m_dir.path())), {});
        const quint64 second = worker.start(request(db, writeTarget(m_dir.path())), {});
        QVERIFY(second > first);
        QTRY_VERIFY_WITH_TIMEOUT(
            !finished.isEmpty() && finished.last().at(0).toULongLong() == second, 60000);
        // The first either finished before it was cancelled or failed as cancelled.
        for (const auto& f : failed)
            QVERIFY(f.at(1).value<Error>().cancelled);
    }

    void runWorkerWaitsForTheGateAnswer()
    {
        TestDatabase db(QStringLiteral("wrun"));
        QVERIFY(db.exec(QString::fromLatin1(kBefore)).isEmpty());
        const plan::Plan plan = planFor(db);
        QVERIFY(!plan.gates.empty());

        workers::RunWorker worker;
        QSignalSpy gate(&worker, &workers::RunWorker::gateReached);
        QSignalSpy finished(&worker, &workers::RunWorker::finished);
        QSignalSpy failed(&worker, &workers::RunWorker::failed);
        QSignalSpy progress(&worker, &workers::RunWorker::progress);
        QVERIFY(worker.start(plan, db.conninfo(), {}));
        QVERIFY(gate.wait(60000));
        // The worker is waiting; the GUI answers later, from its own thread.
        QCOMPARE(finished.count(), 0);
        QVERIFY(worker.isRunning());
        worker.answerGate(true);
        // Then the second gate (before contract): decline it.
        QTRY_VERIFY_WITH_TIMEOUT(gate.count() == 2 || !finished.isEmpty() || !failed.isEmpty(),
                                 60000);
        QCOMPARE(gate.count(), 2);
        worker.answerGate(false);
        QVERIFY(finished.wait(60000) || !finished.isEmpty());
        QCOMPARE(failed.count(), 0);
        const auto report = finished.at(0).at(0).value<exec::ApplyReport>();
        QCOMPARE(report.outcome, exec::ApplyReport::Outcome::StoppedAtGate);
        QVERIFY(progress.count() > 0);
        // Both columns exist: contract has not run.
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM information_schema.columns "
                                           "WHERE table_name = 'users'")),
                 QStringLiteral("3"));
    }

    // The GUI's Run path with a plan of zero steps: finished, Completed, "nothing to do".
    void runWorkerFinishesAnEmptyPlan()
    {
        TestDatabase db(QStringLiteral("wempty"));
        plan::Plan empty;
        empty.id = QStringLiteral("empty");
        workers::RunWorker worker;
        QSignalSpy finished(&worker, &workers::RunWorker::finished);
        QSignalSpy failed(&worker, &workers::RunWorker::failed);
        QVERIFY(worker.start(empty, db.conninfo(), {}));
        QVERIFY(finished.wait(60000) || !finished.isEmpty());
        QCOMPARE(failed.count(), 0);
        const auto report = finished.at(0).at(0).value<exec::ApplyReport>();
        QCOMPARE(report.outcome, exec::ApplyReport::Outcome::Completed);
        QVERIFY(report.stepsRun.isEmpty());
        QVERIFY2(report.message.contains(QStringLiteral("nothing to do")),
                 qPrintable(report.message));
    }

    void backfillPausesCancelsAndResumes()
    {
        TestDatabase db(QStringLiteral("wpause"));
        QVERIFY(db.exec(QString::fromLatin1(kBefore)).isEmpty());
        const plan::Plan plan = planFor(db);
        exec::ApplyOptions options;
        options.autoGates = true;
        options.through = plan::Phase::Backfill;
        options.backfill.maxRowsPerSecond = 4000; // about five seconds for 20,000 rows

        workers::RunWorker worker;
        QSignalSpy progress(&worker, &workers::RunWorker::progress);
        QSignalSpy failed(&worker, &workers::RunWorker::failed);
        QVERIFY(worker.start(plan, db.conninfo(), options));
        auto backfilling = [&] {
            for (const auto& p : progress)
                if (p.at(0).value<exec::RunProgress>().state ==
                    exec::RunProgress::State::Backfilling)
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(backfilling(), 60000);
        worker.setPaused(true);
        // While paused no batch commits: the checkpoint stays where it is.
        const int seen = int(progress.count());
        const QString before = scalar(db, QStringLiteral("SELECT batches FROM "
                                                         "bellows.ledger_checkpoints"));
        QTest::qWait(300); // observing that nothing happens needs a span of time
        QVERIFY(progress.count() <= seen + 1);
        QVERIFY(
            scalar(db, QStringLiteral("SELECT batches FROM bellows.ledger_checkpoints")).toInt() <=
            before.toInt() + 1);
        worker.cancel();
        QVERIFY(failed.wait(30000));
        QVERIFY(failed.at(0).at(0).value<Error>().cancelled);
        QCOMPARE(scalar(db, QStringLiteral("SELECT status FROM bellows.ledger_steps WHERE phase = "
                                           "'backfill'")),
                 QStringLiteral("cancelled"));

        // A new run continues from the checkpoint and completes the backfill.
        exec::ApplyOptions resume;
        resume.autoGates = true;
        resume.through = plan::Phase::Backfill;
        workers::RunWorker again;
        QSignalSpy done(&again, &workers::RunWorker::finished);
        QSignalSpy messages(&again, &workers::RunWorker::message);
        QVERIFY(again.start(plan, db.conninfo(), resume));
        QVERIFY(done.wait(60000));
        bool resumed = false;
        for (const auto& m : messages)
            resumed = resumed || m.at(0).toString().contains(QStringLiteral("resuming after key"));
        QVERIFY(resumed);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM users WHERE display_name IS "
                                           "DISTINCT FROM full_name")),
                 QStringLiteral("0"));
    }
};

QTEST_GUILESS_MAIN(TestWorkers)
#include "test_workers.moc"
