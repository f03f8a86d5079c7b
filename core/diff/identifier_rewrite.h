#pragma once

// After a confirmed rename, PostgreSQL rewrites the definitions that mention the renamed table
// or column (indexes, constraints, triggers, policies). The database side still has the old
// names, the target the new ones; rewriting the database-side text lets the two compare equal.

#include <QHash>
#include <QSet>
#include <QString>

namespace bellows::diff {

struct IdentifierRewrite {
    // Qualified relation references: catalog::key(schema, old) -> new name.
    QHash<QString, QString> relations;
    // Columns of the relation the text belongs to: old -> new. Applied to bare names and to
    // names qualified by one of selfQualifiers; never to function names (followed by '(').
    QHash<QString, QString> columns;
    QSet<QString> selfQualifiers; // the relation's old and new names, OLD, NEW, EXCLUDED
    // Bare names used as qualifiers (`users.id` in pg_get_viewdef output): old -> new.
    QHash<QString, QString> qualifiers;

    bool isEmpty() const
    {
        return relations.isEmpty() && columns.isEmpty() && qualifiers.isEmpty();
    }
};

// Token-aware: string literals, dollar-quoted bodies and quoted identifiers are honoured, new
// names go through sql::quoteIdent. Text that mentions none of the names is returned as is.
QString rewriteIdentifiers(const QString& sql, const IdentifierRewrite& rewrite);

} // namespace bellows::diff
