#pragma once

#include "cli/cli_output.h"

namespace bellows::cli {

// bellows-cli shadow status|stop: the private shadow servers under the cache directory.
int runShadow(const QString& action, const Output& output);

} // namespace bellows::cli
