#pragma once

// bellows-cli approve and review: argument parsing.

#include "cli/cli_output.h"

#include <QStringList>

namespace bellows::app {

int approveCommand(const QStringList& args, const cli::Output& output);
int reviewCommand(const QStringList& args, const cli::Output& output);

} // namespace bellows::app
