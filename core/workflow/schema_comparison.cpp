#include "workflow/schema_comparison.h"

#include "diff/differ.h"
#include "diff/unvalidated_not_null.h"
#include "introspect/introspector.h"

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

namespace bellows::workflow {

namespace {

void report(const ComparisonRequest& request, const QString& text)
{
    if (request.progress)
        request.progress(text);
}

} // namespace

Result<Comparison> compareSchemas(const ComparisonRequest& request)
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

    // Our own flag stops the introspection when the target fails; the caller's stops both.
    std::atomic_bool cancel{false};
    std::atomic_bool stopWatch{false};
    auto watch = std::async(std::launch::async, [&] {
        while (!stopWatch.load()) {
            if (request.cancel && request.cancel->load()) {
                cancel = true;
                conn.cancel();
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    struct StopWatch {
        std::atomic_bool& flag;
        ~StopWatch() { flag = true; }
    } stopWatchOnReturn{stopWatch};
    // Read before the introspection takes the connection: the target may name these roles.
    auto liveRoles = conn.exec(QStringLiteral("SELECT rolname FROM pg_catalog.pg_roles"));
    if (!liveRoles)
        return liveRoles.error();
    introspect::IntrospectOptions introspectOptions;
    introspectOptions.cancel = &cancel;
    auto liveCatalog = std::async(std::launch::async,
                                  [&] { return introspect::introspect(conn, introspectOptions); });

    source::TargetOptions targetOptions;
    targetOptions.shadowUrl = request.shadowUrl;
    targetOptions.preferredMajor = conn.serverVersion() / 10000;
    targetOptions.keepShadowDatabase = request.keepShadow;
    targetOptions.shadowSuperuserOk = request.shadowSuperuserOk;
    targetOptions.extraExtensions = request.extraExtensions;
    for (int row = 0; row < liveRoles->rows(); ++row)
        targetOptions.liveRoles << liveRoles->text(row, 0);
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
        comparison.warnings << warning.location.toString() + QStringLiteral(": ") + warning.message;
    comparison.warnings << target->notes;

    auto database = liveCatalog.get();
    if (!database)
        return database.error();
    report(request, QStringLiteral("read both schemas"));
    comparison.database = std::move(database).value();
    comparison.target = std::move(target).value();

    diff::DiffOptions diffOptions;
    diffOptions.renames = comparison.renames;
    diff::settleUnvalidatedNotNull(comparison.database, comparison.target.catalog,
                                   comparison.renames);
    auto changes = diff::diff(comparison.database, comparison.target.catalog, diffOptions);
    if (!changes)
        return changes.error();
    comparison.changes = std::move(changes).value();
    report(request, QStringLiteral("compared"));
    return comparison;
}

} // namespace bellows::workflow
