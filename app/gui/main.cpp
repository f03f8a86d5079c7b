#include "main_window.h"

#include "common/version.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Bellows"));
    QApplication::setOrganizationName(QStringLiteral("Bellows"));
    QApplication::setApplicationVersion(QStringLiteral(BELLOWS_VERSION));

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
    parser.process(app);

    bellows::ui::MainWindow window;
    window.show();
    const QStringList files = parser.positionalArguments();
    if (parser.isSet(demo))
        window.startDemo(); // returns at once: the demo is prepared and planned off this thread
    else if (!files.isEmpty())
        window.openPlan(files.first()); // a failure shows in the window itself
    return app.exec();
}
