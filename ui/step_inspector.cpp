#include "step_inspector.h"

#include "exec/backfill_batches.h"
#include "lint/step_facts.h"

#include "lint_finding_model.h"
#include "plan/plan_render.h"
#include "plan_model.h"
#include "qsci.h"
#include "sql_editor.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSplitter>
#include <QStackedLayout>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace bellows::ui {

namespace {

constexpr int LintDelayMs = 300;

QString workInWords(plan::Work work)
{
    switch (work) {
    case plan::Work::None:
        return QStringLiteral("catalog change only: no rows are read");
    case plan::Work::Scan:
        return QStringLiteral("reads every row of the table (scan)");
    case plan::Work::Build:
        return QStringLiteral("reads every row to build an index (build)");
    case plan::Work::Rewrite:
        return QStringLiteral("rewrites the whole table and its indexes (rewrite)");
    }
    return {};
}

QString timeoutText(int ms, const QString& none)
{
    if (ms <= 0)
        return none;
    return ms % 1000 == 0 ? QStringLiteral("%1 s").arg(ms / 1000) : QStringLiteral("%1 ms").arg(ms);
}

// Tables and columns named by the change set: completion words for the SQL editor.
QStringList identifiersOf(const QJsonObject& changeSet)
{
    QStringList words;
    const auto add = [&words](const QString& word) {
        if (!word.isEmpty() && !words.contains(word))
            words << word;
    };
    const QJsonArray changes = changeSet.value(QStringLiteral("changes")).toArray();
    for (const QJsonValue& value : changes) {
        const QJsonObject c = value.toObject();
        const QString kind = c.value(QStringLiteral("kind")).toString();
        const QString schema = c.value(QStringLiteral("schema")).toString();
        const QString table = c.value(QStringLiteral("table")).toString();
        const QString name = c.value(QStringLiteral("name")).toString();
        const QString from = c.value(QStringLiteral("renamedFrom")).toString();
        if (!table.isEmpty()) {
            add(table);
            add(table + QLatin1Char('.') + name);
            if (!from.isEmpty())
                add(table + QLatin1Char('.') + from);
        } else if (kind == QLatin1String("table") || kind == QLatin1String("view")) {
            add(name);
            add(from);
            if (!schema.isEmpty())
                add(schema + QLatin1Char('.') + name);
        }
        const QJsonArray columns =
            c.value(QStringLiteral("object")).toObject().value(QStringLiteral("columns")).toArray();
        for (const QJsonValue& column : columns)
            add(name + QLatin1Char('.') +
                column.toObject().value(QStringLiteral("name")).toString());
    }
    return words;
}

CodeEditor::MarkKind markKind(lint::Severity severity)
{
    switch (severity) {
    case lint::Severity::Error:
        return CodeEditor::MarkKind::Error;
    case lint::Severity::Warning:
        return CodeEditor::MarkKind::Warning;
    case lint::Severity::Info:
        return CodeEditor::MarkKind::Info;
    }
    return CodeEditor::MarkKind::Error;
}

} // namespace

StepInspector::StepInspector(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("stepInspector"));
    auto* stack = new QStackedLayout(this);

    m_empty = new QLabel(QStringLiteral("Select a step on the timeline or in the list."), this);
    static_cast<QLabel*>(m_empty)->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);
    stack->addWidget(m_empty);

    m_content = new QWidget(this);
    auto* layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(6, 4, 6, 4);
    auto* header = new QHBoxLayout;
    m_title = new QLabel(m_content);
    m_title->setObjectName(QStringLiteral("stepTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_editedBadge = new QLabel(QStringLiteral(" edited "), m_content);
    m_editedBadge->setObjectName(QStringLiteral("editedBadge"));
    m_editedBadge->setAutoFillBackground(true);
    m_editedBadge->setBackgroundRole(QPalette::Highlight);
    m_editedBadge->setForegroundRole(QPalette::HighlightedText);
    m_showChange = new QCheckBox(QStringLiteral("Show change"), m_content);
    m_showChange->setObjectName(QStringLiteral("showChange"));
    m_showChange->setToolTip(QStringLiteral("The planner's SQL next to the edited SQL"));
    m_revert = new QPushButton(QStringLiteral("Revert"), m_content);
    m_revert->setObjectName(QStringLiteral("revert"));
    m_revert->setToolTip(QStringLiteral("Put back the SQL the planner generated"));
    header->addWidget(m_title, 1);
    header->addWidget(m_editedBadge);
    header->addWidget(m_showChange);
    header->addWidget(m_revert);
    layout->addLayout(header);
    m_subtitle = new QLabel(m_content);
    m_subtitle->setObjectName(QStringLiteral("stepSubtitle"));
    m_subtitle->setWordWrap(true); // a long step id must not set the window's width
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_subtitle);

    m_tabs = new QTabWidget(m_content);
    m_tabs->setObjectName(QStringLiteral("inspectorTabs"));
    m_tabs->setDocumentMode(true);
    m_facts = new QTextBrowser(m_tabs);
    m_facts->setObjectName(QStringLiteral("facts"));
    m_facts->setOpenLinks(false);
    m_facts->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(m_facts, QStringLiteral("Facts && hazards"));

    auto* sqlPage = new QWidget(m_tabs);
    auto* sqlLayout = new QVBoxLayout(sqlPage);
    sqlLayout->setContentsMargins(0, 0, 0, 0);
    auto* vertical = new QSplitter(Qt::Vertical, sqlPage);
    m_sqlSplitter = new QSplitter(Qt::Horizontal, vertical);
    m_original = new SqlEditor(m_sqlSplitter);
    m_original->setObjectName(QStringLiteral("originalSqlEditor"));
    m_original->setReadOnly(true);
    m_original->setToolTip(QStringLiteral("The planner's SQL"));
    m_original->hide();
    m_sql = new SqlEditor(m_sqlSplitter);
    m_sql->setObjectName(QStringLiteral("sqlEditor"));
    auto* lintPane = new QWidget(vertical);
    auto* lintLayout = new QVBoxLayout(lintPane);
    lintLayout->setContentsMargins(0, 2, 0, 0);
    lintLayout->setSpacing(2);
    m_lintSummary = new QLabel(lintPane);
    m_lintSummary->setObjectName(QStringLiteral("lintSummary"));
    m_findings = new LintFindingModel(this);
    m_findingList = new QListView(lintPane);
    m_findingList->setObjectName(QStringLiteral("lintFindings"));
    m_findingList->setModel(m_findings);
    m_findingList->setWordWrap(true);
    m_findingList->setUniformItemSizes(false);
    lintLayout->addWidget(m_lintSummary);
    lintLayout->addWidget(m_findingList, 1);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 1);
    sqlLayout->addWidget(vertical);
    m_tabs->addTab(sqlPage, QStringLiteral("SQL"));

    auto* rollbackPage = new QWidget(m_tabs);
    auto* rollbackLayout = new QVBoxLayout(rollbackPage);
    rollbackLayout->setContentsMargins(0, 0, 0, 0);
    m_irreversible = new QLabel(rollbackPage);
    m_irreversible->setObjectName(QStringLiteral("irreversible"));
    m_irreversible->setWordWrap(true);
    m_irreversible->setMargin(6);
    m_rollback = new SqlEditor(rollbackPage);
    m_rollback->setObjectName(QStringLiteral("rollbackEditor"));
    m_rollback->setReadOnly(true);
    auto* staleRow = new QHBoxLayout;
    m_staleRollback = new QLabel(rollbackPage);
    m_staleRollback->setObjectName(QStringLiteral("staleRollback"));
    m_staleRollback->setWordWrap(true);
    m_staleRollback->setText(QStringLiteral(
        "<b>Stale:</b> this rollback was written for the planner's SQL, and the step's SQL is "
        "edited. Check that it undoes the edited SQL before relying on it."));
    m_confirmRollback = new QPushButton(QStringLiteral("The rollback still fits"), rollbackPage);
    m_confirmRollback->setObjectName(QStringLiteral("confirmRollback"));
    connect(m_confirmRollback, &QPushButton::clicked, this, [this] {
        if (m_model)
            m_model->confirmRollback(m_stepId);
        refreshRollback();
    });
    staleRow->addWidget(m_staleRollback, 1);
    staleRow->addWidget(m_confirmRollback);
    rollbackLayout->addWidget(m_irreversible);
    rollbackLayout->addLayout(staleRow);
    rollbackLayout->addWidget(m_rollback, 1);
    m_tabs->addTab(rollbackPage, QStringLiteral("Rollback SQL"));
    layout->addWidget(m_tabs, 1);
    stack->addWidget(m_content);

    m_lintTimer = new QTimer(this);
    m_lintTimer->setSingleShot(true);
    m_lintTimer->setInterval(LintDelayMs);
    connect(m_lintTimer, &QTimer::timeout, this, &StepInspector::lintNow);
    connect(m_sql, &CodeEditor::userEdited, this, &StepInspector::sqlEdited);
    connect(m_revert, &QPushButton::clicked, this, &StepInspector::revert);
    connect(m_showChange, &QCheckBox::toggled, this, [this] { refreshChangeView(); });
    connect(m_findingList, &QListView::activated, this, [this](const QModelIndex& index) {
        const int line = index.data(LintFindingModel::LineRole).toInt();
        const int column = index.data(LintFindingModel::ColumnRole).toInt();
        m_sql->scintilla()->setCursorPosition(std::max(0, line - 1), std::max(0, column - 1));
        m_sql->setFocus();
    });
    stack->setCurrentWidget(m_empty);
    setFocusProxy(m_sql);
}

void StepInspector::setModel(PlanModel* model, QItemSelectionModel* selection)
{
    m_model = model;
    m_selection = selection;
    connect(m_model, &QAbstractItemModel::modelReset, this, &StepInspector::planReset);
    connect(m_model, &PlanModel::stepChanged, this, [this](const QString& id) {
        if (id == m_stepId) {
            refreshHeader();
            refreshFacts(); // locks, work and hazards follow the edited SQL
            refreshRollback();
        }
    });
    connect(m_selection, &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { showStep(current); });
    planReset();
}

void StepInspector::setLiveCatalog(const catalog::Catalog& catalog)
{
    QStringList words;
    const auto relation = [&words](const QString& schema, const QString& name) {
        words << name;
        if (schema != QLatin1String("public"))
            words << schema + QLatin1Char('.') + name;
    };
    for (const catalog::Table& table : catalog.tables) {
        relation(table.schema, table.name);
        for (const catalog::Column& column : table.columns)
            words << table.name + QLatin1Char('.') + column.name << column.name;
    }
    for (const catalog::View& view : catalog.views)
        relation(view.schema, view.name);
    for (const catalog::Function& function : catalog.functions)
        relation(function.schema, function.name);
    words.removeDuplicates();
    m_catalogWords = words;
    refreshCompletion(); // the shown step stays: this arrives right after a plan is shown
}

void StepInspector::refreshCompletion()
{
    if (!m_model)
        return;
    QStringList words = identifiersOf(m_model->plan().changeSet);
    for (const QString& word : std::as_const(m_catalogWords)) {
        if (!words.contains(word))
            words << word;
    }
    m_sql->setCompletionWords(words);
}

void StepInspector::planReset()
{
    m_lintOptions = m_model ? lint::stepLintOptions(m_model->plan()) : lint::LintOptions{};
    if (m_model)
        refreshCompletion();
    showStep({});
}

void StepInspector::showStep(const QModelIndex& index)
{
    const plan::Step* step = m_model ? m_model->stepAt(index) : nullptr;
    auto* stack = static_cast<QStackedLayout*>(layout());
    if (m_lintTimer->isActive()) // finish the pending lint of the step we leave
        m_lintTimer->stop();
    if (!step) {
        m_stepId.clear();
        stack->setCurrentWidget(m_empty);
        return;
    }
    m_stepId = step->id;
    m_sql->setText(step->sql);
    // A backfill's text is the statement the runner sends, made from the step's fields: editing
    // it could only make the two disagree, so it is shown read-only.
    m_sql->setReadOnly(step->backfill.has_value());
    m_sql->setToolTip(step->backfill ? QStringLiteral("The statement each backfill batch runs, "
                                                      "exactly as sent; not editable (re-plan "
                                                      "to change it)")
                                     : QString());
    refreshRollback();
    refreshHeader();
    refreshFacts();
    stack->setCurrentWidget(m_content);
    lintNow();
}

void StepInspector::refreshRollback()
{
    const plan::Step* step = m_model ? m_model->plan().step(m_stepId) : nullptr;
    if (!step)
        return;
    if (m_rollback->text() != step->rollbackSql)
        m_rollback->setText(step->rollbackSql);
    m_rollback->setVisible(step->isReversible());
    m_irreversible->setText(
        step->isReversible()
            ? QStringLiteral("Runs if this step has to be undone before the next phase.")
            : QStringLiteral("<b>No rollback.</b> %1")
                  .arg((step->irreversibleReason.isEmpty()
                            ? QStringLiteral("This step cannot be undone in SQL.")
                            : step->irreversibleReason)
                           .toHtmlEscaped()));
    const bool stale = m_model->isRollbackStale(m_stepId);
    m_staleRollback->setVisible(stale);
    m_confirmRollback->setVisible(stale);
}

void StepInspector::refreshHeader()
{
    const plan::Step* step = m_model ? m_model->plan().step(m_stepId) : nullptr;
    if (!step)
        return;
    m_title->setText(step->title);
    const QModelIndex index = m_model->indexOfStep(m_stepId);
    QStringList parts{QStringLiteral("%1 phase").arg(plan::phaseTitle(step->phase)),
                      QStringLiteral("step %1").arg(index.data(PlanModel::StepNumberRole).toInt()),
                      QStringLiteral("%1 risk").arg(toString(
                          Risk(index.data(PlanModel::RiskRole).toInt())))}; // with edits' lint
    if (!step->referenceRow.isEmpty())
        parts << QStringLiteral("reference row %1").arg(step->referenceRow);
    parts << step->id;
    m_subtitle->setText(parts.join(QStringLiteral("  ·  ")));
    const bool edited = step->isEdited();
    m_editedBadge->setVisible(edited);
    m_revert->setEnabled(edited);
    m_showChange->setEnabled(edited);
    if (!edited && m_showChange->isChecked())
        m_showChange->setChecked(false);
    refreshChangeView();
}

void StepInspector::refreshChangeView()
{
    const plan::Step* step = m_model ? m_model->plan().step(m_stepId) : nullptr;
    const bool show = step && step->isEdited() && m_showChange->isChecked();
    if (show)
        m_original->setText(step->originalSql);
    m_original->setVisible(show);
}

void StepInspector::refreshFacts()
{
    const plan::Step* step = m_model ? m_model->plan().step(m_stepId) : nullptr;
    if (!step)
        return;
    // Values are plain text unless they carry markup on purpose ("<br>" joins).
    const auto row = [](const QString& label, const QString& value, bool html = false) {
        return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>")
            .arg(label, html ? value : value.toHtmlEscaped());
    };
    QString html = QStringLiteral("<table cellspacing='3'>");
    QStringList locks;
    for (const plan::Lock& lock : step->locks)
        locks << QStringLiteral("%1 — %2").arg(plan::describeLock(lock).toHtmlEscaped(),
                                               plan::blocksInWords(lock.mode).toHtmlEscaped());
    html +=
        row(QStringLiteral("Locks"),
            locks.isEmpty() ? QStringLiteral("none") : locks.join(QStringLiteral("<br>")), true);
    html += row(QStringLiteral("Work"),
                step->backfill ? QStringLiteral("updates existing rows in short keyset batches")
                               : workInWords(step->work));
    html += row(QStringLiteral("Estimated duration"), plan::formatDuration(step->estimatedSeconds));
    html += row(QStringLiteral("Transaction"),
                step->outsideTransaction
                    ? QStringLiteral("runs outside a transaction (autocommit), e.g. CONCURRENTLY")
                    : QStringLiteral("runs inside its own transaction"));
    // A backfill's batches run with the runner's own batch lock_timeout (exec::BackfillTuning),
    // each retried: the step's own setting is not what its statements get.
    html += row(QStringLiteral("Timeouts"),
                step->backfill
                    ? QStringLiteral("each batch: lock_timeout %1 (retried), statement_timeout %2")
                          .arg(timeoutText(exec::BackfillTuning{}.lockTimeoutMs, QString()),
                               timeoutText(step->statementTimeoutMs, QStringLiteral("none")))
                    : QStringLiteral("lock_timeout %1, statement_timeout %2")
                          .arg(timeoutText(step->lockTimeoutMs, QStringLiteral("none (waits)")),
                               timeoutText(step->statementTimeoutMs, QStringLiteral("none"))));
    if (step->backfill)
        html +=
            row(QStringLiteral("Backfill"), QStringLiteral("%1.%2 in batches of %3 rows: SET %4")
                                                .arg(step->backfill->schema, step->backfill->table)
                                                .arg(step->backfill->batchRows)
                                                .arg(step->backfill->setClause));
    if (!step->dependsOn.isEmpty())
        html += row(QStringLiteral("After"), step->dependsOn.join(QStringLiteral(", ")));
    if (!step->referenceRow.isEmpty())
        html += row(QStringLiteral("Reference"),
                    QStringLiteral("row %1 of the safe-DDL reference").arg(step->referenceRow));
    html += QStringLiteral("</table>");
    if (!step->rationale.isEmpty())
        html += QStringLiteral("<p><b>Why:</b> %1</p>").arg(step->rationale.toHtmlEscaped());
    html += QStringLiteral("<h4>Hazards</h4>");
    if (step->hazards.empty()) {
        html += QStringLiteral("<p>None known.</p>");
    } else {
        html += QStringLiteral("<ul>");
        for (const plan::Hazard& h : step->hazards)
            html += QStringLiteral("<li><b>%1</b> — %2</li>")
                        .arg(plan::title(h.kind).toHtmlEscaped(), h.explanation.toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    m_facts->setHtml(html);
}

QString StepInspector::factsText() const
{
    return m_facts->toPlainText();
}

void StepInspector::sqlEdited()
{
    if (m_model && !m_stepId.isEmpty())
        m_model->setStepSql(m_stepId, m_sql->text());
    m_lintTimer->start();
}

void StepInspector::revert()
{
    if (!m_model || !m_model->revertStep(m_stepId))
        return;
    if (const plan::Step* step = m_model->plan().step(m_stepId))
        m_sql->setText(step->sql);
    lintNow();
}

void StepInspector::lintNow()
{
    m_lintTimer->stop();
    const QString text = m_sql->text();
    // Lint is CPU-only and takes well under a millisecond for one step's SQL.
    lint::LintReport report = lint::lintSql(text, QStringLiteral("step"), m_lintOptions);
    std::vector<CodeEditor::ErrorMark> marks;
    for (const lint::Finding& f : report.findings)
        marks.push_back({f.location.line, f.location.column, 0, markKind(f.severity), f.message});
    m_sql->setErrorMarks(std::move(marks));
    const int count = int(report.findings.size());
    m_lintSummary->setText(count == 0
                               ? QStringLiteral("Lint: no findings")
                               : QStringLiteral("Lint: %1 error(s), %2 warning(s), %3 note(s)")
                                     .arg(report.count(lint::Severity::Error))
                                     .arg(report.count(lint::Severity::Warning))
                                     .arg(report.count(lint::Severity::Info)));
    if (m_model && !m_stepId.isEmpty())
        m_model->setEditFindings(m_stepId, report.count(lint::Severity::Error),
                                 report.count(lint::Severity::Warning));
    refreshHeader(); // the risk shown follows the lint of an edited step
    m_findings->setFindings(std::move(report.findings));
    Q_EMIT linted(count);
}

} // namespace bellows::ui
