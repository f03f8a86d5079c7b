#pragma once

// What the linter reports about one statement of a SQL file.

#include "common/error.h"
#include "plan/hazard.h"

#include <QString>

#include <vector>

namespace bellows::lint {

enum class Severity {
    Error,   // blocking: an outage, a failed migration or data loss on a live database
    Warning, // a risk that depends on table size, traffic or the rollout order
    Info,    // worth knowing; safe when done as described
};

QString toString(Severity severity); // "error", "warning", "info"
Severity severityFromString(const QString& text, bool* ok = nullptr);

struct Finding {
    QString rule; // stable id, e.g. "create-index-not-concurrently" (docs/lint.md)
    Severity severity = Severity::Warning;
    SourceLocation location; // the statement, or the exact sub-command when the parser knows it
    QString message;         // what happens and to whom
    QString advice;          // the safe recipe in one or two sentences
    QString referenceRow;    // row of postgres-safe-ddl.md, e.g. "I1"
    std::vector<plan::Hazard> hazards;
    std::vector<plan::Lock> locks; // what the statement locks (mode + relation)
    plan::Work work = plan::Work::None;
    QString statement; // the statement text, trimmed, without its ';'
};

} // namespace bellows::lint
