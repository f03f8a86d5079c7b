#pragma once

// bellows-cli apply, status and rollback: argument parsing for the runner's commands.

#include "cli/cli_output.h"

#include <QStringList>

namespace bellows::app {

int applyCommand(const QStringList& args, const cli::Output& output);
int statusCommand(const QStringList& args, const cli::Output& output);
int rollbackCommand(const QStringList& args, const cli::Output& output);

} // namespace bellows::app
