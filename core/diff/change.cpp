#include "diff/change.h"

#include "diff/rename_hint.h"
#include "sql/quote.h"

#include <algorithm>
#include <tuple>

namespace bellows::diff {

namespace {

// Rank of a sub-object kind inside its relation; the relation's own change comes first.
int subRank(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Column:
        return 1;
    case ObjectKind::Constraint:
        return 2;
    case ObjectKind::Index:
        return 3;
    case ObjectKind::Trigger:
        return 4;
    case ObjectKind::Policy:
        return 5;
    default:
        return 0;
    }
}

int topRank(ObjectKind kind)
{
    const auto& kinds = topLevelKinds();
    const auto it = std::find(kinds.begin(), kinds.end(), kind);
    return int(it - kinds.begin());
}

// A renamed object's Renamed change comes before its Changed change.
int actionRank(Action action)
{
    switch (action) {
    case Action::Renamed:
        return 0;
    case Action::Changed:
        return 1;
    case Action::Removed:
        return 2;
    case Action::Added:
        return 3;
    }
    return 4;
}

struct SortKey {
    int group;
    QString schema;
    QString top;
    QString topArguments;
    int sub;
    QString subName;
    int action;

    bool operator<(const SortKey& o) const
    {
        return std::tie(group, schema, top, topArguments, sub, subName, action) <
               std::tie(o.group, o.schema, o.top, o.topArguments, o.sub, o.subName, o.action);
    }
};

SortKey sortKey(const Change& c)
{
    if (c.isSubObject())
        return {topRank(c.parentKind), c.schema, c.table, {}, subRank(c.kind), c.name,
                actionRank(c.action)};
    return {topRank(c.kind), c.schema, c.name, c.arguments, 0, {}, actionRank(c.action)};
}

bool isControl(QChar c)
{
    return c.unicode() < 0x20 || c.unicode() == 0x7f;
}

bool hasControl(const QString& text)
{
    return std::any_of(text.begin(), text.end(), isControl);
}

QString hex(QChar c, int width)
{
    return QString::number(c.unicode(), 16).rightJustified(width, QLatin1Char('0'));
}

} // namespace

QString displayIdent(const QString& name)
{
    if (!hasControl(name))
        return sql::quoteIdent(name);
    QString out = QStringLiteral("U&\"");
    for (const QChar c : name) {
        if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\");
        else if (c == QLatin1Char('"'))
            out += QStringLiteral("\"\"");
        else if (isControl(c))
            out += QLatin1Char('\\') + hex(c, 4);
        else
            out += c;
    }
    return out + QLatin1Char('"');
}

QString displayQualified(const QString& schema, const QString& name)
{
    if (schema.isEmpty())
        return displayIdent(name);
    return displayIdent(schema) + QLatin1Char('.') + displayIdent(name);
}

QString displayLiteral(const QString& value)
{
    if (!hasControl(value))
        return sql::quoteLiteral(value);
    QString out = QStringLiteral("E'");
    for (const QChar c : value) {
        if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\");
        else if (c == QLatin1Char('\''))
            out += QStringLiteral("''");
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else if (c == QLatin1Char('\r'))
            out += QStringLiteral("\\r");
        else if (c == QLatin1Char('\t'))
            out += QStringLiteral("\\t");
        else if (isControl(c))
            out += QStringLiteral("\\x") + hex(c, 2);
        else
            out += c;
    }
    return out + QLatin1Char('\'');
}

QString RenameProposal::hintText() const
{
    RenameHint hint;
    hint.schema = schema;
    if (kind == ObjectKind::Table) {
        hint.table = from;
    } else {
        hint.table = table;
        hint.column = from;
    }
    hint.newName = to;
    return hint.toString();
}

const AttributeChange* Change::attribute(const QString& attributeName) const
{
    const auto it = std::find_if(attributes.begin(), attributes.end(),
                                 [&](const auto& a) { return a.attribute == attributeName; });
    return it == attributes.end() ? nullptr : &*it;
}

QString Change::displayName() const
{
    if (isSubObject())
        return displayQualified(schema, table) + QLatin1Char('.') + displayIdent(name);
    switch (kind) {
    case ObjectKind::Function:
    case ObjectKind::Procedure:
    case ObjectKind::Aggregate:
        return displayQualified(schema, name) + QLatin1Char('(') + arguments + QLatin1Char(')');
    case ObjectKind::DefaultPrivileges:
        return QStringLiteral("default privileges ") + name;
    default:
        return displayQualified(schema, name);
    }
}

void ObjectSummary::count(ObjectStatus status)
{
    switch (status) {
    case ObjectStatus::Identical:
        ++identical;
        break;
    case ObjectStatus::Different:
        ++different;
        break;
    case ObjectStatus::OnlyInDatabase:
        ++onlyInDatabase;
        break;
    case ObjectStatus::OnlyInTarget:
        ++onlyInTarget;
        break;
    }
}

void ChangeSet::sort()
{
    std::stable_sort(changes.begin(), changes.end(),
                     [](const Change& a, const Change& b) { return sortKey(a) < sortKey(b); });
    std::stable_sort(renameProposals.begin(), renameProposals.end(),
                     [](const RenameProposal& a, const RenameProposal& b) {
                         return std::tie(a.schema, a.table, a.from, a.to) <
                                std::tie(b.schema, b.table, b.from, b.to);
                     });
}

const ObjectSummary& ChangeSet::summaryFor(ObjectKind kind) const
{
    static const ObjectSummary empty;
    const auto it = std::find_if(summary.begin(), summary.end(),
                                 [&](const ObjectSummary& s) { return s.kind == kind; });
    return it == summary.end() ? empty : *it;
}

const Change* ChangeSet::owner(const Change& subObjectChange) const
{
    if (!subObjectChange.isSubObject())
        return nullptr;
    const Change* found = nullptr;
    for (const Change& c : changes) {
        if (c.kind == subObjectChange.parentKind && !c.isSubObject() &&
            c.schema == subObjectChange.schema && c.name == subObjectChange.table &&
            (c.action == Action::Changed || c.action == Action::Renamed)) {
            // Prefer the Changed change: it carries the attributes.
            found = &c;
            if (c.action == Action::Changed)
                break;
        }
    }
    return found;
}

const Change* ChangeSet::find(ObjectKind kind, const QString& schema, const QString& table,
                              const QString& name) const
{
    const auto it = std::find_if(changes.begin(), changes.end(), [&](const Change& c) {
        return c.kind == kind && c.schema == schema && c.table == table && c.name == name;
    });
    return it == changes.end() ? nullptr : &*it;
}

const std::vector<ObjectKind>& topLevelKinds()
{
    static const std::vector<ObjectKind> kinds = {
        ObjectKind::Schema,
        ObjectKind::Extension,
        ObjectKind::Enum,
        ObjectKind::Domain,
        ObjectKind::CompositeType,
        ObjectKind::Sequence,
        ObjectKind::Table,
        ObjectKind::View,
        ObjectKind::MaterializedView,
        ObjectKind::Function,
        ObjectKind::Procedure,
        ObjectKind::Aggregate,
        ObjectKind::DefaultPrivileges,
    };
    return kinds;
}

bool isTopLevel(ObjectKind kind)
{
    return subRank(kind) == 0;
}

QString kindId(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Schema:
        return QStringLiteral("schema");
    case ObjectKind::Extension:
        return QStringLiteral("extension");
    case ObjectKind::Enum:
        return QStringLiteral("enum");
    case ObjectKind::Domain:
        return QStringLiteral("domain");
    case ObjectKind::CompositeType:
        return QStringLiteral("compositeType");
    case ObjectKind::Sequence:
        return QStringLiteral("sequence");
    case ObjectKind::Table:
        return QStringLiteral("table");
    case ObjectKind::Column:
        return QStringLiteral("column");
    case ObjectKind::Constraint:
        return QStringLiteral("constraint");
    case ObjectKind::Index:
        return QStringLiteral("index");
    case ObjectKind::Trigger:
        return QStringLiteral("trigger");
    case ObjectKind::Policy:
        return QStringLiteral("policy");
    case ObjectKind::View:
        return QStringLiteral("view");
    case ObjectKind::MaterializedView:
        return QStringLiteral("materializedView");
    case ObjectKind::Function:
        return QStringLiteral("function");
    case ObjectKind::Procedure:
        return QStringLiteral("procedure");
    case ObjectKind::Aggregate:
        return QStringLiteral("aggregate");
    case ObjectKind::DefaultPrivileges:
        return QStringLiteral("defaultPrivileges");
    }
    return {};
}

QString kindLabel(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Enum:
        return QStringLiteral("enum type");
    case ObjectKind::CompositeType:
        return QStringLiteral("composite type");
    case ObjectKind::MaterializedView:
        return QStringLiteral("materialized view");
    case ObjectKind::DefaultPrivileges:
        return QStringLiteral("default privileges");
    default:
        return kindId(kind);
    }
}

QString kindPlural(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Schema:
        return QStringLiteral("Schemas");
    case ObjectKind::Extension:
        return QStringLiteral("Extensions");
    case ObjectKind::Enum:
        return QStringLiteral("Enum types");
    case ObjectKind::Domain:
        return QStringLiteral("Domains");
    case ObjectKind::CompositeType:
        return QStringLiteral("Composite types");
    case ObjectKind::Sequence:
        return QStringLiteral("Sequences");
    case ObjectKind::Table:
        return QStringLiteral("Tables");
    case ObjectKind::Column:
        return QStringLiteral("Columns");
    case ObjectKind::Constraint:
        return QStringLiteral("Constraints");
    case ObjectKind::Index:
        return QStringLiteral("Indexes");
    case ObjectKind::Trigger:
        return QStringLiteral("Triggers");
    case ObjectKind::Policy:
        return QStringLiteral("Policies");
    case ObjectKind::View:
        return QStringLiteral("Views");
    case ObjectKind::MaterializedView:
        return QStringLiteral("Materialized views");
    case ObjectKind::Function:
        return QStringLiteral("Functions");
    case ObjectKind::Procedure:
        return QStringLiteral("Procedures");
    case ObjectKind::Aggregate:
        return QStringLiteral("Aggregates");
    case ObjectKind::DefaultPrivileges:
        return QStringLiteral("Default privileges");
    }
    return {};
}

QString actionId(Action action)
{
    switch (action) {
    case Action::Added:
        return QStringLiteral("added");
    case Action::Removed:
        return QStringLiteral("removed");
    case Action::Changed:
        return QStringLiteral("changed");
    case Action::Renamed:
        return QStringLiteral("renamed");
    }
    return {};
}

} // namespace bellows::diff
