#include "matrix_batches.h"

namespace bellows::safety {

BatchSpec matrixBatch(const QString& name, const std::vector<SqlType>& types,
                      const std::vector<ShapeSpec>& shapes, quint64 seed, bool full)
{
    BatchSpec spec;
    spec.name = name;
    spec.typesSql = supportingTypesSql(full);
    for (const ShapeSpec& shape : shapes) {
        for (const SqlType& from : types) {
            const auto values = shapeValues(from, shape, seed);
            if (!values)
                continue;
            SourceTable table{
                QStringLiteral("t_%1_%2").arg(shape.name, from.key), from.sql, {}, *values};
            for (const SqlType& to : types) {
                if (to.key == from.key)
                    continue;
                table.columns << columnName(to);
                ConversionCase c;
                c.table = table.name;
                c.column = columnName(to);
                c.fromSql = from.sql;
                c.toSql = to.sql;
                c.label = QStringLiteral("%1 → %2").arg(from.sql, to.sql);
                c.shape = shape.name;
                c.dependsOnZone = dependsOnTimeZone(from, to);
                c.zoneRelevant = zoneRelevant(from, to);
                c.throughText = from.family == Family::Enum && to.family == Family::Enum;
                spec.cases.push_back(c);
            }
            spec.tables.push_back(table);
        }
    }
    return spec;
}

namespace {

struct UsingCase {
    const char* table;
    const char* from;
    const char* to;
    const char* usingExpression; // %1: the column
    std::vector<Value> values;
    bool dependsOnZone = false;
};

Value v(const char* text)
{
    return QString::fromUtf8(text);
}

} // namespace

BatchSpec usingBatch()
{
    const std::vector<UsingCase> cases{
        {"u_text_int",
         "text",
         "integer",
         "nullif(%1, 'N/A')::integer",
         {v("1"), v("N/A"), std::nullopt, v("42"), v("-7")}},
        {"u_text_int_bad",
         "text",
         "integer",
         "nullif(%1, 'N/A')::integer",
         {v("1"), v("12abc"), v("N/A")}},
        {"u_mood_mood2", "mood", "mood2", "%1::text::mood2", {v("sad"), v("happy"), std::nullopt}},
        {"u_mood_mood2_bad", "mood", "mood2", "%1::text::mood2", {v("sad"), v("ok")}},
        {"u_text_jsonb",
         "text",
         "jsonb",
         "%1::jsonb",
         {v("{\"b\":1,\"a\":[1, 2]}"), v("\"x\""), std::nullopt}},
        {"u_text_tstz",
         "text",
         "timestamptz",
         "%1::timestamptz",
         {v("2021-11-07 01:30:00"), v("2021-03-14 02:30:00"), v("2024-01-01 12:00")},
         true},
        {"u_ts_tstz_utc",
         "timestamp",
         "timestamptz",
         "%1 AT TIME ZONE 'UTC'",
         {v("2021-11-07 01:30:00"), v("2021-03-14 02:30:00")},
         true},
        {"u_int_bool", "integer", "boolean", "%1 <> 0", {v("0"), v("1"), v("5"), std::nullopt}},
        {"u_text_round", "text", "integer", "round(%1::numeric)::integer", {v("1.7"), v("2.5")}},
        {"u_text_new_enum", "text", "mood3", "%1::mood3", {v("red"), v("green"), std::nullopt}},
        {"u_text_new_enum_bad", "text", "mood3", "%1::mood3", {v("red"), v("purple")}},
        {"u_int_new_domain", "integer", "evenint", "", {v("2"), v("4"), std::nullopt}},
        {"u_int_new_domain_bad", "integer", "evenint", "", {v("2"), v("3")}},
        {"u_text_new_enum_no_using", "text", "mood3", "", {v("red")}},
    };
    BatchSpec spec;
    spec.name = QStringLiteral("using-and-new-types");
    spec.typesSql = supportingTypesSql(false);
    spec.newTypesSql = QStringLiteral("CREATE TYPE mood3 AS ENUM ('red', 'green', 'blue');\n"
                                      "CREATE DOMAIN evenint AS integer CHECK (VALUE % 2 = 0);\n");
    spec.lossyPass = false;
    for (const UsingCase& u : cases) {
        const QString table = QString::fromUtf8(u.table);
        // Every column has its own name: merged for apply, each keeps its --using.
        const QString column = QStringLiteral("v") + table.mid(1);
        spec.tables.push_back({table, QString::fromUtf8(u.from), {column}, u.values});
        ConversionCase c;
        c.table = table;
        c.column = column;
        c.fromSql = QString::fromUtf8(u.from);
        c.toSql = QString::fromUtf8(u.to);
        if (*u.usingExpression)
            c.usingExpression = QString::fromUtf8(u.usingExpression).arg(column);
        c.label = QStringLiteral("%1 → %2").arg(c.fromSql, c.toSql);
        if (!c.usingExpression.isEmpty())
            c.label += QStringLiteral(" USING ") + c.usingExpression;
        c.dependsOnZone = u.dependsOnZone;
        spec.cases.push_back(c);
    }
    return spec;
}

} // namespace bellows::safety
