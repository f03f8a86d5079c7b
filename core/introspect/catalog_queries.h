#pragma once

// The SQL texts the Introspector sends. One query per object kind, never one per object: the
// count is the same for a schema of ten tables and of ten thousand.

#include <QStringList>

namespace bellows::introspect {

// Position of each query's result in the pipeline's result list.
enum class CatalogQuery {
    Server,
    Schemas,
    Extensions,
    Relations,      // tables, foreign tables, views, materialized views
    Sequences,
    Columns,        // of tables, views and standalone composite types
    Inherits,       // partition parents and traditional inheritance parents
    Constraints,
    Indexes,
    IndexKeys,
    Triggers,
    Policies,
    Types,          // enums, domains, standalone composite types
    DomainChecks,
    Functions,
    Count
};

constexpr int catalogQueryCount = int(CatalogQuery::Count);

// The queries in CatalogQuery order for a server_version_num (e.g. 150004). Version checks only
// pick column expressions; the number of queries does not depend on the version.
QStringList catalogQueries(int serverVersion);

} // namespace bellows::introspect
