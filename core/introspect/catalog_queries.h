#pragma once

// The SQL texts the Introspector sends. One query per object kind, never one per object: the
// count is the same for a schema of ten tables and of ten thousand.

#include <QStringList>

namespace bellows::introspect {

// Position of each query's result in the pipeline's result list.
enum class CatalogQuery {
    Server,
    Keywords,   // the server's keywords, for quoting exactly like quote_ident()
    Opclasses,  // lookup: operator classes (index keys)
    Collations, // lookup: collation names (columns, index keys)
    Namespaces, // lookup: every schema's name, system ones included (column types)
    Comments,   // lookup: pg_description of user objects
    Schemas,
    Extensions,
    Relations, // tables, foreign tables, views, materialized views
    Sequences,
    Columns,  // of tables, views and standalone composite types
    Inherits, // partition parents and traditional inheritance parents
    Constraints,
    Indexes, // with their keys
    Triggers,
    Policies,
    Types, // enums, domains, standalone composite types
    DomainChecks,
    Functions,
    DefaultAcls,  // ALTER DEFAULT PRIVILEGES (pg_default_acl)
    Dependencies, // pg_depend between user objects, named by key (catalog.h, Dependency)
    Count
};

constexpr int catalogQueryCount = int(CatalogQuery::Count);

// The queries in CatalogQuery order for a server_version_num (e.g. 150004). Version checks only
// pick column expressions; the number of queries does not depend on the version. With
// exactSizes, table sizes come from pg_total_relation_size instead of pg_class page counts.
QStringList catalogQueries(int serverVersion, bool exactSizes = false);

} // namespace bellows::introspect
