#include "batch_database.h"

#include "pq/connection.h"
#include "sql/quote.h"

namespace bellows::safety {

using sql::quoteIdent;
using sql::quoteLiteral;

QString shownCell(const Cell& cell)
{
    return cell ? QLatin1Char('\'') + cell->left(60) + QLatin1Char('\'') : QStringLiteral("NULL");
}

QString planTimeZone()
{
    return QStringLiteral("America/New_York");
}

QString pinnedSettingsSql(bool local)
{
    const QString set = local ? QStringLiteral("SET LOCAL ") : QStringLiteral("SET ");
    return set + QStringLiteral("TimeZone = %1; ").arg(quoteLiteral(planTimeZone())) + set +
           QStringLiteral("DateStyle = 'ISO, MDY'; ") + set +
           QStringLiteral("IntervalStyle = 'postgres'; ") + set +
           QStringLiteral("extra_float_digits = 1; ") + set +
           QStringLiteral("bytea_output = 'hex';");
}

QString unpinnedDefaultsSql(const QString& database)
{
    const QString alter = QStringLiteral("ALTER DATABASE %1 SET ").arg(quoteIdent(database));
    // Lord Howe: a half-hour DST shift, on other dates than New York's.
    return alter + QStringLiteral("TimeZone = 'Australia/Lord_Howe'; ") + alter +
           QStringLiteral("DateStyle = 'SQL, DMY'; ") + alter +
           QStringLiteral("IntervalStyle = 'sql_standard'; ") + alter +
           QStringLiteral("extra_float_digits = 0; ") + alter +
           QStringLiteral("bytea_output = 'escape';");
}

namespace {

QString createTable(const SourceTable& t, const QHash<QString, QString>& types, bool withOrig)
{
    QStringList columns{QStringLiteral("id integer PRIMARY KEY")};
    if (withOrig)
        columns << QStringLiteral("orig ") + t.typeSql;
    for (const QString& c : t.columns)
        columns << quoteIdent(c) + QLatin1Char(' ') + types.value(c, t.typeSql);
    return QStringLiteral("CREATE TABLE %1 (\n    %2\n);\n")
        .arg(quoteIdent(t.name), columns.join(QStringLiteral(",\n    ")));
}

QString insertRows(const SourceTable& t, bool withOrig)
{
    if (t.values.empty())
        return {};
    QStringList names{QStringLiteral("id")};
    QStringList casts{QStringLiteral("v.id")};
    const QString cast = QStringLiteral("v.x::") + t.typeSql;
    if (withOrig) {
        names << QStringLiteral("orig");
        casts << cast;
    }
    for (const QString& c : t.columns) {
        names << quoteIdent(c);
        casts << cast;
    }
    QStringList rows;
    for (size_t i = 0; i < t.values.size(); ++i)
        rows << QStringLiteral("(%1, %2)")
                    .arg(i + 1)
                    .arg(t.values[i] ? quoteLiteral(*t.values[i]) : QStringLiteral("NULL::text"));
    return QStringLiteral("INSERT INTO %1 (%2) SELECT %3 FROM (VALUES %4) AS v(id, x);\n")
        .arg(quoteIdent(t.name), names.join(QStringLiteral(", ")), casts.join(QStringLiteral(", ")),
             rows.join(QStringLiteral(", ")));
}

QString schemaSql(const BatchSpec& spec, bool oracle)
{
    QString out = spec.typesSql;
    for (const SourceTable& t : spec.tables)
        out += createTable(t, {}, oracle) + insertRows(t, oracle);
    if (oracle)
        out += spec.newTypesSql;
    return out;
}

} // namespace

QString liveSchemaSql(const BatchSpec& spec)
{
    return schemaSql(spec, false);
}

QString oracleSchemaSql(const BatchSpec& spec)
{
    return schemaSql(spec, true);
}

QString targetSql(const BatchSpec& spec, const QSet<QString>& converted)
{
    QString out = spec.typesSql + spec.newTypesSql;
    for (const SourceTable& t : spec.tables) {
        QHash<QString, QString> types;
        for (const ConversionCase& c : spec.cases)
            if (c.table == t.name && converted.contains(c.key()))
                types.insert(c.column, c.toSql);
        out += createTable(t, types, false);
    }
    return out;
}

QString changedCondition(const QString& a, const QString& b, const QString& typeSql)
{
    if (typeSql == QLatin1String("json"))
        return QStringLiteral("(%1)::jsonb IS DISTINCT FROM (%2)::jsonb").arg(a, b);
    return QStringLiteral("(%1) IS DISTINCT FROM (%2)").arg(a, b);
}

Result<TableData> readTable(pq::Connection& conn, const QString& table)
{
    auto columns = conn.exec(QStringLiteral("SELECT attname, format_type(atttypid, atttypmod) "
                                            "FROM pg_attribute WHERE attrelid = $1::regclass "
                                            "AND attnum > 0 AND NOT attisdropped ORDER BY attnum"),
                             {quoteIdent(table)});
    if (!columns)
        return columns.error();
    QStringList names;
    QStringList selected;
    TableData data;
    for (int r = 0; r < columns->rows(); ++r) {
        names << columns->text(r, 0);
        selected << quoteIdent(columns->text(r, 0)) + QStringLiteral("::text");
        data[columns->text(r, 0)].type = columns->text(r, 1);
    }
    // ORDER BY the table's id, not the text column of the select list named id.
    auto rows = conn.exec(QStringLiteral("SELECT %1 FROM %2 AS source ORDER BY source.id")
                              .arg(selected.join(QStringLiteral(", ")), quoteIdent(table)));
    if (!rows)
        return rows.error();
    for (int r = 0; r < rows->rows(); ++r)
        for (int c = 0; c < names.size(); ++c)
            data[names.at(c)].values.push_back(rows->isNull(r, c) ? Cell()
                                                                  : Cell(rows->text(r, c)));
    return data;
}

} // namespace bellows::safety
