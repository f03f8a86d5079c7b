#include "cli/plan_command.h"

#include "diff/rename_hint.h"
#include "plan/plan_file.h"
#include "plan/plan_render.h"
#include "sql/quote.h"
#include "workflow/plan_builder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSaveFile>

namespace bellows::cli {

namespace {

Error fillError(const QString& text, const QString& why)
{
    Error error;
    error.message = QStringLiteral("invalid fill \"%1\": %2").arg(text, why);
    error.hint = QStringLiteral("use schema.table.column=EXPRESSION, e.g. "
                                "public.users.status='active'; double-quote names with dots, "
                                "'=' or capital letters");
    return error;
}

Status writeText(const QString& path, const QString& text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        Error e;
        e.message = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return e;
    }
    return {};
}

} // namespace

Result<plan::Fill> parseFill(const QString& text)
{
    // The first '=' outside double-quoted names ends the column (the expression may hold '=').
    qsizetype eq = -1;
    bool inQuotes = false;
    for (qsizetype i = 0; i < text.size() && eq < 0; ++i) {
        if (text.at(i) == QLatin1Char('"'))
            inQuotes = !inQuotes;
        else if (text.at(i) == QLatin1Char('=') && !inQuotes)
            eq = i;
    }
    if (eq < 0)
        return fillError(text, QStringLiteral("no '=' between the column and the expression"));
    const QStringList names = sql::splitQualifiedName(text.left(eq).trimmed());
    if (names.size() != 3)
        return fillError(text, QStringLiteral("the column must be named schema.table.column"));
    for (const QString& name : names)
        if (name.isEmpty())
            return fillError(text, QStringLiteral("zero-length names are not allowed"));
    const QString expression = text.mid(eq + 1).trimmed();
    if (expression.isEmpty())
        return fillError(text, QStringLiteral("the expression is empty"));
    return plan::Fill{names.at(0), names.at(1), names.at(2), expression};
}

namespace {

Error choiceError(const QString& option, const QString& text, const QString& why)
{
    Error error;
    error.message = QStringLiteral("invalid %1 \"%2\": %3").arg(option, text, why);
    error.hint = QStringLiteral("name the column as schema.table.column (double-quote names with "
                                "dots, '=' or capital letters)");
    return error;
}

Result<QStringList> columnPath(const QString& option, const QString& text)
{
    const QStringList names = sql::splitQualifiedName(text.trimmed());
    if (names.size() != 3 || names.contains(QString()))
        return choiceError(option, text,
                           QStringLiteral("the column must be named "
                                          "schema.table.column"));
    return names;
}

plan::ConversionChoice& choiceFor(plan::PlanChoices& choices, const QStringList& names)
{
    for (plan::ConversionChoice& c : choices.conversions)
        if (c.schema == names.at(0) && c.table == names.at(1) && c.column == names.at(2))
            return c;
    choices.conversions.push_back({names.at(0), names.at(1), names.at(2), {}, {}, false});
    return choices.conversions.back();
}

} // namespace

Result<plan::PlanChoices> parseChoices(const PlanCommandOptions& options)
{
    plan::PlanChoices choices;
    for (const QString& text : options.fills) {
        auto fill = parseFill(text);
        if (!fill)
            return fill.error();
        choices.fills.push_back(fill.value());
    }
    for (const QString& text : options.usings) {
        auto parsed = parseFill(text); // the same S.T.C=EXPR shape
        if (!parsed) {
            Error e = parsed.error();
            e.message.replace(QStringLiteral("invalid fill"), QStringLiteral("invalid --using"));
            return e;
        }
        choiceFor(choices, {parsed->schema, parsed->table, parsed->column}).usingExpression =
            parsed->expression;
    }
    for (const QString& text : options.timeZones) {
        const qsizetype eq = text.lastIndexOf(QLatin1Char('='));
        const QString zone = text.mid(eq + 1).trimmed();
        if (zone.isEmpty())
            return choiceError(QStringLiteral("--time-zone"), text,
                               QStringLiteral("no time zone given"));
        if (eq < 0) {
            choices.conversions.push_back({{}, {}, {}, {}, zone, false});
            continue;
        }
        auto names = columnPath(QStringLiteral("--time-zone"), text.left(eq));
        if (!names)
            return names.error();
        choiceFor(choices, *names).timeZone = zone;
    }
    for (const QString& text : options.lossy) {
        auto names = columnPath(QStringLiteral("--accept-lossy"), text);
        if (!names)
            return names.error();
        choiceFor(choices, *names).acceptLossy = true;
    }
    for (const QString& text : options.acceptDowntime) {
        const QStringList names = sql::splitQualifiedName(text.trimmed());
        if (names.size() != 2 || names.contains(QString()))
            return choiceError(QStringLiteral("--accept-downtime"), text,
                               QStringLiteral("the object must be named schema.name"));
        const QString key = names.at(0) + QLatin1Char('.') + names.at(1);
        if (!choices.acceptDowntime.contains(key))
            choices.acceptDowntime << key;
    }
    return choices;
}

int runPlan(const PlanCommandOptions& options, const Output& output)
{
    QElapsedTimer total;
    total.start();
    auto progress = [&](const QString& text) {
        if (options.verbose)
            output.err << "bellows-cli: " << text << " (" << total.elapsed() << " ms)\n"
                       << Qt::flush;
    };

    const QString format =
        options.format.isEmpty()
            ? (options.outputPath.isEmpty() ? QStringLiteral("text") : QStringLiteral("json"))
            : options.format;
    if (!QStringList{QStringLiteral("text"), QStringLiteral("markdown"), QStringLiteral("json"),
                     QStringLiteral("sql")}
             .contains(format)) {
        output.error(
            QStringLiteral("unknown format \"%1\" (use text, markdown, json or sql)").arg(format));
        return ExitError;
    }

    auto choices = parseChoices(options);
    if (!choices) {
        output.error(choices.error().toString());
        return ExitError;
    }

    // Planning never writes (DESIGN.md decision 3): compareSchemas opens a read-only session.
    workflow::ComparisonRequest request{
        options.conninfo, options.targetFile, options.targetConninfo,
        options.renames,  options.shadowUrl,  options.keepShadow,
        progress};
    request.shadowSuperuserOk = options.shadowSuperuserOk;
    request.extraExtensions = options.extraExtensions;
    auto planned = workflow::planChange(request, *choices);
    if (!planned) {
        output.error(planned.error().toString());
        return ExitError;
    }
    for (const QString& warning : planned->comparison.warnings)
        output.warning(warning);
    const plan::Plan& plan = planned->plan;

    Status written;
    if (format == QLatin1String("json")) {
        if (options.outputPath.isEmpty()) {
            output.out << QJsonDocument(plan::toJson(plan)).toJson(QJsonDocument::Indented);
        } else {
            written = plan::savePlan(plan, options.outputPath);
            if (written) {
                output.out << plan::renderText(plan);
                output.err << "bellows-cli: wrote " << options.outputPath << '\n';
            }
        }
    } else if (format == QLatin1String("sql")) {
        if (options.outputPath.isEmpty()) {
            output.out << plan::renderSqlConcatenated(plan);
        } else if (!QDir().mkpath(options.outputPath)) {
            Error e;
            e.message = QStringLiteral("cannot create the folder %1").arg(options.outputPath);
            written = e;
        } else {
            for (const auto& script : plan::renderSql(plan)) {
                written =
                    writeText(QDir(options.outputPath).filePath(script.fileName), script.text);
                if (!written)
                    break;
            }
        }
    } else {
        const QString text = format == QLatin1String("markdown") ? plan::renderMarkdown(plan)
                                                                 : plan::renderText(plan);
        if (options.outputPath.isEmpty())
            output.out << text;
        else
            written = writeText(options.outputPath, text);
    }
    output.out.flush();
    if (!written) {
        output.error(written.error().toString());
        return ExitError;
    }
    if (plan.hasBlockingFindings()) {
        output.error(QStringLiteral("the plan has blocking findings: nothing in it is safe to "
                                    "run as it is (see above)"));
        return ExitDifferences;
    }
    return ExitOk;
}

} // namespace bellows::cli
