#pragma once

// File → Export: the plan as a Prisma migrations folder, Flyway scripts, plain SQL per phase,
// or a review report (Markdown, HTML). The files are rendered by core/export, as
// `bellows-cli export` writes them; the dialog lists what was written.

#include "plan/plan.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace bellows::ui {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(plan::Plan plan, QWidget* parent = nullptr);

    QComboBox* formatCombo() const { return m_format; }
    QLineEdit* pathEdit() const { return m_path; }
    QLabel* resultLabel() const { return m_result; }
    // Writes the export; false (and the reason in resultLabel) when it fails.
    bool exportNow();

private:
    void browse();
    void suggestPath();

    plan::Plan m_plan;
    QComboBox* m_format = nullptr;
    QLineEdit* m_path = nullptr;
    QLabel* m_result = nullptr;
    QPushButton* m_export = nullptr;
};

} // namespace bellows::ui
