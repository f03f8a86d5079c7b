// Bad input gives one clear message and exit 1, and changes nothing.

#include "shadow/local_cluster.h"
#include "test_database.h"

#include <QTemporaryDir>
#include <QTest>

using namespace bellows;
using namespace bellows::test;

namespace {

// Shadow databases a bellows-cli process left behind (they are named after its pid); other
// suites run in parallel on the same cluster, so only this process's leftovers count.
QStringList shadowDatabasesOf(qint64 pid)
{
    auto admin = pq::Connection::open(cluster().conninfo);
    if (!admin)
        return {QStringLiteral("(cannot connect)")};
    auto rows = (*admin)->exec(
        QStringLiteral("SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY 1"),
        {QStringLiteral("bellows_shadow_%1_").arg(pid)});
    QStringList names;
    for (int r = 0; rows && r < rows->rows(); ++r)
        names << rows->text(r, 0);
    return names;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(text);
    return path;
}

// Exactly one "error:" line on stderr.
int errorLines(const QString& err)
{
    return int(err.count(QStringLiteral("bellows-cli: error:")));
}

} // namespace

class TestCliErrors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void missingTargetFile()
    {
        TestDatabase db(QStringLiteral("missing"));
        const auto r =
            runCli({QStringLiteral("diff"), QStringLiteral("--db"), db.conninfo(),
                    QStringLiteral("--target"), QStringLiteral("/nonexistent/schema.sql")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("/nonexistent/schema.sql: no such file")),
                 qPrintable(r.err));
        QCOMPARE(errorLines(r.err), 1);
        QCOMPARE(shadowDatabasesOf(r.pid), QStringList());
    }

    void syntaxErrorInTarget()
    {
        TestDatabase db(QStringLiteral("syntax"));
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE keep_me (id int)")).isEmpty());
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("target.sql"),
                                       "-- a target with a typo\n"
                                       "CREATE TABLE t (id int);\n"
                                       "CREATE TABLE u (id int,, name text);\n");
        const auto r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), db.conninfo(),
                               QStringLiteral("--target"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(path + QStringLiteral(":3:24: syntax error at or near \",\"")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("CREATE TABLE u (id int,, name text);")),
                 qPrintable(r.err));
        QCOMPARE(errorLines(r.err), 1);
        QVERIFY(r.out.isEmpty());
        // No shadow database left behind, the live database untouched.
        QCOMPARE(shadowDatabasesOf(r.pid), QStringList());
        auto conn = db.connect();
        auto tables = conn->exec(QStringLiteral("SELECT string_agg(relname, ',') FROM pg_class "
                                                "WHERE relnamespace = 'public'::regnamespace"));
        QVERIFY(tables);
        QCOMPARE(tables->text(0, 0), QStringLiteral("keep_me"));
    }

    void errorWithDetailAndHint()
    {
        TestDatabase db(QStringLiteral("detail"));
        QTemporaryDir dir;
        const QString path =
            writeFile(dir, QStringLiteral("t.sql"),
                      "CREATE TABLE a (id int PRIMARY KEY);\n"
                      "CREATE TABLE b (a_id int REFERENCES missing_table (id));\n");
        const auto r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), db.conninfo(),
                               QStringLiteral("--target"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(path + QStringLiteral(":2:")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("relation \"missing_table\" does not exist")),
                 qPrintable(r.err));
    }

    void unreachableServer()
    {
        const int port = shadow::LocalCluster::freeTcpPort();
        const auto r = runCli(
            {QStringLiteral("inspect"), QStringLiteral("--db"),
             QStringLiteral("host=127.0.0.1 port=%1 dbname=x user=x connect_timeout=5").arg(port)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("cannot connect to 127.0.0.1:%1/x").arg(port)),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("Connection refused")), qPrintable(r.err));
        QCOMPARE(errorLines(r.err), 1);
    }

    void wrongPassword()
    {
        auto admin = pq::Connection::open(cluster().conninfo);
        QVERIFY(admin);
        (void)(*admin)->exec(QStringLiteral("DROP ROLE IF EXISTS pw_user"));
        QVERIFY(
            (*admin)->exec(QStringLiteral("CREATE ROLE pw_user LOGIN PASSWORD 'right-secret'")));
        const QString conninfo =
            QStringLiteral(
                "host=127.0.0.1 port=%1 user=pw_user password=wrong-secret dbname=postgres")
                .arg(cluster().port);
        const auto r = runCli({QStringLiteral("inspect"), QStringLiteral("--db"), conninfo});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(
            r.err.contains(QStringLiteral("password authentication failed for user \"pw_user\"")),
            qPrintable(r.err));
        // The password never appears in what Bellows prints.
        QVERIFY(!r.err.contains(QStringLiteral("wrong-secret")));
        QCOMPARE(errorLines(r.err), 1);
    }

    void databaseDoesNotExist()
    {
        const QString conninfo = cluster().conninfo + QStringLiteral(" dbname=no_such_db");
        const auto r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), conninfo,
                               QStringLiteral("--target-db"), cluster().conninfo});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("database \"no_such_db\" does not exist")),
                 qPrintable(r.err));
        QCOMPARE(errorLines(r.err), 1);
    }

    void badArguments()
    {
        auto r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), cluster().conninfo});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(
            r.err.contains(QStringLiteral("exactly one of --target FILE and --target-db CONN")),
            qPrintable(r.err));
        r = runProcess(tool(QStringLiteral("bellows-cli")), {QStringLiteral("frobnicate")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("unknown command \"frobnicate\"")));
        r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), cluster().conninfo,
                    QStringLiteral("--target-db"), cluster().conninfo, QStringLiteral("--rename"),
                    QStringLiteral("nonsense")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("nonsense")), qPrintable(r.err));
    }

    void version()
    {
        const auto r =
            runProcess(tool(QStringLiteral("bellows-cli")), {QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("bellows-cli ")));
    }
};

QTEST_GUILESS_MAIN(TestCliErrors)
#include "test_cli_errors.moc"
