// The live run panel during a lock wait, on a real server: a session sits idle in a transaction
// holding ACCESS SHARE on a table; the window runs a step that needs ACCESS EXCLUSIVE on it. The
// panel shows the runner waiting and the blocker (pid, application, state, the query's gist);
// Terminate behind its confirmation ends the blocker, and the step then completes.

#include "confirmation_dialog.h"
#include "demo_driver.h"
#include "gui_test_support.h"
#include "planning_session.h"
#include "run_panel.h"
#include "runner_harness.h"
#include "test_database.h"

#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QStandardItemModel>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>

using namespace bellows;
using namespace bellows::test;

namespace {

// ADD COLUMN c to public.t: ACCESS EXCLUSIVE for a catalog update, with its rollback.
plan::Step addColumnStep()
{
    plan::Step add = sqlStep(QStringLiteral("expand:add-column:public.t.c"),
                             QStringLiteral("ALTER TABLE public.t ADD COLUMN c int"),
                             plan::Phase::Expand, QStringLiteral("public.t"));
    add.title = QStringLiteral("Add column public.t.c");
    add.rollbackSql = QStringLiteral("ALTER TABLE public.t DROP COLUMN c");
    return add;
}

// Run Step on the first step; the confirmation dialog once the forecast has opened it.
ui::ConfirmationDialog* confirmationOfFirstStep(ui::MainWindow& window)
{
    test::select(window, window.planModel()->stepIndexes().first());
    window.findChild<QAction*>(QStringLiteral("runStepAction"))->trigger();
    ui::ConfirmationDialog* confirm = nullptr;
    [&] {
        QTRY_VERIFY_WITH_TIMEOUT((confirm = qobject_cast<ui::ConfirmationDialog*>(
                                      window.runs()->activeDialog())) != nullptr,
                                 30000);
    }();
    return confirm;
}

} // namespace

class TestRunPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion"))); }

    void blockerIsShownAndCanBeTerminated()
    {
        TestDatabase db(QStringLiteral("run_panel"));
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE t (id int PRIMARY KEY)")).isEmpty());
        pq::ConnectOptions holderOptions;
        holderOptions.applicationName = QStringLiteral("report job");
        auto holder = pq::Connection::open(db.conninfo(), holderOptions);
        QVERIFY(holder);
        const QString holderPid = scalar(**holder, QStringLiteral("SELECT pg_backend_pid()"));
        QVERIFY((*holder)->exec(QStringLiteral("BEGIN")));
        QVERIFY((*holder)->exec(QStringLiteral("SELECT count(*) FROM public.t WHERE id > 0")));

        plan::Step add = addColumnStep();
        add.lockTimeoutMs = 1000;
        QTemporaryDir dir;
        const QString path = savedPlan(dir, handPlan({add}, QStringLiteral("run-panel")));

        ui::MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setConnection(
            {QStringLiteral("test"), db.conninfo(), QString(), ui::EnvironmentTag::Development});
        QVERIFY(window.openPlan(path));
        ui::ConfirmationDialog* confirm = confirmationOfFirstStep(window);
        QVERIFY(confirm);
        QVERIFY(test::confirmRun(confirm));

        // The panel names the blocker while the runner waits (it retries after each timeout).
        ui::RunPanel* panel = window.runPanel();
        QTRY_VERIFY(panel->isVisible());
        auto* blockers = qobject_cast<QStandardItemModel*>(panel->blockerView()->model());
        QTRY_VERIFY_WITH_TIMEOUT(blockers->rowCount() == 1, 20000);
        QCOMPARE(blockers->index(0, 0).data().toString(), holderPid);
        QCOMPARE(blockers->index(0, 1).data().toString(), QStringLiteral("report job"));
        QCOMPARE(blockers->index(0, 4).data().toString(), QStringLiteral("idle in transaction"));
        // Its query as a gist: the command and the relation, never the literal.
        QCOMPARE(blockers->index(0, 6).data().toString(), QStringLiteral("SELECT public.t"));
        QVERIFY2(panel->waitText().contains(QStringLiteral("for a lock")),
                 qPrintable(panel->waitText()));
        // The step waits, it does not run: the timeline says so.
        QTRY_COMPARE(window.planModel()->runState(add.id), ui::RunState::Waiting);
        QVERIFY(test::saveScreenshot(window, QStringLiteral("run-panel-lock-wait.png")));

        // Terminate, confirmed: the blocker's session ends, the step goes through.
        QTest::mouseClick(panel->terminateButton(), Qt::LeftButton);
        auto* box = qobject_cast<QMessageBox*>(panel->pendingConfirmation());
        QVERIFY(box);
        QAbstractButton* terminate = nullptr;
        for (QAbstractButton* b : box->buttons())
            if (b->text() == QStringLiteral("Terminate"))
                terminate = b;
        QVERIFY(terminate);
        QTest::mouseClick(terminate, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!window.runs()->isRunning(), 60000);
        QCOMPARE(window.planModel()->runState(add.id), ui::RunState::Done);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = ") +
                                holderPid),
                 QStringLiteral("0"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM information_schema.columns "
                                           "WHERE table_name = 't' AND column_name = 'c'")),
                 QStringLiteral("1"));
    }

    // What runs is what was confirmed: switching the connection while the dialog is open
    // makes Run refuse (nothing runs anywhere) instead of running on the new database.
    void connectionChangedWhileConfirmingRunsNothing()
    {
        TestDatabase first(QStringLiteral("confirm_first"));
        TestDatabase second(QStringLiteral("confirm_second"));
        for (TestDatabase* db : {&first, &second})
            QVERIFY(db->exec(QStringLiteral("CREATE TABLE t (id int PRIMARY KEY)")).isEmpty());
        plan::Step add = addColumnStep();
        QTemporaryDir dir;
        const QString path = savedPlan(dir, handPlan({add}, QStringLiteral("confirm-switch")));
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setConnection({QStringLiteral("first"), first.conninfo(), QString(),
                              ui::EnvironmentTag::Development});
        QVERIFY(window.openPlan(path));
        ui::ConfirmationDialog* confirm = confirmationOfFirstStep(window);
        QVERIFY(confirm);
        window.setConnection({QStringLiteral("second"), second.conninfo(), QString(),
                              ui::EnvironmentTag::Production});
        QVERIFY(test::confirmRun(confirm));
        QTRY_VERIFY(window.runs()->activeDialog() == nullptr);
        QVERIFY(!window.runs()->isRunning());
        QVERIFY2(window.runs()->statusText().contains(QStringLiteral("nothing ran")),
                 qPrintable(window.runs()->statusText()));
        const QString columns = QStringLiteral("SELECT count(*) FROM information_schema.columns "
                                               "WHERE table_name = 't' AND column_name = 'c'");
        QCOMPARE(scalar(first, columns), QStringLiteral("0"));
        QCOMPARE(scalar(second, columns), QStringLiteral("0"));
    }
};

QTEST_MAIN(TestRunPanel)
#include "test_run_panel.moc"
