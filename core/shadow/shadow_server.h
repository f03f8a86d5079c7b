#pragma once

#include "common/result.h"
#include "shadow/local_cluster.h"

#include <QString>

#include <memory>
#include <optional>

namespace bellows::shadow {

class ShadowServer;

// A fresh, empty database on the shadow server; dropped when this object goes away. On the
// private server it belongs to the role `bellows_loader` (no superuser, CREATEROLE or
// CREATEDB), which loads the target: PostgreSQL's own privilege checks are the second wall
// around an untrusted target file (docs/security.md).
class ShadowDatabase {
public:
    ShadowDatabase(ShadowServer* server, QString name, QString conninfo, QString adminConninfo);
    ~ShadowDatabase();
    ShadowDatabase(const ShadowDatabase&) = delete;
    ShadowDatabase& operator=(const ShadowDatabase&) = delete;

    const QString& name() const { return m_name; }
    // As the loading role: what the target file runs as.
    const QString& conninfo() const { return m_conninfo; }
    // As the server's administrator: allowed extensions, placeholders, introspection.
    const QString& adminConninfo() const { return m_adminConninfo; }
    // Keeps the database after this object is gone (for debugging a target file).
    void keep() { m_keep = true; }

private:
    ShadowServer* m_server;
    QString m_name;
    QString m_conninfo;
    QString m_adminConninfo;
    bool m_keep = false;
};

// Where target schemas are executed so PostgreSQL normalises them: by default a private
// cluster Bellows starts itself under the user's cache directory (kept running for reuse and
// stopped after a quiet period), or an existing server given with --shadow-url. Never the
// live server.
class ShadowServer {
public:
    // The private cluster for `preferredMajor` (same major as the live server when installed).
    // `note` receives a message when the major differs.
    static Result<std::unique_ptr<ShadowServer>> startPrivate(int preferredMajor,
                                                              QString* note = nullptr);
    // An existing server; `conninfo` must allow CREATE DATABASE. A superuser role is refused
    // unless `superuserOk` (--shadow-superuser-ok): the target file would run with its rights.
    static Result<std::unique_ptr<ShadowServer>> useExisting(const QString& conninfo,
                                                             bool superuserOk = false);

    ~ShadowServer();

    Result<std::unique_ptr<ShadowDatabase>> createDatabase();
    void dropDatabase(const QString& name);

    QString adminConninfo() const { return m_adminConninfo; }
    int major() const { return m_major; }
    // Bellows' own cluster (not --shadow-url): its administrator may create placeholder roles.
    bool isPrivate() const { return m_private; }
    // Directory of the private cluster, empty for an existing server.
    QString directory() const { return m_cluster ? m_cluster->socketDir() : QString(); }

    // Cache directory holding private clusters: $BELLOWS_SHADOW_DIR, else
    // $XDG_CACHE_HOME/bellows (~/.cache/bellows); as root /var/lib/bellows/shadow.
    static QString cacheDirectory();
    // The role that loads target files on the private server.
    static QString loaderRole() { return QStringLiteral("bellows_loader"); }
    // Stops every private cluster under the cache directory (bellows-cli shadow stop).
    static Status stopAll();

private:
    ShadowServer() = default;
    void touch() const;
    void ensureReaper() const;

    std::unique_ptr<LocalCluster> m_cluster;
    QString m_adminConninfo;
    int m_major = 0;
    bool m_private = false;
};

} // namespace bellows::shadow
