// Owners and privileges end to end on the test cluster, for the paths the scenario catalogue
// does not take: objects created with their grants, a REVOKE that would need CASCADE, a role
// the target names that does not exist, and introspection of what PostgreSQL stores.

#include "introspect/introspector.h"
#include "plan/plan_file.h"
#include "test_database.h"

#include <QTemporaryDir>
#include <QTest>

using namespace bellows;
using namespace bellows::test;

namespace {

const char* const kRoles =
    "DO $$ BEGIN CREATE ROLE bellows_priv_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;\n"
    "DO $$ BEGIN CREATE ROLE bellows_priv_reader; EXCEPTION WHEN duplicate_object THEN NULL; "
    "END $$;\n";

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(text);
    return path;
}

ProcessResult planTo(const TestDatabase& live, const QString& target, const QString& planFile)
{
    return runCli({QStringLiteral("plan"), QStringLiteral("--db"), live.conninfo(),
                   QStringLiteral("--target"), target, QStringLiteral("-o"), planFile});
}

} // namespace

class TestCliPrivileges : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void introspectsOwnersAndAcls()
    {
        TestDatabase db(QStringLiteral("privintro"));
        QVERIFY(db.exec(QString::fromLatin1(kRoles)).isEmpty());
        QVERIFY(db.exec(QStringLiteral(
                            "CREATE TABLE t (id int, secret text);"
                            "GRANT SELECT ON t TO bellows_priv_app WITH GRANT OPTION;"
                            "GRANT UPDATE (secret) ON t TO bellows_priv_reader;"
                            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';"
                            "REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC;"
                            "ALTER FUNCTION f() OWNER TO bellows_priv_app;"
                            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES "
                            "TO bellows_priv_reader;"))
                    .isEmpty());
        auto catalog = introspect::introspect(db.conninfo(), {});
        QVERIFY2(catalog, qPrintable(catalog ? QString() : catalog.error().toString()));
        const catalog::Table* t = catalog->table(QStringLiteral("public"), QStringLiteral("t"));
        QVERIFY(t);
        QCOMPARE(catalog::aclText(t->acl), QStringLiteral("bellows_priv_app=r*"));
        QCOMPARE(catalog::aclText(t->column(QStringLiteral("secret"))->acl),
                 QStringLiteral("bellows_priv_reader=w"));
        QCOMPARE(catalog->functions.size(), size_t(1));
        QCOMPARE(catalog->functions[0].owner, QStringLiteral("bellows_priv_app"));
        QCOMPARE(catalog->functions[0].acl, catalog::Acl{}); // no PUBLIC, owner implicit
        QCOMPARE(catalog->defaultAcls.size(), size_t(1));
        QCOMPARE(catalog::aclText(catalog->defaultAcls[0].acl),
                 QStringLiteral("bellows_priv_reader=r"));
        QVERIFY(catalog->server.roles.contains(QStringLiteral("bellows_priv_app")));
    }

    void newObjectsConvergeWithTheirGrants()
    {
        TestDatabase live(QStringLiteral("privnew"));
        QVERIFY(live.exec(QString::fromLatin1(kRoles)).isEmpty());
        QTemporaryDir dir;
        const QString target =
            writeFile(dir, QStringLiteral("target.sql"),
                      QByteArray(kRoles) +
                          "CREATE SCHEMA reports AUTHORIZATION bellows_priv_app;\n"
                          "CREATE TABLE reports.totals (id int PRIMARY KEY, amount numeric);\n"
                          "GRANT SELECT (id) ON reports.totals TO bellows_priv_reader;\n"
                          "CREATE FUNCTION reports.total() RETURNS numeric LANGUAGE sql AS "
                          "'SELECT sum(amount) FROM reports.totals';\n"
                          "REVOKE EXECUTE ON FUNCTION reports.total() FROM PUBLIC;\n"
                          "GRANT EXECUTE ON FUNCTION reports.total() TO bellows_priv_reader;\n");
        const QString planFile = dir.filePath(QStringLiteral("plan.json"));
        auto r = planTo(live, target, planFile);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(!r.out.contains(QStringLiteral("CASCADE")), qPrintable(r.out));
        r = runCli({QStringLiteral("apply"), planFile, QStringLiteral("--db"), live.conninfo(),
                    QStringLiteral("--yes"), QStringLiteral("--gates"), QStringLiteral("auto")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                    QStringLiteral("--target"), target, QStringLiteral("--exit-code")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
    }

    void revokeNeedingCascadeIsRefused()
    {
        TestDatabase live(QStringLiteral("privcascade"));
        QVERIFY(live.exec(QString::fromLatin1(kRoles)).isEmpty());
        QVERIFY(live.exec(QStringLiteral("CREATE TABLE t (id int);"
                                         "GRANT SELECT ON t TO bellows_priv_app WITH GRANT OPTION;"
                                         "SET ROLE bellows_priv_app;"
                                         "GRANT SELECT ON t TO bellows_priv_reader;"
                                         "RESET ROLE;"))
                    .isEmpty());
        QTemporaryDir dir;
        const QString target =
            writeFile(dir, QStringLiteral("target.sql"),
                      QByteArray(kRoles) + "CREATE TABLE t (id int);\n"
                                           "GRANT SELECT ON t TO bellows_priv_reader;\n");
        const auto r = planTo(live, target, dir.filePath(QStringLiteral("plan.json")));
        QVERIFY2(r.exitCode == 2, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("needs CASCADE")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("bellows_priv_app: SELECT")), qPrintable(r.out));
    }

    void roleMissingEverywhereIsRefused()
    {
        TestDatabase live(QStringLiteral("privghost"));
        QVERIFY(live.exec(QStringLiteral("CREATE TABLE t (id int)")).isEmpty());
        QTemporaryDir dir;
        // The shadow server lacks the role too: the GRANT is refused there, reported, and
        // the plan blocks on it instead of silently comparing nothing.
        const QString target = writeFile(dir, QStringLiteral("target.sql"),
                                         "CREATE TABLE t (id int);\n"
                                         "GRANT SELECT ON t TO bellows_no_such_role;\n");
        const auto r = planTo(live, target, dir.filePath(QStringLiteral("plan.json")));
        QVERIFY2(r.exitCode == 2, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Role bellows_no_such_role named by the target "
                                               "does not exist on the live server")),
                 qPrintable(r.out));
        QVERIFY2(r.err.contains(QStringLiteral("skipped 1 ownership and privilege")),
                 qPrintable(r.err));
    }

    // A view dropped and created again (its columns change) and a materialized view over it
    // that comes back with it: run step by step, PostgreSQL is asked after every step whether
    // the application's role can still read each one that exists — never "permission denied"
    // between the re-creation and its grants. The old view's grants come back on rollback too.
    void recreatedViewsNeverLoseTheirGrants()
    {
        TestDatabase live(QStringLiteral("privrecreate"));
        const QByteArray shape =
            QByteArray(kRoles) +
            "CREATE TABLE orders (id int PRIMARY KEY, amount numeric NOT NULL);\n"
            "INSERT INTO orders SELECT g, g FROM generate_series(1, 100) g;\n";
        const QByteArray grants = "GRANT SELECT ON paid TO bellows_priv_app;\n"
                                  "GRANT SELECT (id) ON paid TO bellows_priv_reader;\n"
                                  "GRANT SELECT ON paid_total TO bellows_priv_app;\n";
        QVERIFY(live.exec(QString::fromLatin1(
                              shape +
                              "CREATE VIEW paid AS SELECT id, amount::numeric(10,2) AS amount "
                              "FROM orders;\n"
                              "CREATE MATERIALIZED VIEW paid_total AS SELECT sum(amount) AS "
                              "total FROM paid;\n" +
                              grants))
                    .isEmpty());
        QTemporaryDir dir;
        const QString target =
            writeFile(dir, QStringLiteral("target.sql"),
                      shape +
                          "CREATE VIEW paid AS SELECT id, amount FROM orders;\n"
                          "CREATE MATERIALIZED VIEW paid_total AS SELECT sum(amount) AS total "
                          "FROM paid;\n" +
                          grants);
        const QString planFile = dir.filePath(QStringLiteral("plan.json"));
        const auto planned = planTo(live, target, planFile);
        QVERIFY2(planned.exitCode == 0, qPrintable(planned.err + planned.out));
        auto loaded = plan::loadPlan(planFile);
        QVERIFY(loaded);
        QVERIFY(!loaded->step(QStringLiteral("expand:grant:public.paid")));
        const QString readable = QStringLiteral(
            "SELECT bool_and(has_table_privilege('bellows_priv_app', c.oid, 'SELECT')) "
            "IS NOT FALSE FROM pg_class c WHERE c.relname IN ('paid', 'paid_total') AND "
            "c.relnamespace = 'public'::regnamespace AND has_column_privilege("
            "'bellows_priv_reader', 'public.paid', 'id', 'SELECT')");
        const QString stepped = applyStepByStep(live, planFile, readable);
        QVERIFY2(stepped.isEmpty(), qPrintable(stepped));
        const auto diffed =
            runCli({QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                    QStringLiteral("--target"), target, QStringLiteral("--exit-code")});
        QVERIFY2(diffed.exitCode == 0, qPrintable(diffed.err + diffed.out));
        const auto undone = runCli({QStringLiteral("rollback"), planFile, QStringLiteral("--db"),
                                    live.conninfo(), QStringLiteral("--yes")});
        QVERIFY2(undone.exitCode == 0, qPrintable(undone.err + undone.out));
        auto back = live.connect()->exec(
            readable + QStringLiteral(" AND (SELECT format_type(atttypid, atttypmod) FROM "
                                      "pg_attribute WHERE attrelid = 'public.paid'::"
                                      "regclass AND attname = 'amount') = "
                                      "'numeric(10,2)'"));
        QVERIFY(back && back->rows() == 1);
        QVERIFY2(back->boolean(0, 0), "the rolled-back view lost its grants");
    }
};

QTEST_GUILESS_MAIN(TestCliPrivileges)
#include "test_cli_privileges.moc"
