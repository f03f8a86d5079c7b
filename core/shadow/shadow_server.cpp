#include "shadow/shadow_server.h"

#include "pq/connection.h"
#include "pq/conninfo.h"
#include "sql/quote.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
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

// Every missing component is created; an existing one must be a real directory (not a symlink)
// owned by this user (or root) and writable by nobody else, so no other local user can plant a
// cluster or redirect what Bellows (as root: chmod, chown) touches.
Status ensurePrivateDirectory(const QString& path)
{
    QString built;
    for (const QString& part : QDir::cleanPath(QDir(path).absolutePath()).split(QLatin1Char('/'))) {
        built += (built.endsWith(QLatin1Char('/')) ? QString() : QStringLiteral("/")) + part;
        if (part.isEmpty())
            continue;
        const QByteArray local = QFile::encodeName(built);
        struct stat st {};
        if (::lstat(local.constData(), &st) != 0) {
            if (::mkdir(local.constData(), 0755) != 0 && errno != EEXIST)
                return Error{QStringLiteral("cannot create the shadow server directory %1: %2")
                                 .arg(built, QString::fromLocal8Bit(strerror(errno)))};
            if (::lstat(local.constData(), &st) != 0)
                return Error{QStringLiteral("cannot read %1").arg(built)};
        }
        const bool isSystem = st.st_uid == 0;
        const bool ours = st.st_uid == ::geteuid();
        const bool sticky = (st.st_mode & S_ISVTX) != 0; // /tmp-like parents are fine above us
        const bool last = built == QDir::cleanPath(QDir(path).absolutePath());
        if (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode) || !(isSystem || ours) ||
            ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0 && (last || !sticky))) {
            Error error;
            error.message =
                QStringLiteral("refusing the shadow server directory %1: %2 is %3")
                    .arg(path, built,
                         S_ISLNK(st.st_mode)    ? QStringLiteral("a symbolic link")
                         : !S_ISDIR(st.st_mode) ? QStringLiteral("not a directory")
                         : !(isSystem || ours)
                             ? QStringLiteral("owned by another user (uid %1)").arg(st.st_uid)
                             : QStringLiteral("writable by other users"));
            error.hint = QStringLiteral("remove it, or set BELLOWS_SHADOW_DIR to a directory only "
                                        "you can write");
            return error;
        }
    }
    return {};
}

// An existing cluster directory must belong to the server's user (or to us) and not be a link:
// a planted PG_VERSION would make Bellows start someone else's configuration.
Status checkClusterDirectory(const QString& directory)
{
    struct stat st {};
    if (::lstat(QFile::encodeName(directory).constData(), &st) != 0)
        return {}; // created by LocalCluster::init
    const passwd* server =
        ::getpwnam(qEnvironmentVariable("BELLOWS_PG_SYSTEM_USER", QStringLiteral("postgres"))
                       .toLocal8Bit()
                       .constData());
    const bool allowedOwner = st.st_uid == ::geteuid() || (server && st.st_uid == server->pw_uid);
    if (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode) || !allowedOwner ||
        (st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
        return Error{QStringLiteral("refusing the shadow cluster directory %1: it is a link, not a "
                                    "directory, owned by another user or writable by others")
                         .arg(directory),
                     {},
                     {},
                     {},
                     QStringLiteral("remove it; Bellows creates a fresh one"),
                     {}};
    return {};
}

} // namespace

ShadowDatabase::ShadowDatabase(ShadowServer* server, QString name, QString conninfo,
                               QString adminConninfo)
    : m_server(server), m_name(std::move(name)), m_conninfo(std::move(conninfo)),
      m_adminConninfo(std::move(adminConninfo))
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
    // root's home is private to root and the server user must reach the cluster directory;
    // never a world-writable place such as /var/tmp, where another user could plant it.
    if (LocalCluster::runningAsRoot())
        return QStringLiteral("/var/lib/bellows/shadow");
    QString base = qEnvironmentVariable("XDG_CACHE_HOME");
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.cache");
    return base + QStringLiteral("/bellows");
}

Result<std::unique_ptr<ShadowServer>> ShadowServer::startPrivate(int preferredMajor, QString* note)
{
    auto install = installFor(preferredMajor, note);
    if (!install)
        return install.error();
    const QString base = cacheDirectory();
    if (auto safe = ensurePrivateDirectory(base); !safe)
        return safe.error();

    // Two Bellows processes starting the same cluster at once must not both run initdb.
    QLockFile lock(base + QStringLiteral("/shadow-%1.lock").arg(install->major));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(120000))
        return Error{QStringLiteral("another Bellows process holds %1").arg(lock.fileName())};

    LocalCluster::Options options;
    options.directory = base + QStringLiteral("/shadow-%1").arg(install->major);
    options.install = install.value();
    if (auto owned = checkClusterDirectory(options.directory); !owned)
        return owned.error();
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
    server->m_private = true;
    server->m_cluster = std::move(cluster);
    server->touch();
    server->ensureReaper();
    return server;
}

Result<std::unique_ptr<ShadowServer>> ShadowServer::useExisting(const QString& conninfo,
                                                                bool superuserOk)
{
    pq::ConnectOptions options;
    options.origin = pq::Origin::Shadow;
    auto conn = pq::Connection::open(conninfo, options);
    if (!conn) {
        Error error = conn.error();
        error.message = QStringLiteral("shadow server: ") + error.message;
        return error;
    }
    auto super = (*conn)->exec(QStringLiteral("SELECT rolsuper FROM pg_catalog.pg_roles WHERE "
                                              "rolname = current_user"));
    if (!super)
        return super.error();
    if (super->rows() > 0 && super->boolean(0, 0) && !superuserOk) {
        Error error;
        error.message = QStringLiteral("shadow server: %1 connects as superuser %2; a target file "
                                       "would run with superuser rights there (files, programs, "
                                       "the whole server)")
                            .arg((*conn)->describe(), (*conn)->user());
        error.hint =
            QStringLiteral("use a role with CREATEDB but not SUPERUSER in --shadow-url, or "
                           "pass --shadow-superuser-ok if you trust every target file");
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

namespace {

// The cluster directory belongs to the server's user; as root, a symbolic link planted there
// must not make Bellows write somewhere else: never follow one, write only a regular file.
void writeNoFollow(const QString& path, const QByteArray& data)
{
    const int fd = ::open(QFile::encodeName(path).constData(),
                          O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && ::ftruncate(fd, 0) == 0)
        (void)!::write(fd, data.constData(), size_t(data.size()));
    ::close(fd);
}

} // namespace

void ShadowServer::touch() const
{
    if (!m_cluster)
        return;
    writeNoFollow(m_cluster->socketDir() + QStringLiteral("/last-used"),
                  QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toUtf8());
}

void ShadowServer::ensureReaper() const
{
    if (!m_cluster)
        return;
    const QString dir = m_cluster->socketDir();
    writeNoFollow(dir + QStringLiteral("/idle-seconds"), QByteArray::number(idleSeconds()));
    QFile pidFile(dir + QStringLiteral("/reaper.pid"));
    if (QFileInfo(pidFile).isFile() && !QFileInfo(pidFile).isSymLink() &&
        pidFile.open(QIODevice::ReadOnly)) {
        const qint64 pid = QString::fromLatin1(pidFile.read(32)).trimmed().toLongLong();
        if (pid > 0 && ::kill(pid_t(pid), 0) == 0)
            return;
    }
    // As root, the reaper itself runs as the server's user: it writes in that user's directory.
    QStringList args;
    QString program = QStringLiteral("/bin/sh");
    if (LocalCluster::runningAsRoot()) {
        const QString user = qEnvironmentVariable("BELLOWS_PG_SYSTEM_USER");
        program = QStringLiteral("runuser");
        args << QStringLiteral("-u") << (user.isEmpty() ? QStringLiteral("postgres") : user)
             << QStringLiteral("--") << QStringLiteral("/bin/sh");
    }
    args << QStringLiteral("-c") << QString::fromUtf8(kReaperScript)
         << QStringLiteral("bellows-shadow-reaper") << dir
         << m_cluster->install().tool(QStringLiteral("pg_ctl"));
    // Detached, and holding none of our file descriptors: a caller reading our output through
    // a pipe (a shell's `| head`, a test) must see its end when Bellows exits.
    QProcess reaper;
    reaper.setProgram(program);
    reaper.setArguments(args);
    reaper.setStandardInputFile(QProcess::nullDevice());
    reaper.setStandardOutputFile(QProcess::nullDevice());
    reaper.setStandardErrorFile(QProcess::nullDevice());
    reaper.startDetached();
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
    // The loading role, re-asserted every time: whatever happened to it, it has no rights
    // beyond its own databases.
    const QString role = sql::quoteIdent(loaderRole());
    if (m_private) {
        for (const QString& sql :
             {QStringLiteral("DO $$ BEGIN CREATE ROLE %1 LOGIN; EXCEPTION WHEN duplicate_object "
                             "THEN NULL; END $$")
                  .arg(role),
              QStringLiteral("ALTER ROLE %1 LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                             "NOREPLICATION NOBYPASSRLS")
                  .arg(role)})
            if (auto done = (*admin)->exec(sql); !done)
                return done.error();
    }
    // template0 so nothing a user added to template1 leaks into the comparison.
    auto created = (*admin)->exec(
        QStringLiteral("CREATE DATABASE %1%2 TEMPLATE template0 ENCODING 'UTF8'")
            .arg(sql::quoteIdent(name), m_private ? QStringLiteral(" OWNER ") + role : QString()));
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
    const QString loader = m_private ? conninfo.value() + QStringLiteral(" user=") +
                                           pq::quoteConninfoValue(loaderRole())
                                     : conninfo.value();
    return std::make_unique<ShadowDatabase>(this, name, loader, conninfo.value());
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
