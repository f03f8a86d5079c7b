#pragma once

// The plan as an item model: phases are top-level rows (in plan order, only phases that have
// steps or a gate), their steps are the children. The gate standing before a phase is a role
// of the phase row, so views draw it between that phase and the previous one. The timeline,
// the step list and the inspector all work through this model and one selection model.

#include "plan/plan.h"

#include <QAbstractItemModel>

namespace bellows::ui {

enum class Risk { Low, Medium, High };

QString toString(Risk risk); // "low", "medium", "high"

// High: contract, data loss, an irreversible hazard, a rewrite, or ACCESS EXCLUSIVE held for
// long. Medium: a brief ACCESS EXCLUSIVE, a write-blocking lock, an index build, a scan or
// validation, a backfill. (irreversibleReason alone is no risk: the planner also uses it for
// "nothing to undo".)
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
        StepNumberRole, // 1-based position of the step in execution order
    };

    explicit PlanModel(QObject* parent = nullptr);

    void setPlan(plan::Plan plan);
    const plan::Plan& plan() const { return m_plan; }
    bool isEmpty() const { return m_plan.steps.empty(); }
    bool isModified() const { return m_modified; }
    void setModified(bool modified);

    // Null for a phase row or an invalid index.
    const plan::Step* stepAt(const QModelIndex& index) const;
    QModelIndex indexOfStep(const QString& stepId, int column = 0) const;
    // All step indexes (column 0) in execution order: what keyboard navigation walks.
    QList<QModelIndex> stepIndexes() const;

    // Replaces a step's SQL; the first edit keeps the planner's SQL in originalSql so it can
    // be shown and reverted. Setting the original text back clears the edit.
    bool setStepSql(const QString& stepId, const QString& sql);
    bool revertStep(const QString& stepId);

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

private:
    struct PhaseRow {
        plan::Phase phase;
        std::vector<int> steps; // indexes into m_plan.steps
    };

    QVariant phaseData(const PhaseRow& row, int column, int role) const;
    QVariant stepData(const plan::Step& step, int number, int column, int role) const;
    void stepEdited(const QString& stepId);

    plan::Plan m_plan;
    std::vector<PhaseRow> m_rows;
    bool m_modified = false;
};

} // namespace bellows::ui
