#include "export_arguments.h"

namespace bellows::app {

int exportCommand(const QStringList&, const cli::Output& output)
{
    output.error(QStringLiteral("not built yet"));
    return cli::ExitError;
}

} // namespace bellows::app
