#include "source/target_guard.h"

#include "lint/parse_tree.h"
#include "source/role_names.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace bellows::source {

namespace tree = lint::tree;

namespace {

// Functions that read or write server files, import or export large objects through the
// server's file system, connect to other servers, or act on the server as a whole.
const QStringList& outsideFunctions()
{
    static const QStringList names{
        QStringLiteral("pg_read_file"),
        QStringLiteral("pg_read_binary_file"),
        QStringLiteral("pg_ls_dir"),
        QStringLiteral("pg_stat_file"),
        QStringLiteral("pg_file_write"),
        QStringLiteral("pg_file_rename"),
        QStringLiteral("pg_file_unlink"),
        QStringLiteral("pg_file_sync"),
        QStringLiteral("pg_logdir_ls"),
        QStringLiteral("pg_ls_logdir"),
        QStringLiteral("pg_ls_waldir"),
        QStringLiteral("pg_ls_tmpdir"),
        QStringLiteral("pg_ls_archive_statusdir"),
        QStringLiteral("pg_ls_logicalmapdir"),
        QStringLiteral("pg_ls_logicalsnapdir"),
        QStringLiteral("pg_ls_replslotdir"),
        QStringLiteral("lo_import"),
        QStringLiteral("lo_export"),
        QStringLiteral("dblink"),
        QStringLiteral("dblink_exec"),
        QStringLiteral("dblink_connect"),
        QStringLiteral("dblink_connect_u"),
        QStringLiteral("dblink_send_query"),
        QStringLiteral("dblink_open"),
        QStringLiteral("pg_reload_conf"),
        QStringLiteral("pg_rotate_logfile"),
        QStringLiteral("pg_terminate_backend"),
        QStringLiteral("pg_cancel_backend"),
        QStringLiteral("pg_promote"),
        QStringLiteral("pg_switch_wal"),
        QStringLiteral("pg_create_physical_replication_slot"),
        QStringLiteral("pg_create_logical_replication_slot"),
        QStringLiteral("pg_drop_replication_slot"),
        QStringLiteral("pg_backup_start"),
        QStringLiteral("pg_start_backup"),
        QStringLiteral("pg_backup_stop"),
        QStringLiteral("pg_stop_backup"),
        QStringLiteral("pg_create_restore_point"),
        QStringLiteral("pg_log_backend_memory_contexts"),
    };
    return names;
}

// Languages whose functions run with the server's operating-system rights (or load code).
// An allow-list, not a deny-list: a language not known to be trusted (C, internal, plpython3u,
// plr, javau, whatever gets installed next) may run code with the server's rights.
bool isUntrustedLanguage(const QString& language)
{
    static const QStringList trusted{QStringLiteral("sql"),    QStringLiteral("plpgsql"),
                                     QStringLiteral("plperl"), QStringLiteral("pltcl"),
                                     QStringLiteral("plv8"),   QStringLiteral("java"),
                                     QStringLiteral("plrust"), QStringLiteral("pllua")};
    return !language.isEmpty() && !trusted.contains(language.toLower());
}

QString rolesAreClusterWide()
{
    return QStringLiteral("roles are cluster-wide, not part of the schema");
}

GuardDecision refuse(const QString& reason, int offset = 0)
{
    return GuardDecision{GuardVerdict::Refuse, reason, std::max(0, offset)};
}

// The first call of a listed function anywhere in a parse tree; -2 when none.
int outsideCall(const QJsonValue& value, QString* name)
{
    if (value.isArray()) {
        for (const QJsonValue& item : value.toArray())
            if (int at = outsideCall(item, name); at != -2)
                return at;
        return -2;
    }
    if (!value.isObject())
        return -2;
    const QJsonObject o = value.toObject();
    const QJsonObject call = o.value(QLatin1String("FuncCall")).toObject();
    if (!call.isEmpty()) {
        const QStringList parts = tree::strings(tree::array(call, "funcname"));
        const QString last = parts.isEmpty() ? QString() : parts.last().toLower();
        if (outsideFunctions().contains(last)) {
            *name = last;
            return tree::location(call);
        }
    }
    for (auto it = o.begin(); it != o.end(); ++it)
        if (int at = outsideCall(it.value(), name); at != -2)
            return at;
    return -2;
}

// A DO block's body is PL/pgSQL text: look for the listed functions as words (a dynamic
// EXECUTE can hide them; the second wall stops those).
int outsideWordInBody(const QString& body, QString* name)
{
    static const QRegularExpression word(QStringLiteral("[A-Za-z_][A-Za-z0-9_$]*"));
    auto it = word.globalMatch(body);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString w = m.captured().toLower();
        if (outsideFunctions().contains(w)) {
            *name = w;
            return int(m.capturedStart());
        }
    }
    return -2;
}

QString definitionOption(const QJsonArray& options, const char* key)
{
    for (const QJsonValue& v : options) {
        const QJsonObject def = tree::body(v.toObject());
        if (tree::string(def, "defname") == QLatin1String(key)) {
            const QJsonValue arg = def.value(QLatin1String("arg"));
            if (arg.isObject() && tree::is(arg.toObject(), "List"))
                return tree::strings(tree::array(tree::body(arg.toObject()), "items"))
                    .join(QLatin1Char('\n'));
            return tree::scalar(arg);
        }
    }
    return {};
}

GuardDecision extensionStatement(const QString& type, const QJsonObject& body,
                                 const QStringList& allowed)
{
    QStringList names{tree::string(body, "extname")};
    if (type == QLatin1String("CommentStmt") || type == QLatin1String("DropStmt")) {
        const QJsonArray objects = type == QLatin1String("DropStmt")
                                       ? tree::array(body, "objects")
                                       : QJsonArray{body.value(QLatin1String("object"))};
        names.clear();
        for (const QJsonValue& o : objects) // every one of DROP EXTENSION a, b, …
            names << tree::scalar(o);
    }
    if (names.isEmpty())
        names << QString();
    for (const QString& name : names)
        if (!allowed.contains(name, Qt::CaseInsensitive))
            return refuse(QStringLiteral("extension \"%1\" is not on the allow-list: an "
                                         "extension's install script runs with superuser rights "
                                         "on the shadow server. If you trust it, pass "
                                         "--allow-extension %1")
                              .arg(name));
    return GuardDecision{GuardVerdict::RunAsAdmin, {}, 0};
}

bool isExtensionObject(const QString& type, const QJsonObject& body)
{
    if (type == QLatin1String("CreateExtensionStmt") ||
        type == QLatin1String("AlterExtensionStmt") ||
        type == QLatin1String("AlterExtensionContentsStmt"))
        return true;
    if (type == QLatin1String("CommentStmt"))
        return tree::string(body, "objtype") == QLatin1String("OBJECT_EXTENSION");
    if (type == QLatin1String("DropStmt"))
        return tree::string(body, "removeType") == QLatin1String("OBJECT_EXTENSION");
    return false;
}

// Statements refused whatever they contain, with the reason a person reads.
QString refusedKind(const QString& type, const QJsonObject& body)
{
    if (type == QLatin1String("AlterSystemStmt"))
        return QStringLiteral("ALTER SYSTEM changes the server's configuration file");
    if (type == QLatin1String("LoadStmt"))
        return QStringLiteral("LOAD loads a shared library into the server");
    if (type == QLatin1String("CreateTableSpaceStmt") ||
        type == QLatin1String("DropTableSpaceStmt"))
        return QStringLiteral("a tablespace is a directory on the server");
    if (type.contains(QLatin1String("ForeignServer")) || type.contains(QLatin1String("Fdw")) ||
        type.contains(QLatin1String("UserMapping")) ||
        type == QLatin1String("ImportForeignSchemaStmt"))
        return QStringLiteral("foreign servers connect the shadow server to other servers");
    if (type.contains(QLatin1String("Subscription")))
        return QStringLiteral("a subscription connects the shadow server to another server");
    if (type == QLatin1String("CreatedbStmt") || type == QLatin1String("DropdbStmt") ||
        type.startsWith(QLatin1String("AlterDatabase")))
        return QStringLiteral("databases other than the throwaway one are out of reach");
    if (type == QLatin1String("CreatePLangStmt"))
        return QStringLiteral("CREATE LANGUAGE installs a procedural language handler");
    if (type == QLatin1String("CreateEventTrigStmt"))
        return QStringLiteral("event triggers need superuser rights and are not compared");
    if (type == QLatin1String("CopyStmt")) {
        if (tree::flag(body, "is_program"))
            return QStringLiteral("COPY … PROGRAM runs a program on the server");
        if (!tree::string(body, "filename").isEmpty())
            return QStringLiteral("COPY with a file name reads or writes a file on the server");
    }
    return {};
}

// GRANT / REVOKE / ALTER … OWNER TO on something other than a schema object: what Bellows
// compares (tables, sequences, routines, schemas, types) runs in the shadow database; the rest
// is cluster-wide or about the database itself.
bool isOutsideSchemaPrivilege(const QString& type, const QJsonObject& body)
{
    static const QStringList schemaObjects{
        QStringLiteral("OBJECT_TABLE"),    QStringLiteral("OBJECT_SEQUENCE"),
        QStringLiteral("OBJECT_FUNCTION"), QStringLiteral("OBJECT_PROCEDURE"),
        QStringLiteral("OBJECT_ROUTINE"),  QStringLiteral("OBJECT_AGGREGATE"),
        QStringLiteral("OBJECT_SCHEMA"),   QStringLiteral("OBJECT_TYPE"),
        QStringLiteral("OBJECT_DOMAIN"),   QStringLiteral("OBJECT_FOREIGN_TABLE"),
        QStringLiteral("OBJECT_VIEW"),     QStringLiteral("OBJECT_MATVIEW"),
        QStringLiteral("OBJECT_COLUMN")};
    if (type == QLatin1String("GrantStmt"))
        return !schemaObjects.contains(tree::string(body, "objtype"));
    if (type == QLatin1String("AlterOwnerStmt"))
        return !schemaObjects.contains(tree::string(body, "objectType"));
    return false;
}

} // namespace

const QStringList& defaultAllowedExtensions()
{
    static const QStringList names{
        QStringLiteral("plpgsql"),
        QStringLiteral("pgcrypto"),
        QStringLiteral("citext"),
        QStringLiteral("hstore"),
        QStringLiteral("pg_trgm"),
        QStringLiteral("btree_gist"),
        QStringLiteral("btree_gin"),
        QStringLiteral("uuid-ossp"),
        QStringLiteral("ltree"),
        QStringLiteral("intarray"),
        QStringLiteral("cube"),
        QStringLiteral("earthdistance"),
        QStringLiteral("fuzzystrmatch"),
        QStringLiteral("unaccent"),
        QStringLiteral("tablefunc"),
        QStringLiteral("isn"),
        QStringLiteral("seg"),
        QStringLiteral("tcn"),
        QStringLiteral("tsm_system_rows"),
        QStringLiteral("tsm_system_time"),
        QStringLiteral("bloom"),
        QStringLiteral("pg_stat_statements"),
        QStringLiteral("lo"),
        QStringLiteral("dict_int"),
        QStringLiteral("dict_xsyn"),
        QStringLiteral("intagg"),
        QStringLiteral("pgstattuple"),
        QStringLiteral("pg_buffercache"),
        QStringLiteral("pg_visibility"),
        QStringLiteral("amcheck"),
        QStringLiteral("postgis"),
        QStringLiteral("postgis_topology"),
        QStringLiteral("postgis_raster"),
        QStringLiteral("vector"),
        QStringLiteral("pgrouting"),
        QStringLiteral("pg_partman"),
    };
    return names;
}

namespace {

GuardDecision guardOne(const lint::RawStatement& raw, const QStringList& allowedExtensions);

} // namespace

GuardDecision guardStatement(const QString& statement, const QStringList& allowedExtensions)
{
    const lint::ParsedSql parsed = lint::parseSql(statement.toUtf8());
    if (parsed.failure || parsed.statements.empty())
        return {};
    // The splitter and PostgreSQL's parser must agree on where statements end: a piece the
    // parser reads as several (a backslash in a string after SET standard_conforming_strings =
    // off, say) would run them all on whatever session it is routed to.
    if (parsed.statements.size() > 1)
        return refuse(QStringLiteral("this piece of the file is one statement to the script "
                                     "splitter and %1 statements to PostgreSQL's parser (a "
                                     "backslash in a string literal?)")
                          .arg(parsed.statements.size()),
                      parsed.statements[1].begin);
    return guardOne(parsed.statements.front(), allowedExtensions);
}

namespace {

GuardDecision guardOne(const lint::RawStatement& raw, const QStringList& allowedExtensions)
{
    const QString type = tree::type(raw.node);
    const QJsonObject body = tree::body(raw.node);

    if (isExtensionObject(type, body))
        return extensionStatement(type, body, allowedExtensions);
    if (const QString why = refusedKind(type, body); !why.isEmpty())
        return refuse(why);
    if (type.endsWith(QLatin1String("RoleStmt")) || type == QLatin1String("AlterRoleSetStmt")) {
        GuardDecision skip{GuardVerdict::Skip, rolesAreClusterWide(), 0, {}};
        if (type == QLatin1String("CreateRoleStmt"))
            skip.roles << tree::string(body, "role");
        return skip;
    }
    if (isOutsideSchemaPrivilege(type, body))
        return GuardDecision{GuardVerdict::Skip,
                             QStringLiteral("owners and privileges of databases, tablespaces, "
                                            "languages and settings are not part of the schema"),
                             0};
    if (type == QLatin1String("CreateFunctionStmt") || type == QLatin1String("DoStmt")) {
        const QJsonArray options =
            tree::array(body, type == QLatin1String("DoStmt") ? "args" : "options");
        const QString language = definitionOption(options, "language");
        if (isUntrustedLanguage(language))
            return refuse(QStringLiteral("language %1 runs code with the server's operating-system "
                                         "rights")
                              .arg(language));
        QString name;
        if (type == QLatin1String("DoStmt")) {
            const QString doBody = definitionOption(options, "as");
            if (outsideWordInBody(doBody, &name) != -2)
                return refuse(QStringLiteral("%1() reaches outside the shadow database").arg(name));
            if (auto roles = rolesOnlyCreatedBy(doBody))
                return GuardDecision{GuardVerdict::Skip,
                                     rolesAreClusterWide() +
                                         QStringLiteral(" (a DO block that only creates roles)"),
                                     0, *roles};
        }
        return {};
    }
    QString name;
    if (int at = outsideCall(body, &name); at != -2)
        return refuse(QStringLiteral("%1() reaches outside the shadow database").arg(name), at);
    return {};
}

} // namespace

} // namespace bellows::source
