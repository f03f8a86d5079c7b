#pragma once

// The types of the conversion torture suite (tests/safety/README.md): every ordered pair of two
// different types is one conversion. Each type has a key that names its table (t_<key>, whose
// columns all have this type) and its column in other tables (c_<key>, converted to this type).

#include <QString>
#include <QStringList>

#include <vector>

namespace bellows::safety {

enum class Family {
    Integer,
    Numeric,
    Float,
    String,
    Uuid,
    Date,
    Time,
    Timestamp,
    TimestampTz,
    Interval,
    Boolean,
    Json,
    Jsonb,
    Enum,
    Domain,
};

struct SqlType {
    QString key; // identifier-safe: "numeric_10_3"
    QString sql; // as written in DDL: "numeric(10,3)"
    Family family = Family::String;
    int length = -1;    // n of varchar(n), char(n)
    int precision = -1; // numeric(p,s); -1: unconstrained
    int scale = 0;
    bool blankPadded = false; // char(n)
    bool fullOnly = false;    // only in the full matrix (label safety-full)
};

// The matrix: 23 types by default, more with `full`.
std::vector<SqlType> matrixTypes(bool full);
const SqlType* findType(const std::vector<SqlType>& types, const QString& key);

// CREATE TYPE / CREATE DOMAIN statements for the enums and domains of the matrix; the same in
// the live database, the oracle's and every target.
QString supportingTypesSql(bool full);
// Labels of an enum of the matrix.
QStringList enumLabels(const QString& key);

// The conversions whose result depends on the session's TimeZone (Bellows needs --time-zone
// for them when the table holds rows): between a time-zone-aware type and a zone-less time or
// a string.
bool dependsOnTimeZone(const SqlType& from, const SqlType& to);
// Both types are times or strings: where a TimeZone rule could apply at all.
bool zoneRelevant(const SqlType& from, const SqlType& to);

// Column and table names.
QString tableName(const SqlType& source);
QString columnName(const SqlType& target);

} // namespace bellows::safety
