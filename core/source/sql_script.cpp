#include "source/sql_script.h"

#include <QStringView>

#include <algorithm>
#include <cstring>

namespace bellows::source {

namespace {

// Character classes as in psql's lexer (src/fe_utils/psqlscan.l); every non-ASCII character
// counts as a letter there, because the lexer works on bytes with the high bit set.
inline bool isLetter(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_' || c >= 0x80;
}
inline bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}
inline bool isIdentCont(char16_t c)
{
    return isLetter(c) || isDigit(c) || c == u'$';
}
inline bool isHorizSpace(char16_t c)
{
    return c == u' ' || c == u'\t' || c == u'\f';
}
inline bool isNewline(char16_t c)
{
    return c == u'\n' || c == u'\r';
}

inline char16_t lowerAscii(char16_t c)
{
    return (c >= u'A' && c <= u'Z') ? char16_t(c + 32) : c;
}

// Case-insensitive comparison of script[start, end) with a lower-case ASCII word.
bool wordIs(const QChar* d, int start, int end, const char* word)
{
    const int len = int(std::strlen(word));
    if (end - start != len)
        return false;
    for (int k = 0; k < len; ++k) {
        if (lowerAscii(d[start + k].unicode()) != char16_t(word[k]))
            return false;
    }
    return true;
}

// Index just past a "--" comment (the newline is left for the caller).
int skipLineComment(const QChar* d, int n, int i)
{
    while (i < n && !isNewline(d[i].unicode()))
        ++i;
    return i;
}

// Index just past a nested /* */ comment starting at i, or -1 when it never ends.
int skipBlockComment(const QChar* d, int n, int i)
{
    int depth = 0;
    i += 2;
    while (i < n) {
        const char16_t c = d[i].unicode();
        if (c == u'*' && i + 1 < n && d[i + 1] == u'/') {
            if (depth == 0)
                return i + 2;
            --depth;
            i += 2;
        } else if (c == u'/' && i + 1 < n && d[i + 1] == u'*') {
            ++depth;
            i += 2;
        } else {
            ++i;
        }
    }
    return -1;
}

// Index just past a quoted string or identifier whose opening quote is at i, or -1.
// A doubled quote stands for itself; with backslashEscapes a backslash hides the next char.
int skipQuoted(const QChar* d, int n, int i, char16_t quote, bool backslashEscapes)
{
    ++i;
    while (i < n) {
        const char16_t c = d[i].unicode();
        if (c == u'\\' && backslashEscapes) {
            i += 2;
        } else if (c == quote) {
            if (i + 1 < n && d[i + 1] == quote)
                i += 2;
            else
                return i + 1;
        } else {
            ++i;
        }
    }
    return -1;
}

// Length of a dollar-quote delimiter ($$ or $tag$) at i, or 0 when there is none.
int dollarTagLength(const QChar* d, int n, int i)
{
    int j = i + 1;
    if (j < n && isLetter(d[j].unicode())) {
        ++j;
        while (j < n && (isLetter(d[j].unicode()) || isDigit(d[j].unicode())))
            ++j;
    }
    return (j < n && d[j] == u'$') ? j + 1 - i : 0;
}

// PostgreSQL's boolean spellings for a setting value (unique prefixes of true/false/yes/no).
bool parseBool(QString value, bool* out)
{
    value = value.toLower();
    if (value.size() >= 2 && value.startsWith(QLatin1Char('\'')) &&
        value.endsWith(QLatin1Char('\'')))
        value = value.mid(1, value.size() - 2);
    if (value.isEmpty())
        return false;
    auto prefixOf = [&](const char* word) { return QLatin1String(word).startsWith(value); };
    if (prefixOf("true") || prefixOf("yes") || value == QLatin1String("on") ||
        value == QLatin1String("1") || value == QLatin1String("default")) {
        *out = true;
        return true;
    }
    if (prefixOf("false") || prefixOf("no") || value == QLatin1String("of") ||
        value == QLatin1String("off") || value == QLatin1String("0")) {
        *out = false;
        return true;
    }
    return false;
}

class Splitter {
public:
    Splitter(const QString& script, const QString& fileName)
        : m_script(script), m_d(script.constData()), m_n(int(script.size())), m_file(fileName)
    {
    }

    Result<SplitScript> run();

private:
    void token(int start, int end);
    void word(int start, int end);
    void endStatement(bool expectCopyData);
    void trackStandardStrings(const QString& text);
    Result<int> readCopyData(int i);
    Error unterminated(int offset, const QString& what) const;

    const QString& m_script;
    const QChar* m_d;
    int m_n;
    QString m_file;
    SplitScript m_out;

    // The statement being collected.
    int m_start = -1; // first token
    int m_end = -1;   // just past the last token
    int m_parenDepth = 0;
    // psql's BEGIN ... END tracking for CREATE [OR REPLACE] FUNCTION/PROCEDURE bodies.
    int m_beginDepth = 0;
    int m_identifierCount = 0;
    char m_identifiers[4] = {};
    enum class First { Other, Copy, Set } m_first = First::Other;
    bool m_previousWasFrom = false;
    bool m_fromStdin = false;

    bool m_standardStrings = true;
    std::vector<size_t> m_pendingCopies; // COPY FROM stdin statements waiting for data
};

void Splitter::token(int start, int end)
{
    if (m_start < 0)
        m_start = start;
    m_end = end;
    m_previousWasFrom = false;
}

void Splitter::word(int start, int end)
{
    const bool firstToken = m_start < 0;
    if (m_start < 0)
        m_start = start;
    m_end = end;

    // Mirrors psqlscan.l: remember which of the first four words are CREATE, OR, REPLACE,
    // FUNCTION, PROCEDURE; inside such a statement count BEGIN/CASE against END at depth 0.
    if (m_identifierCount == 0)
        std::memset(m_identifiers, 0, sizeof m_identifiers);
    if (wordIs(m_d, start, end, "create") || wordIs(m_d, start, end, "function") ||
        wordIs(m_d, start, end, "procedure") || wordIs(m_d, start, end, "or") ||
        wordIs(m_d, start, end, "replace")) {
        if (m_identifierCount < int(sizeof m_identifiers))
            m_identifiers[m_identifierCount] = char(lowerAscii(m_d[start].unicode()));
    }
    ++m_identifierCount;
    const char* id = m_identifiers;
    if (id[0] == 'c' &&
        (id[1] == 'f' || id[1] == 'p' ||
         (id[1] == 'o' && id[2] == 'r' && (id[3] == 'f' || id[3] == 'p'))) &&
        m_parenDepth == 0) {
        if (wordIs(m_d, start, end, "begin"))
            ++m_beginDepth;
        else if (wordIs(m_d, start, end, "case") && m_beginDepth >= 1)
            ++m_beginDepth;
        else if (wordIs(m_d, start, end, "end") && m_beginDepth > 0)
            --m_beginDepth;
    }

    if (firstToken) {
        if (wordIs(m_d, start, end, "copy"))
            m_first = First::Copy;
        else if (wordIs(m_d, start, end, "set") || wordIs(m_d, start, end, "reset"))
            m_first = First::Set;
    } else if (m_first == First::Copy && m_parenDepth == 0 && m_previousWasFrom &&
               wordIs(m_d, start, end, "stdin")) {
        m_fromStdin = true;
    }
    m_previousWasFrom = m_parenDepth == 0 && wordIs(m_d, start, end, "from");
}

void Splitter::endStatement(bool expectCopyData)
{
    if (m_start >= 0) {
        ScriptStatement statement;
        statement.text = m_script.mid(m_start, m_end - m_start);
        statement.offset = m_start;
        const bool copyIn = m_first == First::Copy && m_fromStdin;
        statement.kind = copyIn ? StatementKind::CopyFromStdin : StatementKind::Sql;
        if (m_first == First::Set)
            trackStandardStrings(statement.text);
        m_out.statements.push_back(std::move(statement));
        if (copyIn && expectCopyData)
            m_pendingCopies.push_back(m_out.statements.size() - 1);
    }
    m_start = m_end = -1;
    m_parenDepth = m_beginDepth = m_identifierCount = 0;
    m_first = First::Other;
    m_previousWasFrom = m_fromStdin = false;
}

// psql lexes '...' with backslash escapes while the server's standard_conforming_strings is
// off; follow the script's own SET/RESET of it the way psql learns it from the server.
void Splitter::trackStandardStrings(const QString& text)
{
    const QStringList t = leadingTokens(text, 6);
    if (t.size() >= 2 && t[0] == QLatin1String("reset") &&
        (t[1] == QLatin1String("all") || t[1] == QLatin1String("standard_conforming_strings"))) {
        m_standardStrings = true;
        return;
    }
    if (t.isEmpty() || t[0] != QLatin1String("set"))
        return;
    int k = 1;
    if (k < t.size() && (t[k] == QLatin1String("session") || t[k] == QLatin1String("local")))
        ++k;
    if (k + 2 < t.size() && t[k] == QLatin1String("standard_conforming_strings") &&
        (t[k + 1] == QLatin1String("=") || t[k + 1] == QLatin1String("to"))) {
        bool value = true;
        if (parseBool(t[k + 2], &value))
            m_standardStrings = value;
    }
}

// COPY ... FROM stdin data follows the line that ended the statement, up to a line "\.",
// exactly as psql reads it (line by line, \n-terminated).
Result<int> Splitter::readCopyData(int i)
{
    for (size_t index : m_pendingCopies) {
        ScriptStatement& statement = m_out.statements[index];
        const int dataStart = i;
        for (;;) {
            if (i >= m_n)
                return unterminated(statement.offset,
                                    QStringLiteral("COPY data not terminated by a line \\."));
            int lineEnd = int(m_script.indexOf(QLatin1Char('\n'), i));
            const int next = lineEnd < 0 ? m_n : lineEnd + 1;
            if (lineEnd < 0)
                lineEnd = m_n;
            int contentEnd = lineEnd;
            if (contentEnd > i && m_d[contentEnd - 1] == u'\r')
                --contentEnd;
            if (contentEnd - i == 2 && m_d[i] == u'\\' && m_d[i + 1] == u'.') {
                statement.copyData = m_script.mid(dataStart, i - dataStart);
                i = next;
                break;
            }
            i = next;
        }
    }
    m_pendingCopies.clear();
    return i;
}

Error Splitter::unterminated(int offset, const QString& what) const
{
    Error error{what};
    error.location = locate(m_script, m_file, offset);
    error.context = sourceExcerpt(m_script, offset);
    return error;
}

Result<SplitScript> Splitter::run()
{
    const QChar* d = m_d;
    const int n = m_n;
    int i = (n > 0 && d[0] == u'\xFEFF') ? 1 : 0; // a byte-order mark is not SQL
    while (i < n) {
        const char16_t c = d[i].unicode();
        const char16_t next = i + 1 < n ? d[i + 1].unicode() : u'\0';
        if (isNewline(c)) {
            i += (c == u'\r' && next == u'\n') ? 2 : 1;
            if (!m_pendingCopies.empty()) {
                auto after = readCopyData(i);
                if (!after)
                    return after.error();
                i = *after;
            }
            continue;
        }
        if (isHorizSpace(c)) {
            ++i;
            continue;
        }
        if (c == u'-' && next == u'-') {
            i = skipLineComment(d, n, i);
            continue;
        }
        if (c == u'/' && next == u'*') {
            const int end = skipBlockComment(d, n, i);
            if (end < 0)
                return unterminated(i, QStringLiteral("unterminated /* comment"));
            i = end;
            continue;
        }

        int end = i + 1;
        switch (c) {
        case u'\'':
        case u'"': {
            end = skipQuoted(d, n, i, c, c == u'\'' && !m_standardStrings);
            if (end < 0)
                return unterminated(i, c == u'"' ? QStringLiteral("unterminated quoted identifier")
                                                 : QStringLiteral("unterminated quoted string"));
            token(i, end);
            break;
        }
        case u'$':
            if (isDigit(next)) { // $1 is a parameter, not a quote
                while (end < n && isDigit(d[end].unicode()))
                    ++end;
            } else if (const int tag = dollarTagLength(d, n, i); tag > 0) {
                const int close = int(m_script.indexOf(QStringView(d + i, tag), i + tag));
                if (close < 0)
                    return unterminated(i, QStringLiteral("unterminated dollar-quoted string %1")
                                               .arg(QStringView(d + i, tag)));
                end = close + tag;
            }
            token(i, end);
            break;
        case u'(':
            ++m_parenDepth;
            token(i, end);
            break;
        case u')':
            if (m_parenDepth > 0)
                --m_parenDepth;
            token(i, end);
            break;
        case u';':
            if (m_parenDepth == 0 && m_beginDepth == 0)
                endStatement(true);
            else
                token(i, end);
            break;
        case u'\\': {
            // A psql meta-command runs to the end of the line. psql would keep a half-typed
            // statement pending across it; we end that statement here instead.
            endStatement(true);
            while (end < n && !isNewline(d[end].unicode()))
                ++end;
            ScriptStatement meta;
            meta.kind = StatementKind::MetaCommand;
            meta.text = m_script.mid(i, end - i).trimmed();
            meta.offset = i;
            const bool copyIn = isCopyFromStdinMeta(meta.text);
            m_out.statements.push_back(std::move(meta));
            if (copyIn) // \copy ... from stdin reads its data from the script, like COPY
                m_pendingCopies.push_back(m_out.statements.size() - 1);
            break;
        }
        case u':':
            // "::" is a cast; :'name' and :"name" are psql variable references, not quotes.
            if (next == u':') {
                end = i + 2;
            } else if (next == u'\'' || next == u'"') {
                int j = i + 2;
                while (j < n && (isLetter(d[j].unicode()) || isDigit(d[j].unicode())))
                    ++j;
                if (j > i + 2 && j < n && d[j] == next)
                    end = j + 1;
            }
            token(i, end);
            break;
        default:
            if (isDigit(c)) {
                while (end < n && isDigit(d[end].unicode()))
                    ++end;
                token(i, end);
            } else if (isLetter(c)) {
                const char16_t lower = lowerAscii(c);
                if (next == u'\'' && (lower == u'e' || lower == u'b' || lower == u'x')) {
                    // E'...' has backslash escapes; B'...' and X'...' never do.
                    // psql lexes line by line, so 'a'<newline>'b' never continues an E''
                    // literal for it, although the server would; psql decides the split.
                    end = skipQuoted(d, n, i + 1, u'\'', lower == u'e');
                    if (end < 0)
                        return unterminated(i, QStringLiteral("unterminated quoted string"));
                    token(i, end);
                } else if (lower == u'n' && next == u'\'') {
                    token(i, end); // N'...': the quote is lexed on its own next
                } else if (lower == u'u' && next == u'&') {
                    const char16_t quote = i + 2 < n ? d[i + 2].unicode() : u'\0';
                    if (quote == u'\'' || quote == u'"') {
                        end = skipQuoted(d, n, i + 2, quote, false);
                        if (end < 0)
                            return unterminated(
                                i, quote == u'"' ? QStringLiteral("unterminated quoted identifier")
                                                 : QStringLiteral("unterminated quoted string"));
                    }
                    token(i, end);
                } else {
                    while (end < n && isIdentCont(d[end].unicode()))
                        ++end;
                    word(i, end);
                }
            } else {
                token(i, end);
            }
            break;
        }
        i = end;
    }
    if (!m_pendingCopies.empty())
        return unterminated(m_out.statements[m_pendingCopies.front()].offset,
                            QStringLiteral("COPY data not terminated by a line \\."));
    endStatement(false);

    // Line and column of every statement in one pass; offsets only grow.
    int line = 1;
    int lineStart = 0;
    int pos = 0;
    for (ScriptStatement& statement : m_out.statements) {
        for (; pos < statement.offset; ++pos) {
            const char16_t c = d[pos].unicode();
            if (c == u'\n' || (c == u'\r' && !(pos + 1 < n && d[pos + 1] == u'\n'))) {
                ++line;
                lineStart = pos + 1;
            }
        }
        statement.line = line;
        statement.column = statement.offset - lineStart + 1;
    }
    return std::move(m_out);
}

} // namespace

bool isCopyFromStdinMeta(const QString& metaCommand)
{
    if (!metaCommand.startsWith(QLatin1String("\\copy")) ||
        (metaCommand.size() > 5 && !metaCommand.at(5).isSpace()))
        return false;
    const QStringList words = leadingTokens(metaCommand.mid(1), 64);
    for (qsizetype k = 1; k < words.size(); ++k) {
        if (words[k - 1] == QLatin1String("from") && words[k] == QLatin1String("stdin"))
            return true;
    }
    return false;
}

Result<SplitScript> splitScript(const QString& script, const QString& fileName)
{
    return Splitter(script, fileName).run();
}

SourceLocation locate(const QString& script, const QString& fileName, int offset)
{
    const QChar* d = script.constData();
    const int n = int(script.size());
    offset = std::clamp(offset, 0, n);
    int line = 1;
    int lineStart = 0;
    for (int pos = 0; pos < offset; ++pos) {
        const char16_t c = d[pos].unicode();
        if (c == u'\n' || (c == u'\r' && !(pos + 1 < n && d[pos + 1] == u'\n'))) {
            ++line;
            lineStart = pos + 1;
        }
    }
    return SourceLocation{fileName, line, offset - lineStart + 1};
}

QString sourceExcerpt(const QString& script, int offset)
{
    const QChar* d = script.constData();
    const int n = int(script.size());
    offset = std::clamp(offset, 0, n);
    int start = offset;
    while (start > 0 && !isNewline(d[start - 1].unicode()))
        --start;
    int end = offset;
    while (end < n && !isNewline(d[end].unicode()))
        ++end;

    // Long lines (dumped function bodies) are cut to a window around the column.
    constexpr int kHalfWidth = 80;
    QString prefix, suffix;
    if (offset - start > kHalfWidth) {
        start = offset - kHalfWidth;
        prefix = QStringLiteral("...");
    }
    if (end - offset > kHalfWidth) {
        end = offset + kHalfWidth;
        suffix = QStringLiteral("...");
    }
    QString caret = QString(prefix.size(), QLatin1Char(' '));
    for (int k = start; k < offset; ++k)
        caret += d[k] == u'\t' ? QLatin1Char('\t') : QLatin1Char(' ');
    caret += QLatin1Char('^');
    return prefix + script.mid(start, end - start) + suffix + QLatin1Char('\n') + caret;
}

QStringList leadingTokens(const QString& statement, int max)
{
    QStringList tokens;
    const QChar* d = statement.constData();
    const int n = int(statement.size());
    int i = 0;
    while (i < n && tokens.size() < max) {
        const char16_t c = d[i].unicode();
        const char16_t next = i + 1 < n ? d[i + 1].unicode() : u'\0';
        if (isHorizSpace(c) || isNewline(c)) {
            ++i;
        } else if (c == u'-' && next == u'-') {
            i = skipLineComment(d, n, i);
        } else if (c == u'/' && next == u'*') {
            const int end = skipBlockComment(d, n, i);
            i = end < 0 ? n : end;
        } else if (c == u'"') {
            int end = skipQuoted(d, n, i, u'"', false);
            if (end < 0)
                end = n;
            tokens << statement.mid(i + 1, std::max(0, end - i - 2))
                          .replace(QStringLiteral("\"\""), QStringLiteral("\""));
            i = end;
        } else if (c == u'\'' || ((c == u'e' || c == u'E') && next == u'\'')) {
            const bool escapes = c != u'\'';
            const int from = escapes ? i + 1 : i;
            int end = skipQuoted(d, n, from, u'\'', escapes);
            if (end < 0)
                end = n;
            tokens << statement.mid(from, end - from);
            i = end;
        } else if (isLetter(c)) {
            int end = i + 1;
            while (end < n && isIdentCont(d[end].unicode()))
                ++end;
            tokens << statement.mid(i, end - i).toLower();
            i = end;
        } else if (isDigit(c)) {
            int end = i + 1;
            while (end < n && (isDigit(d[end].unicode()) || d[end] == u'.'))
                ++end;
            tokens << statement.mid(i, end - i);
            i = end;
        } else {
            tokens << QString(QChar(c));
            ++i;
        }
    }
    return tokens;
}

} // namespace bellows::source
