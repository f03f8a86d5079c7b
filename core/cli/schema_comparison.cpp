#include "cli/schema_comparison.h"

#include "diff/differ.h"
#include "introspect/introspector.h"

#include <atomic>
#include <future>

namespace bellows::cli {

namespace {

void report(const ComparisonRequest& request, const QString& text)
{
    if (request.progress)
        request.progress(text);
}

} // namespace

Result<Comparison> compareSchemas(const ComparisonRequest& request, const Output& output)
{
    Comparison comparison;
    for (const QString& text : request.renames) {
        auto hint = diff::parseRenameHint(text);
        if (!hint)
            return hint.error();
        comparison.renames.push_back(hint.value());
    }

    pq::ConnectOptions liveOptions;
    liveOptions.readOnly = true;
    liveOptions.statementTimeoutMs = 60000;
    liveOptions.origin = pq::Origin::Introspection;
    auto live = pq::Connection::open(request.conninfo, liveOptions);
    if (!live)
        return live.error();
    comparison.live = std::move(live).value();
    pq::Connection& conn = *comparison.live;
    report(request, QStringLiteral("connected to %1").arg(conn.describe()));

    std::atomic_bool cancel{false};
    introspect::IntrospectOptions introspectOptions;
    introspectOptions.cancel = &cancel;
    auto liveCatalog = std::async(std::launch::async,
                                  [&] { return introspect::introspect(conn, introspectOptions); });

    source::TargetOptions targetOptions;
    targetOptions.shadowUrl = request.shadowUrl;
    targetOptions.preferredMajor = conn.serverVersion() / 10000;
    targetOptions.keepShadowDatabase = request.keepShadow;
    targetOptions.cancel = &cancel;
    targetOptions.progress = request.progress;
    const auto spec = request.targetFile.isEmpty()
                          ? source::TargetSpec::database(request.targetConninfo)
                          : source::TargetSpec::file(request.targetFile);
    auto target = source::loadTarget(spec, targetOptions);
    if (!target) {
        cancel = true;
        conn.cancel();
        (void)liveCatalog.get();
        return target.error();
    }
    for (const auto& warning : target->warnings)
        output.warning(warning.location.toString() + QStringLiteral(": ") + warning.message);
    for (const QString& note : target->notes)
        output.warning(note);

    auto database = liveCatalog.get();
    if (!database)
        return database.error();
    report(request, QStringLiteral("read both schemas"));
    comparison.database = std::move(database).value();
    comparison.target = std::move(target).value();

    diff::DiffOptions diffOptions;
    diffOptions.renames = comparison.renames;
    auto changes = diff::diff(comparison.database, comparison.target.catalog, diffOptions);
    if (!changes)
        return changes.error();
    comparison.changes = std::move(changes).value();
    report(request, QStringLiteral("compared"));
    return comparison;
}

} // namespace bellows::cli
