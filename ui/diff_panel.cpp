#include "diff_panel.h"

#include "catalog/catalog_ddl.h"
#include "diff/rename_hint.h"
#include "diff_filter_model.h"
#include "diff_tree_model.h"
#include "sql_editor.h"

#include <QCheckBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace bellows::ui {

using diff::ObjectStatus;

namespace {

const QString Arrow = QStringLiteral(" \u2192 ");

// "public.users.full_name → display_name" from `--rename` text.
QString hintDisplay(const QString& hint)
{
    const Result<diff::RenameHint> parsed = diff::parseRenameHint(hint);
    if (!parsed)
        return hint;
    const diff::RenameHint& h = *parsed;
    QString from = diff::displayQualified(h.schema, h.table);
    if (!h.isTableRename())
        from += QLatin1Char('.') + diff::displayIdent(h.column);
    return from + Arrow + diff::displayIdent(h.newName);
}

QString oneLine(const QString& text)
{
    return text.simplified();
}

QStandardItem* cell(const QString& text)
{
    auto* item = new QStandardItem(text.isEmpty() ? QObject::tr("(none)") : oneLine(text));
    item->setEditable(false);
    if (text.contains(QLatin1Char('\n')) || text.size() > 60)
        item->setToolTip(text);
    return item;
}

} // namespace

DiffPanel::DiffPanel(QWidget* parent)
    : QWidget(parent), m_model(new DiffTreeModel(this)), m_filter(new DiffFilterModel(this)),
      m_changes(new QStandardItemModel(0, 3, this))
{
    m_filter->setSourceModel(m_model);
    m_changes->setHorizontalHeaderLabels({tr("What changes"), tr("Live database"), tr("Target")});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);

    auto* proposals = new QFrame(this);
    proposals->setObjectName(QStringLiteral("renameProposals"));
    proposals->setFrameShape(QFrame::StyledPanel);
    m_proposals = proposals;
    m_proposalRows = new QVBoxLayout(m_proposals);
    m_proposalRows->setContentsMargins(8, 4, 8, 4);
    m_proposalRows->setSpacing(2);
    m_proposals->hide();
    layout->addWidget(m_proposals);

    // The differ's notes (column order, server versions, ambiguous renames): not differences,
    // but what a reviewer should know before trusting the list below.
    m_notes = new QLabel(this);
    m_notes->setObjectName(QStringLiteral("diffNotes"));
    m_notes->setWordWrap(true);
    m_notes->setTextFormat(Qt::PlainText);
    m_notes->hide();
    layout->addWidget(m_notes);

    buildFilterBar(layout);

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("diffTree"));
    m_tree->setModel(m_filter);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->resizeSection(DiffTreeModel::ObjectColumn, 260);
    m_tree->header()->resizeSection(DiffTreeModel::StatusColumn, 140);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { showDetail(current); });

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_tree);
    splitter->addWidget(buildDetail());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);

    showDetail({});
}

DiffPanel::~DiffPanel() = default;

void DiffPanel::buildFilterBar(QVBoxLayout* layout)
{
    auto* bar = new QHBoxLayout;
    bar->setSpacing(12);
    m_filterText = new QLineEdit(this);
    m_filterText->setObjectName(QStringLiteral("diffFilter"));
    m_filterText->setPlaceholderText(tr("Filter by name"));
    m_filterText->setClearButtonEnabled(true);
    connect(m_filterText, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filter->setFilterText(text);
        expandForFilter();
    });
    bar->addWidget(m_filterText, 1);

    const std::pair<ObjectStatus, const char*> toggles[] = {
        {ObjectStatus::Different, "showDifferent"},
        {ObjectStatus::OnlyInDatabase, "showOnlyInDatabase"},
        {ObjectStatus::OnlyInTarget, "showOnlyInTarget"},
        {ObjectStatus::Identical, "showIdentical"},
    };
    for (const auto& [status, name] : toggles) {
        auto* box = new QCheckBox(DiffTreeModel::statusText(status), this);
        box->setObjectName(QLatin1String(name));
        box->setIcon(DiffTreeModel::statusIcon(status));
        box->setProperty("status", int(status));
        box->setChecked(m_filter->isStatusVisible(status));
        connect(box, &QCheckBox::toggled, this, [this, status = status](bool on) {
            m_filter->setStatusVisible(status, on);
            expandForFilter();
        });
        m_statusToggles.push_back(box);
        bar->addWidget(box);
    }
    layout->addLayout(bar);
}

QWidget* DiffPanel::buildDetail()
{
    auto* detail = new QWidget(this);
    detail->setObjectName(QStringLiteral("diffDetail"));
    auto* layout = new QVBoxLayout(detail);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_detailTitle = new QLabel(detail);
    m_detailTitle->setObjectName(QStringLiteral("diffDetailTitle"));
    m_detailTitle->setTextFormat(Qt::RichText);
    layout->addWidget(m_detailTitle);

    auto* sides = new QSplitter(Qt::Horizontal, detail);
    sides->setChildrenCollapsible(false);
    auto side = [&](const QString& caption, const char* name) {
        auto* box = new QWidget(sides);
        auto* boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        boxLayout->setSpacing(2);
        auto* label = new QLabel(caption, box);
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        boxLayout->addWidget(label);
        auto* editor = new SqlEditor(box);
        editor->setObjectName(QLatin1String(name));
        editor->setReadOnly(true);
        boxLayout->addWidget(editor, 1);
        sides->addWidget(box);
        return editor;
    };
    m_live = side(tr("Live database"), "liveDdl");
    m_target = side(tr("Target"), "targetDdl");
    layout->addWidget(sides, 3);

    m_changesView = new QTreeView(detail);
    m_changesView->setObjectName(QStringLiteral("whatChanges"));
    m_changesView->setModel(m_changes);
    m_changesView->setRootIsDecorated(false);
    m_changesView->setUniformRowHeights(true);
    m_changesView->setAlternatingRowColors(true);
    m_changesView->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_changesView->header()->resizeSection(0, 260);
    m_changesView->header()->resizeSection(1, 330);
    layout->addWidget(m_changesView, 2);
    return detail;
}

void DiffPanel::setComparison(workers::PlannedChangePtr planned)
{
    const QString previous = currentKey();
    m_planned = std::move(planned);
    if (m_planned) {
        const workflow::Comparison& c = m_planned->comparison;
        m_model->setComparison(c.database, c.target.catalog, c.changes);
    } else {
        m_model->clear();
    }
    // A re-plan after an accepted rename confirms it: nothing is pending for it any more,
    // but it stays listed as accepted (with Undo) until the main window says otherwise.
    rebuildProposals();
    showNotes();
    expandForFilter();
    if (previous.isEmpty() || !selectObject(previous))
        showDetail({});
}

void DiffPanel::showNotes()
{
    const QStringList notes = m_planned ? m_planned->comparison.changes.notes : QStringList();
    if (notes.isEmpty()) {
        m_notes->hide();
        return;
    }
    constexpr int shown = 3;
    QStringList lines;
    for (qsizetype i = 0; i < notes.size() && i < shown; ++i)
        lines << QStringLiteral("\u2139 ") + notes.at(i);
    if (notes.size() > shown)
        lines << tr("(%1 more notes: hover to read them all)").arg(notes.size() - shown);
    m_notes->setText(lines.join(QLatin1Char('\n')));
    m_notes->setToolTip(notes.join(QLatin1Char('\n')));
    m_notes->show();
}

void DiffPanel::setAcceptedRenames(const QStringList& hints)
{
    m_accepted = hints;
    rebuildProposals();
}

void DiffPanel::setRejectedRenames(const QStringList& hints)
{
    m_rejected = hints;
    rebuildProposals();
}

QStringList DiffPanel::pendingRenames() const
{
    QStringList out;
    if (!m_planned)
        return out;
    for (const diff::RenameProposal& p : m_planned->comparison.changes.renameProposals) {
        const QString hint = p.hintText();
        if (!m_accepted.contains(hint) && !m_rejected.contains(hint) && !out.contains(hint))
            out << hint;
    }
    return out;
}

void DiffPanel::rebuildProposals()
{
    while (QLayoutItem* item = m_proposalRows->takeAt(0)) {
        if (QWidget* w = item->widget()) {
            // The clicked button may be one of these: delete after its signal returns.
            w->hide();
            w->deleteLater();
        }
        delete item;
    }
    auto addRow = [this](const QString& text, const QString& tip) {
        auto* row = new QWidget(m_proposals);
        auto* rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        auto* label = new QLabel(text, row);
        label->setTextFormat(Qt::RichText);
        label->setWordWrap(true);
        label->setToolTip(tip);
        rowLayout->addWidget(label, 1);
        m_proposalRows->addWidget(row);
        return rowLayout;
    };
    auto button = [](QHBoxLayout* row, const QString& text, const char* name) {
        auto* b = new QPushButton(text, row->parentWidget());
        b->setObjectName(QLatin1String(name));
        row->addWidget(b);
        return b;
    };

    for (const QString& hint : m_accepted) {
        QHBoxLayout* row =
            addRow(tr("\u2713 Rename accepted: <b>%1</b>").arg(hintDisplay(hint).toHtmlEscaped()),
                   tr("Planned as --rename %1").arg(hint));
        connect(button(row, tr("Undo"), "undoRename"), &QPushButton::clicked, this,
                [this, hint] { undoRename(hint); });
    }
    if (m_planned) {
        QStringList shown;
        for (const diff::RenameProposal& p : m_planned->comparison.changes.renameProposals) {
            const QString hint = p.hintText();
            if (m_accepted.contains(hint) || m_rejected.contains(hint) || shown.contains(hint))
                continue;
            shown << hint;
            QHBoxLayout* row =
                addRow(tr("Rename? <b>%1</b> &mdash; %2")
                           .arg(hintDisplay(hint).toHtmlEscaped(), p.reason.toHtmlEscaped()),
                       tr("Accepting plans it as --rename %1: the column keeps "
                          "its data instead of being dropped and re-added")
                           .arg(hint));
            QPushButton* accept = button(row, tr("Accept"), "acceptRename");
            accept->setProperty("hint", hint);
            connect(accept, &QPushButton::clicked, this, [this, hint] { acceptRename(hint); });
            QPushButton* reject = button(row, tr("Reject"), "rejectRename");
            reject->setProperty("hint", hint);
            connect(reject, &QPushButton::clicked, this, [this, hint] { rejectRename(hint); });
        }
    }
    m_proposals->setVisible(m_proposalRows->count() > 0);
}

void DiffPanel::acceptRename(const QString& hint)
{
    if (!m_accepted.contains(hint))
        m_accepted << hint;
    rebuildProposals();
    Q_EMIT renameAccepted(hint);
}

void DiffPanel::rejectRename(const QString& hint)
{
    if (!m_rejected.contains(hint))
        m_rejected << hint;
    rebuildProposals();
    Q_EMIT renameRejected(hint);
}

void DiffPanel::undoRename(const QString& hint)
{
    m_accepted.removeAll(hint);
    rebuildProposals();
    Q_EMIT renameUndone(hint);
}

void DiffPanel::expandForFilter()
{
    // Kind rows span the row (their label carries the counts) and start open; while a name
    // filter is typed, objects open too so matching columns and indexes are in view.
    const bool filtering = !m_filter->filterText().isEmpty();
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex group = m_filter->index(row, 0);
        m_tree->setFirstColumnSpanned(row, {}, true);
        m_tree->expand(group);
        for (int child = 0; child < m_filter->rowCount(group); ++child) {
            const QModelIndex object = m_filter->index(child, 0, group);
            if (filtering)
                m_tree->expand(object);
        }
    }
}

bool DiffPanel::selectObject(const QString& key)
{
    const QModelIndex source = m_model->indexForKey(key);
    if (!source.isValid())
        return false;
    QModelIndex proxy = m_filter->mapFromSource(source);
    if (!proxy.isValid()) {
        // Hidden by the filter: show its status (and its object's) and drop the text.
        QModelIndex object =
            source.parent().data(DiffTreeModel::IsGroupRole).toBool() ? source : source.parent();
        for (const QModelIndex& i : {source, object}) {
            const auto status = ObjectStatus(i.data(DiffTreeModel::StatusRole).toInt());
            for (QCheckBox* box : m_statusToggles) {
                if (box->property("status").toInt() == int(status))
                    box->setChecked(true);
            }
        }
        m_filterText->clear();
        proxy = m_filter->mapFromSource(source);
        if (!proxy.isValid())
            return false;
    }
    m_tree->expand(proxy.parent());
    m_tree->selectionModel()->setCurrentIndex(proxy, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_tree->scrollTo(proxy);
    return true;
}

QString DiffPanel::currentKey() const
{
    return m_tree->currentIndex().data(DiffTreeModel::KeyRole).toString();
}

void DiffPanel::showDetail(const QModelIndex& proxyIndex)
{
    const QModelIndex source = m_filter->mapToSource(proxyIndex.sibling(proxyIndex.row(), 0));
    const DiffTreeModel::Entry* e = m_model->entry(source);
    m_changes->removeRows(0, m_changes->rowCount());
    if (!e) {
        if (!m_planned)
            m_detailTitle->setText(tr("No comparison yet."));
        else if (m_planned->comparison.changes.isEmpty())
            m_detailTitle->setText(tr("No differences: the live database matches the target."));
        else
            m_detailTitle->setText(tr("Select an object to see its definition on both sides and "
                                      "what changes."));
        m_live->setText({});
        m_target->setText({});
        Q_EMIT objectSelected({});
        return;
    }
    m_detailTitle->setText(tr("<b>%1 %2</b> &nbsp;<span style=\"color:%3\">&#9679;</span> %4")
                               .arg(diff::kindLabel(e->kind), e->name.toHtmlEscaped(),
                                    DiffTreeModel::statusColor(e->status).name(),
                                    DiffTreeModel::statusText(e->status)));
    const QString live = m_model->liveDdl(source);
    const QString target = m_model->targetDdl(source);
    m_live->setText(live.isEmpty() ? tr("-- not in the live database") : live);
    m_target->setText(target.isEmpty() ? tr("-- not in the target") : target);
    fillWhatChanges(source);
    Q_EMIT objectSelected(e->key);
}

void DiffPanel::fillWhatChanges(const QModelIndex& source)
{
    const DiffTreeModel::Entry* e = m_model->entry(source);
    if (!e)
        return;
    auto addRow = [this](ObjectStatus status, const QString& what, const QString& from,
                         const QString& to) {
        QStandardItem* first = cell(what);
        first->setIcon(DiffTreeModel::statusIcon(status));
        m_changes->appendRow({first, cell(from), cell(to)});
    };
    const QString absent = tr("(absent)");
    // A sub-object in a few words: its definition without the ALTER TABLE around it.
    auto shape = [this](const diff::CatalogObject* object, const QModelIndex& index, bool live) {
        if (const auto* column = object ? std::get_if<catalog::Column>(object) : nullptr)
            return catalog::ddl::columnDefinition(*column);
        if (const auto* constraint = object ? std::get_if<catalog::Constraint>(object) : nullptr)
            return constraint->definition;
        if (const auto* ix = object ? std::get_if<catalog::Index>(object) : nullptr)
            return ix->definition;
        if (const auto* trigger = object ? std::get_if<catalog::Trigger>(object) : nullptr)
            return trigger->definition;
        return live ? m_model->liveDdl(index) : m_model->targetDdl(index);
    };
    auto describe = [&](const DiffTreeModel::Entry& x, const QModelIndex& index,
                        const QString& prefix) {
        const QString label = prefix.isEmpty() ? QString() : prefix + QStringLiteral(": ");
        const bool top = prefix.isEmpty();
        switch (x.status) {
        case ObjectStatus::OnlyInTarget:
            addRow(x.status, top ? tr("created") : prefix, absent,
                   top ? tr("see the target DDL") : shape(x.target.get(), index, false));
            break;
        case ObjectStatus::OnlyInDatabase:
            addRow(x.status, top ? tr("dropped") : prefix,
                   top ? tr("see the live DDL") : shape(x.live.get(), index, true), absent);
            break;
        case ObjectStatus::Identical:
        case ObjectStatus::Different:
            break;
        }
        // A proposal pairs two rows (only in database / only in target): list it once.
        if (x.renameProposal && x.status == ObjectStatus::OnlyInDatabase)
            addRow(ObjectStatus::Different, label + tr("rename proposed"),
                   diff::displayIdent(x.renameProposal->from),
                   diff::displayIdent(x.renameProposal->to));
        if (!x.renamedFrom.isEmpty())
            addRow(ObjectStatus::Different, label + tr("name"), diff::displayIdent(x.renamedFrom),
                   prefix.isEmpty() ? x.name : x.name.mid(diff::kindLabel(x.kind).size() + 1));
        for (const diff::AttributeChange& a : x.attributes)
            addRow(ObjectStatus::Different, label + a.attribute, a.from, a.to);
    };

    describe(*e, source, {});
    const std::vector<const DiffTreeModel::Entry*> subs = m_model->subEntries(source);
    for (size_t i = 0; i < subs.size(); ++i)
        describe(*subs[i], m_model->index(int(i), 0, source), subs[i]->name);
    if (m_changes->rowCount() == 0)
        addRow(ObjectStatus::Identical, tr("no differences"), QStringLiteral("\u2014"),
               QStringLiteral("\u2014"));
}

} // namespace bellows::ui
