#include "confirmation_step_model.h"

#include "plan/plan_render.h"
#include "plan_model.h"
#include "review/review_evaluation.h"

#include <QColor>
#include <QIcon>
#include <QPainter>
#include <QPixmap>
#include <QRegularExpression>
#include <algorithm>

namespace bellows::ui {

bool needsTypedConfirmation(const plan::Step& step)
{
    // A backfill into a new column and a validation scan have no rollback because there is
    // nothing to undo, not because they destroy anything: they do not ask for a typed name.
    const bool nothingToUndo = step.backfill.has_value() || step.work == plan::Work::Scan;
    return dropsData(step) || step.hasHazard(plan::HazardKind::Irreversible) ||
           (!step.isReversible() && !nothingToUndo);
}

bool needsTypedConfirmation(const RunRequest& request, const plan::Step& step)
{
    return needsTypedConfirmation(step) || request.editWarnings.contains(step.id);
}

bool dropsData(const plan::Step& step)
{
    return step.hasHazard(plan::HazardKind::DataLoss);
}

namespace {

QString unquote(QString name)
{
    if (name.size() >= 2 && name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"')))
        name = name.mid(1, name.size() - 2).replace(QStringLiteral("\"\""), QStringLiteral("\""));
    return name;
}

// The last component of a dotted path, ignoring a routine's argument list "(…)".
QString lastComponent(QString path)
{
    const int paren = path.indexOf(QLatin1Char('('));
    if (paren > 0)
        path.truncate(paren);
    const int dot = path.lastIndexOf(QLatin1Char('.'));
    return dot >= 0 ? path.mid(dot + 1) : path;
}

// Fallback for ids not made by the planner: the last double-quoted identifier in the title,
// else the last component of the title's last dotted name.
QString objectFromTitle(const QString& title)
{
    static const QRegularExpression quoted(QStringLiteral("\"((?:[^\"]|\"\")+)\""));
    QString found;
    for (auto it = quoted.globalMatch(title); it.hasNext();)
        found = it.next().captured(0);
    if (!found.isEmpty())
        return unquote(found);
    static const QRegularExpression dotted(
        QStringLiteral("[A-Za-z_][\\w$]*(?:\\.[A-Za-z_][\\w$]*)+"));
    for (auto it = dotted.globalMatch(title); it.hasNext();)
        found = it.next().captured(0);
    if (!found.isEmpty())
        return lastComponent(found);
    const QStringList words = title.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return words.isEmpty() ? QString() : words.last();
}

// A small square in the risk's colour (a bare QColor decoration fills the whole row height).
QIcon riskIcon(Risk risk)
{
    static const auto make = [](const QColor& colour) {
        QPixmap pixmap(12, 12);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawRoundedRect(QRectF(0.5, 0.5, 11, 11), 2, 2);
        return QIcon(pixmap);
    };
    static const QIcon high = make(QColor(0xc6, 0x28, 0x28));
    static const QIcon medium = make(QColor(0xd9, 0x8e, 0x04));
    static const QIcon low = make(QColor(0x2e, 0x9d, 0x4f));
    switch (risk) {
    case Risk::High:
        return high;
    case Risk::Medium:
        return medium;
    case Risk::Low:
        return low;
    }
    return {};
}

} // namespace

QString objectToConfirm(const plan::Step& step)
{
    // Planner ids are "phase:action:schema.table[.sub]" (sql_builders.h stepId / idPath), the
    // names unquoted: the last component is the object the step acts on.
    const QStringList parts = step.id.split(QLatin1Char(':'));
    if (parts.size() >= 3) {
        const QString path = parts.mid(2).join(QLatin1Char(':'));
        const QString name = lastComponent(path);
        if (!name.isEmpty())
            return name;
    }
    return objectFromTitle(step.title);
}

void applyReview(RunRequest& request, const review::ReviewState& state)
{
    request.approvals.clear();
    bool anyApproval = false;
    for (const review::StepReview& sr : state.steps)
        anyApproval = anyApproval || !sr.uses.empty();
    request.reviewKnown = state.hasPolicy || anyApproval;
    if (!request.reviewKnown)
        return;
    for (const plan::Step& step : request.steps) {
        StepApproval a;
        const review::StepReview* sr = state.step(step.id);
        if (!sr) {
            a.detail = QStringLiteral("not in the review (a step added after it?)");
            request.approvals.insert(step.id, a);
            continue;
        }
        // Who stands behind the step's current SQL: counting approvals, or, where none is
        // required, the current approvals that would have counted.
        QStringList by;
        QString at;
        for (const review::ApprovalUse& use : sr->uses) {
            const bool stands =
                use.counts || (sr->status == review::StepStatus::NotRequired && use.current &&
                               use.latest && use.verdict == review::Verdict::Approve);
            if (!stands)
                continue;
            const QString who =
                QStringLiteral("%1 (%2)").arg(use.approver.display(), review::toString(use.role));
            if (!by.contains(who))
                by << who;
            at = std::max(at, use.at);
        }
        a.required = sr->status != review::StepStatus::NotRequired;
        a.approved = sr->status == review::StepStatus::Approved || (!a.required && !by.isEmpty());
        a.approvedBy = by.join(QStringLiteral(", "));
        a.approvedAt = at;
        if (!a.approved && a.required) {
            a.detail = sr->missing.join(QStringLiteral("; "));
            if (a.detail.isEmpty())
                a.detail = review::toString(sr->status);
        }
        request.approvals.insert(step.id, a);
    }
}

ConfirmationStepModel::ConfirmationStepModel(QObject* parent) : QAbstractListModel(parent) {}

void ConfirmationStepModel::setRequest(const RunRequest& request)
{
    beginResetModel();
    m_request = request;
    m_objects.clear();
    for (const plan::Step& step : m_request.steps)
        m_objects << (needsTypedConfirmation(m_request, step) ? objectToConfirm(step) : QString());
    m_confirmed.clear();
    endResetModel();
}

const plan::Step* ConfirmationStepModel::stepAt(int row) const
{
    if (row < 0 || row >= int(m_request.steps.size()))
        return nullptr;
    return &m_request.steps[size_t(row)];
}

void ConfirmationStepModel::setConfirmedObjects(const QSet<QString>& objects)
{
    if (objects == m_confirmed)
        return;
    m_confirmed = objects;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0), index(rowCount() - 1),
                           {Qt::DisplayRole, Qt::ToolTipRole, ConfirmedRole});
}

int ConfirmationStepModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_request.steps.size());
}

bool ConfirmationStepModel::isConfirmed(const plan::Step& step) const
{
    const int row = int(&step - m_request.steps.data());
    const QString& object = m_objects.at(row);
    return object.isEmpty() || m_confirmed.contains(object);
}

QString ConfirmationStepModel::approvalText(const RunRequest& request, const plan::Step& step)
{
    if (!request.reviewKnown)
        return {};
    const auto it = request.approvals.constFind(step.id);
    if (it == request.approvals.constEnd())
        return QStringLiteral("not approved");
    if (!it->approved)
        return !it->required          ? QStringLiteral("no approval required")
               : it->detail.isEmpty() ? QStringLiteral("not approved")
                                      : QStringLiteral("not approved: %1").arg(it->detail);
    QString text =
        QStringLiteral("approved by %1")
            .arg(it->approvedBy.isEmpty() ? QStringLiteral("(unknown)") : it->approvedBy);
    if (!it->approvedAt.isEmpty())
        text += QStringLiteral(" on %1").arg(it->approvedAt);
    return text;
}

QVariant ConfirmationStepModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const plan::Step& step = m_request.steps[size_t(index.row())];
    const QString& object = m_objects.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        QString text = QStringLiteral("%1. %2").arg(index.row() + 1).arg(step.title);
        if (!object.isEmpty())
            text += isConfirmed(step) ? QStringLiteral("  ✓")
                                      : QStringLiteral("  (type %1)").arg(object);
        return text;
    }
    case Qt::ToolTipRole: {
        QStringList lines{step.title, QStringLiteral("%1 · about %2")
                                          .arg(plan::phaseTitle(step.phase),
                                               plan::formatDuration(step.estimatedSeconds))};
        if (!object.isEmpty())
            lines << (isConfirmed(step) ? QStringLiteral("Confirmed: %1 typed").arg(object)
                                        : QStringLiteral("Type %1 below to confirm").arg(object));
        const QString approval = approvalText(m_request, step);
        if (!approval.isEmpty())
            lines << approval;
        return lines.join(QLatin1Char('\n'));
    }
    case Qt::DecorationRole:
        return riskIcon(riskOf(step));
    case StepIdRole:
        return step.id;
    case TitleRole:
        return step.title;
    case NeedsTypingRole:
        return !object.isEmpty();
    case ObjectRole:
        return object;
    case ConfirmedRole:
        return isConfirmed(step);
    case ApprovalRole:
        return approvalText(m_request, step);
    case ReversibleRole:
        return step.isReversible();
    default:
        return {};
    }
}

QHash<int, QByteArray> ConfirmationStepModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(StepIdRole, "stepId");
    names.insert(TitleRole, "title");
    names.insert(NeedsTypingRole, "needsTyping");
    names.insert(ObjectRole, "object");
    names.insert(ConfirmedRole, "confirmed");
    names.insert(ApprovalRole, "approval");
    names.insert(ReversibleRole, "reversible");
    return names;
}

} // namespace bellows::ui
