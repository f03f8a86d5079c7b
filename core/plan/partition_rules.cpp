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

} // namespace

const catalog::Table* targetTable(const RecipeContext& ctx, const QString& schema,
                                  const QString& name)
{
    const auto& tables = ctx.target().tables;
    const auto it = std::find_if(tables.begin(), tables.end(), [&](const catalog::Table& t) {
        return t.schema == schema && t.name == name;
    });
    return it == tables.end() ? nullptr : &*it;
}

bool staysPartitionOfSameParent(const catalog::Table* live, const catalog::Table* target)
{
    return live && target && live->isPartition() && target->isPartition() &&
           live->partitionParentSchema == target->partitionParentSchema &&
           live->partitionParentName == target->partitionParentName;
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
    if (change.kind == ObjectKind::Table && change.action == Action::Removed) {
        const catalog::Table* live = change.beforeAs<catalog::Table>();
        if (live && droppedWithAncestor(ctx, *live))
            return std::nullopt;
    }
    return change;
}

} // namespace bellows::plan::partitions
