#include "lint/statement_class.h"

#include "lint/parse_tree.h"
#include "source/sql_script.h"
#include "sql/quote.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace bellows::lint {

namespace {

using Concurrent = StatementClass::Concurrent;

RelationName relationName(const QJsonObject& rangeVar)
{
    return {tree::string(rangeVar, "schemaname"), tree::string(rangeVar, "relname")};
}

// ["s", "i"] or ["i"] (DropStmt's object names).
RelationName qualifiedName(const QStringList& parts)
{
    if (parts.isEmpty())
        return {};
    return {parts.size() > 1 ? parts.at(parts.size() - 2) : QString(), parts.last()};
}

bool hasOption(const QJsonArray& defElems, const char* name)
{
    return std::any_of(defElems.begin(), defElems.end(), [&](const QJsonValue& v) {
        return tree::string(tree::body(v.toObject()), "defname") == QLatin1String(name);
    });
}

// True when a data-modifying statement hides inside (a WITH … UPDATE … SELECT).
bool modifiesData(const QJsonValue& value)
{
    if (value.isArray()) {
        const QJsonArray a = value.toArray();
        return std::any_of(a.begin(), a.end(), [](const QJsonValue& v) { return modifiesData(v); });
    }
    if (!value.isObject())
        return false;
    const QJsonObject o = value.toObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (it.key() == QLatin1String("InsertStmt") || it.key() == QLatin1String("UpdateStmt") ||
            it.key() == QLatin1String("DeleteStmt") || it.key() == QLatin1String("MergeStmt"))
            return true;
        if (modifiesData(it.value()))
            return true;
    }
    return false;
}

// The lock one ALTER TABLE sub-command takes (reference §1.1, §2).
LockLevel alterTableCommandLock(const QJsonObject& cmd)
{
    const QString subtype = tree::string(cmd, "subtype");
    if (subtype == QLatin1String("AT_ValidateConstraint") ||
        subtype == QLatin1String("AT_SetStatistics") || subtype == QLatin1String("AT_SetOptions") ||
        subtype == QLatin1String("AT_ResetOptions") ||
        subtype == QLatin1String("AT_DetachPartitionFinalize"))
        return LockLevel::ShareUpdateExclusive;
    if (subtype == QLatin1String("AT_DetachPartition"))
        return tree::flag(tree::body(tree::object(cmd, "def")), "concurrent")
                   ? LockLevel::ShareUpdateExclusive
                   : LockLevel::AccessExclusive;
    if (subtype.startsWith(QLatin1String("AT_EnableTrig")) ||
        subtype.startsWith(QLatin1String("AT_DisableTrig")) ||
        subtype.startsWith(QLatin1String("AT_EnableAlwaysTrig")) ||
        subtype.startsWith(QLatin1String("AT_EnableReplicaTrig")))
        return LockLevel::ShareRowExclusive;
    if (subtype == QLatin1String("AT_AddConstraint")) {
        const QJsonObject constraint = tree::body(tree::object(cmd, "def"));
        if (tree::string(constraint, "contype") == QLatin1String("CONSTR_FOREIGN"))
            return LockLevel::ShareRowExclusive;
    }
    return LockLevel::AccessExclusive;
}

void classifyAlterTable(const QJsonObject& body, StatementClass& c)
{
    c.lock = LockLevel::None;
    bool allRerunnable = true;
    for (const QJsonValue& v : tree::array(body, "cmds")) {
        const QJsonObject cmd = tree::body(v.toObject());
        const QString subtype = tree::string(cmd, "subtype");
        c.lock = std::max(c.lock, alterTableCommandLock(cmd));
        const QJsonObject partition = tree::body(tree::object(cmd, "def"));
        if (subtype == QLatin1String("AT_ValidateConstraint")) {
            c.waitsForOldTransactions = true;
        } else if (subtype == QLatin1String("AT_DetachPartition") &&
                   tree::flag(partition, "concurrent")) {
            c.waitsForOldTransactions = true;
            c.outsideTransaction = true;
            c.concurrent = Concurrent::DetachPartition;
            c.table = relationName(tree::object(body, "relation"));
            c.index = relationName(tree::object(partition, "name"));
        }
        const bool rerunnable = subtype == QLatin1String("AT_ValidateConstraint") ||
                                subtype == QLatin1String("AT_SetStatistics") ||
                                tree::flag(cmd, "missing_ok");
        allRerunnable = allRerunnable && rerunnable;
    }
    if (c.lock == LockLevel::None)
        c.lock = LockLevel::AccessExclusive;
    c.rerunnable = allRerunnable;
}

void classifyIndex(const QJsonObject& body, StatementClass& c)
{
    c.rerunnable = tree::flag(body, "if_not_exists");
    if (!tree::flag(body, "concurrent")) {
        c.lock = LockLevel::Share;
        return;
    }
    c.lock = LockLevel::ShareUpdateExclusive;
    c.waitsForOldTransactions = true;
    c.outsideTransaction = true;
    c.concurrent = Concurrent::CreateIndex;
    c.table = relationName(tree::object(body, "relation"));
    // The index lives in its table's schema.
    c.index = {c.table.schema, tree::string(body, "idxname")};
}

void classifyDrop(const QJsonObject& body, StatementClass& c)
{
    c.rerunnable = tree::flag(body, "missing_ok");
    const QJsonArray objects = tree::array(body, "objects");
    if (tree::string(body, "removeType") == QLatin1String("OBJECT_INDEX") &&
        tree::flag(body, "concurrent")) {
        c.lock = LockLevel::ShareUpdateExclusive;
        c.waitsForOldTransactions = true;
        c.outsideTransaction = true;
        if (objects.size() == 1) {
            c.concurrent = Concurrent::DropIndex;
            c.index = qualifiedName(
                tree::strings(tree::array(tree::body(objects.at(0).toObject()), "items")));
        }
        return;
    }
    c.lock = LockLevel::AccessExclusive;
}

void classifyReindex(const QJsonObject& body, StatementClass& c)
{
    c.rerunnable = true;
    const QString kind = tree::string(body, "kind");
    const bool concurrently =
        hasOption(tree::array(body, "params"), "concurrently") || tree::flag(body, "concurrent");
    const bool wholeDatabase = kind == QLatin1String("REINDEX_OBJECT_SCHEMA") ||
                               kind == QLatin1String("REINDEX_OBJECT_SYSTEM") ||
                               kind == QLatin1String("REINDEX_OBJECT_DATABASE");
    c.outsideTransaction = concurrently || wholeDatabase;
    if (!concurrently) {
        c.lock = LockLevel::AccessExclusive; // SHARE on the table, ACCESS EXCLUSIVE on the index
        return;
    }
    c.lock = LockLevel::ShareUpdateExclusive;
    c.waitsForOldTransactions = true;
    c.concurrent = Concurrent::Reindex;
    const RelationName target = relationName(tree::object(body, "relation"));
    if (kind == QLatin1String("REINDEX_OBJECT_INDEX"))
        c.index = target;
    else
        c.table = target;
}

void classifyVacuum(const QJsonObject& body, StatementClass& c)
{
    c.rerunnable = true;
    const bool vacuum = tree::flag(body, "is_vacuumcmd");
    c.outsideTransaction = vacuum;
    c.lock = vacuum && hasOption(tree::array(body, "options"), "full")
                 ? LockLevel::AccessExclusive
                 : LockLevel::ShareUpdateExclusive;
}

LockLevel lockStatementLevel(int mode)
{
    // PostgreSQL's lock mode numbers: AccessShareLock = 1 … AccessExclusiveLock = 8.
    static const LockLevel levels[] = {LockLevel::AccessExclusive,
                                       LockLevel::AccessShare,
                                       LockLevel::RowShare,
                                       LockLevel::RowExclusive,
                                       LockLevel::ShareUpdateExclusive,
                                       LockLevel::Share,
                                       LockLevel::ShareRowExclusive,
                                       LockLevel::Exclusive,
                                       LockLevel::AccessExclusive};
    return mode >= 1 && mode <= 8 ? levels[mode] : LockLevel::AccessExclusive;
}

bool isOneOf(const QString& type, std::initializer_list<const char*> types)
{
    return std::any_of(types.begin(), types.end(),
                       [&](const char* t) { return type == QLatin1String(t); });
}

// Statements without a relation lock worth bounding, and whether they are re-runnable.
bool classifyCatalogOnly(const QString& type, const QJsonObject& body, StatementClass& c)
{
    if (isOneOf(type, {"VariableSetStmt", "VariableShowStmt", "TransactionStmt"})) {
        c.lock = LockLevel::None;
        c.rerunnable = true;
        return true;
    }
    if (isOneOf(type,
                {"CreateFunctionStmt", "CreateSeqStmt", "DefineStmt", "CreateEnumStmt",
                 "CreateDomainStmt", "CreateSchemaStmt", "CreateExtensionStmt", "CompositeTypeStmt",
                 "GrantStmt", "GrantRoleStmt", "AlterEnumStmt", "CreateRoleStmt", "AlterRoleStmt",
                 "AlterFunctionStmt", "AlterDefaultPrivilegesStmt", "AlterOwnerStmt"})) {
        // GRANT / REVOKE and ALTER FUNCTION / TYPE / SCHEMA … OWNER TO update catalog rows and
        // take no relation lock (checked in pg_locks on PostgreSQL 15).
        c.lock = LockLevel::None;
        c.rerunnable = tree::flag(body, "replace") || tree::flag(body, "if_not_exists") ||
                       tree::flag(body, "skipIfNewValExists") ||
                       isOneOf(type, {"GrantStmt", "AlterDefaultPrivilegesStmt", "AlterOwnerStmt"});
        return true;
    }
    if (isOneOf(type, {"CreatedbStmt", "DropdbStmt", "AlterSystemStmt", "CreateTableSpaceStmt",
                       "DropTableSpaceStmt"})) {
        c.lock = LockLevel::None;
        c.outsideTransaction = true;
        return true;
    }
    return false;
}

void classifyTreeLock(const QJsonObject& node, StatementClass& c);

// The relation a statement locks: its "relation" (ALTER TABLE, CREATE INDEX, DML, triggers,
// renames, …), the first of LOCK's or TRUNCATE's, or a DROP's first object.
RelationName lockedRelation(const QString& type, const QJsonObject& body)
{
    if (const QJsonObject relation = tree::object(body, "relation"); !relation.isEmpty())
        return relationName(tree::body(relation).isEmpty() ? relation : tree::body(relation));
    if (isOneOf(type, {"LockStmt", "TruncateStmt"})) {
        const QJsonArray relations = tree::array(body, "relations");
        return relations.isEmpty() ? RelationName{}
                                   : relationName(tree::body(relations.at(0).toObject()));
    }
    if (type == QLatin1String("DropStmt")) {
        const QJsonArray objects = tree::array(body, "objects");
        if (objects.isEmpty())
            return {};
        return qualifiedName(
            tree::strings(tree::array(tree::body(objects.at(0).toObject()), "items")));
    }
    return {};
}

void classifyTree(const QJsonObject& node, StatementClass& c)
{
    classifyTreeLock(node, c);
    if (c.lock != LockLevel::None)
        c.relation = lockedRelation(c.nodeType, tree::body(node));
}

void classifyTreeLock(const QJsonObject& node, StatementClass& c)
{
    const QString type = tree::type(node);
    const QJsonObject body = tree::body(node);
    c.nodeType = type;
    c.lock = LockLevel::AccessExclusive;
    if (classifyCatalogOnly(type, body, c))
        return;
    if (type == QLatin1String("SelectStmt")) {
        c.lock = modifiesData(body)                              ? LockLevel::RowExclusive
                 : !tree::array(body, "lockingClause").isEmpty() ? LockLevel::RowShare
                                                                 : LockLevel::AccessShare;
        c.rerunnable = c.lock == LockLevel::AccessShare;
    } else if (isOneOf(type, {"InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt"})) {
        c.lock = LockLevel::RowExclusive;
    } else if (type == QLatin1String("CopyStmt")) {
        c.lock = tree::flag(body, "is_from") ? LockLevel::RowExclusive : LockLevel::AccessShare;
    } else if (type == QLatin1String("AlterTableStmt")) {
        classifyAlterTable(body, c);
    } else if (type == QLatin1String("IndexStmt")) {
        classifyIndex(body, c);
    } else if (type == QLatin1String("DropStmt")) {
        classifyDrop(body, c);
    } else if (type == QLatin1String("ReindexStmt")) {
        classifyReindex(body, c);
    } else if (type == QLatin1String("VacuumStmt")) {
        classifyVacuum(body, c);
    } else if (type == QLatin1String("ClusterStmt")) {
        c.outsideTransaction = tree::object(body, "relation").isEmpty();
    } else if (type == QLatin1String("LockStmt")) {
        c.lock = lockStatementLevel(tree::integer(body, "mode", 8));
    } else if (type == QLatin1String("CreateTrigStmt")) {
        c.lock = LockLevel::ShareRowExclusive;
        c.rerunnable = tree::flag(body, "replace");
    } else if (type == QLatin1String("CommentStmt")) {
        c.lock = LockLevel::ShareUpdateExclusive;
        c.rerunnable = true;
    } else if (type == QLatin1String("RefreshMatViewStmt")) {
        c.lock = tree::flag(body, "concurrent") ? LockLevel::Exclusive : LockLevel::AccessExclusive;
        c.rerunnable = true;
    } else if (type == QLatin1String("RenameStmt")) {
        c.lock = tree::string(body, "renameType") == QLatin1String("OBJECT_INDEX")
                     ? LockLevel::ShareUpdateExclusive
                     : LockLevel::AccessExclusive;
    } else if (isOneOf(type, {"ViewStmt", "CreateStmt", "CreateTableAsStmt"})) {
        c.rerunnable = tree::flag(body, "replace") || tree::flag(body, "if_not_exists");
    }
    // Anything else (DO, CALL, TRUNCATE, ALTER … OWNER, …): ACCESS EXCLUSIVE, the safe side.
}

// Newer syntax than PostgreSQL 15's grammar: the leading words decide, comments and literals
// skipped (source::leadingTokens), never a search of the whole text.
void classifyFromTokens(const QString& text, StatementClass& c)
{
    const QStringList tokens = source::leadingTokens(text, 12);
    const bool concurrently = tokens.contains(QLatin1String("concurrently"));
    const QString first = tokens.value(0);
    c.lock = LockLevel::AccessExclusive;
    if (concurrently && (first == QLatin1String("create") || first == QLatin1String("drop") ||
                         first == QLatin1String("reindex") || first == QLatin1String("alter"))) {
        c.lock = LockLevel::ShareUpdateExclusive;
        c.waitsForOldTransactions = true;
        c.outsideTransaction = true;
    } else if (first == QLatin1String("vacuum")) {
        c.lock = LockLevel::ShareUpdateExclusive;
        c.outsideTransaction = true;
    }
}

} // namespace

QString RelationName::qualified() const
{
    return schema.isEmpty() ? sql::quoteIdent(name) : sql::qualified(schema, name);
}

StatementClass classifyStatement(const QString& statement)
{
    StatementClass c;
    c.text = statement;
    const ParsedSql parsed = parseSql(statement.toUtf8().replace('\0', ' '));
    if (parsed.failure || parsed.statements.size() != 1) {
        classifyFromTokens(statement, c);
        return c;
    }
    c.parsed = true;
    classifyTree(parsed.statements.front().node, c);
    return c;
}

std::vector<StatementClass> classifyStatements(const QString& sql)
{
    std::vector<StatementClass> out;
    auto script = source::splitScript(sql, QStringLiteral("statement"));
    if (!script) {
        out.push_back(classifyStatement(sql));
        return out;
    }
    for (const source::ScriptStatement& s : script->statements) {
        if (s.kind == source::StatementKind::Sql) {
            out.push_back(classifyStatement(s.text));
        } else {
            StatementClass meta; // never run by the runner
            meta.text = s.text;
            meta.psqlOnly = true;
            out.push_back(meta);
        }
    }
    return out;
}

ScriptClass summarize(const std::vector<StatementClass>& statements)
{
    ScriptClass s;
    for (const StatementClass& c : statements) {
        s.lock = std::max(s.lock, c.lock);
        s.waitsForOldTransactions = s.waitsForOldTransactions || c.waitsForOldTransactions;
        s.outsideTransaction = s.outsideTransaction || c.outsideTransaction;
        s.rerunnable = s.rerunnable && c.rerunnable;
    }
    return s;
}

Timeouts timeoutsFor(const StatementClass& statement, const TimeoutPolicy& policy)
{
    if (statement.waitsForOldTransactions)
        return {0, policy.longStatementTimeoutMs};
    if (statement.takesStrongLock())
        return {policy.shortLockTimeoutMs, policy.statementTimeoutMs};
    return {0, policy.statementTimeoutMs};
}

Timeouts timeoutsFor(const ScriptClass& script, const TimeoutPolicy& policy)
{
    Timeouts t;
    t.lockTimeoutMs = script.takesStrongLock() ? policy.shortLockTimeoutMs : 0;
    t.statementTimeoutMs =
        script.waitsForOldTransactions ? policy.longStatementTimeoutMs : policy.statementTimeoutMs;
    return t;
}

QString lockLevelName(LockLevel level)
{
    switch (level) {
    case LockLevel::None:
        return QStringLiteral("no table lock");
    case LockLevel::AccessShare:
        return QStringLiteral("ACCESS SHARE");
    case LockLevel::RowShare:
        return QStringLiteral("ROW SHARE");
    case LockLevel::RowExclusive:
        return QStringLiteral("ROW EXCLUSIVE");
    case LockLevel::ShareUpdateExclusive:
        return QStringLiteral("SHARE UPDATE EXCLUSIVE");
    case LockLevel::Share:
        return QStringLiteral("SHARE");
    case LockLevel::ShareRowExclusive:
        return QStringLiteral("SHARE ROW EXCLUSIVE");
    case LockLevel::Exclusive:
        return QStringLiteral("EXCLUSIVE");
    case LockLevel::AccessExclusive:
        return QStringLiteral("ACCESS EXCLUSIVE");
    }
    return {};
}

} // namespace bellows::lint
