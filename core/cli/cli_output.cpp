#include "cli/cli_output.h"

namespace bellows::cli {

void Output::error(const QString& message) const
{
    err << "bellows-cli: error: " << message << '\n';
    err.flush();
}

void Output::warning(const QString& message) const
{
    err << "bellows-cli: warning: " << message << '\n';
    err.flush();
}

} // namespace bellows::cli
