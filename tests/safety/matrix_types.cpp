#include "matrix_types.h"

#include "sql/quote.h"

namespace bellows::safety {

namespace {

SqlType make(const QString& key, const QString& sql, Family family)
{
    SqlType t;
    t.key = key;
    t.sql = sql;
    t.family = family;
    return t;
}

SqlType numeric(int precision, int scale)
{
    SqlType t = make(QStringLiteral("numeric_%1_%2").arg(precision).arg(scale),
                     QStringLiteral("numeric(%1,%2)").arg(precision).arg(scale), Family::Numeric);
    t.precision = precision;
    t.scale = scale;
    return t;
}

SqlType string(const QString& key, const QString& sql, int length, bool blankPadded)
{
    SqlType t = make(key, sql, Family::String);
    t.length = length;
    t.blankPadded = blankPadded;
    return t;
}

SqlType fullOnly(SqlType t)
{
    t.fullOnly = true;
    return t;
}

bool isTimeZoneAware(const SqlType& t)
{
    return t.family == Family::TimestampTz;
}

bool isZoneLessTimeOrString(const SqlType& t)
{
    switch (t.family) {
    case Family::Date:
    case Family::Time:
    case Family::Timestamp:
    case Family::String:
        return true;
    case Family::Domain:
        return t.length > 0; // the string domain
    default:
        return false;
    }
}

} // namespace

std::vector<SqlType> matrixTypes(bool full)
{
    SqlType posint = make(QStringLiteral("posint"), QStringLiteral("posint"), Family::Domain);
    SqlType tag = make(QStringLiteral("tag"), QStringLiteral("tag"), Family::Domain);
    tag.length = 40;
    std::vector<SqlType> all{
        make(QStringLiteral("smallint"), QStringLiteral("smallint"), Family::Integer),
        make(QStringLiteral("integer"), QStringLiteral("integer"), Family::Integer),
        make(QStringLiteral("bigint"), QStringLiteral("bigint"), Family::Integer),
        numeric(5, 0),
        numeric(10, 3),
        numeric(12, 3),
        numeric(12, 2),
        make(QStringLiteral("numeric"), QStringLiteral("numeric"), Family::Numeric),
        make(QStringLiteral("real"), QStringLiteral("real"), Family::Float),
        make(QStringLiteral("double"), QStringLiteral("double precision"), Family::Float),
        string(QStringLiteral("text"), QStringLiteral("text"), -1, false),
        string(QStringLiteral("varchar_50"), QStringLiteral("varchar(50)"), 50, false),
        string(QStringLiteral("varchar_8"), QStringLiteral("varchar(8)"), 8, false),
        string(QStringLiteral("char_10"), QStringLiteral("char(10)"), 10, true),
        make(QStringLiteral("uuid"), QStringLiteral("uuid"), Family::Uuid),
        make(QStringLiteral("date"), QStringLiteral("date"), Family::Date),
        make(QStringLiteral("timestamp"), QStringLiteral("timestamp"), Family::Timestamp),
        make(QStringLiteral("timestamptz"), QStringLiteral("timestamptz"), Family::TimestampTz),
        make(QStringLiteral("boolean"), QStringLiteral("boolean"), Family::Boolean),
        make(QStringLiteral("jsonb"), QStringLiteral("jsonb"), Family::Jsonb),
        make(QStringLiteral("mood"), QStringLiteral("mood"), Family::Enum),
        make(QStringLiteral("mood2"), QStringLiteral("mood2"), Family::Enum),
        posint,
        tag,
        fullOnly(numeric(3, 2)),
        fullOnly(string(QStringLiteral("varchar_1"), QStringLiteral("varchar(1)"), 1, false)),
        fullOnly(string(QStringLiteral("char_3"), QStringLiteral("char(3)"), 3, true)),
        fullOnly(make(QStringLiteral("json"), QStringLiteral("json"), Family::Json)),
        fullOnly(make(QStringLiteral("time"), QStringLiteral("time"), Family::Time)),
        fullOnly(make(QStringLiteral("interval"), QStringLiteral("interval"), Family::Interval)),
    };
    std::vector<SqlType> out;
    for (const SqlType& t : all)
        if (full || !t.fullOnly)
            out.push_back(t);
    return out;
}

const SqlType* findType(const std::vector<SqlType>& types, const QString& key)
{
    for (const SqlType& t : types)
        if (t.key == key)
            return &t;
    return nullptr;
}

QStringList enumLabels(const QString& key)
{
    if (key == QLatin1String("mood"))
        return {QStringLiteral("sad"), QStringLiteral("ok"), QStringLiteral("happy"),
                QStringLiteral("overjoyed!"), QStringLiteral("true")};
    if (key == QLatin1String("mood2"))
        return {QStringLiteral("happy"), QStringLiteral("sad"), QStringLiteral("meh")};
    return {};
}

QString supportingTypesSql(bool /*full*/)
{
    QString out;
    for (const QString& name : {QStringLiteral("mood"), QStringLiteral("mood2")}) {
        QStringList labels;
        for (const QString& l : enumLabels(name))
            labels << sql::quoteLiteral(l);
        out += QStringLiteral("CREATE TYPE %1 AS ENUM (%2);\n")
                   .arg(sql::quoteIdent(name), labels.join(QStringLiteral(", ")));
    }
    out += QStringLiteral("CREATE DOMAIN posint AS integer CHECK (VALUE > 0);\n");
    out += QStringLiteral("CREATE DOMAIN tag AS varchar(40) CHECK (VALUE <> '');\n");
    return out;
}

bool dependsOnTimeZone(const SqlType& from, const SqlType& to)
{
    return (isTimeZoneAware(from) && isZoneLessTimeOrString(to)) ||
           (isTimeZoneAware(to) && isZoneLessTimeOrString(from));
}

bool zoneRelevant(const SqlType& from, const SqlType& to)
{
    const auto timeOrString = [](const SqlType& t) {
        return isTimeZoneAware(t) || isZoneLessTimeOrString(t) || t.family == Family::Interval;
    };
    return timeOrString(from) && timeOrString(to);
}

QString tableName(const SqlType& source)
{
    return QStringLiteral("t_") + source.key;
}

QString columnName(const SqlType& target)
{
    return QStringLiteral("c_") + target.key;
}

} // namespace bellows::safety
