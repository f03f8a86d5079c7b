#pragma once

#include "common/result.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace bellows::source {

enum class StatementKind { Sql, MetaCommand, CopyFromStdin };

struct ScriptStatement {
    StatementKind kind = StatementKind::Sql;
    // Sql: the statement without its terminating ';' (and without trailing whitespace);
    // MetaCommand: the line from the backslash on; CopyFromStdin: the COPY statement.
    QString text;
    // CopyFromStdin (and a "\copy ... from stdin" meta-command): the data lines up to (not
    // including) the "\." line, each with its line ending as in the file.
    QString copyData;
    int offset = 0; // character offset of text's first character in the whole script
    int line = 0;   // 1-based location of that character
    int column = 0;
};

struct SplitScript {
    std::vector<ScriptStatement> statements;
};

// Splits a script into statements the way psql does when it runs `psql -f`: comments, all
// kinds of quotes, dollar quoting, parenthesis depth, CREATE FUNCTION ... BEGIN ATOMIC bodies,
// psql meta-commands and COPY ... FROM stdin data. Statements that are empty or only comments
// are dropped. Fails only for an unterminated quote, dollar quote, comment or COPY data, with
// the location of where it starts.
Result<SplitScript> splitScript(const QString& script, const QString& fileName);

// True for a psql "\copy ... from stdin" meta-command, whose data rows follow it in the
// script up to a line "\." (splitScript stores them in its copyData).
bool isCopyFromStdinMeta(const QString& metaCommand);

// Maps a character offset inside the script to a 1-based line and column (in characters).
// \n, \r\n and a lone \r each end a line.
SourceLocation locate(const QString& script, const QString& fileName, int offset);

// The line that contains `offset`, then a caret line pointing at it (tabs kept so the caret
// lines up), for Error::context.
QString sourceExcerpt(const QString& script, int offset);

// The first `max` tokens of a statement, skipping comments, for recognising what it is:
// bare words lower-cased, quoted identifiers without their quotes, string literals with
// their quotes (so 'off' and off stay distinguishable), any other character on its own.
QStringList leadingTokens(const QString& statement, int max);

} // namespace bellows::source
