#include "log_dock.h"

#include "pq/statement_log.h"
#include "statement_log_model.h"
#include "statement_log_sink.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace bellows::ui {

LogDock::LogDock(QWidget* parent, Sink sink) : QDockWidget(tr("Log"), parent)
{
    setObjectName(QStringLiteral("logDock"));
    m_model = new StatementLogModel(this);

    // Two proxies in a chain: tag (exact, on the Tag column), then text (any column).
    m_tagProxy = new QSortFilterProxyModel(this);
    m_tagProxy->setSourceModel(m_model);
    m_tagProxy->setFilterKeyColumn(StatementLogModel::TagColumn);
    m_tagProxy->setFilterRole(StatementLogModel::OriginRole);
    m_textProxy = new QSortFilterProxyModel(this);
    m_textProxy->setSourceModel(m_tagProxy);
    m_textProxy->setFilterKeyColumn(-1);
    m_textProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    auto* bar = new QHBoxLayout;
    m_filterEdit = new QLineEdit(content);
    m_filterEdit->setPlaceholderText(tr("Filter statements, servers, errors…"));
    m_filterEdit->setClearButtonEnabled(true);
    m_tagCombo = new QComboBox(content);
    m_tagCombo->addItem(tr("All tags"), QString());
    for (pq::Origin origin : {pq::Origin::Introspection, pq::Origin::Shadow, pq::Origin::Step,
                              pq::Origin::Backfill, pq::Origin::Ledger, pq::Origin::Session})
        m_tagCombo->addItem(pq::toString(origin), pq::toString(origin));
    auto* copyButton = new QToolButton(content);
    auto* clearButton = new QToolButton(content);
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(m_tagCombo);
    bar->addWidget(copyButton);
    bar->addWidget(clearButton);
    layout->addLayout(bar);

    m_view = new QTableView(content);
    m_view->setModel(m_textProxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(StatementLogModel::StatementColumn,
                                                     QHeaderView::Stretch);
    m_view->setColumnWidth(StatementLogModel::TimeColumn, 95);
    m_view->setColumnWidth(StatementLogModel::TagColumn, 90);
    m_view->setColumnWidth(StatementLogModel::ServerColumn, 250);
    m_view->setColumnWidth(StatementLogModel::DurationColumn, 75);
    m_view->setColumnWidth(StatementLogModel::ErrorColumn, 220);
    layout->addWidget(m_view, 1);
    setWidget(content);

    auto* copyAction = new QAction(tr("Copy"), this);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    copyAction->setToolTip(tr("Copy the selected rows (Ctrl+C)"));
    connect(copyAction, &QAction::triggered, this, [this] { copySelection(); });
    m_view->addAction(copyAction);
    copyButton->setDefaultAction(copyAction);
    auto* clearAction = new QAction(tr("Clear"), this);
    clearAction->setToolTip(tr("Remove every entry from the log"));
    connect(clearAction, &QAction::triggered, this, &LogDock::clear);
    clearButton->setDefaultAction(clearAction);

    connect(m_filterEdit, &QLineEdit::textChanged, this, &LogDock::setTextFilter);
    connect(m_tagCombo, &QComboBox::currentIndexChanged, this,
            [this](int index) { setTagFilter(m_tagCombo->itemData(index).toString()); });
    connect(m_textProxy, &QAbstractItemModel::rowsAboutToBeInserted, this,
            &LogDock::rememberScroll);
    connect(m_textProxy, &QAbstractItemModel::rowsInserted, this, &LogDock::followIfAtBottom);

    if (sink == Sink::Install)
        m_sink = std::make_unique<StatementLogSink>(m_model);
}

LogDock::~LogDock() = default;

QAbstractItemModel* LogDock::viewModel() const
{
    return m_textProxy;
}

void LogDock::setTextFilter(const QString& text)
{
    if (m_filterEdit->text() != text)
        m_filterEdit->setText(text); // comes back here through textChanged
    else
        m_textProxy->setFilterFixedString(text);
}

void LogDock::setTagFilter(const QString& tag)
{
    const int index = m_tagCombo->findData(tag);
    if (index >= 0 && index != m_tagCombo->currentIndex()) {
        m_tagCombo->setCurrentIndex(index); // comes back here through currentIndexChanged
        return;
    }
    if (tag.isEmpty())
        m_tagProxy->setFilterRegularExpression(QRegularExpression());
    else
        m_tagProxy->setFilterRegularExpression(QRegularExpression(
            QLatin1Char('^') + QRegularExpression::escape(tag) + QLatin1Char('$')));
}

QString LogDock::copySelection()
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    for (const QModelIndex& index : selected)
        rows << index.row();
    if (rows.isEmpty()) {
        for (int row = 0; row < m_textProxy->rowCount(); ++row)
            rows << row;
    }
    std::sort(rows.begin(), rows.end());
    QStringList lines;
    for (int row : rows) {
        const QModelIndex tagIndex =
            m_tagProxy->mapToSource(m_textProxy->mapToSource(m_textProxy->index(row, 0)));
        lines << m_model->rowText(tagIndex.row());
    }
    QString text = lines.join(QLatin1Char('\n'));
    if (!text.isEmpty())
        text += QLatin1Char('\n');
    QApplication::clipboard()->setText(text);
    return text;
}

void LogDock::clear()
{
    m_model->clear();
}

void LogDock::rememberScroll()
{
    const QScrollBar* bar = m_view->verticalScrollBar();
    m_wasAtBottom = bar->value() >= bar->maximum() - 2;
}

void LogDock::followIfAtBottom()
{
    if (m_wasAtBottom)
        m_view->scrollToBottom();
}

} // namespace bellows::ui
