// The linter asks the server the SQL will run on whether its syntax is valid, so PostgreSQL
// 16-18 syntax is not called a parse error and syntax an older major lacks is. The oracle is the
// test cluster's own parser (whatever major the run uses); the first case proves that checking
// executes nothing.

#include "shadow/syntax_check.h"
#include "test_database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace bellows;
using namespace bellows::test;

namespace {

std::vector<SyntaxVerdict> check(const TestDatabase& db, const QStringList& statements)
{
    auto conn = db.connect();
    auto verdicts = shadow::checkSyntax(*conn, statements);
    if (!verdicts)
        qFatal("%s", qPrintable(verdicts.error().toString()));
    return verdicts.value();
}

QString scalar(const TestDatabase& db, const QString& sql)
{
    auto conn = db.connect();
    auto result = conn->exec(sql);
    return result ? result->text(0, 0) : result.error().message;
}

// A statement and the first major whose grammar accepts it.
struct Syntax {
    const char* sql;
    int sinceMajor;
};

const Syntax kSyntax[] = {
    {"SELECT 1", 0},
    {"MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE", 15},
    {"CREATE TABLE u (a int UNIQUE NULLS NOT DISTINCT)", 15},
    {"SELECT JSON_OBJECT('a' VALUE 1)", 16},
    {"MERGE INTO t USING s ON t.a = s.a WHEN NOT MATCHED BY SOURCE THEN DELETE", 17},
    {"ALTER TABLE t ADD CONSTRAINT t_a_not_null NOT NULL a NOT VALID", 18},
    {"CREATE TABLE v (a int, b int GENERATED ALWAYS AS (a * 2) VIRTUAL)", 18},
};

} // namespace

class TestServerGrammar : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void checkingExecutesNothing()
    {
        TestDatabase db(QStringLiteral("grammar"));
        QCOMPARE(db.exec(QStringLiteral("CREATE TABLE keep (a int); INSERT INTO keep VALUES (1); "
                                        "CREATE SEQUENCE counter")),
                 QString());
        const QStringList statements{
            QStringLiteral("DROP TABLE keep"),
            QStringLiteral("INSERT INTO keep VALUES (2)"),
            QStringLiteral("UPDATE keep SET a = 5"),
            QStringLiteral("ALTER TABLE keep ADD COLUMN b int"),
            QStringLiteral("CREATE TABLE made (a int)"),
            QStringLiteral("SELECT nextval('counter')"),
            QStringLiteral("COMMIT"),
            QStringLiteral("TRUNCATE keep"),
        };
        for (const SyntaxVerdict& verdict : check(db, statements))
            QVERIFY2(verdict.accepted, qPrintable(verdict.message));
        QCOMPARE(scalar(db, QStringLiteral("SELECT string_agg(a::text, ',') FROM keep")),
                 QStringLiteral("1"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM pg_attribute WHERE attrelid = "
                                           "'keep'::regclass AND attnum > 0")),
                 QStringLiteral("1"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT to_regclass('made') IS NULL")),
                 QStringLiteral("t"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT is_called FROM counter")), QStringLiteral("f"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM pg_proc WHERE proname = "
                                           "'bellows_syntax_check'")),
                 QStringLiteral("0"));
    }

    void eachMajorAcceptsItsOwnSyntax()
    {
        TestDatabase db(QStringLiteral("grammar"));
        const int major = cluster().major;
        QStringList statements;
        for (const Syntax& s : kSyntax)
            statements << QString::fromLatin1(s.sql);
        const auto verdicts = check(db, statements);
        for (size_t i = 0; i < verdicts.size(); ++i) {
            const bool expected = major >= kSyntax[i].sinceMajor;
            QVERIFY2(verdicts[i].accepted == expected,
                     qPrintable(QStringLiteral("PostgreSQL %1, %2: %3")
                                    .arg(major)
                                    .arg(statements[i], verdicts[i].message)));
        }
    }

    void errorsPointIntoTheirStatement()
    {
        TestDatabase db(QStringLiteral("grammar"));
        const QStringList statements{
            QStringLiteral("SELECT 1 -- a comment that ends the line"),
            QStringLiteral("CREATE TABLE x (a int,, b int)"),
            QStringLiteral("SELECT 'it''s $bellows_syntax_0$ fine'"),
            QStringLiteral("SELEC 2"),
        };
        const auto verdicts = check(db, statements);
        QVERIFY(verdicts[0].accepted);
        QVERIFY(!verdicts[1].accepted);
        QCOMPARE(verdicts[1].offset, int(statements[1].indexOf(QStringLiteral(",,")) + 1));
        QVERIFY2(verdicts[2].accepted, qPrintable(verdicts[2].message));
        QVERIFY(!verdicts[3].accepted);
        QCOMPARE(verdicts[3].offset, 0);
        QVERIFY(verdicts[3].message.contains(QStringLiteral("SELEC")));
    }

    // PostgreSQL counts positions in characters, QString in UTF-16 units: characters outside
    // the Basic Multilingual Plane before an error must not move it onto another statement.
    void errorsAfterWideCharactersStayInTheirStatement()
    {
        TestDatabase db(QStringLiteral("grammar"));
        const QString rockets = QString::fromUtf8("\xF0\x9F\x9A\x80").repeated(10);
        const QStringList statements{
            QStringLiteral("SELECT 1 -- ") + rockets,
            QStringLiteral("SELECT 2"),
            QStringLiteral("SELECT '") + rockets + QStringLiteral("' AS x, FROM t"),
            QStringLiteral("SELECT 3"),
        };
        const auto verdicts = check(db, statements);
        QVERIFY2(verdicts[0].accepted && verdicts[1].accepted && verdicts[3].accepted,
                 qPrintable(verdicts[1].message + verdicts[3].message));
        QVERIFY(!verdicts[2].accepted);
        QCOMPARE(verdicts[2].offset, int(statements[2].indexOf(QStringLiteral("FROM"))));
    }

    // bellows-cli lint with the cluster as the grammar's server: valid newer syntax is a
    // "newer-syntax" warning naming the rules that did not run, the other statements are still
    // checked, and syntax the major lacks is a parse error in the server's words.
    void lintUsesTheServersGrammar()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("migration.sql"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("CREATE INDEX orders_total ON orders (total);\n"
                  "ALTER TABLE orders ADD CONSTRAINT orders_total_not_null NOT NULL total "
                  "NOT VALID;\n");
        out.close();
        const int major = cluster().major;
        const auto result = runCli({QStringLiteral("lint"), file, QStringLiteral("--json"),
                                    QStringLiteral("--server-version"), QString::number(major),
                                    QStringLiteral("--shadow-url"), cluster().conninfo});
        const QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8())
                                       .object()[QStringLiteral("files")]
                                       .toArray()[0]
                                       .toObject();
        QStringList rules;
        QString notNullMessage;
        for (const auto& value : report[QStringLiteral("findings")].toArray()) {
            const QJsonObject finding = value.toObject();
            rules << finding[QStringLiteral("rule")].toString();
            if (finding[QStringLiteral("statement")].toString().contains(
                    QLatin1String("NOT VALID")))
                notNullMessage = finding[QStringLiteral("message")].toString();
        }
        const QString context = result.out + result.err;
        QVERIFY2(rules.contains(QStringLiteral("create-index-not-concurrently")),
                 qPrintable(context));
        if (major >= 18) {
            QCOMPARE(result.exitCode, 2); // the index finding; newer syntax is a warning
            QVERIFY2(rules.contains(QStringLiteral("newer-syntax")), qPrintable(context));
            QVERIFY2(!rules.contains(QStringLiteral("parse-error")), qPrintable(context));
            QVERIFY2(notNullMessage.contains(QLatin1String("add-check-without-not-valid")),
                     qPrintable(notNullMessage));
        } else {
            QCOMPARE(result.exitCode, 1); // incomplete: a statement does not parse on this major
            QVERIFY2(rules.contains(QStringLiteral("parse-error")), qPrintable(context));
            QVERIFY2(notNullMessage.startsWith(QStringLiteral("PostgreSQL %1.").arg(major)),
                     qPrintable(notNullMessage));
        }
    }
};

QTEST_GUILESS_MAIN(TestServerGrammar)
#include "test_server_grammar.moc"
