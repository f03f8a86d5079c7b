// ConfirmationDialog and GateDialog: Run stays disabled until the destroyed object's name and
// (production) the database's name are typed exactly; a dev run of reversible steps asks for
// nothing; the dialog shows each step's SQL and locks; a gate passes only with every item
// ticked, and "Stop here" is the default. Also the step list model under the model tester, and
// the screenshots for docs/gui.md (BELLOWS_SCREENSHOT_DIR).

#include "confirmation_dialog.h"
#include "confirmation_step_model.h"
#include "exec/backfill_batches.h"
#include "gate_dialog.h"
#include "gui_test_support.h"
#include "review/review_evaluation.h"
#include "sample_plan.h"
#include "sql_editor.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QStyleFactory>
#include <QTest>

using namespace bellows;
using bellows::ui::ConfirmationDialog;
using bellows::ui::ConfirmationStepModel;
using bellows::ui::EnvironmentTag;
using bellows::ui::GateDialog;
using bellows::ui::RunRequest;

namespace {

using test::darkPalette;

// The contract step the brief's wording is about: DROP TABLE users, no rollback.
plan::Step dropUsersTable()
{
    plan::Step s;
    s.id = QStringLiteral("contract:drop-table:public.users");
    s.phase = plan::Phase::Contract;
    s.title = QStringLiteral("Drop table public.users");
    s.sql = QStringLiteral("DROP TABLE public.users;");
    s.irreversibleReason = QStringLiteral("Every row of public.users is gone; restore from a "
                                          "backup (pg_dump -t 'public.users' before running "
                                          "this step).");
    s.locks = {{plan::LockMode::AccessExclusive, QStringLiteral("public.users"), true}};
    s.estimatedSeconds = 0.05;
    s.hazards = {
        {plan::HazardKind::DataLoss, QStringLiteral("all rows of public.users are deleted")},
        {plan::HazardKind::Irreversible, QStringLiteral("no SQL rollback: restore from a backup")}};
    return s;
}

plan::Step addNullableColumn()
{
    plan::Step s;
    s.id = QStringLiteral("expand:add-column:public.users.nickname");
    s.phase = plan::Phase::Expand;
    s.title = QStringLiteral("Add nullable column public.users.nickname");
    s.sql = QStringLiteral("SET lock_timeout = '2s';\nALTER TABLE public.users ADD COLUMN "
                           "nickname text;");
    s.rollbackSql = QStringLiteral("ALTER TABLE public.users DROP COLUMN nickname;");
    s.locks = {{plan::LockMode::AccessExclusive, QStringLiteral("public.users"), true}};
    s.estimatedSeconds = 0.05;
    s.hazards = {{plan::HazardKind::AccessExclusiveLock,
                  QStringLiteral("ACCESS EXCLUSIVE on public.users for a catalog update")}};
    return s;
}

RunRequest request(EnvironmentTag environment, std::vector<plan::Step> steps)
{
    RunRequest r;
    r.server = QStringLiteral("db1.example.com:5432");
    r.database = QStringLiteral("bellows_prod");
    r.environment = environment;
    r.scope = QStringLiteral("Run phase Contract");
    r.steps = std::move(steps);
    return r;
}

} // namespace

class TestConfirmationDialog : public QObject {
    Q_OBJECT
private:
    void screenshot(QWidget& widget, const QString& name)
    {
        QVERIFY(test::saveScreenshot(widget, name));
    }

private Q_SLOTS:
    void objectNamesFromSteps()
    {
        QCOMPARE(ui::objectToConfirm(dropUsersTable()), QStringLiteral("users"));
        plan::Step column;
        column.id = QStringLiteral("contract:drop-column:public.users.full_name");
        QCOMPARE(ui::objectToConfirm(column), QStringLiteral("full_name"));
        plan::Step routine;
        routine.id = QStringLiteral("contract:drop-function:public.touch(integer, public.t)");
        QCOMPARE(ui::objectToConfirm(routine), QStringLiteral("touch"));
        // Not a planner id: the title's last quoted name, else its last dotted name.
        plan::Step edited;
        edited.id = QStringLiteral("hand-written");
        edited.title = QStringLiteral("Drop column public.users.\"Full Name\"");
        QCOMPARE(ui::objectToConfirm(edited), QStringLiteral("Full Name"));
        edited.title = QStringLiteral("Drop index public.orders_created_at_idx");
        QCOMPARE(ui::objectToConfirm(edited), QStringLiteral("orders_created_at_idx"));

        QVERIFY(ui::needsTypedConfirmation(dropUsersTable()));
        QVERIFY(ui::dropsData(dropUsersTable()));
        QVERIFY(!ui::needsTypedConfirmation(addNullableColumn()));
        plan::Step noRollback = addNullableColumn();
        noRollback.rollbackSql.clear();
        QVERIFY(ui::needsTypedConfirmation(noRollback));
        QVERIFY(!ui::dropsData(noRollback));
        // Nothing to undo is not destructive: a backfill or a validation scan asks for nothing.
        plan::Step fill = noRollback;
        fill.backfill = plan::Backfill{};
        QVERIFY(!ui::needsTypedConfirmation(fill));
        plan::Step validate = noRollback;
        validate.work = plan::Work::Scan;
        QVERIFY(!ui::needsTypedConfirmation(validate));
    }

    void stepModelUnderTester()
    {
        ConfirmationStepModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        RunRequest r = request(EnvironmentTag::Production, {addNullableColumn(), dropUsersTable()});
        r.reviewKnown = true;
        ui::StepApproval alice;
        alice.approved = true;
        alice.approvedBy = QStringLiteral("alice");
        r.approvals.insert(r.steps[0].id, alice);
        model.setRequest(r);
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex add = model.index(0);
        const QModelIndex drop = model.index(1);
        QVERIFY(!add.data(ConfirmationStepModel::NeedsTypingRole).toBool());
        QVERIFY(add.data(ConfirmationStepModel::ConfirmedRole).toBool());
        QCOMPARE(add.data(ConfirmationStepModel::ApprovalRole).toString(),
                 QStringLiteral("approved by alice"));
        QCOMPARE(drop.data(ConfirmationStepModel::ApprovalRole).toString(),
                 QStringLiteral("not approved"));
        QCOMPARE(drop.data(ConfirmationStepModel::ObjectRole).toString(), QStringLiteral("users"));
        QVERIFY(!drop.data(ConfirmationStepModel::ConfirmedRole).toBool());
        QVERIFY(drop.data().toString().contains(QStringLiteral("(type users)")));
        model.setConfirmedObjects({QStringLiteral("users")});
        QVERIFY(drop.data(ConfirmationStepModel::ConfirmedRole).toBool());
        model.setConfirmedObjects({});
        QVERIFY(!drop.data(ConfirmationStepModel::ConfirmedRole).toBool());
        model.setRequest(request(EnvironmentTag::Development, {}));
        QCOMPARE(model.rowCount(), 0);
    }

    void productionDropNeedsObjectAndDatabaseTyped()
    {
        ConfirmationDialog dialog(request(EnvironmentTag::Production, {dropUsersTable()}));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* run = dialog.findChild<QPushButton*>(QStringLiteral("runButton"));
        auto* object = dialog.findChild<QLineEdit*>(QStringLiteral("confirmObject_0"));
        auto* database = dialog.findChild<QLineEdit*>(QStringLiteral("confirmDatabase"));
        QVERIFY(run && object && database);
        QCOMPARE(dialog.requiredTexts(),
                 QStringList({QStringLiteral("users"), QStringLiteral("bellows_prod")}));
        // The labels say what to type and why.
        QStringList labels;
        for (const QLabel* label : dialog.findChildren<QLabel*>())
            labels << label->text();
        QVERIFY(labels.contains(QStringLiteral("Type users to confirm dropping it")));
        QVERIFY(labels.contains(
            QStringLiteral("This is a production database: type bellows_prod to confirm")));
        QVERIFY(!run->isEnabled());

        QTest::keyClicks(object, QStringLiteral("user"));
        QVERIFY(!run->isEnabled());
        QTest::keyClicks(object, QStringLiteral("s"));
        QVERIFY(!run->isEnabled()); // the database name is still missing
        QTest::keyClicks(database, QStringLiteral("bellows_pro"));
        QVERIFY(!run->isEnabled());
        QTest::keyClicks(database, QStringLiteral("d"));
        QVERIFY(run->isEnabled());
        QVERIFY(dialog.canRun());
        // Exactly: a trailing space, or another case, is not the name.
        QTest::keyClicks(object, QStringLiteral(" "));
        QVERIFY(!run->isEnabled());
        QTest::keyClick(object, Qt::Key_Backspace);
        QVERIFY(run->isEnabled());
        object->clear();
        QTest::keyClicks(object, QStringLiteral("USERS"));
        QVERIFY(!run->isEnabled());
        object->clear();
        QTest::keyClicks(object, QStringLiteral("users"));
        QVERIFY(run->isEnabled());
        // Enter in a field never runs: only a click on Run does.
        QTest::keyClick(object, Qt::Key_Return);
        QVERIFY(dialog.isVisible());
        QTest::mouseClick(run, Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void devReversibleStepNeedsNothing()
    {
        ConfirmationDialog dialog(request(EnvironmentTag::Development, {addNullableColumn()}));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.requiredTexts().isEmpty());
        QVERIFY(!dialog.findChild<QLineEdit*>(QStringLiteral("confirmDatabase")));
        QVERIFY(!dialog.findChild<QLineEdit*>(QStringLiteral("confirmObject_0")));
        QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("nothingToType")));
        QVERIFY(dialog.runButton()->isEnabled());
        QTest::mouseClick(dialog.runButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void productionReversibleStepNeedsDatabaseOnly()
    {
        ConfirmationDialog dialog(request(EnvironmentTag::Production, {addNullableColumn()}));
        QCOMPARE(dialog.requiredTexts(), QStringList{QStringLiteral("bellows_prod")});
        QVERIFY(!dialog.runButton()->isEnabled());
        QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("confirmDatabase")),
                         QStringLiteral("bellows_prod"));
        QVERIFY(dialog.runButton()->isEnabled());
    }

    void stagingStepWithoutRollbackNeedsItsObject()
    {
        plan::Step s = addNullableColumn();
        s.rollbackSql.clear();
        ConfirmationDialog dialog(request(EnvironmentTag::Staging, {s, dropUsersTable()}));
        QCOMPARE(dialog.requiredTexts(),
                 QStringList({QStringLiteral("nickname"), QStringLiteral("users")}));
        QCOMPARE(dialog.requirements()[0].label,
                 QStringLiteral("Type nickname to confirm a step that cannot be rolled back"));
        QVERIFY(!dialog.runButton()->isEnabled());
        QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("confirmObject_1")),
                         QStringLiteral("users"));
        QVERIFY(!dialog.runButton()->isEnabled());
        QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("confirmObject_0")),
                         QStringLiteral("nickname"));
        QVERIFY(dialog.runButton()->isEnabled());
        QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void showsSqlLocksRollbackAndReview()
    {
        RunRequest r = request(EnvironmentTag::Production, {addNullableColumn(), dropUsersTable()});
        r.reviewKnown = true;
        ui::StepApproval dba;
        dba.approved = true;
        dba.approvedBy = QStringLiteral("dba@example.com");
        dba.approvedAt = QStringLiteral("2026-11-24");
        r.approvals.insert(r.steps[1].id, dba);
        ui::StepApproval missing;
        missing.detail = QStringLiteral("1 more approval (0 of 1)");
        r.approvals.insert(r.steps[0].id, missing);
        ConfirmationDialog dialog(r);
        // Opens on the step that asks for something.
        QCOMPARE(dialog.currentStep(), 1);
        QCOMPARE(dialog.sqlEditor()->text(), QStringLiteral("DROP TABLE public.users;"));
        QVERIFY(dialog.sqlEditor()->isReadOnly());
        QString details = dialog.detailsText();
        QVERIFY2(details.contains(QStringLiteral("ACCESS EXCLUSIVE on public.users")),
                 qPrintable(details));
        QVERIFY(details.contains(QStringLiteral("Every row of public.users is gone")));
        QVERIFY(details.contains(QStringLiteral("all rows of public.users are deleted")));
        QVERIFY(details.contains(QStringLiteral("approved by dba@example.com on 2026-11-24")));
        // Selecting in the list shows that step.
        dialog.stepList()->setCurrentIndex(dialog.stepModel()->index(0));
        QCOMPARE(dialog.currentStep(), 0);
        QCOMPARE(dialog.sqlEditor()->text(), addNullableColumn().sql);
        details = dialog.detailsText();
        QVERIFY(details.contains(QStringLiteral("available (SQL rollback)")));
        QVERIFY(details.contains(QStringLiteral("not approved: 1 more approval (0 of 1)")));
        // Without review data nothing is said about approval.
        ConfirmationDialog plain(request(EnvironmentTag::Development, {addNullableColumn()}));
        QVERIFY(!plain.detailsText().contains(QStringLiteral("approved")));
    }

    // A backfill step's text is the batch statement the runner sends (exec::backfillStatementText,
    // which the plan reader enforces): the dialog shows exactly it.
    void backfillShowsTheExecutedStatement()
    {
        plan::Step fill;
        fill.id = QStringLiteral("backfill:copy-column:public.users.email");
        fill.phase = plan::Phase::Backfill;
        fill.title = QStringLiteral("Copy email in batches");
        fill.backfill = plan::Backfill{
            QStringLiteral("public"),           QStringLiteral("users"),     {QStringLiteral("id")},
            QStringLiteral("e = lower(email)"), QStringLiteral("e IS NULL"), 500};
        fill.sql = exec::backfillStatementText(*fill.backfill);
        ConfirmationDialog dialog(request(EnvironmentTag::Production, {fill}));
        QCOMPARE(dialog.sqlEditor()->text(), exec::backfillStatementText(*fill.backfill));
        QVERIFY(dialog.sqlEditor()->text().contains(
            QStringLiteral("UPDATE public.users SET e = lower(email)")));
        QVERIFY(dialog.sqlEditor()->isReadOnly());
    }

    void reviewStateFromCoreReview()
    {
        plan::Plan p;
        p.steps = {addNullableColumn(), dropUsersTable()};
        review::ReviewRecord record;
        record.author = {QStringLiteral("Ann"), QStringLiteral("ann@example.com")};
        review::Approval dana;
        dana.id = QStringLiteral("a1");
        dana.scope = review::Scope::Step;
        dana.target = p.steps[1].id;
        dana.steps = {review::ReviewedStep::of(p, p.steps[1])};
        dana.approver = {QStringLiteral("Dana"), QStringLiteral("dana@example.com")};
        dana.role = review::Role::Dba;
        dana.at = QStringLiteral("2026-11-23T16:40:00Z");
        record.approvals = {dana};

        // No policy: the approval is shown, the other step needs none.
        RunRequest r = request(EnvironmentTag::Production, p.steps);
        ui::applyReview(r, review::evaluateReview(p, record));
        QVERIFY(r.reviewKnown);
        QCOMPARE(ConfirmationStepModel::approvalText(r, r.steps[0]),
                 QStringLiteral("no approval required"));
        const QString approved = QStringLiteral("approved by Dana <dana@example.com> (dba) on "
                                                "2026-11-23T16:40:00Z");
        QCOMPARE(ConfirmationStepModel::approvalText(r, r.steps[1]), approved);

        // One approval required everywhere: the first step is not approved, and says why.
        review::Policy policy;
        policy.defaultRequired = 1;
        record.policy = policy;
        ui::applyReview(r, review::evaluateReview(p, record));
        const QString missing = ConfirmationStepModel::approvalText(r, r.steps[0]);
        QVERIFY2(missing.startsWith(QStringLiteral("not approved: ")), qPrintable(missing));
        QCOMPARE(ConfirmationStepModel::approvalText(r, r.steps[1]), approved);
        ConfirmationDialog dialog(r);
        QVERIFY(dialog.detailsText().contains(approved)); // opens on the drop, approved
        dialog.selectStep(0);
        QVERIFY(dialog.detailsText().contains(missing));

        // Edited after the approval: it no longer counts.
        p.steps[1].sql = QStringLiteral("DROP TABLE public.users CASCADE;");
        r.steps = p.steps;
        ui::applyReview(r, review::evaluateReview(p, record));
        QVERIFY(ConfirmationStepModel::approvalText(r, r.steps[1])
                    .startsWith(QStringLiteral("not approved: ")));

        // Neither a policy nor any approval: nothing is said.
        ui::applyReview(r, review::evaluateReview(p, review::ReviewRecord{}));
        QVERIFY(!r.reviewKnown);
        QVERIFY(ConfirmationStepModel::approvalText(r, r.steps[0]).isEmpty());
    }

    void samplePlanContractPhase()
    {
        const plan::Plan p = test::samplePlan();
        std::vector<plan::Step> contract;
        for (const plan::Step* s : p.stepsIn(plan::Phase::Contract))
            contract.push_back(*s);
        QVERIFY(!contract.empty());
        ConfirmationDialog dialog(request(EnvironmentTag::Production, contract));
        QVERIFY(!dialog.runButton()->isEnabled());
        QVERIFY(dialog.requiredTexts().size() >= 2); // a dropped column and the database
        for (const auto& r : dialog.requirements())
            QTest::keyClicks(r.edit, r.text);
        QVERIFY(dialog.runButton()->isEnabled());
    }

    void gatePassesOnlyWithEveryItemTicked()
    {
        const plan::Plan p = test::samplePlan();
        const plan::Gate* gate = p.gatesBefore(plan::Phase::Contract).back();
        QVERIFY(gate);
        GateDialog dialog(*gate, QStringLiteral("db1.example.com:5432"),
                          QStringLiteral("bellows_prod"), EnvironmentTag::Production);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* pass = dialog.findChild<QPushButton*>(QStringLiteral("passButton"));
        auto* stop = dialog.findChild<QPushButton*>(QStringLiteral("stopButton"));
        QVERIFY(pass && stop);
        QVERIFY(stop->isDefault());
        QVERIFY(!pass->isDefault());
        QCOMPARE(dialog.checkBoxes().size(), gate->checklist.size());
        QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("gateInstructions"))
                    ->text()
                    .contains(QStringLiteral("cannot be undone")));
        QVERIFY(!pass->isEnabled());
        for (int i = 0; i < dialog.checkBoxes().size(); ++i) {
            QVERIFY(!pass->isEnabled());
            QCheckBox* item = dialog.findChild<QCheckBox*>(QStringLiteral("gateItem_%1").arg(i));
            QVERIFY(item);
            QTest::mouseClick(item, Qt::LeftButton, {}, QPoint(10, item->height() / 2));
            QVERIFY(item->isChecked());
        }
        QVERIFY(pass->isEnabled());
        QTest::mouseClick(dialog.checkBoxes().first(), Qt::LeftButton, {},
                          QPoint(10, dialog.checkBoxes().first()->height() / 2));
        QVERIFY(!pass->isEnabled());
        // Enter takes the default button: Stop here.
        QTest::keyClick(&dialog, Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void gatePassAccepts()
    {
        plan::Gate gate;
        gate.title = QStringLiteral("Drain the old app");
        // No checklist: one explicit tick is still asked for.
        GateDialog dialog(gate, QStringLiteral("localhost:5432"), QStringLiteral("shop"),
                          EnvironmentTag::Development);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.checkBoxes().size(), 1);
        QVERIFY(!dialog.passButton()->isEnabled());
        QTest::mouseClick(dialog.checkBoxes().first(), Qt::LeftButton, {},
                          QPoint(10, dialog.checkBoxes().first()->height() / 2));
        QVERIFY(dialog.passButton()->isEnabled());
        QTest::mouseClick(dialog.passButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void screenshots()
    {
        if (qEnvironmentVariableIsEmpty("BELLOWS_SCREENSHOT_DIR"))
            QSKIP("set BELLOWS_SCREENSHOT_DIR to write docs/screenshots");
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        const plan::Plan p = test::samplePlan();
        std::vector<plan::Step> contract;
        for (const plan::Step* s : p.stepsIn(plan::Phase::Contract))
            contract.push_back(*s);
        RunRequest r = request(EnvironmentTag::Production, contract);
        r.scope = QStringLiteral("Run phase Contract");
        r.reviewKnown = true;
        for (const plan::Step& s : contract) {
            ui::StepApproval a;
            a.approved = true;
            a.approvedBy = QStringLiteral("Dana Kim <dana@example.com> (dba)");
            a.approvedAt = QStringLiteral("2026-11-23 16:40 UTC");
            r.approvals.insert(s.id, a);
        }
        const auto partiallyTyped = [](ConfirmationDialog& dialog) {
            const auto& reqs = dialog.requirements();
            for (const auto& req : reqs) {
                if (req.kind == ConfirmationDialog::Requirement::Kind::Object)
                    QTest::keyClicks(req.edit, req.text);
                else
                    QTest::keyClicks(req.edit, req.text.left(req.text.size() / 2));
            }
        };
        {
            ConfirmationDialog dialog(r);
            dialog.resize(1100, 760);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            partiallyTyped(dialog);
            QVERIFY(!dialog.runButton()->isEnabled());
            QTest::qWait(100);
            screenshot(dialog, QStringLiteral("confirmation-dialog.png"));
        }
        {
            GateDialog dialog(*p.gatesBefore(plan::Phase::Contract).back(),
                              QStringLiteral("db1.example.com:5432"),
                              QStringLiteral("bellows_prod"), EnvironmentTag::Production);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            dialog.checkBoxes().first()->setChecked(true);
            QTest::qWait(100);
            screenshot(dialog, QStringLiteral("gate-dialog.png"));
        }
        const QPalette light = QApplication::palette();
        QApplication::setPalette(darkPalette());
        {
            ConfirmationDialog dialog(r);
            dialog.resize(1100, 760);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            partiallyTyped(dialog);
            QTest::qWait(100);
            screenshot(dialog, QStringLiteral("confirmation-dialog-dark.png"));
        }
        QApplication::setPalette(light);
    }
};

QTEST_MAIN(TestConfirmationDialog)
#include "test_confirmation_dialog.moc"
