// The first must-show, through the window with QTest: open the demo; check the diff
// tree; accept the rename the diff proposes (the window re-plans); select steps on the
// timeline and check the inspector; edit a step to a plain CREATE INDEX and see the hazard;
// run the expand phase through the confirmation dialog; start the backfill,
// cancel it half-way and resume it; check the database after each. Every model runs under
// QAbstractItemModelTester. The demo runs on its own private PostgreSQL (test cluster binaries,
// a temporary BELLOWS_SHADOW_DIR).

#include "demo/demo_environment.h"
#include "demo_driver.h"
#include "diff_filter_model.h"
#include "diff_tree_model.h"
#include "gui_test_support.h"
#include "lint_finding_model.h"
#include "planning_session.h"
#include "pq/connection.h"
#include "qsci.h"
#include "shadow/shadow_server.h"
#include "sql_editor.h"
#include "step_inspector.h"
#include "test_database.h"
#include "timeline_view.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTimer>

using namespace bellows;
using ui::MainWindow;
using ui::PlanModel;
using ui::RunState;

namespace {

qint64 scalar(const QString& conninfo, const QString& sql)
{
    return test::scalarOn(conninfo, sql);
}

bool allDone(MainWindow& window, plan::Phase phase)
{
    for (const plan::Step* step : window.planModel()->plan().stepsIn(phase)) {
        if (window.planModel()->runState(step->id) != RunState::Done)
            return false;
    }
    return true;
}

} // namespace

class TestDemoRun : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_shadow{QStringLiteral("/tmp/bellows-demo-run-XXXXXX")};
    QTemporaryDir m_config;

    void screenshot(QWidget& widget, const QString& name)
    {
        QVERIFY(test::saveScreenshot(widget, name));
    }

    // Waits for the dialog the run controller opens next.
    template <typename Dialog> Dialog* nextDialog(MainWindow& window)
    {
        Dialog* dialog = nullptr;
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT(
                (dialog = qobject_cast<Dialog*>(window.runs()->activeDialog())) != nullptr, 30000);
        }();
        return dialog;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_shadow.isValid() && m_config.isValid());
        QVERIFY(test::isolateServersAndSettings(m_shadow.path(), m_config.path(),
                                                QStringLiteral("test_demo_run")));
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    }

    void cleanupTestCase()
    {
        QVERIFY(shadow::ShadowServer::stopAll().ok());
        const Status stopped = demo::stopDemo();
        QVERIFY2(stopped.ok(), stopped.ok() ? "" : qPrintable(stopped.error().toString()));
    }

    void demoFromDiffToBackfill()
    {
        MainWindow window;
        window.resize(1440, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAbstractItemModelTester planTester(window.planModel());
        QAbstractItemModelTester diffTester(window.diffPanel()->model());
        QAbstractItemModelTester filterTester(window.diffPanel()->filterModel());

        // 1. Open the demo: a plan and a diff, and the rename offered, not assumed.
        QVERIFY(window.startDemo());
        QTRY_VERIFY_WITH_TIMEOUT(!window.isDemoRunning() && !window.isPlanning(), 180000);
        QVERIFY2(!window.planModel()->isEmpty(), qPrintable(window.bannerText()));
        QCOMPARE(window.planModel()->plan().renames.size(), size_t(0));
        // The first step is selected and shown (the live catalog arriving must not clear it).
        QVERIFY(!window.inspector()->stepId().isEmpty());
        QCOMPARE(window.inspector()->stepId(),
                 window.selectionModel()->currentIndex().data(PlanModel::IdRole).toString());
        ui::DiffTreeModel* diff = window.diffPanel()->model();
        const QModelIndex users = diff->indexForKey(QStringLiteral("table:public.users"));
        QVERIFY(users.isValid());
        QCOMPARE(diff->entry(users)->status, diff::ObjectStatus::Different);
        const QModelIndex products = diff->indexForKey(QStringLiteral("table:public.products"));
        QVERIFY(products.isValid());
        QVERIFY(diff->entry(products)->status == diff::ObjectStatus::Identical ||
                diff->entry(products)->status == diff::ObjectStatus::Different);
        QVERIFY(diff->counts(diff::ObjectKind::Table).different >= 2); // users, orders
        const QStringList pending = window.diffPanel()->pendingRenames();
        QCOMPARE(pending.size(), 1);
        QVERIFY(pending.first().contains(QStringLiteral("full_name")));
        QVERIFY2(window.bannerText().contains(QStringLiteral("rename")),
                 qPrintable(window.bannerText()));
        // Without the rename, the plan would drop full_name with its data.
        QVERIFY(test::stepWhere(window, [](const plan::Step& s) {
                    return s.hasHazard(plan::HazardKind::DataLoss) &&
                           s.sql.contains(QStringLiteral("full_name"));
                }).isValid());

        // Completion in the SQL editor knows the live catalog, not only what the plan touches.
        const QStringList words = window.inspector()->sqlEditor()->completionWords();
        QVERIFY(words.contains(QStringLiteral("products")));
        QVERIFY(words.contains(QStringLiteral("products.sku")));
        QVERIFY(words.contains(QStringLiteral("users.email")));

        // 2. Accept it in the diff panel: the window re-plans with the rename.
        window.tabs()->setCurrentWidget(window.diffPanel());
        auto* accept = window.diffPanel()->findChild<QPushButton*>(QStringLiteral("acceptRename"));
        QVERIFY(accept && accept->isVisible());
        QTest::mouseClick(accept, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            !window.isPlanning() && window.planModel()->plan().renames.size() == 1, 120000);
        QCOMPARE(window.session()->acceptedRenames(), pending);
        QVERIFY(window.diffPanel()->pendingRenames().isEmpty());
        // Now the old column's data is copied into the new one before the old one goes.
        QVERIFY(test::stepWhere(window, [](const plan::Step& s) {
                    return s.backfill &&
                           s.backfill->setClause.contains(QStringLiteral("full_name"));
                }).isValid());
        window.tabs()->setCurrentIndex(0);

        // 3. Select steps on the timeline with the keyboard; the inspector follows.
        window.timeline()->setFocus();
        const QModelIndex first = window.planModel()->stepIndexes().first();
        test::select(window, first);
        QTest::keyClick(window.timeline(), Qt::Key_Right);
        const QModelIndex second = window.selectionModel()->currentIndex().siblingAtColumn(0);
        QVERIFY(second.isValid() && second != first);
        QCOMPARE(window.inspector()->stepId(), second.data(PlanModel::IdRole).toString());
        auto* title = window.inspector()->findChild<QLabel*>(QStringLiteral("stepTitle"));
        QVERIFY(title && title->text().contains(
                             window.planModel()->stepAt(second)->title.left(20).toHtmlEscaped()));
        QCOMPARE(window.inspector()->sqlEditor()->text(), window.planModel()->stepAt(second)->sql);

        // 4. Edit an index build to a plain CREATE INDEX: the lint's hazard appears and the
        //    step's risk goes up; reverting restores both.
        const QModelIndex build = test::stepWhere(window, [](const plan::Step& s) {
            return s.sql.contains(QStringLiteral("CREATE INDEX CONCURRENTLY"));
        });
        QVERIFY(build.isValid());
        test::select(window, build);
        const int riskBefore = build.data(PlanModel::RiskRole).toInt();
        const QString original = window.planModel()->stepAt(build)->sql;
        QString plain = original;
        plain.replace(QStringLiteral("CREATE INDEX CONCURRENTLY"), QStringLiteral("CREATE INDEX"));
        window.inspector()->sqlEditor()->scintilla()->selectAll();
        window.inspector()->sqlEditor()->scintilla()->replaceSelectedText(plain);
        window.inspector()->lintNow();
        bool hazard = false;
        for (const lint::Finding& f : window.inspector()->findingModel()->findings())
            hazard = hazard || f.rule == QLatin1String("create-index-not-concurrently");
        QVERIFY(hazard);
        QVERIFY(build.data(PlanModel::EditedRole).toBool());
        QCOMPARE(build.data(PlanModel::RiskRole).toInt(), int(ui::Risk::High));
        QVERIFY(riskBefore < int(ui::Risk::High));
        auto* subtitle = window.inspector()->findChild<QLabel*>(QStringLiteral("stepSubtitle"));
        QVERIFY2(subtitle->text().contains(QStringLiteral("high risk")),
                 qPrintable(subtitle->text()));
        screenshot(window, QStringLiteral("edited-step.png"));
        window.inspector()->revert();
        QCOMPARE(window.planModel()->stepAt(build)->sql, original);
        QCOMPARE(build.data(PlanModel::RiskRole).toInt(), riskBefore);

        // 5. Run the expand phase through the confirmation dialog.
        const QString conninfo = window.session()->effectiveConninfo();
        QCOMPARE(scalar(conninfo, QStringLiteral("SELECT count(*) FROM information_schema.columns "
                                                 "WHERE table_name = 'users' AND column_name = "
                                                 "'display_name'")),
                 0);
        test::select(window, test::stepWhere(window, [](const plan::Step& s) {
                         return s.phase == plan::Phase::Expand;
                     }));
        auto* runPhase = window.findChild<QAction*>(QStringLiteral("runPhaseAction"));
        QVERIFY(runPhase->isEnabled());
        runPhase->trigger();
        auto* confirm = nextDialog<ui::ConfirmationDialog>(window);
        QVERIFY(confirm);
        QVERIFY(QTest::qWaitForWindowExposed(confirm));
        // Where it runs: the database a production run would ask to type (the demo's server
        // is a Unix socket directory, slashes and all).
        QCOMPARE(confirm->request().database, QStringLiteral("bellows_demo"));
        QVERIFY2(confirm->request().server.startsWith(m_shadow.path()),
                 qPrintable(confirm->request().server));
        // Exactly the expand steps, with the SQL that will be sent.
        const auto expand = window.planModel()->plan().stepsIn(plan::Phase::Expand);
        QCOMPARE(confirm->request().steps.size(), expand.size());
        QCOMPARE(confirm->sqlEditor()->text(), expand.front()->sql);
        screenshot(*confirm, QStringLiteral("demo-confirmation.png"));
        QVERIFY(test::confirmRun(confirm));
        QTRY_VERIFY_WITH_TIMEOUT(
            !window.runs()->isRunning() && allDone(window, plan::Phase::Expand), 120000);
        QCOMPARE(scalar(conninfo, QStringLiteral("SELECT count(*) FROM information_schema.columns "
                                                 "WHERE table_name = 'users' AND column_name = "
                                                 "'display_name'")),
                 1);
        // The sync trigger fills display_name for new writes; old rows wait for the backfill.
        const qint64 pendingRows = scalar(
            conninfo, QStringLiteral("SELECT count(*) FROM users WHERE display_name IS NULL"));
        QVERIFY2(pendingRows > 50000, qPrintable(QString::number(pendingRows)));

        // 6. The backfill, slowed down so it can be cancelled half-way. No gate before it: the
        // app switches its reads only after backfill, verify and the index copies (safety.md).
        exec::BackfillTuning slow;
        slow.maxBatchRows = 2000;
        slow.pauseMs = 150;
        window.runs()->setTuning(slow);
        test::select(window, test::stepWhere(window, [](const plan::Step& s) {
                         return s.phase == plan::Phase::Backfill;
                     }));
        runPhase->trigger();
        QVERIFY(test::confirmRun(nextDialog<ui::ConfirmationDialog>(window)));
        // Running, with progress on the timeline and in the status bar.
        QString running;
        QTRY_VERIFY_WITH_TIMEOUT(
            !(running = test::stepWhere(window,
                                        [&](const plan::Step& s) {
                                            return window.planModel()->runState(s.id) ==
                                                       RunState::Running &&
                                                   window.planModel()
                                                           ->indexOfStep(s.id)
                                                           .data(PlanModel::RunFractionRole)
                                                           .toDouble() > 0.05;
                                        })
                            .data(PlanModel::IdRole)
                            .toString())
                 .isEmpty(),
            60000);
        QVERIFY(window.progressText().contains(QStringLiteral("rows")));
        auto* pause = window.findChild<QPushButton*>(QStringLiteral("pauseButton"));
        QVERIFY(pause && pause->isVisible());
        screenshot(window, QStringLiteral("demo-backfill.png"));
        auto* cancel = window.findChild<QPushButton*>(QStringLiteral("cancelButton"));
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!window.runs()->isRunning(), 30000);
        QCOMPARE(window.planModel()->runState(running), RunState::Cancelled);
        QVERIFY2(window.bannerText().contains(QStringLiteral("cancelled")),
                 qPrintable(window.bannerText()));
        // The cancelled backfill stopped part-way: some rows done, some still pending.
        const plan::Backfill& cancelled = *window.planModel()->plan().step(running)->backfill;
        const QString table = cancelled.schema + QLatin1Char('.') + cancelled.table;
        const qint64 total = scalar(conninfo, QStringLiteral("SELECT count(*) FROM ") + table);
        const qint64 afterCancel =
            scalar(conninfo, QStringLiteral("SELECT count(*) FROM %1 WHERE %2")
                                 .arg(table, cancelled.pendingPredicate));
        QVERIFY2(afterCancel > 0 && afterCancel < total,
                 qPrintable(QStringLiteral("%1 pending of %2").arg(afterCancel).arg(total)));

        // 7. Resume: the same scope continues after the last committed batch.
        window.runs()->setTuning({});
        runPhase->trigger();
        QVERIFY(test::confirmRun(nextDialog<ui::ConfirmationDialog>(window)));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                if (auto* g = qobject_cast<ui::GateDialog*>(window.runs()->activeDialog()))
                    test::passGate(g); // asked again only if the ledger lacks the pass
                return !window.runs()->isRunning() && allDone(window, plan::Phase::Backfill);
            }(),
            120000);
        QCOMPARE(scalar(conninfo, QStringLiteral("SELECT count(*) FROM users WHERE display_name IS "
                                                 "DISTINCT FROM full_name")),
                 0);
        QCOMPARE(scalar(conninfo, QStringLiteral("SELECT count(*) FROM %1 WHERE %2")
                                      .arg(table, cancelled.pendingPredicate)),
                 0);
        QCOMPARE(scalar(conninfo, QStringLiteral("SELECT count(*) FROM bellows.ledger_steps "
                                                 "WHERE status = 'done'")) > 0,
                 true);
        screenshot(window, QStringLiteral("demo-after-backfill.png"));
    }
};

QTEST_MAIN(TestDemoRun)
#include "test_demo_run.moc"
