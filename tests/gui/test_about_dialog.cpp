// The About dialog: shows the version from common/version.h, the libpq version PQlibVersion()
// reports, the paths in use, and the compiled-in application icon.

#include "about_dialog.h"

#include "common/version.h"

#include <libpq-fe.h>

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStyleFactory>
#include <QTest>

using bellows::ui::AboutDialog;

class TestAboutDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Paths in the dialog (and the screenshot) that do not depend on who runs the test.
        qputenv("XDG_CONFIG_HOME", "/home/user/.config");
        qputenv("BELLOWS_SHADOW_DIR", "/home/user/.cache/bellows");
        QCoreApplication::setOrganizationName(QStringLiteral("Bellows"));
        QCoreApplication::setApplicationName(QStringLiteral("Bellows"));
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    }

    void showsVersions()
    {
        AboutDialog dialog(nullptr);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.versionText(), QStringLiteral("Version " BELLOWS_VERSION));

        // libpq's version, from the library itself: 150013 → "15.13".
        const int lib = PQlibVersion();
        const QString libpq = QStringLiteral("%1.%2").arg(lib / 10000).arg(lib % 10000);
        QCOMPARE(AboutDialog::libpqVersion(), libpq);
        const QString components = dialog.componentsText();
        QVERIFY2(components.contains(QStringLiteral("libpq ") + libpq), qPrintable(components));
        QVERIFY2(components.contains(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())),
                 qPrintable(components));
        QVERIFY2(components.contains(QStringLiteral("QScintilla 2.")), qPrintable(components));
        QVERIFY2(components.contains(QStringLiteral("PostgreSQL server: ")),
                 qPrintable(components));
        // Each component on its own line, not run together.
        QVERIFY2(components.count(QLatin1Char('\n')) >= 3, qPrintable(components));
    }

    void showsPathsInUse()
    {
        AboutDialog dialog(nullptr);
        const QString paths = dialog.pathsText();
        QVERIFY2(paths.contains(QSettings().fileName()), qPrintable(paths));
        QVERIFY2(paths.contains(QStringLiteral("/home/user/.cache/bellows")), qPrintable(paths));
        auto* links = dialog.findChild<QLabel*>(QStringLiteral("linksLabel"));
        QVERIFY(links);
        QVERIFY(links->text().contains(QStringLiteral("License: MIT")));
        QVERIFY(links->text().contains(QStringLiteral("href=")));
    }

    void copyPutsTheTextOnTheClipboard()
    {
        AboutDialog dialog(nullptr);
        QPushButton* copy = nullptr;
        for (QPushButton* button : dialog.findChildren<QPushButton*>()) {
            if (button->text() == QStringLiteral("Copy"))
                copy = button;
        }
        QVERIFY(copy);
        QApplication::clipboard()->clear();
        QTest::mouseClick(copy, Qt::LeftButton);
        const QString text = QApplication::clipboard()->text();
        QVERIFY2(text.startsWith(QStringLiteral("Bellows Version " BELLOWS_VERSION)),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("libpq ") + AboutDialog::libpqVersion()),
                 qPrintable(text));
    }

    void iconIsCompiledIn()
    {
        const QIcon icon = AboutDialog::applicationIcon();
        QVERIFY(!icon.isNull());
        const QList<QSize> sizes = icon.availableSizes();
        QVERIFY2(sizes.contains(QSize(16, 16)) && sizes.contains(QSize(256, 256)),
                 qPrintable(QString::number(sizes.size())));
        // The resource really is there (an absent file still yields a non-null QIcon entry).
        QVERIFY(!icon.pixmap(64, 64).isNull());
        QCOMPARE(icon.pixmap(64, 64).toImage().pixelColor(32, 10).alpha(), 255);
    }

    void screenshot()
    {
        AboutDialog dialog(nullptr);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QString shots = qEnvironmentVariable("BELLOWS_SCREENSHOT_DIR");
        if (shots.isEmpty())
            QSKIP("BELLOWS_SCREENSHOT_DIR not set");
        QVERIFY(QDir().mkpath(shots));
        QVERIFY(dialog.grab().save(shots + QStringLiteral("/about.png")));
    }
};

QTEST_MAIN(TestAboutDialog)
#include "test_about_dialog.moc"
