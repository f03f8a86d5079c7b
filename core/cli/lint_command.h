#pragma once

#include "cli/cli_output.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace bellows::cli {

struct LintCommandOptions {
    QStringList paths; // files, or folders searched for *.sql
    bool json = false;
    QString serverVersion; // "15", "9.6", "15.4" or a server_version_num; empty: 15
};

// "15" -> 150000, "9.6" -> 90600, "150004" -> 150004; nullopt when it is not a version.
std::optional<int> parseServerVersion(const QString& text);

// bellows-cli lint FILE... [--json] [--server-version V]
// Exit: 1 when a file cannot be read or a statement cannot be parsed (the check is
// incomplete), else 2 when any finding has severity error, else 0.
int runLint(const LintCommandOptions& options, const Output& output);

} // namespace bellows::cli
