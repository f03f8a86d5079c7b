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
    parser.process(app);

    bellows::ui::MainWindow window;
    window.show();
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty())
        window.openPlan(files.first()); // a failure shows in the window itself
    return app.exec();
}
