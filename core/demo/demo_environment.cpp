#include "demo/demo_environment.h"

#include "pq/connection.h"
#include "shadow/local_cluster.h"
#include "shadow/postgres_install.h"
#include "shadow/shadow_server.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QSaveFile>

namespace bellows::demo {

namespace {

const QString kDatabase = QStringLiteral("bellows_demo");

QString demoDirectory(int major)
{
    return shadow::ShadowServer::cacheDirectory() + QStringLiteral("/demo-%1").arg(major);
}

Result<shadow::LocalCluster> demoCluster()
{
    // BELLOWS_PG_BIN names the server the user wants (its first directory); else the newest.
    const QString chosen = qEnvironmentVariable("BELLOWS_PG_BIN").section(QLatin1Char(':'), 0, 0);
    auto install = chosen.isEmpty() ? shadow::installFor(0) : shadow::inspectBinDir(chosen);
    if (!install)
        return install.error();
    // The demo's schema uses what PostgreSQL 13 brought (gen_random_uuid() in core, ...).
    if (install->major < 13)
        return Error{QStringLiteral("the demo needs PostgreSQL 13 or later; the newest server "
                                    "installed here is PostgreSQL %1 (%2)")
                         .arg(install->version, install->binDir),
                     {},
                     {},
                     {},
                     QStringLiteral("install a newer server package, or set BELLOWS_PG_BIN to "
                                    "one (packaging/fetch-postgres.sh 17 prints such a bin "
                                    "directory)")};
    shadow::LocalCluster::Options options;
    options.directory = demoDirectory(install->major);
    options.install = *install;
    return shadow::LocalCluster(options);
}

Status writeTarget(const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{
            QStringLiteral("cannot write the demo target %1: %2").arg(path, file.errorString())};
    file.write(demoTargetSql().toUtf8());
    if (!file.commit())
        return Error{
            QStringLiteral("cannot write the demo target %1: %2").arg(path, file.errorString())};
    return {};
}

Result<bool> demoExists(pq::Connection& admin)
{
    auto exists =
        admin.exec(QStringLiteral("SELECT 1 FROM pg_database WHERE datname = $1"), {kDatabase});
    if (!exists)
        return exists.error();
    return exists->rows() > 0;
}

// Reusable while it still has its initial shape: nobody ran a plan on it yet.
Result<bool> demoIsPristine(const QString& conninfo)
{
    auto conn = pq::Connection::open(conninfo);
    if (!conn)
        return conn.error();
    auto r = (*conn)->exec(QStringLiteral(
        "SELECT to_regnamespace('bellows') IS NULL AND EXISTS (SELECT FROM "
        "information_schema.columns WHERE table_schema = 'public' AND table_name = 'users' AND "
        "column_name = 'full_name')"));
    if (!r)
        return r.error();
    return r->boolean(0, 0);
}

} // namespace

Result<DemoEnvironment> prepareDemo(const DemoOptions& options)
{
    auto say = [&](const QString& text) {
        if (options.progress)
            options.progress(text);
    };
    auto cluster = demoCluster();
    if (!cluster)
        return cluster.error();
    const QString dir = cluster->socketDir();
    if (!QDir().mkpath(dir))
        return Error{QStringLiteral("cannot create the demo directory %1").arg(dir)};
    // Two Bellows processes preparing the demo at once must not both run initdb.
    QLockFile lock(dir + QStringLiteral(".lock"));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(120000))
        return Error{QStringLiteral("another Bellows process holds %1").arg(lock.fileName())};

    say(QStringLiteral("starting the demo PostgreSQL server in %1").arg(dir));
    if (auto s = cluster->init(); !s)
        return s.error();
    if (auto s = cluster->start(); !s)
        return s.error();

    DemoEnvironment env;
    env.directory = dir;
    env.conninfo = cluster->conninfo(kDatabase);
    env.targetPath = dir + QStringLiteral("/demo-target.sql");
    if (auto s = writeTarget(env.targetPath); !s)
        return s.error();

    pq::ConnectOptions adminOptions;
    adminOptions.origin = pq::Origin::Session;
    auto admin = pq::Connection::open(cluster->conninfo(), adminOptions);
    if (!admin)
        return admin.error();
    auto exists = demoExists(**admin);
    if (!exists)
        return exists.error();
    if (*exists && !options.reset) {
        auto pristine = demoIsPristine(env.conninfo);
        if (!pristine)
            return pristine.error();
        if (*pristine) {
            say(QStringLiteral("reusing the demo database (bellows-cli demo --reset starts "
                               "over)"));
            return env;
        }
        say(QStringLiteral("the demo database was changed by an earlier run: starting over"));
    }
    if (*exists) {
        say(QStringLiteral("dropping the old demo database"));
        auto drop = (*admin)->exec(QStringLiteral("DROP DATABASE bellows_demo WITH (FORCE)"));
        if (!drop)
            return drop.error();
    }
    if (auto r = (*admin)->exec(QStringLiteral("CREATE DATABASE bellows_demo")); !r)
        return r.error();
    if (options.cancel && options.cancel->load())
        return Error::cancel();

    auto conn = pq::Connection::open(env.conninfo, adminOptions);
    if (!conn)
        return conn.error();
    say(QStringLiteral("creating the demo schema"));
    if (auto r = (*conn)->exec(demoBeforeSql()); !r)
        return r.error();
    say(QStringLiteral("loading %1 users, %2 orders and 500 products")
            .arg(options.users)
            .arg(options.users / 2));
    if (auto r = (*conn)->exec(demoDataSql(options.users)); !r)
        return r.error();
    env.created = true;
    return env;
}

Status stopDemo()
{
    auto cluster = demoCluster();
    if (!cluster)
        return cluster.error();
    if (!QFile::exists(cluster->dataDir()) || !cluster->isRunning())
        return {};
    return cluster->stop();
}

} // namespace bellows::demo
