#pragma once

// The DDL of one catalog object: the CREATE statements (and the ALTER / COMMENT statements
// that go with them) that would make the object as the catalog describes it. For people to
// read — the diff panel's "live" and "target" panes, `inspect`-style output — not for the
// planner, whose recipes build their own statements (plan/sql_builders.h).
//
// Identifiers go through sql::quoteIdent, free text through sql::quoteLiteral. Expressions,
// types and definitions are PostgreSQL's own text (pg_get_expr, format_type, pg_get_*def),
// printed as they are. Every statement ends with a semicolon; statements are separated by
// newlines, sub-object statements after a blank line.

#include "catalog/catalog.h"

#include <QString>

namespace bellows::catalog::ddl {

QString create(const Schema& schema);
QString create(const Extension& extension);
QString create(const EnumType& type);
QString create(const Domain& domain);
QString create(const CompositeType& type);
// The sequence, then ALTER SEQUENCE … OWNED BY when it is owned by a column.
QString create(const Sequence& sequence);
// CREATE TABLE with its local columns and validated constraints inline; then NOT VALID
// constraints, indexes that back no constraint, triggers, row-level security, policies and
// comments.
QString create(const Table& table);
// CREATE [MATERIALIZED] VIEW … AS <pg_get_viewdef>; then indexes, triggers and comments.
QString create(const View& view);
// pg_get_functiondef, or the CREATE OR REPLACE AGGREGATE introspection writes for an aggregate.
QString create(const Function& function);
// ALTER DEFAULT PRIVILEGES … GRANT for each grant (a comment when there is none).
QString create(const DefaultAcl& defaults);

// Sub-objects, with the relation they belong to.
QString create(const Column& column, const QString& schema, const QString& relation);
QString create(const Constraint& constraint, const QString& schema, const QString& relation);
QString create(const Index& index, const QString& schema, const QString& relation);
QString create(const Trigger& trigger, const QString& schema, const QString& relation);
QString create(const Policy& policy, const QString& schema, const QString& relation);

// name type [COLLATE c] [GENERATED … | DEFAULT e] [identity] [NOT NULL], as in CREATE TABLE.
QString columnDefinition(const Column& column);

} // namespace bellows::catalog::ddl
