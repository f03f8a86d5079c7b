// bellows-cli diff end to end: target files and databases, hostile names, rename proposals
// and confirmed renames, JSON output and exit codes.

#include "test_database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace bellows::test;

namespace {

// moc cannot read raw string literals holding quotes, hence the escaped form.
const char* const kHostileSchema = "CREATE SCHEMA \"Odd Schema\";\n"
                                   "CREATE TYPE \"Odd Schema\".\"mood 'q'\" AS ENUM ('happy', "
                                   "'it''s \"sad\"', 'ünïcödé ☕', 'x\"; DROP TABLE y; --');\n"
                                   "CREATE TABLE \"Odd Schema\".\"x\"\"; DROP TABLE y; --\" (\n"
                                   "    \"select\" integer PRIMARY KEY,\n"
                                   "    \"white space\" text NOT NULL DEFAULT 'it''s',\n"
                                   "    \"Ünïcödé ☕\" \"Odd Schema\".\"mood 'q'\",\n"
                                   "    \"order\" text\n"
                                   ");\n"
                                   "COMMENT ON TABLE \"Odd Schema\".\"x\"\"; DROP TABLE y; --\" IS "
                                   "'a comment with ''quotes'' and \"double\" and ; -- dashes';\n"
                                   "COMMENT ON COLUMN \"Odd Schema\".\"x\"\"; DROP TABLE y; "
                                   "--\".\"white space\" IS E'back\\\\slash';\n"
                                   "CREATE INDEX \"idx \"\"quoted\"\"\" ON \"Odd Schema\".\"x\"\"; "
                                   "DROP TABLE y; --\" (\"order\");\n";

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(text);
    return path;
}

QJsonObject parseJson(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

class TestCliDiff : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void identicalSchemasExitZero()
    {
        TestDatabase live(QStringLiteral("same"));
        QTemporaryDir dir;
        const QByteArray ddl =
            "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            " email text NOT NULL UNIQUE, created_at timestamptz DEFAULT now());";
        QVERIFY(live.exec(QString::fromUtf8(ddl)).isEmpty());
        const QString target = writeFile(dir, QStringLiteral("t.sql"), ddl);
        const auto r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                               QStringLiteral("--target"), target, QStringLiteral("--exit-code")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("identical")), qPrintable(r.out));
    }

    void hostileNamesRoundTrip()
    {
        TestDatabase live(QStringLiteral("hostile"));
        QVERIFY2(live.exec(QString::fromUtf8(kHostileSchema)).isEmpty(), "schema loads");
        QTemporaryDir dir;
        const QString same = writeFile(dir, QStringLiteral("same.sql"), kHostileSchema);
        auto r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                         QStringLiteral("--target"), same, QStringLiteral("--exit-code")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));

        // Change the hostile column's comment and add an enum label with a quote: both found,
        // names printed quoted so they cannot be misread.
        QByteArray changed = kHostileSchema;
        changed.replace("E'back\\\\slash'", "'changed ''comment'''");
        changed.replace("'happy', ", "'happy', 'new ''label''', ");
        const QString other = writeFile(dir, QStringLiteral("other.sql"), changed);
        r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                    QStringLiteral("--target"), other, QStringLiteral("--exit-code")});
        QVERIFY2(r.exitCode == 2, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\"x\"\"; DROP TABLE y; --\"")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\"white space\"")), qPrintable(r.out));

        r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                    QStringLiteral("--target"), other, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray changes = parseJson(r.out).value(QStringLiteral("changes")).toArray();
        bool sawComment = false, sawLabel = false;
        for (const QJsonValue& v : changes) {
            const QJsonObject c = v.toObject();
            const QString all = QString::fromUtf8(QJsonDocument(c).toJson());
            if (c.value(QStringLiteral("name")).toString() == QStringLiteral("white space") &&
                c.value(QStringLiteral("table")).toString() ==
                    QStringLiteral("x\"; DROP TABLE y; --"))
                sawComment = all.contains(QStringLiteral("changed 'comment'"));
            if (c.value(QStringLiteral("name")).toString() == QStringLiteral("mood 'q'"))
                sawLabel = all.contains(QStringLiteral("new 'label'"));
        }
        QVERIFY2(sawComment, qPrintable(r.out));
        QVERIFY2(sawLabel, qPrintable(r.out));
    }

    void renameProposalAndConfirmation()
    {
        TestDatabase live(QStringLiteral("rename"));
        QVERIFY(live.exec(QStringLiteral("CREATE TABLE users (id int PRIMARY KEY, full_name text);"
                                         "INSERT INTO users VALUES (1, 'Ada Lovelace');"))
                    .isEmpty());
        QTemporaryDir dir;
        const QString target =
            writeFile(dir, QStringLiteral("t.sql"),
                      "CREATE TABLE users (id int PRIMARY KEY, display_name text);");
        auto r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                         QStringLiteral("--target"), target, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QJsonObject json = parseJson(r.out);
        const QJsonArray proposals = json.value(QStringLiteral("renameProposals")).toArray();
        QCOMPARE(proposals.size(), 1);
        QCOMPARE(proposals.at(0).toObject().value(QStringLiteral("from")).toString(),
                 QStringLiteral("full_name"));
        QCOMPARE(proposals.at(0).toObject().value(QStringLiteral("to")).toString(),
                 QStringLiteral("display_name"));
        // The text report tells the user how to confirm it.
        r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                    QStringLiteral("--target"), target});
        QVERIFY2(r.out.contains(QStringLiteral("--rename public.users.full_name=display_name")),
                 qPrintable(r.out));

        r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                    QStringLiteral("--target"), target, QStringLiteral("--json"),
                    QStringLiteral("--rename"),
                    QStringLiteral("public.users.full_name=display_name")});
        QCOMPARE(r.exitCode, 0);
        json = parseJson(r.out);
        const QJsonArray changes = json.value(QStringLiteral("changes")).toArray();
        int columnChanges = 0;
        for (const QJsonValue& v : changes) {
            const QJsonObject c = v.toObject();
            if (c.value(QStringLiteral("kind")).toString() != QStringLiteral("column"))
                continue;
            ++columnChanges;
            QCOMPARE(c.value(QStringLiteral("action")).toString(), QStringLiteral("renamed"));
            QCOMPARE(c.value(QStringLiteral("renamedFrom")).toString(),
                     QStringLiteral("full_name"));
            QCOMPARE(c.value(QStringLiteral("name")).toString(), QStringLiteral("display_name"));
        }
        QCOMPARE(columnChanges, 1);

        // A hint that matches nothing is an error naming it.
        r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                    QStringLiteral("--target"), target, QStringLiteral("--rename"),
                    QStringLiteral("public.users.nope=display_name")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("nope")), qPrintable(r.err));
    }

    void targetDatabase()
    {
        TestDatabase a(QStringLiteral("a")), b(QStringLiteral("b"));
        QVERIFY(a.exec(QStringLiteral("CREATE TABLE t (id int, note varchar(50))")).isEmpty());
        QVERIFY(
            b.exec(QStringLiteral("CREATE TABLE t (id int, note text); CREATE TABLE extra (x int)"))
                .isEmpty());
        auto r =
            runCli({QStringLiteral("diff"), QStringLiteral("--db"), a.conninfo(),
                    QStringLiteral("--target-db"), b.conninfo(), QStringLiteral("--exit-code")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains(QStringLiteral("character varying(50)")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("extra")), qPrintable(r.out));
        r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), a.conninfo(),
                    QStringLiteral("--target-db"), a.conninfo(), QStringLiteral("--exit-code")});
        QCOMPARE(r.exitCode, 0);
    }

    void pgDumpQuirksAreWarnedNotFatal()
    {
        TestDatabase live(QStringLiteral("quirks"));
        QVERIFY(live.exec(QStringLiteral("CREATE TABLE t (id int)")).isEmpty());
        QTemporaryDir dir;
        const QString target = writeFile(dir, QStringLiteral("dump.sql"),
                                         "\\restrict abc123\n"
                                         "SET statement_timeout = 0;\n"
                                         "SET no_such_setting_anywhere = 0;\n"
                                         "CREATE TABLE t (id int);\n"
                                         "ALTER TABLE public.t OWNER TO no_such_role;\n"
                                         "GRANT SELECT ON public.t TO no_such_role;\n"
                                         "\\unrestrict abc123\n");
        const auto r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                               QStringLiteral("--target"), target, QStringLiteral("--exit-code")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.err.contains(target + QStringLiteral(":1")), qPrintable(r.err));
        QVERIFY2(r.err.contains(target + QStringLiteral(":3")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("no_such_setting_anywhere")), qPrintable(r.err));
        QVERIFY2(r.err.contains(target + QStringLiteral(":5: skipped 2 ownership and privilege")),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliDiff)
#include "test_cli_diff.moc"
