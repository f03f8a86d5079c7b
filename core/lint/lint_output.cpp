// The linter's two output formats: compiler-style text and JSON (docs/lint.md).

#include "lint/linter.h"

#include <QJsonArray>

namespace bellows::lint {

namespace {

QString counted(int n, const char* singular, const char* plural)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? singular : plural));
}

QJsonObject findingJson(const Finding& f)
{
    QJsonArray hazards;
    for (const plan::Hazard& h : f.hazards)
        hazards.append(QJsonObject{{QStringLiteral("kind"), plan::toString(h.kind)},
                                   {QStringLiteral("title"), plan::title(h.kind)},
                                   {QStringLiteral("explanation"), h.explanation}});
    QJsonArray locks;
    for (const plan::Lock& l : f.locks)
        locks.append(QJsonObject{{QStringLiteral("mode"), plan::toString(l.mode)},
                                 {QStringLiteral("short"), plan::shortName(l.mode)},
                                 {QStringLiteral("relation"), l.relation},
                                 {QStringLiteral("brief"), l.brief}});
    return QJsonObject{{QStringLiteral("rule"), f.rule},
                       {QStringLiteral("severity"), toString(f.severity)},
                       {QStringLiteral("file"), f.location.file},
                       {QStringLiteral("line"), f.location.line},
                       {QStringLiteral("column"), f.location.column},
                       {QStringLiteral("message"), f.message},
                       {QStringLiteral("advice"), f.advice},
                       {QStringLiteral("referenceRow"), f.referenceRow},
                       {QStringLiteral("hazards"), hazards},
                       {QStringLiteral("locks"), locks},
                       {QStringLiteral("work"), plan::toString(f.work)},
                       {QStringLiteral("statement"), f.statement}};
}

struct Totals {
    int errors = 0;
    int warnings = 0;
    int infos = 0;
    int statements = 0;
};

Totals totals(const std::vector<LintReport>& reports)
{
    Totals t;
    for (const LintReport& r : reports) {
        t.errors += r.count(Severity::Error);
        t.warnings += r.count(Severity::Warning);
        t.infos += r.count(Severity::Info);
        t.statements += r.statements;
    }
    return t;
}

} // namespace

QString renderText(const std::vector<LintReport>& reports)
{
    QString out;
    for (const LintReport& report : reports) {
        for (const Finding& f : report.findings) {
            const QString reference = f.referenceRow.isEmpty()
                                          ? f.rule
                                          : f.rule + QStringLiteral(", ref ") + f.referenceRow;
            out += f.location.toString() + QStringLiteral(": ") + toString(f.severity) +
                   QStringLiteral(": ") + f.message + QStringLiteral(" [") + reference +
                   QStringLiteral("]\n");
            if (!f.advice.isEmpty())
                out += QStringLiteral("    hint: ") + f.advice + QLatin1Char('\n');
        }
    }
    const Totals t = totals(reports);
    out += counted(t.errors, "error", "errors") + QStringLiteral(", ") +
           counted(t.warnings, "warning", "warnings") + QStringLiteral(", ") +
           counted(t.infos, "info", "infos") + QStringLiteral(" in ") +
           counted(int(reports.size()), "file", "files") + QStringLiteral(" (") +
           counted(t.statements, "statement", "statements") + QStringLiteral(")\n");
    return out;
}

QJsonObject toJson(const std::vector<LintReport>& reports)
{
    QJsonArray files;
    for (const LintReport& report : reports) {
        QJsonArray findings;
        for (const Finding& f : report.findings)
            findings.append(findingJson(f));
        files.append(QJsonObject{{QStringLiteral("file"), report.file},
                                 {QStringLiteral("statements"), report.statements},
                                 {QStringLiteral("parseError"), report.parseError},
                                 {QStringLiteral("findings"), findings}});
    }
    const Totals t = totals(reports);
    return QJsonObject{
        {QStringLiteral("files"), files},
        {QStringLiteral("summary"), QJsonObject{{QStringLiteral("files"), int(reports.size())},
                                                {QStringLiteral("statements"), t.statements},
                                                {QStringLiteral("errors"), t.errors},
                                                {QStringLiteral("warnings"), t.warnings},
                                                {QStringLiteral("infos"), t.infos}}}};
}

} // namespace bellows::lint
