// bellows-cli: the headless command line. Argument parsing only; the commands live in core.

#include "cli/diff_command.h"
#include "cli/inspect_command.h"
#include "cli/shadow_command.h"
#include "common/version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace bellows;

namespace {

const char* const kUsage = R"(Usage: bellows-cli COMMAND [OPTIONS]

Plan and run zero-downtime PostgreSQL schema changes (expand -> backfill -> contract).

Commands:
  inspect  --db CONN [--json]                  show what a database contains
  diff     --db CONN (--target FILE | --target-db CONN)
           [--rename S.T.OLD=NEW]... [--json] [--exit-code]
                                               show how a database differs from a target
  shadow   status | stop                       the private shadow server Bellows keeps warm

CONN is a libpq conninfo string or postgresql:// URI; PG* variables, .pgpass and service
files work as in psql. Run 'bellows-cli COMMAND --help' for a command's options.
Exit codes: 0 success (diff --exit-code: no differences), 1 error, 2 differences found.
)";

QCommandLineOption dbOption()
{
    return {QStringLiteral("db"), QStringLiteral("The live database (conninfo or URI)."),
            QStringLiteral("CONN")};
}

// Parses a subcommand's options; prints errors in Bellows' own style.
bool parse(QCommandLineParser& parser, const QStringList& args, const cli::Output& output)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    if (!parser.parse(args)) {
        output.error(parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        output.out << parser.helpText();
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        output.error(QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().first()));
        return false;
    }
    return true;
}

int inspect(const QStringList& args, const cli::Output& output)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Show what a database contains."));
    parser.addOption(dbOption());
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the whole catalog as JSON.")});
    if (!parse(parser, args, output))
        return parser.isSet(QStringLiteral("help")) ? cli::ExitOk : cli::ExitError;
    if (!parser.isSet(QStringLiteral("db"))) {
        output.error(QStringLiteral("inspect needs --db CONN"));
        return cli::ExitError;
    }
    return cli::runInspect({parser.value(QStringLiteral("db")), parser.isSet(QStringLiteral("json"))},
                           output);
}

int diff(const QStringList& args, const cli::Output& output)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Show how a live database differs from a target schema."));
    parser.addOption(dbOption());
    parser.addOption({QStringLiteral("target"),
                      QStringLiteral("Target schema: a .sql file or a folder of .sql files."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("target-db"),
                      QStringLiteral("Compare against another database (read-only)."),
                      QStringLiteral("CONN")});
    parser.addOption({QStringLiteral("rename"),
                      QStringLiteral("Confirm a rename: schema.table.old=new (column) or "
                                     "schema.old=new (table). Repeatable."),
                      QStringLiteral("RENAME")});
    parser.addOption({QStringLiteral("shadow-url"),
                      QStringLiteral("Existing server for the shadow database (default: a "
                                     "private server Bellows starts itself)."),
                      QStringLiteral("CONN")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the differences as JSON.")});
    parser.addOption({QStringLiteral("exit-code"),
                      QStringLiteral("Exit with 2 when there are differences, 0 when none.")});
    parser.addOption({QStringLiteral("keep-shadow-db"),
                      QStringLiteral("Keep the shadow database for inspection.")});
    parser.addOption({{QStringLiteral("v"), QStringLiteral("verbose")},
                      QStringLiteral("Print progress to stderr.")});
    if (!parse(parser, args, output))
        return parser.isSet(QStringLiteral("help")) ? cli::ExitOk : cli::ExitError;

    cli::DiffCommandOptions options;
    options.conninfo = parser.value(QStringLiteral("db"));
    options.targetFile = parser.value(QStringLiteral("target"));
    options.targetConninfo = parser.value(QStringLiteral("target-db"));
    options.renames = parser.values(QStringLiteral("rename"));
    options.shadowUrl = parser.value(QStringLiteral("shadow-url"));
    options.json = parser.isSet(QStringLiteral("json"));
    options.exitCode = parser.isSet(QStringLiteral("exit-code"));
    options.keepShadow = parser.isSet(QStringLiteral("keep-shadow-db"));
    options.verbose = parser.isSet(QStringLiteral("verbose"));
    if (options.conninfo.isEmpty()) {
        output.error(QStringLiteral("diff needs --db CONN"));
        return cli::ExitError;
    }
    if (options.targetFile.isEmpty() == options.targetConninfo.isEmpty()) {
        output.error(QStringLiteral("diff needs exactly one of --target FILE and --target-db CONN"));
        return cli::ExitError;
    }
    return cli::runDiff(options, output);
}

int shadow(const QStringList& args, const cli::Output& output)
{
    if (args.size() != 2 || (args.at(1) != QLatin1String("status") &&
                             args.at(1) != QLatin1String("stop"))) {
        output.error(QStringLiteral("usage: bellows-cli shadow status|stop"));
        return cli::ExitError;
    }
    return cli::runShadow(args.at(1), output);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bellows-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BELLOWS_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const cli::Output output{out, err};

    QStringList args = app.arguments();
    if (args.size() < 2 || args.at(1) == QLatin1String("--help") ||
        args.at(1) == QLatin1String("-h") || args.at(1) == QLatin1String("help")) {
        out << kUsage;
        return args.size() < 2 ? cli::ExitError : cli::ExitOk;
    }
    if (args.at(1) == QLatin1String("--version")) {
        out << "bellows-cli " << BELLOWS_VERSION << '\n';
        return cli::ExitOk;
    }
    const QString command = args.takeAt(1);
    if (command == QLatin1String("inspect"))
        return inspect(args, output);
    if (command == QLatin1String("diff"))
        return diff(args, output);
    if (command == QLatin1String("shadow"))
        return shadow(args, output);
    output.error(QStringLiteral("unknown command \"%1\" (run bellows-cli --help)").arg(command));
    return cli::ExitError;
}
