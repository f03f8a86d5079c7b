#pragma once

// Turn the results of the catalog queries into the model. One reader per query; the readers
// share a ReadState that maps catalog oids to what earlier readers returned, so the queries
// can return raw oids and attnums instead of joining for names.

#include "catalog/catalog.h"
#include "pq/query_result.h"

#include <QHash>
#include <QSet>

#include <vector>

namespace bellows::introspect::detail {

// Where a pg_class oid landed in the model.
struct RelationRef {
    enum class Kind : quint8 { Table, View, Composite };
    Kind kind = Kind::Table;
    int index = -1; // in catalog.tables / views / compositeTypes
};

struct IndexRef {
    RelationRef owner;
    int position = -1; // in the owner's indexes
};

struct RelationName {
    QString schema;
    QString name;
};

struct Attribute {
    QString name;
    quint32 type = 0;
    quint32 collation = 0;
};

struct Opclass {
    QString name; // as the deparser prints it
    bool isDefault = false;
    quint32 method = 0;
    quint32 inputType = 0;
};

// The catalogs a comment can belong to: pg_description.classoid (fixed oids).
enum class CommentOn : quint32 {
    Type = 1247,
    Proc = 1255,
    Class = 1259,
    Constraint = 2606,
    Namespace = 2615,
    Trigger = 2620,
    Extension = 3079,
    Policy = 3256,
};

struct CommentKey {
    quint32 catalog = 0;
    quint32 object = 0;
    int sub = 0; // column number for a column's comment
    friend bool operator==(const CommentKey&, const CommentKey&) = default;
};

inline size_t qHash(const CommentKey& key, size_t seed = 0)
{
    return qHashMulti(seed, key.catalog, key.object, key.sub);
}

struct ReadState {
    catalog::Catalog catalog;
    int blockSize = 8192;
    // The keywords quote_ident() quotes (all but unreserved ones), by first letter.
    std::vector<QString> keywords[26];
    QHash<quint32, Opclass> opclasses;
    QHash<quint64, quint32> defaultOpclasses; // (method << 32 | input type) -> opclass
    QHash<quint32, QString> collations;
    QHash<quint32, QString> namespaces;
    QHash<CommentKey, QString> comments;
    QHash<quint32, quint32> domainBaseTypes;
    // Every relation the relations query saw, extension members included, and the model
    // object of the others.
    QHash<quint32, RelationName> relationNames;
    QHash<quint32, RelationRef> relations;
    QSet<quint32> partitions;
    // Columns by attnum of every relation the columns query saw.
    QHash<quint32, std::vector<Attribute>> attributes;
    QHash<quint32, int> domains; // pg_type oid -> index in catalog.domains
    QHash<quint32, IndexRef> indexes;
    // Pages of each table and its TOAST table and indexes, to estimate Table::totalBytes; -1
    // when the size came from pg_total_relation_size.
    std::vector<qint64> tablePages;
    // Attributes of composite types keep their attnum until finish() orders them.
    std::vector<std::vector<std::pair<int, catalog::CompositeAttribute>>> compositeAttributes;

    catalog::Table* table(quint32 oid);
    catalog::View* view(quint32 oid);
    catalog::Index* index(const IndexRef& ref);
    const std::vector<Attribute>* attributesOf(quint32 relation) const;
    const Attribute* attribute(quint32 relation, int attnum) const;
    QString attributeName(quint32 relation, int attnum) const;
    QString comment(CommentOn on, quint32 oid, int sub = 0) const
    {
        return comments.isEmpty() ? QString() : comments.value({quint32(on), oid, sub});
    }
    // The ACL in column `col` normalised for an object of acldefault kind `kind` owned by
    // `owner` (kind 0: no owner default, as for columns).
    catalog::Acl acl(const pq::QueryResult& r, int row, int col, char kind,
                     const QString& owner) const;
    // quote_ident() as the server spells it.
    QString quote(const QString& identifier) const;
    // Spells the definitions the server did not (buildDefinitions), fills the estimated sizes,
    // orders what the queries return in no particular order, then catalog.sort().
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

// The catalog_queries.h queries. The Introspector reads them in dependency order: lookups
// first, relations and types before columns (composite types own relations), columns before
// everything that names columns, indexes before constraints.
void readServer(const pq::QueryResult& r, ReadState& state);
void readKeywords(const pq::QueryResult& r, ReadState& state);
void readOpclasses(const pq::QueryResult& r, ReadState& state);
void readCollations(const pq::QueryResult& r, ReadState& state);
void readNamespaces(const pq::QueryResult& r, ReadState& state);
void readComments(const pq::QueryResult& r, ReadState& state);
void readSchemas(const pq::QueryResult& r, ReadState& state);
void readExtensions(const pq::QueryResult& r, ReadState& state);
void readRelations(const pq::QueryResult& r, ReadState& state);
void readTypes(const pq::QueryResult& r, ReadState& state);
void readColumns(const pq::QueryResult& r, ReadState& state);
void readSequences(const pq::QueryResult& r, ReadState& state);
void readInherits(const pq::QueryResult& r, ReadState& state);
void readIndexes(const pq::QueryResult& r, ReadState& state);
void readConstraints(const pq::QueryResult& r, ReadState& state);
void readTriggers(const pq::QueryResult& r, ReadState& state);
void readPolicies(const pq::QueryResult& r, ReadState& state);
void readDomainChecks(const pq::QueryResult& r, ReadState& state);
void readFunctions(const pq::QueryResult& r, ReadState& state);
void readDefaultAcls(const pq::QueryResult& r, ReadState& state);
void readDependencies(const pq::QueryResult& r, ReadState& state);

// Index and constraint definitions of the common shapes, spelled exactly as pg_get_indexdef
// and pg_get_constraintdef do (definitions.cpp); fills only those the queries left empty.
void buildDefinitions(ReadState& state);

} // namespace bellows::introspect::detail
