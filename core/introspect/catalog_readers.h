#pragma once

// Turn the results of the catalog queries into the model. One reader per query; the readers
// share a ReadState that maps catalog oids to the model objects already read.

#include "catalog/catalog.h"
#include "pq/query_result.h"

#include <QHash>

#include <vector>

namespace bellows::introspect::detail {

// Where a pg_class oid landed in the model.
struct RelationRef {
    enum class Kind : quint8 { Table, View, Composite };
    Kind kind = Kind::Table;
    int index = -1;   // in catalog.tables / views / compositeTypes
};

struct IndexRef {
    RelationRef owner;
    int position = -1;      // in the owner's indexes
    int keyColumns = 0;     // indnkeyatts; columns after these are INCLUDE columns
};

struct ReadState {
    catalog::Catalog catalog;
    QHash<quint32, RelationRef> relations;
    // Column names by attnum of every relation the columns query saw, including ones the model
    // leaves out (a foreign key may reference an extension's table).
    QHash<quint32, std::vector<QString>> attributeNames;
    QHash<quint32, int> domains;   // pg_type oid -> index in catalog.domains
    QHash<quint32, IndexRef> indexes;
    // Attributes of composite types keep their attnum until finish() orders them.
    std::vector<std::vector<std::pair<int, catalog::CompositeAttribute>>> compositeAttributes;

    catalog::Table* table(quint32 oid);
    catalog::View* view(quint32 oid);
    QString attributeName(quint32 relation, int attnum) const;
    // Orders what the queries return in no particular order, then catalog.sort().
    void finish();
};

// Small accessors for the text-format results.
inline quint32 oidAt(const pq::QueryResult& r, int row, int col)
{
    return quint32(r.int64(row, col));
}

inline char charAt(const pq::QueryResult& r, int row, int col)
{
    const QString text = r.text(row, col);
    return text.isEmpty() ? '\0' : char(text.at(0).unicode());
}

// The catalog_queries.h queries, read in dependency order by the Introspector: server first,
// types before columns (composite types own relations), relations and columns before the
// objects that name columns, indexes before their keys.
void readServer(const pq::QueryResult& r, ReadState& state);
void readSchemas(const pq::QueryResult& r, ReadState& state);
void readExtensions(const pq::QueryResult& r, ReadState& state);
void readRelations(const pq::QueryResult& r, ReadState& state);
void readSequences(const pq::QueryResult& r, ReadState& state);
void readTypes(const pq::QueryResult& r, ReadState& state);
void readColumns(const pq::QueryResult& r, ReadState& state);
void readInherits(const pq::QueryResult& r, ReadState& state);
void readConstraints(const pq::QueryResult& r, ReadState& state);
void readIndexes(const pq::QueryResult& r, ReadState& state);
void readIndexKeys(const pq::QueryResult& r, ReadState& state);
void readTriggers(const pq::QueryResult& r, ReadState& state);
void readPolicies(const pq::QueryResult& r, ReadState& state);
void readDomainChecks(const pq::QueryResult& r, ReadState& state);
void readFunctions(const pq::QueryResult& r, ReadState& state);

} // namespace bellows::introspect::detail
