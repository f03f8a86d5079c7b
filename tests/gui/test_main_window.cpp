#include "gui_test_support.h"
#include "main_window.h"
#include "step_search.h"

#include "code_editor.h"
#include "common/version.h"
#include "plan/plan_file.h"
#include "plan_model.h"
#include "qsci.h"
#include "sample_plan.h"
#include "sql_editor.h"
#include "step_inspector.h"
#include "timeline_view.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPointer>
#include <QScreen>
#include <QSettings>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace bellows;
using bellows::ui::MainWindow;
using bellows::ui::PlanModel;

namespace {

using test::darkPalette;

// Selects the step whose title says `words` (the first step when none does).
QModelIndex selectStep(MainWindow& window, const QString& words)
{
    const QList<QModelIndex> steps = window.planModel()->stepIndexes();
    QModelIndex chosen = steps.first();
    for (const QModelIndex& index : steps) {
        if (index.data(PlanModel::TitleRole).toString().contains(words)) {
            chosen = index;
            break;
        }
    }
    window.selectionModel()->setCurrentIndex(chosen, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    return chosen;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString writeSamplePlan(const QString& name, plan::Plan plan = test::samplePlan())
    {
        const QString path = m_dir.filePath(name);
        const Status saved = plan::savePlan(plan, path);
        if (!saved)
            qFatal("%s", qPrintable(saved.error().message));
        return path;
    }

    void screenshot(QWidget& window, const QString& name)
    {
        QVERIFY(test::saveScreenshot(window, name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Recent files and window layout go to a throw-away settings file.
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
        QCoreApplication::setOrganizationName(QStringLiteral("BellowsTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_main_window"));
    }

    void opensWithVersionAndEmptyState()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.windowTitle().contains(QLatin1String(BELLOWS_VERSION)));
        QVERIFY(window.stateText().startsWith(QStringLiteral("No database yet")));
        auto* label = window.findChild<QLabel*>(QStringLiteral("stateLabel"));
        QVERIFY(label && label->isVisible());
        auto* hint = window.findChild<QLabel*>(QStringLiteral("openHint"));
        QVERIFY(hint && hint->isVisible() && hint->text().contains(QStringLiteral("Open Plan")));
        screenshot(window, QStringLiteral("main-window-empty.png"));
    }

    void closesCleanly()
    {
        auto* window = new MainWindow;
        window->setAttribute(Qt::WA_DeleteOnClose);
        QPointer<MainWindow> guard(window);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY(window->close());
        QTRY_VERIFY(guard.isNull());
    }

    void openingAPlanShowsItsSteps()
    {
        const QString path = writeSamplePlan(QStringLiteral("shop.json"));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openPlan(path));
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("shop.json")));
        QVERIFY(window.timeline()->isVisible());
        QVERIFY(window.stepList()->isVisible());
        QVERIFY(window.bannerText().isEmpty());
        const plan::Plan expected = test::samplePlan();
        QCOMPARE(size_t(window.planModel()->stepIndexes().size()), expected.steps.size());
        for (const QModelIndex& index : window.planModel()->stepIndexes())
            QVERIFY(window.timeline()->stepRect(index).isValid());
        // The first step is selected and shown everywhere.
        const QModelIndex current = window.selectionModel()->currentIndex();
        QCOMPARE(current, window.planModel()->stepIndexes().first());
        QCOMPARE(window.inspector()->stepId(), expected.steps.front().id);
        QCOMPARE(window.stepList()->currentIndex(), current);
        QSettings settings;
        QVERIFY(settings.value(QStringLiteral("plans/recent"))
                    .toStringList()
                    .contains(QFileInfo(path).absoluteFilePath()));
    }

    // Ctrl+F finds steps by title, SQL or locked relation; Enter walks the matches and the
    // selection (timeline, list, inspector) follows.
    void findStepWalksTheMatches()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openPlan(writeSamplePlan(QStringLiteral("find.json"))));
        const plan::Plan& p = window.planModel()->plan();
        const QString word = p.steps.back().locks.empty() ? p.steps.back().id
                                                          : p.steps.back().locks.front().relation;
        const QStringList expected = ui::findSteps(p, word);
        QVERIFY(!expected.isEmpty());
        QVERIFY(ui::findSteps(p, QStringLiteral("no such thing anywhere")).isEmpty());
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(window.stepSearch()->field()->hasFocus());
        QTest::keyClicks(window.stepSearch()->field(), word.toUpper()); // case-insensitive
        QCOMPARE(window.inspector()->stepId(), expected.first());
        QCOMPARE(window.stepSearch()->resultText(), QStringLiteral("1 of %1").arg(expected.size()));
        QTest::keyClick(window.stepSearch()->field(), Qt::Key_Return);
        QCOMPARE(window.inspector()->stepId(), expected.value(1, expected.first()));
        QVERIFY(window.stepSearch()->field()->hasFocus()); // Enter never reaches the SQL
        QCOMPARE(window.inspector()->sqlEditor()->text(),
                 window.planModel()->plan().step(window.inspector()->stepId())->sql);
        QVERIFY(!window.planModel()->isModified());
        // In the SQL editor, Ctrl+F finds text there instead (one Ctrl+F per window).
        window.inspector()->sqlEditor()->scintilla()->setFocus();
        const QString stepBefore = window.inspector()->stepId();
        QTest::keyClick(window.inspector()->sqlEditor()->scintilla(), Qt::Key_F,
                        Qt::ControlModifier);
        QVERIFY(!window.stepSearch()->field()->hasFocus());
        QCOMPARE(window.inspector()->stepId(), stepBefore);
        QVERIFY(!window.inspector()->sqlEditor()->findBar()->isHidden()); // its tab may be behind
    }

    // Docks never widen the window: Review Mode and the log at 1280 px keep 1280 px; the
    // window's minimum fits a 1280×800 screen at 1.5× scaling (853×533 logical pixels); a new
    // window fits its screen.
    void docksNeverWidenTheWindow()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openPlan(writeSamplePlan(QStringLiteral("docks.json"))));
        const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
        QVERIFY2(
            minimum.width() <= 1280 / 1.5 + 1 && minimum.height() <= 800 / 1.5 + 1,
            qPrintable(QStringLiteral("minimum %1×%2").arg(minimum.width()).arg(minimum.height())));
        window.findChild<QDockWidget*>(QStringLiteral("reviewDock"))->toggleViewAction()->trigger();
        QTRY_VERIFY(window.findChild<QDockWidget*>(QStringLiteral("reviewDock"))->isVisible());
        QApplication::processEvents();
        QCOMPARE(window.width(), 1280);
        QVERIFY(window.minimumSizeHint().width() <= 1280);
        window.findChild<QDockWidget*>(QStringLiteral("logDock"))->show();
        QApplication::processEvents();
        QCOMPARE(window.width(), 1280);
        // A new window never starts larger than the screen it opens on.
        MainWindow fresh;
        const QSize screen = fresh.screen()->availableGeometry().size();
        QVERIFY(fresh.width() <= screen.width() && fresh.height() <= screen.height());
    }

    void openingABadFileSaysWhy()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"formatVersion\": 99}");
        file.close();
        MainWindow window;
        QVERIFY(!window.openPlan(path));
        QVERIFY(window.stateText().contains(QStringLiteral("broken.json")));
    }

    void blockingFindingsShowABanner()
    {
        plan::Plan p = test::samplePlan();
        plan::Finding f;
        f.severity = plan::Finding::Severity::Blocking;
        f.object = QStringLiteral("public.orders.note");
        f.title = QStringLiteral("Column public.orders.note has NULLs and no fill");
        f.reason = QStringLiteral("SET NOT NULL would fail on existing rows.");
        p.findings.push_back(f);
        MainWindow window;
        window.show();
        QVERIFY(window.openPlan(writeSamplePlan(QStringLiteral("blocking.json"), p)));
        QVERIFY(window.bannerText().contains(QStringLiteral("1 blocking finding")));
        QVERIFY(window.bannerText().contains(QStringLiteral("has NULLs and no fill")));

        // A switch to dark mode restyles the banner from the new palette (this once recursed
        // without end: a style sheet changes the palette, which restyled the banner again).
        auto* banner = window.findChild<QLabel*>(QStringLiteral("banner"));
        const QString light = banner->styleSheet();
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        window.setPalette(dark);
        QVERIFY2(banner->styleSheet() != light, qPrintable(light));
        QVERIFY(banner->styleSheet().contains(QStringLiteral("#eeeeee")));
    }

    void saveKeepsTheEdit()
    {
        const QString path = writeSamplePlan(QStringLiteral("edit.json"));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openPlan(path));
        const QModelIndex index = selectStep(window, QStringLiteral("index"));
        const QString id = index.data(PlanModel::IdRole).toString();
        const QString original = window.planModel()->stepAt(index)->sql;
        const QString edited = QStringLiteral("-- reviewed by the DBA\n") + original;
        QsciScintilla* editor = window.inspector()->sqlEditor()->scintilla();
        editor->selectAll();
        editor->replaceSelectedText(edited);
        QVERIFY(window.isWindowModified());
        QVERIFY(window.savePlan());
        QVERIFY(!window.isWindowModified());

        const Result<plan::Plan> reloaded = plan::loadPlan(path);
        QVERIFY(reloaded.ok());
        const plan::Step* step = reloaded->step(id);
        QVERIFY(step);
        QCOMPARE(step->sql, edited);
        QCOMPARE(step->originalSql, original);

        // Opening it again shows the step as edited.
        MainWindow again;
        QVERIFY(again.openPlan(path));
        QVERIFY(again.planModel()->indexOfStep(id).data(PlanModel::EditedRole).toBool());
    }

    void screenshots()
    {
        if (qEnvironmentVariableIsEmpty("BELLOWS_SCREENSHOT_DIR"))
            QSKIP("set BELLOWS_SCREENSHOT_DIR to write docs/screenshots");
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        const QString path = writeSamplePlan(QStringLiteral("shop-screens.json"));
        {
            MainWindow window;
            window.resize(1440, 900);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.openPlan(path));
            selectStep(window, QStringLiteral("Copy public.users"));
            QTest::qWait(100);
            screenshot(window, QStringLiteral("plan-timeline.png"));
        }
        const QPalette light = QApplication::palette();
        QApplication::setPalette(darkPalette());
        {
            MainWindow window;
            window.resize(1440, 900);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.openPlan(path));
            const QModelIndex index = selectStep(window, QStringLiteral("index"));
            QsciScintilla* editor = window.inspector()->sqlEditor()->scintilla();
            editor->selectAll();
            editor->replaceSelectedText(
                QStringLiteral("-- edited: build it the simple way\nCREATE INDEX "
                               "orders_created_at_idx ON public.orders (created_at);"));
            window.inspector()->lintNow();
            window.findChild<QTabWidget*>(QStringLiteral("inspectorTabs"))->setCurrentIndex(1);
            Q_UNUSED(index);
            QTest::qWait(100);
            screenshot(window, QStringLiteral("plan-timeline-dark.png"));
            window.planModel()->setModified(false);
        }
        QApplication::setPalette(light);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
