#include "plan/sql_builders.h"

#include "sql/quote.h"

#include <QCryptographicHash>

#include <algorithm>

namespace bellows::plan::sqlb {

using sql::quoteIdent;
using sql::quoteLiteral;

namespace {

constexpr int kMaxIdentifierBytes = 63; // NAMEDATALEN - 1

QString semi(const QString& statement)
{
    return statement + QLatin1Char(';');
}

} // namespace

QString rel(const QString& schema, const QString& name)
{
    return sql::qualified(schema, name);
}

QString idPath(const QString& schema, const QString& table, const QString& sub)
{
    QString path = schema + QLatin1Char('.') + table;
    if (!sub.isEmpty())
        path += QLatin1Char('.') + sub;
    return path;
}

QString stepId(const QString& phase, const QString& action, const QString& path)
{
    return phase + QLatin1Char(':') + action + QLatin1Char(':') + path;
}

namespace {

// base, shortened to leave room for "_<hash>" + suffix, then the hash and the suffix.
QString hashMarked(const QString& base, const QString& suffix, const QByteArray& identity)
{
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex().left(8));
    const int room = kMaxIdentifierBytes - int(suffix.toUtf8().size()) - 9; // '_' + 8 hex
    QString shortened = base;
    while (!shortened.isEmpty() && shortened.toUtf8().size() > room)
        shortened.chop(1);
    return shortened + QLatin1Char('_') + hash + suffix;
}

} // namespace

QString boundedName(const QString& base, const QString& suffix)
{
    const QString full = base + suffix;
    if (full.toUtf8().size() <= kMaxIdentifierBytes)
        return full;
    // Keep the suffix readable; shorten the base and mark it with a hash of the full name.
    return hashMarked(base, suffix, full.toUtf8());
}

QString compositeName(const QString& prefix, const QStringList& parts, const QString& suffix)
{
    const QString joined = prefix + parts.join(QLatin1Char('_'));
    // Without '_' in any part but the last, the joined text splits back one way only.
    const bool ambiguous =
        parts.size() > 1 && std::any_of(parts.begin(), parts.end() - 1, [](const QString& part) {
            return part.contains(QLatin1Char('_'));
        });
    if (!ambiguous)
        return boundedName(joined, suffix);
    // The identity keeps the parts apart (0x1f cannot occur in a name PostgreSQL accepts).
    const QString identity = prefix + QLatin1Char('\x1e') + parts.join(QLatin1Char('\x1f')) +
                             QLatin1Char('\x1e') + suffix;
    return hashMarked(joined, suffix, identity.toUtf8());
}

QString catalogName(const QString& text)
{
    QStringList parts = sql::splitQualifiedName(text);
    if (parts.isEmpty())
        return quoteIdent(text);
    for (QString& part : parts)
        part = quoteIdent(part);
    return parts.join(QLatin1Char('.'));
}

QString dollarQuoted(const QString& body)
{
    QString tag = QStringLiteral("$bellows$");
    for (int n = 1; body.contains(tag); ++n)
        tag = QStringLiteral("$bellows_%1$").arg(n);
    // A newline before the closing tag: a body ending in "$bellows" cannot merge with it.
    const QString end = body.endsWith(QLatin1Char('\n')) ? QString() : QStringLiteral("\n");
    return tag + QLatin1Char('\n') + body + end + tag;
}

QString emptyTableGuard(const QString& schema, const QString& table)
{
    const QString relation = rel(schema, table);
    const QString message = QStringLiteral("bellows: %1 held no rows when the plan was made and "
                                           "holds rows now; plan again")
                                .arg(relation);
    return QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE;\n"
                          "DO %2;")
        .arg(relation, dollarQuoted(QStringLiteral("BEGIN\n    IF EXISTS (SELECT FROM %1) THEN\n"
                                                   "        RAISE EXCEPTION USING ERRCODE = "
                                                   "'object_not_in_prerequisite_state', MESSAGE = "
                                                   "%2;\n    END IF;\nEND\n")
                                        .arg(relation, quoteLiteral(message))));
}

QString typeSql(const catalog::Column& column)
{
    // format_type() already qualifies types outside the search path; add the schema only for
    // user-defined types it left bare.
    if (column.typeSchema.isEmpty() || column.typeSchema == QLatin1String("pg_catalog") ||
        column.type.contains(QLatin1Char('.')))
        return column.type;
    return quoteIdent(column.typeSchema) + QLatin1Char('.') + column.type;
}

QString columnDefinition(const catalog::Column& column, bool withDefault, bool withNotNull)
{
    QString out = quoteIdent(column.name) + QLatin1Char(' ') + typeSql(column);
    if (!column.collation.isEmpty())
        out += QStringLiteral(" COLLATE ") + catalogName(column.collation);
    if (column.generated != catalog::GeneratedKind::None) {
        out += QStringLiteral(" GENERATED ALWAYS AS (%1) %2")
                   .arg(column.generatedExpr, column.generated == catalog::GeneratedKind::Stored
                                                  ? QStringLiteral("STORED")
                                                  : QStringLiteral("VIRTUAL"));
    } else if (withDefault && !column.defaultExpr.isEmpty()) {
        out += QStringLiteral(" DEFAULT ") + column.defaultExpr;
    }
    if (column.identity == catalog::IdentityKind::Always)
        out += QStringLiteral(" GENERATED ALWAYS AS IDENTITY");
    else if (column.identity == catalog::IdentityKind::ByDefault)
        out += QStringLiteral(" GENERATED BY DEFAULT AS IDENTITY");
    if (withNotNull && column.notNull)
        out += QStringLiteral(" NOT NULL");
    return out;
}

QString alterTable(const QString& schema, const QString& table, const QString& clause)
{
    return semi(QStringLiteral("ALTER TABLE ") + rel(schema, table) + QLatin1Char(' ') + clause);
}

QString addColumn(const QString& schema, const QString& table, const catalog::Column& column,
                  bool withDefault, bool withNotNull)
{
    return alterTable(schema, table,
                      QStringLiteral("ADD COLUMN ") +
                          columnDefinition(column, withDefault, withNotNull));
}

QString dropColumn(const QString& schema, const QString& table, const QString& column)
{
    return alterTable(schema, table, QStringLiteral("DROP COLUMN ") + quoteIdent(column));
}

QString renameColumn(const QString& schema, const QString& table, const QString& from,
                     const QString& to)
{
    return alterTable(
        schema, table,
        QStringLiteral("RENAME COLUMN %1 TO %2").arg(quoteIdent(from), quoteIdent(to)));
}

QString setDefault(const QString& schema, const QString& table, const QString& column,
                   const QString& expression)
{
    return alterTable(
        schema, table,
        QStringLiteral("ALTER COLUMN %1 SET DEFAULT %2").arg(quoteIdent(column), expression));
}

QString dropDefault(const QString& schema, const QString& table, const QString& column)
{
    return alterTable(schema, table,
                      QStringLiteral("ALTER COLUMN %1 DROP DEFAULT").arg(quoteIdent(column)));
}

QString setNotNull(const QString& schema, const QString& table, const QString& column)
{
    return alterTable(schema, table,
                      QStringLiteral("ALTER COLUMN %1 SET NOT NULL").arg(quoteIdent(column)));
}

QString dropNotNull(const QString& schema, const QString& table, const QString& column)
{
    return alterTable(schema, table,
                      QStringLiteral("ALTER COLUMN %1 DROP NOT NULL").arg(quoteIdent(column)));
}

QString alterType(const QString& schema, const QString& table, const QString& column,
                  const QString& typeSql)
{
    return alterTable(schema, table,
                      QStringLiteral("ALTER COLUMN %1 TYPE %2").arg(quoteIdent(column), typeSql));
}

QString addConstraint(const QString& schema, const QString& table, const QString& name,
                      const QString& definition, bool notValid)
{
    QString clause = QStringLiteral("ADD CONSTRAINT %1 %2").arg(quoteIdent(name), definition);
    if (notValid)
        clause += QStringLiteral(" NOT VALID");
    return alterTable(schema, table, clause);
}

QString validateConstraint(const QString& schema, const QString& table, const QString& name)
{
    return alterTable(schema, table, QStringLiteral("VALIDATE CONSTRAINT ") + quoteIdent(name));
}

QString dropConstraint(const QString& schema, const QString& table, const QString& name,
                       bool ifExists)
{
    return alterTable(schema, table,
                      (ifExists ? QStringLiteral("DROP CONSTRAINT IF EXISTS ")
                                : QStringLiteral("DROP CONSTRAINT ")) +
                          quoteIdent(name));
}

QString commentOnColumn(const QString& schema, const QString& table, const QString& column,
                        const QString& comment)
{
    return semi(QStringLiteral("COMMENT ON COLUMN %1.%2 IS %3")
                    .arg(rel(schema, table), quoteIdent(column),
                         comment.isEmpty() ? QStringLiteral("NULL") : quoteLiteral(comment)));
}

QString commentOnTable(const QString& schema, const QString& table, const QString& comment)
{
    return semi(QStringLiteral("COMMENT ON TABLE %1 IS %2")
                    .arg(rel(schema, table),
                         comment.isEmpty() ? QStringLiteral("NULL") : quoteLiteral(comment)));
}

QString dropIndexConcurrently(const QString& schema, const QString& name)
{
    return semi(QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS ") + rel(schema, name));
}

QString renameIndex(const QString& schema, const QString& from, const QString& to)
{
    return semi(
        QStringLiteral("ALTER INDEX %1 RENAME TO %2").arg(rel(schema, from), quoteIdent(to)));
}

Lock lock(LockMode mode, const QString& schema, const QString& name, bool brief)
{
    return Lock{mode, rel(schema, name), brief};
}

Hazard hazard(HazardKind kind, const QString& explanation)
{
    return Hazard{kind, explanation};
}

} // namespace bellows::plan::sqlb
