#include "sql/quote.h"

#include <QSet>

namespace bellows::sql {

namespace {

// Keywords PostgreSQL's own quote_ident() quotes: every category but "unreserved"
// (reserved, type/function-name, column-name), as of PostgreSQL 18.
const QSet<QString>& quotedKeywords()
{
    static const QSet<QString> words = [] {
        const char* list[] = {
            // reserved
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both",
            "case", "cast", "check", "collate", "column", "constraint", "create", "current_catalog",
            "current_date", "current_role", "current_time", "current_timestamp", "current_user",
            "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false",
            "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially",
            "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp",
            "not", "null", "offset", "on", "only", "or", "order", "placing", "primary",
            "references", "returning", "select", "session_user", "some", "symmetric", "system_user",
            "table", "then", "to", "trailing", "true", "union", "unique", "user", "using",
            "variadic", "when", "where", "window", "with",
            // type or function name
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema",
            "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left", "like", "natural",
            "notnull", "outer", "overlaps", "right", "similar", "tablesample", "verbose",
            // column name
            "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec",
            "decimal", "exists", "extract", "float", "greatest", "grouping", "inout", "int",
            "integer", "interval", "json", "json_array", "json_arrayagg", "json_exists",
            "json_object", "json_objectagg", "json_query", "json_scalar", "json_serialize",
            "json_table", "json_value", "least", "merge_action", "national", "nchar", "none",
            "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real",
            "row", "setof", "smallint", "substring", "time", "timestamp", "treat", "trim", "values",
            "varchar", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest",
            "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable"};
        QSet<QString> set;
        for (const char* w : list)
            set.insert(QString::fromLatin1(w));
        return set;
    }();
    return words;
}

bool isPlainIdentifier(const QString& identifier)
{
    if (identifier.isEmpty())
        return false;
    const QChar first = identifier.front();
    if (!((first >= QLatin1Char('a') && first <= QLatin1Char('z')) || first == QLatin1Char('_')))
        return false;
    for (const QChar c : identifier) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                        (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_');
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

bool isReservedKeyword(const QString& word)
{
    return quotedKeywords().contains(word.toLower());
}

QString quoteIdentAlways(const QString& identifier)
{
    QString escaped = identifier;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString quoteIdent(const QString& identifier)
{
    if (isPlainIdentifier(identifier) && !quotedKeywords().contains(identifier))
        return identifier;
    return quoteIdentAlways(identifier);
}

QString qualified(const QString& schema, const QString& name)
{
    if (schema.isEmpty())
        return quoteIdent(name);
    return quoteIdent(schema) + QLatin1Char('.') + quoteIdent(name);
}

QString quoteLiteral(const QString& value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\''), QStringLiteral("''"));
    if (escaped.contains(QLatin1Char('\\'))) {
        escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        return QStringLiteral("E'") + escaped + QLatin1Char('\'');
    }
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QStringList splitQualifiedName(const QString& text)
{
    QStringList parts;
    QString current;
    bool inQuotes = false;
    bool partQuoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    current += c;
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                current += c;
            }
        } else if (c == QLatin1Char('"')) {
            inQuotes = true;
            partQuoted = true;
        } else if (c == QLatin1Char('.')) {
            if (current.isEmpty())
                return {};
            parts << current;
            current.clear();
            partQuoted = false;
        } else {
            current += c;
        }
    }
    if (inQuotes || (current.isEmpty() && !partQuoted))
        return {};
    parts << current;
    return parts;
}

} // namespace bellows::sql
