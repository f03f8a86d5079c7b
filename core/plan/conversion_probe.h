#pragma once

// Read-only plan-time checks of a column's values against the conversion the plan will run
// (docs/safety.md): does PostgreSQL convert the type at all (an assignment cast, as ALTER TABLE
// … TYPE without USING needs), and which rows would fail or change. The answer is a count with
// a few key values, and a blocking finding that names the options, before anything runs.

#include "catalog/catalog.h"
#include "plan/plan.h"

#include <optional>
#include <vector>

namespace bellows::pq {
class Connection;
}

namespace bellows::plan {

struct ConversionProbeRequest {
    QString schema;
    QString table;   // the live table's name
    QString column;  // the live (old) column
    QString oldType; // SQL types (sqlb::typeSql)
    QString newType;
    QStringList keyColumns; // to name rows in the finding; empty: ctid
    std::optional<ConversionChoice> choice;
    const catalog::Catalog* target = nullptr; // for types the plan creates (enums, domains)
    const catalog::Catalog* live = nullptr;   // for the live side's domains
};

struct ConversionProbeLimits {
    int statementTimeoutMs = 30000;
    int maxBadRows = 1000; // counting stops here ("at least 1,000")
    int samples = 5;
};

// Findings for one conversion: blocking for a missing cast, failing rows and values that would
// change (unless accepted); a warning when a check could not finish.
std::vector<Finding> probeConversion(pq::Connection& conn, const ConversionProbeRequest& request,
                                     const ConversionProbeLimits& limits = {});

// The fill of NULLs before NOT NULL: rows where `expression` fails to convert to the column's
// type or yields NULL (VALIDATE would fail half-way).
std::vector<Finding> probeFill(pq::Connection& conn, const ConversionProbeRequest& request,
                               const QString& expression, const ConversionProbeLimits& limits = {});

} // namespace bellows::plan
