#pragma once

// The SQL linter: parses a migration file with libpg_query (PostgreSQL 15's grammar) and
// reports the hazards each statement carries on a live database — the same vocabulary the
// planner uses for its own steps. Rules and their ids: docs/lint.md.

#include "common/result.h"
#include "common/syntax_verdict.h"
#include "lint/finding.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace bellows::lint {

struct LintOptions {
    // The server the file will run on (server_version_num): fast defaults (11), scan-free
    // SET NOT NULL and REINDEX CONCURRENTLY (12), DETACH CONCURRENTLY (14), NOT NULL NOT VALID
    // (18).
    int serverVersionNum = 150000;
    // Tables known to be new (empty, unused by the running app) before the input starts,
    // as "schema.table" or "table". Tables created earlier in the input itself are added.
    QStringList newTables;
    // The SQL is a plan step: the runner sets lock_timeout and statement_timeout for each of its
    // statements from the parse tree (exec/statement_timeouts), so "no lock_timeout set" does
    // not apply to it.
    bool runnerSetsTimeouts = false;
    // The grammar of the server the SQL will run on (shadow/syntax_check), when one is at hand:
    // a verdict per statement, or nullopt when the server could not be asked. Its verdict wins
    // over Bellows' own parser (PostgreSQL 15's grammar) in both directions.
    std::function<std::optional<std::vector<SyntaxVerdict>>(const QStringList&)> serverGrammar;
    QString serverGrammarName; // e.g. "PostgreSQL 18.4"
};

struct LintReport {
    QString file;
    std::vector<Finding> findings; // in statement order
    int statements = 0;            // statements parsed (or attempted, when some failed)
    bool parseError = false;       // at least one statement could not be parsed

    int count(Severity severity) const;
};

// Lints SQL text. Never fails: a statement the parser rejects becomes a "parse-error" finding
// at the parser's position, and the statements around it are still checked. With a server
// grammar, a statement only Bellows' parser rejects becomes a "newer-syntax" warning naming the
// rules that could not run on it, and one only the server rejects a "parse-error".
LintReport lintSql(const QString& sql, const QString& fileName, const LintOptions& options = {});

// Reads a file (UTF-8) and lints it. Fails only when the file cannot be read.
Result<LintReport> lintFile(const QString& path, const LintOptions& options = {});

// Compiler-style text: "file:line:col: error: message [rule, ref I1]" with an indented hint
// line, then a summary line.
QString renderText(const std::vector<LintReport>& reports);

// The same as JSON (format in docs/lint.md).
QJsonObject toJson(const std::vector<LintReport>& reports);

} // namespace bellows::lint
