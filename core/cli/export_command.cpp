#include "cli/export_command.h"

#include "export/export_plan.h"
#include "plan/plan_file.h"

#include <QDateTime>
#include <QDir>

namespace bellows::cli {

int runExport(const ExportCommandOptions& options, const Output& output)
{
    const auto format = exporting::exportFormatFromString(options.format);
    if (!format) {
        output.error(QStringLiteral("unknown export format '%1' (prisma, flyway, sql, markdown "
                                    "or html)")
                         .arg(options.format));
        return ExitError;
    }
    exporting::ExportOptions exportOptions;
    exportOptions.name = options.name;
    exportOptions.firstVersion = options.firstVersion;
    exportOptions.overwrite = options.force;
    if (!options.startTime.isEmpty()) {
        QDateTime t = QDateTime::fromString(options.startTime, QStringLiteral("yyyyMMddHHmmss"));
        if (!t.isValid())
            t = QDateTime::fromString(options.startTime, Qt::ISODate);
        if (!t.isValid()) {
            output.error(QStringLiteral("--timestamp %1: expected yyyyMMddHHmmss or ISO 8601")
                             .arg(options.startTime));
            return ExitError;
        }
        if (t.timeSpec() == Qt::LocalTime)
            t.setTimeSpec(Qt::UTC); // Prisma's timestamps are UTC; read a bare one as UTC
        exportOptions.startTime = t;
    }
    auto plan = plan::loadPlan(options.planFile);
    if (!plan) {
        output.error(plan.error().toString());
        return ExitError;
    }
    auto written = exporting::exportPlan(*plan, *format, options.outputPath, exportOptions);
    if (!written) {
        output.error(written.error().toString());
        return exporting::writesFolder(*format) && plan->hasBlockingFindings() ? ExitDifferences
                                                                               : ExitError;
    }
    for (const QString& path : *written)
        output.out << QDir::current().relativeFilePath(path) << '\n';
    output.out.flush();
    if (exporting::writesFolder(*format) && *format != exporting::ExportFormat::Sql)
        output.err << "Read " << QDir::current().relativeFilePath(written->front())
                   << " for the order in which to run the files.\n";
    return ExitOk;
}

} // namespace bellows::cli
