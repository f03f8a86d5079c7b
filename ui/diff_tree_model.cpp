#include "diff_tree_model.h"

#include "catalog/catalog_ddl.h"

#include <QFont>
#include <QHash>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

#include <algorithm>
#include <map>

namespace bellows::ui {

using diff::Action;
using diff::Change;
using diff::ObjectKind;
using diff::ObjectStatus;

struct DiffTreeModel::Node {
    Node* parent = nullptr;
    int row = 0;
    bool group = false;
    ObjectKind kind = ObjectKind::Table;
    diff::ObjectSummary counts; // kind rows only
    Entry entry;                // object rows only
    std::vector<std::unique_ptr<Node>> children;

    Node* add(std::unique_ptr<Node> child)
    {
        child->parent = this;
        child->row = int(children.size());
        children.push_back(std::move(child));
        return children.back().get();
    }
    void renumber()
    {
        for (size_t i = 0; i < children.size(); ++i)
            children[i]->row = int(i);
    }
};

namespace {

constexpr int kShortValue = 32;
constexpr int kMaxSummaryItems = 6;
const QString Arrow = QStringLiteral(" \u2192 ");

bool isRoutine(ObjectKind kind)
{
    return kind == ObjectKind::Function || kind == ObjectKind::Procedure ||
           kind == ObjectKind::Aggregate;
}

QString shownName(ObjectKind kind, const QString& schema, const QString& name,
                  const QString& arguments)
{
    QString out =
        schema.isEmpty() ? diff::displayIdent(name) : diff::displayQualified(schema, name);
    if (isRoutine(kind))
        out += QLatin1Char('(') + arguments + QLatin1Char(')');
    return out;
}

QString objectKey(ObjectKind kind, const QString& schema, const QString& name,
                  const QString& arguments)
{
    return diff::kindId(kind) + QLatin1Char(':') + shownName(kind, schema, name, arguments);
}

QString subKey(const QString& ownerKey, ObjectKind kind, const QString& name)
{
    return ownerKey + QLatin1Char('/') + diff::kindId(kind) + QLatin1Char(':') +
           diff::displayIdent(name);
}

ObjectStatus statusOf(Action action)
{
    switch (action) {
    case Action::Added:
        return ObjectStatus::OnlyInTarget;
    case Action::Removed:
        return ObjectStatus::OnlyInDatabase;
    case Action::Changed:
    case Action::Renamed:
        return ObjectStatus::Different;
    }
    return ObjectStatus::Different;
}

ObjectKind routineKind(catalog::FunctionKind kind)
{
    switch (kind) {
    case catalog::FunctionKind::Procedure:
        return ObjectKind::Procedure;
    case catalog::FunctionKind::Aggregate:
        return ObjectKind::Aggregate;
    case catalog::FunctionKind::Function:
    case catalog::FunctionKind::Window:
        return ObjectKind::Function;
    }
    return ObjectKind::Function;
}

QString shortValue(const QString& value)
{
    return value.isEmpty() ? QStringLiteral("(none)") : value;
}

QString attributeSummary(const diff::AttributeChange& a)
{
    if (a.from.size() <= kShortValue && a.to.size() <= kShortValue &&
        !a.from.contains(QLatin1Char('\n')) && !a.to.contains(QLatin1Char('\n')) &&
        a.attribute != QLatin1String("comment"))
        return a.attribute + QStringLiteral(": ") + shortValue(a.from) + Arrow + shortValue(a.to);
    return a.attribute + QStringLiteral(" changed");
}

QString columnShape(const catalog::Column& c)
{
    QString out = c.type;
    if (c.notNull)
        out += QStringLiteral(" not null");
    if (!c.defaultExpr.isEmpty())
        out += QStringLiteral(" default ") + c.defaultExpr;
    return out;
}

// What an added or removed object is, in a few words.
QString shapeOf(const diff::CatalogObject* object)
{
    if (!object)
        return {};
    if (const auto* column = std::get_if<catalog::Column>(object))
        return columnShape(*column);
    if (const auto* constraint = std::get_if<catalog::Constraint>(object))
        return constraint->definition;
    if (const auto* index = std::get_if<catalog::Index>(object)) {
        // "btree (email)": the name and table are on the row already.
        const QString using_ = QStringLiteral(" USING ");
        const qsizetype at = index->definition.indexOf(using_);
        const QString shape =
            at < 0 ? index->definition : index->definition.mid(at + using_.size());
        return index->unique ? QStringLiteral("unique ") + shape : shape;
    }
    if (const auto* table = std::get_if<catalog::Table>(object)) {
        const auto columns = table->columns.size();
        QString out =
            columns == 1 ? QObject::tr("1 column") : QObject::tr("%1 columns").arg(columns);
        if (table->estimatedRows >= 0)
            out += QStringLiteral(", ~") + QLocale::c().toString(qint64(table->estimatedRows)) +
                   QStringLiteral(" rows");
        return out;
    }
    return {};
}

QString joinSummary(const QStringList& parts)
{
    if (parts.size() <= kMaxSummaryItems)
        return parts.join(QStringLiteral("; "));
    return parts.mid(0, kMaxSummaryItems).join(QStringLiteral("; ")) +
           QObject::tr("; and %1 more").arg(parts.size() - kMaxSummaryItems);
}

QString proposalSummary(const diff::RenameProposal& p, bool databaseSide)
{
    return databaseSide ? QObject::tr("rename to %1 proposed").arg(diff::displayIdent(p.to))
                        : QObject::tr("rename from %1 proposed").arg(diff::displayIdent(p.from));
}

// The summary of one entry without its children.
QString ownSummary(const DiffTreeModel::Entry& e)
{
    QStringList parts;
    if (!e.renamedFrom.isEmpty())
        parts << QObject::tr("renamed from %1").arg(diff::displayIdent(e.renamedFrom));
    if (e.status == ObjectStatus::OnlyInTarget || e.status == ObjectStatus::OnlyInDatabase) {
        const bool added = e.status == ObjectStatus::OnlyInTarget;
        QString text = added ? QObject::tr("create") : QObject::tr("drop");
        const QString shape = shapeOf(added ? e.target.get() : e.live.get());
        if (!shape.isEmpty())
            text += QStringLiteral(": ") + shape;
        parts << text;
        if (e.renameProposal)
            parts << proposalSummary(*e.renameProposal, !added);
    }
    for (const diff::AttributeChange& a : e.attributes)
        parts << attributeSummary(a);
    return joinSummary(parts);
}

QString childLine(const DiffTreeModel::Entry& e)
{
    QString sign;
    switch (e.status) {
    case ObjectStatus::OnlyInTarget:
        sign = QStringLiteral("+ ");
        break;
    case ObjectStatus::OnlyInDatabase:
        sign = QStringLiteral("\u2212 ");
        break;
    default:
        sign = QStringLiteral("~ ");
        break;
    }
    if (!e.renamedFrom.isEmpty())
        return diff::kindLabel(e.kind) + QLatin1Char(' ') + diff::displayIdent(e.renamedFrom) +
               Arrow + e.name.mid(diff::kindLabel(e.kind).size() + 1);
    return sign + e.name;
}

template <typename T> std::shared_ptr<const diff::CatalogObject> copyOf(const T& object)
{
    return std::make_shared<const diff::CatalogObject>(object);
}

} // namespace

DiffTreeModel::DiffTreeModel(QObject* parent)
    : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{
}

DiffTreeModel::~DiffTreeModel() = default;

void DiffTreeModel::clear()
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    endResetModel();
}

void DiffTreeModel::setComparison(const catalog::Catalog& database, const catalog::Catalog& target,
                                  const diff::ChangeSet& changes)
{
    auto root = std::make_unique<Node>();
    std::map<ObjectKind, std::unique_ptr<Node>> groups;
    QHash<QString, Node*> byKey;

    auto groupFor = [&](ObjectKind kind) {
        auto& group = groups[kind];
        if (!group) {
            group = std::make_unique<Node>();
            group->group = true;
            group->kind = kind;
            group->counts.kind = kind;
        }
        return group.get();
    };
    // A Renamed change and the Changed one accompanying it describe one object: merge them.
    auto entryFor = [&](Node* parent, const QString& key, ObjectKind kind) {
        if (Node* existing = byKey.value(key))
            return existing;
        auto node = std::make_unique<Node>();
        node->kind = kind;
        node->entry.key = key;
        node->entry.kind = kind;
        Node* added = parent->add(std::move(node));
        byKey.insert(key, added);
        return added;
    };
    auto apply = [](Entry& e, const Change& c) {
        if (!e.action || *e.action != Action::Renamed)
            e.action = c.action;
        e.status = statusOf(*e.action);
        if (!c.renamedFrom.isEmpty())
            e.renamedFrom = c.renamedFrom;
        e.attributes.insert(e.attributes.end(), c.attributes.begin(), c.attributes.end());
        if (c.renameProposal)
            e.renameProposal = c.renameProposal;
        if (c.before)
            e.live = c.before;
        if (c.after)
            e.target = c.after;
    };

    for (const Change& c : changes.changes) {
        if (!c.isSubObject()) {
            Node* node = entryFor(groupFor(c.kind),
                                  objectKey(c.kind, c.schema, c.name, c.arguments), c.kind);
            node->entry.schema = c.schema;
            node->entry.name = shownName(c.kind, c.schema, c.name, c.arguments);
            apply(node->entry, c);
            continue;
        }
        const QString ownerKey = objectKey(c.parentKind, c.schema, c.table, {});
        Node* owner = byKey.value(ownerKey);
        if (!owner) {
            // The ChangeSet promises a Changed change for the owner; stay whole without one.
            owner = entryFor(groupFor(c.parentKind), ownerKey, c.parentKind);
            owner->entry.schema = c.schema;
            owner->entry.name = shownName(c.parentKind, c.schema, c.table, {});
            owner->entry.action = Action::Changed;
            owner->entry.status = ObjectStatus::Different;
        }
        Node* node = entryFor(owner, subKey(ownerKey, c.kind, c.name), c.kind);
        node->entry.schema = c.schema;
        node->entry.relation = c.tableRenamedFrom.isEmpty() ? c.table : c.tableRenamedFrom;
        node->entry.name = diff::kindLabel(c.kind) + QLatin1Char(' ') + diff::displayIdent(c.name);
        apply(node->entry, c);
    }

    // Identical objects: in both catalogs under the same key, with no change.
    auto identical = [&](ObjectKind kind, const auto& dbItems, const auto& tgtItems, auto include,
                         auto keyOf) {
        QHash<QString, const std::decay_t<decltype(*dbItems.begin())>*> targets;
        for (const auto& item : tgtItems) {
            if (include(item))
                targets.insert(keyOf(item), &item);
        }
        for (const auto& item : dbItems) {
            if (!include(item))
                continue;
            const QString key = keyOf(item);
            const auto* other = targets.value(key);
            if (!other || byKey.contains(key))
                continue;
            Node* node = entryFor(groupFor(kind), key, kind);
            node->entry.status = ObjectStatus::Identical;
            node->entry.schema = item.schema;
            node->entry.name = key.section(QLatin1Char(':'), 1);
            node->entry.live = copyOf(item);
            node->entry.target = copyOf(*other);
        }
    };
    auto all = [](const auto&) { return true; };
    auto named = [](ObjectKind kind) {
        return [kind](const auto& x) { return objectKey(kind, x.schema, x.name, {}); };
    };
    {
        // Schemas and extensions have no schema of their own to qualify them with.
        QHash<QString, const catalog::Schema*> tgtSchemas;
        for (const catalog::Schema& s : target.schemas)
            tgtSchemas.insert(s.name, &s);
        for (const catalog::Schema& s : database.schemas) {
            const QString key = objectKey(ObjectKind::Schema, {}, s.name, {});
            if (const catalog::Schema* other = tgtSchemas.value(s.name);
                other && !byKey.contains(key)) {
                Node* node = entryFor(groupFor(ObjectKind::Schema), key, ObjectKind::Schema);
                node->entry.name = diff::displayIdent(s.name);
                node->entry.live = copyOf(s);
                node->entry.target = copyOf(*other);
            }
        }
        QHash<QString, const catalog::Extension*> tgtExtensions;
        for (const catalog::Extension& e : target.extensions)
            tgtExtensions.insert(e.name, &e);
        for (const catalog::Extension& e : database.extensions) {
            const QString key = objectKey(ObjectKind::Extension, {}, e.name, {});
            if (const catalog::Extension* other = tgtExtensions.value(e.name);
                other && !byKey.contains(key)) {
                Node* node = entryFor(groupFor(ObjectKind::Extension), key, ObjectKind::Extension);
                node->entry.name = diff::displayIdent(e.name);
                node->entry.live = copyOf(e);
                node->entry.target = copyOf(*other);
            }
        }
    }
    identical(ObjectKind::Enum, database.enums, target.enums, all, named(ObjectKind::Enum));
    identical(ObjectKind::Domain, database.domains, target.domains, all, named(ObjectKind::Domain));
    identical(ObjectKind::CompositeType, database.compositeTypes, target.compositeTypes, all,
              named(ObjectKind::CompositeType));
    // Identity sequences are diffed with their column, as the differ does.
    identical(
        ObjectKind::Sequence, database.sequences, target.sequences,
        [](const catalog::Sequence& s) { return !s.identity; }, named(ObjectKind::Sequence));
    identical(ObjectKind::Table, database.tables, target.tables, all, named(ObjectKind::Table));
    for (const bool materialized : {false, true}) {
        const ObjectKind kind = materialized ? ObjectKind::MaterializedView : ObjectKind::View;
        identical(
            kind, database.views, target.views,
            [materialized](const catalog::View& v) { return v.materialized == materialized; },
            named(kind));
    }
    for (const ObjectKind kind :
         {ObjectKind::Function, ObjectKind::Procedure, ObjectKind::Aggregate}) {
        identical(
            kind, database.functions, target.functions,
            [kind](const catalog::Function& f) { return routineKind(f.kind) == kind; },
            [kind](const catalog::Function& f) {
                return objectKey(kind, f.schema, f.name, f.identityArguments);
            });
    }

    // Kinds in reading order, objects by name, counts and summaries once everything is in.
    for (const ObjectKind kind : diff::topLevelKinds()) {
        auto it = groups.find(kind);
        if (it == groups.end())
            continue;
        Node* group = root->add(std::move(it->second));
        std::stable_sort(
            group->children.begin(), group->children.end(),
            [](const auto& a, const auto& b) { return a->entry.name < b->entry.name; });
        group->renumber();
        for (const auto& object : group->children) {
            group->counts.count(object->entry.status);
            QStringList parts;
            const QString own = ownSummary(object->entry);
            if (!own.isEmpty())
                parts << own;
            for (const auto& sub : object->children) {
                sub->entry.summary = ownSummary(sub->entry);
                parts << childLine(sub->entry);
            }
            object->entry.summary = joinSummary(parts);
        }
    }

    beginResetModel();
    m_root = std::move(root);
    endResetModel();
}

DiffTreeModel::Node* DiffTreeModel::nodeAt(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

const DiffTreeModel::Entry* DiffTreeModel::entry(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    const Node* node = nodeAt(index);
    return node->group ? nullptr : &node->entry;
}

std::vector<const DiffTreeModel::Entry*> DiffTreeModel::subEntries(const QModelIndex& index) const
{
    std::vector<const Entry*> out;
    if (!entry(index))
        return out;
    for (const auto& child : nodeAt(index)->children)
        out.push_back(&child->entry);
    return out;
}

QModelIndex DiffTreeModel::indexForKey(const QString& key, int column) const
{
    for (const auto& group : m_root->children) {
        for (const auto& object : group->children) {
            if (object->entry.key == key)
                return createIndex(object->row, column, object.get());
            if (!key.startsWith(object->entry.key + QLatin1Char('/')))
                continue;
            for (const auto& sub : object->children) {
                if (sub->entry.key == key)
                    return createIndex(sub->row, column, sub.get());
            }
        }
    }
    return {};
}

QModelIndex DiffTreeModel::indexForKind(ObjectKind kind) const
{
    for (const auto& group : m_root->children) {
        if (group->kind == kind)
            return createIndex(group->row, ObjectColumn, group.get());
    }
    return {};
}

diff::ObjectSummary DiffTreeModel::counts(ObjectKind kind) const
{
    for (const auto& group : m_root->children) {
        if (group->kind == kind)
            return group->counts;
    }
    return diff::ObjectSummary{kind};
}

QString DiffTreeModel::ddlOf(const QModelIndex& index, bool live) const
{
    const Entry* e = entry(index);
    if (!e)
        return {};
    const auto& object = live ? e->live : e->target;
    if (!object)
        return {};
    // Sub-objects are shown as the statement adding them to their relation, named as on
    // that side.
    QString relation = e->relation;
    if (!live && e->key.contains(QLatin1Char('/'))) {
        const Node* owner = nodeAt(index)->parent;
        if (const auto* t = owner->entry.target
                                ? std::get_if<catalog::Table>(owner->entry.target.get())
                                : nullptr)
            relation = t->name;
        else if (const auto* v = owner->entry.target
                                     ? std::get_if<catalog::View>(owner->entry.target.get())
                                     : nullptr)
            relation = v->name;
    }
    const QString& schema = e->schema;
    return std::visit(
        [&](const auto& x) -> QString {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, catalog::Column> ||
                          std::is_same_v<T, catalog::Constraint> ||
                          std::is_same_v<T, catalog::Index> ||
                          std::is_same_v<T, catalog::Trigger> || std::is_same_v<T, catalog::Policy>)
                return catalog::ddl::create(x, schema, relation);
            else
                return catalog::ddl::create(x);
        },
        *object);
}

QString DiffTreeModel::liveDdl(const QModelIndex& index) const
{
    return ddlOf(index, true);
}

QString DiffTreeModel::targetDdl(const QModelIndex& index) const
{
    return ddlOf(index, false);
}

QString DiffTreeModel::statusText(ObjectStatus status)
{
    switch (status) {
    case ObjectStatus::Identical:
        return tr("Identical");
    case ObjectStatus::Different:
        return tr("Different");
    case ObjectStatus::OnlyInDatabase:
        return tr("Only in database");
    case ObjectStatus::OnlyInTarget:
        return tr("Only in target");
    }
    return {};
}

QColor DiffTreeModel::statusColor(ObjectStatus status)
{
    // Readable on light and dark backgrounds; red is what goes away, green what comes.
    switch (status) {
    case ObjectStatus::Identical:
        return QColor(0x8a, 0x8a, 0x8a);
    case ObjectStatus::Different:
        return QColor(0xd0, 0x8c, 0x00);
    case ObjectStatus::OnlyInDatabase:
        return QColor(0xc6, 0x28, 0x28);
    case ObjectStatus::OnlyInTarget:
        return QColor(0x2e, 0x8b, 0x3e);
    }
    return {};
}

QIcon DiffTreeModel::statusIcon(ObjectStatus status)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(statusColor(status));
    painter.drawEllipse(QRectF(1, 1, 10, 10));
    return QIcon(pixmap);
}

QString DiffTreeModel::kindLabel(const diff::ObjectSummary& c)
{
    QStringList parts;
    if (c.different)
        parts << tr("%1 different").arg(c.different);
    if (c.onlyInDatabase)
        parts << tr("%1 only in database").arg(c.onlyInDatabase);
    if (c.onlyInTarget)
        parts << tr("%1 only in target").arg(c.onlyInTarget);
    if (c.identical)
        parts << tr("%1 identical").arg(c.identical);
    return diff::kindPlural(c.kind) + QStringLiteral(" (") + parts.join(QStringLiteral(", ")) +
           QLatin1Char(')');
}

int DiffTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeAt(parent)->children.size());
}

int DiffTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QModelIndex DiffTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeAt(parent)->children[size_t(row)].get());
}

QModelIndex DiffTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const Node* parentNode = nodeAt(child)->parent;
    if (!parentNode || parentNode == m_root.get())
        return {};
    return createIndex(parentNode->row, 0, const_cast<Node*>(parentNode));
}

QVariant DiffTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node* node = nodeAt(index);
    if (role == KindRole)
        return int(node->kind);
    if (role == IsGroupRole)
        return node->group;
    if (node->group) {
        if (role == Qt::DisplayRole && index.column() == ObjectColumn)
            return kindLabel(node->counts);
        if (role == NameRole)
            return diff::kindPlural(node->kind);
        if (role == Qt::FontRole) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    }
    const Entry& e = node->entry;
    switch (role) {
    case StatusRole:
        return int(e.status);
    case KeyRole:
        return e.key;
    case NameRole:
        return e.name;
    case Qt::DisplayRole:
        switch (index.column()) {
        case ObjectColumn:
            return e.name;
        case StatusColumn:
            return statusText(e.status);
        case SummaryColumn:
            return e.summary;
        }
        return {};
    case StatusColorRole:
        return statusColor(e.status);
    case Qt::DecorationRole:
        if (index.column() == StatusColumn) {
            QIcon& icon = m_icons[int(e.status)];
            if (icon.isNull())
                icon = statusIcon(e.status);
            return icon;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == SummaryColumn && !e.summary.isEmpty())
            return e.summary;
        if (index.column() == ObjectColumn)
            return e.name;
        return {};
    }
    return {};
}

QVariant DiffTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ObjectColumn:
        return tr("Object");
    case StatusColumn:
        return tr("Status");
    case SummaryColumn:
        return tr("Change summary");
    }
    return {};
}

} // namespace bellows::ui
