#include "cli/status_command.h"

#include "exec/run_status.h"
#include "plan/plan_file.h"

#include <QJsonDocument>

#include <optional>

namespace bellows::cli {

int runStatus(const StatusCommandOptions& options, const Output& output)
{
    std::optional<plan::Plan> plan;
    if (!options.planPath.isEmpty()) {
        auto loaded = plan::loadPlan(options.planPath);
        if (!loaded) {
            output.error(loaded.error().toString());
            return ExitError;
        }
        plan = std::move(loaded).value();
    }
    auto status = exec::readStatus(options.conninfo, plan ? &*plan : nullptr);
    if (!status) {
        output.error(status.error().toString());
        return ExitError;
    }
    if (options.json)
        output.out << QJsonDocument(exec::toJson(*status)).toJson(QJsonDocument::Indented);
    else
        output.out << exec::renderText(*status);
    output.out.flush();
    return ExitOk;
}

} // namespace bellows::cli
