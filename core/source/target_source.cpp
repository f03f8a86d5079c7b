#include "source/target_source.h"

#include "introspect/introspector.h"
#include "pq/connection.h"
#include "shadow/postgres_install.h"
#include "shadow/shadow_server.h"
#include "source/prisma_target.h"
#include "source/target_guard.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

namespace bellows::source {

namespace {

struct ScriptFile {
    QString path;
    QString text;
};

Result<std::vector<ScriptFile>> readScripts(const QString& location)
{
    const QFileInfo info(location);
    if (!info.exists())
        return Error{QStringLiteral("%1: no such file or directory").arg(location)};
    QStringList paths;
    if (info.isDir()) {
        const QDir dir(location);
        for (const QString& name :
             dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name))
            paths << dir.filePath(name);
        if (paths.isEmpty())
            return Error{QStringLiteral("%1: the folder holds no .sql files").arg(location)};
    } else {
        paths << location;
    }
    std::vector<ScriptFile> files;
    for (const QString& path : paths) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("%1: %2").arg(path, file.errorString())};
        files.push_back({path, QString::fromUtf8(file.readAll())});
    }
    return files;
}

Result<LoadedTarget> loadFileTarget(const QString& location, const TargetOptions& options)
{
    LoadedTarget loaded;
    Result<std::vector<ScriptFile>> scripts = std::vector<ScriptFile>{};
    if (isPrismaTarget(location)) {
        auto prisma = prismaTargetScript(location);
        if (!prisma)
            return prisma.error();
        scripts = std::vector<ScriptFile>{{prisma->fileName, prisma->sql}};
        loaded.warnings = prisma->warnings;
    } else {
        scripts = readScripts(location);
    }
    if (!scripts)
        return scripts.error();

    if (options.progress)
        options.progress(QStringLiteral("starting the shadow server"));
    QString note;
    auto server =
        options.shadowUrl.isEmpty()
            ? shadow::ShadowServer::startPrivate(options.preferredMajor, &note)
            : shadow::ShadowServer::useExisting(options.shadowUrl, options.shadowSuperuserOk);
    if (!server)
        return server.error();
    if (!options.shadowUrl.isEmpty() && options.preferredMajor > 0 &&
        (*server)->major() != options.preferredMajor)
        note = shadow::majorMismatchNote(options.preferredMajor, (*server)->major(), true);
    if (!note.isEmpty())
        loaded.notes << note;
    auto database = (*server)->createDatabase();
    if (!database)
        return database.error();
    if (options.keepShadowDatabase)
        (*database)->keep();

    QElapsedTimer timer;
    timer.start();
    QString loadingRole;
    int privilegesRefused = 0;
    int grantStatements = 0;
    QStringList missingRoles;
    QStringList placeholders;
    {
        pq::ConnectOptions connectOptions;
        connectOptions.origin = pq::Origin::Shadow;
        auto conn = pq::Connection::open((*database)->conninfo(), connectOptions);
        if (!conn)
            return conn.error();
        auto admin = pq::Connection::open((*database)->adminConninfo(), connectOptions);
        if (!admin)
            return admin.error();
        loadingRole = (*conn)->user();
        LoadOptions load;
        load.cancel = options.cancel;
        load.admin = admin->get();
        load.allowedExtensions = defaultAllowedExtensions() + options.extraExtensions;
        load.placeholderRoles = (*server)->isPrivate();
        load.knownRoles = options.liveRoles;
        for (const ScriptFile& script : *scripts) {
            if (options.progress)
                options.progress(QStringLiteral("loading %1").arg(script.path));
            auto report = loadScript(**conn, script.text, script.path, load);
            if (!report)
                return report.error();
            loaded.statements += report->statementsExecuted;
            loaded.warnings.insert(loaded.warnings.end(), report->warnings.begin(),
                                   report->warnings.end());
            privilegesRefused += report->privilegeStatementsRefused;
            grantStatements += report->grantStatements;
            for (const QString& role : report->missingRoles)
                if (!missingRoles.contains(role))
                    missingRoles << role;
            for (const QString& role : report->placeholderRoles)
                if (!placeholders.contains(role))
                    placeholders << role;
        }
    }

    if (!placeholders.isEmpty())
        loaded.notes << QStringLiteral("the shadow server holds login-less placeholders for the "
                                       "roles the target names: %1")
                            .arg(placeholders.join(QStringLiteral(", ")));
    loaded.loadMs = timer.restart();
    if (options.progress)
        options.progress(QStringLiteral("loaded %1 statements in %2 ms")
                             .arg(loaded.statements)
                             .arg(loaded.loadMs));
    introspect::IntrospectOptions introspectOptions;
    introspectOptions.cancel = options.cancel;
    auto catalog = introspect::introspect((*database)->adminConninfo(), introspectOptions);
    if (!catalog)
        return catalog.error();
    loaded.catalog = std::move(catalog).value();
    loaded.introspectMs = timer.elapsed();
    // What the loading role owns, the target did not give an owner (docs/diff-json.md).
    loaded.catalog.implicitRole = loadingRole;
    loaded.catalog.missingRoles = missingRoles;
    if (grantStatements == 0) {
        loaded.catalog.grantsStated = false;
        loaded.catalog.privilegeNotes
            << QStringLiteral("privileges not compared: the target has no GRANT, REVOKE or ALTER "
                              "DEFAULT PRIVILEGES statement, so the database's grants are kept");
    }
    if (privilegesRefused > 0) {
        loaded.catalog.privilegesKnown = false;
        loaded.catalog.privilegeNotes
            << QStringLiteral("owners and privileges not compared: the shadow server refused %1 "
                              "ownership or privilege statement(s) of the target")
                   .arg(privilegesRefused);
    }
    return loaded;
}

} // namespace

Result<LoadedTarget> loadTarget(const TargetSpec& spec, const TargetOptions& options)
{
    if (spec.kind == TargetSpec::Kind::File)
        return loadFileTarget(spec.location, options);

    introspect::IntrospectOptions introspectOptions;
    introspectOptions.cancel = options.cancel;
    auto catalog = introspect::introspect(spec.location, introspectOptions);
    if (!catalog)
        return catalog.error();
    LoadedTarget loaded;
    loaded.catalog = std::move(catalog).value();
    return loaded;
}

} // namespace bellows::source
