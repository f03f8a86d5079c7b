#include "sql/quote.h"

#include <QTest>

using namespace bellows::sql;

class TestQuote : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void identifiers_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("users") << QStringLiteral("users");
        QTest::newRow("upper") << QStringLiteral("User") << QStringLiteral("\"User\"");
        QTest::newRow("reserved") << QStringLiteral("order") << QStringLiteral("\"order\"");
        QTest::newRow("column keyword") << QStringLiteral("time") << QStringLiteral("\"time\"");
        QTest::newRow("unreserved") << QStringLiteral("name") << QStringLiteral("name");
        QTest::newRow("space") << QStringLiteral("a b") << QStringLiteral("\"a b\"");
        QTest::newRow("quote") << QStringLiteral("x\"y") << QStringLiteral("\"x\"\"y\"");
        QTest::newRow("digit first") << QStringLiteral("1a") << QStringLiteral("\"1a\"");
        QTest::newRow("unicode") << QStringLiteral("café") << QStringLiteral("\"café\"");
        QTest::newRow("injection") << QStringLiteral("x\"; DROP TABLE y; --")
                                   << QStringLiteral("\"x\"\"; DROP TABLE y; --\"");
    }
    void identifiers()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(quoteIdent(input), expected);
    }

    void literals()
    {
        QCOMPARE(quoteLiteral(QStringLiteral("it's")), QStringLiteral("'it''s'"));
        QCOMPARE(quoteLiteral(QStringLiteral("a\\b")), QStringLiteral("E'a\\\\b'"));
        QCOMPARE(quoteLiteral(QString()), QStringLiteral("''"));
    }

    void qualifiedNames()
    {
        QCOMPARE(splitQualifiedName(QStringLiteral("public.users.full_name")),
                 (QStringList{QStringLiteral("public"), QStringLiteral("users"),
                              QStringLiteral("full_name")}));
        QCOMPARE(splitQualifiedName(QStringLiteral("\"my.schema\".\"t\"\"q\"")),
                 (QStringList{QStringLiteral("my.schema"), QStringLiteral("t\"q")}));
        QVERIFY(splitQualifiedName(QStringLiteral("a..b")).isEmpty());
        QVERIFY(splitQualifiedName(QStringLiteral("\"open")).isEmpty());
        QCOMPARE(qualified(QStringLiteral("public"), QStringLiteral("User")),
                 QStringLiteral("public.\"User\""));
    }
};

QTEST_GUILESS_MAIN(TestQuote)
#include "test_quote.moc"
