#pragma once

// Read-only probes of the live data for what the target will enforce: orphan rows before a
// foreign key, duplicates before a unique key, NULLs before NOT NULL, rows a new CHECK
// rejects. The catalog cannot answer these; a plan that would fail half-way must say so
// before anything runs (a blocking finding), not at VALIDATE time.

#include "catalog/catalog.h"
#include "diff/change.h"
#include "plan/plan.h"

#include <vector>

namespace bellows::pq {
class Connection;
}

namespace bellows::plan {

struct DataCheckOptions {
    int statementTimeoutMs = 30000; // per probe; a probe that times out becomes a warning
    int sampleLimit = 1000;         // counts stop here ("at least 1,000 rows")
    PlanChoices choices;            // --fill, --using, --time-zone, --accept-lossy
};

// One probe: a query returning how many offending rows (capped) exist.
struct DataProbe {
    QString object; // quoted, qualified: what the finding is about
    QString sql;
    Finding onViolation; // reason gets the count appended
};

// The probes a ChangeSet calls for, against the live catalog's names. Pure: no I/O.
std::vector<DataProbe> dataProbes(const catalog::Catalog& database, const diff::ChangeSet& changes,
                                  const DataCheckOptions& options);

// Conflicting rows before an exclusion constraint, values a domain CHECK or NOT NULL rejects
// (lock_budget_probes.cpp): appended to `out`.
void lockBudgetProbes(const catalog::Catalog& database, const diff::Change& change,
                      const DataCheckOptions& options, std::vector<DataProbe>& out);

// Runs the probes on a read-only connection, and the conversion probes of every column whose
// type changes (conversion_probe.h); returns findings for violations (blocking) and for probes
// that could not run (warnings).
std::vector<Finding> checkData(pq::Connection& conn, const catalog::Catalog& database,
                               const catalog::Catalog& target, const diff::ChangeSet& changes,
                               const DataCheckOptions& options);

} // namespace bellows::plan
