#pragma once

#include <QTextStream>

namespace bellows::cli {

// Where a command writes: stdout for results, stderr for errors, warnings and progress.
struct Output {
    QTextStream& out;
    QTextStream& err;

    void error(const QString& message) const;
    void warning(const QString& message) const;
};

// Exit codes of every command (DESIGN.md): 0 success / no differences, 1 error,
// 2 differences found (diff --exit-code) or a refusal by policy.
enum ExitCode { ExitOk = 0, ExitError = 1, ExitDifferences = 2 };

} // namespace bellows::cli
