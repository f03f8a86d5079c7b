// Readers for what hangs off a relation: constraints, indexes and their keys, triggers and
// row-level security policies.

#include "introspect/catalog_readers.h"

namespace bellows::introspect::detail {

using namespace catalog;

namespace {

QString actionWord(char action)
{
    switch (action) {
    case 'a': return QStringLiteral("NO ACTION");
    case 'r': return QStringLiteral("RESTRICT");
    case 'c': return QStringLiteral("CASCADE");
    case 'n': return QStringLiteral("SET NULL");
    case 'd': return QStringLiteral("SET DEFAULT");
    default: return {};
    }
}

QString matchWord(char match)
{
    switch (match) {
    case 'f': return QStringLiteral("FULL");
    case 'p': return QStringLiteral("PARTIAL");
    case 's': return QStringLiteral("SIMPLE");
    default: return {};
    }
}

QString policyCommand(char command)
{
    switch (command) {
    case 'r': return QStringLiteral("SELECT");
    case 'a': return QStringLiteral("INSERT");
    case 'w': return QStringLiteral("UPDATE");
    case 'd': return QStringLiteral("DELETE");
    default: return QStringLiteral("ALL");
    }
}

// conkey / confkey ({1,3}) as column names of `relation`.
QStringList columnNames(const ReadState& s, quint32 relation, const pq::QueryResult& r, int row,
                        int col)
{
    QStringList names;
    if (r.isNull(row, col))
        return names;
    const QStringList numbers = r.textArray(row, col);
    names.reserve(numbers.size());
    for (const QString& number : numbers)
        names << s.attributeName(relation, number.toInt());
    return names;
}

Index* indexOf(ReadState& s, const IndexRef& ref)
{
    const size_t owner = size_t(ref.owner.index);
    const size_t position = size_t(ref.position);
    if (ref.owner.kind == RelationRef::Kind::Table)
        return &s.catalog.tables[owner].indexes[position];
    return &s.catalog.views[owner].indexes[position];
}

} // namespace

void readConstraints(const pq::QueryResult& r, ReadState& s)
{
    const int cRelation = r.column("conrelid");
    const int cName = r.column("conname");
    const int cType = r.column("contype");
    const int cDeferrable = r.column("condeferrable");
    const int cDeferred = r.column("condeferred");
    const int cValidated = r.column("convalidated");
    const int cNoInherit = r.column("connoinherit");
    const int cLocal = r.column("conislocal");
    const int cDefinition = r.column("definition");
    const int cKey = r.column("conkey");
    const int cRefRelation = r.column("confrelid");
    const int cRefSchema = r.column("ref_schema");
    const int cRefTable = r.column("ref_table");
    const int cRefKey = r.column("confkey");
    const int cOnUpdate = r.column("confupdtype");
    const int cOnDelete = r.column("confdeltype");
    const int cMatch = r.column("confmatchtype");
    const int cCheck = r.column("check_expr");
    const int cIndex = r.column("index_name");
    const int cNullsNotDistinct = r.column("nulls_not_distinct");
    const int cComment = r.column("description");

    for (int i = 0; i < r.rows(); ++i) {
        const quint32 relation = oidAt(r, i, cRelation);
        Table* t = s.table(relation);
        if (!t)
            continue;
        Constraint c;
        c.name = r.text(i, cName);
        switch (charAt(r, i, cType)) {
        case 'p': c.kind = ConstraintKind::PrimaryKey; break;
        case 'u': c.kind = ConstraintKind::Unique; break;
        case 'f': c.kind = ConstraintKind::ForeignKey; break;
        case 'x': c.kind = ConstraintKind::Exclusion; break;
        default: c.kind = ConstraintKind::Check; break;
        }
        c.definition = r.text(i, cDefinition);
        c.columns = columnNames(s, relation, r, i, cKey);
        c.deferrable = r.boolean(i, cDeferrable);
        c.initiallyDeferred = r.boolean(i, cDeferred);
        c.validated = r.boolean(i, cValidated);
        c.noInherit = r.boolean(i, cNoInherit);
        c.isLocal = r.boolean(i, cLocal);
        c.nullsNotDistinct = r.boolean(i, cNullsNotDistinct);
        if (c.kind == ConstraintKind::ForeignKey) {
            c.refSchema = r.text(i, cRefSchema);
            c.refTable = r.text(i, cRefTable);
            c.refColumns = columnNames(s, oidAt(r, i, cRefRelation), r, i, cRefKey);
            c.onUpdate = actionWord(charAt(r, i, cOnUpdate));
            c.onDelete = actionWord(charAt(r, i, cOnDelete));
            c.matchType = matchWord(charAt(r, i, cMatch));
        }
        c.checkExpression = r.text(i, cCheck);
        c.indexName = r.text(i, cIndex);
        c.comment = r.text(i, cComment);
        t->constraints.push_back(std::move(c));
    }
}

void readIndexes(const pq::QueryResult& r, ReadState& s)
{
    const int cOid = r.column("indexrelid");
    const int cRelation = r.column("indrelid");
    const int cName = r.column("relname");
    const int cMethod = r.column("amname");
    const int cDefinition = r.column("definition");
    const int cKeyColumns = r.column("indnkeyatts");
    const int cColumns = r.column("indnatts");
    const int cPredicate = r.column("predicate");
    const int cUnique = r.column("indisunique");
    const int cPrimary = r.column("indisprimary");
    const int cNullsNotDistinct = r.column("nulls_not_distinct");
    const int cValid = r.column("indisvalid");
    const int cConstraint = r.column("conname");
    const int cTablespace = r.column("spcname");
    const int cComment = r.column("description");

    s.indexes.reserve(r.rows());
    for (int i = 0; i < r.rows(); ++i) {
        const auto owner = s.relations.constFind(oidAt(r, i, cRelation));
        if (owner == s.relations.constEnd() || owner->kind == RelationRef::Kind::Composite)
            continue;
        Index x;
        x.name = r.text(i, cName);
        x.method = r.text(i, cMethod);
        x.definition = r.text(i, cDefinition);
        const int keyColumns = int(r.int64(i, cKeyColumns));
        x.keys.resize(size_t(keyColumns));
        x.include.resize(std::max(0, int(r.int64(i, cColumns)) - keyColumns));
        x.predicate = r.text(i, cPredicate);
        x.unique = r.boolean(i, cUnique);
        x.primary = r.boolean(i, cPrimary);
        x.nullsNotDistinct = r.boolean(i, cNullsNotDistinct);
        x.valid = r.boolean(i, cValid);
        x.constraintName = r.text(i, cConstraint);
        x.tablespace = r.text(i, cTablespace);
        x.comment = r.text(i, cComment);
        auto& indexes = owner->kind == RelationRef::Kind::Table
                            ? s.catalog.tables[size_t(owner->index)].indexes
                            : s.catalog.views[size_t(owner->index)].indexes;
        s.indexes.insert(oidAt(r, i, cOid), {*owner, int(indexes.size()), keyColumns});
        indexes.push_back(std::move(x));
    }
}

void readIndexKeys(const pq::QueryResult& r, ReadState& s)
{
    const int cIndex = r.column("indexrelid");
    const int cNumber = r.column("n");
    const int cAttnum = r.column("attnum");
    const int cName = r.column("attname");
    const int cExpression = r.column("expression");
    const int cOpclass = r.column("opclass");
    const int cCollation = r.column("collation");
    const int cOption = r.column("opt");

    for (int i = 0; i < r.rows(); ++i) {
        const auto ref = s.indexes.constFind(oidAt(r, i, cIndex));
        if (ref == s.indexes.constEnd())
            continue;
        Index* x = indexOf(s, *ref);
        const int n = int(r.int64(i, cNumber));   // 1-based
        if (n > ref->keyColumns) {
            const int slot = n - ref->keyColumns - 1;
            if (slot < x->include.size())
                x->include[slot] = r.text(i, cName);
            continue;
        }
        if (n < 1 || size_t(n) > x->keys.size())
            continue;
        IndexKey& key = x->keys[size_t(n - 1)];
        if (r.int64(i, cAttnum) != 0)
            key.column = r.text(i, cName);
        else
            key.expression = r.text(i, cExpression);
        key.opclass = r.text(i, cOpclass);
        key.collation = r.text(i, cCollation);
        // indoption bits: 1 = DESC, 2 = NULLS FIRST (INDOPTION_DESC, INDOPTION_NULLS_FIRST)
        const qint64 option = r.int64(i, cOption);
        key.descending = option & 1;
        key.nullsFirst = option & 2;
    }
}

void readTriggers(const pq::QueryResult& r, ReadState& s)
{
    const int cRelation = r.column("tgrelid");
    const int cName = r.column("tgname");
    const int cDefinition = r.column("definition");
    const int cEnabled = r.column("tgenabled");
    const int cFunction = r.column("function");
    const int cComment = r.column("description");

    for (int i = 0; i < r.rows(); ++i) {
        const quint32 relation = oidAt(r, i, cRelation);
        std::vector<Trigger>* triggers = nullptr;
        if (Table* t = s.table(relation))
            triggers = &t->triggers;
        else if (View* v = s.view(relation))
            triggers = &v->triggers;
        if (!triggers)
            continue;
        Trigger g;
        g.name = r.text(i, cName);
        g.definition = r.text(i, cDefinition);
        g.enabled = charAt(r, i, cEnabled);
        g.function = r.text(i, cFunction);
        g.comment = r.text(i, cComment);
        triggers->push_back(std::move(g));
    }
}

void readPolicies(const pq::QueryResult& r, ReadState& s)
{
    const int cRelation = r.column("polrelid");
    const int cName = r.column("polname");
    const int cCommand = r.column("polcmd");
    const int cPermissive = r.column("polpermissive");
    const int cRoles = r.column("roles");
    const int cUsing = r.column("using_expr");
    const int cCheck = r.column("check_expr");
    const int cComment = r.column("description");

    for (int i = 0; i < r.rows(); ++i) {
        Table* t = s.table(oidAt(r, i, cRelation));
        if (!t)
            continue;
        Policy p;
        p.name = r.text(i, cName);
        p.command = policyCommand(charAt(r, i, cCommand));
        p.permissive = r.boolean(i, cPermissive);
        p.roles = r.textArray(i, cRoles);
        p.usingExpr = r.text(i, cUsing);
        p.withCheckExpr = r.text(i, cCheck);
        p.comment = r.text(i, cComment);
        t->policies.push_back(std::move(p));
    }
}

} // namespace bellows::introspect::detail
