#pragma once

// The diff panel: what comparing the live database with the target found, before any plan is
// read. From top to bottom: the rename proposals the differ suspects (Accept / Reject; an
// accepted one shows with Undo until the next comparison confirms it), a filter (name text
// and one toggle per status, identical objects hidden by default), the tree grouped by object
// kind (DiffTreeModel), and for the selected object its live and target DDL side by side with
// the list of what changes. Accepting a rename only emits a signal: the main window re-plans
// with the hint and hands the new comparison back through setComparison().

#include "workers/worker_types.h"

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QStandardItemModel;
class QTreeView;
class QVBoxLayout;

namespace bellows::ui {

class DiffFilterModel;
class DiffTreeModel;
class SqlEditor;

class DiffPanel : public QWidget {
    Q_OBJECT
public:
    explicit DiffPanel(QWidget* parent = nullptr);
    ~DiffPanel() override;

    // Shows a comparison (keeps the pointer; null clears the panel). The selection is kept
    // when the same object is still there.
    void setComparison(workers::PlannedChangePtr planned);
    workers::PlannedChangePtr comparison() const { return m_planned; }

    // The rename hints (RenameProposal::hintText(), `--rename` syntax) the user has accepted:
    // shown as accepted with Undo, and their proposals no longer offered.
    void setAcceptedRenames(const QStringList& hints);
    QStringList acceptedRenames() const { return m_accepted; }
    // Proposals rejected in this panel stay hidden across comparisons until cleared here.
    void setRejectedRenames(const QStringList& hints);
    QStringList rejectedRenames() const { return m_rejected; }
    // Hints of the proposals currently offered (neither accepted nor rejected).
    QStringList pendingRenames() const;

    // Selects an object by its DiffTreeModel key ("table:public.users"), widening the filter
    // when it hides the object. False when the comparison has no such object.
    bool selectObject(const QString& key);
    QString currentKey() const;

    DiffTreeModel* model() const { return m_model; }
    DiffFilterModel* filterModel() const { return m_filter; }
    QTreeView* tree() const { return m_tree; }
    SqlEditor* liveEditor() const { return m_live; }
    SqlEditor* targetEditor() const { return m_target; }
    // Attribute | Live database | Target rows for the selected object.
    QStandardItemModel* whatChanges() const { return m_changes; }

Q_SIGNALS:
    void renameAccepted(const QString& hintText);
    void renameRejected(const QString& hintText);
    void renameUndone(const QString& hintText); // an accepted rename withdrawn
    void objectSelected(const QString& key);    // empty when nothing (or a kind row) is selected

private:
    void buildFilterBar(QVBoxLayout* layout);
    QWidget* buildDetail();
    void rebuildProposals();
    void showNotes();
    void showDetail(const QModelIndex& proxyIndex);
    void fillWhatChanges(const QModelIndex& sourceIndex);
    void expandForFilter();
    void acceptRename(const QString& hint);
    void rejectRename(const QString& hint);
    void undoRename(const QString& hint);

    workers::PlannedChangePtr m_planned;
    QStringList m_accepted;
    QStringList m_rejected;

    DiffTreeModel* m_model = nullptr;
    DiffFilterModel* m_filter = nullptr;
    QWidget* m_proposals = nullptr;
    QLabel* m_notes = nullptr;
    QVBoxLayout* m_proposalRows = nullptr;
    QLineEdit* m_filterText = nullptr;
    std::vector<QCheckBox*> m_statusToggles;
    QTreeView* m_tree = nullptr;
    QLabel* m_detailTitle = nullptr;
    SqlEditor* m_live = nullptr;
    SqlEditor* m_target = nullptr;
    QStandardItemModel* m_changes = nullptr;
    QTreeView* m_changesView = nullptr;
};

} // namespace bellows::ui
