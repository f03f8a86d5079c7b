#pragma once

// The plan as an item model: phases are top-level rows (in plan order, only phases that have
// steps or a gate), their steps are the children. The gate standing before a phase is a role
// of the phase row, so views draw it between that phase and the previous one. The timeline,
// the step list and the inspector all work through this model and one selection model.

#include "common/result.h"
#include "plan/plan.h"
#include "review/review_actions.h"
#include "review/review_evaluation.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QJsonObject>
#include <QSet>

#include <optional>

namespace bellows::ui {

enum class Risk { Low, Medium, High };

QString toString(Risk risk); // "low", "medium", "high"

// What happened to a step in this window's runs (the ledger in the database stays the truth).
// Waiting: the step has started and its session waits for a lock another session holds.
// Running: its statements execute.
enum class RunState { NotRun, Running, Waiting, Done, Failed, Cancelled };

// High: contract, data loss, an irreversible hazard, a rewrite, or ACCESS EXCLUSIVE held for
// long. Medium: an index build, a scan or validation, a backfill, or a write-blocking lock
// that is held for long or taken without a lock_timeout. Low: the rest, including a brief
// ACCESS EXCLUSIVE under a lock_timeout (a catalog-only change). (irreversibleReason alone is no
// risk: the planner also uses it for "nothing to undo".)
Risk riskOf(const plan::Step& step);

// "ACCESS EXCLUSIVE on public.users (brief); SHARE UPDATE EXCLUSIVE on ..." or "no lock".
QString lockSummary(const plan::Step& step);
plan::LockMode strongestLock(const plan::Step& step);

class PlanModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { TitleColumn, LockColumn, DurationColumn, RiskColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1, // step id; for a phase row the phase id ("expand")
        TitleRole,
        PhaseRole,              // int(plan::Phase)
        IsPhaseRole,            // bool
        RiskRole,               // int(Risk); for a phase row the highest of its steps
        EstimatedSecondsRole,   // double; for a phase row the sum
        LockSummaryRole,        // QString
        StrongestLockRole,      // int(plan::LockMode)
        OutsideTransactionRole, // bool
        EditedRole,             // bool
        GateIdRole,             // phase rows: the gate before this phase ("" when none)
        GateTitleRole,
        StepNumberRole,     // 1-based position of the step in execution order
        RunStateRole,       // int(RunState)
        RunFractionRole,    // double 0..1 while a backfill reports progress, else -1
        RunDetailRole,      // "45,000 of 100,000 rows · 12,000 rows/s · 5 s left", or the error
        ReviewStateRole,    // int(review::StepStatus); NotRequired when the plan has no policy
        ReviewTextRole,     // "approved by Dana (dba)", "needs 1 more approval (1 of 2)", ...
        ReviewProgressRole, // double 0..1: counting approvals of those required (1 when none)
    };

    explicit PlanModel(QObject* parent = nullptr);

    void setPlan(plan::Plan plan);
    const plan::Plan& plan() const { return m_plan; }
    bool isEmpty() const { return m_plan.steps.empty(); }
    bool isModified() const { return m_modified; }
    // Approvals or a policy changed since the plan was set or saved: a re-plan would lose them.
    bool hasUnsavedReview() const { return m_modified && m_reviewModified; }
    void setModified(bool modified);

    // Null for a phase row or an invalid index.
    const plan::Step* stepAt(const QModelIndex& index) const;
    QModelIndex indexOfStep(const QString& stepId, int column = 0) const;
    // All step indexes (column 0) in execution order: what keyboard navigation walks.
    QList<QModelIndex> stepIndexes() const;

    // Replaces a step's SQL; the first edit keeps the planner's SQL in originalSql so it can
    // be shown and reverted. Setting the original text back clears the edit. An edited step's
    // locks, work, hazards, transaction mode and timeouts are re-derived from the edited SQL
    // (lint::analyseStepSql), and its rollback, written for the planner's SQL, is stale until
    // the user confirms it still fits (confirmRollback) or reverts the edit.
    bool setStepSql(const QString& stepId, const QString& sql);
    bool revertStep(const QString& stepId);
    bool isRollbackStale(const QString& stepId) const { return m_staleRollbacks.contains(stepId); }
    void confirmRollback(const QString& stepId);
    // The linter's verdict on an edited step's SQL (the inspector lints as you type): an error
    // makes the step high risk, a warning at least medium. Cleared when the step is reverted.
    void setEditFindings(const QString& stepId, int errors, int warnings);

    void setRunState(const QString& stepId, RunState state, double fraction = -1,
                     const QString& detail = {});
    RunState runState(const QString& stepId) const;
    void clearRunStates();

    // The review (plan.review) as core/review evaluates it, without an executor: whether the
    // person who runs a step may approve it is the runner's business. Recomputed whenever the
    // review or a step's SQL changes, so an edit after an approval shows as invalidated at once.
    const review::ReviewState& reviewState() const { return m_review; }
    const review::StepReview* stepReview(const QString& stepId) const;
    // A policy, or at least one approval: views show review badges only then.
    bool hasReview() const { return m_hasReview; }
    // Why plan.review could not be read ("" when it could); the state is empty then.
    QString reviewError() const { return m_reviewError; }
    // Replaces plan.review (e.g. from a reloaded file); marks the plan modified.
    void setReview(const QJsonObject& review);
    // core/review's approve() on this plan (its refusals come back as the error), then the
    // affected steps' review roles change and the plan is marked modified.
    Result<review::Approval> approve(const review::ApproveRequest& request);
    Status setReviewPolicy(const std::optional<review::Policy>& policy,
                           const review::Identity& author = {});

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

Q_SIGNALS:
    void stepChanged(const QString& stepId);
    void modifiedChanged(bool modified);
    // plan.review or the evaluation changed (an approval, a policy, an edit that invalidates).
    void reviewChanged();

private:
    struct PhaseRow {
        plan::Phase phase;
        std::vector<int> steps; // indexes into m_plan.steps
    };

    QVariant phaseData(const PhaseRow& row, int column, int role) const;
    QVariant stepData(const plan::Step& step, int number, int column, int role) const;
    void stepEdited(const QString& stepId);
    void restorePlannerFacts(plan::Step& step);
    void stepDataChanged(const QString& stepId);
    Risk riskWithEdits(const plan::Step& step) const;
    // Re-evaluates the review; emits dataChanged for steps whose review roles changed (all
    // steps when notifyAll) and reviewChanged when anything did.
    void refreshReview(bool notifyAll);
    void evaluateReview(); // m_review from m_plan, no signals
    void reviewEdited();

    struct RunInfo {
        RunState state = RunState::NotRun;
        double fraction = -1;
        QString detail;
    };
    struct EditFindings {
        int errors = 0;
        int warnings = 0;
    };

    plan::Plan m_plan;
    QHash<QString, RunInfo> m_runs;
    QHash<QString, EditFindings> m_editFindings;
    QHash<QString, plan::Step> m_plannerSteps; // as the planner made them, for revert
    QSet<QString> m_staleRollbacks;
    bool m_reviewModified = false;
    std::vector<PhaseRow> m_rows;
    std::optional<review::ReviewRecord> m_reviewRecord; // plan.review parsed (m_reviewJson)
    QJsonObject m_reviewJson;
    review::ReviewState m_review;
    QHash<QString, int> m_reviewIndex; // step id → index into m_review.steps
    QString m_reviewError;
    bool m_hasReview = false;
    bool m_modified = false;
};

} // namespace bellows::ui
