#pragma once

// Ctrl+F on the plan: a search field that finds steps by title, id, SQL, rollback or the
// relations they lock (case-insensitive), selects the first match and walks the next ones with
// Enter (Shift+Enter back), saying "2 of 5" beside the field. The selection drives the
// timeline, the step list and the inspector as a click would.

#include <QWidget>

class QItemSelectionModel;
class QLabel;
class QLineEdit;

namespace bellows::plan {
struct Plan;
}

namespace bellows::ui {

class PlanModel;

// Ids of the steps matching `text`, in execution order (none for blank text).
QStringList findSteps(const plan::Plan& plan, const QString& text);

class StepSearch : public QWidget {
    Q_OBJECT
public:
    StepSearch(PlanModel* model, QItemSelectionModel* selection, QWidget* parent = nullptr);

    QLineEdit* field() const { return m_field; }
    QString resultText() const;
    void focusField(); // selects the text, ready to type over
    void next(int direction = 1);

private:
    void search();
    void selectMatch();

    PlanModel* m_model;
    QItemSelectionModel* m_selection;
    QLineEdit* m_field = nullptr;
    QLabel* m_result = nullptr;
    QStringList m_matches;
    int m_current = -1;
};

} // namespace bellows::ui
