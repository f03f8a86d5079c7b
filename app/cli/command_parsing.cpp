#include "command_parsing.h"

namespace bellows::app {

QCommandLineOption dbOption()
{
    return {QStringLiteral("db"), QStringLiteral("The live database (conninfo or URI)."),
            QStringLiteral("CONN")};
}

bool parse(QCommandLineParser& parser, const QStringList& args, const cli::Output& output,
           qsizetype positionals)
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
    if (parser.positionalArguments().size() > positionals) {
        output.error(QStringLiteral("unexpected argument: %1")
                         .arg(parser.positionalArguments().at(positionals)));
        return false;
    }
    return true;
}

bool numberOption(const QCommandLineParser& parser, const QString& name, double min, double max,
                  double* value, const cli::Output& output)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (!ok || v < min || v > max) {
        output.error(QStringLiteral("--%1 takes a number from %2 to %3, not \"%4\"")
                         .arg(name)
                         .arg(min)
                         .arg(max)
                         .arg(parser.value(name)));
        return false;
    }
    *value = v;
    return true;
}

} // namespace bellows::app
