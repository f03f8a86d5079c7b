// bellows-test-cluster start|stop STATE_FILE
// CTest fixture: starts the one private PostgreSQL cluster a test run uses, and stops it
// (the cleanup fixture runs even when tests fail or crash). BELLOWS_TEST_PG_BIN selects the
// server binaries (e.g. another major from npm's @embedded-postgres packages).

#include "pq/connection.h"
#include "shadow/local_cluster.h"
#include "shadow/postgres_install.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTextStream>

using namespace bellows;

namespace {

int fail(const QString& message)
{
    QTextStream(stderr) << "bellows-test-cluster: " << message << '\n';
    return 1;
}

// Where the cluster lives: $BELLOWS_TEST_CLUSTER_PARENT, else /dev/shm when it has room (a
// scenario case creates and drops three databases, and every DROP DATABASE forces a
// checkpoint: on tmpfs the suite ran about 40 % faster than on ext4 here), else the temp dir.
QString clusterParent()
{
    const QString chosen = qEnvironmentVariable("BELLOWS_TEST_CLUSTER_PARENT");
    if (!chosen.isEmpty())
        return chosen;
    const QStorageInfo shm(QStringLiteral("/dev/shm"));
    constexpr qint64 kRoom = 8LL * 1024 * 1024 * 1024;
    if (shm.isValid() && shm.isReady() && !shm.isReadOnly() && shm.bytesAvailable() >= kRoom)
        return QStringLiteral("/dev/shm");
    return QDir::tempPath();
}

int start(const QString& stateFile)
{
    const QString binDir = qEnvironmentVariable("BELLOWS_TEST_PG_BIN");
    auto install = binDir.isEmpty() ? shadow::installFor(0) : shadow::inspectBinDir(binDir);
    if (!install)
        return fail(install.error().toString());

    QTemporaryDir dir(clusterParent() + QStringLiteral("/bellows-test-XXXXXX"));
    if (!dir.isValid())
        return fail(QStringLiteral("cannot create a temporary directory"));
    dir.setAutoRemove(false);

    shadow::LocalCluster::Options options;
    options.directory = dir.path();
    options.install = install.value();
    options.listenTcp = true; // the wrong-password tests need password authentication
    options.settings << QStringLiteral("max_connections = 200");
    shadow::LocalCluster cluster(options);
    if (auto done = cluster.init(); !done)
        return fail(done.error().toString());
    if (auto done = cluster.start(); !done)
        return fail(done.error().toString());

    // Like most servers, have a "postgres" role: pg_dump files say OWNER TO postgres.
    auto admin = pq::Connection::open(cluster.conninfo());
    if (!admin)
        return fail(admin.error().toString());
    if (auto done = (*admin)->exec(QStringLiteral("CREATE ROLE postgres SUPERUSER")); !done)
        return fail(done.error().toString());

    QSettings state(stateFile, QSettings::IniFormat);
    state.clear();
    state.setValue(QStringLiteral("directory"), dir.path());
    state.setValue(QStringLiteral("bindir"), install->binDir);
    state.setValue(QStringLiteral("major"), install->major);
    state.setValue(QStringLiteral("port"), cluster.port());
    state.setValue(QStringLiteral("conninfo"), cluster.conninfo());
    state.sync();
    QTextStream(stdout) << "PostgreSQL " << install->version << " at " << dir.path() << " port "
                        << cluster.port() << '\n';
    return 0;
}

int stop(const QString& stateFile)
{
    QSettings state(stateFile, QSettings::IniFormat);
    const QString directory = state.value(QStringLiteral("directory")).toString();
    if (directory.isEmpty())
        return 0;
    auto install = shadow::inspectBinDir(state.value(QStringLiteral("bindir")).toString());
    if (install) {
        shadow::LocalCluster::Options options;
        options.directory = directory;
        options.install = install.value();
        shadow::LocalCluster cluster(options);
        (void)cluster.stop(/*immediate=*/true);
    }
    QDir(directory).removeRecursively();
    QFile::remove(stateFile);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3)
        return fail(QStringLiteral("usage: bellows-test-cluster start|stop STATE_FILE"));
    if (args.at(1) == QLatin1String("start"))
        return start(args.at(2));
    if (args.at(1) == QLatin1String("stop"))
        return stop(args.at(2));
    return fail(QStringLiteral("unknown command %1").arg(args.at(1)));
}
