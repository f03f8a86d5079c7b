#pragma once

#include <QString>

namespace bellows {

// Where in a user's file an error points. Line and column are 1-based; 0 means unknown.
struct SourceLocation {
    QString file;
    int line = 0;
    int column = 0;

    bool isValid() const { return !file.isEmpty() || line > 0; }
    QString toString() const;
};

// An error as core reports it: one clear message, optionally a location in a user's file,
// and PostgreSQL's own SQLSTATE / detail / hint when the error came from the server.
struct Error {
    QString message;
    SourceLocation location;
    QString sqlState;
    QString detail;
    QString hint;
    QString context; // e.g. the offending source line
    bool cancelled = false;

    static Error cancel() { return Error{QStringLiteral("cancelled"), {}, {}, {}, {}, {}, true}; }

    // "file:line:column: message" followed by detail / hint / context lines.
    QString toString() const;
};

} // namespace bellows
