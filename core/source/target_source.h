#pragma once

#include "catalog/catalog.h"
#include "common/result.h"
#include "source/sql_loader.h"

#include <QString>

#include <atomic>
#include <functional>
#include <vector>

namespace bellows::source {

// What the live database is compared against.
struct TargetSpec {
    enum class Kind { File, Database };
    Kind kind = Kind::File;
    QString location; // file or folder path, or a conninfo

    static TargetSpec file(const QString& path) { return {Kind::File, path}; }
    static TargetSpec database(const QString& conninfo) { return {Kind::Database, conninfo}; }
};

struct TargetOptions {
    QString shadowUrl;      // existing server for shadow databases; empty = private one
    int preferredMajor = 0; // the live server's major version
    bool keepShadowDatabase = false;
    bool shadowSuperuserOk = false; // --shadow-superuser-ok: accept a superuser --shadow-url
    QStringList extraExtensions;    // --allow-extension: trusted beyond the default allow-list
    QStringList liveRoles;          // the live server's roles: placeholders on the private shadow
    const std::atomic_bool* cancel = nullptr;
    std::function<void(const QString&)> progress; // short status lines ("loading …")
};

struct LoadedTarget {
    catalog::Catalog catalog;
    std::vector<LoadWarning> warnings;
    QStringList notes; // e.g. the shadow server's major differs from the live one
    int statements = 0;
    qint64 loadMs = 0; // executing the file(s) in the shadow database
    qint64 introspectMs = 0;
};

// Turns a target into a Catalog: a .sql file (or a folder of them, in name order), or a Prisma
// schema translated into the DDL Prisma would run (prisma_target.h), is executed by PostgreSQL
// in a fresh shadow database and introspected with the same code as the live side; a database
// is introspected read-only.
Result<LoadedTarget> loadTarget(const TargetSpec& spec, const TargetOptions& options);

} // namespace bellows::source
