#pragma once

// Everything about the selected step: title, phase, reference row; the facts (locks and on
// what, rewrite / scan / build, estimated duration, transaction, timeouts); hazards in plain
// words; its SQL in an editor that re-lints as you type (debounced) with squiggles at the
// linter's line:column; the rollback SQL. Edits go to the PlanModel, which keeps the planner's
// SQL so the inspector can show the change and revert it.

#include "catalog/catalog.h"
#include "lint/linter.h"

#include <QPersistentModelIndex>
#include <QWidget>

class QCheckBox;
class QItemSelectionModel;
class QLabel;
class QListView;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTextBrowser;
class QTimer;

namespace bellows::ui {

class CodeEditor;
class LintFindingModel;
class PlanModel;
class SqlEditor;

class StepInspector : public QWidget {
    Q_OBJECT
public:
    explicit StepInspector(QWidget* parent = nullptr);

    void setModel(PlanModel* model, QItemSelectionModel* selection);

    QString stepId() const { return m_stepId; }
    SqlEditor* sqlEditor() const { return m_sql; }
    CodeEditor* rollbackEditor() const { return m_rollback; }
    LintFindingModel* findingModel() const { return m_findings; }
    QString factsText() const; // the overview as plain text (tests, copy)

    // Completion from the live database's catalog (every table, view, column and routine
    // name), on top of the names the plan's changes mention.
    void setLiveCatalog(const catalog::Catalog& catalog);

    // Lints the editor's text now instead of after the typing pause.
    void lintNow();
    void revert();

Q_SIGNALS:
    void linted(int findings);

private:
    void showStep(const QModelIndex& index);
    void refreshHeader();
    void refreshFacts();
    void refreshRollback();
    void refreshChangeView();
    void sqlEdited();
    void planReset();
    void refreshCompletion();

    PlanModel* m_model = nullptr;
    QItemSelectionModel* m_selection = nullptr;
    QString m_stepId;
    lint::LintOptions m_lintOptions;
    QStringList m_catalogWords;

    QWidget* m_empty = nullptr;
    QWidget* m_content = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_subtitle = nullptr;
    QLabel* m_editedBadge = nullptr;
    QCheckBox* m_showChange = nullptr;
    QPushButton* m_revert = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTextBrowser* m_facts = nullptr;
    QSplitter* m_sqlSplitter = nullptr;
    SqlEditor* m_original = nullptr;
    SqlEditor* m_sql = nullptr;
    QLabel* m_lintSummary = nullptr;
    QListView* m_findingList = nullptr;
    LintFindingModel* m_findings = nullptr;
    CodeEditor* m_rollback = nullptr;
    QLabel* m_irreversible = nullptr;
    QLabel* m_staleRollback = nullptr;        // the rollback predates an SQL edit
    QPushButton* m_confirmRollback = nullptr; // "The rollback still fits"
    QTimer* m_lintTimer = nullptr;
};

} // namespace bellows::ui
