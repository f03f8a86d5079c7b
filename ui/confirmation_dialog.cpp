#include "confirmation_dialog.h"

#include "confirmation_step_model.h"
#include "palette_colors.h"
#include "plan/plan_render.h"
#include "sql_editor.h"

#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace bellows::ui {

namespace {

constexpr int kFrameWidth = 4;

// A warning red that reads on the palette's base colour (light or dark).
QString warningColor(const QPalette& palette)
{
    return isDark(palette) ? QStringLiteral("#ff8a80") : QStringLiteral("#b71c1c");
}

// Scales a widget's font (point sizes only: a pixel-sized font keeps its size).
void scaleFont(QWidget* widget, double factor, bool bold)
{
    QFont font = widget->font();
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    font.setBold(bold);
    widget->setFont(font);
}

QString workInWords(const plan::Step& step)
{
    if (step.backfill)
        return QStringLiteral("updates existing rows in short keyset batches");
    switch (step.work) {
    case plan::Work::None:
        return QStringLiteral("catalog change only");
    case plan::Work::Scan:
        return QStringLiteral("scans the table");
    case plan::Work::Build:
        return QStringLiteral("builds an index");
    case plan::Work::Rewrite:
        return QStringLiteral("rewrites the table and its indexes");
    }
    return {};
}

} // namespace

QColor textColorOn(const QColor& background)
{
    // WCAG relative luminance; pick whichever of black and white contrasts more.
    const auto channel = [](double c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    const double l = 0.2126 * channel(background.redF()) + 0.7152 * channel(background.greenF()) +
                     0.0722 * channel(background.blueF());
    return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? QColor(Qt::black) : QColor(Qt::white);
}

QWidget* makeEnvironmentHeader(EnvironmentTag environment, const QString& headline,
                               const QString& subline, QWidget* parent)
{
    auto* band = new QWidget(parent);
    band->setObjectName(QStringLiteral("environmentHeader"));
    band->setAutoFillBackground(true);
    const QColor colour = environmentColor(environment);
    const QColor text = textColorOn(colour);
    QPalette p = band->palette();
    p.setColor(QPalette::Window, colour);
    p.setColor(QPalette::WindowText, text);
    band->setPalette(p);

    auto* layout = new QVBoxLayout(band);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->setSpacing(2);
    auto* top = new QHBoxLayout;
    auto* tag = new QLabel(displayName(environment).toUpper(), band);
    tag->setObjectName(QStringLiteral("environmentTag"));
    scaleFont(tag, 1.35, true);
    auto* head = new QLabel(headline, band);
    head->setObjectName(QStringLiteral("environmentHeadline"));
    scaleFont(head, 1.35, false);
    head->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(tag);
    top->addSpacing(16);
    top->addWidget(head, 1);
    layout->addLayout(top);
    if (!subline.isEmpty()) {
        auto* sub = new QLabel(subline, band);
        sub->setObjectName(QStringLiteral("environmentSubline"));
        sub->setWordWrap(true);
        layout->addWidget(sub);
    }
    return band;
}

void paintEnvironmentFrame(QWidget* dialog, EnvironmentTag environment)
{
    QPainter painter(dialog);
    QPen pen(environmentColor(environment), kFrameWidth);
    pen.setJoinStyle(Qt::MiterJoin);
    painter.setPen(pen);
    const qreal half = kFrameWidth / 2.0;
    painter.drawRect(QRectF(dialog->rect()).adjusted(half, half, -half, -half));
}

ConfirmationDialog::ConfirmationDialog(const RunRequest& request, QWidget* parent)
    : QDialog(parent), m_request(request)
{
    setObjectName(QStringLiteral("confirmationDialog"));
    setWindowTitle(
        QStringLiteral("Confirm: %1 on %2 (%3)")
            .arg(m_request.scope, m_request.database, displayName(m_request.environment)));
    buildRequirements();

    double seconds = 0;
    for (const plan::Step& step : m_request.steps)
        seconds += step.estimatedSeconds;
    const int count = int(m_request.steps.size());

    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(kFrameWidth, kFrameWidth, kFrameWidth, 10);
    outer->setSpacing(8);
    outer->addWidget(makeEnvironmentHeader(
        m_request.environment,
        QStringLiteral("%1  /  %2").arg(m_request.server, m_request.database),
        QStringLiteral("%1 — %2 %3, about %4")
            .arg(m_request.scope)
            .arg(count)
            .arg(count == 1 ? QStringLiteral("step") : QStringLiteral("steps"),
                 plan::formatDuration(seconds)),
        this));

    auto* body = new QVBoxLayout;
    body->setContentsMargins(10, 0, 10, 0);
    outer->addLayout(body, 1);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    m_model = new ConfirmationStepModel(this);
    m_model->setRequest(m_request);
    m_list = new QListView(splitter);
    m_list->setObjectName(QStringLiteral("stepList"));
    m_list->setModel(m_model);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setWordWrap(true);
    m_list->setMinimumWidth(260);

    auto* right = new QWidget(splitter);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_stepTitle = new QLabel(right);
    m_stepTitle->setObjectName(QStringLiteral("stepTitle"));
    m_stepTitle->setWordWrap(true);
    scaleFont(m_stepTitle, 1.15, true);
    m_facts = new QTextBrowser(right);
    m_facts->setObjectName(QStringLiteral("stepFacts"));
    m_facts->setOpenLinks(false);
    auto* sqlLabel = new QLabel(QStringLiteral("SQL that will run:"), right);
    m_sql = new SqlEditor(right);
    m_sql->setObjectName(QStringLiteral("stepSql"));
    m_sql->setReadOnly(true);
    rightLayout->addWidget(m_stepTitle);
    rightLayout->addWidget(m_facts, 3);
    rightLayout->addWidget(sqlLabel);
    rightLayout->addWidget(m_sql, 2);
    splitter->addWidget(m_list);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 5);
    if (QWidget* verdict = makeVerdictBox())
        body->addWidget(verdict);
    body->addWidget(splitter, 1);
    body->addWidget(makeConfirmationBox());

    auto* buttons = new QHBoxLayout;
    m_runHint = new QLabel(this);
    m_runHint->setObjectName(QStringLiteral("runHint"));
    m_runHint->setWordWrap(true);
    m_cancel = new QPushButton(QStringLiteral("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_run = new QPushButton(count == 1 ? QStringLiteral("Run 1 step")
                                       : QStringLiteral("Run %1 steps").arg(count),
                            this);
    m_run->setObjectName(QStringLiteral("runButton"));
    // Enter in a confirmation field must not run anything: Run is clicked, never defaulted.
    m_run->setAutoDefault(false);
    m_cancel->setAutoDefault(false);
    buttons->addWidget(m_runHint, 1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_run);
    body->addLayout(buttons);

    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_run, &QPushButton::clicked, this, [this] {
        if (canRun())
            accept();
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { showStep(current.row()); });

    // Start on the first step that asks for something: that is what needs reading.
    int first = 0;
    for (int row = 0; row < count; ++row) {
        if (m_model->index(row).data(ConfirmationStepModel::NeedsTypingRole).toBool()) {
            first = row;
            break;
        }
    }
    selectStep(count > 0 ? first : -1);
    updateRunState();
    resize(1100, 780);
}

ConfirmationDialog::~ConfirmationDialog() = default;

void ConfirmationDialog::buildRequirements()
{
    if (!m_request.outOfOrder.isEmpty()) {
        Requirement r;
        r.kind = Requirement::Kind::OutOfOrder;
        r.text = QStringLiteral("out of order");
        r.label = QStringLiteral("Type out of order to run it before what it needs");
        m_requirements.push_back(r);
    }
    // One field per distinct object name (a run that drops users.full_name and then the users
    // table asks for each name once per object, not once per step).
    for (const plan::Step& step : m_request.steps) {
        if (!needsTypedConfirmation(m_request, step))
            continue;
        const QString object = objectToConfirm(step);
        auto it = std::find_if(m_requirements.begin(), m_requirements.end(),
                               [&](const Requirement& r) { return r.text == object; });
        if (it == m_requirements.end()) {
            Requirement r;
            r.kind = Requirement::Kind::Object;
            r.text = object;
            m_requirements.push_back(r);
            it = m_requirements.end() - 1;
        }
        it->stepIds << step.id;
        // Dropping data is the stronger statement: it wins over "cannot be rolled back".
        if (dropsData(step))
            it->label = QStringLiteral("Type %1 to confirm dropping it").arg(object);
        else if (m_request.editWarnings.contains(step.id) && it->label.isEmpty())
            it->label = QStringLiteral("Type %1 to confirm the edited SQL").arg(object);
        else if (it->label.isEmpty())
            it->label =
                QStringLiteral("Type %1 to confirm a step that cannot be rolled back").arg(object);
    }
    if (m_request.environment == EnvironmentTag::Production) {
        Requirement r;
        r.kind = Requirement::Kind::Database;
        r.text = m_request.database;
        r.label = QStringLiteral("This is a production database: type %1 to confirm")
                      .arg(m_request.database);
        m_requirements.push_back(r);
    }
}

// The runner's verdict, read before the dialog opened: refused, out of order, already done.
QWidget* ConfirmationDialog::makeVerdictBox()
{
    if (m_request.refusal.isEmpty() && m_request.outOfOrder.isEmpty() &&
        m_request.alreadyDone.isEmpty())
        return nullptr;
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    const QString warn = warningColor(palette());
    const auto addLabel = [&](const QString& name, const QString& html) {
        auto* label = new QLabel(html, box);
        label->setObjectName(name);
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(label);
    };
    if (!m_request.refusal.isEmpty())
        addLabel(QStringLiteral("runnerRefusal"),
                 QStringLiteral("<span style='color:%1'><b>The runner will refuse this run:</b> "
                                "%2</span>")
                     .arg(warn, m_request.refusal.toHtmlEscaped()));
    if (!m_request.outOfOrder.isEmpty()) {
        QString items;
        for (const QString& reason : m_request.outOfOrder)
            items += QStringLiteral("<li>%1</li>").arg(reason.toHtmlEscaped());
        addLabel(QStringLiteral("outOfOrder"),
                 QStringLiteral("<span style='color:%1'><b>Out of order:</b></span> this step "
                                "would run before what it needs:<ul style='margin:2px'>%2</ul>"
                                "What this dialog says about values and rollback assumes "
                                "those ran first. Run the plan in order, or type <b>out of "
                                "order</b> and a reason below: the ledger records both.")
                     .arg(warn, items));
    }
    if (!m_request.alreadyDone.isEmpty())
        addLabel(QStringLiteral("alreadyDone"),
                 QStringLiteral("Already done (the database's ledger says so), skipped: %1")
                     .arg(m_request.alreadyDone.join(QStringLiteral("; ")).toHtmlEscaped()));
    return box;
}

QWidget* ConfirmationDialog::makeConfirmationBox()
{
    auto* box = new QGroupBox(QStringLiteral("Before it runs"), this);
    box->setObjectName(QStringLiteral("confirmationBox"));
    auto* layout = new QVBoxLayout(box);
    if (m_requirements.empty()) {
        auto* none = new QLabel(QStringLiteral("Nothing to type: every step can be rolled back "
                                               "and this is not a production database."),
                                box);
        none->setObjectName(QStringLiteral("nothingToType"));
        none->setWordWrap(true);
        layout->addWidget(none);
        return box;
    }
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    int objectNumber = 0;
    for (Requirement& r : m_requirements) {
        // One line each: a wrapped "Type full_name to / confirm dropping it" reads badly.
        auto* label = new QLabel(r.label, box);
        auto* row = new QHBoxLayout;
        r.edit = new QLineEdit(box);
        r.edit->setPlaceholderText(r.text);
        r.edit->setObjectName(r.kind == Requirement::Kind::Database
                                  ? QStringLiteral("confirmDatabase")
                                  : QStringLiteral("confirmObject_%1").arg(objectNumber++));
        r.edit->setClearButtonEnabled(true);
        label->setBuddy(r.edit);
        if (!r.stepIds.isEmpty()) {
            QStringList titles;
            for (const plan::Step& step : m_request.steps) {
                if (r.stepIds.contains(step.id))
                    titles << step.title;
            }
            r.edit->setToolTip(
                QStringLiteral("Needed by: %1").arg(titles.join(QStringLiteral("; "))));
        }
        r.status = new QLabel(box);
        r.status->setMinimumWidth(
            r.status->fontMetrics().horizontalAdvance(QStringLiteral("✓ matches")));
        row->addWidget(r.edit, 1);
        row->addWidget(r.status);
        form->addRow(label, row);
        connect(r.edit, &QLineEdit::textChanged, this, &ConfirmationDialog::updateRunState);
        if (r.kind == Requirement::Kind::OutOfOrder) {
            m_reason = new QLineEdit(box);
            m_reason->setObjectName(QStringLiteral("outOfOrderReason"));
            m_reason->setPlaceholderText(QStringLiteral("why it cannot wait (recorded)"));
            form->addRow(QStringLiteral("Reason, recorded in the ledger"), m_reason);
            connect(m_reason, &QLineEdit::textChanged, this, &ConfirmationDialog::updateRunState);
        }
    }
    layout->addLayout(form);
    return box;
}

bool ConfirmationDialog::canRun() const
{
    if (m_request.steps.empty() || !m_request.refusal.isEmpty())
        return false;
    if (!m_request.outOfOrder.isEmpty() && outOfOrderReason().isEmpty())
        return false;
    for (const Requirement& r : m_requirements) {
        if (!r.edit || r.edit->text() != r.text)
            return false;
    }
    return true;
}

QString ConfirmationDialog::outOfOrderReason() const
{
    return m_reason ? m_reason->text().trimmed() : QString();
}

QString ConfirmationDialog::runHint() const
{
    return m_runHint->text();
}

QStringList ConfirmationDialog::requiredTexts() const
{
    QStringList texts;
    for (const Requirement& r : m_requirements)
        texts << r.text;
    return texts;
}

void ConfirmationDialog::updateRunState()
{
    QSet<QString> confirmed;
    int missing = 0;
    for (const Requirement& r : m_requirements) {
        const bool ok = r.edit && r.edit->text() == r.text;
        if (r.status)
            r.status->setText(ok ? QStringLiteral("✓ matches") : QString());
        if (ok && r.kind == Requirement::Kind::Object)
            confirmed.insert(r.text);
        if (!ok)
            ++missing;
    }
    m_model->setConfirmedObjects(confirmed);
    const bool ready = canRun();
    m_run->setEnabled(ready);
    if (!m_request.refusal.isEmpty())
        m_runHint->setText(QStringLiteral("Run is disabled: the runner would refuse this run "
                                          "(the reason is above)."));
    else if (m_request.steps.empty())
        m_runHint->setText(m_request.alreadyDone.isEmpty()
                               ? QStringLiteral("Nothing to run.")
                               : QStringLiteral("Nothing to run: every selected step is already "
                                                "done."));
    else if (missing == 0 && !ready)
        m_runHint->setText(QStringLiteral("Give the reason for running out of order."));
    else if (ready)
        m_runHint->setText(QStringLiteral("Ready: the steps run in the order listed."));
    else
        m_runHint->setText(
            missing == 1
                ? QStringLiteral("Type the text asked for above to enable Run.")
                : QStringLiteral("Type the %1 texts asked for above to enable Run.").arg(missing));
}

void ConfirmationDialog::selectStep(int row)
{
    const QModelIndex index = m_model->index(row);
    if (index.isValid())
        m_list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    showStep(row);
}

void ConfirmationDialog::showStep(int row)
{
    m_current = row;
    const plan::Step* step = m_model->stepAt(row);
    if (!step) {
        m_stepTitle->clear();
        m_facts->clear();
        m_sql->setText(QString());
        return;
    }
    m_stepTitle->setText(
        QStringLiteral("%1. %2%3")
            .arg(row + 1)
            .arg(step->title, step->isEdited() ? QStringLiteral(" (SQL edited)") : QString()));
    const QString warn = warningColor(m_facts->palette());
    const auto rowHtml = [](const QString& label, const QString& value) {
        return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>")
            .arg(label, value);
    };
    QString html = QStringLiteral("<table cellspacing='3'>");
    html += rowHtml(QStringLiteral("Phase"), plan::phaseTitle(step->phase).toHtmlEscaped());
    QStringList locks;
    for (const plan::Lock& lock : step->locks)
        locks << QStringLiteral("%1 — %2").arg(plan::describeLock(lock).toHtmlEscaped(),
                                               plan::blocksInWords(lock.mode).toHtmlEscaped());
    html += rowHtml(QStringLiteral("Locks"),
                    locks.isEmpty() ? QStringLiteral("none") : locks.join(QStringLiteral("<br>")));
    html += rowHtml(QStringLiteral("Work"), workInWords(*step).toHtmlEscaped());
    html += rowHtml(QStringLiteral("Estimated duration"),
                    plan::formatDuration(step->estimatedSeconds).toHtmlEscaped());
    html += rowHtml(QStringLiteral("Transaction"),
                    step->outsideTransaction ? QStringLiteral("outside a transaction (autocommit)")
                                             : QStringLiteral("inside its own transaction"));
    const QStringList editWarnings = m_request.editWarnings.value(step->id);
    if (step->isEdited())
        html +=
            rowHtml(QStringLiteral("Edited"),
                    editWarnings.isEmpty()
                        ? QStringLiteral("yes — the facts here are read from the edited SQL")
                        : QStringLiteral("<span style='color:%1'>%2</span>")
                              .arg(warn, editWarnings.join(QStringLiteral("; ")).toHtmlEscaped()));
    if (m_request.staleRollbacks.contains(step->id)) {
        html += rowHtml(QStringLiteral("Rollback"),
                        QStringLiteral("<span style='color:%1'><b>stale</b></span> — written for "
                                       "the planner's SQL, not the edited one; check it before "
                                       "relying on it")
                            .arg(warn));
    } else if (step->isReversible()) {
        html += rowHtml(QStringLiteral("Rollback"), QStringLiteral("available (SQL rollback)"));
    } else {
        const QString reason = step->irreversibleReason.isEmpty()
                                   ? QStringLiteral("the step has no rollback SQL.")
                                   : step->irreversibleReason;
        html += rowHtml(QStringLiteral("Rollback"),
                        QStringLiteral("<span style='color:%1'><b>none</b></span> — %2")
                            .arg(warn, reason.toHtmlEscaped()));
    }
    const QString approval = ConfirmationStepModel::approvalText(m_request, *step);
    if (!approval.isEmpty()) {
        const bool approved = !approval.startsWith(QLatin1String("not approved"));
        html += rowHtml(QStringLiteral("Review"),
                        approved ? approval.toHtmlEscaped()
                                 : QStringLiteral("<span style='color:%1'>%2</span>")
                                       .arg(warn, approval.toHtmlEscaped()));
    }
    const QModelIndex index = m_model->index(row);
    const QString object = index.data(ConfirmationStepModel::ObjectRole).toString();
    if (!object.isEmpty())
        html += rowHtml(QStringLiteral("To confirm"),
                        QStringLiteral("type <b>%1</b> below").arg(object.toHtmlEscaped()));
    html += QStringLiteral("</table>");
    html += QStringLiteral("<p><b>Hazards</b></p>");
    if (step->hazards.empty()) {
        html += QStringLiteral("<p>None known.</p>");
    } else {
        html += QStringLiteral("<ul style='margin-top:0'>");
        for (const plan::Hazard& h : step->hazards) {
            const bool severe =
                h.kind == plan::HazardKind::DataLoss || h.kind == plan::HazardKind::Irreversible;
            const QString name = severe ? QStringLiteral("<span style='color:%1'>%2</span>")
                                              .arg(warn, plan::title(h.kind).toHtmlEscaped())
                                        : plan::title(h.kind).toHtmlEscaped();
            html +=
                QStringLiteral("<li><b>%1</b> — %2</li>").arg(name, h.explanation.toHtmlEscaped());
        }
        html += QStringLiteral("</ul>");
    }
    m_facts->setHtml(html);
    m_sql->setText(step->sql);
}

QString ConfirmationDialog::detailsText() const
{
    return m_stepTitle->text() + QLatin1Char('\n') + m_facts->toPlainText();
}

void ConfirmationDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    // The warning red is chosen for the palette's base colour: follow a switch to dark mode.
    if (event->type() == QEvent::PaletteChange && m_sql)
        showStep(m_current);
}

void ConfirmationDialog::paintEvent(QPaintEvent* event)
{
    QDialog::paintEvent(event);
    paintEnvironmentFrame(this, m_request.environment);
}

} // namespace bellows::ui
