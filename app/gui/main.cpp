#include "about_dialog.h"
#include "main_window.h"
#include "plan_model.h"

#include "common/version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>
#include <QTimer>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Bellows"));
    QApplication::setOrganizationName(QStringLiteral("Bellows"));
    QApplication::setApplicationVersion(QStringLiteral(BELLOWS_VERSION));
    QApplication::setWindowIcon(bellows::ui::AboutDialog::applicationIcon());
    // Matches the installed io.github.bellows.Bellows.desktop (Wayland app id, taskbar icon).
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.bellows.Bellows"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Plan and run zero-downtime PostgreSQL schema changes."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("PLAN.json"),
                                 QStringLiteral("A plan file to open (from bellows-cli plan -o)."),
                                 QStringLiteral("[PLAN.json]"));
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QStringLiteral("Start the built-in demo database and show the plan for its schema "
                       "change (bellows-cli demo --stop stops the demo server)."));
    parser.addOption(demo);
    // For smoke tests of an installed package (packaging/test-deb-in-chroot.sh), e.g. with
    // QT_QPA_PLATFORM=offscreen: no one is there to look at the window.
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("With --demo: when the demo's plan shows, save the window as a PNG to "
                       "FILE and quit (exit status 1 when the demo failed)."),
        QStringLiteral("FILE"));
    parser.addOption(screenshot);
    parser.process(app);
    if (parser.isSet(screenshot) && !parser.isSet(demo)) {
        QTextStream(stderr) << "bellows: --screenshot needs --demo\n";
        return 1;
    }

    bellows::ui::MainWindow window;
    if (parser.isSet(screenshot))
        window.resize(1440, 900);
    window.show();
    const QStringList files = parser.positionalArguments();
    if (parser.isSet(demo))
        window.startDemo(); // returns at once: the demo is prepared and planned off this thread
    else if (!files.isEmpty())
        window.openPlan(files.first()); // a failure shows in the window itself
    if (parser.isSet(screenshot)) {
        // MainWindow has no "demo finished" signal; a poll is enough for a one-shot smoke run.
        auto* poll = new QTimer(&window);
        QObject::connect(poll, &QTimer::timeout, &window, [&window, &parser, &screenshot, poll] {
            if (window.isDemoRunning())
                return;
            poll->stop();
            const bool planned = !window.planModel()->isEmpty();
            const QString file = parser.value(screenshot);
            QTextStream err(stderr);
            if (!window.grab().save(file, "PNG")) {
                err << "bellows: cannot write " << file << '\n';
                QCoreApplication::exit(1);
                return;
            }
            if (!planned)
                err << "bellows: the demo failed: " << window.bannerText() << '\n';
            QCoreApplication::exit(planned ? 0 : 1);
        });
        poll->start(250);
    }
    return app.exec();
}
