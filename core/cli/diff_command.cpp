#include "cli/diff_command.h"

#include "diff/diff_report.h"
#include "diff/differ.h"
#include "diff/rename_hint.h"
#include "introspect/introspector.h"
#include "pq/connection.h"
#include "source/target_source.h"

#include <QElapsedTimer>
#include <QJsonDocument>

#include <future>

namespace bellows::cli {

namespace {

Result<std::vector<diff::RenameHint>> parseHints(const QStringList& texts)
{
    std::vector<diff::RenameHint> hints;
    for (const QString& text : texts) {
        auto hint = diff::parseRenameHint(text);
        if (!hint)
            return hint.error();
        hints.push_back(hint.value());
    }
    return hints;
}

} // namespace

int runDiff(const DiffCommandOptions& options, const Output& output)
{
    QElapsedTimer total;
    total.start();
    auto progress = [&](const QString& text) {
        if (options.verbose)
            output.err << "bellows-cli: " << text << " (" << total.elapsed() << " ms)\n"
                       << Qt::flush;
    };

    auto hints = parseHints(options.renames);
    if (!hints) {
        output.error(hints.error().toString());
        return ExitError;
    }

    // The live side: one read-only session; its server version picks the shadow's major.
    pq::ConnectOptions liveOptions;
    liveOptions.readOnly = true;
    liveOptions.statementTimeoutMs = 60000;
    liveOptions.origin = pq::Origin::Introspection;
    auto live = pq::Connection::open(options.conninfo, liveOptions);
    if (!live) {
        output.error(live.error().toString());
        return ExitError;
    }
    progress(QStringLiteral("connected to %1").arg((*live)->describe()));

    std::atomic_bool cancel{false};
    introspect::IntrospectOptions introspectOptions;
    introspectOptions.cancel = &cancel;
    auto liveCatalog = std::async(std::launch::async, [&] {
        return introspect::introspect(**live, introspectOptions);
    });

    source::TargetOptions targetOptions;
    targetOptions.shadowUrl = options.shadowUrl;
    targetOptions.preferredMajor = (*live)->serverVersion() / 10000;
    targetOptions.keepShadowDatabase = options.keepShadow;
    targetOptions.cancel = &cancel;
    targetOptions.progress = progress;
    const auto spec = options.targetFile.isEmpty()
                          ? source::TargetSpec::database(options.targetConninfo)
                          : source::TargetSpec::file(options.targetFile);
    auto target = source::loadTarget(spec, targetOptions);
    if (!target) {
        cancel = true;
        (*live)->cancel();
        (void)liveCatalog.get();
        output.error(target.error().toString());
        return ExitError;
    }
    for (const auto& warning : target->warnings)
        output.warning(warning.location.toString() + QStringLiteral(": ") + warning.message);
    for (const QString& note : target->notes)
        output.warning(note);

    auto database = liveCatalog.get();
    if (!database) {
        output.error(database.error().toString());
        return ExitError;
    }
    progress(QStringLiteral("read both schemas"));

    diff::DiffOptions diffOptions;
    diffOptions.renames = hints.value();
    auto changes = diff::diff(*database, target->catalog, diffOptions);
    if (!changes) {
        output.error(changes.error().toString());
        return ExitError;
    }
    progress(QStringLiteral("compared"));

    if (options.json) {
        output.out << QJsonDocument(diff::toJson(*changes)).toJson(QJsonDocument::Indented);
    } else {
        diff::RenderOptions renderOptions;
        output.out << diff::renderText(*changes, renderOptions);
    }
    output.out.flush();
    if (options.exitCode && !changes->isEmpty())
        return ExitDifferences;
    return ExitOk;
}

} // namespace bellows::cli
