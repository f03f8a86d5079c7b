#pragma once

// Review mode: the plan's review policy, who you are as a reviewer (name, e-mail, role), and
// for the selected step (it follows the shared selection model) its review state, who approved
// or asked for changes, and — when the step was edited after an approval — the SQL as it was
// reviewed against the SQL now. Approve the step, its whole phase, or request changes; the
// approvals go into the PlanModel's plan (plan.review), which marks the plan modified so
// saving the plan file keeps them. Refusals (the plan's author approving) show inline.
// Who runs the steps is not judged here: separation of duties is the runner's business.

#include "review/identity.h"
#include "review/review_record.h"

#include <QPersistentModelIndex>
#include <QWidget>

class QComboBox;
class QItemSelectionModel;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace bellows::ui {

class MessageBanner;
class PlanModel;

class ReviewPanel : public QWidget {
    Q_OBJECT
public:
    ReviewPanel(PlanModel* model, QItemSelectionModel* selection, QWidget* parent = nullptr);

    // The reviewer defaults to review::gitIdentity() and the role "reviewer".
    review::Identity reviewer() const;
    review::Role reviewerRole() const;
    void setReviewer(const review::Identity& identity, review::Role role);

    // The step shown ("" when none is selected), its state line, the inline error ("" when
    // none): for tests and the status bar.
    QString stepId() const { return m_stepId; }
    QString stateText() const;
    QString errorText() const;

    // What the buttons do; false (and the error shown inline) when refused.
    bool approveStep();
    bool requestChanges();
    bool approvePhase();

Q_SIGNALS:
    // An approval or request for changes was recorded: "Approved step 3 as Dana (dba)".
    void reviewed(const QString& message);
    // The name, e-mail or role was edited (the main window may remember them).
    void reviewerChanged();

private:
    bool record(review::Scope scope, review::Verdict verdict);
    void showCurrent();
    void refresh();
    void refreshPolicy();
    void refreshStep();
    void updateButtons();
    void showError(const QString& message, const QString& hint = {});
    void clearError();

    PlanModel* m_model = nullptr;
    QItemSelectionModel* m_selection = nullptr;
    QString m_stepId;
    QPersistentModelIndex m_shown; // the step's row, to filter dataChanged cheaply
    int m_phase = -1; // int(plan::Phase) of the selected step or phase row, -1 for none

    QLabel* m_policy = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_email = nullptr;
    QComboBox* m_role = nullptr;
    QLabel* m_stepTitle = nullptr;
    QLabel* m_state = nullptr;
    QLabel* m_approvals = nullptr;
    QLabel* m_diffTitle = nullptr;
    QTextBrowser* m_diff = nullptr;
    QPlainTextEdit* m_comment = nullptr;
    QPushButton* m_approveStep = nullptr;
    QPushButton* m_requestChanges = nullptr;
    QPushButton* m_approvePhase = nullptr;
    MessageBanner* m_error = nullptr;
};

} // namespace bellows::ui
