// Tables and views: matching (with confirmed renames and rename proposals), the relation's own
// attributes and its columns. Constraints, indexes, triggers and policies are in
// sub_object_differ.cpp.

#include "diff/diff_context.h"

#include "sql/quote.h"

#include <algorithm>
#include <set>

namespace bellows::diff::detail {

using namespace catalog;

namespace {

QString nullability(bool notNull)
{
    return notNull ? QStringLiteral("not null") : QStringLiteral("nullable");
}

QString generatedText(const Column& c, const QString& expression)
{
    if (c.generated == GeneratedKind::None)
        return {};
    return QStringLiteral("GENERATED ALWAYS AS (%1) %2")
        .arg(expression, c.generated == GeneratedKind::Stored ? QStringLiteral("STORED")
                                                              : QStringLiteral("VIRTUAL"));
}

QString optionsText(QStringList options)
{
    options.sort();
    return options.join(QStringLiteral(", "));
}

QString typeText(const Column& c, bool withSchema)
{
    if (!withSchema || c.typeSchema.isEmpty())
        return c.type;
    return displayIdent(c.typeSchema) + QLatin1Char('.') + c.type;
}

// Database-side expressions are rewritten to target names before comparing.
std::vector<AttributeChange> compareColumn(const Column& db, const Column& tgt,
                                           const IdentifierRewrite& rewrite)
{
    std::vector<AttributeChange> out;
    // Same spelling in different schemas: both unqualified, so show the schemas.
    const bool schemaMatters = db.type == tgt.type && db.typeSchema != tgt.typeSchema;
    compare(out, QStringLiteral("type"), typeText(db, schemaMatters), typeText(tgt, schemaMatters));
    compare(out, QStringLiteral("collation"), db.collation, tgt.collation);
    compareNormalised(out, QStringLiteral("default"), db.defaultExpr, tgt.defaultExpr,
                      rewriteIdentifiers(db.defaultExpr, rewrite), tgt.defaultExpr);
    compare(out, QStringLiteral("nullability"), nullability(db.notNull), nullability(tgt.notNull));
    compare(out, QStringLiteral("identity"), toString(db.identity), toString(tgt.identity));
    compareNormalised(out, QStringLiteral("generated"), generatedText(db, db.generatedExpr),
                      generatedText(tgt, tgt.generatedExpr),
                      generatedText(db, rewriteIdentifiers(db.generatedExpr, rewrite)),
                      generatedText(tgt, tgt.generatedExpr));
    compare(out, QStringLiteral("comment"), db.comment, tgt.comment);
    compare(out, QStringLiteral("storage"), db.storage, tgt.storage);
    compare(out, QStringLiteral("compression"), db.compression, tgt.compression);
    compare(out, QStringLiteral("statistics"),
            db.statisticsTarget < 0 ? QString() : QString::number(db.statisticsTarget),
            tgt.statisticsTarget < 0 ? QString() : QString::number(tgt.statisticsTarget));
    compare(out, QStringLiteral("attribute options"), optionsText(db.options),
            optionsText(tgt.options));
    return out;
}

void noteColumnOrder(DiffRun& run, const Table& db, const Table& tgt,
                     const QHash<QString, QString>& columnRenames)
{
    QStringList dbOrder;
    std::set<QString> tgtNames;
    for (const Column& c : tgt.columns)
        tgtNames.insert(c.name);
    for (const Column* c : inPositionOrder(db.columns)) {
        const QString name = columnRenames.value(c->name, c->name);
        if (tgtNames.count(name))
            dbOrder << name;
    }
    const std::set<QString> dbNames(dbOrder.begin(), dbOrder.end());
    QStringList tgtOrder;
    for (const Column* c : inPositionOrder(tgt.columns)) {
        if (dbNames.count(c->name))
            tgtOrder << c->name;
    }
    if (dbOrder != tgtOrder) {
        run.note(QStringLiteral("column order differs in %1 (PostgreSQL does not care; not "
                                "reported as a difference)")
                     .arg(displayQualified(tgt.schema, tgt.name)));
    }
}

// The options of the identity sequence behind schema.table.column ("increment 10, cache 20"):
// identity sequences are not diffed as sequences, so their options go with the column.
QString identityOptions(const Catalog& catalog, const Table& t, const Column& c)
{
    if (c.identity == IdentityKind::None)
        return {};
    for (const Sequence& s : catalog.sequences) {
        if (!s.identity || s.ownedBySchema != t.schema || s.ownedByTable != t.name ||
            s.ownedByColumn != c.name)
            continue;
        return QStringLiteral("increment %1, minvalue %2, maxvalue %3, start %4, cache %5%6")
            .arg(s.increment)
            .arg(s.minValue)
            .arg(s.maxValue)
            .arg(s.start)
            .arg(s.cache)
            .arg(s.cycle ? QStringLiteral(", cycle") : QString());
    }
    return {};
}

void diffColumns(DiffRun& run, const Table& db, const Table& tgt, const Owner& owner,
                 const IdentifierRewrite& rewrite, std::vector<Change>& out)
{
    const QHash<QString, QString>& renames = rewrite.columns;
    const auto dbCols = byName(db.columns);
    const auto tgtCols = byName(tgt.columns);

    std::vector<const Column*> removed;
    std::vector<const Column*> added;
    std::set<QString> matchedTargets;
    for (const auto& [name, dbCol] : dbCols) {
        const QString newName = renames.value(name, name);
        const auto it = tgtCols.find(newName);
        if (it == tgtCols.end()) {
            removed.push_back(dbCol);
            continue;
        }
        matchedTargets.insert(newName);
        const Column& tgtCol = *it->second;
        const bool renamed = newName != name;
        if (renamed) {
            Change c = subChange(ObjectKind::Column, Action::Renamed, owner, newName);
            c.renamedFrom = name;
            c.before = snapshot(*dbCol);
            c.after = snapshot(tgtCol);
            out.push_back(std::move(c));
        }
        std::vector<AttributeChange> attributes = compareColumn(*dbCol, tgtCol, rewrite);
        // Only when both are identities of the same type: otherwise the identity or type change
        // itself re-creates the sequence.
        if (dbCol->identity != IdentityKind::None && tgtCol.identity != IdentityKind::None &&
            dbCol->type == tgtCol.type)
            compare(attributes, QStringLiteral("identity options"),
                    identityOptions(run.database, db, *dbCol),
                    identityOptions(run.target, tgt, tgtCol));
        compareAcl(run, dbCol->acl, tgtCol.acl, attributes);
        if (!attributes.empty()) {
            Change c = subChange(ObjectKind::Column, Action::Changed, owner, newName);
            c.renamedFrom = renamed ? name : QString();
            c.attributes = std::move(attributes);
            c.before = snapshot(*dbCol);
            c.after = snapshot(tgtCol);
            out.push_back(std::move(c));
        }
    }
    for (const auto& [name, tgtCol] : tgtCols) {
        if (!matchedTargets.count(name))
            added.push_back(tgtCol);
    }

    const std::vector<RenameProposal> proposals =
        proposeColumnRenames(db, tgt, removed, added, run.result.notes);
    auto proposalFor = [&](const QString& name, bool dbSide) -> std::optional<RenameProposal> {
        for (const RenameProposal& p : proposals) {
            if ((dbSide ? p.from : p.to) == name)
                return p;
        }
        return std::nullopt;
    };
    for (const Column* col : removed) {
        Change c = subChange(ObjectKind::Column, Action::Removed, owner, col->name);
        c.renameProposal = proposalFor(col->name, true);
        c.before = snapshot(*col);
        out.push_back(std::move(c));
    }
    for (const Column* col : added) {
        Change c = subChange(ObjectKind::Column, Action::Added, owner, col->name);
        c.renameProposal = proposalFor(col->name, false);
        c.after = snapshot(*col);
        out.push_back(std::move(c));
    }
    for (const RenameProposal& p : proposals)
        run.propose(p);
}

QString parentText(const Table& t, const Renames* renames)
{
    QString schema = t.partitionParentSchema;
    QString name = t.partitionParentName;
    if (name.isEmpty())
        return t.partitionParent; // only the "schema.name" text is known
    if (renames)
        name = renames->newTableName(schema, name);
    return displayQualified(schema, name);
}

QString inheritsText(const Table& t, const Renames* renames)
{
    QStringList parents;
    for (const QString& parent : t.inherits) {
        const QStringList parts = sql::splitQualifiedName(parent);
        // Stored as raw "schema.name"; a dot inside a name makes the split unreliable.
        if (renames && parts.size() == 2)
            parents << key(parts.at(0), renames->newTableName(parts.at(0), parts.at(1)));
        else
            parents << parent;
    }
    return parents.join(QStringLiteral(", "));
}

QString replicaIdentityText(const Table& t)
{
    return t.replicaIdentity == QLatin1String("index")
               ? QStringLiteral("index %1").arg(displayIdent(t.replicaIdentityIndex))
               : t.replicaIdentity;
}

std::vector<AttributeChange> compareTable(const Renames& renames, const Table& db, const Table& tgt,
                                          const IdentifierRewrite& rewrite)
{
    std::vector<AttributeChange> out;
    compare(out, QStringLiteral("kind"), toString(db.kind), toString(tgt.kind));
    compare(out, QStringLiteral("unlogged"), boolText(db.unlogged), boolText(tgt.unlogged));
    compareNormalised(out, QStringLiteral("partition key"), db.partitionKey, tgt.partitionKey,
                      rewriteIdentifiers(db.partitionKey, rewrite), tgt.partitionKey);
    compareNormalised(out, QStringLiteral("partition of"), parentText(db, nullptr),
                      parentText(tgt, nullptr), parentText(db, &renames), parentText(tgt, nullptr));
    compare(out, QStringLiteral("partition bound"), db.partitionBound, tgt.partitionBound);
    compareNormalised(out, QStringLiteral("inherits"), inheritsText(db, nullptr),
                      inheritsText(tgt, nullptr), inheritsText(db, &renames),
                      inheritsText(tgt, nullptr));
    compare(out, QStringLiteral("rls enabled"), boolText(db.rlsEnabled), boolText(tgt.rlsEnabled));
    compare(out, QStringLiteral("rls forced"), boolText(db.rlsForced), boolText(tgt.rlsForced));
    compare(out, QStringLiteral("options"), optionsText(db.options), optionsText(tgt.options));
    compare(out, QStringLiteral("replica identity"), replicaIdentityText(db),
            replicaIdentityText(tgt));
    compare(out, QStringLiteral("comment"), db.comment, tgt.comment);
    return out;
}

IdentifierRewrite selfRewrite(const Renames& renames, const QString& schema, const QString& dbName,
                              const QString& tgtName)
{
    IdentifierRewrite rewrite;
    rewrite.relations = renames.relationRewrites();
    rewrite.columns = renames.columns.value(key(schema, dbName));
    rewrite.selfQualifiers = {dbName, tgtName, QStringLiteral("old"), QStringLiteral("new"),
                              QStringLiteral("excluded")};
    return rewrite;
}

void diffTablePair(DiffRun& run, const Table& db, const Table& tgt)
{
    const bool renamed = db.name != tgt.name;
    const Owner owner{tgt.schema, tgt.name, renamed ? db.name : QString(), ObjectKind::Table};
    const IdentifierRewrite rewrite = selfRewrite(run.renames, db.schema, db.name, tgt.name);

    std::vector<Change> subs;
    diffColumns(run, db, tgt, owner, rewrite, subs);
    diffConstraints(run, db, tgt, owner, rewrite, subs);
    diffIndexes(db.indexes, tgt.indexes, owner, rewrite, subs);
    diffTriggers(db.triggers, tgt.triggers, owner, rewrite, subs);
    diffPolicies(db.policies, tgt.policies, owner, rewrite, subs);
    std::vector<AttributeChange> attributes = compareTable(run.renames, db, tgt, rewrite);
    compareOwnership(run, db.owner, db.acl, tgt.owner, tgt.acl, attributes);

    const auto before = snapshot(db);
    const auto after = snapshot(tgt);
    if (renamed) {
        Change c;
        c.kind = ObjectKind::Table;
        c.action = Action::Renamed;
        c.schema = tgt.schema;
        c.name = tgt.name;
        c.renamedFrom = db.name;
        c.before = before;
        c.after = after;
        run.add(std::move(c));
    }
    const bool changed = !attributes.empty() || !subs.empty();
    if (changed) {
        Change c;
        c.kind = ObjectKind::Table;
        c.action = Action::Changed;
        c.schema = tgt.schema;
        c.name = tgt.name;
        c.renamedFrom = renamed ? db.name : QString();
        c.attributes = std::move(attributes);
        c.before = before;
        c.after = after;
        run.add(std::move(c));
    }
    for (Change& c : subs)
        run.add(std::move(c));
    run.count(ObjectKind::Table,
              renamed || changed ? ObjectStatus::Different : ObjectStatus::Identical);
    noteColumnOrder(run, db, tgt, rewrite.columns);
}

} // namespace

std::vector<const Column*> inPositionOrder(const std::vector<Column>& columns)
{
    std::vector<const Column*> out;
    for (const Column& c : columns)
        out.push_back(&c);
    std::stable_sort(out.begin(), out.end(),
                     [](const Column* a, const Column* b) { return a->position < b->position; });
    return out;
}

Change subChange(ObjectKind kind, Action action, const Owner& owner, const QString& name)
{
    Change c;
    c.kind = kind;
    c.action = action;
    c.schema = owner.schema;
    c.table = owner.table;
    c.parentKind = owner.kind;
    c.tableRenamedFrom = owner.tableRenamedFrom;
    c.name = name;
    return c;
}

void diffTables(DiffRun& run)
{
    const auto dbTables = bySchemaName(run.database.tables);
    const auto tgtTables = bySchemaName(run.target.tables);

    std::vector<const Table*> removed;
    std::vector<const Table*> added;
    std::set<std::pair<QString, QString>> matchedTargets;
    for (const auto& [k, db] : dbTables) {
        const QString newName = run.renames.newTableName(k.first, k.second);
        const auto it = tgtTables.find({k.first, newName});
        if (it == tgtTables.end()) {
            // Not counted either: it is outside what the target describes (see the note).
            if (!run.isToolTable(k.first, k.second))
                removed.push_back(db);
            continue;
        }
        matchedTargets.insert(it->first);
        diffTablePair(run, *db, *it->second);
    }
    for (const auto& [k, tgt] : tgtTables) {
        if (!matchedTargets.count(k))
            added.push_back(tgt);
    }

    const std::vector<RenameProposal> proposals =
        proposeTableRenames(removed, added, run.result.notes);
    auto proposalFor = [&](const Table& t, bool dbSide) -> std::optional<RenameProposal> {
        for (const RenameProposal& p : proposals) {
            if (p.schema == t.schema && (dbSide ? p.from : p.to) == t.name)
                return p;
        }
        return std::nullopt;
    };
    for (const Table* t : removed) {
        Change c;
        c.kind = ObjectKind::Table;
        c.action = Action::Removed;
        c.schema = t->schema;
        c.name = t->name;
        c.renameProposal = proposalFor(*t, true);
        c.before = snapshot(*t);
        run.add(std::move(c));
        run.count(ObjectKind::Table, ObjectStatus::OnlyInDatabase);
    }
    for (const Table* t : added) {
        Change c;
        c.kind = ObjectKind::Table;
        c.action = Action::Added;
        c.schema = t->schema;
        c.name = t->name;
        c.renameProposal = proposalFor(*t, false);
        c.after = snapshot(*t);
        run.add(std::move(c));
        run.count(ObjectKind::Table, ObjectStatus::OnlyInTarget);
    }
    for (const RenameProposal& p : proposals)
        run.propose(p);
}

namespace {

// Only the comments of view columns: their names and types follow from the definition.
void diffViewColumnComments(const View& db, const View& tgt, const Owner& owner,
                            std::vector<Change>& out)
{
    const auto tgtCols = byName(tgt.columns);
    for (const auto& [name, dbCol] : byName(db.columns)) {
        const auto it = tgtCols.find(name);
        if (it == tgtCols.end() || dbCol->comment == it->second->comment)
            continue;
        Change c = subChange(ObjectKind::Column, Action::Changed, owner, name);
        c.attributes.push_back({QStringLiteral("comment"), dbCol->comment, it->second->comment});
        c.before = snapshot(*dbCol);
        c.after = snapshot(*it->second);
        out.push_back(std::move(c));
    }
}

// A view follows a renamed table (it stores OIDs): pg_get_viewdef then prints the new name,
// qualified and as column qualifier. Not so for a renamed column: the view keeps its output
// column name, so that stays a real difference and is not rewritten.
IdentifierRewrite viewRewrite(const Renames& renames)
{
    IdentifierRewrite rewrite;
    rewrite.relations = renames.relationRewrites();
    QSet<QString> clashing; // one old name renamed differently in two schemas
    for (const Renames::TableRename& r : renames.tableRenames) {
        if (rewrite.qualifiers.contains(r.from) && rewrite.qualifiers.value(r.from) != r.to)
            clashing.insert(r.from);
        rewrite.qualifiers.insert(r.from, r.to);
    }
    for (const QString& name : clashing)
        rewrite.qualifiers.remove(name);
    return rewrite;
}

void diffViewPair(DiffRun& run, ObjectKind kind, const View& db, const View& tgt)
{
    const Owner owner{tgt.schema, tgt.name, {}, kind};
    const IdentifierRewrite none;
    std::vector<Change> subs;
    diffViewColumnComments(db, tgt, owner, subs);
    diffIndexes(db.indexes, tgt.indexes, owner, none, subs);
    diffTriggers(db.triggers, tgt.triggers, owner, none, subs);

    std::vector<AttributeChange> attributes;
    compareNormalised(attributes, QStringLiteral("definition"), db.definition, tgt.definition,
                      rewriteIdentifiers(db.definition, viewRewrite(run.renames)), tgt.definition);
    compare(attributes, QStringLiteral("options"), optionsText(db.options),
            optionsText(tgt.options));
    compare(attributes, QStringLiteral("comment"), db.comment, tgt.comment);
    compareOwnership(run, db.owner, db.acl, tgt.owner, tgt.acl, attributes);

    const bool changed = !attributes.empty() || !subs.empty();
    run.count(kind, changed ? ObjectStatus::Different : ObjectStatus::Identical);
    if (!changed)
        return;
    Change c;
    c.kind = kind;
    c.action = Action::Changed;
    c.schema = tgt.schema;
    c.name = tgt.name;
    c.attributes = std::move(attributes);
    c.before = snapshot(db);
    c.after = snapshot(tgt);
    run.add(std::move(c));
    for (Change& sub : subs)
        run.add(std::move(sub));
}

} // namespace

void diffViews(DiffRun& run)
{
    for (const bool materialized : {false, true}) {
        const ObjectKind kind = materialized ? ObjectKind::MaterializedView : ObjectKind::View;
        auto ofKind = [materialized](const std::vector<View>& all) {
            std::map<std::pair<QString, QString>, const View*> out;
            for (const View& v : all) {
                if (v.materialized == materialized)
                    out.emplace(std::make_pair(v.schema, v.name), &v);
            }
            return out;
        };
        const auto dbViews = ofKind(run.database.views);
        const auto tgtViews = ofKind(run.target.views);
        for (const auto& [k, db] : dbViews) {
            const auto it = tgtViews.find(k);
            if (it != tgtViews.end()) {
                diffViewPair(run, kind, *db, *it->second);
                continue;
            }
            Change c;
            c.kind = kind;
            c.action = Action::Removed;
            c.schema = db->schema;
            c.name = db->name;
            c.before = snapshot(*db);
            run.add(std::move(c));
            run.count(kind, ObjectStatus::OnlyInDatabase);
        }
        for (const auto& [k, tgt] : tgtViews) {
            if (dbViews.count(k))
                continue;
            Change c;
            c.kind = kind;
            c.action = Action::Added;
            c.schema = tgt->schema;
            c.name = tgt->name;
            c.after = snapshot(*tgt);
            run.add(std::move(c));
            run.count(kind, ObjectStatus::OnlyInTarget);
        }
    }
}

} // namespace bellows::diff::detail
