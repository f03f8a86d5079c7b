#include "diff_filter_model.h"

#include "diff_tree_model.h"

namespace bellows::ui {

DiffFilterModel::DiffFilterModel(QObject* parent) : QSortFilterProxyModel(parent)
{
    m_hidden.insert(int(diff::ObjectStatus::Identical));
    // Parents of a matching row stay (kind rows have no status or name of their own).
    setRecursiveFilteringEnabled(true);
}

void DiffFilterModel::setFilterText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

void DiffFilterModel::setStatusVisible(diff::ObjectStatus status, bool visible)
{
    if (visible == isStatusVisible(status))
        return;
    if (visible)
        m_hidden.remove(int(status));
    else
        m_hidden.insert(int(status));
    invalidateFilter();
}

bool DiffFilterModel::isStatusVisible(diff::ObjectStatus status) const
{
    return !m_hidden.contains(int(status));
}

bool DiffFilterModel::nameMatches(const QModelIndex& index) const
{
    return m_text.isEmpty() ||
           index.data(DiffTreeModel::NameRole).toString().contains(m_text, Qt::CaseInsensitive);
}

bool DiffFilterModel::objectAccepted(const QModelIndex& objectIndex) const
{
    const QVariant status = objectIndex.data(DiffTreeModel::StatusRole);
    return status.isValid() && !m_hidden.contains(status.toInt()) && nameMatches(objectIndex);
}

bool DiffFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    // Kind rows: only through their children (recursive filtering).
    if (index.data(DiffTreeModel::IsGroupRole).toBool())
        return false;
    const bool subObject = !sourceParent.data(DiffTreeModel::IsGroupRole).toBool();
    if (!subObject)
        return objectAccepted(index);
    // A sub-object follows its object, or stands on its own name when its object's status
    // is visible ("email" finds the column under a table whose name does not match).
    if (objectAccepted(sourceParent))
        return true;
    const QVariant ownerStatus = sourceParent.data(DiffTreeModel::StatusRole);
    return !m_text.isEmpty() && !m_hidden.contains(ownerStatus.toInt()) && nameMatches(index);
}

} // namespace bellows::ui
