#pragma once

// Internal to core/diff: the state one diff() run shares between its translation units.

#include "catalog/catalog.h"
#include "common/result.h"
#include "diff/change.h"
#include "diff/identifier_rewrite.h"
#include "diff/rename_hint.h"

#include <QHash>

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <utility>
#include <vector>

namespace bellows::diff::detail {

// Confirmed renames, checked against both catalogs. Keys are catalog::key(schema, name) of the
// database-side table.
struct Renames {
    struct TableRename {
        QString schema;
        QString from;
        QString to;
    };
    std::vector<TableRename> tableRenames;           // in hint order
    QHash<QString, QString> tables;                  // database table key -> new name
    QHash<QString, QString> tablesBack;              // target table key -> old name
    QHash<QString, QHash<QString, QString>> columns; // database table key -> old -> new
    // Hints the database already carries out (the old name is gone, the new one is there):
    // nothing to rename, said as a note. A re-plan after a finished migration, or the same
    // --rename given again, converges instead of failing.
    QStringList alreadyApplied;

    bool isEmpty() const { return tables.isEmpty() && columns.isEmpty(); }
    // The target-side name of a database table (its own name when not renamed).
    QString newTableName(const QString& schema, const QString& name) const;
    QString newColumnName(const QString& tableKey, const QString& column) const;
    // Qualified relation renames, as IdentifierRewrite::relations wants them.
    QHash<QString, QString> relationRewrites() const { return tables; }
};

Status resolveRenames(const catalog::Catalog& database, const catalog::Catalog& target,
                      const std::vector<RenameHint>& hints, Renames& out);

// Everything one run reads and produces.
struct DiffRun {
    const catalog::Catalog& database;
    const catalog::Catalog& target;
    Renames renames;
    ChangeSet result;
    // Database tables of migration tools the target does not mention: left out of the diff
    // (with their owned sequences) so contract never drops a tool's history. (schema, name).
    std::set<std::pair<QString, QString>> toolTables;

    DiffRun(const catalog::Catalog& db, const catalog::Catalog& tgt);
    void add(Change change) { result.changes.push_back(std::move(change)); }
    void count(ObjectKind kind, ObjectStatus status);
    void note(const QString& text) { result.notes << text; }
    void propose(const RenameProposal& proposal) { result.renameProposals.push_back(proposal); }
    bool isToolTable(const QString& schema, const QString& name) const
    {
        return toolTables.count({schema, name}) > 0;
    }
};

// migration_tool_tables.cpp: fills run.toolTables (after the renames are resolved) and notes
// each table left alone.
void findToolTables(DiffRun& run);

// Where a sub-object change belongs.
struct Owner {
    QString schema;
    QString table; // target-side name
    QString tableRenamedFrom;
    ObjectKind kind = ObjectKind::Table;
};

template <typename T> std::shared_ptr<const CatalogObject> snapshot(const T& object)
{
    return std::make_shared<const CatalogObject>(object);
}

// Appends an AttributeChange when the values differ.
inline void compare(std::vector<AttributeChange>& out, const QString& attribute,
                    const QString& from, const QString& to)
{
    if (from != to)
        out.push_back({attribute, from, to});
}

// Like compare(), but decides on normalised texts while reporting the original ones.
inline void compareNormalised(std::vector<AttributeChange>& out, const QString& attribute,
                              const QString& from, const QString& to, const QString& fromNorm,
                              const QString& toNorm)
{
    if (fromNorm != toNorm)
        out.push_back({attribute, from, to});
}

inline QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

// Items keyed by (schema, name); the first of duplicate names wins.
template <typename T>
std::map<std::pair<QString, QString>, const T*> bySchemaName(const std::vector<T>& items)
{
    std::map<std::pair<QString, QString>, const T*> out;
    for (const T& item : items)
        out.emplace(std::make_pair(item.schema, item.name), &item);
    return out;
}

template <typename T> std::map<QString, const T*> byName(const std::vector<T>& items)
{
    std::map<QString, const T*> out;
    for (const T& item : items)
        out.emplace(item.name, &item);
    return out;
}

// Columns in attnum order; positions of 0 (hand-built catalogs) keep the list order.
std::vector<const catalog::Column*> inPositionOrder(const std::vector<catalog::Column>& columns);

// privilege_differ.cpp: "owner" (when the target names one) and "privileges" attributes;
// nothing when the target's privileges are not known (Catalog::privilegesKnown).
bool privilegesCompared(const DiffRun& run);
void compareAcl(const DiffRun& run, const catalog::Acl& db, const catalog::Acl& tgt,
                std::vector<AttributeChange>& out);
void compareOwnership(const DiffRun& run, const QString& dbOwner, const catalog::Acl& dbAcl,
                      const QString& tgtOwner, const catalog::Acl& tgtAcl,
                      std::vector<AttributeChange>& out);
void diffDefaultPrivileges(DiffRun& run);

// table_differ.cpp
void diffTables(DiffRun& run);
void diffViews(DiffRun& run);

// sub_object_differ.cpp: constraints, indexes, triggers, policies of one relation pair.
// `rewrite` turns database-side text into target-side names after confirmed renames.
void diffConstraints(DiffRun& run, const catalog::Table& db, const catalog::Table& tgt,
                     const Owner& owner, const IdentifierRewrite& rewrite,
                     std::vector<Change>& out);
void diffIndexes(const std::vector<catalog::Index>& db, const std::vector<catalog::Index>& tgt,
                 const Owner& owner, const IdentifierRewrite& rewrite, std::vector<Change>& out);
void diffTriggers(const std::vector<catalog::Trigger>& db, const std::vector<catalog::Trigger>& tgt,
                  const Owner& owner, const IdentifierRewrite& rewrite, std::vector<Change>& out);
void diffPolicies(const std::vector<catalog::Policy>& db, const std::vector<catalog::Policy>& tgt,
                  const Owner& owner, const IdentifierRewrite& rewrite, std::vector<Change>& out);

// A sub-object change with its keys filled from the owner.
Change subChange(ObjectKind kind, Action action, const Owner& owner, const QString& name);

// One-to-one pairing of objects only on one side: removed r and added a are paired when each
// is the other's only compatible candidate. The rest of the compatible ones are ambiguous.
struct Pairing {
    std::vector<std::pair<size_t, size_t>> pairs; // (removed index, added index)
    std::vector<size_t> ambiguousRemoved;
    std::vector<size_t> ambiguousAdded;
};
Pairing pairUp(size_t removedCount, size_t addedCount,
               const std::function<bool(size_t, size_t)>& compatible);

// rename_proposals.cpp. Inputs in name order; output pairs are one-to-one.
std::vector<RenameProposal> proposeTableRenames(const std::vector<const catalog::Table*>& removed,
                                                const std::vector<const catalog::Table*>& added,
                                                QStringList& notes);
std::vector<RenameProposal> proposeColumnRenames(const catalog::Table& dbTable,
                                                 const catalog::Table& tgtTable,
                                                 const std::vector<const catalog::Column*>& removed,
                                                 const std::vector<const catalog::Column*>& added,
                                                 QStringList& notes);

} // namespace bellows::diff::detail
