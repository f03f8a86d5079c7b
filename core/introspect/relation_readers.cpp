// Readers for relations (tables, views), their columns, sequences and inheritance.

#include "introspect/catalog_readers.h"

#include <algorithm>

namespace bellows::introspect::detail {

using namespace catalog;

Table* ReadState::table(quint32 oid)
{
    const auto it = relations.constFind(oid);
    if (it == relations.constEnd() || it->kind != RelationRef::Kind::Table)
        return nullptr;
    return &catalog.tables[size_t(it->index)];
}

View* ReadState::view(quint32 oid)
{
    const auto it = relations.constFind(oid);
    if (it == relations.constEnd() || it->kind != RelationRef::Kind::View)
        return nullptr;
    return &catalog.views[size_t(it->index)];
}

QString ReadState::attributeName(quint32 relation, int attnum) const
{
    const auto it = attributeNames.constFind(relation);
    if (it == attributeNames.constEnd() || attnum <= 0 || size_t(attnum) >= it->size())
        return {};
    return (*it)[size_t(attnum)];
}

void ReadState::finish()
{
    // Views' columns and domains' checks are not ordered by Catalog::sort().
    for (View& v : catalog.views)
        std::sort(v.columns.begin(), v.columns.end(),
                  [](const Column& a, const Column& b) { return a.position < b.position; });
    for (Domain& d : catalog.domains)
        std::sort(d.checks.begin(), d.checks.end(),
                  [](const DomainCheck& a, const DomainCheck& b) { return a.name < b.name; });
    for (size_t i = 0; i < compositeAttributes.size(); ++i) {
        auto& attributes = compositeAttributes[i];
        std::sort(attributes.begin(), attributes.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        auto& out = catalog.compositeTypes[i].attributes;
        out.reserve(attributes.size());
        for (auto& [attnum, attribute] : attributes)
            out.push_back(std::move(attribute));
    }
    catalog.sort();
}

void readRelations(const pq::QueryResult& r, ReadState& s)
{
    const int cOid = r.column("oid");
    const int cSchema = r.column("nspname");
    const int cName = r.column("relname");
    const int cKind = r.column("relkind");
    const int cPersistence = r.column("relpersistence");
    const int cRls = r.column("relrowsecurity");
    const int cRlsForced = r.column("relforcerowsecurity");
    const int cOptions = r.column("reloptions");
    const int cTuples = r.column("reltuples");
    const int cPages = r.column("relpages");
    const int cBytes = r.column("total_bytes");
    const int cPartitionKey = r.column("partition_key");
    const int cPartitionBound = r.column("partition_bound");
    const int cViewDefinition = r.column("view_definition");
    const int cComment = r.column("description");
    // Before PostgreSQL 14 a never-analysed table has reltuples 0 (and relpages 0), not -1.
    const bool zeroMeansUnknown = s.catalog.server.versionNum < 140000;

    const int rows = r.rows();
    s.catalog.tables.reserve(size_t(rows));
    s.relations.reserve(rows);
    for (int i = 0; i < rows; ++i) {
        const quint32 oid = oidAt(r, i, cOid);
        const char kind = charAt(r, i, cKind);
        if (kind == 'v' || kind == 'm') {
            View v;
            v.schema = r.text(i, cSchema);
            v.name = r.text(i, cName);
            v.materialized = kind == 'm';
            v.definition = r.text(i, cViewDefinition);
            v.options = r.textArray(i, cOptions);
            v.comment = r.text(i, cComment);
            s.relations.insert(oid, {RelationRef::Kind::View, int(s.catalog.views.size())});
            s.catalog.views.push_back(std::move(v));
            continue;
        }
        Table t;
        t.schema = r.text(i, cSchema);
        t.name = r.text(i, cName);
        t.kind = kind == 'p' ? TableKind::Partitioned
                 : kind == 'f' ? TableKind::Foreign
                               : TableKind::Ordinary;
        t.unlogged = charAt(r, i, cPersistence) == 'u';
        t.rlsEnabled = r.boolean(i, cRls);
        t.rlsForced = r.boolean(i, cRlsForced);
        t.options = r.textArray(i, cOptions);
        t.partitionKey = r.text(i, cPartitionKey);
        t.partitionBound = r.text(i, cPartitionBound);
        t.estimatedRows = r.real(i, cTuples);
        if (zeroMeansUnknown && t.estimatedRows == 0 && r.int64(i, cPages) == 0)
            t.estimatedRows = -1;
        t.totalBytes = r.int64(i, cBytes);
        t.comment = r.text(i, cComment);
        s.relations.insert(oid, {RelationRef::Kind::Table, int(s.catalog.tables.size())});
        s.catalog.tables.push_back(std::move(t));
    }
}

void readSequences(const pq::QueryResult& r, ReadState& s)
{
    const int cSchema = r.column("nspname");
    const int cName = r.column("relname");
    const int cType = r.column("data_type");
    const int cStart = r.column("seqstart");
    const int cIncrement = r.column("seqincrement");
    const int cMin = r.column("seqmin");
    const int cMax = r.column("seqmax");
    const int cCache = r.column("seqcache");
    const int cCycle = r.column("seqcycle");
    const int cOwnerSchema = r.column("owner_schema");
    const int cOwnerTable = r.column("owner_table");
    const int cOwnerColumn = r.column("owner_column");
    const int cDepType = r.column("deptype");
    const int cComment = r.column("description");

    s.catalog.sequences.reserve(size_t(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        Sequence q;
        q.schema = r.text(i, cSchema);
        q.name = r.text(i, cName);
        q.dataType = r.text(i, cType);
        q.start = r.int64(i, cStart);
        q.increment = r.int64(i, cIncrement);
        q.minValue = r.int64(i, cMin);
        q.maxValue = r.int64(i, cMax);
        q.cache = r.int64(i, cCache);
        q.cycle = r.boolean(i, cCycle);
        q.ownedBySchema = r.text(i, cOwnerSchema);
        q.ownedByTable = r.text(i, cOwnerTable);
        q.ownedByColumn = r.text(i, cOwnerColumn);
        q.identity = charAt(r, i, cDepType) == 'i';
        q.comment = r.text(i, cComment);
        s.catalog.sequences.push_back(std::move(q));
    }
}

void readColumns(const pq::QueryResult& r, ReadState& s)
{
    const int cRelation = r.column("attrelid");
    const int cNum = r.column("attnum");
    const int cName = r.column("attname");
    const int cType = r.column("type");
    const int cTypeSchema = r.column("type_schema");
    const int cCollation = r.column("collation");
    const int cNotNull = r.column("attnotnull");
    const int cIdentity = r.column("attidentity");
    const int cGenerated = r.column("attgenerated");
    const int cDefault = r.column("default_expr");
    const int cLocal = r.column("attislocal");
    const int cComment = r.column("description");

    // Rows of one relation usually come together: remember the last lookups.
    quint32 lastOid = 0;
    std::vector<QString>* names = nullptr;
    const RelationRef* owner = nullptr;
    s.attributeNames.reserve(s.relations.size());
    for (int i = 0; i < r.rows(); ++i) {
        const quint32 oid = oidAt(r, i, cRelation);
        if (oid != lastOid || !names) {
            lastOid = oid;
            names = &s.attributeNames[oid];
            const auto it = s.relations.constFind(oid);
            owner = it == s.relations.constEnd() ? nullptr : &*it;
        }
        const int attnum = int(r.int64(i, cNum));
        const QString name = r.text(i, cName);
        if (names->size() <= size_t(attnum))
            names->resize(size_t(attnum) + 1);
        (*names)[size_t(attnum)] = name;
        if (!owner)
            continue;   // an extension's relation: names only

        if (owner->kind == RelationRef::Kind::Composite) {
            CompositeAttribute a{name, r.text(i, cType), r.text(i, cCollation)};
            s.compositeAttributes[size_t(owner->index)].emplace_back(attnum, std::move(a));
            continue;
        }
        Column c;
        c.name = name;
        c.position = attnum;
        c.type = r.text(i, cType);
        c.typeSchema = r.text(i, cTypeSchema);
        c.collation = r.text(i, cCollation);
        c.notNull = r.boolean(i, cNotNull);
        switch (charAt(r, i, cIdentity)) {
        case 'a': c.identity = IdentityKind::Always; break;
        case 'd': c.identity = IdentityKind::ByDefault; break;
        default: break;
        }
        switch (charAt(r, i, cGenerated)) {
        case 's': c.generated = GeneratedKind::Stored; break;
        case 'v': c.generated = GeneratedKind::Virtual; break;
        default: break;
        }
        if (c.generated == GeneratedKind::None)
            c.defaultExpr = r.text(i, cDefault);
        else
            c.generatedExpr = r.text(i, cDefault);
        c.isLocal = r.boolean(i, cLocal);
        c.comment = r.text(i, cComment);
        if (owner->kind == RelationRef::Kind::Table)
            s.catalog.tables[size_t(owner->index)].columns.push_back(std::move(c));
        else
            s.catalog.views[size_t(owner->index)].columns.push_back(std::move(c));
    }
}

void readInherits(const pq::QueryResult& r, ReadState& s)
{
    const int cRelation = r.column("inhrelid");
    const int cSchema = r.column("parent_schema");
    const int cName = r.column("parent_name");
    const int cPartition = r.column("relispartition");
    // Rows come ordered by child and inhseqno, so parents are appended in declaration order.
    for (int i = 0; i < r.rows(); ++i) {
        Table* t = s.table(oidAt(r, i, cRelation));
        if (!t)
            continue;
        const QString schema = r.text(i, cSchema);
        const QString name = r.text(i, cName);
        if (r.boolean(i, cPartition)) {
            t->partitionParentSchema = schema;
            t->partitionParentName = name;
            t->partitionParent = key(schema, name);
        } else {
            t->inherits << key(schema, name);
        }
    }
}

} // namespace bellows::introspect::detail
