#pragma once

// Shown before anything writes: where the steps run (server, database, environment — the
// header band and frame take the environment's colour), each step's exact SQL, its locks and on
// what, estimated duration, hazards in plain words, rollback availability and review state.
// Destructive or irreversible steps ask for the object's name to be typed, a production
// connection for the database's name; Run stays disabled until every typed text matches
// exactly. Above them, the runner's own verdict (exec::Runner::forecast): a refusal keeps Run
// disabled; a step out of order needs "out of order" typed and a reason. exec() returns
// QDialog::Accepted only through Run.

#include "run_request.h"

#include <QDialog>

#include <vector>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QTextBrowser;

namespace bellows::ui {

class ConfirmationStepModel;
class SqlEditor;

// Shared with GateDialog: the band at the top of a dialog acting on a connection, in the
// environment's colour ("PRODUCTION  db.example.com:5432 / bellows_prod" and a second line),
// and the frame drawn in that colour around the dialog.
QWidget* makeEnvironmentHeader(EnvironmentTag environment, const QString& headline,
                               const QString& subline, QWidget* parent);
void paintEnvironmentFrame(QWidget* dialog, EnvironmentTag environment);
// Black or white, whichever reads better on the environment's colour.
QColor textColorOn(const QColor& background);

class ConfirmationDialog : public QDialog {
    Q_OBJECT
public:
    // One text the user must type before Run is enabled.
    struct Requirement {
        enum class Kind { Object, Database, OutOfOrder };
        Kind kind = Kind::Object;
        QString text;        // what must be typed, exactly
        QString label;       // "Type users to confirm dropping it"
        QStringList stepIds; // the steps that need it (empty for the database)
        QLineEdit* edit = nullptr;
        QLabel* status = nullptr;
    };

    explicit ConfirmationDialog(const RunRequest& request, QWidget* parent = nullptr);
    ~ConfirmationDialog() override;

    const RunRequest& request() const { return m_request; }
    // Every typed text matches (also true when nothing needs typing).
    bool canRun() const;
    // What must be typed, in the order of the fields: object names, then the database name.
    QStringList requiredTexts() const;
    const std::vector<Requirement>& requirements() const { return m_requirements; }

    // The reason typed for running out of order (request().outOfOrder non-empty), trimmed.
    QString outOfOrderReason() const;
    QLineEdit* outOfOrderReasonEdit() const { return m_reason; }
    QString runHint() const;

    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    QListView* stepList() const { return m_list; }
    ConfirmationStepModel* stepModel() const { return m_model; }
    SqlEditor* sqlEditor() const { return m_sql; }

    // Shows step `row` (0-based, in request().steps) on the right.
    void selectStep(int row);
    int currentStep() const { return m_current; }
    // The right-hand side as plain text (title, locks, duration, rollback, hazards, review).
    QString detailsText() const;

protected:
    void changeEvent(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void buildRequirements();
    QWidget* makeConfirmationBox();
    QWidget* makeVerdictBox();
    void showStep(int row);
    void updateRunState();

    RunRequest m_request;
    std::vector<Requirement> m_requirements;
    ConfirmationStepModel* m_model = nullptr;
    QListView* m_list = nullptr;
    QLabel* m_stepTitle = nullptr;
    QTextBrowser* m_facts = nullptr;
    SqlEditor* m_sql = nullptr;
    QLabel* m_runHint = nullptr;
    QLineEdit* m_reason = nullptr; // why a step runs out of order
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    int m_current = -1;
};

} // namespace bellows::ui
