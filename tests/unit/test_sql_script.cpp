#include "source/sql_script.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

using namespace bellows;
using namespace bellows::source;

namespace {

std::vector<ScriptStatement> split(const QString& script)
{
    auto result = splitScript(script, QStringLiteral("t.sql"));
    if (!result) {
        qWarning("%s", qPrintable(result.error().toString()));
        return {};
    }
    return std::move(result->statements);
}

QStringList texts(const QString& script)
{
    QStringList out;
    for (const ScriptStatement& s : split(script))
        out << s.text;
    return out;
}

QString corpusDir()
{
    const QString fromEnv = qEnvironmentVariable("BELLOWS_CORPUS_DIR");
    return fromEnv.isEmpty() ? QStringLiteral("/work/shared/corpus") : fromEnv;
}

} // namespace

class TestSqlScript : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void comments();
    void quotedStrings();
    void escapeStrings();
    void standardConformingStringsOff();
    void dollarQuotes();
    void parameters();
    void parentheses();
    void beginAtomic();
    void metaCommands();
    void copyFromStdin();
    void metaCopyFromStdin();
    void copyVariants();
    void finalStatementWithoutSemicolon();
    void emptyStatements();
    void psqlVariablesAndCasts();
    void locations();
    void crlfLocations();
    void unterminatedCopyData();
    void unterminated();
    void locateAndExcerpt();
    void leadingTokensOfStatements();
    void largeScript();
    void corpus();
};

void TestSqlScript::comments()
{
    const QString script = QStringLiteral("-- leading; comment's here\n"
                                          "SELECT 1; /* a /* nested; */ still; */ SELECT 2;\n"
                                          "SELECT 3 -- trailing; comment\n"
                                          ";\n"
                                          "SELECT 4 /* inside; */ + 1;\n"
                                          "SELECT 5 */* comment starts at the slash */ 2;");
    QCOMPARE(texts(script),
             QStringList({QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2"),
                          QStringLiteral("SELECT 3"), QStringLiteral("SELECT 4 /* inside; */ + 1"),
                          QStringLiteral("SELECT 5 */* comment starts at the slash */ 2")}));
}

void TestSqlScript::quotedStrings()
{
    const QString script = QStringLiteral("SELECT 'a;b''c;'; SELECT \"x;\"\"y\" FROM t;\n"
                                          "SELECT 'no\\'; SELECT B'01;', X'A;', N'n;';\n"
                                          "SELECT U&'d\\0061t;a', U&\"i;d\";");
    QCOMPARE(texts(script),
             QStringList(
                 {QStringLiteral("SELECT 'a;b''c;'"), QStringLiteral("SELECT \"x;\"\"y\" FROM t"),
                  QStringLiteral("SELECT 'no\\'"), QStringLiteral("SELECT B'01;', X'A;', N'n;'"),
                  QStringLiteral("SELECT U&'d\\0061t;a', U&\"i;d\"")}));
}

void TestSqlScript::escapeStrings()
{
    // E'' takes backslash escapes; an identifier ending in e does not make one.
    QCOMPARE(texts(QStringLiteral("SELECT E'a\\';b'; SELECT e'\\\\'; SELECT fe'c\\'; SELECT 2;")),
             QStringList({QStringLiteral("SELECT E'a\\';b'"), QStringLiteral("SELECT e'\\\\'"),
                          QStringLiteral("SELECT fe'c\\'"), QStringLiteral("SELECT 2")}));
    // psql lexes a file line by line, so for it a literal never continues on the next line
    // (the server would glue E'x'<newline>'..' into one E'' literal); psql decides the split.
    QCOMPARE(texts(QStringLiteral("SELECT E'x'\n'\\'; SELECT 3;")),
             QStringList({QStringLiteral("SELECT E'x'\n'\\'"), QStringLiteral("SELECT 3")}));
}

void TestSqlScript::standardConformingStringsOff()
{
    const QString script = QStringLiteral("SET standard_conforming_strings = off;\n"
                                          "SELECT 'a\\';b';\n"
                                          "SET standard_conforming_strings TO 'on';\n"
                                          "SELECT 'c\\'; SELECT 4;");
    QCOMPARE(texts(script),
             QStringList({QStringLiteral("SET standard_conforming_strings = off"),
                          QStringLiteral("SELECT 'a\\';b'"),
                          QStringLiteral("SET standard_conforming_strings TO 'on'"),
                          QStringLiteral("SELECT 'c\\'"), QStringLiteral("SELECT 4")}));
}

void TestSqlScript::dollarQuotes()
{
    const QString function =
        QStringLiteral("CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $body$\n"
                       "BEGIN\n"
                       "  EXECUTE $q$SELECT ';'$q$;\n"
                       "  PERFORM $$;$$;\n"
                       "  RETURN NEW;\n"
                       "END\n"
                       "$body$");
    QCOMPARE(texts(function + QStringLiteral(";\nSELECT 2;")),
             QStringList({function, QStringLiteral("SELECT 2")}));
    QCOMPARE(texts(QStringLiteral("DO $outer$ BEGIN EXECUTE $inner$ SELECT 1; $inner$; END "
                                  "$outer$; SELECT 2;")),
             QStringList({QStringLiteral("DO $outer$ BEGIN EXECUTE $inner$ SELECT 1; $inner$; "
                                         "END $outer$"),
                          QStringLiteral("SELECT 2")}));
    // As in psql, a failed $y$ gives its last $ back: $x$ closes inside "a$y$x$".
    QCOMPARE(texts(QStringLiteral("SELECT $x$ a$y$x$; SELECT 2;")),
             QStringList({QStringLiteral("SELECT $x$ a$y$x$"), QStringLiteral("SELECT 2")}));
    // $ inside an identifier is not a quote; tags are case-sensitive; non-ASCII tags work.
    QCOMPARE(texts(QStringLiteral("SELECT a$b$c; SELECT $T$ $t$; $T$; SELECT $é$;$é$;")),
             QStringList({QStringLiteral("SELECT a$b$c"), QStringLiteral("SELECT $T$ $t$; $T$"),
                          QStringLiteral("SELECT $é$;$é$")}));
}

void TestSqlScript::parameters()
{
    QCOMPARE(
        texts(QStringLiteral("PREPARE p(int) AS SELECT $1; EXECUTE p(1); "
                             "SELECT $1$$;$$; SELECT $12 + 1;")),
        QStringList({QStringLiteral("PREPARE p(int) AS SELECT $1"), QStringLiteral("EXECUTE p(1)"),
                     QStringLiteral("SELECT $1$$;$$"), QStringLiteral("SELECT $12 + 1")}));
}

void TestSqlScript::parentheses()
{
    // psql does not end a statement inside parentheses: multi-action rules rely on it.
    const QString rule = QStringLiteral("CREATE RULE r AS ON INSERT TO t DO ALSO "
                                        "(INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))");
    QCOMPARE(texts(rule + QStringLiteral("; SELECT 1) ; SELECT 2;")),
             QStringList({rule, QStringLiteral("SELECT 1)"), QStringLiteral("SELECT 2")}));
}

void TestSqlScript::beginAtomic()
{
    const QString f = QStringLiteral("CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql\n"
                                     "BEGIN ATOMIC\n"
                                     "  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;\n"
                                     "  SELECT a + 1;\n"
                                     "END");
    const QString p = QStringLiteral("create or replace procedure p() language sql "
                                     "begin atomic insert into t values (1); end");
    const QString q = QStringLiteral("CREATE PROCEDURE q() BEGIN ATOMIC SELECT 1; END");
    const QString script = f + QStringLiteral(";\n") + p + QStringLiteral(";\nBEGIN;\n") + q +
                           QStringLiteral(";\nCOMMIT;\nCREATE TABLE begin_t (x int);\n"
                                          "CREATE FUNCTION g() RETURNS int AS $$ BEGIN RETURN "
                                          "1; END $$ LANGUAGE plpgsql;");
    QCOMPARE(texts(script),
             QStringList({f, p, QStringLiteral("BEGIN"), q, QStringLiteral("COMMIT"),
                          QStringLiteral("CREATE TABLE begin_t (x int)"),
                          QStringLiteral("CREATE FUNCTION g() RETURNS int AS $$ BEGIN RETURN "
                                         "1; END $$ LANGUAGE plpgsql")}));
}

void TestSqlScript::metaCommands()
{
    const QString script = QStringLiteral("\\restrict KEY123\n"
                                          "SET x = 1;\n"
                                          "  \\connect other\n"
                                          "SELECT 1;\\set ON_ERROR_STOP on\n"
                                          "SELECT 2\n"
                                          "\\gset\n"
                                          "SELECT 'not \\a meta';\n"
                                          "\\unrestrict KEY123");
    const auto statements = split(script);
    QCOMPARE(int(statements.size()), 9);
    const StatementKind meta = StatementKind::MetaCommand;
    const StatementKind sql = StatementKind::Sql;
    const std::vector<std::pair<StatementKind, QString>> expected = {
        {meta, QStringLiteral("\\restrict KEY123")},
        {sql, QStringLiteral("SET x = 1")},
        {meta, QStringLiteral("\\connect other")},
        {sql, QStringLiteral("SELECT 1")},
        {meta, QStringLiteral("\\set ON_ERROR_STOP on")},
        {sql, QStringLiteral("SELECT 2")},
        {meta, QStringLiteral("\\gset")},
        {sql, QStringLiteral("SELECT 'not \\a meta'")},
    };
    for (size_t k = 0; k < expected.size(); ++k) {
        QCOMPARE(statements[k].kind, expected[k].first);
        QCOMPARE(statements[k].text, expected[k].second);
    }
    QCOMPARE(statements[2].line, 3);
    QCOMPARE(statements[2].column, 3);
    QCOMPARE(statements[4].line, 4);
    QCOMPARE(statements[4].column, 10);
    QCOMPARE(split(script + QStringLiteral("\n")).back().text,
             QStringLiteral("\\unrestrict KEY123"));
}

void TestSqlScript::copyFromStdin()
{
    const QString script = QStringLiteral("COPY public.t (a, b) FROM stdin;\n"
                                          "1\tit's; not SQL\n"
                                          "2\t\\N\n"
                                          "\\.\n"
                                          "SELECT 1;\n"
                                          "copy t from STDIN with (format csv);\r\n"
                                          "\"a;\",'b\r\n"
                                          "\\.\r\n"
                                          "COPY t FROM stdin;\n"
                                          "\\.");
    const auto statements = split(script);
    QCOMPARE(int(statements.size()), 4);
    QCOMPARE(statements[0].kind, StatementKind::CopyFromStdin);
    QCOMPARE(statements[0].text, QStringLiteral("COPY public.t (a, b) FROM stdin"));
    QCOMPARE(statements[0].copyData, QStringLiteral("1\tit's; not SQL\n2\t\\N\n"));
    QCOMPARE(statements[1].kind, StatementKind::Sql);
    QCOMPARE(statements[1].text, QStringLiteral("SELECT 1"));
    QCOMPARE(statements[1].line, 5);
    QCOMPARE(statements[2].kind, StatementKind::CopyFromStdin);
    QCOMPARE(statements[2].copyData, QStringLiteral("\"a;\",'b\r\n"));
    QCOMPARE(statements[3].kind, StatementKind::CopyFromStdin);
    QCOMPARE(statements[3].copyData, QString());
}

void TestSqlScript::metaCopyFromStdin()
{
    const auto statements = split(QStringLiteral("\\copy t (a) from stdin with csv\n"
                                                 "1;x\n"
                                                 "\\.\n"
                                                 "\\copy t to 'out.csv'\n"
                                                 "SELECT 1;\n"));
    QCOMPARE(int(statements.size()), 3);
    QCOMPARE(statements[0].kind, StatementKind::MetaCommand);
    QCOMPARE(statements[0].copyData, QStringLiteral("1;x\n"));
    QCOMPARE(statements[1].kind, StatementKind::MetaCommand);
    QCOMPARE(statements[1].copyData, QString());
    QCOMPARE(statements[2].text, QStringLiteral("SELECT 1"));
    QVERIFY(isCopyFromStdinMeta(QStringLiteral("\\copy t FROM STDIN")));
    QVERIFY(!isCopyFromStdinMeta(QStringLiteral("\\copy t from 'stdin'")));
    QVERIFY(!isCopyFromStdinMeta(QStringLiteral("\\copyright")));
}

void TestSqlScript::copyVariants()
{
    const auto statements =
        split(QStringLiteral("COPY t TO stdout; COPY (SELECT 1 FROM stdin) TO stdout;\n"
                             "COPY t FROM '/tmp/x'; COPY t FROM stdin; SELECT 2;\n"
                             "x\n"
                             "\\.\n"));
    QCOMPARE(int(statements.size()), 5);
    QCOMPARE(statements[0].kind, StatementKind::Sql);
    QCOMPARE(statements[1].kind, StatementKind::Sql);
    QCOMPARE(statements[2].kind, StatementKind::Sql);
    QCOMPARE(statements[3].kind, StatementKind::CopyFromStdin);
    // As in psql: the data starts on the line after the COPY, even if more SQL follows it.
    QCOMPARE(statements[3].copyData, QStringLiteral("x\n"));
    QCOMPARE(statements[4].text, QStringLiteral("SELECT 2"));
}

void TestSqlScript::finalStatementWithoutSemicolon()
{
    QCOMPARE(texts(QStringLiteral("SELECT 1;\nSELECT 2 -- tail\n")),
             QStringList({QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2")}));
    QCOMPARE(texts(QStringLiteral("SELECT 3")), QStringList({QStringLiteral("SELECT 3")}));
}

void TestSqlScript::emptyStatements()
{
    QVERIFY(split(QStringLiteral(";;  ; -- x\n /* c; */ ;\n\n")).empty());
    QVERIFY(split(QString()).empty());
    auto result = splitScript(QStringLiteral("\xFEFF-- only a comment"), QStringLiteral("t.sql"));
    QVERIFY(result.ok());
    QVERIFY(result->statements.empty());
}

void TestSqlScript::psqlVariablesAndCasts()
{
    QCOMPARE(texts(QStringLiteral("SELECT relkind = 'r'::\"char\" FROM pg_class; "
                                  "SELECT :'v' , :\"w\", :x; SELECT :'unclosed;';")),
             QStringList({QStringLiteral("SELECT relkind = 'r'::\"char\" FROM pg_class"),
                          QStringLiteral("SELECT :'v' , :\"w\", :x"),
                          QStringLiteral("SELECT :'unclosed;'")}));
}

void TestSqlScript::locations()
{
    const QString script = QStringLiteral("-- header\n"
                                          "\n"
                                          "  /* lead */ CREATE TABLE t (\n"
                                          "    a int\n"
                                          ");\tSELECT 1;\n"
                                          "SELECT 'é😀', 2;");
    const auto statements = split(script);
    QCOMPARE(int(statements.size()), 3);
    QCOMPARE(statements[0].text, QStringLiteral("CREATE TABLE t (\n    a int\n)"));
    QCOMPARE(statements[0].line, 3);
    QCOMPARE(statements[0].column, 14);
    QCOMPARE(statements[0].offset, int(script.indexOf(QStringLiteral("CREATE"))));
    QCOMPARE(statements[1].line, 5);
    QCOMPARE(statements[1].column, 4);
    QCOMPARE(statements[2].line, 6);
    QCOMPARE(statements[2].column, 1);
    for (const ScriptStatement& s : statements) {
        QCOMPARE(script.mid(s.offset, s.text.size()), s.text);
        const SourceLocation at = locate(script, QStringLiteral("t.sql"), s.offset);
        QCOMPARE(at.line, s.line);
        QCOMPARE(at.column, s.column);
        QCOMPARE(at.file, QStringLiteral("t.sql"));
    }
}

void TestSqlScript::crlfLocations()
{
    const QString script = QStringLiteral("-- header\r\n"
                                          "SELECT 1;\r\n"
                                          "\r\n"
                                          "   SELECT\r\n"
                                          "  2;\rSELECT 3;");
    const auto statements = split(script);
    QCOMPARE(int(statements.size()), 3);
    QCOMPARE(statements[0].line, 2);
    QCOMPARE(statements[0].column, 1);
    QCOMPARE(statements[1].text, QStringLiteral("SELECT\r\n  2"));
    QCOMPARE(statements[1].line, 4);
    QCOMPARE(statements[1].column, 4);
    // A lone \r ends a line too.
    QCOMPARE(statements[2].line, 6);
    QCOMPARE(statements[2].column, 1);
    const SourceLocation two = locate(script, QString(), int(script.indexOf(QLatin1Char('2'))));
    QCOMPARE(two.line, 5);
    QCOMPARE(two.column, 3);
}

void TestSqlScript::unterminatedCopyData()
{
    auto result = splitScript(QStringLiteral("SELECT 1;\nCOPY t FROM stdin;\n1\n2\n"),
                              QStringLiteral("d.sql"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().location.toString(), QStringLiteral("d.sql:2:1"));
    QVERIFY(result.error().message.contains(QStringLiteral("COPY")));
}

void TestSqlScript::unterminated()
{
    struct Case {
        QString script;
        int line;
        int column;
        QString message;
    };
    const Case cases[] = {
        {QStringLiteral("SELECT 1;\n  SELECT 'abc;\nmore"), 2, 10,
         QStringLiteral("unterminated quoted string")},
        {QStringLiteral("SELECT E'ab\\'"), 1, 8, QStringLiteral("unterminated quoted string")},
        {QStringLiteral("SELECT \"ab"), 1, 8, QStringLiteral("unterminated quoted identifier")},
        {QStringLiteral("SELECT 1;\r\nDO $fn$ BEGIN END $f$;"), 2, 4,
         QStringLiteral("unterminated dollar-quoted string $fn$")},
        {QStringLiteral("/* a /* b */ SELECT 1;"), 1, 1, QStringLiteral("unterminated /* comment")},
    };
    for (const Case& c : cases) {
        auto result = splitScript(c.script, QStringLiteral("u.sql"));
        QVERIFY2(!result.ok(), qPrintable(c.script));
        const Error& e = result.error();
        QCOMPARE(e.message, c.message);
        QCOMPARE(e.location.file, QStringLiteral("u.sql"));
        QCOMPARE(e.location.line, c.line);
        QCOMPARE(e.location.column, c.column);
        QVERIFY(e.context.endsWith(QLatin1Char('^')));
    }
    auto first = splitScript(cases[0].script, QStringLiteral("u.sql"));
    QCOMPARE(first.error().context, QStringLiteral("  SELECT 'abc;\n         ^"));
}

void TestSqlScript::locateAndExcerpt()
{
    const QString script = QStringLiteral("a\n\tbc\r\nd");
    const SourceLocation c = locate(script, QStringLiteral("f.sql"), 3);
    QCOMPARE(c.line, 2);
    QCOMPARE(c.column, 2);
    QCOMPARE(c.toString(), QStringLiteral("f.sql:2:2"));
    QCOMPARE(sourceExcerpt(script, 3), QStringLiteral("\tbc\n\t^"));
    QCOMPARE(locate(script, QString(), 7).line, 3);
    QCOMPARE(sourceExcerpt(script, int(script.size())), QStringLiteral("d\n ^"));

    const QString longLine = QString(300, QLatin1Char('x'));
    const QString excerpt = sourceExcerpt(longLine, 150);
    QVERIFY(excerpt.startsWith(QStringLiteral("...")));
    const QStringList lines = excerpt.split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[1].size(), 3 + 80 + 1);
}

void TestSqlScript::leadingTokensOfStatements()
{
    QCOMPARE(
        leadingTokens(QStringLiteral("/* c */ SET -- x\n SESSION \"Time\"\"Zone\" TO 'UTC'"), 8),
        QStringList({QStringLiteral("set"), QStringLiteral("session"), QStringLiteral("Time\"Zone"),
                     QStringLiteral("to"), QStringLiteral("'UTC'")}));
    QCOMPARE(leadingTokens(QStringLiteral("SELECT pg_catalog.set_config('search_path', '', "
                                          "false)"),
                           6),
             QStringList({QStringLiteral("select"), QStringLiteral("pg_catalog"),
                          QStringLiteral("."), QStringLiteral("set_config"), QStringLiteral("("),
                          QStringLiteral("'search_path'")}));
    QCOMPARE(leadingTokens(QStringLiteral("COPY t"), 1), QStringList({QStringLiteral("copy")}));
}

void TestSqlScript::largeScript()
{
    // Shaped like a pg_dump: not timed, but a quadratic scan would make this test crawl.
    QString script;
    for (int k = 0; k < 3000; ++k) {
        script += QStringLiteral("--\n-- Name: t%1; Type: TABLE\n--\n\n"
                                 "CREATE TABLE public.t%1 (\n    id bigint NOT NULL,\n"
                                 "    name text DEFAULT 'x;'::text\n);\n\n")
                      .arg(k);
    }
    QElapsedTimer timer;
    timer.start();
    auto result = splitScript(script, QStringLiteral("big.sql"));
    QVERIFY(result.ok());
    QCOMPARE(int(result->statements.size()), 3000);
    QCOMPARE(result->statements.back().line, 2999 * 9 + 5);
    qInfo("split %d lines in %lld ms", int(script.count(QLatin1Char('\n'))),
          qint64(timer.elapsed()));
}

void TestSqlScript::corpus()
{
    const QString root = corpusDir();
    if (!QDir(root).exists())
        QSKIP("corpus not found (set BELLOWS_CORPUS_DIR)");
    QDirIterator files(root, {QStringLiteral("*.sql")}, QDir::Files, QDirIterator::Subdirectories);
    int fileCount = 0;
    while (files.hasNext()) {
        const QString path = files.next();
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QString script = QString::fromUtf8(file.readAll());
        auto result = splitScript(script, path);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? path : result.error().toString()));
        const auto& statements = result->statements;
        QVERIFY2(!statements.empty(), qPrintable(path));
        // A statement's text is the script at its offset, and its line/column match locate().
        const ScriptStatement& last = statements.back();
        const SourceLocation at = locate(script, path, last.offset);
        QCOMPARE(at.line, last.line);
        QCOMPARE(at.column, last.column);
        for (const ScriptStatement& s : statements) {
            QVERIFY2(!s.text.isEmpty(), qPrintable(path));
            QCOMPARE(script.mid(s.offset, s.text.size()), s.text);
        }
        ++fileCount;
    }
    QVERIFY(fileCount > 0);
    qInfo("split %d corpus files", fileCount);
}

QTEST_APPLESS_MAIN(TestSqlScript)

#include "test_sql_script.moc"
