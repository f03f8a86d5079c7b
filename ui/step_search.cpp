#include "step_search.h"

#include "plan_model.h"

#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>

namespace bellows::ui {

namespace {

bool stepMatches(const plan::Step& step, const QString& text)
{
    const auto has = [&](const QString& field) {
        return field.contains(text, Qt::CaseInsensitive);
    };
    if (has(step.title) || has(step.id) || has(step.sql) || has(step.rollbackSql))
        return true;
    return std::any_of(step.locks.begin(), step.locks.end(),
                       [&](const plan::Lock& lock) { return has(lock.relation); });
}

// Enter walks forward, Shift+Enter back; the field keeps the focus.
class SearchField : public QLineEdit {
public:
    SearchField(StepSearch* search, QWidget* parent) : QLineEdit(parent), m_search(search) {}

protected:
    void keyPressEvent(QKeyEvent* event) override
    {
        if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
            m_search->next(event->modifiers() & Qt::ShiftModifier ? -1 : 1);
            return;
        }
        QLineEdit::keyPressEvent(event);
    }

private:
    StepSearch* m_search;
};

} // namespace

QStringList findSteps(const plan::Plan& plan, const QString& text)
{
    QStringList ids;
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return ids;
    for (const plan::Step& step : plan.steps)
        if (stepMatches(step, needle))
            ids << step.id;
    return ids;
}

StepSearch::StepSearch(PlanModel* model, QItemSelectionModel* selection, QWidget* parent)
    : QWidget(parent), m_model(model), m_selection(selection)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    m_field = new SearchField(this, this);
    m_field->setObjectName(QStringLiteral("stepSearch"));
    m_field->setPlaceholderText(QStringLiteral("Find step (Ctrl+F): title, SQL, table…"));
    m_field->setClearButtonEnabled(true);
    m_field->setMinimumWidth(fontMetrics().horizontalAdvance(m_field->placeholderText()) / 2);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("stepSearchResult"));
    layout->addWidget(m_field, 1);
    layout->addWidget(m_result);
    connect(m_field, &QLineEdit::textChanged, this, &StepSearch::search);
    connect(m_model, &QAbstractItemModel::modelReset, this, &StepSearch::search);
}

QString StepSearch::resultText() const
{
    return m_result->text();
}

void StepSearch::focusField()
{
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

void StepSearch::search()
{
    m_matches = findSteps(m_model->plan(), m_field->text());
    m_current = m_matches.isEmpty() ? -1 : 0;
    selectMatch();
}

void StepSearch::next(int direction)
{
    if (m_matches.isEmpty())
        return;
    m_current = int((m_current + direction + m_matches.size()) % m_matches.size());
    selectMatch();
}

void StepSearch::selectMatch()
{
    if (m_field->text().trimmed().isEmpty()) {
        m_result->clear();
        return;
    }
    if (m_current < 0) {
        m_result->setText(QStringLiteral("no step"));
        return;
    }
    m_result->setText(QStringLiteral("%1 of %2").arg(m_current + 1).arg(m_matches.size()));
    const QModelIndex index = m_model->indexOfStep(m_matches.at(m_current));
    if (index.isValid())
        m_selection->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                QItemSelectionModel::Rows);
}

} // namespace bellows::ui
