#pragma once

#include "cli/cli_output.h"

#include <QString>

namespace bellows::cli {

struct InspectOptions {
    QString conninfo;
    bool json = false;
};

// bellows-cli inspect --db CONN [--json]
int runInspect(const InspectOptions& options, const Output& output);

} // namespace bellows::cli
