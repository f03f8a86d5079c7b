// Readers for relations (tables, views), their columns, sequences and inheritance, and the
// ReadState helpers.

#include "introspect/catalog_readers.h"

#include <algorithm>

namespace bellows::introspect::detail {

using namespace catalog;

namespace {

constexpr quint32 pgCatalogNamespace = 11; // PG_CATALOG_NAMESPACE, fixed since 7.3

} // namespace

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

Index* ReadState::index(const IndexRef& ref)
{
    auto& list = ref.owner.kind == RelationRef::Kind::Table
                     ? catalog.tables[size_t(ref.owner.index)].indexes
                     : catalog.views[size_t(ref.owner.index)].indexes;
    return &list[size_t(ref.position)];
}

const std::vector<Attribute>* ReadState::attributesOf(quint32 relation) const
{
    const auto it = attributes.constFind(relation);
    return it == attributes.constEnd() ? nullptr : &*it;
}

const Attribute* ReadState::attribute(quint32 relation, int attnum) const
{
    const std::vector<Attribute>* list = attributesOf(relation);
    if (!list || attnum <= 0 || size_t(attnum) >= list->size())
        return nullptr;
    return &(*list)[size_t(attnum)];
}

QString ReadState::attributeName(quint32 relation, int attnum) const
{
    const Attribute* a = attribute(relation, attnum);
    return a ? a->name : QString();
}

Acl ReadState::acl(const pq::QueryResult& r, int row, int col, char kind,
                   const QString& owner) const
{
    if (r.isNull(row, col))
        return {};
    const AclDefault* d = kind ? catalog.server.aclDefault(kind) : nullptr;
    return normaliseAcl(r.textArray(row, col), owner, d ? d->owner : QString());
}

QString ReadState::quote(const QString& identifier) const
{
    // PostgreSQL's quote_identifier(): lower-case letters, digits and underscores, not starting
    // with a digit, and no keyword other than an unreserved one.
    bool safe = !identifier.isEmpty();
    bool hasQuote = false;
    for (qsizetype i = 0; i < identifier.size(); ++i) {
        const char16_t ch = identifier.at(i).unicode();
        const bool lower = ch >= u'a' && ch <= u'z';
        const bool digit = ch >= u'0' && ch <= u'9';
        if (!(lower || ch == u'_' || (digit && i > 0))) {
            safe = false;
            hasQuote = hasQuote || ch == u'"';
        }
    }
    if (safe) {
        // Keywords start with a letter; the few sharing its first letter are compared.
        const char16_t first = identifier.at(0).unicode();
        if (first == u'_')
            return identifier;
        const auto& candidates = keywords[first - u'a'];
        if (std::find(candidates.begin(), candidates.end(), identifier) == candidates.end())
            return identifier;
    }
    QString quoted = identifier;
    if (hasQuote)
        quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

void ReadState::finish()
{
    buildDefinitions(*this);
    for (size_t i = 0; i < tablePages.size(); ++i) {
        if (tablePages[i] >= 0)
            catalog.tables[i].totalBytes = tablePages[i] * blockSize;
    }
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
    const int cPartition = r.column("relispartition");
    const int cRls = r.column("relrowsecurity");
    const int cRlsForced = r.column("relforcerowsecurity");
    const int cOptions = r.column("reloptions");
    const int cToastOptions = r.column("toast_options");
    const int cReplident = r.column("relreplident");
    const int cReplidentIndex = r.column("replident_index");
    const int cTuples = r.column("reltuples");
    const int cPages = r.column("pages");
    const int cBytes = r.column("total_bytes");
    const int cPartitionKey = r.column("partition_key");
    const int cPartitionBound = r.column("partition_bound");
    const int cViewDefinition = r.column("view_definition");
    const int cPopulated = r.column("relispopulated");
    const int cPublished = r.column("publishes_changes");
    const int cExtension = r.column("extension_member");
    const int cOwner = r.column("owner");
    const int cAcl = r.column("acl");
    // Before PostgreSQL 14 a never-analysed table has reltuples 0 (and relpages 0), not -1.
    const bool zeroMeansUnknown = s.catalog.server.versionNum < 140000;

    const int rows = r.rows();
    s.catalog.tables.reserve(size_t(rows));
    s.tablePages.reserve(size_t(rows));
    s.relations.reserve(rows);
    s.relationNames.reserve(rows);
    for (int i = 0; i < rows; ++i) {
        const quint32 oid = oidAt(r, i, cOid);
        const QString schema = r.text(i, cSchema);
        const QString name = r.text(i, cName);
        s.relationNames.insert(oid, {schema, name});
        if (r.boolean(i, cExtension))
            continue; // an extension's relation: its name only
        const char kind = charAt(r, i, cKind);
        if (kind == 'v' || kind == 'm') {
            View v;
            v.schema = schema;
            v.name = name;
            v.materialized = kind == 'm';
            v.populated = r.boolean(i, cPopulated);
            v.definition = r.text(i, cViewDefinition);
            v.options = r.textArray(i, cOptions);
            v.comment = s.comment(CommentOn::Class, oid);
            v.owner = r.text(i, cOwner);
            v.acl = s.acl(r, i, cAcl, 'r', v.owner);
            s.relations.insert(oid, {RelationRef::Kind::View, int(s.catalog.views.size())});
            s.catalog.views.push_back(std::move(v));
            continue;
        }
        Table t;
        t.schema = schema;
        t.name = name;
        t.kind = kind == 'p'   ? TableKind::Partitioned
                 : kind == 'f' ? TableKind::Foreign
                               : TableKind::Ordinary;
        t.unlogged = charAt(r, i, cPersistence) == 'u';
        t.rlsEnabled = r.boolean(i, cRls);
        t.rlsForced = r.boolean(i, cRlsForced);
        t.options = r.textArray(i, cOptions);
        for (const QString& option : r.textArray(i, cToastOptions))
            t.options << QStringLiteral("toast.") + option;
        switch (charAt(r, i, cReplident)) {
        case 'n':
            t.replicaIdentity = QStringLiteral("nothing");
            break;
        case 'f':
            t.replicaIdentity = QStringLiteral("full");
            break;
        case 'i':
            t.replicaIdentity = QStringLiteral("index");
            t.replicaIdentityIndex = r.text(i, cReplidentIndex);
            break;
        default:
            break;
        }
        t.publishesChanges = r.boolean(i, cPublished);
        t.partitionKey = r.text(i, cPartitionKey);
        t.partitionBound = r.text(i, cPartitionBound);
        const qint64 pages = r.int64(i, cPages);
        t.estimatedRows = r.real(i, cTuples);
        if (zeroMeansUnknown && t.estimatedRows == 0 && pages == 0)
            t.estimatedRows = -1;
        const bool exactSize = !r.isNull(i, cBytes);
        t.totalBytes = exactSize ? r.int64(i, cBytes) : 0;
        t.comment = s.comment(CommentOn::Class, oid);
        t.owner = r.text(i, cOwner);
        t.acl = s.acl(r, i, cAcl, 'r', t.owner);
        if (r.boolean(i, cPartition))
            s.partitions.insert(oid);
        s.relations.insert(oid, {RelationRef::Kind::Table, int(s.catalog.tables.size())});
        s.tablePages.push_back(exactSize || t.kind != TableKind::Ordinary ? -1 : pages);
        s.catalog.tables.push_back(std::move(t));
    }
}

// attstorage / typstorage as SET STORAGE spells it; empty for none.
static QString storageName(const QString& letter)
{
    if (letter == QLatin1String("p"))
        return QStringLiteral("plain");
    if (letter == QLatin1String("m"))
        return QStringLiteral("main");
    if (letter == QLatin1String("e"))
        return QStringLiteral("external");
    if (letter == QLatin1String("x"))
        return QStringLiteral("extended");
    return {};
}

void readColumns(const pq::QueryResult& r, ReadState& s)
{
    const int cRelation = r.column("attrelid");
    const int cNum = r.column("attnum");
    const int cName = r.column("attname");
    const int cType = r.column("type");
    const int cTypeOid = r.column("atttypid");
    const int cCollationOid = r.column("attcollation");
    const int cTypeCollation = r.column("typcollation");
    const int cTypeNamespace = r.column("typnamespace");
    const int cNotNull = r.column("attnotnull");
    const int cNotNullUnvalidated = r.column("notnull_unvalidated");
    const int cIdentity = r.column("attidentity");
    const int cGenerated = r.column("attgenerated");
    const int cDefault = r.column("default_expr");
    const int cLocal = r.column("attislocal");
    const int cAcl = r.column("acl");
    const int cStorage = r.column("storage");
    const int cTypeStorage = r.column("typstorage");
    const int cCompression = r.column("compression");
    const int cStatTarget = r.column("stattarget");
    const int cAttOptions = r.column("attoptions");

    // Rows of one relation usually come together: remember the last lookups.
    quint32 lastOid = 0;
    std::vector<Attribute>* attributes = nullptr;
    const RelationRef* owner = nullptr;
    s.attributes.reserve(s.relationNames.size());
    for (int i = 0; i < r.rows(); ++i) {
        const quint32 oid = oidAt(r, i, cRelation);
        if (oid != lastOid || !attributes) {
            lastOid = oid;
            attributes = &s.attributes[oid];
            const auto it = s.relations.constFind(oid);
            owner = it == s.relations.constEnd() ? nullptr : &*it;
        }
        const int attnum = int(r.int64(i, cNum));
        const QString name = r.text(i, cName);
        const quint32 collationOid = oidAt(r, i, cCollationOid);
        if (attributes->size() <= size_t(attnum))
            attributes->resize(size_t(attnum) + 1);
        (*attributes)[size_t(attnum)] = Attribute{name, oidAt(r, i, cTypeOid), collationOid};
        if (!owner)
            continue; // an extension's relation: names only

        // An explicit collation: one that is not the type's default.
        const QString collation = collationOid != oidAt(r, i, cTypeCollation)
                                      ? s.collations.value(collationOid)
                                      : QString();
        if (owner->kind == RelationRef::Kind::Composite) {
            CompositeAttribute a{name, r.text(i, cType), collation};
            s.compositeAttributes[size_t(owner->index)].emplace_back(attnum, std::move(a));
            continue;
        }
        Column c;
        c.name = name;
        c.position = attnum;
        c.type = r.text(i, cType);
        if (const quint32 ns = oidAt(r, i, cTypeNamespace); ns != pgCatalogNamespace)
            c.typeSchema = s.namespaces.value(ns);
        c.collation = collation;
        c.notNull = r.boolean(i, cNotNull);
        c.unvalidatedNotNull = r.text(i, cNotNullUnvalidated);
        switch (charAt(r, i, cIdentity)) {
        case 'a':
            c.identity = IdentityKind::Always;
            break;
        case 'd':
            c.identity = IdentityKind::ByDefault;
            break;
        default:
            break;
        }
        switch (charAt(r, i, cGenerated)) {
        case 's':
            c.generated = GeneratedKind::Stored;
            break;
        case 'v':
            c.generated = GeneratedKind::Virtual;
            break;
        default:
            break;
        }
        if (c.generated == GeneratedKind::None)
            c.defaultExpr = r.text(i, cDefault);
        else
            c.generatedExpr = r.text(i, cDefault);
        c.isLocal = r.boolean(i, cLocal);
        c.comment = s.comment(CommentOn::Class, oid, attnum);
        c.acl = s.acl(r, i, cAcl, '\0', QString());
        c.storage = storageName(r.text(i, cStorage));
        c.typeStorage = storageName(r.text(i, cTypeStorage));
        c.compression = r.text(i, cCompression);
        c.statisticsTarget = int(r.int64(i, cStatTarget));
        c.options = r.textArray(i, cAttOptions);
        if (owner->kind == RelationRef::Kind::Table)
            s.catalog.tables[size_t(owner->index)].columns.push_back(std::move(c));
        else
            s.catalog.views[size_t(owner->index)].columns.push_back(std::move(c));
    }
}

void readSequences(const pq::QueryResult& r, ReadState& s)
{
    const int cOid = r.column("oid");
    const int cSchema = r.column("nspname");
    const int cName = r.column("relname");
    const int cType = r.column("data_type");
    const int cStart = r.column("seqstart");
    const int cIncrement = r.column("seqincrement");
    const int cMin = r.column("seqmin");
    const int cMax = r.column("seqmax");
    const int cCache = r.column("seqcache");
    const int cCycle = r.column("seqcycle");
    const int cOwnerRelation = r.column("owner_relation");
    const int cOwnerColumn = r.column("owner_column");
    const int cDepType = r.column("deptype");
    const int cSeqOwner = r.column("owner");
    const int cAcl = r.column("acl");

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
        if (!r.isNull(i, cOwnerRelation)) {
            const quint32 owner = oidAt(r, i, cOwnerRelation);
            const auto name = s.relationNames.constFind(owner);
            if (name != s.relationNames.constEnd()) {
                q.ownedBySchema = name->schema;
                q.ownedByTable = name->name;
                q.ownedByColumn = s.attributeName(owner, int(r.int64(i, cOwnerColumn)));
            }
            q.identity = charAt(r, i, cDepType) == 'i';
        }
        q.comment = s.comment(CommentOn::Class, oidAt(r, i, cOid));
        q.owner = r.text(i, cSeqOwner);
        q.acl = s.acl(r, i, cAcl, 's', q.owner);
        s.catalog.sequences.push_back(std::move(q));
    }
}

void readInherits(const pq::QueryResult& r, ReadState& s)
{
    const int cRelation = r.column("inhrelid");
    const int cParent = r.column("inhparent");
    // Rows come ordered by child and inhseqno, so parents are appended in declaration order.
    for (int i = 0; i < r.rows(); ++i) {
        const quint32 oid = oidAt(r, i, cRelation);
        Table* t = s.table(oid);
        if (!t)
            continue; // not a table of the model (e.g. a partition of an index)
        const auto parent = s.relationNames.constFind(oidAt(r, i, cParent));
        if (parent == s.relationNames.constEnd())
            continue;
        if (s.partitions.contains(oid)) {
            t->partitionParentSchema = parent->schema;
            t->partitionParentName = parent->name;
            t->partitionParent = key(parent->schema, parent->name);
        } else {
            t->inherits << key(parent->schema, parent->name);
        }
    }
}

} // namespace bellows::introspect::detail
