#include "review_arguments.h"

namespace bellows::app {

int approveCommand(const QStringList&, const cli::Output& output)
{
    output.error(QStringLiteral("not built yet"));
    return cli::ExitError;
}

int reviewCommand(const QStringList&, const cli::Output& output)
{
    output.error(QStringLiteral("not built yet"));
    return cli::ExitError;
}

} // namespace bellows::app
