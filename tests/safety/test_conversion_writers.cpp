// The conversion torture suite under concurrent writers (tests/safety/README.md): four column
// conversions (timestamp → timestamptz with --time-zone America/New_York, integer → bigint,
// varchar(50) → varchar(20), numeric(10,3) → numeric(10,2) with --accept-lossy) applied phase by
// phase while old-app sessions (Asia/Tokyo, UTC) and new-app sessions (Europe/Berlin,
// America/Los_Angeles) insert, update and delete rows with random values, and the runner is
// killed (-9) at random steps and run again until it completes.
//
// The old app writes the old column until the drain gate; the new app writes the new column
// from the end of expand (through the sync trigger's way back) and, once contract has swapped
// a column in, the column by its final name (the clients pause for the swap itself). Each write
// asks the oracle database first whether its value fits through the trigger: a valid write must
// commit, an unfit one must fail with a data exception (SQLSTATE 22xxx) and change nothing.
// At the end every row must equal the oracle's conversion of the last value written to it.

#include "batch_database.h"
#include "bellows_runs.h"
#include "conversion_writer.h"
#include "plan/plan_file.h"
#include "pq/connection.h"
#include "runner_process.h"
#include "writers_oracle.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <random>

using namespace bellows;
using namespace bellows::safety;
using namespace bellows::test;

namespace {

constexpr int kSeedRows = 3000;
constexpr int kKills = 3;
constexpr int kBackfillRowsPerSecond = 4000;
constexpr qint64 kNewAppWritesFirst = 300;
constexpr quint64 kDefaultSeed = 20261206;

using Writers = std::vector<std::unique_ptr<ConversionWriter>>;

quint64 seed()
{
    bool ok = false;
    const quint64 fromEnv = qEnvironmentVariable("BELLOWS_SAFETY_SEED").toULongLong(&ok);
    return ok ? fromEnv : kDefaultSeed;
}

bool waitFor(const std::function<bool()>& condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (condition())
            return true;
        QThread::msleep(2);
    }
    return condition();
}

QString stepStatus(pq::Connection& monitor, const QString& stepId)
{
    auto r = monitor.exec(QStringLiteral("SELECT status FROM bellows.ledger_steps WHERE step_id = "
                                         "$1 ORDER BY started_at DESC LIMIT 1"),
                          {stepId});
    return r && r->rows() ? r->text(0, 0) : QString();
}

void startAndWaitForFirstWrite(const Writers& writers, WriterControl& control)
{
    for (const auto& w : writers)
        w->start();
    std::unique_lock lock(control.mutex);
    control.cv.wait(lock, [&] {
        return std::all_of(writers.begin(), writers.end(),
                           [](const auto& w) { return w->ops() > 0 || w->finished(); });
    });
}

std::vector<ConversionWriter*> pointers(std::initializer_list<const Writers*> groups)
{
    std::vector<ConversionWriter*> out;
    for (const Writers* g : groups)
        for (const auto& w : *g)
            out.push_back(w.get());
    return out;
}

// Until `writers` have written `count` times together (or 60 s have passed).
void waitForWrites(const Writers& writers, WriterControl& control, qint64 count)
{
    waitFor(
        [&] {
            std::lock_guard lock(control.mutex);
            qint64 ops = 0;
            for (const auto& w : writers)
                ops += w->ops();
            return ops >= count;
        },
        60000);
}

// Every running client finishes its write and waits.
void pauseAll(const std::vector<ConversionWriter*>& running, WriterControl& control)
{
    std::unique_lock lock(control.mutex);
    control.paused = true;
    control.cv.notify_all();
    control.cv.wait(lock, [&] {
        const auto live = std::count_if(running.begin(), running.end(),
                                        [](const auto& w) { return !w->finished(); });
        return control.parked == live;
    });
}

void resumeAll(WriterControl& control)
{
    std::lock_guard lock(control.mutex);
    control.paused = false;
    control.cv.notify_all();
}

// What happened to the runner: each kill, and each run after a kill that did not complete.
struct KillLog {
    QStringList kills;
    QStringList missed;
    QStringList driftAfterKill; // a resume refused as drift (see failedRun)
    QStringList resumeFailures; // any other failure of apply after a kill
    QStringList otherFailures;  // failures before any kill
};

} // namespace

class TestConversionWriters : public QObject {
    Q_OBJECT
private:
    QString m_conninfo;
    QString m_planFile;
    std::unique_ptr<pq::Connection> m_monitor;
    KillLog m_log;
    QString m_applyFailure; // a phase or step that did not complete (not after a kill)

    QStringList applyArgs(const QStringList& extra) const
    {
        return QStringList{QStringLiteral("apply"), m_planFile,
                           QStringLiteral("--db"),  m_conninfo,
                           QStringLiteral("--yes"), QStringLiteral("--gates"),
                           QStringLiteral("auto")} +
               extra;
    }

    // Runs apply with `extra` until it completes: killed (-9) once at each of `killAt` (when
    // the ledger shows the step), then run again. Returns the last exit code.
    int applyWithKills(const QStringList& extra, const QStringList& killAt)
    {
        for (const QString& step : killAt) {
            RunnerProcess runner(applyArgs(extra));
            if (!runner.started())
                return -1;
            waitFor([&] { return !stepStatus(*m_monitor, step).isEmpty() || !runner.running(); },
                    300000);
            if (!runner.running()) {
                m_log.missed << step;
                if (const int code = runner.finish(); code != 0)
                    return failedRun(code, runner.output()) ? applyUntilDone(extra) : code;
                continue;
            }
            runner.kill9();
            runner.finish();
            m_log.kills << QStringLiteral("%1 (%2)").arg(step, stepStatus(*m_monitor, step));
            // The killed runner's backend ends once it notices; only then is the ledger final.
            waitFor([&] { return runnerSessions(*m_monitor) == 0; }, 60000);
        }
        return applyUntilDone(extra);
    }

    int applyUntilDone(const QStringList& extra)
    {
        int code = -1;
        for (int attempt = 0; attempt < 4 && code != 0; ++attempt) {
            RunnerProcess runner(applyArgs(extra));
            code = runner.finish();
            if (code != 0 && !failedRun(code, runner.output()))
                break;
        }
        return code;
    }

    // Records a failed apply (never worth running again: a resume must just work). A kill -9
    // between a step's commit and its record once left a stale drift reference ("drift before
    // step …"); that is now a failure of its own kind, named as such.
    bool failedRun(int code, const QString& output)
    {
        const QString tail = output.right(2000);
        if (m_log.kills.isEmpty())
            m_log.otherFailures << tail;
        else if (code == 2 && output.contains(QLatin1String("drift before step")))
            m_log.driftAfterKill << tail;
        else
            m_log.resumeFailures << tail;
        return false;
    }

    QStringList chooseKillSteps(const plan::Plan& plan, std::mt19937_64& rng) const
    {
        std::vector<QString> ids;
        for (const plan::Step& s : plan.steps)
            ids.push_back(s.id);
        std::shuffle(ids.begin(), ids.end(), rng);
        ids.resize(std::min<size_t>(kKills, ids.size()));
        return QStringList(ids.begin(), ids.end());
    }

    void runContract(const plan::Plan& plan, const QStringList& killSteps, WriterControl& control,
                     Writers& oldApp, Writers& newApp);
    void verifyEnd(const TestDatabase& live, const TestDatabase& oracle, const Snapshot& seeds,
                   const QString& target, const Writers& oldApp, const Writers& newApp);

private Q_SLOTS:
    void concurrentWriters();
};

namespace {

// The phase a gate of the plan stands before (contract when the plan has no such gate).
plan::Phase gateBefore(const plan::Plan& plan, const QString& id)
{
    for (const plan::Gate& g : plan.gates)
        if (g.id == id)
            return g.before;
    return plan::Phase::Contract;
}

QStringList killsIn(const plan::Plan& plan, const QStringList& killSteps, plan::Phase phase)
{
    QStringList out;
    for (const plan::Step& s : plan.steps) // in plan order
        if (s.phase == phase && killSteps.contains(s.id))
            out << s.id;
    return out;
}

int writerTableIndex(const QString& stepId)
{
    const QString table = caseKeyOfStep(stepId).section(QLatin1Char('.'), 0, 0);
    const auto tables = writerTables();
    for (size_t i = 0; i < tables.size(); ++i)
        if (tables[i].name == table)
            return int(i);
    return -1;
}

WriterCounts total(const Writers& writers)
{
    WriterCounts sum;
    for (const auto& w : writers) {
        const WriterCounts& c = w->counts();
        sum.committed += c.committed;
        sum.refusedAsExpected += c.refusedAsExpected;
        sum.noRow += c.noRow;
        sum.failures += c.failures;
        sum.failedValid << c.failedValid;
        sum.storedUnfit << c.storedUnfit;
        sum.wrongError << c.wrongError;
    }
    return sum;
}

} // namespace

void TestConversionWriters::concurrentWriters()
{
    QElapsedTimer wall;
    wall.start();
    const quint64 theSeed = seed();
    std::mt19937_64 rng(theSeed);
    TestDatabase live(QStringLiteral("safety_writers"));
    TestDatabase oracle(QStringLiteral("safety_writers_oracle"));
    m_conninfo = live.conninfo();
    // The runner's own session gets another zone than the plan's (New York) and the writers'.
    QCOMPARE(live.exec(unpinnedDefaultsSql(live.name())), QString());
    QCOMPARE(live.exec(writersBeforeSql(kSeedRows)), QString());
    for (const WriterTable& t : writerTables())
        QCOMPARE(live.exec(QStringLiteral("VACUUM ANALYZE ") + t.name), QString());
    QCOMPARE(oracle.exec(fitsFunctionsSql()), QString());
    m_monitor = live.connect();
    QVERIFY(m_monitor->exec(pinnedSettingsSql(false)).ok());
    const auto seeds = readWriterTables(*m_monitor);
    QVERIFY2(seeds, seeds ? "" : qPrintable(seeds.error().toString()));

    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("after.sql"));
    m_planFile = dir.filePath(QStringLiteral("plan.json"));
    QVERIFY(writeTextFile(target, writersAfterSql()));
    const PlanRun planned =
        planTarget(m_conninfo, target, m_planFile,
                   {QStringLiteral("--time-zone"), planTimeZone(), QStringLiteral("--accept-lossy"),
                    columnPath(QStringLiteral("w_num"), QStringLiteral("v"))});
    QVERIFY2(planned.exitCode == 0, qPrintable(planned.output));
    auto loaded = plan::loadPlan(m_planFile);
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().toString()));
    const plan::Plan& thePlan = *loaded;
    const QStringList killSteps = chooseKillSteps(thePlan, rng);
    qInfo("seed %llu (replay with BELLOWS_SAFETY_SEED=%llu); %d steps; kill -9 at %s", theSeed,
          theSeed, int(thePlan.steps.size()), qPrintable(killSteps.join(QStringLiteral(", "))));

    WriterControl control;
    Writers oldApp, newApp;
    const QStringList oldZones{QStringLiteral("Asia/Tokyo"), QStringLiteral("UTC")};
    const QStringList newZones{QStringLiteral("Europe/Berlin"),
                               QStringLiteral("America/Los_Angeles")};
    for (int i = 0; i < 2; ++i) {
        oldApp.push_back(std::make_unique<ConversionWriter>(
            i, false, oldZones.at(i), m_conninfo, oracle.conninfo(), control, theSeed, kSeedRows));
        newApp.push_back(std::make_unique<ConversionWriter>(2 + i, true, newZones.at(i), m_conninfo,
                                                            oracle.conninfo(), control, theSeed,
                                                            kSeedRows));
    }
    struct StopAll {
        Writers& a;
        Writers& b;
        ~StopAll()
        {
            for (auto* group : {&a, &b})
                for (auto& w : *group)
                    w->stopAndJoin();
        }
    } stopAll{oldApp, newApp};
    startAndWaitForFirstWrite(oldApp, control);

    // The new app comes at the plan's gate "deploy the app version that reads and writes the new
    // shape" (after backfill and verify); BELLOWS_SAFETY_NEW_APP_EARLY=1 brings it right after
    // expand instead, outside the plan's rules (README: a NULL it writes there can be lost).
    const bool early = qEnvironmentVariableIsSet("BELLOWS_SAFETY_NEW_APP_EARLY");
    const plan::Phase newAppFrom = gateBefore(thePlan, QStringLiteral("gate:deploy-new-shape"));
    bool newAppStarted = false;
    const auto startNewApp = [&] {
        if (!newAppStarted) {
            startAndWaitForFirstWrite(newApp, control);
            // Enough writes through the new columns (unfit ones among them) before the steps
            // that end that time go on, however fast this machine runs them.
            waitForWrites(newApp, control, kNewAppWritesFirst);
        }
        newAppStarted = true;
    };
    for (plan::Phase phase : plan::allPhases()) {
        const bool present = std::any_of(thePlan.steps.begin(), thePlan.steps.end(),
                                         [&](const plan::Step& s) { return s.phase == phase; });
        if (!present || !m_applyFailure.isEmpty())
            continue;
        if (phase == newAppFrom)
            startNewApp();
        if (phase == plan::Phase::Contract)
            break;
        QStringList extra{QStringLiteral("--through"), plan::toString(phase)};
        if (phase == plan::Phase::Backfill)
            extra << QStringLiteral("--max-rows-per-second")
                  << QString::number(kBackfillRowsPerSecond);
        const int code = applyWithKills(extra, killsIn(thePlan, killSteps, phase));
        if (code != 0)
            m_applyFailure =
                QStringLiteral("apply --through %1 exited %2").arg(plan::toString(phase)).arg(code);
        // The triggers exist: the old app may try values the new type cannot hold.
        if (phase == plan::Phase::Expand)
            control.oldAppMaySendUnfit = true;
        if (phase == plan::Phase::Expand && early)
            startNewApp();
    }
    startNewApp();
    if (m_applyFailure.isEmpty())
        runContract(thePlan, killSteps, control, oldApp, newApp);
    QThread::msleep(300); // the new app goes on writing the final columns
    for (auto* group : {&oldApp, &newApp})
        for (auto& w : *group)
            w->stopAndJoin();
    verifyEnd(live, oracle, *seeds, target, oldApp, newApp);
    qInfo("concurrent writers: %lld s", wall.elapsed() / 1000);
}

// The drain gate stops the old app; each contract step runs on its own, the new app pausing
// while a swap renames its column.
void TestConversionWriters::runContract(const plan::Plan& plan, const QStringList& killSteps,
                                        WriterControl& control, Writers& oldApp, Writers& newApp)
{
    pauseAll(pointers({&oldApp, &newApp}), control);
    control.oldAppMaySendUnfit = false;
    for (auto& w : oldApp)
        w->requestStop();
    resumeAll(control);
    for (auto& w : oldApp)
        w->stopAndJoin();
    for (const plan::Step& step : plan.steps) {
        if (step.phase != plan::Phase::Contract)
            continue;
        const bool swap = step.id.startsWith(QLatin1String("contract:drop-sync-trigger:"));
        if (swap)
            pauseAll(pointers({&newApp}), control);
        const int code =
            // The drain gate is this test's own doing (the old app is paused above), so each
            // contract step runs on its own, deliberately and on record.
            applyWithKills({QStringLiteral("--step"), step.id, QStringLiteral("--out-of-order"),
                            QStringLiteral("--reason"),
                            QStringLiteral("the test drained the old app itself")},
                           killSteps.contains(step.id) ? QStringList{step.id} : QStringList{});
        if (swap) {
            if (const int table = writerTableIndex(step.id); table >= 0 && code == 0)
                control.swapped[size_t(table)] = true;
            resumeAll(control);
        }
        if (code != 0) {
            m_applyFailure = QStringLiteral("apply --step %1 exited %2").arg(step.id).arg(code);
            return;
        }
    }
}

void TestConversionWriters::verifyEnd(const TestDatabase& live, const TestDatabase& oracle,
                                      const Snapshot& seeds, const QString& target,
                                      const Writers& oldApp, const Writers& newApp)
{
    QStringList problems;
    if (!m_applyFailure.isEmpty())
        problems << m_applyFailure;
    const WriterCounts o = total(oldApp);
    const WriterCounts n = total(newApp);
    for (const WriterCounts* c : {&o, &n}) {
        for (const QString& m : c->failedValid)
            problems << QStringLiteral("a valid write failed: ") + m;
        for (const QString& m : c->storedUnfit)
            problems << QStringLiteral("an unfit value was stored: ") + m;
        for (const QString& m : c->wrongError)
            problems << QStringLiteral("an unfit value failed with another error: ") + m;
    }
    if (o.refusedAsExpected == 0 || n.refusedAsExpected == 0)
        problems << QStringLiteral("no unfit write was tried by one of the apps (old %1, new %2)")
                        .arg(o.refusedAsExpected)
                        .arg(n.refusedAsExpected);
    const auto diffed = diffTarget(m_conninfo, target);
    if (diffed.exitCode != 0)
        problems << QStringLiteral("diff --exit-code exited %1: %2")
                        .arg(diffed.exitCode)
                        .arg(QString(diffed.err + diffed.out).right(2000));
    auto oracleConn = oracle.connect();
    const auto got = readWriterTables(*m_monitor);
    Provenance provenance;
    const auto want = expectedFinal(*live.connect(), *oracleConn, seeds, &provenance);
    qint64 rows = 0;
    if (!got || !want)
        problems << QStringLiteral("reading the final rows: ") +
                        (got ? want.error() : got.error()).toString();
    else
        problems << compareSnapshots(*got, *want, provenance, 5, &rows);
    qInfo("%d conversions, %d clients: %lld writes committed (old app %lld, new app %lld), %lld "
          "unfit writes refused with a data exception (old app %lld, new app %lld), %lld client "
          "failures; kill -9 of the runner at %s; %lld rows compared with the oracle",
          int(writerTables().size()), int(oldApp.size() + newApp.size()), o.committed + n.committed,
          o.committed, n.committed, o.refusedAsExpected + n.refusedAsExpected, o.refusedAsExpected,
          n.refusedAsExpected, o.failures + n.failures,
          qPrintable(m_log.kills.isEmpty() ? QStringLiteral("no step")
                                           : m_log.kills.join(QStringLiteral(", "))),
          rows);
    if (!m_log.missed.isEmpty())
        qInfo("kill points passed before the runner reached them: %s",
              qPrintable(m_log.missed.join(QStringLiteral(", "))));
    QVERIFY2(m_log.driftAfterKill.isEmpty(),
             qPrintable(m_log.driftAfterKill.join(QStringLiteral("\n---\n"))));
    QVERIFY2(m_log.otherFailures.isEmpty(),
             qPrintable(QStringLiteral("apply failed:\n") +
                        m_log.otherFailures.join(QStringLiteral("\n---\n"))));
    QVERIFY2(m_log.resumeFailures.isEmpty(),
             qPrintable(QStringLiteral("apply after a kill -9 did not complete:\n") +
                        m_log.resumeFailures.join(QStringLiteral("\n---\n"))));
    for (const QString& p : problems) // Qt Test cuts long failure messages
        qWarning("%s", qPrintable(p));
    QVERIFY2(problems.isEmpty(), "the writes, the runner or the final rows went wrong (above)");
}

QTEST_GUILESS_MAIN(TestConversionWriters)
#include "test_conversion_writers.moc"
