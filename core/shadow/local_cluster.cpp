#include "shadow/local_cluster.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bellows::shadow {

namespace {

QString serverSystemUser()
{
    const QString user = qEnvironmentVariable("BELLOWS_PG_SYSTEM_USER");
    return user.isEmpty() ? QStringLiteral("postgres") : user;
}

} // namespace

LocalCluster::LocalCluster(Options options) : m_options(std::move(options))
{
    m_options.directory = QDir(m_options.directory).absolutePath();
}

bool LocalCluster::runningAsRoot()
{
    return geteuid() == 0;
}

int LocalCluster::freeTcpPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    int port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

QString LocalCluster::dataDir() const
{
    return m_options.directory + QStringLiteral("/data");
}

QString LocalCluster::logFile() const
{
    return m_options.directory + QStringLiteral("/server.log");
}

QString LocalCluster::conninfo(const QString& database) const
{
    return QStringLiteral("host=%1 port=%2 user=%3 dbname=%4")
        .arg(m_options.directory)
        .arg(m_options.port)
        .arg(superuser(), database);
}

Result<QString> LocalCluster::run(const QString& tool, const QStringList& args, int timeoutMs) const
{
    QString program = m_options.install.tool(tool);
    QStringList arguments = args;
    if (runningAsRoot()) {
        arguments.prepend(program);
        arguments.prepend(QStringLiteral("--"));
        arguments.prepend(serverSystemUser());
        arguments.prepend(QStringLiteral("-u"));
        program = QStringLiteral("runuser");
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_options.directory);
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return Error{QStringLiteral("cannot run %1: %2").arg(program, process.errorString())};
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        return Error{
            QStringLiteral("%1 did not finish within %2 s").arg(tool).arg(timeoutMs / 1000)};
    }
    const QString output = QString::fromUtf8(process.readAll()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return Error{QStringLiteral("%1 failed: %2").arg(tool, output)};
    return output;
}

Status LocalCluster::handDirectoryToServerUser() const
{
    if (!runningAsRoot())
        return {};
    const QString user = serverSystemUser();
    const passwd* pw = ::getpwnam(user.toLocal8Bit().constData());
    if (!pw)
        return Error{
            QStringLiteral("PostgreSQL refuses to run as root and there is no system user \"%1\" "
                           "to run it as; create one (the postgresql package does) or set "
                           "BELLOWS_PG_SYSTEM_USER")
                .arg(user)};
    const QByteArray dir = m_options.directory.toLocal8Bit();
    if (::chown(dir.constData(), pw->pw_uid, pw->pw_gid) != 0)
        return Error{QStringLiteral("cannot hand %1 to user %2").arg(m_options.directory, user)};
    // The server user must be able to reach its directory through every parent.
    QDir parent(m_options.directory);
    while (parent.cdUp() && !parent.isRoot()) {
        QFile::Permissions perms = QFile::permissions(parent.absolutePath());
        if (!(perms & QFile::ExeOther))
            QFile::setPermissions(parent.absolutePath(), perms | QFile::ExeOther);
    }
    return {};
}

Status LocalCluster::init()
{
    if (QFileInfo::exists(dataDir() + QStringLiteral("/PG_VERSION"))) {
        if (m_options.port == 0)
            m_options.port = readPortFromConfig();
        return {};
    }
    if (!QDir().mkpath(m_options.directory))
        return Error{QStringLiteral("cannot create %1").arg(m_options.directory)};
    QFile::setPermissions(m_options.directory,
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    if (auto handed = handDirectoryToServerUser(); !handed)
        return handed;
    auto initdb =
        run(QStringLiteral("initdb"),
            {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), superuser(),
             QStringLiteral("--auth-local=trust"), QStringLiteral("--auth-host=scram-sha-256"),
             QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--no-locale"),
             QStringLiteral("--no-sync")},
            120000);
    if (!initdb)
        return initdb.error();
    if (m_options.port == 0)
        m_options.port = freeTcpPort();
    return writeSettings();
}

Status LocalCluster::writeSettings() const
{
    QStringList lines;
    lines << QStringLiteral("# written by Bellows")
          << QStringLiteral("port = %1").arg(m_options.port)
          << QStringLiteral("unix_socket_directories = '%1'").arg(m_options.directory)
          << (m_options.listenTcp ? QStringLiteral("listen_addresses = '127.0.0.1'")
                                  : QStringLiteral("listen_addresses = ''"))
          // A private, disposable server: durability is not needed, speed is.
          << QStringLiteral("fsync = off") << QStringLiteral("synchronous_commit = off")
          << QStringLiteral("full_page_writes = off") << QStringLiteral("max_connections = 100")
          << QStringLiteral("shared_buffers = 128MB")
          << QStringLiteral("max_locks_per_transaction = 1024");
    lines << m_options.settings;
    QFile conf(dataDir() + QStringLiteral("/postgresql.conf"));
    if (!conf.open(QIODevice::Append | QIODevice::Text))
        return Error{QStringLiteral("cannot write %1").arg(conf.fileName())};
    conf.write(QByteArray("\n") + lines.join(QLatin1Char('\n')).toUtf8() + QByteArray("\n"));
    return {};
}

int LocalCluster::readPortFromConfig() const
{
    QFile conf(dataDir() + QStringLiteral("/postgresql.conf"));
    if (!conf.open(QIODevice::ReadOnly | QIODevice::Text))
        return 0;
    static const QRegularExpression portRe(QStringLiteral("^port = (\\d+)"),
                                           QRegularExpression::MultilineOption);
    int port = 0;
    const QString text = QString::fromUtf8(conf.readAll());
    auto it = portRe.globalMatch(text);
    while (it.hasNext())
        port = it.next().captured(1).toInt();
    return port;
}

bool LocalCluster::isRunning() const
{
    QFile pidFile(dataDir() + QStringLiteral("/postmaster.pid"));
    if (!pidFile.open(QIODevice::ReadOnly))
        return false;
    const qint64 pid = QString::fromLatin1(pidFile.readLine()).trimmed().toLongLong();
    return pid > 0 && ::kill(pid_t(pid), 0) == 0;
}

Status LocalCluster::start()
{
    if (isRunning())
        return {};
    auto started =
        run(QStringLiteral("pg_ctl"),
            {QStringLiteral("-D"), dataDir(), QStringLiteral("-l"), logFile(), QStringLiteral("-w"),
             QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("start")},
            90000);
    if (!started) {
        Error error = started.error();
        QFile log(logFile());
        if (log.open(QIODevice::ReadOnly))
            error.detail = QString::fromUtf8(log.readAll().right(2000)).trimmed();
        return error;
    }
    return {};
}

Status LocalCluster::stop(bool immediate)
{
    if (!isRunning())
        return {};
    auto stopped = run(QStringLiteral("pg_ctl"),
                       {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"),
                        immediate ? QStringLiteral("immediate") : QStringLiteral("fast"),
                        QStringLiteral("-w"), QStringLiteral("stop")},
                       60000);
    if (!stopped)
        return stopped.error();
    return {};
}

} // namespace bellows::shadow
