#pragma once

// libpg_query behind a small interface, and helpers for reading its JSON parse tree
// (nodes are {"TypeName": {fields}}; fields equal to their default — false, 0, empty — are
// left out, so every accessor has a default).

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace bellows::lint {

struct RawStatement {
    QJsonObject node; // {"AlterTableStmt": {...}}
    int begin = 0;    // byte range of the raw statement in the parsed text (may start with
    int end = 0;      // comments and whitespace; excludes the ';')
};

struct ParseFailure {
    QString message;
    int byteOffset = -1; // where the parser stopped, in the parsed text; -1 when unknown
};

struct ParsedSql {
    std::vector<RawStatement> statements;
    std::optional<ParseFailure> failure;
};

// Parses `utf8` (NUL bytes must already be replaced) with PostgreSQL 15's grammar.
ParsedSql parseSql(const QByteArray& utf8);

namespace tree {

QString type(const QJsonObject& node);     // the node's only key: "AlterTableStmt"
QJsonObject body(const QJsonObject& node); // its fields
bool is(const QJsonObject& node, const char* type);

QJsonObject object(const QJsonObject& body, const char* key);
QJsonArray array(const QJsonObject& body, const char* key);
QString string(const QJsonObject& body, const char* key);
bool flag(const QJsonObject& body, const char* key);
int integer(const QJsonObject& body, const char* key, int fallback = 0);
int location(const QJsonObject& body); // byte offset, -1 when absent

// {"String": {"sval": "x"}} -> "x" (also Integer/Float values as text)
QString scalar(const QJsonValue& node);
// [{"String": ...}, ...] -> ["a", "b"]
QStringList strings(const QJsonArray& list);

// A type as written, without the pg_catalog prefix the grammar adds: "varchar(20)", "int8".
QString typeName(const QJsonObject& typeNameBody);
// The bare (last) name of a type, lower case for built-ins: "varchar", "int8", "Role".
QString baseTypeName(const QJsonObject& typeNameBody);
int typeModifierCount(const QJsonObject& typeNameBody);

// Every function name called inside `value` (last name part, lower case).
void collectFunctionNames(const QJsonValue& value, QStringList& names);
// Every column referenced inside `value` (last name part).
void collectColumnRefs(const QJsonValue& value, QStringList& columns);

} // namespace tree

} // namespace bellows::lint
