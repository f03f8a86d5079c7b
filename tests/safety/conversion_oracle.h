#pragma once

// The oracle: PostgreSQL converts each case itself, in the oracle database, with ALTER TABLE …
// ALTER COLUMN … TYPE (assignment semantics; USING only when the case has one), in its own
// transaction with the pinned settings. A conversion that fails is rolled back; one that
// succeeds is kept, and the rows whose new value, cast back to the old type, differs from the
// original (`orig`) are recorded as changed.

#include "batch_spec.h"

#include <QHash>

namespace bellows::pq {
class Connection;
}

namespace bellows::safety {

// By case key; `error` is set when the oracle itself could not run (not a failed conversion).
QHash<QString, OracleOutcome> runOracle(pq::Connection& conn, const BatchSpec& spec,
                                        QString* error);

} // namespace bellows::safety
