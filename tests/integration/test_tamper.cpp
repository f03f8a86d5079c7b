// Tampering with an approved plan file, one field at a time: `review` and `apply` both refuse
// (exit 2) and name the field that changed, and nothing runs. Table-driven over every field
// the step digest binds (docs/security.md, "What an approval binds").
#include "exec/batch_statements.h"
#include "plan/plan_file.h"
#include "review/review_actions.h"
#include "runner_harness.h"
#include "test_database.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace bellows;
using namespace bellows::test;

namespace {

const review::Identity kAlice{QStringLiteral("Alice"), QStringLiteral("alice@example.com")};
const review::Identity kBob{QStringLiteral("Bob"), QStringLiteral("bob@example.com")};

using Edit = std::function<void(QJsonObject& plan)>;

QJsonObject stepAt(const QJsonObject& plan, int index)
{
    return plan.value(QLatin1String("steps")).toArray().at(index).toObject();
}

void setStep(QJsonObject& plan, int index, const QJsonObject& step)
{
    QJsonArray steps = plan.value(QLatin1String("steps")).toArray();
    steps.replace(index, step);
    plan.insert(QStringLiteral("steps"), steps);
}

Edit stepField(int index, const QString& key, const QJsonValue& value)
{
    return [=](QJsonObject& plan) {
        QJsonObject step = stepAt(plan, index);
        step.insert(key, value);
        setStep(plan, index, step);
    };
}

// The backfill's set clause and, so that the file still reads, its sql to match.
void editBackfill(QJsonObject& plan)
{
    QJsonObject step = stepAt(plan, 1);
    QJsonObject backfill = step.value(QLatin1String("backfill")).toObject();
    backfill.insert(QStringLiteral("setClause"), QStringLiteral("b = 'tampered'"));
    step.insert(QStringLiteral("backfill"), backfill);
    plan::Backfill b{backfill.value(QLatin1String("schema")).toString(),
                     backfill.value(QLatin1String("table")).toString(),
                     {QStringLiteral("id")},
                     QStringLiteral("b = 'tampered'"),
                     backfill.value(QLatin1String("pendingPredicate")).toString(),
                     backfill.value(QLatin1String("batchRows")).toInt()};
    step.insert(QStringLiteral("sql"), exec::backfillStatementText(b));
    setStep(plan, 1, step);
}

} // namespace

Q_DECLARE_METATYPE(Edit)

class TestTamper : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QJsonObject m_approved;

private Q_SLOTS:
    void initTestCase()
    {
        plan::Step fill = backfillStep(QStringLiteral("backfill:fill-b"), QStringLiteral("t"));
        fill.phase = plan::Phase::Backfill;
        fill.dependsOn = {QStringLiteral("expand:create-fresh")};
        plan::Step create = sqlStep(QStringLiteral("expand:create-fresh"),
                                    QStringLiteral("CREATE TABLE fresh (id int)"),
                                    plan::Phase::Expand, QStringLiteral("public.fresh"));
        create.rollbackSql = QStringLiteral("DROP TABLE fresh");
        create.hazards = {{plan::HazardKind::AccessExclusiveLock, QStringLiteral("brief")}};
        plan::Step drop =
            sqlStep(QStringLiteral("contract:drop-old"), QStringLiteral("DROP TABLE old_stuff"),
                    plan::Phase::Contract, QStringLiteral("public.old_stuff"));
        plan::Plan p = handPlan({create, fill, drop}, QStringLiteral("tamper-plan"));
        p.gates.push_back({QStringLiteral("gate:drain-old-versions"),
                           plan::Phase::Contract,
                           QStringLiteral("Drain old app versions"),
                           QStringLiteral("Stop every old instance."),
                           {QStringLiteral("old instances stopped")}});
        p.findings.push_back({plan::Finding::Severity::Warning,
                              QStringLiteral("public.t"),
                              QStringLiteral("t is large"),
                              QStringLiteral("many rows"),
                              {}});
        p.fills.push_back({QStringLiteral("public"), QStringLiteral("t"), QStringLiteral("b"),
                           QStringLiteral("''")});
        review::Policy policy;
        policy.defaultRequired = 1;
        QVERIFY(review::setPolicy(p, policy, kAlice).ok());
        review::ApproveRequest all;
        all.approver = kBob;
        all.scope = review::Scope::Plan;
        QVERIFY(review::approve(p, all).ok());
        m_approved = plan::toJson(p);
    }

    void tamperedFieldIsRefusedAndNamed_data()
    {
        QTest::addColumn<Edit>("edit");
        QTest::addColumn<QString>("field");
        QTest::newRow("sql") << stepField(0, QStringLiteral("sql"),
                                          QStringLiteral("CREATE TABLE fresh (id int); "
                                                         "CREATE TABLE evil (x int)"))
                             << QStringLiteral("sql");
        QTest::newRow("rollbackSql")
            << stepField(0, QStringLiteral("rollbackSql"), QStringLiteral("DROP TABLE t"))
            << QStringLiteral("rollbackSql");
        QTest::newRow("phase") << stepField(2, QStringLiteral("phase"), QStringLiteral("tighten"))
                               << QStringLiteral("phase");
        QTest::newRow("dependsOn") << stepField(1, QStringLiteral("dependsOn"), QJsonArray())
                                   << QStringLiteral("dependsOn");
        QTest::newRow("lockTimeoutMs")
            << stepField(0, QStringLiteral("lockTimeoutMs"), 0) << QStringLiteral("lockTimeoutMs");
        QTest::newRow("statementTimeoutMs") << stepField(0, QStringLiteral("statementTimeoutMs"), 0)
                                            << QStringLiteral("statementTimeoutMs");
        QTest::newRow("outsideTransaction")
            << stepField(0, QStringLiteral("outsideTransaction"), true)
            << QStringLiteral("outsideTransaction");
        QTest::newRow("title") << stepField(0, QStringLiteral("title"), QStringLiteral("harmless"))
                               << QStringLiteral("title");
        QTest::newRow("locks") << stepField(0, QStringLiteral("locks"), QJsonArray())
                               << QStringLiteral("locks");
        QTest::newRow("hazards") << stepField(0, QStringLiteral("hazards"), QJsonArray())
                                 << QStringLiteral("hazards");
        QTest::newRow("backfill") << Edit(editBackfill) << QStringLiteral("backfill");
        QTest::newRow("position") << Edit([](QJsonObject& plan) {
            QJsonArray steps = plan.value(QLatin1String("steps")).toArray();
            const QJsonValue first = steps.at(0);
            steps.replace(0, steps.at(1));
            steps.replace(1, first);
            plan.insert(QStringLiteral("steps"), steps);
        }) << QStringLiteral("position");
        QTest::newRow("gates") << Edit([](QJsonObject& plan) {
            plan.insert(QStringLiteral("gates"), QJsonArray());
        }) << QStringLiteral("gates");
        QTest::newRow("findings") << Edit([](QJsonObject& plan) {
            plan.insert(QStringLiteral("findings"), QJsonArray());
        }) << QStringLiteral("findings");
        QTest::newRow("decisions")
            << Edit([](QJsonObject& plan) { plan.insert(QStringLiteral("fills"), QJsonArray()); })
            << QStringLiteral("decisions");
        QTest::newRow("fingerprints") << Edit([](QJsonObject& plan) {
            plan.insert(QStringLiteral("sourceFingerprint"), QStringLiteral("0000"));
        }) << QStringLiteral("fingerprints");
    }

    void tamperedFieldIsRefusedAndNamed()
    {
        QFETCH(Edit, edit);
        QFETCH(QString, field);
        TestDatabase db(QStringLiteral("tamper"));
        QCOMPARE(db.exec(QStringLiteral("CREATE TABLE t (id int PRIMARY KEY, a int, b text);"
                                        "CREATE TABLE old_stuff (id int)")),
                 QString());
        QJsonObject json = m_approved;
        edit(json);
        const QString path =
            m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()) + QStringLiteral(".json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(json).toJson());
        file.close();

        const auto reviewed = runCli({QStringLiteral("review"), path});
        QCOMPARE(reviewed.exitCode, 2);
        QVERIFY2(reviewed.out.contains(field) || reviewed.err.contains(field),
                 qPrintable(reviewed.out + reviewed.err));

        const auto applied =
            apply(path, db,
                  {QStringLiteral("--as"), QStringLiteral("Carol"), QStringLiteral("--as-email"),
                   QStringLiteral("carol@example.com")});
        QCOMPARE(applied.exitCode, 2);
        QVERIFY2(applied.err.contains(field), qPrintable(applied.err + applied.out));
        QCOMPARE(
            scalar(db, QStringLiteral("SELECT to_regclass('fresh') IS NULL AND "
                                      "to_regclass('evil') IS NULL AND to_regclass('old_stuff') "
                                      "IS NOT NULL")),
            QStringLiteral("t"));
    }

    // The untampered plan runs: the refusals above are the edits', not the fixture's.
    void approvedPlanRuns()
    {
        TestDatabase db(QStringLiteral("tamper_ok"));
        QCOMPARE(db.exec(QStringLiteral("CREATE TABLE t (id int PRIMARY KEY, a int, b text);"
                                        "CREATE TABLE old_stuff (id int)")),
                 QString());
        const QString path = m_dir.filePath(QStringLiteral("approved.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(m_approved).toJson());
        file.close();
        const auto reviewed = runCli({QStringLiteral("review"), path});
        QVERIFY2(reviewed.exitCode == 0, qPrintable(reviewed.out + reviewed.err));
        const auto applied =
            apply(path, db,
                  {QStringLiteral("--as"), QStringLiteral("Carol"), QStringLiteral("--as-email"),
                   QStringLiteral("carol@example.com")});
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.err + applied.out));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('old_stuff') IS NULL")),
                 QStringLiteral("t"));
    }
};

QTEST_GUILESS_MAIN(TestTamper)
#include "test_tamper.moc"
