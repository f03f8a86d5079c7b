#include "merged_apply.h"

#include "batch_database.h"
#include "bellows_runs.h"
#include "sql/quote.h"

#include <map>

namespace bellows::safety {

using sql::quoteIdent;
using sql::quoteLiteral;

Value ApplyTable::cell(size_t row, const ApplyColumn& column) const
{
    const ApplyRow& r = rows[row];
    return column.sources.contains(r.source->name) ? r.source->values[r.index] : Value();
}

namespace {

const SourceTable* findTable(const BatchSpec& spec, const QString& name)
{
    for (const SourceTable& t : spec.tables)
        if (t.name == name)
            return &t;
    return nullptr;
}

ApplyColumn& columnFor(ApplyTable& table, const ConversionCase& c, bool lossy)
{
    for (ApplyColumn& column : table.columns)
        if (column.toSql == c.toSql && column.usingExpression == c.usingExpression &&
            column.lossy == lossy)
            return column;
    ApplyColumn column;
    // A --using expression names the source column: the merged column keeps that name.
    column.name = c.usingExpression.isEmpty() ? QStringLiteral("c%1").arg(table.columns.size() + 1)
                                              : c.column;
    column.toSql = c.toSql;
    column.usingExpression = c.usingExpression;
    column.lossy = lossy;
    table.columns.push_back(column);
    return table.columns.back();
}

} // namespace

std::vector<ApplyTable> mergeAccepted(const BatchSpec& spec, const QSet<QString>& clean,
                                      const QSet<QString>& lossy)
{
    std::vector<ApplyTable> out;
    std::map<QString, size_t> byType;        // source type → index into out
    QHash<QString, QSet<QString>> rowsTaken; // apply table → source tables merged
    for (const ConversionCase& c : spec.cases) {
        const bool isLossy = lossy.contains(c.key());
        if (!isLossy && !clean.contains(c.key()))
            continue;
        const SourceTable* source = findTable(spec, c.table);
        if (!source)
            continue;
        // Empty source tables stay empty: that is the in-place route.
        const bool empty = source->values.empty();
        auto [it, added] = byType.try_emplace(
            c.fromSql + (empty ? QStringLiteral(" (empty)") : QString()), out.size());
        if (added)
            out.push_back({QStringLiteral("apply_%1").arg(out.size() + 1), c.fromSql, {}, {}});
        ApplyTable& table = out[it->second];
        columnFor(table, c, isLossy).sources.insert(source->name, c.column);
        if (!rowsTaken[table.name].contains(source->name)) {
            rowsTaken[table.name].insert(source->name);
            for (size_t i = 0; i < source->values.size(); ++i)
                table.rows.push_back({source, i});
        }
    }
    return out;
}

namespace {

QString createTable(const ApplyTable& t, const QSet<QString>& converted, bool target)
{
    QStringList columns{QStringLiteral("id integer PRIMARY KEY")};
    for (const ApplyColumn& c : t.columns) {
        const bool asNew = target && converted.contains(t.name + QLatin1Char('.') + c.name);
        columns << quoteIdent(c.name) + QLatin1Char(' ') + (asNew ? c.toSql : t.typeSql);
    }
    return QStringLiteral("CREATE TABLE %1 (\n    %2\n);\n")
        .arg(quoteIdent(t.name), columns.join(QStringLiteral(",\n    ")));
}

QString insertRows(const ApplyTable& t)
{
    if (t.rows.empty())
        return {};
    QStringList names{QStringLiteral("id")};
    for (const ApplyColumn& c : t.columns)
        names << quoteIdent(c.name);
    QStringList rows;
    for (size_t r = 0; r < t.rows.size(); ++r) {
        QStringList cells{QString::number(r + 1)};
        for (const ApplyColumn& c : t.columns) {
            const Value v = t.cell(r, c);
            cells << (v ? QStringLiteral("%1::%2").arg(quoteLiteral(*v), t.typeSql)
                        : QStringLiteral("NULL"));
        }
        rows << QLatin1Char('(') + cells.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    return QStringLiteral("INSERT INTO %1 (%2) VALUES\n    %3;\n")
        .arg(quoteIdent(t.name), names.join(QStringLiteral(", ")),
             rows.join(QStringLiteral(",\n    ")));
}

QSet<QString> allBut(const std::vector<const ApplyTable*>& tables, const QSet<QString>& kept)
{
    QSet<QString> out;
    for (const ApplyTable* t : tables)
        for (const ApplyColumn& c : t->columns)
            if (!kept.contains(t->name + QLatin1Char('.') + c.name))
                out << t->name + QLatin1Char('.') + c.name;
    return out;
}

} // namespace

QString applySchemaSql(const BatchSpec& spec, const std::vector<const ApplyTable*>& tables)
{
    QString out = spec.typesSql; // the types the target creates are not there yet
    for (const ApplyTable* t : tables)
        out += createTable(*t, {}, false) + insertRows(*t);
    return out;
}

QString applyTargetSql(const BatchSpec& spec, const std::vector<const ApplyTable*>& tables,
                       const QSet<QString>& kept)
{
    const QSet<QString> converted = allBut(tables, kept);
    QString out = spec.typesSql + spec.newTypesSql;
    for (const ApplyTable* t : tables)
        out += createTable(*t, converted, true);
    return out;
}

QStringList applyChoiceArgs(const std::vector<const ApplyTable*>& tables, const QSet<QString>& kept)
{
    QStringList args{QStringLiteral("--time-zone"), planTimeZone()};
    for (const ApplyTable* t : tables) {
        for (const ApplyColumn& c : t->columns) {
            if (kept.contains(t->name + QLatin1Char('.') + c.name))
                continue;
            const QString path = columnPath(t->name, c.name);
            if (!c.usingExpression.isEmpty())
                args << QStringLiteral("--using") << path + QLatin1Char('=') + c.usingExpression;
            if (c.lossy)
                args << QStringLiteral("--accept-lossy") << path;
        }
    }
    return args;
}

} // namespace bellows::safety
