#include "export/export_plan.h"

#include "export/export_formats.h"
#include "plan/plan_render.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace bellows::exporting {

namespace {

struct FormatName {
    ExportFormat format;
    const char* name;
};
const FormatName kFormats[] = {
    {ExportFormat::Prisma, "prisma"}, {ExportFormat::Flyway, "flyway"},
    {ExportFormat::Sql, "sql"},       {ExportFormat::Markdown, "markdown"},
    {ExportFormat::Html, "html"},
};

Error error(const QString& message)
{
    Error e;
    e.message = message;
    return e;
}

} // namespace

QString toString(ExportFormat format)
{
    for (const FormatName& f : kFormats)
        if (f.format == format)
            return QString::fromLatin1(f.name);
    return {};
}

std::optional<ExportFormat> exportFormatFromString(const QString& text)
{
    const QString wanted = text.trimmed().toLower();
    for (const FormatName& f : kFormats)
        if (wanted == QLatin1String(f.name))
            return f.format;
    if (wanted == QLatin1String("md"))
        return ExportFormat::Markdown;
    return std::nullopt;
}

bool writesFolder(ExportFormat format)
{
    return format == ExportFormat::Prisma || format == ExportFormat::Flyway ||
           format == ExportFormat::Sql;
}

Result<std::vector<ExportedFile>> renderExport(const plan::Plan& plan, ExportFormat format,
                                               const ExportOptions& options)
{
    if (writesFolder(format) && plan.hasBlockingFindings() && !options.allowBlocking)
        return error(QStringLiteral("the plan has blocking findings: it cannot be exported as "
                                    "migrations (the review reports, markdown and html, show "
                                    "why)"));
    switch (format) {
    case ExportFormat::Prisma:
        return renderPrismaExport(plan, options);
    case ExportFormat::Flyway:
        return renderFlywayExport(plan, options);
    case ExportFormat::Sql: {
        // The renderer of `plan --format sql`, as it is.
        std::vector<ExportedFile> files;
        for (const plan::SqlScript& script : plan::renderSql(plan))
            files.push_back({script.fileName, script.text});
        return files;
    }
    case ExportFormat::Markdown:
        return std::vector<ExportedFile>{{QString(), renderMarkdownReport(plan)}};
    case ExportFormat::Html:
        return std::vector<ExportedFile>{{QString(), renderHtmlReport(plan)}};
    }
    return error(QStringLiteral("unknown export format"));
}

Result<QStringList> exportPlan(const plan::Plan& plan, ExportFormat format,
                               const QString& outputPath, const ExportOptions& options)
{
    if (outputPath.isEmpty())
        return error(QStringLiteral("no output path"));
    auto files = renderExport(plan, format, options);
    if (!files)
        return files.error();
    const QFileInfo target(outputPath);
    if (writesFolder(format)) {
        if (target.exists() && !target.isDir())
            return error(QStringLiteral("%1 exists and is not a folder").arg(outputPath));
        if (target.isDir() && !options.overwrite &&
            !QDir(outputPath).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
            return error(
                QStringLiteral("%1 is not empty (--force writes into it anyway)").arg(outputPath));
    } else if (target.exists() && !options.overwrite) {
        return error(QStringLiteral("%1 exists (--force replaces it)").arg(outputPath));
    }
    QStringList written;
    const QDir root(outputPath);
    for (const ExportedFile& f : *files) {
        const QString path =
            f.path.isEmpty() ? target.absoluteFilePath() : root.absoluteFilePath(f.path);
        if (!QDir().mkpath(QFileInfo(path).absolutePath()))
            return error(
                QStringLiteral("%1: cannot create the folder").arg(QFileInfo(path).absolutePath()));
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return error(QStringLiteral("%1: %2").arg(path, file.errorString()));
        file.write(f.content.toUtf8());
        if (!file.commit())
            return error(QStringLiteral("%1: %2").arg(path, file.errorString()));
        if (f.executable)
            QFile::setPermissions(path, QFile::permissions(path) | QFile::ExeOwner |
                                            QFile::ExeGroup | QFile::ExeOther);
        written << path;
    }
    return written;
}

} // namespace bellows::exporting
