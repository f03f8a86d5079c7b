// Target files are untrusted (docs/security.md): the first wall refuses, before anything runs
// and with file:line:column, every statement that reaches outside the shadow database; the
// second wall is PostgreSQL's own privilege checks on the loading role. Each case also checks
// the file system: nothing outside the shadow database changed.

#include "pq/connection.h"
#include "shadow/shadow_server.h"
#include "source/target_source.h"
#include "test_database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace bellows;
using namespace bellows::test;

namespace {

Result<source::LoadedTarget> loadText(const QString& dir, const QString& sql,
                                      const QStringList& extraExtensions = {})
{
    const QString path = dir + QStringLiteral("/target.sql");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write the target file");
    file.write(sql.toUtf8());
    file.close();
    source::TargetOptions options;
    options.preferredMajor = cluster().major;
    options.extraExtensions = extraExtensions;
    return source::loadTarget(source::TargetSpec::file(path), options);
}

// A path the server's user can write (the server runs as `postgres` when we are root).
QString markerPath(const QString& name)
{
    return QStringLiteral("/tmp/bellows-security-%1-%2").arg(::getpid()).arg(name);
}

} // namespace

class TestTargetSecurity : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_shadow{QStringLiteral("/tmp/bellows-security-shadow-XXXXXX")};
    QTemporaryDir m_files{QStringLiteral("/tmp/bellows-security-files-XXXXXX")};

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_shadow.isValid() && m_files.isValid());
        qputenv("BELLOWS_SHADOW_DIR", m_shadow.path().toUtf8());
        qputenv("BELLOWS_PG_BIN", cluster().binDir.toUtf8());
    }

    void cleanupTestCase() { QVERIFY(shadow::ShadowServer::stopAll()); }

    void outsideReachingStatementIsRefusedBeforeAnythingRuns_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<QString>("reason");
        const QString marker = markerPath(QStringLiteral("first"));
        QTest::newRow("copy to program")
            << QStringLiteral("COPY (SELECT 1) TO PROGRAM 'touch %1';").arg(marker)
            << QStringLiteral("runs a program");
        QTest::newRow("copy from program")
            << QStringLiteral("COPY t FROM PROGRAM 'touch %1';").arg(marker)
            << QStringLiteral("runs a program");
        QTest::newRow("copy to file")
            << QStringLiteral("COPY (SELECT 1) TO '%1';").arg(marker) << QStringLiteral("file");
        QTest::newRow("copy from file")
            << QStringLiteral("COPY t FROM '/etc/hostname';") << QStringLiteral("file");
        QTest::newRow("read file") << QStringLiteral("SELECT pg_read_file('/etc/passwd');")
                                   << QStringLiteral("pg_read_file()");
        QTest::newRow("list dir") << QStringLiteral("SELECT * FROM pg_ls_dir('/');")
                                  << QStringLiteral("pg_ls_dir()");
        QTest::newRow("large object export")
            << QStringLiteral("SELECT lo_export(lo_from_bytea(0, 'x'), '%1');").arg(marker)
            << QStringLiteral("lo_export()");
        QTest::newRow("large object import")
            << QStringLiteral("SELECT lo_import('/etc/passwd');") << QStringLiteral("lo_import()");
        QTest::newRow("alter system") << QStringLiteral("ALTER SYSTEM SET work_mem = '1GB';")
                                      << QStringLiteral("ALTER SYSTEM");
        QTest::newRow("untrusted language")
            << QStringLiteral("CREATE FUNCTION f() RETURNS int LANGUAGE plpython3u AS 'return 1';")
            << QStringLiteral("plpython3u");
        QTest::newRow("c function")
            << QStringLiteral("CREATE FUNCTION f() RETURNS int LANGUAGE c AS 'libc', 'getpid';")
            << QStringLiteral("language c");
        QTest::newRow("load") << QStringLiteral("LOAD 'auto_explain';") << QStringLiteral("LOAD");
        QTest::newRow("foreign server")
            << QStringLiteral("CREATE SERVER s FOREIGN DATA WRAPPER postgres_fdw;")
            << QStringLiteral("foreign servers");
        QTest::newRow("subscription")
            << QStringLiteral("CREATE SUBSCRIPTION s CONNECTION 'host=example.com' PUBLICATION p;")
            << QStringLiteral("subscription");
        QTest::newRow("tablespace") << QStringLiteral("CREATE TABLESPACE ts LOCATION '/tmp';")
                                    << QStringLiteral("tablespace");
        QTest::newRow("database") << QStringLiteral("CREATE DATABASE other;")
                                  << QStringLiteral("databases");
        QTest::newRow("extension not allowed")
            << QStringLiteral("CREATE EXTENSION dblink;") << QStringLiteral("allow-list");
        QTest::newRow("file extension")
            << QStringLiteral("CREATE EXTENSION file_fdw;") << QStringLiteral("allow-list");
        QTest::newRow("dblink call") << QStringLiteral("SELECT dblink_connect('host=example.com');")
                                     << QStringLiteral("dblink_connect()");
        QTest::newRow("do block") << QStringLiteral(
                                         "DO $$ BEGIN PERFORM pg_read_file('/etc/passwd'); END $$;")
                                  << QStringLiteral("pg_read_file()");
        // The splitter follows the file's standard_conforming_strings, the parser does not:
        // one piece that is three statements must not reach the administrator's session.
        QTest::newRow("smuggled behind an allowed extension")
            << QStringLiteral("SET standard_conforming_strings = off; CREATE EXTENSION IF NOT "
                              "EXISTS citext VERSION 'x\\'; COPY (SELECT 1) TO PROGRAM 'touch "
                              "%1'; SELECT 1 --';")
                   .arg(marker)
            << QStringLiteral("statements to PostgreSQL's parser");
        QTest::newRow("language not known to be trusted")
            << QStringLiteral("CREATE FUNCTION f() RETURNS int LANGUAGE plr AS 'return(1)';")
            << QStringLiteral("language plr");
        QTest::newRow("drop of an extension list")
            << QStringLiteral("DROP EXTENSION citext, dblink;") << QStringLiteral("\"dblink\"");
    }

    void outsideReachingStatementIsRefusedBeforeAnythingRuns()
    {
        QFETCH(QString, statement);
        QFETCH(QString, reason);
        const QString marker = markerPath(QStringLiteral("first"));
        QFile::remove(marker);
        // The statement sits on line 3, after one that would run first if anything did.
        const QString sql = QStringLiteral("CREATE TABLE t (id int);\n-- hostile\n") + statement +
                            QLatin1Char('\n');
        auto loaded = loadText(m_files.path(), sql);
        QVERIFY2(!loaded, "the target loaded");
        const Error& e = loaded.error();
        QVERIFY2(e.message.contains(QLatin1String("refused before loading anything")),
                 qPrintable(e.toString()));
        QVERIFY2(e.message.contains(reason, Qt::CaseInsensitive), qPrintable(e.toString()));
        QCOMPARE(e.location.line, 3);
        QVERIFY(e.location.file.endsWith(QLatin1String("target.sql")));
        QVERIFY2(!QFileInfo::exists(marker), "a file outside the shadow database was written");
    }

    // What the first wall cannot see (a dynamic EXECUTE) fails on PostgreSQL's privileges.
    void statementSlippingPastTheFirstWallFailsOnPrivileges_data()
    {
        QTest::addColumn<QString>("statement");
        const QString marker = markerPath(QStringLiteral("second"));
        QTest::newRow("dynamic copy to program")
            << QStringLiteral("DO $$ BEGIN EXECUTE 'COPY (SELECT 1) TO PROGRAM ' || "
                              "quote_literal('touch %1'); END $$;")
                   .arg(marker);
        QTest::newRow("dynamic copy to file")
            << QStringLiteral("DO $$ BEGIN EXECUTE 'COPY (SELECT 1) TO ' || quote_literal('%1'); "
                              "END $$;")
                   .arg(marker);
        QTest::newRow("dynamic read file")
            << QStringLiteral("DO $$ BEGIN EXECUTE 'SELECT pg_' || 'read_file(''/etc/passwd'')'; "
                              "END $$;");
        QTest::newRow("dynamic alter system")
            << QStringLiteral("DO $$ BEGIN EXECUTE 'ALTER ' || 'SYSTEM SET work_mem = ''1GB'''; "
                              "END $$;");
        QTest::newRow("dynamic role") << QStringLiteral(
            "DO $$ BEGIN EXECUTE 'CREATE ' || 'ROLE intruder SUPERUSER'; END $$;");
        QTest::newRow("function as superuser")
            << QStringLiteral("CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $f$ SELECT "
                              "pg_read_file('/etc/passwd') $f$; SELECT f();");
    }

    void statementSlippingPastTheFirstWallFailsOnPrivileges()
    {
        QFETCH(QString, statement);
        const QString marker = markerPath(QStringLiteral("second"));
        QFile::remove(marker);
        auto loaded =
            loadText(m_files.path(), QStringLiteral("CREATE TABLE t (id int);\n") + statement);
        QVERIFY2(!loaded, "the target loaded");
        const Error& e = loaded.error();
        QVERIFY2(e.sqlState == QLatin1String("42501") ||
                     e.message.contains(QLatin1String("superuser")) ||
                     e.message.contains(QLatin1String("permission denied")) ||
                     e.message.contains(QLatin1String("cannot be executed from a function")),
                 qPrintable(e.toString()));
        QVERIFY2(!QFileInfo::exists(marker), "a file outside the shadow database was written");
        // Nothing reached the server's configuration or its roles.
        auto admin = shadow::ShadowServer::startPrivate(cluster().major);
        QVERIFY(admin);
        auto conn = pq::Connection::open((*admin)->adminConninfo());
        QVERIFY(conn);
        auto roles = (*conn)->exec(
            QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname = 'intruder'"));
        QVERIFY(roles);
        QCOMPARE(roles->int64(0, 0), 0);
        auto workMem = (*conn)->exec(
            QStringLiteral("SELECT count(*) FROM pg_file_settings WHERE name = 'work_mem'"));
        QVERIFY(workMem);
        QCOMPARE(workMem->int64(0, 0), 0);
    }

    void targetRunsAsRoleWithoutSuperuser()
    {
        auto server = shadow::ShadowServer::startPrivate(cluster().major);
        QVERIFY(server);
        auto db = (*server)->createDatabase();
        QVERIFY(db);
        auto conn = pq::Connection::open((*db)->conninfo());
        QVERIFY(conn);
        auto who = (*conn)->exec(QStringLiteral(
            "SELECT current_user, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, "
            "(SELECT datdba = r.oid FROM pg_database WHERE datname = current_database()) "
            "FROM pg_roles r WHERE rolname = current_user"));
        QVERIFY(who);
        QCOMPARE(who->text(0, 0), shadow::ShadowServer::loaderRole());
        for (int column : {1, 2, 3, 4})
            QVERIFY2(!who->boolean(0, column), qPrintable(QString::number(column)));
        QVERIFY(who->boolean(0, 5)); // it owns the throwaway database, and only that
    }

    void allowedExtensionLoadsAndOthersNeedTheOption()
    {
        auto allowed = loadText(m_files.path(), QStringLiteral("CREATE EXTENSION citext;\n"
                                                               "CREATE TABLE u (e citext);"));
        QVERIFY2(allowed, qPrintable(allowed ? QString() : allowed.error().toString()));
        auto refused = loadText(m_files.path(), QStringLiteral("CREATE EXTENSION tcn;\n"));
        QVERIFY(refused); // tcn is on the default list
        auto notListed = loadText(m_files.path(), QStringLiteral("CREATE EXTENSION adminpack;\n"));
        QVERIFY(!notListed);
        QVERIFY(notListed.error().message.contains(QLatin1String("--allow-extension adminpack")));
    }

    void superuserShadowUrlIsRefusedUnlessAccepted()
    {
        TestDatabase db(QStringLiteral("shadow_url"));
        auto refused = shadow::ShadowServer::useExisting(db.conninfo());
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QLatin1String("superuser")),
                 qPrintable(refused.error().toString()));
        QVERIFY(refused.error().hint.contains(QLatin1String("--shadow-superuser-ok")));
        auto accepted = shadow::ShadowServer::useExisting(db.conninfo(), true);
        QVERIFY2(accepted, qPrintable(accepted ? QString() : accepted.error().toString()));
    }

    // Root mode: a directory someone else planted, or a symbolic link, is refused.
    void plantedOrLinkedShadowDirectoryIsRefused()
    {
        if (::geteuid() != 0)
            QSKIP("needs root: the checks protect root's shadow directory");
        QCOMPARE(shadow::ShadowServer::cacheDirectory(), m_shadow.path());
        qunsetenv("BELLOWS_SHADOW_DIR");
        QVERIFY2(!shadow::ShadowServer::cacheDirectory().startsWith(QLatin1String("/var/tmp")),
                 "root's shadow directory must not be in a world-writable place");
        QTemporaryDir scratch(QStringLiteral("/tmp/bellows-planted-XXXXXX"));
        const QString planted = scratch.path() + QStringLiteral("/planted");
        QVERIFY(QDir().mkpath(planted));
        QVERIFY(::chown(QFile::encodeName(planted).constData(), 65534, 65534) == 0); // nobody
        const QString linked = scratch.path() + QStringLiteral("/linked");
        const QString elsewhere = scratch.path() + QStringLiteral("/elsewhere");
        QVERIFY(QDir().mkpath(elsewhere));
        QVERIFY(QFile::link(elsewhere, linked));
        const QString open = scratch.path() + QStringLiteral("/open");
        QVERIFY(QDir().mkpath(open));
        QVERIFY(::chmod(QFile::encodeName(open).constData(), 0777) == 0);
        for (const QString& dir : {planted, linked, open}) {
            qputenv("BELLOWS_SHADOW_DIR", dir.toUtf8());
            auto server = shadow::ShadowServer::startPrivate(cluster().major);
            QVERIFY2(!server, qPrintable(dir));
            QVERIFY2(server.error().message.contains(QLatin1String("refusing")),
                     qPrintable(server.error().toString()));
            QVERIFY2(!QFileInfo::exists(dir + QStringLiteral("/shadow-%1").arg(cluster().major)),
                     qPrintable(dir));
        }
        qputenv("BELLOWS_SHADOW_DIR", m_shadow.path().toUtf8());
    }
};

QTEST_GUILESS_MAIN(TestTargetSecurity)
#include "test_target_security.moc"
