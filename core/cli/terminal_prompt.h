#pragma once

// Asking a person at the terminal before anything writes (DESIGN.md decision 3).

#include "cli/cli_output.h"

#include <QString>

namespace bellows::cli {

bool stdinIsTerminal();

// One line from the terminal; true only for an explicit yes.
bool askYes(const Output& output, const QString& question);

// One line of free text from the terminal, trimmed (empty when none was given).
QString askLine(const Output& output, const QString& question);

} // namespace bellows::cli
