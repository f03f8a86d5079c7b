#pragma once

// Small, named SQL builders shared by the recipes. Every identifier goes through
// sql::quoteIdent, every literal through sql::quoteLiteral; expressions and type names come from
// PostgreSQL itself (pg_get_expr, format_type) and are emitted as they are. Statements end with
// a semicolon; builders that return a clause (no "ALTER TABLE") do not.

#include "catalog/catalog.h"
#include "plan/hazard.h"

#include <QString>
#include <QStringList>

namespace bellows::plan::sqlb {

// "public.users" quoted and qualified.
QString rel(const QString& schema, const QString& name);
// A readable, unquoted object path for step ids: "public.users.display_name".
QString idPath(const QString& schema, const QString& table, const QString& sub = {});
// "<phase>:<action>:<path>", e.g. "expand:add-column:public.users.display_name".
QString stepId(const QString& phase, const QString& action, const QString& path);

// A name of at most 63 bytes: base + suffix, the base shortened and given a short hash of the
// full text when too long, so generated names stay unique and deterministic.
QString boundedName(const QString& base, const QString& suffix = {});
// prefix + parts joined with '_' + suffix, bounded like boundedName. When a part other than the
// last holds '_' the joined text is ambiguous (table "a_b" + column "c" reads like table "a" +
// column "b_c"), so a hash of the separate parts is added: names of schema-level objects
// (functions) built from a table and a column never collide.
QString compositeName(const QString& prefix, const QStringList& parts, const QString& suffix = {});

// `body` between dollar quotes whose tag does not occur in it ($bellows$, $bellows_1$, ...), so
// no text inside (a user's --using expression) can end the quote early.
QString dollarQuoted(const QString& body);

// A name as the catalog prints it ("POSIX" quoted, public.my_coll qualified): split honouring its
// quotes and every part quoted again through sql::quoteIdent, so collations and opclasses reach
// SQL through the one quoting function.
QString catalogName(const QString& text);

// The column's type as SQL: the type text, qualified by its schema for user-defined types.
QString typeSql(const catalog::Column& column);
// name type [COLLATE c] [DEFAULT e] [NOT NULL] [GENERATED ...] [IDENTITY]
QString columnDefinition(const catalog::Column& column, bool withDefault = true,
                         bool withNotNull = true);

// ALTER TABLE s.t <clause>;
QString alterTable(const QString& schema, const QString& table, const QString& clause);
QString addColumn(const QString& schema, const QString& table, const catalog::Column& column,
                  bool withDefault = true, bool withNotNull = true);
QString dropColumn(const QString& schema, const QString& table, const QString& column);
QString renameColumn(const QString& schema, const QString& table, const QString& from,
                     const QString& to);
QString setDefault(const QString& schema, const QString& table, const QString& column,
                   const QString& expression);
QString dropDefault(const QString& schema, const QString& table, const QString& column);
QString setNotNull(const QString& schema, const QString& table, const QString& column);
QString dropNotNull(const QString& schema, const QString& table, const QString& column);
QString alterType(const QString& schema, const QString& table, const QString& column,
                  const QString& typeSql);
QString addConstraint(const QString& schema, const QString& table, const QString& name,
                      const QString& definition, bool notValid);
QString validateConstraint(const QString& schema, const QString& table, const QString& name);
QString dropConstraint(const QString& schema, const QString& table, const QString& name,
                       bool ifExists = false);
QString commentOnColumn(const QString& schema, const QString& table, const QString& column,
                        const QString& comment);
QString commentOnTable(const QString& schema, const QString& table, const QString& comment);
QString dropIndexConcurrently(const QString& schema, const QString& name);
QString renameIndex(const QString& schema, const QString& from, const QString& to);

// Inside the step's transaction: take ACCESS EXCLUSIVE on the table, then fail cleanly (and
// roll back) if it holds a row. For direct statements planned because the table was empty:
// rows that appeared since planning stop the step before it rewrites or scans anything.
QString emptyTableGuard(const QString& schema, const QString& table);

// Shorthands for the step fields.
Lock lock(LockMode mode, const QString& schema, const QString& name, bool brief = true);
Hazard hazard(HazardKind kind, const QString& explanation);

} // namespace bellows::plan::sqlb
