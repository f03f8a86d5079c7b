// bellows-cli: the headless command line. Argument parsing only; the commands live in core.

#include "cli/apply_command.h"
#include "cli/diff_command.h"
#include "cli/inspect_command.h"
#include "cli/lint_command.h"
#include "cli/plan_command.h"
#include "cli/prisma_sql_command.h"
#include "cli/shadow_command.h"
#include "command_parsing.h"
#include "common/version.h"
#include "demo_arguments.h"
#include "export_arguments.h"
#include "review_arguments.h"
#include "runner_commands.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <limits>

using namespace bellows;

namespace {

const char* const kUsage = R"(Usage: bellows-cli COMMAND [OPTIONS]

Plan and run zero-downtime PostgreSQL schema changes (expand -> backfill -> contract).

Commands:
  inspect  --db CONN [--json]                  show what a database contains
  diff     --db CONN (--target FILE | --target-db CONN)
           [--rename S.T.OLD=NEW]... [--json] [--exit-code]
                                               show how a database differs from a target
  plan     --db CONN (--target FILE | --target-db CONN)
           [--rename S.T.OLD=NEW]... [--fill S.T.COL=EXPR]...
           [-o PATH] [--format text|markdown|json|sql]
                                               plan the expand-contract steps (never writes to
                                               the database); -o PLAN.json saves the plan file
  apply    PLAN.json --db CONN [--yes] [--gates auto|ask] [--through PHASE] [--step ID]
           [--redo ID --reason TEXT] [--as NAME] [--allowed-signers FILE]
           [--max-attempts N] [--batch-ms MS] [--max-rows-per-second N] ...
                                               run a plan, recorded in the database's ledger;
                                               running it again continues where it stopped
                                               (also after kill -9); --redo runs a done step
                                               again; --as names who runs it
  approve  PLAN.json (--step ID | --phase P | --all) [--as NAME] [--email E] [--role R]
           [--comment TEXT] [--request-changes] [--sign KEYFILE]
                                               approve steps as their SQL is now (written into
                                               the plan file; --sign: SSH signature)
  review   PLAN.json [--require PHASE=N]... [--allowed-signers FILE] [--as NAME] [--json]
                                               what is approved, missing, edited since approved;
                                               --require sets the plan's approval policy
  status   --db CONN [--plan PLAN.json] [--json]
                                               what the ledger says: phase reached, next and
                                               failed steps, running backfill, who ran what
  rollback PLAN.json --db CONN [--yes] [--as NAME]
                                               undo the done steps of a plan (not past contract)
  demo     [--reset | --stop]                  start the built-in demo database and target file
  lint     FILE... [--json] [--server-version V | --url URL] [--shadow-url URL]
                                               check migration SQL for locks, rewrites and
                                               data loss on a live database
  shadow   status | stop                       the private shadow server Bellows keeps warm
  prisma-sql FILE                              print the DDL Bellows generates for a Prisma
                                               schema (a .prisma file or a folder of them)
  export   PLAN.json --format prisma|flyway|sql|markdown|html -o PATH
                                               write a plan for an existing pipeline (Prisma or
                                               Flyway migrations, SQL per phase) or as a review
                                               report (Markdown, self-contained HTML)

A target FILE is a .sql file, a folder of .sql files, or a Prisma schema (schema.prisma or a
folder of .prisma files), translated into the DDL Prisma's schema engine would run.

CONN is a libpq conninfo string or postgresql:// URI; PG* variables, .pgpass and service
files work as in psql. Run 'bellows-cli COMMAND --help' for a command's options.
Exit codes: 0 success (diff --exit-code: no differences), 1 error, 2 differences found
(diff --exit-code) or a refusal by policy (plan: blocking findings; apply: not confirmed,
blocking findings, schema drift, a gate not passed, approvals missing; approve: the author
approving their own plan; review: approvals missing or a signature that does not verify;
lint: findings of severity error).
)";

using app::dbOption;
using app::parse;

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
    return cli::runInspect(
        {parser.value(QStringLiteral("db")), parser.isSet(QStringLiteral("json"))}, output);
}

// --target / --target-db / --rename / --shadow-url / --keep-shadow-db / -v: what diff and plan
// both take to read the two sides.
void addComparisonOptions(QCommandLineParser& parser, const QString& targetDbHelp)
{
    parser.addOption(dbOption());
    parser.addOption({QStringLiteral("target"),
                      QStringLiteral("Target schema: a .sql file, a folder of .sql files, or a "
                                     "Prisma schema (.prisma file or folder)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("target-db"), targetDbHelp, QStringLiteral("CONN")});
    parser.addOption({QStringLiteral("rename"),
                      QStringLiteral("Confirm a rename: schema.table.old=new (column) or "
                                     "schema.old=new (table). Repeatable."),
                      QStringLiteral("RENAME")});
    parser.addOption({QStringLiteral("shadow-url"),
                      QStringLiteral("Existing server for the shadow database (default: a "
                                     "private server Bellows starts itself)."),
                      QStringLiteral("CONN")});
    parser.addOption({QStringLiteral("keep-shadow-db"),
                      QStringLiteral("Keep the shadow database for inspection.")});
    parser.addOption({QStringLiteral("shadow-superuser-ok"),
                      QStringLiteral("Accept a --shadow-url that connects as a superuser (the "
                                     "target file then runs with superuser rights there).")});
    parser.addOption({QStringLiteral("allow-extension"),
                      QStringLiteral("Let the target file create this extension too (beyond the "
                                     "default allow-list of docs/security.md). Repeatable."),
                      QStringLiteral("NAME")});
    parser.addOption({{QStringLiteral("v"), QStringLiteral("verbose")},
                      QStringLiteral("Print progress to stderr.")});
}

template <typename Options>
bool readComparisonOptions(const QCommandLineParser& parser, const QString& command,
                           const cli::Output& output, Options& options)
{
    options.conninfo = parser.value(QStringLiteral("db"));
    options.targetFile = parser.value(QStringLiteral("target"));
    options.targetConninfo = parser.value(QStringLiteral("target-db"));
    options.renames = parser.values(QStringLiteral("rename"));
    options.shadowUrl = parser.value(QStringLiteral("shadow-url"));
    options.keepShadow = parser.isSet(QStringLiteral("keep-shadow-db"));
    options.shadowSuperuserOk = parser.isSet(QStringLiteral("shadow-superuser-ok"));
    options.extraExtensions = parser.values(QStringLiteral("allow-extension"));
    options.verbose = parser.isSet(QStringLiteral("verbose"));
    if (options.conninfo.isEmpty()) {
        output.error(QStringLiteral("%1 needs --db CONN").arg(command));
        return false;
    }
    if (options.targetFile.isEmpty() == options.targetConninfo.isEmpty()) {
        output.error(QStringLiteral("%1 needs exactly one of --target FILE and --target-db CONN")
                         .arg(command));
        return false;
    }
    return true;
}

int diffCommand(const QStringList& args, const cli::Output& output)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Show how a live database differs from a target schema."));
    addComparisonOptions(parser, QStringLiteral("Compare against another database (read-only)."));
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the differences as JSON.")});
    parser.addOption({QStringLiteral("exit-code"),
                      QStringLiteral("Exit with 2 when there are differences, 0 when none.")});
    if (!parse(parser, args, output))
        return parser.isSet(QStringLiteral("help")) ? cli::ExitOk : cli::ExitError;

    cli::DiffCommandOptions options;
    if (!readComparisonOptions(parser, QStringLiteral("diff"), output, options))
        return cli::ExitError;
    options.json = parser.isSet(QStringLiteral("json"));
    options.exitCode = parser.isSet(QStringLiteral("exit-code"));
    return cli::runDiff(options, output);
}

int planCommand(const QStringList& args, const cli::Output& output)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Plan the expand-contract steps from a live database to a target schema. Never writes "
        "to the database. Exit 2 when the plan has blocking findings."));
    addComparisonOptions(parser,
                         QStringLiteral("Plan toward another database's schema (read-only)."));
    parser.addOption({QStringLiteral("fill"),
                      QStringLiteral("Fill NULLs of a column that becomes NOT NULL: "
                                     "schema.table.column=SQL-EXPRESSION. Repeatable."),
                      QStringLiteral("FILL")});
    parser.addOption({QStringLiteral("using"),
                      QStringLiteral("Convert a column's values with this expression, as ALTER "
                                     "TABLE ... TYPE ... USING would (it names the old column): "
                                     "schema.table.column=SQL-EXPRESSION. Repeatable."),
                      QStringLiteral("USING")});
    parser.addOption({QStringLiteral("time-zone"),
                      QStringLiteral("The time zone in which conversions between time types "
                                     "run (timestamp <-> timestamptz, ...): ZONE for all, or "
                                     "schema.table.column=ZONE. Repeatable."),
                      QStringLiteral("ZONE")});
    parser.addOption({QStringLiteral("accept-lossy"),
                      QStringLiteral("Accept that converting this column changes values "
                                     "(rounding, truncation) as ALTER TABLE ... TYPE would: "
                                     "schema.table.column. Recorded in the plan. Repeatable."),
                      QStringLiteral("COLUMN")});
    parser.addOption({QStringLiteral("accept-downtime"),
                      QStringLiteral("Accept that a step which rewrites, scans or builds under a "
                                     "blocking lock runs on this table (or domain, or type) "
                                     "although its estimate exceeds the lock budget: "
                                     "schema.name. Recorded in the plan. Repeatable."),
                      QStringLiteral("OBJECT")});
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                      QStringLiteral("Write the plan file (json), the rendering (text, markdown) "
                                     "or the per-phase scripts into a folder (sql)."),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("format"),
                      QStringLiteral("text, markdown, json or sql (default: json with -o, "
                                     "otherwise text)."),
                      QStringLiteral("FORMAT")});
    if (!parse(parser, args, output))
        return parser.isSet(QStringLiteral("help")) ? cli::ExitOk : cli::ExitError;

    cli::PlanCommandOptions options;
    if (!readComparisonOptions(parser, QStringLiteral("plan"), output, options))
        return cli::ExitError;
    options.fills = parser.values(QStringLiteral("fill"));
    options.usings = parser.values(QStringLiteral("using"));
    options.timeZones = parser.values(QStringLiteral("time-zone"));
    options.lossy = parser.values(QStringLiteral("accept-lossy"));
    options.acceptDowntime = parser.values(QStringLiteral("accept-downtime"));
    options.outputPath = parser.value(QStringLiteral("output"));
    options.format = parser.value(QStringLiteral("format"));
    return cli::runPlan(options, output);
}

int lintCommand(const QStringList& args, const cli::Output& output)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Check migration SQL for what it does to a live database: locks, "
                       "rewrites, scans, data loss. Exit 2 when a finding has severity error; "
                       "1 when a file cannot be read or parsed."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("SQL files, or folders of .sql files."),
                                 QStringLiteral("FILE..."));
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the findings as JSON.")});
    parser.addOption({QStringLiteral("server-version"),
                      QStringLiteral("PostgreSQL version the SQL will run on (default 15, or "
                                     "the version of the server --url names)."),
                      QStringLiteral("V")});
    parser.addOption({QStringLiteral("url"),
                      QStringLiteral("A server the SQL will run on: only its version is read."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("shadow-url"),
                      QStringLiteral("A server of that major whose parser checks the syntax "
                                     "(default: the private shadow server). Nothing runs there."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("own-grammar-only"),
                      QStringLiteral("Check syntax with Bellows' parser (PostgreSQL 15's "
                                     "grammar) only; never start or ask a server.")});
    if (!parse(parser, args, output, std::numeric_limits<qsizetype>::max()))
        return parser.isSet(QStringLiteral("help")) ? cli::ExitOk : cli::ExitError;

    cli::LintCommandOptions options;
    options.paths = parser.positionalArguments();
    options.json = parser.isSet(QStringLiteral("json"));
    options.serverVersion = parser.value(QStringLiteral("server-version"));
    options.url = parser.value(QStringLiteral("url"));
    options.shadowUrl = parser.value(QStringLiteral("shadow-url"));
    options.ownGrammarOnly = parser.isSet(QStringLiteral("own-grammar-only"));
    if (options.paths.isEmpty()) {
        output.error(QStringLiteral("lint needs at least one FILE"));
        return cli::ExitError;
    }
    return cli::runLint(options, output);
}

int prismaSql(const QStringList& args, const cli::Output& output)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Print the DDL Bellows generates for a Prisma schema."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("A .prisma file or a folder of .prisma files."));
    if (!parse(parser, args, output, 1))
        return parser.isSet(QStringLiteral("help")) ? cli::ExitOk : cli::ExitError;
    if (parser.positionalArguments().isEmpty()) {
        output.error(QStringLiteral("prisma-sql needs a FILE"));
        return cli::ExitError;
    }
    return cli::runPrismaSql(parser.positionalArguments().constFirst(), output);
}

int shadow(const QStringList& args, const cli::Output& output)
{
    if (args.size() != 2 ||
        (args.at(1) != QLatin1String("status") && args.at(1) != QLatin1String("stop"))) {
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
        return diffCommand(args, output);
    if (command == QLatin1String("plan"))
        return planCommand(args, output);
    if (command == QLatin1String("apply"))
        return app::applyCommand(args, output);
    if (command == QLatin1String("status"))
        return app::statusCommand(args, output);
    if (command == QLatin1String("rollback"))
        return app::rollbackCommand(args, output);
    if (command == QLatin1String("approve"))
        return app::approveCommand(args, output);
    if (command == QLatin1String("review"))
        return app::reviewCommand(args, output);
    if (command == QLatin1String("export"))
        return app::exportCommand(args, output);
    if (command == QLatin1String("demo"))
        return app::demoCommand(args, output);
    if (command == QLatin1String("lint"))
        return lintCommand(args, output);
    if (command == QLatin1String("prisma-sql"))
        return prismaSql(args, output);
    if (command == QLatin1String("shadow"))
        return shadow(args, output);
    output.error(QStringLiteral("unknown command \"%1\" (run bellows-cli --help)").arg(command));
    return cli::ExitError;
}
