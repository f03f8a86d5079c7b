#include "cli/diff_command.h"

#include "diff/diff_report.h"
#include "workflow/schema_comparison.h"

#include <QElapsedTimer>
#include <QJsonDocument>

namespace bellows::cli {

int runDiff(const DiffCommandOptions& options, const Output& output)
{
    QElapsedTimer total;
    total.start();
    auto progress = [&](const QString& text) {
        if (options.verbose)
            output.err << "bellows-cli: " << text << " (" << total.elapsed() << " ms)\n"
                       << Qt::flush;
    };

    workflow::ComparisonRequest request{
        options.conninfo, options.targetFile, options.targetConninfo,
        options.renames,  options.shadowUrl,  options.keepShadow,
        progress};
    request.shadowSuperuserOk = options.shadowSuperuserOk;
    request.extraExtensions = options.extraExtensions;
    auto comparison = workflow::compareSchemas(request);
    if (!comparison) {
        output.error(comparison.error().toString());
        return ExitError;
    }
    for (const QString& warning : comparison->warnings)
        output.warning(warning);
    const diff::ChangeSet& changes = comparison->changes;

    if (options.json) {
        output.out << QJsonDocument(diff::toJson(changes)).toJson(QJsonDocument::Indented);
    } else {
        diff::RenderOptions renderOptions;
        output.out << diff::renderText(changes, renderOptions);
    }
    output.out.flush();
    if (options.exitCode && !changes.isEmpty())
        return ExitDifferences;
    return ExitOk;
}

} // namespace bellows::cli
