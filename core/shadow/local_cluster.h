#pragma once

#include "common/result.h"
#include "shadow/postgres_install.h"

#include <QString>
#include <QStringList>

namespace bellows::shadow {

// A private PostgreSQL cluster in a directory of ours: initdb + pg_ctl, Unix socket in the
// same directory, trust for local connections as the superuser "bellows". PostgreSQL refuses
// to run as root, so when we are root the server runs as an unprivileged system user
// ($BELLOWS_PG_SYSTEM_USER, default "postgres") and the directory is handed to it.
class LocalCluster {
public:
    struct Options {
        QString directory; // holds data/, the socket and the server log
        PostgresInstall install;
        int port = 0;           // 0: pick a free TCP port
        bool listenTcp = false; // also listen on 127.0.0.1 (password auth) — tests only
        QStringList settings;   // extra "name = value" lines for postgresql.conf
    };

    explicit LocalCluster(Options options);

    // Creates the cluster unless the directory already holds one.
    Status init();
    // Starts the server unless it is running; waits until it accepts connections.
    Status start();
    // Stops the server ("fast" mode by default, "immediate" for throwaway clusters).
    Status stop(bool immediate = false);
    bool isRunning() const;

    int port() const { return m_options.port; }
    QString socketDir() const { return m_options.directory; }
    QString dataDir() const;
    QString logFile() const;
    const PostgresInstall& install() const { return m_options.install; }
    // Conninfo for the superuser over the socket.
    QString conninfo(const QString& database = QStringLiteral("postgres")) const;

    static QString superuser() { return QStringLiteral("bellows"); }
    static int freeTcpPort();
    static bool runningAsRoot();

private:
    Result<QString> run(const QString& tool, const QStringList& args, int timeoutMs) const;
    Status handDirectoryToServerUser() const;
    Status writeSettings() const;
    int readPortFromConfig() const;

    Options m_options;
};

} // namespace bellows::shadow
