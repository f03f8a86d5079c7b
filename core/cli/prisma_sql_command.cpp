#include "cli/prisma_sql_command.h"

#include "source/prisma_target.h"

namespace bellows::cli {

int runPrismaSql(const QString& location, const Output& output)
{
    auto script = source::prismaTargetScript(location);
    if (!script) {
        output.error(script.error().toString());
        return ExitError;
    }
    for (const source::LoadWarning& warning : script->warnings)
        output.warning(warning.location.isValid()
                           ? warning.location.toString() + QStringLiteral(": ") + warning.message
                           : warning.message);
    output.out << script->sql;
    output.out.flush();
    return ExitOk;
}

} // namespace bellows::cli
