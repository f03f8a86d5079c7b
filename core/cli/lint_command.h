#pragma once

#include "cli/cli_output.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace bellows::cli {

struct LintCommandOptions {
    QStringList paths; // files, or folders searched for *.sql
    bool json = false;
    QString serverVersion;       // "15", "9.6", "15.4" or a server_version_num; empty: 15
    QString url;                 // a live server whose version the SQL will run on (read only)
    QString shadowUrl;           // a server of that major whose parser checks the syntax
    bool ownGrammarOnly = false; // never ask a server's parser
};

// "15" -> 150000, "9.6" -> 90600, "150004" -> 150004; nullopt when it is not a version.
std::optional<int> parseServerVersion(const QString& text);

// bellows-cli lint FILE... [--json] [--server-version V | --url URL] [--shadow-url URL]
// [--own-grammar-only]
// When a statement does not parse with Bellows' parser (PostgreSQL 15's grammar) or the SQL
// will run on another major, the syntax is checked by a server of that major (the private
// shadow server, or --shadow-url) without executing anything (shadow/syntax_check.h).
// Exit: 1 when a file cannot be read or a statement cannot be parsed (the check is
// incomplete), else 2 when any finding has severity error, else 0. A statement in newer syntax
// that rules could not read is a warning (newer-syntax), as Bellows' own PostgreSQL 18 steps are.
int runLint(const LintCommandOptions& options, const Output& output);

} // namespace bellows::cli
