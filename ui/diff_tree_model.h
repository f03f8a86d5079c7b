#pragma once

// The comparison of a live database with a target as a tree, the way pgAdmin's Schema Diff
// shows it: one row per object kind (with its counts per status), under it every top-level
// object of that kind — identical ones too, which the ChangeSet does not list, so both
// catalogs are walked — and under a changed table or view the changes of its columns,
// constraints, indexes, triggers and policies.

#include "catalog/catalog.h"
#include "diff/change.h"

#include <QAbstractItemModel>
#include <QColor>
#include <QIcon>

#include <memory>
#include <optional>
#include <vector>

namespace bellows::ui {

class DiffTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { ObjectColumn, StatusColumn, SummaryColumn, ColumnCount };
    enum Role {
        StatusRole = Qt::UserRole + 1, // int(diff::ObjectStatus); invalid on kind rows
        KeyRole,                       // stable object key (see Entry::key); empty on kind rows
        KindRole,                      // int(diff::ObjectKind), kind rows too
        IsGroupRole,                   // true on the kind rows
        NameRole,                      // the object's name as in the Object column, no counts
        StatusColorRole,               // QColor of the status (statusColor())
    };

    // One object or sub-object row.
    struct Entry {
        // "table:public.users", "function:public.f(integer)", and for a sub-object its owner's
        // key, '/', its own: "table:public.users/column:display_name". Names are as displayed
        // (quoted when needed), target-side when renamed.
        QString key;
        diff::ObjectKind kind = diff::ObjectKind::Table;
        diff::ObjectStatus status = diff::ObjectStatus::Identical;
        std::optional<diff::Action> action; // none for identical objects
        QString schema;
        QString relation;                              // owning table or view of a sub-object
        QString name;                                  // shown in the Object column
        QString renamedFrom;                           // database-side name of a renamed object
        QString summary;                               // the Change summary column
        std::vector<diff::AttributeChange> attributes; // own differing attributes
        std::optional<diff::RenameProposal> renameProposal;
        std::shared_ptr<const diff::CatalogObject> live;   // null when only in the target
        std::shared_ptr<const diff::CatalogObject> target; // null when only in the database
    };

    explicit DiffTreeModel(QObject* parent = nullptr);
    ~DiffTreeModel() override;

    // Rebuilds the tree. The model keeps copies of what it shows: the arguments need not
    // outlive it.
    void setComparison(const catalog::Catalog& database, const catalog::Catalog& target,
                       const diff::ChangeSet& changes);
    void clear();

    // Null for kind rows and invalid indexes.
    const Entry* entry(const QModelIndex& index) const;
    // Children entries of an object row (the sub-object changes of a relation).
    std::vector<const Entry*> subEntries(const QModelIndex& index) const;
    QModelIndex indexForKey(const QString& key, int column = ObjectColumn) const;
    // The kind row, or an invalid index when the comparison has no object of that kind.
    QModelIndex indexForKind(diff::ObjectKind kind) const;
    // Counts per status of one kind, as in its row's label.
    diff::ObjectSummary counts(diff::ObjectKind kind) const;

    // The DDL of the object on each side (catalog/catalog_ddl.h); empty when it is absent.
    QString liveDdl(const QModelIndex& index) const;
    QString targetDdl(const QModelIndex& index) const;

    static QString statusText(diff::ObjectStatus status);
    static QColor statusColor(diff::ObjectStatus status);
    // A small dot in the status colour (the Status column's decoration, the filter toggles).
    static QIcon statusIcon(diff::ObjectStatus status);
    // "Tables (2 different, 1 only in target, 14 identical)"
    static QString kindLabel(const diff::ObjectSummary& counts);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Node;
    Node* nodeAt(const QModelIndex& index) const;
    QString ddlOf(const QModelIndex& index, bool live) const;

    std::unique_ptr<Node> m_root;
    mutable QIcon m_icons[4]; // per status, made on first use
};

} // namespace bellows::ui
