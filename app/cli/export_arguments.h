#pragma once

// bellows-cli export: argument parsing.

#include "cli/cli_output.h"

#include <QStringList>

namespace bellows::app {

int exportCommand(const QStringList& args, const cli::Output& output);

} // namespace bellows::app
