#include "plan_model.h"

#include "lint/step_facts.h"

#include "plan/plan_render.h"
#include "review/review_record.h"

#include <algorithm>

namespace bellows::ui {

using plan::HazardKind;
using plan::LockMode;
using plan::Phase;
using plan::Step;

QString toString(Risk risk)
{
    switch (risk) {
    case Risk::Low:
        return QStringLiteral("low");
    case Risk::Medium:
        return QStringLiteral("medium");
    case Risk::High:
        return QStringLiteral("high");
    }
    return {};
}

Risk riskOf(const Step& step)
{
    if (step.phase == Phase::Contract || step.hasHazard(HazardKind::DataLoss) ||
        step.hasHazard(HazardKind::Irreversible) || step.work == plan::Work::Rewrite)
        return Risk::High;
    for (const plan::Lock& lock : step.locks) {
        if (lock.mode == LockMode::AccessExclusive && !lock.brief)
            return Risk::High;
    }
    if (step.backfill || step.phase == Phase::Backfill || step.hasHazard(HazardKind::IndexBuild) ||
        step.hasHazard(HazardKind::BackfillLoad) || step.hasHazard(HazardKind::FullScan) ||
        step.hasHazard(HazardKind::ValidationScan) || step.work == plan::Work::Build ||
        step.work == plan::Work::Scan)
        return Risk::Medium;
    // A brief lock taken under a lock_timeout gives up instead of queueing everyone behind a
    // long transaction: the catalog-only change the reference calls safe. Without the timeout
    // the same brief lock can stall the table, so it stays medium.
    const bool guarded = step.lockTimeoutMs > 0;
    for (const plan::Lock& lock : step.locks) {
        const bool strong = lock.mode == LockMode::AccessExclusive || plan::blocksWrites(lock.mode);
        if (strong && !(lock.brief && guarded))
            return Risk::Medium;
    }
    if (!guarded && (step.hasHazard(HazardKind::AccessExclusiveLock) ||
                     step.hasHazard(HazardKind::BlocksWrites)))
        return Risk::Medium;
    return Risk::Low;
}

LockMode strongestLock(const Step& step)
{
    LockMode mode = LockMode::None;
    for (const plan::Lock& lock : step.locks)
        mode = std::max(mode, lock.mode);
    return mode;
}

QString lockSummary(const Step& step)
{
    if (step.locks.empty())
        return QStringLiteral("no lock");
    QStringList parts;
    for (const plan::Lock& lock : step.locks) {
        QString part = plan::toString(lock.mode);
        if (!lock.relation.isEmpty())
            part += QStringLiteral(" on ") + lock.relation;
        if (lock.brief)
            part += QStringLiteral(" (brief)");
        parts << part;
    }
    return parts.join(QStringLiteral("; "));
}

namespace {

// "Dana (dba)": the name people use in a review discussion; the e-mail only when no name.
QString approverWords(const review::ApprovalUse& use)
{
    const QString who = use.approver.name.isEmpty() ? use.approver.display() : use.approver.name;
    return QStringLiteral("%1 (%2)").arg(who, review::toString(use.role));
}

QString reviewText(const review::StepReview& sr, bool hasPolicy)
{
    using review::StepStatus;
    QStringList counting;
    QStringList changesBy;
    QStringList staleBy;
    QStringList changed;
    for (const review::ApprovalUse& use : sr.uses) {
        if (use.counts)
            counting << approverWords(use);
        else if (use.latest && use.current && use.verdict == review::Verdict::RequestChanges)
            changesBy << approverWords(use);
        else if (use.latest && !use.current) {
            staleBy << approverWords(use);
            for (const QString& field : use.changed)
                if (!changed.contains(field))
                    changed << field;
        }
    }
    // "The approval by X does not count: the step changed since" repeats what the invalidated
    // status already says.
    QStringList missing;
    for (const QString& line : sr.missing) {
        if (sr.status != StepStatus::Invalidated ||
            !line.contains(QLatin1String("changed since it was reviewed")))
            missing << line;
    }
    const QString needs = missing.isEmpty()
                              ? QString()
                              : QStringLiteral("needs ") + missing.join(QStringLiteral("; "));
    switch (sr.status) {
    case StepStatus::NotRequired:
        if (!hasPolicy)
            return counting.isEmpty() ? QString()
                                      : QStringLiteral("approved by %1 (no policy)")
                                            .arg(counting.join(QStringLiteral(", ")));
        return QStringLiteral("no approval required in this phase");
    case StepStatus::Approved:
        return QStringLiteral("approved by %1").arg(counting.join(QStringLiteral(", ")));
    case StepStatus::Missing:
        return needs;
    case StepStatus::Invalidated: {
        QString text = QStringLiteral("approval invalidated: %1 changed since")
                           .arg(changed.isEmpty() ? QStringLiteral("the step")
                                                  : changed.join(QStringLiteral(", ")));
        if (!staleBy.isEmpty())
            text += QStringLiteral(" %1 reviewed it").arg(staleBy.join(QStringLiteral(", ")));
        return needs.isEmpty() ? text : text + QStringLiteral("; ") + needs;
    }
    case StepStatus::ChangesRequested:
        return QStringLiteral("changes requested by %1")
            .arg(changesBy.isEmpty() ? sr.missing.join(QStringLiteral("; "))
                                     : changesBy.join(QStringLiteral(", ")));
    }
    return {};
}

} // namespace

PlanModel::PlanModel(QObject* parent) : QAbstractItemModel(parent) {}

void PlanModel::setPlan(plan::Plan plan)
{
    beginResetModel();
    m_plan = std::move(plan);
    m_rows.clear();
    m_runs.clear();
    m_editFindings.clear();
    m_plannerSteps.clear();
    m_staleRollbacks.clear();
    // A plan saved with edits: their rollbacks were written for the planner's SQL.
    for (const Step& step : m_plan.steps)
        if (step.isEdited() && step.isReversible())
            m_staleRollbacks.insert(step.id);
    for (Phase phase : plan::allPhases()) {
        PhaseRow row{phase, {}};
        for (size_t i = 0; i < m_plan.steps.size(); ++i) {
            if (m_plan.steps[i].phase == phase)
                row.steps.push_back(int(i));
        }
        if (!row.steps.empty() || !m_plan.gatesBefore(phase).empty())
            m_rows.push_back(std::move(row));
    }
    evaluateReview(); // inside the reset: no per-step signal may be emitted here
    endResetModel();
    Q_EMIT reviewChanged();
    setModified(false);
}

void PlanModel::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    if (!modified)
        m_reviewModified = false;
    Q_EMIT modifiedChanged(modified);
}

const Step* PlanModel::stepAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == 0)
        return nullptr;
    const PhaseRow& row = m_rows[size_t(index.internalId() - 1)];
    return &m_plan.steps[size_t(row.steps[size_t(index.row())])];
}

QModelIndex PlanModel::indexOfStep(const QString& stepId, int column) const
{
    for (size_t r = 0; r < m_rows.size(); ++r) {
        const std::vector<int>& steps = m_rows[r].steps;
        for (size_t i = 0; i < steps.size(); ++i) {
            if (m_plan.steps[size_t(steps[i])].id == stepId)
                return createIndex(int(i), column, quintptr(r + 1));
        }
    }
    return {};
}

QList<QModelIndex> PlanModel::stepIndexes() const
{
    QList<QModelIndex> result;
    for (size_t r = 0; r < m_rows.size(); ++r) {
        for (size_t i = 0; i < m_rows[r].steps.size(); ++i)
            result << createIndex(int(i), 0, quintptr(r + 1));
    }
    return result;
}

bool PlanModel::setStepSql(const QString& stepId, const QString& sql)
{
    Step* step = m_plan.step(stepId);
    // A backfill runs the statement its fields make; its text is not editable (plan_file.cpp).
    if (!step || step->sql == sql || step->backfill)
        return false;
    if (step->originalSql.isEmpty()) {
        step->originalSql = step->sql;
        m_plannerSteps.insert(stepId, *step);
    }
    step->sql = sql;
    if (step->originalSql == sql) {
        restorePlannerFacts(*step);
    } else {
        lint::applyStepFacts(*step, lint::analyseStepSql(sql, lint::stepLintOptions(m_plan)));
        if (step->isReversible())
            m_staleRollbacks.insert(stepId);
    }
    stepEdited(stepId);
    return true;
}

// Back to the planner's SQL and facts (re-derived from the SQL when the planner's step is not
// in memory: a plan reopened with edits).
void PlanModel::restorePlannerFacts(Step& step)
{
    const auto planned = m_plannerSteps.constFind(step.id);
    if (planned != m_plannerSteps.constEnd()) {
        step = *planned;
        step.originalSql.clear();
    } else {
        step.sql = step.originalSql;
        step.originalSql.clear();
        lint::applyStepFacts(step, lint::analyseStepSql(step.sql, lint::stepLintOptions(m_plan)));
    }
    m_staleRollbacks.remove(step.id);
    m_editFindings.remove(step.id);
}

bool PlanModel::revertStep(const QString& stepId)
{
    Step* step = m_plan.step(stepId);
    if (!step || step->originalSql.isEmpty())
        return false;
    restorePlannerFacts(*step);
    stepEdited(stepId);
    return true;
}

void PlanModel::confirmRollback(const QString& stepId)
{
    if (m_staleRollbacks.remove(stepId))
        stepDataChanged(stepId);
}

void PlanModel::setEditFindings(const QString& stepId, int errors, int warnings)
{
    const Step* step = m_plan.step(stepId);
    if (!step)
        return;
    if (!step->isEdited()) {
        errors = 0; // the planner's own SQL keeps the planner's risk
        warnings = 0;
    }
    const EditFindings old = m_editFindings.value(stepId);
    if (old.errors == errors && old.warnings == warnings)
        return;
    if (errors == 0 && warnings == 0)
        m_editFindings.remove(stepId);
    else
        m_editFindings.insert(stepId, {errors, warnings});
    stepDataChanged(stepId);
}

Risk PlanModel::riskWithEdits(const Step& step) const
{
    const Risk planned = riskOf(step);
    const auto found = m_editFindings.constFind(step.id);
    if (found == m_editFindings.constEnd())
        return planned;
    const Risk linted = found->errors > 0 ? Risk::High : Risk::Medium;
    return std::max(planned, linted);
}

void PlanModel::setRunState(const QString& stepId, RunState state, double fraction,
                            const QString& detail)
{
    if (!m_plan.step(stepId))
        return;
    RunInfo& info = m_runs[stepId];
    if (info.state == state && info.fraction == fraction && info.detail == detail)
        return;
    info = {state, fraction, detail};
    stepDataChanged(stepId);
}

RunState PlanModel::runState(const QString& stepId) const
{
    return m_runs.value(stepId).state;
}

void PlanModel::clearRunStates()
{
    const QStringList ids = m_runs.keys();
    m_runs.clear();
    for (const QString& id : ids)
        stepDataChanged(id);
}

void PlanModel::stepDataChanged(const QString& stepId)
{
    const QModelIndex first = indexOfStep(stepId, 0);
    if (first.isValid())
        Q_EMIT dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
}

void PlanModel::stepEdited(const QString& stepId)
{
    refreshReview(false); // an edit after an approval invalidates it now, not on save
    stepDataChanged(stepId);
    setModified(true);
    Q_EMIT stepChanged(stepId);
}

const review::StepReview* PlanModel::stepReview(const QString& stepId) const
{
    const auto found = m_reviewIndex.constFind(stepId);
    return found == m_reviewIndex.constEnd() ? nullptr : &m_review.steps[size_t(*found)];
}

void PlanModel::evaluateReview()
{
    // plan.review is parsed only when it changed: an SQL edit re-evaluates the parsed record
    // (each keystroke in the inspector lands here).
    if (!m_reviewRecord || m_reviewJson != m_plan.review) {
        m_reviewJson = m_plan.review;
        Result<review::ReviewRecord> record = review::readReview(m_plan);
        m_reviewError = record ? QString() : record.error().message;
        m_reviewRecord = record ? *record : review::ReviewRecord{};
    }
    m_reviewIndex.clear();
    if (m_reviewError.isEmpty()) {
        m_review = review::evaluateReview(m_plan, *m_reviewRecord, {});
        m_hasReview = m_reviewRecord->policy.has_value() || !m_reviewRecord->approvals.empty();
    } else {
        m_review = {};
        m_hasReview = false;
    }
    for (size_t i = 0; i < m_review.steps.size(); ++i)
        m_reviewIndex.insert(m_review.steps[i].stepId, int(i));
}

void PlanModel::refreshReview(bool notifyAll)
{
    const review::ReviewState old = m_review;
    const QString oldError = m_reviewError;
    const bool oldHas = m_hasReview;
    evaluateReview();

    // A new policy (or none) changes every step's words, even where the status stays.
    notifyAll = notifyAll || oldError != m_reviewError || oldHas != m_hasReview ||
                old.hasPolicy != m_review.hasPolicy || !(old.policy == m_review.policy);
    bool changed = notifyAll;
    for (const review::StepReview& now : m_review.steps) {
        const review::StepReview* before = old.step(now.stepId);
        const bool same = before && !notifyAll && before->status == now.status &&
                          before->approvals == now.approvals && before->required == now.required &&
                          before->missing == now.missing && before->uses.size() == now.uses.size();
        if (!same) {
            changed = true;
            stepDataChanged(now.stepId);
        }
    }
    if (changed)
        Q_EMIT reviewChanged();
}

void PlanModel::reviewEdited()
{
    refreshReview(false);
    m_reviewModified = true;
    setModified(true);
}

void PlanModel::setReview(const QJsonObject& review)
{
    if (m_plan.review == review)
        return;
    m_plan.review = review;
    reviewEdited();
}

Result<review::Approval> PlanModel::approve(const review::ApproveRequest& request)
{
    Result<review::Approval> approval = review::approve(m_plan, request);
    if (approval)
        reviewEdited();
    return approval;
}

Status PlanModel::setReviewPolicy(const std::optional<review::Policy>& policy,
                                  const review::Identity& author)
{
    const QJsonObject before = m_plan.review;
    Status status = review::setPolicy(m_plan, policy, author);
    if (status && m_plan.review != before)
        reviewEdited();
    return status;
}

QModelIndex PlanModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < int(m_rows.size()) ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.column() != 0 || parent.row() >= int(m_rows.size()))
        return {};
    if (row >= int(m_rows[size_t(parent.row())].steps.size()))
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex PlanModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int PlanModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(m_rows[size_t(parent.row())].steps.size());
}

int PlanModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant PlanModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == 0)
        return phaseData(m_rows[size_t(index.row())], index.column(), role);
    const PhaseRow& row = m_rows[size_t(index.internalId() - 1)];
    const int stepIndex = row.steps[size_t(index.row())];
    return stepData(m_plan.steps[size_t(stepIndex)], stepIndex + 1, index.column(), role);
}

QVariant PlanModel::phaseData(const PhaseRow& row, int column, int role) const
{
    double seconds = 0;
    Risk risk = Risk::Low;
    for (int i : row.steps) {
        seconds += m_plan.steps[size_t(i)].estimatedSeconds;
        risk = std::max(risk, riskWithEdits(m_plan.steps[size_t(i)]));
    }
    const std::vector<const plan::Gate*> gates = m_plan.gatesBefore(row.phase);
    const plan::Gate* gate = gates.empty() ? nullptr : gates.front();
    QStringList gateTitles;
    for (const plan::Gate* g : gates)
        gateTitles << g->title;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TitleColumn:
            return QStringLiteral("%1 (%2 %3)")
                .arg(plan::phaseTitle(row.phase))
                .arg(row.steps.size())
                .arg(row.steps.size() == 1 ? QStringLiteral("step") : QStringLiteral("steps"));
        case DurationColumn:
            return plan::formatDuration(seconds);
        case RiskColumn:
            return toString(risk);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return gate ? QStringLiteral("Gate before this phase: %1")
                          .arg(gateTitles.join(QStringLiteral(" → ")))
                    : QVariant();
    case IdRole:
        return plan::toString(row.phase);
    case TitleRole:
        return plan::phaseTitle(row.phase);
    case PhaseRole:
        return int(row.phase);
    case IsPhaseRole:
        return true;
    case RiskRole:
        return int(risk);
    case EstimatedSecondsRole:
        return seconds;
    case GateIdRole:
        return gate ? gate->id : QString();
    case GateTitleRole:
        return gateTitles.join(QStringLiteral(" → "));
    default:
        return {};
    }
}

QVariant PlanModel::stepData(const Step& step, int number, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TitleColumn:
            return step.isEdited() ? step.title + QStringLiteral(" (edited)") : step.title;
        case LockColumn: {
            const LockMode mode = strongestLock(step);
            return mode == LockMode::None ? QStringLiteral("–") : plan::toString(mode);
        }
        case DurationColumn:
            return plan::formatDuration(step.estimatedSeconds);
        case RiskColumn:
            return toString(riskWithEdits(step));
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return QStringLiteral("%1\nLocks: %2\nEstimated: %3%4")
            .arg(step.title, lockSummary(step), plan::formatDuration(step.estimatedSeconds),
                 step.outsideTransaction ? QStringLiteral("\nRuns outside a transaction")
                                         : QString());
    case IdRole:
        return step.id;
    case TitleRole:
        return step.title;
    case PhaseRole:
        return int(step.phase);
    case IsPhaseRole:
        return false;
    case RiskRole:
        return int(riskWithEdits(step));
    case EstimatedSecondsRole:
        return step.estimatedSeconds;
    case LockSummaryRole:
        return lockSummary(step);
    case StrongestLockRole:
        return int(strongestLock(step));
    case OutsideTransactionRole:
        return step.outsideTransaction;
    case EditedRole:
        return step.isEdited();
    case StepNumberRole:
        return number;
    case RunStateRole:
        return int(m_runs.value(step.id).state);
    case RunFractionRole:
        return m_runs.value(step.id).fraction;
    case RunDetailRole:
        return m_runs.value(step.id).detail;
    case ReviewStateRole:
    case ReviewTextRole:
    case ReviewProgressRole: {
        const review::StepReview* sr = stepReview(step.id);
        if (!sr)
            return role == ReviewStateRole  ? QVariant(int(review::StepStatus::NotRequired))
                   : role == ReviewTextRole ? QVariant(QString())
                                            : QVariant(1.0);
        if (role == ReviewStateRole)
            return int(sr->status);
        if (role == ReviewTextRole)
            return reviewText(*sr, m_review.hasPolicy);
        return sr->required > 0 ? std::min(1.0, double(sr->approvals) / sr->required) : 1.0;
    }
    default:
        return {};
    }
}

QVariant PlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return QStringLiteral("Step");
    case LockColumn:
        return QStringLiteral("Strongest lock");
    case DurationColumn:
        return QStringLiteral("Estimate");
    case RiskColumn:
        return QStringLiteral("Risk");
    default:
        return {};
    }
}

Qt::ItemFlags PlanModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.internalId() == 0)
        return Qt::ItemIsEnabled; // phases group steps; selecting one means nothing yet
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

} // namespace bellows::ui
