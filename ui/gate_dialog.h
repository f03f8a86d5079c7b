#pragma once

// Shown when a run reaches a gate: what a person must do outside the database before the next
// phase (deploy the version that tolerates both shapes, drain the old one), and the gate's
// checklist. "Pass the gate" is enabled only when every item is ticked; "Stop here" is the
// default button, so Enter never passes a gate. exec() returns QDialog::Accepted only through
// "Pass the gate".

#include "environment_tag.h"
#include "plan/plan.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QPushButton;

namespace bellows::ui {

class GateDialog : public QDialog {
    Q_OBJECT
public:
    // server "host:port" and database name the run acts on, for the header band.
    GateDialog(const plan::Gate& gate, const QString& server, const QString& database,
               EnvironmentTag environment, QWidget* parent = nullptr);

    const plan::Gate& gate() const { return m_gate; }
    bool allChecked() const;
    int checkedCount() const;
    // One per checklist item, in order (objectName "gateItem_<n>").
    const QList<QCheckBox*>& checkBoxes() const { return m_items; }
    QPushButton* passButton() const { return m_pass; }
    QPushButton* stopButton() const { return m_stop; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void updatePassState();

    plan::Gate m_gate;
    EnvironmentTag m_environment;
    QList<QCheckBox*> m_items;
    QLabel* m_progress = nullptr;
    QPushButton* m_pass = nullptr;
    QPushButton* m_stop = nullptr;
};

} // namespace bellows::ui
