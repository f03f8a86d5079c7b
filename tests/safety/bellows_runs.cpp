#include "bellows_runs.h"

#include "plan/plan_file.h"
#include "sql/quote.h"

#include <QFile>

namespace bellows::safety {

using namespace bellows::test;

namespace {

constexpr int kCliTimeoutMs = 900000;

// The suffixes the column swap gives the columns while both exist.
QString withoutSwapSuffix(QString column)
{
    for (const QString& suffix : {QStringLiteral("_bellows_new"), QStringLiteral("_bellows_old")})
        if (column.endsWith(suffix))
            column.chop(suffix.size());
    return column;
}

} // namespace

PlanRun planTarget(const QString& conninfo, const QString& targetFile, const QString& planFile,
                   const QStringList& choiceArgs)
{
    QFile::remove(planFile);
    const auto result =
        runCli(QStringList{QStringLiteral("plan"), QStringLiteral("--db"), conninfo,
                           QStringLiteral("--target"), targetFile, QStringLiteral("-o"), planFile} +
                   choiceArgs,
               kCliTimeoutMs);
    PlanRun run;
    run.exitCode = result.exitCode;
    run.output = result.err + result.out;
    if (run.exitCode != 0 && run.exitCode != 2)
        return run;
    auto plan = plan::loadPlan(planFile);
    if (!plan) {
        run.readError = plan.error().toString();
        return run;
    }
    for (const plan::Finding& f : plan->findings) {
        if (f.severity != plan::Finding::Severity::Blocking)
            continue;
        run.blockingObjects << f.object;
        run.blockingTitles << f.object + QStringLiteral(": ") + f.title;
    }
    return run;
}

ProcessResult applyPlan(const QString& conninfo, const QString& planFile,
                        const QStringList& extraArgs)
{
    return runCli(QStringList{QStringLiteral("apply"), planFile, QStringLiteral("--db"), conninfo,
                              QStringLiteral("--yes"), QStringLiteral("--gates"),
                              QStringLiteral("auto")} +
                      extraArgs,
                  kCliTimeoutMs);
}

ProcessResult diffTarget(const QString& conninfo, const QString& targetFile)
{
    return runCli({QStringLiteral("diff"), QStringLiteral("--db"), conninfo,
                   QStringLiteral("--target"), targetFile, QStringLiteral("--exit-code")},
                  kCliTimeoutMs);
}

QString columnPath(const QString& table, const QString& column)
{
    return QStringLiteral("public.%1.%2").arg(sql::quoteIdent(table), sql::quoteIdent(column));
}

QString caseKeyOfObject(const QString& object)
{
    const QStringList parts = sql::splitQualifiedName(object);
    if (parts.size() != 3 || parts.at(0) != QLatin1String("public"))
        return {};
    return parts.at(1) + QLatin1Char('.') + parts.at(2);
}

QString caseKeyOfStep(const QString& stepId)
{
    const QStringList parts = sql::splitQualifiedName(stepId.section(QLatin1Char(':'), 2));
    if (parts.size() != 3)
        return {};
    return parts.at(1) + QLatin1Char('.') + withoutSwapSuffix(parts.at(2));
}

QString failedStep(const TestDatabase& db, QString* error)
{
    auto conn = db.connect();
    auto r = conn->exec(QStringLiteral("SELECT step_id, coalesce(error, '') FROM "
                                       "bellows.ledger_steps WHERE status = 'failed' ORDER BY "
                                       "started_at DESC LIMIT 1"));
    if (!r || r->rows() == 0)
        return {};
    *error = r->text(0, 1);
    return r->text(0, 0);
}

bool writeTextFile(const QString& path, const QString& text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(text.toUtf8()) >= 0;
}

} // namespace bellows::safety
