// `bellows --demo` / File → Open Demo: the window opens at once, the demo database is prepared
// and planned off the GUI thread, and the plan shows like an opened plan file. Uses the test
// cluster's PostgreSQL binaries and a temporary BELLOWS_SHADOW_DIR so the user's cache is never
// touched; the demo starts its own private cluster there.

#include "demo/demo_environment.h"
#include "diff_panel.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "plan_model.h"
#include "shadow/shadow_server.h"
#include "test_database.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace bellows;
using bellows::ui::MainWindow;
using bellows::ui::PlanModel;

namespace {

QModelIndex stepAbout(MainWindow& window, const QString& words)
{
    for (const QModelIndex& index : window.planModel()->stepIndexes()) {
        if (index.data(PlanModel::TitleRole).toString().contains(words))
            return index;
    }
    return {};
}

} // namespace

class TestDemoWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_shadow{QStringLiteral("/tmp/bellows-demo-gui-XXXXXX")};
    QTemporaryDir m_config;

    void screenshot(QWidget& window, const QString& name)
    {
        QVERIFY(test::saveScreenshot(window, name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_shadow.isValid() && m_config.isValid());
        QVERIFY(test::isolateServersAndSettings(m_shadow.path(), m_config.path(),
                                                QStringLiteral("test_demo_window")));
    }

    void cleanupTestCase()
    {
        // The demo server, and the shadow server planning started (it would stop on its own
        // after a quiet period, but its directory goes with m_shadow).
        QVERIFY(shadow::ShadowServer::stopAll().ok());
        const Status stopped = demo::stopDemo();
        QVERIFY2(stopped.ok(), stopped.ok() ? "" : qPrintable(stopped.error().toString()));
    }

    void errorsShowInTheBanner()
    {
        // A demo directory that cannot be created: the error shows in the window, inline.
        const QString blocker = m_config.filePath(QStringLiteral("not-a-directory"));
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const QByteArray shadowDir = qgetenv("BELLOWS_SHADOW_DIR");
        qputenv("BELLOWS_SHADOW_DIR", QFile::encodeName(blocker));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.startDemo());
        QTRY_VERIFY_WITH_TIMEOUT(!window.isDemoRunning(), 30000);
        qputenv("BELLOWS_SHADOW_DIR", shadowDir);
        QVERIFY2(window.bannerText().contains(QStringLiteral("The demo could not start")),
                 qPrintable(window.bannerText()));
        QVERIFY(window.planModel()->isEmpty());
        QVERIFY(window.stateText().startsWith(QStringLiteral("No database yet")));
        screenshot(window, QStringLiteral("demo-error.png"));
    }

    void cancelStopsWaiting()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.startDemo());
        QVERIFY(window.isDemoRunning());
        auto* cancel = window.findChild<QPushButton*>(QStringLiteral("cancelButton"));
        QVERIFY(cancel && cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(!window.isDemoRunning());
        QVERIFY(!cancel->isVisible());
        QVERIFY(window.bannerText().isEmpty());
        QVERIFY(window.planModel()->isEmpty());
        // Whatever the cancelled preparation still reports is dropped.
        QTest::qWait(500);
        QVERIFY(window.planModel()->isEmpty());
    }

    void openDemoShowsThePlan()
    {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        MainWindow window;
        window.resize(1440, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* action = window.findChild<QAction*>(QStringLiteral("openDemoAction"));
        QVERIFY(action);
        QVERIFY(action->isEnabled());
        action->trigger();
        QVERIFY(window.isDemoRunning());
        QVERIFY(!action->isEnabled());

        // The window stays responsive and says what is going on.
        QTRY_VERIFY(!window.progressText().isEmpty());
        QVERIFY(window.findChild<QPushButton*>(QStringLiteral("cancelButton"))->isVisible());
        QTest::qWait(50);
        screenshot(window, QStringLiteral("demo-progress.png"));
        QStringList seen;
        QTRY_VERIFY_WITH_TIMEOUT((seen.append(window.progressText()), !window.isDemoRunning()),
                                 120000);
        // The diff suspects full_name → display_name: offered in the banner, not assumed.
        QVERIFY2(window.bannerText().contains(QStringLiteral("rename")),
                 qPrintable(window.bannerText()));
        QCOMPARE(window.planModel()->plan().renames.size(), size_t(0));
        window.diffPanel()->findChild<QPushButton*>(QStringLiteral("acceptRename"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            !window.isPlanning() && window.planModel()->plan().renames.size() == 1, 120000);
        QVERIFY2(window.bannerText().isEmpty(), qPrintable(window.bannerText()));

        const plan::Plan& p = window.planModel()->plan();
        QVERIFY2(window.planModel()->stepIndexes().size() > 20,
                 qPrintable(QString::number(window.planModel()->stepIndexes().size())));
        QCOMPARE(p.gates.size(), size_t(2));
        QVERIFY2(window.windowTitle().startsWith(QStringLiteral("Demo (")),
                 qPrintable(window.windowTitle()));
        QVERIFY(window.windowTitle().contains(QStringLiteral("bellows_demo")));
        QVERIFY(window.planPath().isEmpty());
        QVERIFY(window.stepList()->isVisible());
        const QModelIndex renamed = stepAbout(window, QStringLiteral("display_name"));
        QVERIFY(renamed.isValid());

        seen.removeDuplicates();
        qInfo("progress shown: %s", qPrintable(seen.join(QStringLiteral(" | "))));
        window.selectionModel()->setCurrentIndex(renamed, QItemSelectionModel::ClearAndSelect |
                                                              QItemSelectionModel::Rows);
        QTest::qWait(100);
        screenshot(window, QStringLiteral("demo-plan.png"));
    }
};

QTEST_MAIN(TestDemoWindow)
#include "test_demo_window.moc"
