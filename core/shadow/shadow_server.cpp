#include "shadow/shadow_server.h"

#include "pq/connection.h"
#include "pq/conninfo.h"
#include "sql/quote.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <atomic>
#include <signal.h>
#include <unistd.h>

namespace bellows::shadow {

namespace {

int idleSeconds()
{
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("BELLOWS_SHADOW_IDLE_SECONDS", &ok);
    return ok && seconds > 0 ? seconds : 900;
}

// Stops the cluster once `last-used` is older than the idle period. Runs detached from
// Bellows so a CLI run can end while the server stays warm for the next one.
// The idle period is re-read every round: the latest Bellows run's setting wins.
const char* const kReaperScript = R"(dir="$1"; shift 1
echo $$ > "$dir/reaper.pid"
while :; do
  idle=$(cat "$dir/idle-seconds" 2>/dev/null || echo 900)
  step=$idle; [ "$step" -gt 5 ] && step=5
  sleep "$step"
  [ -f "$dir/data/postmaster.pid" ] || break
  last=$(stat -c %Y "$dir/last-used" 2>/dev/null || echo 0)
  if [ $(( $(date +%s) - last )) -ge "$idle" ]; then
    "$@" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
    break
  fi
done
rm -f "$dir/reaper.pid")";

} // namespace

ShadowDatabase::ShadowDatabase(ShadowServer* server, QString name, QString conninfo)
    : m_server(server), m_name(std::move(name)), m_conninfo(std::move(conninfo))
{
}

ShadowDatabase::~ShadowDatabase()
{
    if (!m_keep)
        m_server->dropDatabase(m_name);
}

QString ShadowServer::cacheDirectory()
{
    const QString explicitDir = qEnvironmentVariable("BELLOWS_SHADOW_DIR");
    if (!explicitDir.isEmpty())
        return explicitDir;
    // root's home is private to root; the server user must reach the cluster directory.
    if (LocalCluster::runningAsRoot())
        return QStringLiteral("/var/tmp/bellows-shadow");
    QString base = qEnvironmentVariable("XDG_CACHE_HOME");
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.cache");
    return base + QStringLiteral("/bellows");
}

Result<std::unique_ptr<ShadowServer>> ShadowServer::startPrivate(int preferredMajor,
                                                                  QString* note)
{
    auto install = installFor(preferredMajor, note);
    if (!install)
        return install.error();
    const QString base = cacheDirectory();
    if (!QDir().mkpath(base))
        return Error{QStringLiteral("cannot create the shadow server directory %1").arg(base)};

    // Two Bellows processes starting the same cluster at once must not both run initdb.
    QLockFile lock(base + QStringLiteral("/shadow-%1.lock").arg(install->major));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(120000))
        return Error{QStringLiteral("another Bellows process holds %1").arg(lock.fileName())};

    LocalCluster::Options options;
    options.directory = base + QStringLiteral("/shadow-%1").arg(install->major);
    options.install = install.value();
    auto cluster = std::make_unique<LocalCluster>(options);
    if (auto done = cluster->init(); !done) {
        Error error = done.error();
        error.message = QStringLiteral("cannot create the shadow server in %1: %2")
                            .arg(options.directory, error.message);
        return error;
    }
    if (auto done = cluster->start(); !done) {
        Error error = done.error();
        error.message = QStringLiteral("cannot start the shadow server in %1: %2")
                            .arg(options.directory, error.message);
        return error;
    }
    std::unique_ptr<ShadowServer> server(new ShadowServer);
    server->m_adminConninfo = cluster->conninfo();
    server->m_major = install->major;
    server->m_cluster = std::move(cluster);
    server->touch();
    server->ensureReaper();
    return server;
}

Result<std::unique_ptr<ShadowServer>> ShadowServer::useExisting(const QString& conninfo)
{
    pq::ConnectOptions options;
    options.origin = pq::Origin::Shadow;
    auto conn = pq::Connection::open(conninfo, options);
    if (!conn) {
        Error error = conn.error();
        error.message = QStringLiteral("shadow server: ") + error.message;
        return error;
    }
    std::unique_ptr<ShadowServer> server(new ShadowServer);
    server->m_adminConninfo = conninfo;
    server->m_major = (*conn)->serverVersion() / 10000;
    return server;
}

ShadowServer::~ShadowServer()
{
    touch();
}

void ShadowServer::touch() const
{
    if (!m_cluster)
        return;
    QFile stamp(m_cluster->socketDir() + QStringLiteral("/last-used"));
    if (stamp.open(QIODevice::WriteOnly | QIODevice::Truncate))
        stamp.write(QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toUtf8());
}

void ShadowServer::ensureReaper() const
{
    if (!m_cluster)
        return;
    const QString dir = m_cluster->socketDir();
    QFile idleFile(dir + QStringLiteral("/idle-seconds"));
    if (idleFile.open(QIODevice::WriteOnly | QIODevice::Truncate))
        idleFile.write(QByteArray::number(idleSeconds()));
    idleFile.close();
    QFile pidFile(dir + QStringLiteral("/reaper.pid"));
    if (pidFile.open(QIODevice::ReadOnly)) {
        const qint64 pid = QString::fromLatin1(pidFile.readAll()).trimmed().toLongLong();
        if (pid > 0 && ::kill(pid_t(pid), 0) == 0)
            return;
    }
    QStringList args{QStringLiteral("-c"), QString::fromUtf8(kReaperScript),
                     QStringLiteral("bellows-shadow-reaper"), dir};
    if (LocalCluster::runningAsRoot()) {
        const QString user = qEnvironmentVariable("BELLOWS_PG_SYSTEM_USER");
        args << QStringLiteral("runuser") << QStringLiteral("-u")
             << (user.isEmpty() ? QStringLiteral("postgres") : user) << QStringLiteral("--");
    }
    args << m_cluster->install().tool(QStringLiteral("pg_ctl"));
    QProcess::startDetached(QStringLiteral("/bin/sh"), args);
}

Result<std::unique_ptr<ShadowDatabase>> ShadowServer::createDatabase()
{
    static std::atomic_int counter{0};
    const QString name = QStringLiteral("bellows_shadow_%1_%2_%3")
                             .arg(::getpid())
                             .arg(counter.fetch_add(1))
                             .arg(QRandomGenerator::global()->bounded(1000000));
    pq::ConnectOptions options;
    options.origin = pq::Origin::Shadow;
    auto admin = pq::Connection::open(m_adminConninfo, options);
    if (!admin)
        return admin.error();
    // template0 so nothing a user added to template1 leaks into the comparison.
    auto created = (*admin)->exec(
        QStringLiteral("CREATE DATABASE %1 TEMPLATE template0 ENCODING 'UTF8'")
            .arg(sql::quoteIdent(name)));
    if (!created) {
        Error error = created.error();
        error.message = QStringLiteral("cannot create a shadow database on %1: %2")
                            .arg((*admin)->describe(), error.message);
        return error;
    }
    touch();
    // Same server and credentials, other database.
    auto conninfo = pq::withDatabase(m_adminConninfo, name);
    if (!conninfo) {
        dropDatabase(name);
        return conninfo.error();
    }
    return std::make_unique<ShadowDatabase>(this, name, conninfo.value());
}

void ShadowServer::dropDatabase(const QString& name)
{
    pq::ConnectOptions options;
    options.origin = pq::Origin::Shadow;
    auto admin = pq::Connection::open(m_adminConninfo, options);
    if (!admin)
        return;
    const QString quoted = sql::quoteIdent(name);
    if (!(*admin)->exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(quoted)))
        (void)(*admin)->exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(quoted));
    touch();
}

Status ShadowServer::stopAll()
{
    QDir base(cacheDirectory());
    for (const QString& entry : base.entryList({QStringLiteral("shadow-*")}, QDir::Dirs)) {
        auto install = installFor(entry.mid(7).toInt());
        if (!install)
            return install.error();
        LocalCluster::Options options;
        options.directory = base.filePath(entry);
        options.install = install.value();
        LocalCluster cluster(options);
        if (auto stopped = cluster.stop(); !stopped)
            return stopped.error();
    }
    return {};
}

} // namespace bellows::shadow
