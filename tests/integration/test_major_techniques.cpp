// Each major gets its own safest technique, proven on the major the test cluster runs
// (tests/run-other-majors.sh runs this file on 13 to 18). NOT NULL on a table with rows:
// PostgreSQL 18 adds the NOT NULL constraint NOT VALID and validates it (no helper CHECK, one
// ACCESS EXCLUSIVE step fewer); older majors prove the column with a validated CHECK, then
// SET NOT NULL skips its scan.

#include "plan/plan_file.h"
#include "test_database.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bellows;
using namespace bellows::test;

namespace {

QString scalarOf(const TestDatabase& db, const QString& sql)
{
    auto conn = db.connect();
    auto result = conn->exec(sql);
    return result ? result->text(0, 0) : QStringLiteral("ERROR: ") + result.error().message;
}

const char* const kTarget = "CREATE TABLE items (id int PRIMARY KEY, note text NOT NULL);\n";

QString writeTargetText(const QTemporaryDir& dir, const char* text)
{
    const QString path = dir.filePath(QStringLiteral("target.sql"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(text);
    return path;
}

QString writeTarget(const QTemporaryDir& dir)
{
    return writeTargetText(dir, kTarget);
}

void loadItems(const TestDatabase& db)
{
    const QString error = db.exec(QStringLiteral(
        "CREATE TABLE items (id int PRIMARY KEY, note text);"
        "INSERT INTO items SELECT g, 'note ' || g FROM generate_series(1, 3000) g; ANALYZE items"));
    if (!error.isEmpty())
        qFatal("%s", qPrintable(error));
}

ProcessResult diffAgainst(const TestDatabase& db, const QString& target)
{
    return runCli({QStringLiteral("diff"), QStringLiteral("--db"), db.conninfo(),
                   QStringLiteral("--target"), target, QStringLiteral("--exit-code")});
}

// Applies the plan with gates passed, then diffs against the target: empty when both succeed
// and nothing differs, else what failed.
QString applyAndDiff(const TestDatabase& db, const QString& planPath, const QString& target)
{
    const auto applied =
        runCli({QStringLiteral("apply"), planPath, QStringLiteral("--db"), db.conninfo(),
                QStringLiteral("--yes"), QStringLiteral("--gates"), QStringLiteral("auto")});
    if (applied.exitCode != 0)
        return QStringLiteral("apply: ") + applied.err + applied.out;
    const auto diffed = diffAgainst(db, target);
    return diffed.exitCode == 0 ? QString() : QStringLiteral("diff: ") + diffed.err + diffed.out;
}

} // namespace

class TestMajorTechniques : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void notNullUsesTheMajorsTechnique()
    {
        TestDatabase db(QStringLiteral("technique"));
        loadItems(db);
        QTemporaryDir dir;
        const QString target = writeTarget(dir);
        const QString planPath = dir.filePath(QStringLiteral("plan.json"));
        const auto planned =
            runCli({QStringLiteral("plan"), QStringLiteral("--db"), db.conninfo(),
                    QStringLiteral("--target"), target, QStringLiteral("-o"), planPath});
        QVERIFY2(planned.exitCode == 0, qPrintable(planned.err + planned.out));
        auto loaded = plan::loadPlan(planPath);
        QVERIFY(loaded.ok());

        const bool pg18 = cluster().major >= 18;
        bool notNullNotValid = false;
        bool helperCheck = false;
        bool setNotNull = false;
        QString rationale;
        for (const plan::Step& step : loaded->steps) {
            notNullNotValid =
                notNullNotValid || step.sql.contains(QStringLiteral("NOT NULL note NOT VALID"));
            helperCheck =
                helperCheck || step.sql.contains(QStringLiteral("CHECK (note IS NOT NULL)"));
            setNotNull = setNotNull || step.sql.contains(QStringLiteral("SET NOT NULL"));
            if (step.id.contains(QStringLiteral("validate-not-null")))
                rationale = step.rationale;
        }
        QCOMPARE(notNullNotValid, pg18);
        QCOMPARE(helperCheck, !pg18);
        QCOMPARE(setNotNull, !pg18);
        // The plan says which technique it chose and why.
        QVERIFY2(rationale.contains(pg18 ? QStringLiteral("PostgreSQL 18")
                                         : QStringLiteral("PostgreSQL 12+")),
                 qPrintable(rationale));

        const QString failed = applyAndDiff(db, planPath, target);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QCOMPARE(scalarOf(db, QStringLiteral("SELECT attnotnull FROM pg_attribute WHERE attrelid "
                                             "= 'items'::regclass AND attname = 'note'")),
                 QStringLiteral("t"));
        // No helper constraint is left behind; on 18 the NOT NULL constraint is validated.
        QCOMPARE(scalarOf(db, QStringLiteral("SELECT count(*) FROM pg_constraint WHERE conrelid = "
                                             "'items'::regclass AND (contype = 'c' OR NOT "
                                             "convalidated)")),
                 QStringLiteral("0"));
    }

    // PostgreSQL 18 marks the column NOT NULL as soon as the constraint is added NOT VALID (a
    // plan stopped before VALIDATE). Against a NOT NULL target that is not converged: the plan
    // validates the constraint. Against a nullable target the constraint still refuses NULL
    // writes: the plan drops it.
    void unvalidatedNotNullIsSettledByTheTarget_data()
    {
        QTest::addColumn<bool>("targetNotNull");
        QTest::addColumn<bool>("renamed"); // the table is renamed in the same plan
        QTest::newRow("target NOT NULL") << true << false;
        QTest::newRow("target nullable") << false << false;
        QTest::newRow("renamed, target NOT NULL") << true << true;
    }

    void unvalidatedNotNullIsSettledByTheTarget()
    {
        QFETCH(bool, targetNotNull);
        QFETCH(bool, renamed);
        if (cluster().major < 18)
            QSKIP("NOT NULL constraints added NOT VALID need PostgreSQL 18");
        TestDatabase db(QStringLiteral("technique"));
        loadItems(db);
        QCOMPARE(db.exec(QStringLiteral("ALTER TABLE items ADD CONSTRAINT items_note_not_null "
                                        "NOT NULL note NOT VALID")),
                 QString());
        QTemporaryDir dir;
        const QString target =
            renamed         ? writeTargetText(dir, "CREATE TABLE goods (id int PRIMARY KEY, note "
                                                           "text NOT NULL);\n")
            : targetNotNull ? writeTarget(dir)
                            : writeTargetText(dir, "CREATE TABLE items (id int PRIMARY KEY, note "
                                                   "text);\n");
        const QString table = renamed ? QStringLiteral("goods") : QStringLiteral("items");
        if (!renamed)
            QCOMPARE(diffAgainst(db, target).exitCode, 2);
        const QString planPath = dir.filePath(QStringLiteral("plan.json"));
        QStringList planArgs{QStringLiteral("plan"),
                             QStringLiteral("--db"),
                             db.conninfo(),
                             QStringLiteral("--target"),
                             target,
                             QStringLiteral("-o"),
                             planPath};
        if (renamed)
            planArgs << QStringLiteral("--rename") << QStringLiteral("public.items=goods");
        const auto planned = runCli(planArgs);
        QVERIFY2(planned.exitCode == 0, qPrintable(planned.err + planned.out));
        auto loaded = plan::loadPlan(planPath);
        QVERIFY(loaded.ok());
        QStringList sql;
        for (const plan::Step& step : loaded->steps)
            sql << step.sql;
        const QString all = sql.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(targetNotNull
                                  ? QStringLiteral("VALIDATE CONSTRAINT items_note_not_null")
                                  : QStringLiteral("DROP NOT NULL")),
                 qPrintable(all));
        const QString failed = applyAndDiff(db, planPath, target);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QCOMPARE(scalarOf(db, QStringLiteral("SELECT count(*) FROM pg_constraint WHERE conrelid = "
                                             "'%1'::regclass AND NOT convalidated")
                                  .arg(table)),
                 QStringLiteral("0"));
        QCOMPARE(scalarOf(db, QStringLiteral("SELECT attnotnull FROM pg_attribute WHERE attrelid "
                                             "= '%1'::regclass AND attname = 'note'")
                                  .arg(table)),
                 targetNotNull ? QStringLiteral("t") : QStringLiteral("f"));
    }
};

QTEST_GUILESS_MAIN(TestMajorTechniques)
#include "test_major_techniques.moc"
