#include "demo_arguments.h"

#include "cli/demo_command.h"
#include "command_parsing.h"

#include <QCommandLineParser>

namespace bellows::app {

int demoCommand(const QStringList& args, const cli::Output& output)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Start the built-in demo: a private PostgreSQL with a small shop database (100,000 "
        "users) and a target file that renames users.full_name, adds a NOT NULL column, a "
        "foreign key and an index, and widens an int key to bigint."));
    parser.addOption({QStringLiteral("reset"), QStringLiteral("Re-create the demo database.")});
    parser.addOption({QStringLiteral("stop"), QStringLiteral("Stop the demo server.")});
    if (!parse(parser, args, output))
        return parser.isSet(QStringLiteral("help")) ? cli::ExitOk : cli::ExitError;
    return cli::runDemo(parser.isSet(QStringLiteral("reset")), parser.isSet(QStringLiteral("stop")),
                        output);
}

} // namespace bellows::app
