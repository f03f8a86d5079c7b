#pragma once

// Filters the diff tree by text and by status. A kind row stays while any of its objects does;
// an object row shows when its status is visible and its name matches the text; a sub-object
// row shows with its object, or on its own name matching (keeping its object and kind row).
// Identical objects are hidden until asked for: they are most of a real schema.

#include "diff/change.h"

#include <QSet>
#include <QSortFilterProxyModel>

namespace bellows::ui {

class DiffFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit DiffFilterModel(QObject* parent = nullptr);

    // Case-insensitive substring of the object's displayed name (schema-qualified).
    void setFilterText(const QString& text);
    QString filterText() const { return m_text; }

    void setStatusVisible(diff::ObjectStatus status, bool visible);
    bool isStatusVisible(diff::ObjectStatus status) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    bool objectAccepted(const QModelIndex& objectIndex) const;
    bool nameMatches(const QModelIndex& index) const;

    QString m_text;
    QSet<int> m_hidden; // int(diff::ObjectStatus)
};

} // namespace bellows::ui
