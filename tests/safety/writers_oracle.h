#pragma once

// The end of the concurrent-writers test: what every writer table must hold. Rows the clients
// never wrote keep their seed value; the others hold the last write recorded in the audit table
// (the audit row is inserted by the same statement as the write, so it exists exactly when the
// write committed). Old-app values are converted by the oracle's own ALTER TABLE … TYPE with the
// pinned settings; new-app values are values of the new type already.

#include "batch_database.h"
#include "common/result.h"

#include <QHash>

#include <map>

namespace bellows::pq {
class Connection;
}

namespace bellows::safety {

using Snapshot = QHash<QString, std::map<qint64, Cell>>;      // table → id → v as text
using Provenance = QHash<QString, std::map<qint64, QString>>; // table → id → its last write

// Every writer table (id, v::text), read with the connection's settings.
Result<Snapshot> readWriterTables(pq::Connection& conn);

// The expected contents after contract (the oracle database gets tables e_<table>), and for
// each row the write it comes from ("new app update 'x' (audit 123)"; absent: the seed).
Result<Snapshot> expectedFinal(pq::Connection& live, pq::Connection& oracle, const Snapshot& seeds,
                               Provenance* provenance);

// Differences, at most `limit` per table; `rows` counts the rows compared.
QStringList compareSnapshots(const Snapshot& got, const Snapshot& want,
                             const Provenance& provenance, int limit, qint64* rows);

} // namespace bellows::safety
