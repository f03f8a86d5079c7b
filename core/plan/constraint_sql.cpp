#include "plan/constraint_sql.h"

#include "sql/quote.h"

namespace bellows::plan::recipes::csql {

using catalog::Constraint;
using diff::Change;
using sql::qualified;
using sql::quoteIdent;

QString liveName(const Change& c, const RecipeContext& ctx)
{
    if (ctx.liveTable(c.schema, c.table))
        return c.table;
    if (!c.tableRenamedFrom.isEmpty() && ctx.liveTable(c.schema, c.tableRenamedFrom))
        return c.tableRenamedFrom;
    return {};
}

QString stepId(Phase phase, const QString& verb, const Change& c, const QString& name)
{
    return toString(phase) + QLatin1Char(':') + verb + QLatin1Char(':') + c.schema +
           QLatin1Char('.') + c.table + QLatin1Char('.') + name;
}

QString alterTable(const Change& c)
{
    return QStringLiteral("ALTER TABLE ") + qualified(c.schema, c.table);
}

QString liveKey(const QString& kind, const Change& c, const QString& name, const RecipeContext& ctx)
{
    return kind + QLatin1Char(' ') + c.schema + QLatin1Char('.') + liveName(c, ctx) +
           QLatin1Char('.') + name;
}

QString body(const Constraint& k)
{
    QString text = k.definition.trimmed();
    const QString suffix = QStringLiteral(" NOT VALID");
    if (text.endsWith(suffix))
        text.chop(suffix.size());
    return text;
}

QString addSql(const Change& c, const Constraint& k, bool notValid)
{
    return alterTable(c) + QStringLiteral(" ADD CONSTRAINT ") + quoteIdent(k.name) +
           QLatin1Char(' ') + body(k) +
           (notValid ? QStringLiteral(" NOT VALID;") : QStringLiteral(";"));
}

QString dropSql(const Change& c, const QString& name)
{
    return alterTable(c) + QStringLiteral(" DROP CONSTRAINT IF EXISTS ") + quoteIdent(name) +
           QLatin1Char(';');
}

QString columnList(const QStringList& columns)
{
    QStringList out;
    for (const QString& column : columns)
        out << quoteIdent(column);
    return out.join(QStringLiteral(", "));
}

} // namespace bellows::plan::recipes::csql
