// Role names read from a target's text: the DO blocks that only create roles (skipped on the
// shadow server, where placeholders stand in) and those that do more (run, so nothing of the
// schema is lost).

#include "source/role_names.h"

#include <QTest>

using namespace bellows::source;

class TestRoleNames : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void recognisesTheIdempotentIdioms_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QStringList>("roles");
        QTest::newRow("exception") << " BEGIN CREATE ROLE scn_app; EXCEPTION WHEN "
                                      "duplicate_object THEN NULL; END "
                                   << QStringList{QStringLiteral("scn_app")};
        QTest::newRow("if not exists")
            << "\nBEGIN\n  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = "
               "'Reader') THEN\n    CREATE ROLE \"Reader\" WITH LOGIN PASSWORD 'x;y';\n  END IF;\n"
               "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app') THEN\n"
               "    CREATE USER App NOINHERIT;\n  ELSE\n    RAISE NOTICE 'app exists';\n"
               "  END IF;\nEND\n"
            << QStringList{QStringLiteral("Reader"), QStringLiteral("app")};
        QTest::newRow("comments") << "BEGIN -- the app's role\n  CREATE ROLE app; -- idempotent\n"
                                     "EXCEPTION WHEN duplicate_object THEN NULL; -- '\nEND"
                                  << QStringList{QStringLiteral("app")};
        QTest::newRow("two exceptions")
            << "BEGIN CREATE GROUP g; EXCEPTION WHEN duplicate_object OR unique_violation THEN "
               "RAISE NOTICE 'exists, %', SQLERRM; END"
            << QStringList{QStringLiteral("g")};
    }

    void recognisesTheIdempotentIdioms()
    {
        QFETCH(QString, body);
        QFETCH(QStringList, roles);
        const auto found = rolesOnlyCreatedBy(body);
        QVERIFY(found);
        QCOMPARE(*found, roles);
    }

    void keepsBlocksThatDoMore_data()
    {
        QTest::addColumn<QString>("body");
        QTest::newRow("a table too")
            << "BEGIN CREATE ROLE a; CREATE TABLE t (id int); EXCEPTION WHEN OTHERS THEN NULL; END";
        QTest::newRow("no role") << "BEGIN NULL; END";
        QTest::newRow("a grant") << "BEGIN CREATE ROLE a; GRANT SELECT ON t TO a; END";
        QTest::newRow("dynamic") << "BEGIN EXECUTE 'CREATE ROLE a'; END";
        QTest::newRow("a query in the condition")
            << "BEGIN IF NOT EXISTS (SELECT 1 FROM t) THEN CREATE ROLE a; END IF; END";
        QTest::newRow("declare") << "DECLARE n int; BEGIN CREATE ROLE a; END";
        // The hostile review's bypasses: each hid schema work that skipping would lose.
        QTest::newRow("dollar-quoted option")
            << "BEGIN CREATE ROLE app PASSWORD $q$'$q$; CREATE TABLE lost (id int); CREATE ROLE "
               "app2 PASSWORD $q$'$q$; EXCEPTION WHEN duplicate_object THEN NULL; END";
        QTest::newRow("a call in the condition")
            << "BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app' OR mk()) THEN "
               "CREATE ROLE app; END IF; END";
        QTest::newRow("a backslash string")
            << "BEGIN CREATE ROLE a PASSWORD E'\\''; CREATE TABLE lost (id int); CREATE ROLE b "
               "PASSWORD 'x'; END";
        QTest::newRow("a call in RAISE")
            << "BEGIN CREATE ROLE a; EXCEPTION WHEN duplicate_object THEN RAISE NOTICE '%', "
               "mk(); END";
        QTest::newRow("a block comment") << "BEGIN CREATE ROLE a; /* */ END";
        QTest::newRow("a comment hiding nothing, a statement after it")
            << "BEGIN CREATE ROLE a; -- a comment\n CREATE TABLE lost (id int); END";
    }

    void keepsBlocksThatDoMore()
    {
        QFETCH(QString, body);
        QVERIFY(!rolesOnlyCreatedBy(body));
    }

    void foldsIdentifiersAsPostgreSQLDoes()
    {
        const auto words = identifierWords(
            QStringLiteral("GRANT SELECT ON t TO App, \"Mixed\"\"Case\"; -- owner_x"));
        QVERIFY(words.contains(QStringLiteral("app")));
        QVERIFY(words.contains(QStringLiteral("Mixed\"Case")));
        QVERIFY(words.contains(QStringLiteral("owner_x")));
        QVERIFY(!words.contains(QStringLiteral("App")));
    }

    void truncatesAsPostgreSQLDoes()
    {
        QCOMPARE(truncatedIdentifier(QString(70, QLatin1Char('a'))), QString(63, QLatin1Char('a')));
        // 31 two-byte characters are 62 bytes: the 32nd would split at byte 63.
        const QString accents(40, QChar(0x00e9));
        QCOMPARE(truncatedIdentifier(accents), QString(31, QChar(0x00e9)));
    }

    void refusesReservedNames()
    {
        QVERIFY(mayBePlaceholder(QStringLiteral("app")));
        QVERIFY(!mayBePlaceholder(QStringLiteral("pg_read_server_files")));
        QVERIFY(!mayBePlaceholder(QStringLiteral("PUBLIC")));
        QVERIFY(!mayBePlaceholder(QStringLiteral("current_user")));
        QVERIFY(!mayBePlaceholder(QString()));
    }
};

QTEST_GUILESS_MAIN(TestRoleNames)
#include "test_role_names.moc"
