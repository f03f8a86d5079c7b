// bellows-cli plan + apply end to end: the seed scenario (a column rename through expand,
// backfill and contract), confirmation, failures, refusals and keyset backfills over composite
// keys.

#include "exec/backfill_batches.h"
#include "plan/plan_file.h"
#include "plan/step_digest.h"
#include "test_database.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <thread>

using namespace bellows;
using namespace bellows::test;

namespace {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(text);
    return path;
}

plan::Step sqlStep(const QString& id, const QString& sql, plan::Phase phase = plan::Phase::Expand)
{
    plan::Step s;
    s.id = id;
    s.phase = phase;
    s.title = QStringLiteral("step ") + id;
    s.sql = sql;
    s.lockTimeoutMs = 2000;
    s.statementTimeoutMs = 60000;
    return s;
}

plan::Plan handPlan(std::vector<plan::Step> steps)
{
    plan::Plan p;
    p.id = QStringLiteral("hand-written");
    p.steps = std::move(steps);
    return p;
}

QString savedPlan(const QTemporaryDir& dir, const plan::Plan& p)
{
    const QString path = dir.filePath(QStringLiteral("plan.json"));
    const auto saved = plan::savePlan(p, path);
    return saved.ok() ? path : QString();
}

QString scalar(const TestDatabase& db, const QString& sql)
{
    auto conn = db.connect();
    auto r = conn->exec(sql);
    if (!r)
        return QStringLiteral("ERROR: ") + r.error().message;
    return r->rows() ? r->text(0, 0) : QString();
}

ProcessResult apply(const QString& planPath, const TestDatabase& db, QStringList extra)
{
    return runCli(
        QStringList{QStringLiteral("apply"), planPath, QStringLiteral("--db"), db.conninfo()} +
        extra);
}

} // namespace

class TestApply : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void seedScenarioRenameConverges()
    {
        TestDatabase db(QStringLiteral("seed"));
        QVERIFY(
            db.exec(QStringLiteral(
                        "CREATE TABLE users (id int PRIMARY KEY, full_name text);"
                        "INSERT INTO users SELECT g, 'name ' || g FROM generate_series(1, 2000) g;"
                        "ANALYZE users;"))
                .isEmpty());
        QTemporaryDir dir;
        const QString target =
            writeFile(dir, QStringLiteral("target.sql"),
                      "CREATE TABLE users (id int PRIMARY KEY, display_name text);\n");
        const QString planPath = dir.filePath(QStringLiteral("plan.json"));
        const auto planned = runCli({QStringLiteral("plan"), QStringLiteral("--db"), db.conninfo(),
                                     QStringLiteral("--target"), target, QStringLiteral("--rename"),
                                     QStringLiteral("public.users.full_name=display_name"),
                                     QStringLiteral("-o"), planPath});
        QVERIFY2(planned.exitCode == 0, qPrintable(planned.err + planned.out));
        QVERIFY(QFile::exists(planPath));
        auto loaded = plan::loadPlan(planPath);
        QVERIFY(loaded.ok());
        QVERIFY(!loaded->steps.empty());
        QVERIFY(!loaded->sourceFingerprint.isEmpty());
        QVERIFY(!loaded->sourceDescription.contains(QStringLiteral("password")));
        // Planning never writes.
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM information_schema.columns "
                                           "WHERE table_name = 'users'")),
                 QStringLiteral("2"));

        const auto applied =
            apply(planPath, db,
                  {QStringLiteral("--yes"), QStringLiteral("--gates"), QStringLiteral("auto")});
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.err + applied.out));
        QVERIFY2(applied.err.contains(QStringLiteral("passed automatically")) ||
                     loaded->gates.empty(),
                 qPrintable(applied.err));

        const auto diffed =
            runCli({QStringLiteral("diff"), QStringLiteral("--db"), db.conninfo(),
                    QStringLiteral("--target"), target, QStringLiteral("--exit-code")});
        QVERIFY2(diffed.exitCode == 0, qPrintable(diffed.err + diffed.out));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM users")), QStringLiteral("2000"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM users WHERE display_name IS "
                                           "DISTINCT FROM 'name ' || id")),
                 QStringLiteral("0"));
    }

    void blockingPlanExitsTwoAndFillResolvesIt()
    {
        TestDatabase db(QStringLiteral("notnull"));
        QVERIFY(db.exec(QStringLiteral(
                            "CREATE TABLE items (id int PRIMARY KEY, status text);"
                            "INSERT INTO items SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'old' "
                            "END FROM generate_series(1, 500) g;"))
                    .isEmpty());
        QTemporaryDir dir;
        const QString target =
            writeFile(dir, QStringLiteral("target.sql"),
                      "CREATE TABLE items (id int PRIMARY KEY, status text NOT NULL);\n");
        const QString blockedPath = dir.filePath(QStringLiteral("blocked.json"));
        const auto blocked =
            runCli({QStringLiteral("plan"), QStringLiteral("--db"), db.conninfo(),
                    QStringLiteral("--target"), target, QStringLiteral("-o"), blockedPath});
        QCOMPARE(blocked.exitCode, 2);
        QVERIFY2(blocked.out.contains(QStringLiteral("BLOCKED")), qPrintable(blocked.out));
        QVERIFY2(blocked.err.contains(QStringLiteral("blocking findings")),
                 qPrintable(blocked.err));
        // The blocked plan is still written, and apply refuses it.
        const auto refused =
            apply(blockedPath, db,
                  {QStringLiteral("--yes"), QStringLiteral("--gates"), QStringLiteral("auto")});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QStringLiteral("blocking findings")),
                 qPrintable(refused.err));

        const QString planPath = dir.filePath(QStringLiteral("plan.json"));
        const auto planned =
            runCli({QStringLiteral("plan"), QStringLiteral("--db"), db.conninfo(),
                    QStringLiteral("--target"), target, QStringLiteral("--fill"),
                    QStringLiteral("public.items.status='new'"), QStringLiteral("-o"), planPath});
        QVERIFY2(planned.exitCode == 0, qPrintable(planned.err + planned.out));
        const auto applied =
            apply(planPath, db,
                  {QStringLiteral("--yes"), QStringLiteral("--gates"), QStringLiteral("auto")});
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.err + applied.out));
        const auto diffed =
            runCli({QStringLiteral("diff"), QStringLiteral("--db"), db.conninfo(),
                    QStringLiteral("--target"), target, QStringLiteral("--exit-code")});
        QVERIFY2(diffed.exitCode == 0, qPrintable(diffed.err + diffed.out));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM items WHERE status = 'new'")),
                 QStringLiteral("166"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM items WHERE status = 'old'")),
                 QStringLiteral("334"));
    }

    void sqlAndMarkdownFormats()
    {
        TestDatabase db(QStringLiteral("formats"));
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE users (id int PRIMARY KEY, full_name text)"))
                    .isEmpty());
        QTemporaryDir dir;
        const QString target =
            writeFile(dir, QStringLiteral("target.sql"),
                      "CREATE TABLE users (id int PRIMARY KEY, display_name text);\n");
        const QStringList base{QStringLiteral("plan"),
                               QStringLiteral("--db"),
                               db.conninfo(),
                               QStringLiteral("--target"),
                               target,
                               QStringLiteral("--rename"),
                               QStringLiteral("public.users.full_name=display_name")};
        const QString sqlDir = dir.filePath(QStringLiteral("sql"));
        const auto sql =
            runCli(base + QStringList{QStringLiteral("--format"), QStringLiteral("sql"),
                                      QStringLiteral("-o"), sqlDir});
        QVERIFY2(sql.exitCode == 0, qPrintable(sql.err));
        const QStringList files = QDir(sqlDir).entryList(QDir::Files, QDir::Name);
        QVERIFY2(files.contains(QStringLiteral("01_expand.sql")), qPrintable(files.join(u' ')));
        QVERIFY2(files.contains(QStringLiteral("02_backfill.sql")), qPrintable(files.join(u' ')));
        const auto printed =
            runCli(base + QStringList{QStringLiteral("--format"), QStringLiteral("sql")});
        QVERIFY(printed.out.contains(QStringLiteral("-- ===== expand =====")));
        QVERIFY(printed.out.contains(QStringLiteral("-- ===== GATE: ")));
        const auto md =
            runCli(base + QStringList{QStringLiteral("--format"), QStringLiteral("markdown")});
        QVERIFY2(md.exitCode == 0, qPrintable(md.err));
        QVERIFY(md.out.contains(QStringLiteral("## Expand")));
        QVERIFY(md.out.contains(QStringLiteral("```sql")));
        // Planning never wrote anything.
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM information_schema.columns "
                                           "WHERE table_name = 'users'")),
                 QStringLiteral("2"));
    }

    void throughStopsAfterThePhase()
    {
        TestDatabase db(QStringLiteral("through"));
        QTemporaryDir dir;
        const QString path = savedPlan(
            dir, handPlan({sqlStep(QStringLiteral("a"), QStringLiteral("CREATE TABLE a (x int)")),
                           sqlStep(QStringLiteral("b"), QStringLiteral("CREATE TABLE b (x int)"),
                                   plan::Phase::Contract)}));
        const auto r =
            apply(path, db,
                  {QStringLiteral("--yes"), QStringLiteral("--through"), QStringLiteral("expand")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("applied 1 step(s)")));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('b') IS NULL")),
                 QStringLiteral("t"));
    }

    void lockTimeoutIsRetried()
    {
        TestDatabase db(QStringLiteral("locked"));
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE t (id int PRIMARY KEY)")).isEmpty());
        auto holder = db.connect();
        QVERIFY(holder->exec(QStringLiteral("BEGIN")).ok());
        QVERIFY(holder->exec(QStringLiteral("LOCK TABLE t IN ACCESS SHARE MODE")).ok());
        // Released while the runner backs off; the holder is used by this thread only from here.
        std::thread release([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(700));
            (void)holder->exec(QStringLiteral("COMMIT"));
        });
        QTemporaryDir dir;
        plan::Step s =
            sqlStep(QStringLiteral("add"), QStringLiteral("ALTER TABLE t ADD COLUMN v int"));
        s.lockTimeoutMs = 100;
        const auto r = apply(savedPlan(dir, handPlan({s})), db, {QStringLiteral("--yes")});
        release.join();
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("trying again")), qPrintable(r.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM information_schema.columns "
                                           "WHERE table_name = 't'")),
                 QStringLiteral("2"));
    }

    void refusesWithoutYesWhenStdinIsNotATerminal()
    {
        TestDatabase db(QStringLiteral("noyes"));
        QTemporaryDir dir;
        const QString path = savedPlan(
            dir,
            handPlan({sqlStep(QStringLiteral("a"), QStringLiteral("CREATE TABLE a (x int)"))}));
        const auto r = apply(path, db, {});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("apply writes to the database: pass --yes or run "
                                               "it in a terminal")),
                 qPrintable(r.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('a') IS NULL")),
                 QStringLiteral("t"));
    }

    void failingStepStopsWithClearMessage()
    {
        TestDatabase db(QStringLiteral("fail"));
        QTemporaryDir dir;
        const QString path = savedPlan(
            dir,
            handPlan({sqlStep(QStringLiteral("first"), QStringLiteral("CREATE TABLE a (x int)")),
                      sqlStep(QStringLiteral("second"),
                              QStringLiteral("CREATE TABLE b (x int); "
                                             "ALTER TABLE nope ADD COLUMN y int")),
                      sqlStep(QStringLiteral("third"), QStringLiteral("CREATE TABLE c (x int)"))}));
        const auto r = apply(path, db, {QStringLiteral("--yes")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("step \"second\"")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("relation \"nope\" does not exist")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("Steps done in this run: first")),
                 qPrintable(r.err));
        // The failing step's transaction was rolled back as a whole; nothing after it ran.
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('a') IS NOT NULL")),
                 QStringLiteral("t"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('b') IS NULL")),
                 QStringLiteral("t"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('c') IS NULL")),
                 QStringLiteral("t"));
        // The ledger knows "first" is done: a re-run does not repeat it (it would fail with
        // "relation a already exists") and stops at the same step again.
        const auto again = apply(path, db, {QStringLiteral("--yes")});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QStringLiteral("step first: already done")),
                 qPrintable(again.err));
        QVERIFY2(again.err.contains(QStringLiteral("relation \"nope\" does not exist")),
                 qPrintable(again.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(step_id || ':' || status, ',' ORDER "
                                           "BY run_id, step_id) FROM bellows.ledger_steps")),
                 QStringLiteral("first:done,second:failed,second:failed"));
    }

    void blockingFindingIsRefused()
    {
        TestDatabase db(QStringLiteral("block"));
        QTemporaryDir dir;
        plan::Plan p =
            handPlan({sqlStep(QStringLiteral("a"), QStringLiteral("CREATE TABLE a (x int)"))});
        p.findings.push_back(plan::Finding{plan::Finding::Severity::Blocking,
                                           QStringLiteral("public.v"),
                                           QStringLiteral("A view depends on the column"),
                                           QStringLiteral("reason"),
                                           {},
                                           QString()});
        const auto r = apply(savedPlan(dir, p), db, {QStringLiteral("--yes")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("blocking findings")), qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("A view depends on the column")), qPrintable(r.out));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('a') IS NULL")),
                 QStringLiteral("t"));
    }

    void driftedDatabaseIsRefused()
    {
        TestDatabase db(QStringLiteral("drift"));
        QTemporaryDir dir;
        plan::Plan p =
            handPlan({sqlStep(QStringLiteral("a"), QStringLiteral("CREATE TABLE a (x int)"))});
        p.sourceFingerprint = QString(64, QLatin1Char('0'));
        const auto r = apply(savedPlan(dir, p), db, {QStringLiteral("--yes")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("not the one this plan was made for")),
                 qPrintable(r.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('a') IS NULL")),
                 QStringLiteral("t"));
    }

    void passedGateIsNotAskedAgain()
    {
        TestDatabase db(QStringLiteral("gates2"));
        QTemporaryDir dir;
        plan::Plan p =
            handPlan({sqlStep(QStringLiteral("a"), QStringLiteral("CREATE TABLE a (x int)")),
                      sqlStep(QStringLiteral("b"), QStringLiteral("CREATE TABLE b (x int)"),
                              plan::Phase::Backfill),
                      sqlStep(QStringLiteral("c"), QStringLiteral("CREATE TABLE c (x int)"),
                              plan::Phase::Contract)});
        p.gates.push_back(plan::Gate{QStringLiteral("gate:deploy"),
                                     plan::Phase::Backfill,
                                     QStringLiteral("Deploy the tolerant app"),
                                     {},
                                     {}});
        p.gates.push_back(plan::Gate{QStringLiteral("gate:drain"),
                                     plan::Phase::Contract,
                                     QStringLiteral("Drain old app versions"),
                                     {},
                                     {}});
        const QString path = savedPlan(dir, p);
        const auto first =
            apply(path, db,
                  {QStringLiteral("--yes"), QStringLiteral("--gates"), QStringLiteral("auto"),
                   QStringLiteral("--through"), QStringLiteral("backfill")});
        QCOMPARE(first.exitCode, 0);
        // The first gate was passed and recorded; without --gates auto the run now goes on
        // until the second gate, which nobody confirmed yet.
        const auto second = apply(path, db, {QStringLiteral("--yes")});
        QCOMPARE(second.exitCode, 2);
        QVERIFY2(!second.out.contains(QStringLiteral("GATE: Deploy")), qPrintable(second.out));
        QVERIFY2(second.out.contains(QStringLiteral("GATE: Drain old app versions")),
                 qPrintable(second.out));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('c') IS NULL")),
                 QStringLiteral("t"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(step_id, ',' ORDER BY id) FROM "
                                           "bellows.ledger_events WHERE kind = 'gate_passed'")),
                 QStringLiteral("gate:deploy"));
    }

    void gateAskWithoutTerminalStops()
    {
        TestDatabase db(QStringLiteral("gate"));
        QTemporaryDir dir;
        plan::Plan p =
            handPlan({sqlStep(QStringLiteral("a"), QStringLiteral("CREATE TABLE a (x int)")),
                      sqlStep(QStringLiteral("b"), QStringLiteral("CREATE TABLE b (x int)"),
                              plan::Phase::Contract)});
        p.gates.push_back(plan::Gate{QStringLiteral("gate:drain"),
                                     plan::Phase::Contract,
                                     QStringLiteral("Drain old app versions"),
                                     QStringLiteral("Stop every old instance."),
                                     {}});
        const auto r = apply(savedPlan(dir, p), db, {QStringLiteral("--yes")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains(QStringLiteral("GATE: Drain old app versions")), qPrintable(r.out));
        QVERIFY2(r.err.contains(QStringLiteral("stopped at gate")), qPrintable(r.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('a') IS NOT NULL")),
                 QStringLiteral("t"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('b') IS NULL")),
                 QStringLiteral("t"));

        // --step refuses a step whose gate is not passed: nothing runs.
        const QString saved = savedPlan(dir, p);
        const auto early = apply(
            saved, db, {QStringLiteral("--yes"), QStringLiteral("--step"), QStringLiteral("b")});
        QCOMPARE(early.exitCode, 2);
        QVERIFY2(early.err.contains(QStringLiteral("gate gate:drain")), qPrintable(early.err));
        QVERIFY2(early.err.contains(QStringLiteral("--out-of-order")), qPrintable(early.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('b') IS NULL")),
                 QStringLiteral("t"));

        // --out-of-order with --yes needs a reason, and then runs exactly that step, on record.
        const auto noReason = apply(saved, db,
                                    {QStringLiteral("--yes"), QStringLiteral("--step"),
                                     QStringLiteral("b"), QStringLiteral("--out-of-order")});
        QCOMPARE(noReason.exitCode, 2);
        QVERIFY2(noReason.err.contains(QStringLiteral("--reason")), qPrintable(noReason.err));
        const auto one = apply(saved, db,
                               {QStringLiteral("--yes"), QStringLiteral("--step"),
                                QStringLiteral("b"), QStringLiteral("--out-of-order"),
                                QStringLiteral("--reason"), QStringLiteral("hotfix INC-7")});
        QVERIFY2(one.exitCode == 0, qPrintable(one.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('b') IS NOT NULL")),
                 QStringLiteral("t"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM bellows.ledger_events WHERE "
                                           "kind = 'out_of_order' AND message LIKE "
                                           "'%gate:drain%hotfix INC-7%'")),
                 QStringLiteral("1"));
    }

    void stepWaitsForItsDependencies()
    {
        TestDatabase db(QStringLiteral("step_order"));
        QTemporaryDir dir;
        plan::Step second = sqlStep(QStringLiteral("b"), QStringLiteral("CREATE TABLE b (x int)"));
        second.dependsOn = {QStringLiteral("a")};
        const plan::Plan thePlan = handPlan(
            {sqlStep(QStringLiteral("a"), QStringLiteral("CREATE TABLE a (x int)")), second});
        const QString saved = savedPlan(dir, thePlan);
        const auto early = apply(
            saved, db, {QStringLiteral("--yes"), QStringLiteral("--step"), QStringLiteral("b")});
        QCOMPARE(early.exitCode, 2);
        QVERIFY2(early.err.contains(QStringLiteral("step a it depends on is not done")),
                 qPrintable(early.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('b') IS NULL")),
                 QStringLiteral("t"));
        const auto first = apply(
            saved, db, {QStringLiteral("--yes"), QStringLiteral("--step"), QStringLiteral("a")});
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const auto then = apply(
            saved, db, {QStringLiteral("--yes"), QStringLiteral("--step"), QStringLiteral("b")});
        QVERIFY2(then.exitCode == 0, qPrintable(then.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('b') IS NOT NULL")),
                 QStringLiteral("t"));
        // The ledger keeps what the approvals bind and who ran it: login role and OS user.
        QCOMPARE(scalar(db, QStringLiteral("SELECT step_digest FROM bellows.ledger_steps WHERE "
                                           "step_id = 'b'")),
                 plan::stepDigest(thePlan, QStringLiteral("b")));
        QCOMPARE(scalar(db, QStringLiteral("SELECT bool_and(db_session_user = session_user AND "
                                           "os_user <> '') FROM bellows.ledger_runs")),
                 QStringLiteral("t"));
    }

    void outsideTransactionStepRunsStatementsInAutocommit()
    {
        TestDatabase db(QStringLiteral("concurrently"));
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE t (id int PRIMARY KEY, v int)")).isEmpty());
        QTemporaryDir dir;
        plan::Step s = sqlStep(QStringLiteral("idx"),
                               QStringLiteral("CREATE INDEX CONCURRENTLY t_v ON t (v);\n"
                                              "-- a comment; with a semicolon\n"
                                              "CREATE INDEX CONCURRENTLY t_v2 ON t (v, id);"));
        s.outsideTransaction = true;
        s.lockTimeoutMs = 0;
        s.statementTimeoutMs = 0;
        const auto r = apply(savedPlan(dir, handPlan({s})), db, {QStringLiteral("--yes")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(scalar(db, QStringLiteral(
                                "SELECT count(*) FROM pg_index WHERE indrelid = 't'::regclass "
                                "AND indisvalid")),
                 QStringLiteral("3"));
    }

    void backfillOverCompositeKeyFillsEveryRow()
    {
        TestDatabase db(QStringLiteral("composite"));
        QVERIFY(db.exec(QStringLiteral(
                            "CREATE TABLE \"Order Lines\" (tenant text, order_id int, line int, "
                            "qty int NOT NULL, total int, PRIMARY KEY (tenant, order_id, line));"
                            "INSERT INTO \"Order Lines\" "
                            "SELECT t, o, l, o + l, CASE WHEN l % 5 = 0 THEN (o + l) * 2 END "
                            "FROM unnest(ARRAY['acme', 'Beta co', 'zeta''s']) t, "
                            "generate_series(1, 23) o, generate_series(1, 17) l;"))
                    .isEmpty());
        QTemporaryDir dir;
        plan::Step s =
            sqlStep(QStringLiteral("fill"), QStringLiteral("-- batches"), plan::Phase::Backfill);
        s.backfill = plan::Backfill{
            QStringLiteral("public"),
            QStringLiteral("Order Lines"),
            {QStringLiteral("tenant"), QStringLiteral("order_id"), QStringLiteral("line")},
            QStringLiteral("total = qty * 2"),
            QStringLiteral("total IS DISTINCT FROM qty * 2"),
            7};
        s.sql = exec::backfillStatementText(*s.backfill);
        const auto r = apply(savedPlan(dir, handPlan({s})), db, {QStringLiteral("--yes")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM \"Order Lines\"")),
                 QStringLiteral("1173"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM \"Order Lines\" WHERE total IS "
                                           "DISTINCT FROM qty * 2")),
                 QStringLiteral("0"));
        // Rows already done were walked over, not updated: 3 * 23 * 14 needed work.
        QVERIFY2(r.out.contains(QStringLiteral("966 row(s) backfilled")), qPrintable(r.out));
    }

    void backfillWithoutKeyUsesPageRanges()
    {
        TestDatabase db(QStringLiteral("nokey"));
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE heap (v int, w int);"
                                       "INSERT INTO heap SELECT g, NULL FROM "
                                       "generate_series(1, 5000) g; ANALYZE heap"))
                    .isEmpty());
        QTemporaryDir dir;
        plan::Step s =
            sqlStep(QStringLiteral("fill"), QStringLiteral("-- batches"), plan::Phase::Backfill);
        s.backfill = plan::Backfill{QStringLiteral("public"), QStringLiteral("heap"),      {},
                                    QStringLiteral("w = v"),  QStringLiteral("w IS NULL"), 100};
        s.sql = exec::backfillStatementText(*s.backfill);
        const auto r = apply(savedPlan(dir, handPlan({s})), db, {QStringLiteral("--yes")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("5000 row(s) backfilled")), qPrintable(r.out));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM heap WHERE w IS DISTINCT FROM v")),
                 QStringLiteral("0"));
        // Page ranges starting at about 100 rows and growing: several batches, each
        // checkpointed with its end page.
        QVERIFY(
            scalar(db, QStringLiteral("SELECT batches FROM bellows.ledger_checkpoints")).toInt() >
            3);
    }

    void unreadablePlanFails()
    {
        TestDatabase db(QStringLiteral("badplan"));
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("plan.json"),
                                       "{\"formatVersion\": 7, \"id\": \"x\", \"steps\": []}");
        const auto r = apply(path, db, {QStringLiteral("--yes")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(
            r.err.contains(QStringLiteral("plan.json was written by a newer Bellows (format 7)")),
            qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestApply)
#include "test_apply.moc"
