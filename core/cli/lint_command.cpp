#include "cli/lint_command.h"

#include "lint/linter.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace bellows::cli {

namespace {

// Folders expand to their *.sql files, sorted so migrations come in order.
QStringList expandPaths(const QStringList& paths)
{
    QStringList files;
    for (const QString& path : paths) {
        if (!QFileInfo(path).isDir()) {
            files << path;
            continue;
        }
        QStringList found;
        QDirIterator it(path, {QStringLiteral("*.sql")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            found << it.next();
        std::sort(found.begin(), found.end());
        files << found;
    }
    return files;
}

} // namespace

std::optional<int> parseServerVersion(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^(\d+)(?:\.(\d+))?$)"));
    const QRegularExpressionMatch m = pattern.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const int first = m.captured(1).toInt();
    const int second = m.captured(2).isEmpty() ? 0 : m.captured(2).toInt();
    if (first >= 10000 && m.captured(2).isEmpty())
        return first; // already a server_version_num
    if (first >= 100)
        return std::nullopt;
    if (first >= 10)
        return first * 10000 + second;
    // 9.x: the second number is part of the major version.
    return first * 10000 + second * 100;
}

int runLint(const LintCommandOptions& options, const Output& output)
{
    lint::LintOptions lintOptions;
    if (!options.serverVersion.isEmpty()) {
        const std::optional<int> version = parseServerVersion(options.serverVersion);
        if (!version) {
            output.error(QStringLiteral("--server-version: \"%1\" is not a PostgreSQL version "
                                        "(e.g. 15, 9.6 or 150004)")
                             .arg(options.serverVersion));
            return ExitError;
        }
        lintOptions.serverVersionNum = *version;
    }
    const QStringList files = expandPaths(options.paths);
    if (files.isEmpty()) {
        output.error(QStringLiteral("lint needs at least one FILE (or a folder of .sql files)"));
        return ExitError;
    }

    std::vector<lint::LintReport> reports;
    bool incomplete = false;
    for (const QString& file : files) {
        auto report = lint::lintFile(file, lintOptions);
        if (!report) {
            output.error(report.error().toString());
            incomplete = true;
            continue;
        }
        incomplete = incomplete || report->parseError;
        reports.push_back(std::move(report.value()));
    }
    if (options.json)
        output.out << QJsonDocument(lint::toJson(reports)).toJson(QJsonDocument::Indented);
    else
        output.out << lint::renderText(reports);
    output.out.flush();

    if (incomplete)
        return ExitError;
    const bool refused = std::any_of(reports.begin(), reports.end(), [](const auto& r) {
        return r.count(lint::Severity::Error) > 0;
    });
    return refused ? ExitDifferences : ExitOk;
}

} // namespace bellows::cli
