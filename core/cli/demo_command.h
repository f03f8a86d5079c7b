#pragma once

#include "cli/cli_output.h"

namespace bellows::cli {

// bellows-cli demo [--reset | --stop]: prepares the built-in demo database and target file and
// prints how to plan and apply against them.
int runDemo(bool reset, bool stop, const Output& output);

} // namespace bellows::cli
