// The JSON form of a ChangeSet. Every key is always present (null when it does not apply) so
// consumers can rely on the shape; docs/diff-json.md describes it.

#include "diff/diff_report.h"

#include "catalog/catalog_json.h"

#include <QJsonArray>

namespace bellows::diff {

namespace {

QJsonValue stringOrNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject proposalJson(const RenameProposal& p)
{
    QJsonObject o;
    o.insert(QStringLiteral("kind"), kindId(p.kind));
    o.insert(QStringLiteral("schema"), p.schema);
    o.insert(QStringLiteral("table"), stringOrNull(p.table));
    o.insert(QStringLiteral("from"), p.from);
    o.insert(QStringLiteral("to"), p.to);
    o.insert(QStringLiteral("reason"), p.reason);
    o.insert(QStringLiteral("hint"), p.hintText());
    return o;
}

QJsonValue enumJson(const std::optional<EnumDelta>& delta)
{
    if (!delta)
        return QJsonValue::Null;
    QJsonArray added;
    for (const EnumLabelAddition& a : delta->added) {
        QJsonObject o;
        o.insert(QStringLiteral("label"), a.label);
        o.insert(QStringLiteral("after"), stringOrNull(a.after));
        o.insert(QStringLiteral("before"), stringOrNull(a.before));
        added.append(o);
    }
    QJsonObject o;
    o.insert(QStringLiteral("added"), added);
    o.insert(QStringLiteral("removed"), QJsonArray::fromStringList(delta->removed));
    o.insert(QStringLiteral("reordered"), delta->reordered);
    return o;
}

QJsonObject changeJson(const Change& c)
{
    QJsonArray attributes;
    for (const AttributeChange& a : c.attributes) {
        QJsonObject o;
        o.insert(QStringLiteral("name"), a.attribute);
        o.insert(QStringLiteral("from"), stringOrNull(a.from));
        o.insert(QStringLiteral("to"), stringOrNull(a.to));
        attributes.append(o);
    }
    QJsonObject o;
    o.insert(QStringLiteral("kind"), kindId(c.kind));
    o.insert(QStringLiteral("action"), actionId(c.action));
    o.insert(QStringLiteral("schema"), stringOrNull(c.schema));
    o.insert(QStringLiteral("table"), stringOrNull(c.table));
    o.insert(QStringLiteral("parentKind"),
             c.isSubObject() ? QJsonValue(kindId(c.parentKind)) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("tableRenamedFrom"), stringOrNull(c.tableRenamedFrom));
    o.insert(QStringLiteral("name"), c.name);
    const bool routine = c.kind == ObjectKind::Function || c.kind == ObjectKind::Procedure ||
                         c.kind == ObjectKind::Aggregate;
    // Arguments may legitimately be empty: f() has identity arguments "".
    o.insert(QStringLiteral("arguments"),
             routine ? QJsonValue(c.arguments) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("renamedFrom"), stringOrNull(c.renamedFrom));
    o.insert(QStringLiteral("attributes"), attributes);
    o.insert(QStringLiteral("renameProposal"), c.renameProposal
                                                   ? QJsonValue(proposalJson(*c.renameProposal))
                                                   : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("enumLabels"), enumJson(c.enumDelta));
    // What is created or dropped, in full: an added table with its columns, partition bound,
    // indexes and triggers; null for changed and renamed objects (see attributes).
    const std::shared_ptr<const CatalogObject>& whole = c.action == Action::Added     ? c.after
                                                        : c.action == Action::Removed ? c.before
                                                                                      : nullptr;
    o.insert(QStringLiteral("object"),
             whole ? QJsonValue(std::visit(
                         [](const auto& object) { return catalog::objectJson(object); }, *whole))
                   : QJsonValue(QJsonValue::Null));
    return o;
}

} // namespace

QJsonObject toJson(const ChangeSet& changes)
{
    QJsonArray summary;
    for (const ObjectSummary& s : changes.summary) {
        QJsonObject o;
        o.insert(QStringLiteral("kind"), kindId(s.kind));
        o.insert(QStringLiteral("label"), kindPlural(s.kind));
        o.insert(QStringLiteral("identical"), s.identical);
        o.insert(QStringLiteral("different"), s.different);
        o.insert(QStringLiteral("onlyInDatabase"), s.onlyInDatabase);
        o.insert(QStringLiteral("onlyInTarget"), s.onlyInTarget);
        summary.append(o);
    }
    QJsonArray list;
    for (const Change& c : changes.changes)
        list.append(changeJson(c));
    QJsonArray proposals;
    for (const RenameProposal& p : changes.renameProposals)
        proposals.append(proposalJson(p));

    QJsonObject root;
    root.insert(QStringLiteral("formatVersion"), DiffJsonFormatVersion);
    root.insert(QStringLiteral("hasDifferences"), !changes.isEmpty());
    root.insert(QStringLiteral("summary"), summary);
    root.insert(QStringLiteral("changes"), list);
    root.insert(QStringLiteral("renameProposals"), proposals);
    root.insert(QStringLiteral("notes"), QJsonArray::fromStringList(changes.notes));
    return root;
}

} // namespace bellows::diff
