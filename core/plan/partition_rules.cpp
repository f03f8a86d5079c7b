#include "plan/partition_rules.h"

#include <algorithm>

namespace bellows::plan::partitions {

using diff::Action;
using diff::Change;
using diff::ObjectKind;

namespace {

// Attributes a partition column cannot hold on its own: they follow the parent's column.
bool followsParent(const QString& attribute)
{
    return attribute == QLatin1String("type") || attribute == QLatin1String("collation") ||
           attribute == QLatin1String("generated") || attribute == QLatin1String("identity");
}

const Change* parentColumnChange(const RecipeContext& ctx, const catalog::Table& partition,
                                 const QString& column)
{
    for (const Change& c : ctx.changes().changes) {
        if (c.kind == ObjectKind::Column && c.schema == partition.partitionParentSchema &&
            c.table == partition.partitionParentName && c.action == Action::Changed &&
            (c.name == column || c.renamedFrom == column))
            return &c;
    }
    return nullptr;
}

std::optional<Change> columnRemainder(const Change& change, const RecipeContext& ctx)
{
    const QString liveName =
        change.tableRenamedFrom.isEmpty() ? change.table : change.tableRenamedFrom;
    const catalog::Table* live = ctx.liveTable(change.schema, liveName);
    const catalog::Table* target = targetTable(ctx, change.schema, change.table);
    if (!staysPartitionOfSameParent(live, target))
        return change;
    // A partition has exactly its parent's columns: added, dropped and renamed with it.
    if (change.action != Action::Changed)
        return std::nullopt;
    Change out = change;
    const Change* parent = parentColumnChange(ctx, *live, change.name);
    std::erase_if(out.attributes, [&](const diff::AttributeChange& a) {
        if (!followsParent(a.attribute))
            return false;
        return parent && std::any_of(parent->attributes.begin(), parent->attributes.end(),
                                     [&](const diff::AttributeChange& p) {
                                         return p.attribute == a.attribute && p.to == a.to;
                                     });
    });
    if (out.attributes.empty())
        return std::nullopt;
    return out;
}

// A partition's index attached to a parent index the plan drops: DROP INDEX on the parent drops
// it (and PostgreSQL refuses to drop it alone).
bool droppedWithParentIndex(const Change& change, const RecipeContext& ctx)
{
    const catalog::Index* index = change.beforeAs<catalog::Index>();
    const catalog::Table* live = ctx.liveTable(change.schema, change.table);
    if (!index || !live || !live->isPartition())
        return false;
    const catalog::Table* parent =
        ctx.liveTable(live->partitionParentSchema, live->partitionParentName);
    if (!parent)
        return false;
    return std::any_of(
        ctx.changes().changes.begin(), ctx.changes().changes.end(), [&](const Change& c) {
            const bool replaced =
                c.action == Action::Changed && c.attribute(QStringLiteral("definition"));
            if (c.kind != ObjectKind::Index || (c.action != Action::Removed && !replaced) ||
                c.schema != parent->schema || c.table != parent->name)
                return false;
            const catalog::Index* gone = c.beforeAs<catalog::Index>();
            return gone && sameIndexShape(*gone, *index);
        });
}

} // namespace

const catalog::Table* targetTable(const RecipeContext& ctx, const QString& schema,
                                  const QString& name)
{
    return ctx.target().table(schema, name);
}

bool staysPartitionOfSameParent(const catalog::Table* live, const catalog::Table* target)
{
    return live && target && live->isPartition() && target->isPartition() &&
           live->partitionParentSchema == target->partitionParentSchema &&
           live->partitionParentName == target->partitionParentName;
}

std::vector<const catalog::Table*> targetPartitions(const RecipeContext& ctx, const QString& schema,
                                                    const QString& parent)
{
    std::vector<const catalog::Table*> out;
    for (const catalog::Table& t : ctx.target().tables) {
        if (t.partitionParentSchema == schema && t.partitionParentName == parent)
            out.push_back(&t);
    }
    return out;
}

bool sameIndexShape(const catalog::Index& a, const catalog::Index& b)
{
    auto sameKey = [](const catalog::IndexKey& x, const catalog::IndexKey& y) {
        return x.column == y.column && x.expression == y.expression && x.opclass == y.opclass &&
               x.collation == y.collation && x.descending == y.descending &&
               x.nullsFirst == y.nullsFirst;
    };
    return a.method == b.method && a.unique == b.unique &&
           a.nullsNotDistinct == b.nullsNotDistinct && a.include == b.include &&
           a.predicate == b.predicate && a.keys.size() == b.keys.size() &&
           std::equal(a.keys.begin(), a.keys.end(), b.keys.begin(), sameKey);
}

const catalog::Index* matchingIndex(const catalog::Table& partition, const catalog::Index& index)
{
    for (const catalog::Index& candidate : partition.indexes) {
        if (candidate.constraintName.isEmpty() && sameIndexShape(candidate, index))
            return &candidate;
    }
    return nullptr;
}

bool droppedWithAncestor(const RecipeContext& ctx, const catalog::Table& live)
{
    const catalog::Table* t = &live;
    for (int depth = 0; t && t->isPartition() && depth < 64; ++depth) {
        const Change* parent = ctx.changes().find(ObjectKind::Table, t->partitionParentSchema,
                                                  QString(), t->partitionParentName);
        if (parent && parent->action == Action::Removed)
            return true;
        t = ctx.liveTable(t->partitionParentSchema, t->partitionParentName);
    }
    return false;
}

std::optional<Change> remainder(const Change& change, const RecipeContext& ctx)
{
    if (change.kind == ObjectKind::Column && change.parentKind == ObjectKind::Table)
        return columnRemainder(change, ctx);
    if (change.kind == ObjectKind::Index && change.action == Action::Removed &&
        change.parentKind == ObjectKind::Table && droppedWithParentIndex(change, ctx))
        return std::nullopt;
    if (change.kind == ObjectKind::Table && change.action == Action::Removed) {
        const catalog::Table* live = change.beforeAs<catalog::Table>();
        if (live && droppedWithAncestor(ctx, *live))
            return std::nullopt;
    }
    return change;
}

} // namespace bellows::plan::partitions
