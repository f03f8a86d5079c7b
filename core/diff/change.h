#pragma once

// The result of comparing two catalogs: typed changes, per-kind counts, notes and rename
// proposals. "Database" is the live side (what exists now), "target" the desired side.

#include "catalog/catalog.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <variant>
#include <vector>

namespace bellows::diff {

enum class ObjectKind {
    Schema,
    Extension,
    Enum,
    Domain,
    CompositeType,
    Sequence,
    Table,
    Column,
    Constraint,
    Index,
    Trigger,
    Policy,
    View,
    MaterializedView,
    Function, // includes window functions
    Procedure,
    Aggregate,
    // ALTER DEFAULT PRIVILEGES of one role, in one schema or everywhere, for one object type:
    // name is DefaultAcl::name(), schema the IN SCHEMA one (empty for everywhere).
    DefaultPrivileges,
};

enum class Action {
    Added,   // only in the target: to be created
    Removed, // only in the database: to be dropped
    Changed, // in both, with differences (see Change::attributes)
    Renamed, // a confirmed rename: name is the new name, renamedFrom the old one
};

// pgAdmin Schema Diff's four statuses, counted per top-level object kind.
enum class ObjectStatus { Identical, Different, OnlyInDatabase, OnlyInTarget };

// One differing attribute. Empty from/to means "none" (no default, no comment, ...).
struct AttributeChange {
    QString attribute;
    QString from; // database side
    QString to;   // target side

    bool operator==(const AttributeChange&) const = default;
};

// An enum label present only in the target. after/before are its neighbours in the target's
// label list (empty at either end), so `ADD VALUE label AFTER after` applied in list order
// reproduces the target order.
struct EnumLabelAddition {
    QString label;
    QString after;
    QString before;

    bool operator==(const EnumLabelAddition&) const = default;
};

struct EnumDelta {
    std::vector<EnumLabelAddition> added; // in target order
    QStringList removed;                  // in database order
    bool reordered = false;               // labels on both sides are in a different order
};

// A rename the differ suspects but never assumes. The user confirms it with a RenameHint.
struct RenameProposal {
    ObjectKind kind = ObjectKind::Column; // Column or Table
    QString schema;
    QString table; // database-side table of a column proposal; empty for a table proposal
    QString from;  // name only in the database
    QString to;    // name only in the target
    QString reason;

    // The text a RenameHint is parsed from (what `--rename` takes), identifiers quoted as needed.
    QString hintText() const;

    bool operator==(const RenameProposal&) const = default;
};

// A copy of the catalog object a change is about, as it is on one side.
using CatalogObject =
    std::variant<catalog::Schema, catalog::Extension, catalog::EnumType, catalog::Domain,
                 catalog::CompositeType, catalog::Sequence, catalog::Table, catalog::View,
                 catalog::Function, catalog::Column, catalog::Constraint, catalog::Index,
                 catalog::Trigger, catalog::Policy, catalog::DefaultAcl>;

struct Change {
    ObjectKind kind = ObjectKind::Table;
    Action action = Action::Changed;
    QString schema; // empty for schemas and extensions (extension schema is an attribute)
    // Owning relation of a sub-object (column, constraint, index, trigger, policy); empty for
    // top-level objects. For a renamed relation this is its target-side (new) name.
    QString table;
    ObjectKind parentKind = ObjectKind::Table; // Table, View or MaterializedView; sub-objects only
    QString tableRenamedFrom; // database-side name of the owning relation when it is renamed
    QString name;             // target-side name when renamed
    QString arguments;        // identity arguments of functions, procedures and aggregates
    // Database-side name: set on Renamed, and on the Changed that accompanies a Renamed.
    QString renamedFrom;
    std::vector<AttributeChange> attributes; // Changed only
    std::optional<RenameProposal> renameProposal;
    std::optional<EnumDelta> enumDelta; // Changed enums whose labels differ
    // The object on each side: before is null for Added, after is null for Removed. Tables and
    // views carry the whole relation, so a planner needs no catalog lookups.
    std::shared_ptr<const CatalogObject> before;
    std::shared_ptr<const CatalogObject> after;

    bool isSubObject() const { return !table.isEmpty(); }
    const AttributeChange* attribute(const QString& attributeName) const;

    template <typename T> const T* beforeAs() const
    {
        return before ? std::get_if<T>(before.get()) : nullptr;
    }
    template <typename T> const T* afterAs() const
    {
        return after ? std::get_if<T>(after.get()) : nullptr;
    }

    // Quoted, qualified name for display: public.users, public.f(integer), public.users.id.
    QString displayName() const;
};

struct ObjectSummary {
    ObjectKind kind = ObjectKind::Table;
    int identical = 0;
    int different = 0;
    int onlyInDatabase = 0;
    int onlyInTarget = 0;

    int total() const { return identical + different + onlyInDatabase + onlyInTarget; }
    void count(ObjectStatus status);
};

struct ChangeSet {
    // Sorted (see sort()): by top-level kind, then schema-qualified name; the sub-object
    // changes of a table or view follow right after it. A relation whose sub-objects differ
    // always has a Changed change of its own, possibly with no attributes of its own.
    std::vector<Change> changes;
    std::vector<ObjectSummary> summary; // every top-level kind, in topLevelKinds() order
    std::vector<RenameProposal> renameProposals;
    QStringList notes; // informational only: not differences

    bool isEmpty() const { return changes.empty(); }
    void sort();
    const ObjectSummary& summaryFor(ObjectKind kind) const;
    // The Changed/Renamed change of the relation owning a sub-object change, or null.
    const Change* owner(const Change& subObjectChange) const;
    // First change matching kind, schema, owning table (empty for top-level) and name.
    const Change* find(ObjectKind kind, const QString& schema, const QString& table,
                       const QString& name) const;
};

// Top-level kinds in reading order: schemas, extensions, types, sequences, tables, views,
// routines. Sub-object kinds are not listed.
const std::vector<ObjectKind>& topLevelKinds();
bool isTopLevel(ObjectKind kind);

// Names and free text in messages and reports. Like sql::quoteIdent / sql::quoteLiteral, but
// control characters (a newline in a comment or name) become escapes, U&"a\000Ab" and
// E'a\nb', so no value can start a fake line of a report.
QString displayIdent(const QString& name);
QString displayQualified(const QString& schema, const QString& name);
QString displayLiteral(const QString& value);

QString kindId(ObjectKind kind);     // stable id for JSON: "compositeType"
QString kindLabel(ObjectKind kind);  // for people: "composite type"
QString kindPlural(ObjectKind kind); // summary heading: "Composite types"
QString actionId(Action action);     // "added", "removed", "changed", "renamed"

} // namespace bellows::diff
