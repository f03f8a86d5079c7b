#pragma once

// The input of a conversion batch (conversion_batch.h) and what the oracle says about it.

#include "data_shapes.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace bellows::safety {

// A table of the live database: id (primary key) and columns of one type, row i holding
// values[i - 1] in every column.
struct SourceTable {
    QString name;
    QString typeSql;
    QStringList columns;
    std::vector<Value> values;
};

// One column the target converts.
struct ConversionCase {
    QString table;
    QString column;
    QString fromSql;
    QString toSql;
    QString label;              // "integer → smallint"
    QString shape;              // the data shape ("typical"); empty in hand-written batches
    QString usingExpression;    // --using (and the oracle's USING); empty: none
    bool acceptLossy = false;   // --accept-lossy in every pass
    bool dependsOnZone = false; // Bellows needs --time-zone when the table holds rows
    // Between dates, times and strings: the plan without --time-zone looks at these only (for
    // the others, it is the plan with one).
    bool zoneRelevant = true;
    // Two enum types: Bellows converts labels by name (plan/derived_conversions.h), so the
    // oracle does the same (USING c::text::to, and back through text).
    bool throughText = false;

    QString key() const { return table + QLatin1Char('.') + column; }
};

struct BatchSpec {
    QString name;        // the data shape, or what a hand-written batch tests
    QString typesSql;    // enums and domains of the live database (and the others)
    QString newTypesSql; // types only the target creates (the oracle too, before converting)
    std::vector<SourceTable> tables;
    std::vector<ConversionCase> cases;
    bool zoneLessPass = true; // also plan without --time-zone (rule 3)
    bool lossyPass = true;    // also plan with --accept-lossy for every column, apply those
};

// What PostgreSQL did with one case in the oracle database.
struct OracleOutcome {
    bool failed = false;
    QString sqlState;
    QString error;
    QList<int> changedIds; // rows whose value, cast back to the old type, differs
    bool changed() const { return !changedIds.isEmpty(); }
};

} // namespace bellows::safety
