#include "export_arguments.h"

#include "cli/export_command.h"
#include "command_parsing.h"

#include <QCommandLineParser>

namespace bellows::app {

int exportCommand(const QStringList& args, const cli::Output& output)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Export a plan file for an existing pipeline: a Prisma migrations folder, Flyway "
        "scripts, plain SQL per phase, or a review report (Markdown, self-contained HTML). "
        "docs/export.md describes each format."));
    parser.addPositionalArgument(QStringLiteral("PLAN"),
                                 QStringLiteral("The plan file (PLAN.json)."));
    parser.addOption({QStringLiteral("format"),
                      QStringLiteral("prisma, flyway, sql, markdown or html."),
                      QStringLiteral("FORMAT")});
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                      QStringLiteral("A folder (prisma, flyway, sql) or a file (markdown, html)."),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("name"),
                      QStringLiteral("Name in file names (default: bellows_ and the plan id)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("timestamp"),
                      QStringLiteral("Prisma: timestamp of the first migration, yyyyMMddHHmmss "
                                     "(UTC; default: when the plan was made)."),
                      QStringLiteral("TIME")});
    parser.addOption({QStringLiteral("first-version"),
                      QStringLiteral("Flyway: version of the first script (default 1)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("force"),
                      QStringLiteral("Write into a non-empty folder or over an existing file.")});
    if (!parse(parser, args, output, 1))
        return parser.isSet(QStringLiteral("help")) ? cli::ExitOk : cli::ExitError;

    cli::ExportCommandOptions options;
    options.planFile = parser.positionalArguments().value(0);
    options.format = parser.value(QStringLiteral("format"));
    options.outputPath = parser.value(QStringLiteral("output"));
    options.name = parser.value(QStringLiteral("name"));
    options.startTime = parser.value(QStringLiteral("timestamp"));
    options.force = parser.isSet(QStringLiteral("force"));
    if (options.planFile.isEmpty() || options.format.isEmpty() || options.outputPath.isEmpty()) {
        output.error(QStringLiteral("export needs PLAN.json, --format FORMAT and -o PATH"));
        return cli::ExitError;
    }
    double firstVersion = 1;
    if (!numberOption(parser, QStringLiteral("first-version"), 1, 2147483647, &firstVersion,
                      output))
        return cli::ExitError;
    options.firstVersion = int(firstVersion);
    return cli::runExport(options, output);
}

} // namespace bellows::app
