#pragma once

// Decisions use the real table (docs/safety.md): whether a table holds rows at all is asked of
// the live server, not read from statistics — reltuples is 0 after a TRUNCATE or before the
// first ANALYZE of a new table, -1 before any ANALYZE, and stale after bulk loads. One cheap,
// read-only EXISTS per table the plan touches.

#include "catalog/catalog.h"
#include "common/result.h"
#include "diff/change.h"

namespace bellows::pq {
class Connection;
}

namespace bellows::plan {

// Sets estimatedRows of every live table a change touches (and of the tables using a domain or
// composite type that changes) to 0 when it holds no row, and to at least 1 when it holds some;
// sets their totalBytes to pg_total_relation_size, which the lock budget decides on.
Status measureTableRows(pq::Connection& conn, catalog::Catalog& database,
                        const diff::ChangeSet& changes);

} // namespace bellows::plan
