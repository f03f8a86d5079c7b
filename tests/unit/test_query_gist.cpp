// queryGist: another session's query shown as its command and relations only — a literal in
// it (a password, a token) never reaches a diagnostic.

#include "exec/query_gist.h"

#include <QTest>

using bellows::exec::queryGist;

class TestQueryGist : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void commandAndRelations_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("gist");
        QTest::newRow("update") << QStringLiteral(
                                       "UPDATE orders SET note = 'card 4111 1111' WHERE id = 7")
                                << QStringLiteral("UPDATE orders");
        QTest::newRow("qualified select join")
            << QStringLiteral("SELECT * FROM app.users u JOIN \"Order Lines\" o ON o.uid = u.id "
                              "WHERE u.token = 's3cret'")
            << QStringLiteral("SELECT app.users, \"Order Lines\"");
        QTest::newRow("insert") << QStringLiteral("insert into public.secrets values ('hunter2')")
                                << QStringLiteral("INSERT public.secrets");
        QTest::newRow("alter") << QStringLiteral("ALTER TABLE t ADD COLUMN c text DEFAULT 'x'")
                               << QStringLiteral("ALTER TABLE t");
        QTest::newRow("set") << QStringLiteral("SET application_name = 'pw=hunter2'")
                             << QStringLiteral("SET");
        QTest::newRow("role password")
            << QStringLiteral("ALTER ROLE bob PASSWORD 'hunter2'") << QStringLiteral("ALTER ROLE");
        QTest::newRow("several") << QStringLiteral("BEGIN; DELETE FROM a WHERE k = 'x'; COMMIT")
                                 << QStringLiteral(
                                        "transaction control; DELETE a; transaction control");
        QTest::newRow("unparsable")
            << QStringLiteral("SELEC 'hunter2' FRM t") << QStringLiteral("(not parsed)");
        QTest::newRow("unparsable, no word")
            << QStringLiteral("'hunter2'") << QStringLiteral("(not parsed)");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("subquery in a function call")
            << QStringLiteral("SELECT f((SELECT secret FROM vault LIMIT 1), 'k')")
            << QStringLiteral("SELECT vault");
    }

    void commandAndRelations()
    {
        QFETCH(QString, query);
        QFETCH(QString, gist);
        QCOMPARE(queryGist(query), gist);
        for (const char* secret : {"hunter2", "s3cret", "4111", "pw="})
            QVERIFY(!queryGist(query).contains(QLatin1String(secret)));
    }
};

QTEST_GUILESS_MAIN(TestQueryGist)
#include "test_query_gist.moc"
