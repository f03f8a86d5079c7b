// Readers for what hangs off a relation: constraints, indexes and their keys, triggers and
// row-level security policies.

#include "introspect/catalog_readers.h"

#include <algorithm>

namespace bellows::introspect::detail {

using namespace catalog;

namespace {

QString actionWord(char action)
{
    switch (action) {
    case 'a':
        return QStringLiteral("NO ACTION");
    case 'r':
        return QStringLiteral("RESTRICT");
    case 'c':
        return QStringLiteral("CASCADE");
    case 'n':
        return QStringLiteral("SET NULL");
    case 'd':
        return QStringLiteral("SET DEFAULT");
    default:
        return {};
    }
}

QString matchWord(char match)
{
    switch (match) {
    case 'f':
        return QStringLiteral("FULL");
    case 'p':
        return QStringLiteral("PARTIAL");
    case 's':
        return QStringLiteral("SIMPLE");
    default:
        return {};
    }
}

QString policyCommand(char command)
{
    switch (command) {
    case 'r':
        return QStringLiteral("SELECT");
    case 'a':
        return QStringLiteral("INSERT");
    case 'w':
        return QStringLiteral("UPDATE");
    case 'd':
        return QStringLiteral("DELETE");
    default:
        return QStringLiteral("ALL");
    }
}

// conkey / confkey ({1,3}) as column names of `relation`.
QStringList columnNames(const ReadState& s, quint32 relation, const pq::QueryResult& r, int row,
                        int col)
{
    QStringList names;
    if (r.isNull(row, col))
        return names;
    const std::vector<Attribute>* attributes = s.attributesOf(relation);
    const QString text = r.text(row, col);
    for (const QStringView number :
         QStringView(text).mid(1, text.size() - 2).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype attnum = number.toInt();
        names << (attributes && attnum > 0 && size_t(attnum) < attributes->size()
                      ? (*attributes)[size_t(attnum)].name
                      : QString());
    }
    return names;
}

// int2vector / oidvector text output: numbers separated by spaces.
std::vector<qint64> vectorAt(const pq::QueryResult& r, int row, int col)
{
    std::vector<qint64> out;
    const QString text = r.text(row, col);
    for (const QStringView part : QStringView(text).split(QLatin1Char(' '), Qt::SkipEmptyParts))
        out.push_back(part.toLongLong());
    return out;
}

constexpr quint32 defaultCollation = 100; // DEFAULT_COLLATION_OID

// The opclass unless it is the one CREATE INDEX picks for the key's type, as pg_get_indexdef
// decides with GetDefaultOpClass: the default opclass of the method for the exact (base) type,
// else the default the type is binary-coercible to. `keyType` 0 (an expression) falls back to
// the opclass's own default flag.
QString opclassName(const ReadState& s, quint32 opclass, quint32 keyType)
{
    const auto it = s.opclasses.constFind(opclass);
    if (it == s.opclasses.constEnd())
        return {};
    if (it->isDefault) {
        if (keyType == 0)
            return {};
        const quint32 base = s.domainBaseTypes.value(keyType, keyType);
        const quint32 exact = s.defaultOpclasses.value((quint64(it->method) << 32) | base, 0);
        if (exact == 0 || exact == opclass)
            return {};
    }
    return it->name;
}

} // namespace

void readIndexes(const pq::QueryResult& r, ReadState& s)
{
    const int cOid = r.column("indexrelid");
    const int cRelation = r.column("indrelid");
    const int cName = r.column("relname");
    const int cMethod = r.column("amname");
    const int cPages = r.column("relpages");
    const int cKeyColumns = r.column("indnkeyatts");
    const int cUnique = r.column("indisunique");
    const int cPrimary = r.column("indisprimary");
    const int cNullsNotDistinct = r.column("nulls_not_distinct");
    const int cValid = r.column("indisvalid");
    const int cKeys = r.column("indkey");
    const int cOpclasses = r.column("indclass");
    const int cCollations = r.column("indcollation");
    const int cOptions = r.column("indoption");
    const int cDefinition = r.column("definition");
    const int cExpressions = r.column("expressions");
    const int cPredicate = r.column("predicate");
    const int cTablespace = r.column("spcname");

    s.indexes.reserve(r.rows());
    for (int i = 0; i < r.rows(); ++i) {
        const quint32 relation = oidAt(r, i, cRelation);
        const auto owner = s.relations.constFind(relation);
        if (owner == s.relations.constEnd() || owner->kind == RelationRef::Kind::Composite)
            continue;
        Index x;
        x.name = r.text(i, cName);
        x.method = r.text(i, cMethod);
        x.definition = r.text(i, cDefinition);
        x.predicate = r.text(i, cPredicate);
        x.unique = r.boolean(i, cUnique);
        x.primary = r.boolean(i, cPrimary);
        x.nullsNotDistinct = r.boolean(i, cNullsNotDistinct);
        x.valid = r.boolean(i, cValid);
        x.tablespace = r.text(i, cTablespace);
        const quint32 oid = oidAt(r, i, cOid);
        x.comment = s.comment(CommentOn::Class, oid);

        const size_t keyColumns = size_t(std::max<qint64>(0, r.int64(i, cKeyColumns)));
        const std::vector<qint64> attnums = vectorAt(r, i, cKeys);
        const std::vector<qint64> opclasses = vectorAt(r, i, cOpclasses);
        const std::vector<qint64> collations = vectorAt(r, i, cCollations);
        const std::vector<qint64> options = vectorAt(r, i, cOptions);
        const QStringList expressions = r.textArray(i, cExpressions);
        qsizetype nextExpression = 0;
        const std::vector<Attribute>* attributes = s.attributesOf(relation);
        x.keys.reserve(keyColumns);
        for (size_t k = 0; k < attnums.size(); ++k) {
            const int attnum = int(attnums[k]);
            const bool known = attributes && attnum > 0 && size_t(attnum) < attributes->size();
            const Attribute* column = known ? &(*attributes)[size_t(attnum)] : nullptr;
            if (k >= keyColumns) {
                x.include << (column ? column->name : QString());
                continue;
            }
            IndexKey key;
            if (attnum != 0)
                key.column = column ? column->name : QString();
            else if (nextExpression < expressions.size())
                key.expression = expressions.at(nextExpression++);
            const quint32 keyType = attnum != 0 && column ? column->type : 0;
            if (k < opclasses.size())
                key.opclass = opclassName(s, quint32(opclasses[k]), keyType);
            // The collation unless it is the column's (for an expression: the default one).
            const quint32 collation = k < collations.size() ? quint32(collations[k]) : 0;
            const quint32 keyCollation =
                attnum != 0 ? (column ? column->collation : 0) : defaultCollation;
            if (collation != 0 && collation != keyCollation)
                key.collation = s.collations.value(collation);
            // indoption bits: 1 = DESC, 2 = NULLS FIRST (INDOPTION_DESC, INDOPTION_NULLS_FIRST)
            const qint64 option = k < options.size() ? options[k] : 0;
            key.descending = option & 1;
            key.nullsFirst = option & 2;
            x.keys.push_back(std::move(key));
        }

        std::vector<Index>* list = nullptr;
        if (owner->kind == RelationRef::Kind::Table) {
            list = &s.catalog.tables[size_t(owner->index)].indexes;
            qint64& pages = s.tablePages[size_t(owner->index)];
            if (pages >= 0)
                pages += r.int64(i, cPages);
        } else {
            list = &s.catalog.views[size_t(owner->index)].indexes;
        }
        s.indexes.insert(oid, {*owner, int(list->size())});
        list->push_back(std::move(x));
    }
}

void readConstraints(const pq::QueryResult& r, ReadState& s)
{
    const int cOid = r.column("oid");
    const int cRelation = r.column("conrelid");
    const int cName = r.column("conname");
    const int cType = r.column("contype");
    const int cDeferrable = r.column("condeferrable");
    const int cDeferred = r.column("condeferred");
    const int cValidated = r.column("convalidated");
    const int cNoInherit = r.column("connoinherit");
    const int cLocal = r.column("conislocal");
    const int cEnforced = r.column("enforced");
    const int cDefinition = r.column("definition");
    const int cKey = r.column("conkey");
    const int cRefRelation = r.column("confrelid");
    const int cRefKey = r.column("confkey");
    const int cOnUpdate = r.column("confupdtype");
    const int cOnDelete = r.column("confdeltype");
    const int cMatch = r.column("confmatchtype");
    const int cCheck = r.column("check_expr");
    const int cIndex = r.column("conindid");

    for (int i = 0; i < r.rows(); ++i) {
        const quint32 relation = oidAt(r, i, cRelation);
        Table* t = s.table(relation);
        if (!t)
            continue;
        Constraint c;
        c.name = r.text(i, cName);
        switch (charAt(r, i, cType)) {
        case 'p':
            c.kind = ConstraintKind::PrimaryKey;
            break;
        case 'u':
            c.kind = ConstraintKind::Unique;
            break;
        case 'f':
            c.kind = ConstraintKind::ForeignKey;
            break;
        case 'x':
            c.kind = ConstraintKind::Exclusion;
            break;
        default:
            c.kind = ConstraintKind::Check;
            break;
        }
        c.definition = r.text(i, cDefinition);
        c.columns = columnNames(s, relation, r, i, cKey);
        c.deferrable = r.boolean(i, cDeferrable);
        c.initiallyDeferred = r.boolean(i, cDeferred);
        c.validated = r.boolean(i, cValidated);
        c.enforced = r.boolean(i, cEnforced);
        // NO INHERIT is a CHECK clause; the server also sets connoinherit on foreign keys.
        c.noInherit = c.kind == ConstraintKind::Check && r.boolean(i, cNoInherit);
        c.isLocal = r.boolean(i, cLocal);
        if (c.kind == ConstraintKind::ForeignKey) {
            const quint32 referenced = oidAt(r, i, cRefRelation);
            const RelationName name = s.relationNames.value(referenced);
            c.refSchema = name.schema;
            c.refTable = name.name;
            c.refColumns = columnNames(s, referenced, r, i, cRefKey);
            c.onUpdate = actionWord(charAt(r, i, cOnUpdate));
            c.onDelete = actionWord(charAt(r, i, cOnDelete));
            c.matchType = matchWord(charAt(r, i, cMatch));
        }
        c.checkExpression = r.text(i, cCheck);
        // A foreign key's conindid is the referenced table's index: only these own theirs.
        if (c.kind == ConstraintKind::PrimaryKey || c.kind == ConstraintKind::Unique ||
            c.kind == ConstraintKind::Exclusion) {
            const auto ref = s.indexes.constFind(oidAt(r, i, cIndex));
            if (ref != s.indexes.constEnd()) {
                Index* index = s.index(*ref);
                c.indexName = index->name;
                c.nullsNotDistinct = c.kind == ConstraintKind::Unique && index->nullsNotDistinct;
                index->constraintName = c.name;
            }
        }
        c.comment = s.comment(CommentOn::Constraint, oidAt(r, i, cOid));
        t->constraints.push_back(std::move(c));
    }
}

void readTriggers(const pq::QueryResult& r, ReadState& s)
{
    const int cOid = r.column("oid");
    const int cRelation = r.column("tgrelid");
    const int cName = r.column("tgname");
    const int cDefinition = r.column("definition");
    const int cEnabled = r.column("tgenabled");
    const int cFunction = r.column("function");

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
        g.comment = s.comment(CommentOn::Trigger, oidAt(r, i, cOid));
        triggers->push_back(std::move(g));
    }
}

void readPolicies(const pq::QueryResult& r, ReadState& s)
{
    const int cOid = r.column("oid");
    const int cRelation = r.column("polrelid");
    const int cName = r.column("polname");
    const int cCommand = r.column("polcmd");
    const int cPermissive = r.column("polpermissive");
    const int cRoles = r.column("roles");
    const int cUsing = r.column("using_expr");
    const int cCheck = r.column("check_expr");

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
        p.comment = s.comment(CommentOn::Policy, oidAt(r, i, cOid));
        t->policies.push_back(std::move(p));
    }
}

} // namespace bellows::introspect::detail
