// The default shadow server: a private cluster Bellows starts itself, reuses, and stops when
// idle. Runs under a temporary BELLOWS_SHADOW_DIR so it never touches the user's cache.

#include "pq/connection.h"
#include "shadow/shadow_server.h"
#include "test_database.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bellows;
using namespace bellows::test;

class TestShadowServer : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir{QStringLiteral("/tmp/bellows-shadow-test-XXXXXX")};

    QString clusterDir() const
    {
        return m_dir.path() + QStringLiteral("/shadow-%1").arg(cluster().major);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("BELLOWS_SHADOW_DIR", m_dir.path().toUtf8());
        qputenv("BELLOWS_PG_BIN", cluster().binDir.toUtf8());
    }

    void cleanupTestCase() { QVERIFY(shadow::ShadowServer::stopAll()); }

    void startsCreatesAndDropsDatabases()
    {
        QString note;
        auto server = shadow::ShadowServer::startPrivate(cluster().major, &note);
        QVERIFY2(server, qPrintable(server ? QString() : server.error().toString()));
        QVERIFY(note.isEmpty());
        QCOMPARE((*server)->major(), cluster().major);
        QVERIFY(QFile::exists(clusterDir() + QStringLiteral("/data/postmaster.pid")));

        QString name;
        {
            auto db = (*server)->createDatabase();
            QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
            name = (*db)->name();
            auto conn = pq::Connection::open((*db)->conninfo());
            QVERIFY(conn);
            QCOMPARE((*conn)->database(), name);
            QVERIFY((*conn)->exec(QStringLiteral("CREATE TABLE t (id int)")));
        }
        // Dropped with its owner object.
        auto admin = pq::Connection::open((*server)->adminConninfo());
        QVERIFY(admin);
        auto rows = (*admin)->exec(
            QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = $1"), {name});
        QVERIFY(rows);
        QCOMPARE(rows->int64(0, 0), 0);
        // Unix socket only: no TCP listener.
        auto listen = (*admin)->exec(QStringLiteral("SHOW listen_addresses"));
        QVERIFY(listen);
        QCOMPARE(listen->text(0, 0), QString());
    }

    void reusesTheRunningServer()
    {
        auto first = shadow::ShadowServer::startPrivate(cluster().major);
        QVERIFY(first);
        QFile pidFile(clusterDir() + QStringLiteral("/data/postmaster.pid"));
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        const QByteArray pid = pidFile.readLine();
        pidFile.close();
        auto second = shadow::ShadowServer::startPrivate(cluster().major);
        QVERIFY(second);
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        QCOMPARE(pidFile.readLine(), pid);
    }

    void stopsWhenIdle()
    {
        QVERIFY(shadow::ShadowServer::stopAll());
        qputenv("BELLOWS_SHADOW_IDLE_SECONDS", "1");
        {
            auto server = shadow::ShadowServer::startPrivate(cluster().major);
            QVERIFY(server);
            QVERIFY(QFile::exists(clusterDir() + QStringLiteral("/data/postmaster.pid")));
        }
        // The detached reaper stops the server once last-used is older than the idle period.
        QTRY_VERIFY_WITH_TIMEOUT(
            !QFile::exists(clusterDir() + QStringLiteral("/data/postmaster.pid")), 20000);
        qunsetenv("BELLOWS_SHADOW_IDLE_SECONDS");
    }

    void cliDiffUsesThePrivateServerByDefault()
    {
        TestDatabase live(QStringLiteral("shadowdefault"));
        QVERIFY(live.exec(QStringLiteral("CREATE TABLE t (id int)")).isEmpty());
        QTemporaryDir dir;
        QFile target(dir.filePath(QStringLiteral("t.sql")));
        QVERIFY(target.open(QIODevice::WriteOnly));
        target.write("CREATE TABLE t (id int);\n");
        target.close();
        const auto r = runProcess(tool(QStringLiteral("bellows-cli")),
                                  {QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                                   QStringLiteral("--target"), target.fileName(),
                                   QStringLiteral("--exit-code")},
                                  120000,
                                  {QStringLiteral("BELLOWS_SHADOW_DIR=") + m_dir.path(),
                                   QStringLiteral("BELLOWS_PG_BIN=") + cluster().binDir});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY(QFile::exists(clusterDir() + QStringLiteral("/data/postmaster.pid")));
    }

    // Roles are cluster-wide: the private server lacks the ones a target names. Placeholders
    // stand in (login-less, no right), so owners, grants, policies and default privileges load
    // and are compared; a role-creating DO block is skipped, not failed.
    void targetNamingRolesLoadsWithPlaceholders()
    {
        const QByteArray roles =
            "DO $$ BEGIN CREATE ROLE shadow_ph_owner; EXCEPTION WHEN duplicate_object THEN "
            "NULL; END $$;\n"
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shadow_ph_app') "
            "THEN CREATE ROLE shadow_ph_app; END IF; END $$;\n";
        const QByteArray schema =
            "CREATE TABLE notes (id int PRIMARY KEY, body text);\n"
            "ALTER TABLE notes OWNER TO shadow_ph_owner;\n"
            "GRANT SELECT, INSERT ON notes TO shadow_ph_app;\n"
            "ALTER TABLE notes ENABLE ROW LEVEL SECURITY;\n"
            "CREATE POLICY app_reads ON notes FOR SELECT TO shadow_ph_app USING (true);\n"
            "ALTER DEFAULT PRIVILEGES FOR ROLE shadow_ph_owner GRANT SELECT ON TABLES TO "
            "shadow_ph_app;\n";
        TestDatabase live(QStringLiteral("shadowroles"));
        QVERIFY(live.exec(QString::fromUtf8(roles + schema)).isEmpty());
        QTemporaryDir dir;
        QFile target(dir.filePath(QStringLiteral("t.sql")));
        QVERIFY(target.open(QIODevice::WriteOnly));
        // Hostile lines: only the owner of a function may give it away, placeholder or not;
        // and a temporary view shadowing pg_roles (the hostile review's chain: the
        // administrator's session would have found pg_catalog.pg_roles) stays the loading
        // role's: without TEMP the placeholder may not own it, and no right is lent on a pg_
        // schema.
        target.write(roles + schema +
                     "ALTER FUNCTION pg_catalog.pg_read_file(text) OWNER TO shadow_ph_app;\n"
                     "DO $$ BEGIN EXECUTE format('REVOKE TEMP ON DATABASE %I FROM PUBLIC', "
                     "current_database()); END $$;\n"
                     "CREATE TEMP VIEW pg_roles AS SELECT 1 AS x;\n"
                     "ALTER VIEW pg_roles OWNER TO shadow_ph_app;\n");
        target.close();
        const auto r = runProcess(tool(QStringLiteral("bellows-cli")),
                                  {QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                                   QStringLiteral("--target"), target.fileName(),
                                   QStringLiteral("--exit-code")},
                                  120000,
                                  {QStringLiteral("BELLOWS_SHADOW_DIR=") + m_dir.path(),
                                   QStringLiteral("BELLOWS_PG_BIN=") + cluster().binDir});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.err.contains(QStringLiteral("placeholders for the roles the target names: "
                                               "shadow_ph_app, shadow_ph_owner")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("skipped 2 ownership and privilege")),
                 qPrintable(r.err));

        auto server = shadow::ShadowServer::startPrivate(cluster().major);
        QVERIFY(server);
        auto admin = pq::Connection::open((*server)->adminConninfo());
        QVERIFY(admin);
        auto placeholder = (*admin)->exec(QStringLiteral(
            "SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, "
            "pg_has_role('bellows_loader', oid, 'MEMBER') FROM pg_roles "
            "WHERE rolname = 'shadow_ph_app'"));
        QVERIFY(placeholder && placeholder->rows() == 1);
        for (int col = 0; col < 5; ++col)
            QCOMPARE(placeholder->text(0, col), QStringLiteral("f"));
        QCOMPARE(placeholder->text(0, 5), QStringLiteral("t"));
    }
};

QTEST_GUILESS_MAIN(TestShadowServer)
#include "test_shadow_server.moc"
