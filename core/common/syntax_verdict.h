#pragma once

#include <QString>

namespace bellows {

// What a PostgreSQL server's own parser says of one statement's syntax.
struct SyntaxVerdict {
    bool accepted = true;
    int offset = 0;  // rejected: character offset of the error in the statement
    QString message; // rejected: the server's message, e.g. syntax error at or near "merge"
};

} // namespace bellows
