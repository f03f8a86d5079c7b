// Index and constraint definitions spelled client-side, character for character as
// PostgreSQL's pg_get_indexdef(oid) and pg_get_constraintdef(oid) print them (ruleutils.c,
// unchanged in these parts from 12 to 18). Calling those functions costs a catalog scan per
// object (most of the time of a large introspection). The queries still ask the server for the
// shapes this file would not spell exactly: expression keys, reloptions, opclass options,
// access methods other than btree and hash, exclusion constraints, temporal keys, ON DELETE
// SET NULL (columns). Expressions (predicates, CHECK bodies) always come from pg_get_expr,
// which deparses them exactly as the *def functions do. Tests compare every definition with
// the server's on 12, 15 and 18.

#include "introspect/catalog_readers.h"

namespace bellows::introspect::detail {

using namespace catalog;

namespace {

QString columnList(const ReadState& s, const QStringList& columns)
{
    QString out;
    for (const QString& column : columns) {
        if (!out.isEmpty())
            out += QStringLiteral(", ");
        out += s.quote(column);
    }
    return out;
}

// pg_get_indexdef_worker: CREATE [UNIQUE] INDEX name ON [ONLY] schema.table USING am (keys)
// [INCLUDE (columns)] [NULLS NOT DISTINCT] [WHERE predicate]
QString indexDefinition(const ReadState& s, const QString& qualifiedTable, bool partitioned,
                        const Index& x)
{
    // Only btree among the methods spelled here can order (amcanorder).
    const bool canOrder = x.method == QLatin1String("btree");
    QString out;
    out.reserve(160);
    out += x.unique ? QStringLiteral("CREATE UNIQUE INDEX ") : QStringLiteral("CREATE INDEX ");
    out += s.quote(x.name);
    out += partitioned ? QStringLiteral(" ON ONLY ") : QStringLiteral(" ON ");
    out += qualifiedTable + QStringLiteral(" USING ") + s.quote(x.method) + QStringLiteral(" (");
    bool first = true;
    for (const IndexKey& key : x.keys) {
        if (!first)
            out += QStringLiteral(", ");
        first = false;
        out += s.quote(key.column);
        if (!key.collation.isEmpty())
            out += QStringLiteral(" COLLATE ") + key.collation;
        if (!key.opclass.isEmpty())
            out += QLatin1Char(' ') + key.opclass;
        if (canOrder) {
            if (key.descending)
                out +=
                    key.nullsFirst ? QStringLiteral(" DESC") : QStringLiteral(" DESC NULLS LAST");
            else if (key.nullsFirst)
                out += QStringLiteral(" NULLS FIRST");
        }
    }
    if (!x.include.isEmpty())
        out += QStringLiteral(") INCLUDE (") + columnList(s, x.include);
    out += QLatin1Char(')');
    if (x.nullsNotDistinct)
        out += QStringLiteral(" NULLS NOT DISTINCT");
    if (!x.predicate.isEmpty())
        out += QStringLiteral(" WHERE ") + x.predicate;
    return out;
}

// pg_get_constraintdef_worker for PRIMARY KEY, UNIQUE, FOREIGN KEY and CHECK.
QString constraintDefinition(const ReadState& s, const Table& t, const Constraint& c)
{
    QString out;
    out.reserve(120);
    switch (c.kind) {
    case ConstraintKind::PrimaryKey:
    case ConstraintKind::Unique: {
        out = c.kind == ConstraintKind::PrimaryKey ? QStringLiteral("PRIMARY KEY ")
                                                   : QStringLiteral("UNIQUE ");
        if (c.kind == ConstraintKind::Unique && c.nullsNotDistinct)
            out += QStringLiteral("NULLS NOT DISTINCT ");
        out += QLatin1Char('(') + columnList(s, c.columns) + QLatin1Char(')');
        // INCLUDE columns are those of the index behind the constraint.
        if (const Index* index = t.index(c.indexName); index && !index->include.isEmpty())
            out += QStringLiteral(" INCLUDE (") + columnList(s, index->include) + QLatin1Char(')');
        break;
    }
    case ConstraintKind::ForeignKey:
        out = QStringLiteral("FOREIGN KEY (") + columnList(s, c.columns) +
              QStringLiteral(") REFERENCES ") + s.quote(c.refSchema) + QLatin1Char('.') +
              s.quote(c.refTable) + QLatin1Char('(') + columnList(s, c.refColumns) +
              QLatin1Char(')');
        if (c.matchType != QLatin1String("SIMPLE"))
            out += QStringLiteral(" MATCH ") + c.matchType;
        if (c.onUpdate != QLatin1String("NO ACTION"))
            out += QStringLiteral(" ON UPDATE ") + c.onUpdate;
        if (c.onDelete != QLatin1String("NO ACTION"))
            out += QStringLiteral(" ON DELETE ") + c.onDelete;
        break;
    case ConstraintKind::Check:
        out = QStringLiteral("CHECK (") + c.checkExpression + QLatin1Char(')');
        if (c.noInherit)
            out += QStringLiteral(" NO INHERIT");
        break;
    case ConstraintKind::Exclusion:
        return {}; // always from the server
    }
    if (c.deferrable)
        out += QStringLiteral(" DEFERRABLE");
    if (c.initiallyDeferred)
        out += QStringLiteral(" INITIALLY DEFERRED");
    if (!c.enforced)
        out += QStringLiteral(" NOT ENFORCED");
    else if (!c.validated)
        out += QStringLiteral(" NOT VALID");
    return out;
}

} // namespace

void buildDefinitions(ReadState& s)
{
    for (Table& t : s.catalog.tables) {
        const bool partitioned = t.kind == TableKind::Partitioned;
        const QString qualified = s.quote(t.schema) + QLatin1Char('.') + s.quote(t.name);
        for (Index& x : t.indexes) {
            if (x.definition.isEmpty())
                x.definition = indexDefinition(s, qualified, partitioned, x);
        }
        for (Constraint& c : t.constraints) {
            if (c.definition.isEmpty())
                c.definition = constraintDefinition(s, t, c);
        }
    }
    for (View& v : s.catalog.views) {
        const QString qualified = s.quote(v.schema) + QLatin1Char('.') + s.quote(v.name);
        for (Index& x : v.indexes) {
            if (x.definition.isEmpty())
                x.definition = indexDefinition(s, qualified, false, x);
        }
    }
}

} // namespace bellows::introspect::detail
