// The plan file (PLAN.json): round trip, rejection of what it cannot read, atomic writes; the
// renderers (text, markdown, sql) carry the facts a reviewer needs.

#include "cli/plan_command.h"
#include "exec/backfill_batches.h"
#include "plan/plan_file.h"
#include "plan/plan_render.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace bellows;
using namespace bellows::plan;

namespace {

Plan samplePlan()
{
    Plan plan;
    plan.id = QStringLiteral("0123abcd");
    plan.createdAt = QStringLiteral("2026-11-24T04:00:00Z");
    plan.sourceFingerprint = QString(64, QLatin1Char('a'));
    plan.targetFingerprint = QString(64, QLatin1Char('b'));
    plan.sourceDescription = QStringLiteral("localhost:5432/app");
    plan.targetDescription = QStringLiteral("/src/schema.sql");
    plan.serverVersionNum = 150018;

    Step add;
    add.id = QStringLiteral("expand-add-column-public.users.display_name");
    add.phase = Phase::Expand;
    add.title = QStringLiteral("Add nullable column users.display_name");
    add.sql = QStringLiteral("ALTER TABLE public.users ADD COLUMN display_name text");
    add.rollbackSql = QStringLiteral("ALTER TABLE public.users DROP COLUMN display_name");
    add.locks = {Lock{LockMode::AccessExclusive, QStringLiteral("public.users"), true}};
    add.work = Work::None;
    add.estimatedSeconds = 0.01;
    add.hazards = {Hazard{HazardKind::AccessExclusiveLock,
                          QStringLiteral("queues behind long transactions on users")}};
    add.statementTimeoutMs = 60000;
    add.lockTimeoutMs = 2000;
    add.referenceRow = QStringLiteral("C1");
    add.rationale = QStringLiteral("old app versions ignore a nullable column");
    add.originalSql = QStringLiteral("ALTER TABLE users ADD COLUMN display_name text");

    Step index;
    index.id = QStringLiteral("expand-index");
    index.phase = Phase::Expand;
    index.title = QStringLiteral("Build index concurrently");
    index.sql = QStringLiteral("CREATE INDEX CONCURRENTLY users_dn ON public.users (display_name)");
    index.locks = {Lock{LockMode::ShareUpdateExclusive, QStringLiteral("public.users"), false}};
    index.work = Work::Build;
    index.estimatedSeconds = 125;
    index.outsideTransaction = true;
    index.hazards = {Hazard{HazardKind::OutsideTransaction, QStringLiteral("autocommit")},
                     Hazard{HazardKind::IndexBuild, QStringLiteral("reads the whole table")}};
    index.dependsOn = {add.id};
    index.irreversibleReason = QStringLiteral("kept on purpose");

    Step fill;
    fill.id = QStringLiteral("backfill-public.users.display_name");
    fill.phase = Phase::Backfill;
    fill.title = QStringLiteral("Copy full_name into display_name");
    fill.sql = QStringLiteral("-- one batch");
    fill.work = Work::Scan;
    fill.estimatedSeconds = 3700;
    fill.hazards = {Hazard{HazardKind::BackfillLoad, QStringLiteral("WAL and dead tuples")}};
    fill.backfill = Backfill{QStringLiteral("public"),
                             QStringLiteral("users"),
                             {QStringLiteral("id")},
                             QStringLiteral("display_name = full_name"),
                             QStringLiteral("display_name IS DISTINCT FROM full_name"),
                             500};
    fill.sql = exec::backfillStatementText(*fill.backfill);
    fill.dependsOn = {add.id};

    Step drop;
    drop.id = QStringLiteral("contract-drop-column-public.users.full_name");
    drop.phase = Phase::Contract;
    drop.title = QStringLiteral("Drop column users.full_name");
    drop.sql = QStringLiteral("ALTER TABLE public.users DROP COLUMN full_name");
    drop.irreversibleReason = QStringLiteral("the column's data is gone");
    drop.locks = {Lock{LockMode::AccessExclusive, QStringLiteral("public.users"), true}};
    drop.hazards = {Hazard{HazardKind::DataLoss, QStringLiteral("drops full_name")},
                    Hazard{HazardKind::Irreversible, QStringLiteral("no way back")}};
    plan.steps = {add, index, fill, drop};

    plan.gates = {Gate{QStringLiteral("gate:tolerate-both-shapes"),
                       Phase::Backfill,
                       QStringLiteral("Deploy the app version that tolerates both shapes"),
                       QStringLiteral("Roll out a version that reads display_name."),
                       {QStringLiteral("new version deployed"), QStringLiteral("errors normal")}},
                  Gate{QStringLiteral("gate:drain-old-versions"),
                       Phase::Contract,
                       QStringLiteral("Drain old app versions"),
                       QString(),
                       {}}};
    plan.findings = {Finding{Finding::Severity::Warning,
                             QStringLiteral("public.users"),
                             QStringLiteral("Large table"),
                             QStringLiteral("10M rows"),
                             {QStringLiteral("run at night")},
                             QStringLiteral("C10")}};
    plan.renames = {diff::RenameHint{QStringLiteral("public"), QStringLiteral("users"),
                                     QStringLiteral("full_name"), QStringLiteral("display_name")},
                    diff::RenameHint{QStringLiteral("public"), QStringLiteral("old"), QString(),
                                     QStringLiteral("new")}};
    plan.fills = {Fill{QStringLiteral("public"), QStringLiteral("users"), QStringLiteral("status"),
                       QStringLiteral("'active'")}};
    plan.changeSet = QJsonObject{{QStringLiteral("changes"), QJsonArray{1, 2}}};
    plan.review = QJsonObject{{QStringLiteral("approvals"),
                               QJsonArray{QJsonObject{{QStringLiteral("by"), QStringLiteral("ann")},
                                                      {QStringLiteral("future"), true}}}}};
    return plan;
}

Plan blockedPlan()
{
    Plan plan = samplePlan();
    plan.findings.push_back(Finding{Finding::Severity::Blocking,
                                    QStringLiteral("public.v"),
                                    QStringLiteral("Dependent view"),
                                    QStringLiteral("a view reads full_name"),
                                    {QStringLiteral("drop the view first")},
                                    QString()});
    return plan;
}

QString writeRaw(const QTemporaryDir& dir, const QString& name, const QByteArray& data)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(data);
    return path;
}

} // namespace

class TestPlanFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripKeepsEveryField()
    {
        const Plan plan = samplePlan();
        const QJsonObject json = toJson(plan);
        QCOMPARE(json.value(QLatin1String("formatVersion")).toInt(), Plan::FormatVersion);
        auto back = planFromJson(json, QStringLiteral("PLAN.json"));
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().toString()));
        QCOMPARE(toJson(*back), json);
        QCOMPARE(back->id, plan.id);
        QCOMPARE(back->createdAt, plan.createdAt);
        QCOMPARE(back->sourceFingerprint, plan.sourceFingerprint);
        QCOMPARE(back->targetFingerprint, plan.targetFingerprint);
        QCOMPARE(back->sourceDescription, plan.sourceDescription);
        QCOMPARE(back->targetDescription, plan.targetDescription);
        QCOMPARE(back->serverVersionNum, plan.serverVersionNum);
        QCOMPARE(back->steps.size(), plan.steps.size());
        for (size_t i = 0; i < plan.steps.size(); ++i) {
            const Step& a = plan.steps[i];
            const Step& b = back->steps[i];
            QCOMPARE(b.id, a.id);
            QVERIFY(b.phase == a.phase);
            QCOMPARE(b.title, a.title);
            QCOMPARE(b.sql, a.sql);
            QCOMPARE(b.rollbackSql, a.rollbackSql);
            QCOMPARE(b.irreversibleReason, a.irreversibleReason);
            QVERIFY(b.locks == a.locks);
            QVERIFY(b.work == a.work);
            QCOMPARE(b.estimatedSeconds, a.estimatedSeconds);
            QCOMPARE(b.outsideTransaction, a.outsideTransaction);
            QVERIFY(b.hazards == a.hazards);
            QCOMPARE(b.statementTimeoutMs, a.statementTimeoutMs);
            QCOMPARE(b.lockTimeoutMs, a.lockTimeoutMs);
            QCOMPARE(b.dependsOn, a.dependsOn);
            QCOMPARE(b.referenceRow, a.referenceRow);
            QCOMPARE(b.rationale, a.rationale);
            QVERIFY(b.backfill == a.backfill);
            QCOMPARE(b.originalSql, a.originalSql);
        }
        QVERIFY(back->gates == plan.gates);
        QVERIFY(back->findings == plan.findings);
        QVERIFY(back->renames == plan.renames);
        QVERIFY(back->fills == plan.fills);
        QCOMPARE(back->changeSet, plan.changeSet);
        QCOMPARE(back->review, plan.review); // verbatim, unknown keys included
    }

    void saveAndLoad()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("plan.json"));
        const Plan plan = samplePlan();
        auto saved = savePlan(plan, path);
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().toString()));
        auto loaded = loadPlan(path);
        QVERIFY(loaded.ok());
        QCOMPARE(toJson(*loaded), toJson(plan));
    }

    void atomicWriteLeavesCompleteFileOrNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("plan.json"));
        Plan first = samplePlan();
        QVERIFY(savePlan(first, path).ok());
        Plan second = samplePlan();
        second.id = QStringLiteral("second");
        QVERIFY(savePlan(second, path).ok());
        // Only the finished file: no temporary left beside it, and it parses whole.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("plan.json")});
        auto loaded = loadPlan(path);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->id, QStringLiteral("second"));

        // A write that cannot happen leaves no file at all.
        const QString missingDir = dir.filePath(QStringLiteral("no/such/dir/plan.json"));
        auto failed = savePlan(first, missingDir);
        QVERIFY(!failed.ok());
        QVERIFY(failed.error().message.contains(QStringLiteral("cannot write")));
        QVERIFY(!QFile::exists(missingDir));
        // Over a directory: the directory stays as it is.
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("adir")));
        QVERIFY(!savePlan(first, dir.filePath(QStringLiteral("adir"))).ok());
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("adir"))).isDir());
    }

    void rejectsNewerFormat()
    {
        QJsonObject json = toJson(samplePlan());
        json.insert(QStringLiteral("formatVersion"), 2);
        auto r = planFromJson(json, QStringLiteral("/tmp/PLAN.json"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message,
                 QStringLiteral("PLAN.json was written by a newer Bellows (format 2); this one "
                                "reads format 1"));
    }

    void rejectsUnknownOrMissingFormat()
    {
        QJsonObject json = toJson(samplePlan());
        json.insert(QStringLiteral("formatVersion"), QStringLiteral("one"));
        auto r = planFromJson(json, QStringLiteral("PLAN.json"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QStringLiteral("unknown plan format version")),
                 qPrintable(r.error().message));
        json.insert(QStringLiteral("formatVersion"), 0);
        QVERIFY(!planFromJson(json, QStringLiteral("PLAN.json")).ok());
        json.remove(QStringLiteral("formatVersion"));
        r = planFromJson(json, QStringLiteral("PLAN.json"));
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("not a Bellows plan")));
    }

    void rejectsGarbageWithLocation()
    {
        QTemporaryDir dir;
        const QString path = writeRaw(dir, QStringLiteral("bad.json"),
                                      "{\n  \"formatVersion\": 1,\n  \"id\": oops\n}\n");
        auto r = loadPlan(path);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().location.file, path);
        QCOMPARE(r.error().location.line, 3);
        QVERIFY(r.error().location.column > 1);
        QVERIFY(r.error().toString().startsWith(path + QStringLiteral(":3:")));

        const QString binary =
            writeRaw(dir, QStringLiteral("bin.json"), QByteArray("\x00\x01garbage", 9));
        QVERIFY(!loadPlan(binary).ok());
        const QString array = writeRaw(dir, QStringLiteral("array.json"), "[1, 2]");
        auto arrayResult = loadPlan(array);
        QVERIFY(!arrayResult.ok());
        QVERIFY(arrayResult.error().message.contains(QStringLiteral("not a Bellows plan")));
        auto missing = loadPlan(dir.filePath(QStringLiteral("absent.json")));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(QStringLiteral("no such plan file")));
    }

    void rejectsMissingFields_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("expected");
        QTest::newRow("id") << QStringLiteral("id") << QStringLiteral("\"id\" is missing");
        QTest::newRow("steps") << QStringLiteral("steps") << QStringLiteral("\"steps\" is missing");
        QTest::newRow("step sql") << QStringLiteral("steps/0/sql")
                                  << QStringLiteral("\"sql\" is missing");
        QTest::newRow("step phase")
            << QStringLiteral("steps/1/phase") << QStringLiteral("\"phase\" is missing");
        QTest::newRow("gate title")
            << QStringLiteral("gates/0/title") << QStringLiteral("\"title\" is missing");
        QTest::newRow("backfill table")
            << QStringLiteral("steps/2/backfill/table") << QStringLiteral("\"table\" is missing");
    }

    void rejectsMissingFields()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, expected);
        // Removes the field at a slash path (object keys and array indexes).
        std::function<QJsonValue(QJsonValue, QStringList)> remove =
            [&](QJsonValue value, QStringList path) -> QJsonValue {
            const QString head = path.takeFirst();
            if (value.isArray()) {
                QJsonArray a = value.toArray();
                a.replace(head.toInt(), remove(a.at(head.toInt()), path));
                return a;
            }
            QJsonObject o = value.toObject();
            if (path.isEmpty())
                o.remove(head);
            else
                o.insert(head, remove(o.value(head), path));
            return o;
        };
        const QJsonObject json =
            remove(toJson(samplePlan()), pointer.split(QLatin1Char('/'))).toObject();
        auto r = planFromJson(json, QStringLiteral("PLAN.json"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.startsWith(QStringLiteral("PLAN.json: ")),
                 qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
    }

    void rejectsUnknownValues()
    {
        QJsonObject json = toJson(samplePlan());
        QJsonArray steps = json.value(QLatin1String("steps")).toArray();
        QJsonObject step = steps.at(0).toObject();
        step.insert(QStringLiteral("phase"), QStringLiteral("explode"));
        steps.replace(0, step);
        json.insert(QStringLiteral("steps"), steps);
        auto r = planFromJson(json, QStringLiteral("PLAN.json"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QStringLiteral("unknown phase \"explode\"")),
                 qPrintable(r.error().message));
    }

    // Approvals and the ledger find steps by id: a second step with an approved step's id
    // would run under its approvals.
    void rejectsDuplicateStepIds()
    {
        QJsonObject json = toJson(samplePlan());
        QJsonArray steps = json.value(QLatin1String("steps")).toArray();
        QJsonObject copy = steps.at(0).toObject();
        copy.insert(QStringLiteral("sql"), QStringLiteral("CREATE TABLE evil (x int)"));
        steps.append(copy);
        json.insert(QStringLiteral("steps"), steps);
        auto r = planFromJson(json, QStringLiteral("PLAN.json"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QStringLiteral("is used by an earlier step")),
                 qPrintable(r.error().message));
    }

    // What a backfill shows is what it runs: its sql and its fields cannot be edited apart.
    void rejectsBackfillSqlThatIsNotWhatRuns_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("sql") << QStringLiteral("sql") << QStringLiteral("SELECT 1");
        QTest::newRow("setClause")
            << QStringLiteral("setClause") << QStringLiteral("display_name = 'x'");
        QTest::newRow("pendingPredicate")
            << QStringLiteral("pendingPredicate") << QStringLiteral("true");
        QTest::newRow("table") << QStringLiteral("table") << QStringLiteral("admins");
        QTest::newRow("originalSql") << QStringLiteral("originalSql") << QStringLiteral("SELECT 1");
    }

    void rejectsBackfillSqlThatIsNotWhatRuns()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QJsonObject json = toJson(samplePlan());
        QJsonArray steps = json.value(QLatin1String("steps")).toArray();
        int index = -1;
        for (int i = 0; i < steps.size(); ++i)
            if (steps.at(i).toObject().contains(QLatin1String("backfill")) &&
                steps.at(i).toObject().value(QLatin1String("backfill")).isObject())
                index = i;
        QVERIFY(index >= 0);
        QVERIFY(planFromJson(json, QStringLiteral("PLAN.json")).ok());
        QJsonObject step = steps.at(index).toObject();
        if (field == QLatin1String("sql") || field == QLatin1String("originalSql")) {
            step.insert(field, value);
        } else {
            QJsonObject backfill = step.value(QLatin1String("backfill")).toObject();
            backfill.insert(field, value);
            step.insert(QStringLiteral("backfill"), backfill);
        }
        steps.replace(index, step);
        json.insert(QStringLiteral("steps"), steps);
        auto r = planFromJson(json, QStringLiteral("PLAN.json"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QStringLiteral("must be the statement its "
                                                           "\"backfill\" runs")),
                 qPrintable(r.error().message));
    }

    void textRenderingHasTheFacts()
    {
        const QString text = renderText(samplePlan());
        QVERIFY(text.contains(QStringLiteral("GATE (gate:tolerate-both-shapes): Deploy the app "
                                             "version that tolerates both shapes")));
        QVERIFY(text.contains(QStringLiteral("Roll out a version that reads display_name.")));
        QVERIFY(text.contains(QStringLiteral("[ ] new version deployed")));
        QVERIFY(text.contains(QStringLiteral("ACCESS EXCLUSIVE on public.users, brief")));
        QVERIFY(text.contains(QStringLiteral("SHARE UPDATE EXCLUSIVE on public.users, held")));
        QVERIFY(text.contains(QStringLiteral("OUTSIDE a transaction")));
        QVERIFY(text.contains(QStringLiteral("Access exclusive lock: queues behind long")));
        QVERIFY(text.contains(QStringLiteral("reference: C1")));
        QVERIFY(text.contains(QStringLiteral("rollback: available")));
        QVERIFY(text.contains(QStringLiteral("rollback: none (the column's data is gone)")));
        QVERIFY(text.contains(QStringLiteral("2 min 5 s")));
        QVERIFY(text.contains(QStringLiteral("1 h 1 min")));
        // Phases in order, gate before the backfill.
        const auto expand = text.indexOf(QStringLiteral("== EXPAND"));
        const auto gate = text.indexOf(QStringLiteral("GATE (gate:tolerate"));
        const auto backfill = text.indexOf(QStringLiteral("== BACKFILL"));
        const auto contract = text.indexOf(QStringLiteral("== CONTRACT"));
        QVERIFY(expand >= 0 && expand < gate && gate < backfill && backfill < contract);
        QVERIFY(!text.contains(QStringLiteral("BLOCKED")));

        const QString blocked = renderText(blockedPlan());
        const auto banner = blocked.indexOf(QStringLiteral("BLOCKED"));
        QVERIFY(banner >= 0 && banner < blocked.indexOf(QStringLiteral("== EXPAND")));
        QVERIFY(blocked.contains(QStringLiteral("[BLOCKING] Dependent view (public.v)")));
    }

    void markdownRenderingHasTheFacts()
    {
        const QString md = renderMarkdown(blockedPlan());
        QVERIFY(md.contains(QStringLiteral("## Expand")));
        QVERIFY(md.contains(QStringLiteral("## Backfill")));
        QVERIFY(md.contains(QStringLiteral("Gate: Deploy the app version")));
        QVERIFY(md.contains(QStringLiteral("- [ ] new version deployed")));
        QVERIFY(md.contains(QStringLiteral("| Step | Locks |")));
        QVERIFY(md.contains(QStringLiteral("ACCESS EXCLUSIVE on public.users, brief")));
        QVERIFY(md.contains(
            QStringLiteral("```sql\nALTER TABLE public.users ADD COLUMN display_name text\n```")));
        QVERIFY(md.contains(QStringLiteral("## Blocking findings")));
        QVERIFY(md.contains(QStringLiteral("**Data loss**")));
    }

    void sqlRenderingOneScriptPerPhase()
    {
        const auto scripts = renderSql(samplePlan());
        QStringList names;
        for (const auto& s : scripts)
            names << s.fileName;
        QCOMPARE(names,
                 (QStringList{QStringLiteral("01_expand.sql"), QStringLiteral("02_backfill.sql"),
                              QStringLiteral("03_contract.sql")}));
        const QString expand = scripts[0].text;
        QVERIFY(expand.contains(QStringLiteral(
            "BEGIN;\nALTER TABLE public.users ADD COLUMN display_name text;\nCOMMIT;")));
        QVERIFY(expand.contains(QStringLiteral("SET lock_timeout = 2000;")));
        // CONCURRENTLY stays outside BEGIN/COMMIT.
        QVERIFY(expand.contains(QStringLiteral("not inside BEGIN.\nCREATE INDEX CONCURRENTLY")));
        const QString backfill = scripts[1].text;
        QVERIFY(backfill.contains(QStringLiteral("-- ===== GATE: Deploy the app version")));
        QVERIFY(backfill.contains(QStringLiteral("Plain SQL cannot loop")));
        QVERIFY(backfill.contains(QStringLiteral("LIMIT 500")));
        QVERIFY(scripts[2].text.contains(QStringLiteral("GATE: Drain old app versions")));
        const QString all = renderSqlConcatenated(samplePlan());
        QVERIFY(all.contains(QStringLiteral("-- ===== expand =====")));
        QVERIFY(all.indexOf(QStringLiteral("-- ===== backfill =====")) >
                all.indexOf(QStringLiteral("-- ===== expand =====")));
    }

    void backfillBatchIsKeysetOverEveryKeyColumn()
    {
        Backfill b{QStringLiteral("public"),
                   QStringLiteral("Order Lines"),
                   {QStringLiteral("order_id"), QStringLiteral("Line")},
                   QStringLiteral("total = qty * price"),
                   QStringLiteral("total IS NULL"),
                   100};
        const QString first = exec::backfillBatchSql(b, true);
        const QString next = exec::backfillBatchSql(b, false);
        QVERIFY(!first.contains(QStringLiteral("$1")));
        QVERIFY(next.contains(QStringLiteral("WHERE (order_id, \"Line\") > ($1, $2)")));
        QVERIFY(next.contains(QStringLiteral("FROM public.\"Order Lines\"")));
        QVERIFY(next.contains(QStringLiteral("ORDER BY order_id, \"Line\"")));
        QVERIFY(next.contains(QStringLiteral("AND (total IS NULL)")));
        QVERIFY(next.contains(QStringLiteral("LIMIT 100")));
    }

    void parsesFills()
    {
        auto f = cli::parseFill(QStringLiteral("public.users.status='a=b'"));
        QVERIFY(f.ok());
        QCOMPARE(f->schema, QStringLiteral("public"));
        QCOMPARE(f->table, QStringLiteral("users"));
        QCOMPARE(f->column, QStringLiteral("status"));
        QCOMPARE(f->expression, QStringLiteral("'a=b'"));
        auto quoted = cli::parseFill(QStringLiteral("\"my.s\".\"T=1\".\"C\" = now() "));
        QVERIFY(quoted.ok());
        QCOMPARE(quoted->schema, QStringLiteral("my.s"));
        QCOMPARE(quoted->table, QStringLiteral("T=1"));
        QCOMPARE(quoted->column, QStringLiteral("C"));
        QCOMPARE(quoted->expression, QStringLiteral("now()"));
        QVERIFY(!cli::parseFill(QStringLiteral("users.status='x'")).ok());
        QVERIFY(!cli::parseFill(QStringLiteral("public.users.status=")).ok());
        QVERIFY(!cli::parseFill(QStringLiteral("public.users.status")).ok());
    }
};

QTEST_GUILESS_MAIN(TestPlanFile)
#include "test_plan_file.moc"
