#pragma once

// Reads a whole database schema into a catalog::Catalog. Both sides of a comparison (the live
// database and the shadow database a target file was executed in) go through this code.

#include "catalog/catalog.h"
#include "common/result.h"

#include <QString>

#include <atomic>

namespace bellows::pq {
class Connection;
}

namespace bellows::introspect {

struct IntrospectOptions {
    int statementTimeoutMs = 60000;
    // Checked before and after the catalog queries; while they run, a watcher cancels the
    // running statement as soon as the flag becomes true.
    const std::atomic_bool* cancel = nullptr;
    // Table::totalBytes from pg_total_relation_size, which opens every table and index (about
    // a second for 2,000 tables on a fresh connection). Otherwise it is estimated from the page
    // counts VACUUM and ANALYZE keep in pg_class (0 for a table never vacuumed or analysed).
    bool exactSizes = false;
};

// Opens its own read-only session (application_name=bellows, default_transaction_read_only=on,
// statement_timeout) and reads everything in one REPEATABLE READ READ ONLY transaction.
Result<catalog::Catalog> introspect(const QString& conninfo, const IntrospectOptions& options = {});

// Same on a connection the caller opened. The connection must not be inside a transaction.
// search_path and statement_timeout are set for the introspection's transaction only.
Result<catalog::Catalog> introspect(pq::Connection& conn, const IntrospectOptions& options = {});

// Statements one introspect(pq::Connection&) runs (pq::Connection::statementCount() grows by
// this much): BEGIN, the session settings, the catalog queries and COMMIT, all in one round
// trip. The same for every schema size and server version.
int statementsPerIntrospection();

} // namespace bellows::introspect
