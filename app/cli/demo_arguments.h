#pragma once

// bellows-cli demo: argument parsing.

#include "cli/cli_output.h"

#include <QStringList>

namespace bellows::app {

int demoCommand(const QStringList& args, const cli::Output& output);

} // namespace bellows::app
