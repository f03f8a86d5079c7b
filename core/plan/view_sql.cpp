#include "plan/view_sql.h"

#include "sql/quote.h"

namespace bellows::plan::viewsql {

using sql::qualified;
using sql::quoteIdent;
using sql::quoteLiteral;

namespace {

// pg_get_viewdef: " SELECT ...;" — the body without the final semicolon.
QString body(const catalog::View& v)
{
    QString text = v.definition.trimmed();
    while (text.endsWith(QLatin1Char(';')))
        text.chop(1);
    return text;
}

} // namespace

// reloptions "key=value" as a WITH clause, keys quoted and values as literals.
QString optionList(const QStringList& options)
{
    QStringList out;
    for (const QString& option : options) {
        const qsizetype eq = option.indexOf(QLatin1Char('='));
        if (eq < 0)
            out << quoteIdent(option);
        else
            out << quoteIdent(option.left(eq)) + QLatin1Char('=') +
                       quoteLiteral(option.mid(eq + 1));
    }
    return out.join(QStringLiteral(", "));
}

QString kindWord(const catalog::View& v)
{
    return v.materialized ? QStringLiteral("MATERIALIZED VIEW") : QStringLiteral("VIEW");
}

QString createSql(const catalog::View& v, const QString& name, bool orReplace)
{
    QString sql = QStringLiteral("CREATE ") +
                  (orReplace ? QStringLiteral("OR REPLACE ") : QString()) + kindWord(v) +
                  QLatin1Char(' ') + qualified(v.schema, name);
    if (!v.options.isEmpty())
        sql += QStringLiteral(" WITH (") + optionList(v.options) + QLatin1Char(')');
    sql += QStringLiteral(" AS\n") + body(v);
    if (v.materialized)
        sql += v.populated ? QStringLiteral("\nWITH DATA") : QStringLiteral("\nWITH NO DATA");
    return sql + QLatin1Char(';');
}

QString dropSql(const catalog::View& v, const QString& name)
{
    return QStringLiteral("DROP ") + kindWord(v) + QStringLiteral(" IF EXISTS ") +
           qualified(v.schema, name) + QLatin1Char(';');
}

QStringList extras(const catalog::View& v)
{
    QStringList out;
    const QString name = qualified(v.schema, v.name);
    if (!v.comment.isEmpty())
        out << QStringLiteral("COMMENT ON ") + kindWord(v) + QLatin1Char(' ') + name +
                   QStringLiteral(" IS ") + quoteLiteral(v.comment) + QLatin1Char(';');
    for (const catalog::Column& c : v.columns) {
        if (!c.comment.isEmpty())
            out << QStringLiteral("COMMENT ON COLUMN ") + name + QLatin1Char('.') +
                       quoteIdent(c.name) + QStringLiteral(" IS ") + quoteLiteral(c.comment) +
                       QLatin1Char(';');
    }
    for (const catalog::Trigger& t : v.triggers)
        out << t.definition.trimmed() + QLatin1Char(';');
    return out;
}

QStringList createAll(const catalog::View& v)
{
    QStringList out{createSql(v, v.name, false)};
    for (const catalog::Index& index : v.indexes)
        out << index.definition.trimmed() + QLatin1Char(';');
    out << extras(v);
    return out;
}

} // namespace bellows::plan::viewsql
