#pragma once

// Tokens of the Prisma schema language, for prisma_parser. The language is line-oriented (one
// field per line), so newlines are tokens; `//` comments are dropped, `///` doc comments kept.

#include "common/result.h"
#include "source/prisma_schema.h"

#include <QString>

#include <vector>

namespace bellows::source::prisma {

struct Token {
    enum class Kind { Identifier, String, Number, Punct, Newline, DocComment, End };
    Kind kind = Kind::End;
    QString text;   // identifier, unescaped string, number as written, punctuation ("@@", "{"),
                    // or a doc comment's text without "///"
    int offset = 0; // in the file's text
    int line = 1;
    int column = 1;

    bool is(Kind k, QStringView t) const { return kind == k && text == t; }
    bool isPunct(QStringView t) const { return is(Kind::Punct, t); }
};

// How a token is named in an error message: `"="`, `"User"`, `end of line`, `end of file`.
QString describe(const Token& token);

// An Error at `location` (1-based line and column) in `file`, with the source line and a caret
// as context.
Error errorAt(const SourceFile& file, const SourceLocation& location, const QString& message);

// Splits one file into tokens, always ending with an End token. Fails on an unterminated
// string, a bad escape or a character that cannot start any token.
class Lexer {
public:
    explicit Lexer(const SourceFile& file);

    Result<std::vector<Token>> run();

private:
    Error error(int offset, const QString& message) const;
    void push(Token::Kind kind, const QString& text, int start);
    bool lexString(int& i, QString& out, QString& problem, int& problemAt) const;

    const SourceFile& m_file;
    const QString& m_text;
    std::vector<Token> m_tokens;
    int m_line = 1;
    int m_lineStart = 0; // offset where the current line starts
};

} // namespace bellows::source::prisma
