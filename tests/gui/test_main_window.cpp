#include "main_window.h"

#include "common/version.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QMenuBar>
#include <QPointer>
#include <QTest>

using bellows::ui::MainWindow;

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void opensWithVersionAndEmptyState()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.windowTitle().contains(QLatin1String(BELLOWS_VERSION)));
        QVERIFY(window.stateText().startsWith(QStringLiteral("No database yet")));
        auto* label = window.findChild<QLabel*>(QStringLiteral("stateLabel"));
        QVERIFY(label && label->isVisible());

        const QString shots = qEnvironmentVariable("BELLOWS_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            QDir().mkpath(shots);
            QVERIFY(window.grab().save(shots + QStringLiteral("/main-window-empty.png")));
        }
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
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
