#include "source/prisma_lexer.h"

#include "source/sql_script.h"

namespace bellows::source::prisma {

namespace {

inline bool isNewline(char16_t c)
{
    return c == u'\n' || c == u'\r';
}
inline bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}
// Prisma identifiers are ASCII: a letter or "_" first, then letters, digits, "_" and "-".
inline bool isIdentStart(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}
inline bool isIdentCont(char16_t c)
{
    return isIdentStart(c) || isDigit(c) || c == u'-';
}
inline int hexValue(char16_t c)
{
    if (isDigit(c))
        return c - u'0';
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c - u'A' + 10;
    return -1;
}

// Shown in messages: printable characters as themselves, the rest as U+XXXX.
QString showChar(QChar c)
{
    if (c.isPrint() && !c.isSurrogate())
        return QStringLiteral("\"") + c + QStringLiteral("\"");
    return QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
}

} // namespace

QString describe(const Token& token)
{
    switch (token.kind) {
    case Token::Kind::Newline:
        return QStringLiteral("end of line");
    case Token::Kind::End:
        return QStringLiteral("end of file");
    case Token::Kind::DocComment:
        return QStringLiteral("\"///\" comment");
    case Token::Kind::String: {
        QString shown = token.text.left(40);
        if (token.text.size() > 40)
            shown += QStringLiteral("...");
        return QStringLiteral("string \"") + shown + QLatin1Char('"');
    }
    default:
        return QLatin1Char('"') + token.text.left(60) + QLatin1Char('"');
    }
}

Error errorAt(const SourceFile& file, const SourceLocation& location, const QString& message)
{
    // Walk to the start of the location's line: \n, \r\n and a lone \r each end a line, as in
    // the lexer.
    const QString& text = file.text;
    const int n = int(text.size());
    int offset = 0;
    for (int line = 1; line < location.line && offset < n;) {
        const char16_t c = text[offset].unicode();
        ++offset;
        if (c == u'\r' && offset < n && text[offset] == u'\n')
            ++offset;
        if (isNewline(c))
            ++line;
    }
    offset = std::min(offset + std::max(location.column - 1, 0), n);
    Error error;
    error.message = message;
    error.location = location;
    error.context = sourceExcerpt(text, offset);
    return error;
}

Lexer::Lexer(const SourceFile& file) : m_file(file), m_text(file.text) {}

Error Lexer::error(int offset, const QString& message) const
{
    return errorAt(m_file, SourceLocation{m_file.path, m_line, offset - m_lineStart + 1}, message);
}

void Lexer::push(Token::Kind kind, const QString& text, int start)
{
    m_tokens.push_back(Token{kind, text, start, m_line, start - m_lineStart + 1});
}

Result<std::vector<Token>> Lexer::run()
{
    const int n = int(m_text.size());
    const QChar* d = m_text.constData();
    int i = (n > 0 && d[0] == u'\xFEFF') ? 1 : 0; // a byte-order mark is not a token
    while (i < n) {
        const char16_t c = d[i].unicode();
        const char16_t next = i + 1 < n ? d[i + 1].unicode() : u'\0';
        if (isNewline(c)) {
            push(Token::Kind::Newline, QString(), i);
            i += (c == u'\r' && next == u'\n') ? 2 : 1;
            ++m_line;
            m_lineStart = i;
            continue;
        }
        if (c == u' ' || c == u'\t' || c == u'\f' || c == u'\v' || (c > 0x7F && d[i].isSpace())) {
            ++i;
            continue;
        }
        if (c == u'/' && next == u'/') {
            const int start = i;
            while (i < n && !isNewline(d[i].unicode()))
                ++i;
            if (start + 2 < n && d[start + 2] == u'/')
                push(Token::Kind::DocComment, m_text.mid(start + 3, i - start - 3).trimmed(),
                     start);
            continue;
        }
        if (c == u'"') {
            const int start = i;
            QString value, problem;
            int problemAt = i;
            if (!lexString(i, value, problem, problemAt))
                return error(problemAt, problem);
            push(Token::Kind::String, value, start);
            continue;
        }
        if (isDigit(c) || (c == u'-' && isDigit(next))) {
            const int start = i;
            ++i;
            while (i < n && isDigit(d[i].unicode()))
                ++i;
            if (i + 1 < n && d[i] == u'.' && isDigit(d[i + 1].unicode())) {
                i += 2;
                while (i < n && isDigit(d[i].unicode()))
                    ++i;
            }
            if (i < n && (d[i] == u'e' || d[i] == u'E')) {
                int j = i + 1;
                if (j < n && (d[j] == u'+' || d[j] == u'-'))
                    ++j;
                if (j < n && isDigit(d[j].unicode())) {
                    i = j;
                    while (i < n && isDigit(d[i].unicode()))
                        ++i;
                }
            }
            push(Token::Kind::Number, m_text.mid(start, i - start), start);
            continue;
        }
        if (isIdentStart(c)) {
            const int start = i;
            while (i < n && isIdentCont(d[i].unicode()))
                ++i;
            push(Token::Kind::Identifier, m_text.mid(start, i - start), start);
            continue;
        }
        if (c == u'@' && next == u'@') {
            push(Token::Kind::Punct, QStringLiteral("@@"), i);
            i += 2;
            continue;
        }
        if (QStringView(u"@{}()[],:=?.").contains(QChar(c))) {
            push(Token::Kind::Punct, QString(QChar(c)), i);
            ++i;
            continue;
        }
        return error(i, QStringLiteral("unexpected character ") + showChar(d[i]));
    }
    push(Token::Kind::End, QString(), n);
    return std::move(m_tokens);
}

// A string literal from its opening quote at `i`, JSON escapes; leaves `i` after the closing
// quote. Strings end at the end of their line: a missing quote is reported at the opening one.
bool Lexer::lexString(int& i, QString& out, QString& problem, int& problemAt) const
{
    const int n = int(m_text.size());
    const QChar* d = m_text.constData();
    const int open = i;
    ++i;
    while (i < n) {
        const char16_t c = d[i].unicode();
        if (c == u'"') {
            ++i;
            return true;
        }
        if (isNewline(c))
            break;
        if (c != u'\\') {
            out += d[i];
            ++i;
            continue;
        }
        if (i + 1 >= n || isNewline(d[i + 1].unicode()))
            break;
        const char16_t e = d[i + 1].unicode();
        // clang-format off
        switch (e) {
        case u'"': out += QLatin1Char('"'); break;
        case u'\\': out += QLatin1Char('\\'); break;
        case u'/': out += QLatin1Char('/'); break;
        case u'\'': out += QLatin1Char('\''); break;
        case u'b': out += QLatin1Char('\b'); break;
        case u'f': out += QLatin1Char('\f'); break;
        case u'n': out += QLatin1Char('\n'); break;
        case u'r': out += QLatin1Char('\r'); break;
        case u't': out += QLatin1Char('\t'); break;
        case u'0': out += QChar(u'\0'); break;
        case u'u': {
            int value = 0;
            for (int k = 0; k < 4; ++k) {
                const int h = i + 2 + k < n ? hexValue(d[i + 2 + k].unicode()) : -1;
                if (h < 0) {
                    problem = QStringLiteral("bad \\u escape — expected four hex digits");
                    problemAt = i;
                    return false;
                }
                value = value * 16 + h;
            }
            out += QChar(char16_t(value));
            i += 6;
            continue;
        }
        default:
            problem = QStringLiteral("unknown escape \"\\") + QChar(e)
                + QStringLiteral("\" in string — expected one of \\\" \\\\ \\n \\r \\t \\uXXXX");
            problemAt = i;
            return false;
        }
        // clang-format on
        i += 2;
    }
    problem = QStringLiteral("unterminated string — expected a closing \" on the same line");
    problemAt = open;
    return false;
}

} // namespace bellows::source::prisma
