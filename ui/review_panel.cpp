#include "review_panel.h"

#include "message_banner.h"
#include "palette_colors.h"
#include "plan/plan_render.h"
#include "plan_model.h"
#include "review/line_diff.h"
#include "review/review_actions.h"
#include "review/review_evaluation.h"
#include "review/review_report.h"

#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>
#include <vector>

namespace bellows::ui {

namespace {

using review::StepStatus;

QColor statusColor(StepStatus status)
{
    switch (status) {
    case StepStatus::Approved:
        return QColor(0x2e, 0x8b, 0x57);
    case StepStatus::Invalidated:
        return QColor(0xc7, 0x7c, 0x02);
    case StepStatus::ChangesRequested:
        return QColor(0xc6, 0x28, 0x28);
    case StepStatus::Missing:
    case StepStatus::NotRequired:
        break;
    }
    return {};
}

QString statusTitle(StepStatus status)
{
    switch (status) {
    case StepStatus::NotRequired:
        return QStringLiteral("Not required");
    case StepStatus::Approved:
        return QStringLiteral("Approved");
    case StepStatus::Missing:
        return QStringLiteral("Approval missing");
    case StepStatus::Invalidated:
        return QStringLiteral("Approval invalidated");
    case StepStatus::ChangesRequested:
        return QStringLiteral("Changes requested");
    }
    return {};
}

// The line diff as coloured HTML lines: removed red, added green, kept plain.
QString diffHtml(const QString& diff, const QPalette& pal)
{
    const bool dark = isDark(pal);
    const QString removed = dark ? QStringLiteral("#5c2626") : QStringLiteral("#fbe3e3");
    const QString added = dark ? QStringLiteral("#1f4a2f") : QStringLiteral("#dff3e4");
    QString html = QStringLiteral("<pre style=\"margin:0; white-space:pre-wrap\">");
    const QStringList lines = diff.split(QLatin1Char('\n'));
    // Only the changes and two lines around them: a trigger function is long, its edit short.
    constexpr int Context = 2;
    std::vector<bool> keep(size_t(lines.size()), false);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].startsWith(QLatin1Char('-')) || lines[i].startsWith(QLatin1Char('+'))) {
            for (qsizetype j = std::max<qsizetype>(0, i - Context);
                 j <= std::min(lines.size() - 1, i + Context); ++j)
                keep[size_t(j)] = true;
        }
    }
    bool skipped = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (!keep[size_t(i)]) {
            if (!skipped)
                html += QStringLiteral("<span style=\"color:gray\">…</span>\n");
            skipped = true;
            continue;
        }
        skipped = false;
        const QString& line = lines[i];
        const QString text = line.toHtmlEscaped();
        if (line.startsWith(QLatin1Char('-')))
            html += QStringLiteral("<span style=\"background:%1\">%2</span>\n").arg(removed, text);
        else if (line.startsWith(QLatin1Char('+')))
            html += QStringLiteral("<span style=\"background:%1\">%2</span>\n").arg(added, text);
        else
            html += text + QLatin1Char('\n');
    }
    return html + QStringLiteral("</pre>");
}

QString shortTime(const QString& iso)
{
    const QDateTime at = QDateTime::fromString(iso, Qt::ISODate);
    return at.isValid() ? at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")) : iso;
}

} // namespace

ReviewPanel::ReviewPanel(PlanModel* model, QItemSelectionModel* selection, QWidget* parent)
    : QWidget(parent), m_model(model), m_selection(selection)
{
    setObjectName(QStringLiteral("reviewPanel"));
    auto* layout = new QVBoxLayout(this);

    m_policy = new QLabel(this);
    m_policy->setObjectName(QStringLiteral("reviewPolicy"));
    m_policy->setWordWrap(true);
    m_policy->setTextFormat(Qt::PlainText);
    layout->addWidget(m_policy);

    auto* you = new QGroupBox(QStringLiteral("Reviewer"), this);
    auto* form = new QFormLayout(you);
    const review::Identity git = review::gitIdentity();
    m_name = new QLineEdit(git.name, you);
    m_name->setObjectName(QStringLiteral("reviewerName"));
    m_name->setPlaceholderText(QStringLiteral("your name (git config user.name)"));
    m_email = new QLineEdit(git.email, you);
    m_email->setObjectName(QStringLiteral("reviewerEmail"));
    m_email->setPlaceholderText(QStringLiteral("you@example.com"));
    m_role = new QComboBox(you);
    m_role->setObjectName(QStringLiteral("reviewerRole"));
    for (review::Role role :
         {review::Role::Author, review::Role::Reviewer, review::Role::Dba, review::Role::Releaser})
        m_role->addItem(review::toString(role), int(role));
    m_role->setCurrentIndex(m_role->findData(int(review::Role::Reviewer)));
    form->addRow(QStringLiteral("&Name:"), m_name);
    form->addRow(QStringLiteral("&E-mail:"), m_email);
    form->addRow(QStringLiteral("&Role:"), m_role);
    layout->addWidget(you);

    auto* step = new QGroupBox(QStringLiteral("Selected step"), this);
    auto* stepLayout = new QVBoxLayout(step);
    m_stepTitle = new QLabel(step);
    m_stepTitle->setObjectName(QStringLiteral("reviewStepTitle"));
    m_stepTitle->setWordWrap(true);
    m_stepTitle->setTextFormat(Qt::PlainText);
    QFont bold = m_stepTitle->font();
    bold.setBold(true);
    m_stepTitle->setFont(bold);
    m_state = new QLabel(step);
    m_state->setObjectName(QStringLiteral("reviewState"));
    m_state->setWordWrap(true);
    m_state->setTextFormat(Qt::RichText);
    m_approvals = new QLabel(step);
    m_approvals->setObjectName(QStringLiteral("reviewApprovals"));
    m_approvals->setWordWrap(true);
    m_approvals->setTextFormat(Qt::RichText);
    m_diffTitle = new QLabel(QStringLiteral("Changed since it was reviewed:"), step);
    m_diff = new QTextBrowser(step);
    m_diff->setObjectName(QStringLiteral("reviewDiff"));
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_diff->setLineWrapMode(QTextEdit::WidgetWidth); // a dock is narrow: wrap, do not scroll
    m_diff->setMinimumHeight(90);
    m_comment = new QPlainTextEdit(step);
    m_comment->setObjectName(QStringLiteral("reviewComment"));
    m_comment->setPlaceholderText(
        QStringLiteral("Comment (kept with the approval; required to request changes)"));
    m_comment->setMaximumHeight(m_comment->fontMetrics().height() * 4 + 12);
    m_comment->setTabChangesFocus(true);
    stepLayout->addWidget(m_stepTitle);
    stepLayout->addWidget(m_state);
    stepLayout->addWidget(m_approvals);
    stepLayout->addWidget(m_diffTitle);
    stepLayout->addWidget(m_diff, 1);
    stepLayout->addWidget(m_comment);

    auto* buttons = new QHBoxLayout;
    m_approveStep = new QPushButton(QStringLiteral("&Approve step"), step);
    m_approveStep->setObjectName(QStringLiteral("approveStep"));
    m_approveStep->setToolTip(QStringLiteral("Approve the selected step's SQL as it is now"));
    m_requestChanges = new QPushButton(QStringLiteral("Request &changes"), step);
    m_requestChanges->setObjectName(QStringLiteral("requestChanges"));
    m_requestChanges->setToolTip(
        QStringLiteral("Block the step until you approve it again (say why in the comment)"));
    m_approvePhase = new QPushButton(QStringLiteral("Approve &phase"), step);
    m_approvePhase->setObjectName(QStringLiteral("approvePhase"));
    buttons->addWidget(m_approveStep);
    buttons->addWidget(m_requestChanges);
    buttons->addWidget(m_approvePhase);
    buttons->addStretch();
    stepLayout->addLayout(buttons);
    m_error = new MessageBanner(step);
    stepLayout->addWidget(m_error);
    layout->addWidget(step, 1);

    connect(m_approveStep, &QPushButton::clicked, this, [this] { approveStep(); });
    connect(m_requestChanges, &QPushButton::clicked, this, [this] { requestChanges(); });
    connect(m_approvePhase, &QPushButton::clicked, this, [this] { approvePhase(); });
    const auto identityEdited = [this] {
        clearError();
        updateButtons();
        Q_EMIT reviewerChanged();
    };
    connect(m_name, &QLineEdit::textEdited, this, identityEdited);
    connect(m_email, &QLineEdit::textEdited, this, identityEdited);
    connect(m_role, &QComboBox::activated, this, identityEdited);

    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        clearError();
        showCurrent();
    });
    connect(m_model, &PlanModel::reviewChanged, this, [this] { refresh(); });
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& first, const QModelIndex& last) {
                // One step's edit or review state: only the shown step matters here.
                if (m_shown.isValid() && m_shown.parent() == first.parent() &&
                    m_shown.row() >= first.row() && m_shown.row() <= last.row())
                    refreshStep();
            });
    connect(m_selection, &QItemSelectionModel::currentChanged, this, [this] {
        clearError();
        showCurrent();
    });
    showCurrent();
}

review::Identity ReviewPanel::reviewer() const
{
    return {m_name->text().trimmed(), m_email->text().trimmed()};
}

review::Role ReviewPanel::reviewerRole() const
{
    return review::Role(m_role->currentData().toInt());
}

void ReviewPanel::setReviewer(const review::Identity& identity, review::Role role)
{
    m_name->setText(identity.name);
    m_email->setText(identity.email);
    m_role->setCurrentIndex(m_role->findData(int(role)));
    updateButtons();
}

QString ReviewPanel::stateText() const
{
    return m_state->text();
}

QString ReviewPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool ReviewPanel::approveStep()
{
    return record(review::Scope::Step, review::Verdict::Approve);
}

bool ReviewPanel::requestChanges()
{
    return record(review::Scope::Step, review::Verdict::RequestChanges);
}

bool ReviewPanel::approvePhase()
{
    return record(review::Scope::Phase, review::Verdict::Approve);
}

bool ReviewPanel::record(review::Scope scope, review::Verdict verdict)
{
    clearError();
    review::ApproveRequest request;
    request.scope = scope;
    request.verdict = verdict;
    request.approver = reviewer();
    request.role = reviewerRole();
    request.comment = m_comment->toPlainText().trimmed();
    if (scope == review::Scope::Step) {
        if (m_stepId.isEmpty()) {
            showError(QStringLiteral("Select a step to review."));
            return false;
        }
        request.target = m_stepId;
    } else {
        if (m_phase < 0) {
            showError(QStringLiteral("Select a step of the phase to approve."));
            return false;
        }
        request.target = plan::toString(plan::Phase(m_phase));
    }
    if (verdict == review::Verdict::RequestChanges && request.comment.isEmpty()) {
        // A bare "no" leaves the author guessing; the comment travels with the plan file.
        showError(QStringLiteral("Say in the comment what should change before requesting "
                                 "changes."));
        m_comment->setFocus();
        return false;
    }
    Result<review::Approval> done = m_model->approve(request);
    if (!done) {
        showError(done.error().message, done.error().hint);
        return false;
    }
    m_comment->clear();
    const QString who = QStringLiteral("%1 (%2)").arg(
        request.approver.name.isEmpty() ? request.approver.display() : request.approver.name,
        review::toString(request.role));
    QString what;
    if (scope == review::Scope::Phase) {
        what = QStringLiteral("Approved the %1 phase (%2 steps)")
                   .arg(request.target)
                   .arg(done->steps.size());
    } else {
        const QModelIndex index = m_model->indexOfStep(m_stepId);
        const int number = index.data(PlanModel::StepNumberRole).toInt();
        what = verdict == review::Verdict::Approve
                   ? QStringLiteral("Approved step %1").arg(number)
                   : QStringLiteral("Requested changes to step %1").arg(number);
    }
    Q_EMIT reviewed(QStringLiteral("%1 as %2").arg(what, who));
    return true;
}

void ReviewPanel::showCurrent()
{
    const QModelIndex current = m_selection->currentIndex();
    const plan::Step* step = m_model->stepAt(current.siblingAtColumn(0));
    m_stepId = step ? step->id : QString();
    m_shown = step ? m_model->indexOfStep(m_stepId) : QModelIndex();
    if (step)
        m_phase = int(step->phase);
    else if (current.isValid() && current.data(PlanModel::IsPhaseRole).toBool())
        m_phase = current.data(PlanModel::PhaseRole).toInt();
    else
        m_phase = -1;
    refresh();
}

void ReviewPanel::refresh()
{
    refreshPolicy();
    refreshStep();
}

void ReviewPanel::refreshPolicy()
{
    const review::ReviewState& state = m_model->reviewState();
    QString text;
    if (!m_model->reviewError().isEmpty()) {
        text = QStringLiteral("The plan's review cannot be read: %1").arg(m_model->reviewError());
    } else {
        text = QStringLiteral("Policy: %1").arg(review::describePolicy(state));
        if (!state.author.isEmpty())
            text += QStringLiteral("\nAuthor: %1").arg(state.author.display());
    }
    m_policy->setText(text);
}

void ReviewPanel::refreshStep()
{
    const review::StepReview* sr = m_stepId.isEmpty() ? nullptr : m_model->stepReview(m_stepId);
    const plan::Step* step = m_stepId.isEmpty() ? nullptr : m_model->plan().step(m_stepId);
    m_diffTitle->hide();
    m_diff->hide();
    if (!step || !sr) {
        m_stepTitle->setText(m_phase >= 0 ? plan::phaseTitle(plan::Phase(m_phase))
                                          : QStringLiteral("No step selected"));
        m_state->setText(m_phase >= 0
                             ? QStringLiteral("Approve phase approves every step of this phase.")
                             : QStringLiteral("Select a step in the timeline to review it."));
        m_approvals->clear();
        m_approvals->hide();
        updateButtons();
        return;
    }
    const QModelIndex index = m_model->indexOfStep(m_stepId);
    m_stepTitle->setText(QStringLiteral("%1  %2")
                             .arg(index.data(PlanModel::StepNumberRole).toInt())
                             .arg(step->title));
    const QString words = index.data(PlanModel::ReviewTextRole).toString();
    const QColor color = statusColor(sr->status);
    const QString title = color.isValid()
                              ? QStringLiteral("<b style=\"color:%1\">%2</b>")
                                    .arg(color.name(), statusTitle(sr->status))
                              : QStringLiteral("<b>%1</b>").arg(statusTitle(sr->status));
    // "Approved by Dana (dba)", "Approval invalidated: edited since …": the model's words
    // already start with the status, so only its first words are set in colour.
    const QString lead = statusTitle(sr->status).toLower();
    if (words.isEmpty())
        m_state->setText(title);
    else if (words.startsWith(lead))
        m_state->setText(title + words.mid(lead.size()).toHtmlEscaped());
    else
        m_state->setText(QStringLiteral("%1 — %2").arg(title, words.toHtmlEscaped()));

    // Who said what, oldest first, with why an approval does not count.
    const Result<review::ReviewRecord> record = review::readReview(m_model->plan());
    QStringList lines;
    for (const review::ApprovalUse& use : sr->uses) {
        const bool approve = use.verdict == review::Verdict::Approve;
        QString line =
            QStringLiteral("%1 <b>%2</b> (%3) %4, %5")
                .arg(approve ? QStringLiteral("✓") : QStringLiteral("✗"),
                     use.approver.display().toHtmlEscaped(), review::toString(use.role),
                     approve ? QStringLiteral("approved") : QStringLiteral("requested changes"),
                     shortTime(use.at));
        if (!use.counts && approve)
            line += QStringLiteral(" — <i>does not count: %1</i>").arg(use.whyNot.toHtmlEscaped());
        else if (!use.latest || !use.current)
            line += QStringLiteral(" — <i>%1</i>").arg(use.whyNot.toHtmlEscaped());
        if (record && use.approvalIndex >= 0 &&
            size_t(use.approvalIndex) < record->approvals.size()) {
            const review::Approval& a = record->approvals[size_t(use.approvalIndex)];
            if (a.scope != review::Scope::Step)
                line += QStringLiteral(" [%1 %2]").arg(review::toString(a.scope), a.target);
            if (!a.comment.isEmpty())
                line += QStringLiteral("<br>&nbsp;&nbsp;“%1”").arg(a.comment.toHtmlEscaped());
        }
        lines << line;
    }
    m_approvals->setText(lines.isEmpty() ? QStringLiteral("<i>No approval yet.</i>")
                                         : lines.join(QStringLiteral("<br>")));
    m_approvals->show();

    if (sr->status == StepStatus::Invalidated && sr->lastReviewed) {
        QString diff = review::lineDiff(sr->lastReviewed->sql, step->sql);
        const QString rollback = review::lineDiff(sr->lastReviewed->rollbackSql, step->rollbackSql);
        if (sr->lastReviewed->sql.isEmpty() && !step->sql.isEmpty())
            diff = QStringLiteral("(the reviewed SQL was not kept with the approval)");
        if (!rollback.isEmpty() &&
            sr->lastReviewed->rollbackSha256 != review::sqlHash(step->rollbackSql))
            diff += QStringLiteral("\n\n-- rollback:\n") + rollback;
        m_diff->setHtml(diffHtml(diff, palette()));
        m_diffTitle->show();
        m_diff->show();
    }
    updateButtons();
}

void ReviewPanel::updateButtons()
{
    const bool named = !reviewer().isEmpty();
    m_approveStep->setEnabled(named && !m_stepId.isEmpty());
    m_requestChanges->setEnabled(named && !m_stepId.isEmpty());
    m_approvePhase->setEnabled(named && m_phase >= 0);
    if (m_phase >= 0)
        m_approvePhase->setText(
            QStringLiteral("Approve %1 &phase").arg(plan::toString(plan::Phase(m_phase))));
    else
        m_approvePhase->setText(QStringLiteral("Approve &phase"));
}

void ReviewPanel::showError(const QString& message, const QString& hint)
{
    QString html = message.toHtmlEscaped();
    if (!hint.isEmpty())
        html += QStringLiteral("<br><small>%1</small>").arg(hint.toHtmlEscaped());
    m_error->showMessage(html, MessageBanner::Kind::Error);
}

void ReviewPanel::clearError()
{
    m_error->hide();
    m_error->clear();
}

} // namespace bellows::ui
