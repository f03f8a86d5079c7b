#include "diff/identifier_rewrite.h"

#include "catalog/catalog.h"
#include "sql/quote.h"

#include <vector>

namespace bellows::diff {

namespace {

struct Token {
    enum Type { Identifier, Punctuation, Other };
    Type type = Other;
    qsizetype start = 0;
    qsizetype length = 0;
    QString value; // identifier name (unquoted), or the punctuation text
    bool quoted = false;
};

bool isIdentStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c.unicode() >= 0x80;
}

bool isIdentChar(QChar c)
{
    return isIdentStart(c) || c.isDigit() || c == QLatin1Char('$');
}

// End of a string literal starting at `i` (the opening quote).
qsizetype skipString(const QString& s, qsizetype i, bool backslashEscapes)
{
    qsizetype j = i + 1;
    while (j < s.size()) {
        const QChar c = s.at(j);
        if (backslashEscapes && c == QLatin1Char('\\')) {
            j += 2;
        } else if (c == QLatin1Char('\'')) {
            if (j + 1 < s.size() && s.at(j + 1) == QLatin1Char('\''))
                j += 2;
            else
                return j + 1;
        } else {
            ++j;
        }
    }
    return s.size();
}

std::vector<Token> tokenize(const QString& s)
{
    std::vector<Token> tokens;
    qsizetype i = 0;
    const qsizetype n = s.size();
    while (i < n) {
        const QChar c = s.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        Token t;
        t.start = i;
        if (c == QLatin1Char('\'')) {
            // E'...' strings are lexed as identifier "E" immediately followed by a literal.
            const bool escapes =
                !tokens.empty() && !tokens.back().quoted &&
                tokens.back().start + tokens.back().length == i &&
                tokens.back().value.compare(QStringLiteral("e"), Qt::CaseInsensitive) == 0;
            i = skipString(s, i, escapes);
        } else if (c == QLatin1Char('"')) {
            t.type = Token::Identifier;
            t.quoted = true;
            qsizetype j = i + 1;
            while (j < n) {
                if (s.at(j) == QLatin1Char('"')) {
                    if (j + 1 < n && s.at(j + 1) == QLatin1Char('"')) {
                        t.value += QLatin1Char('"');
                        j += 2;
                        continue;
                    }
                    ++j;
                    break;
                }
                t.value += s.at(j++);
            }
            i = j;
        } else if (c == QLatin1Char('$')) {
            qsizetype j = i + 1;
            while (j < n && (s.at(j).isLetterOrNumber() || s.at(j) == QLatin1Char('_')))
                ++j;
            const bool tagged =
                j < n && s.at(j) == QLatin1Char('$') && !(j > i + 1 && s.at(i + 1).isDigit());
            if (tagged) {
                const QString tag = s.mid(i, j - i + 1);
                const qsizetype end = s.indexOf(tag, j + 1);
                i = end < 0 ? n : end + tag.size();
            } else {
                i = j; // a $1 parameter
            }
        } else if (isIdentStart(c)) {
            qsizetype j = i;
            while (j < n && isIdentChar(s.at(j)))
                ++j;
            t.value = s.mid(i, j - i);
            // PostgreSQL prints a name bare only when quote_ident would: anything else bare
            // (ON, USING, NOT) is a keyword, whatever a quoted column might be called.
            t.type = sql::quoteIdent(t.value) == t.value ? Token::Identifier : Token::Other;
            i = j;
        } else if (c.isDigit()) {
            qsizetype j = i;
            while (j < n && (s.at(j).isLetterOrNumber() || s.at(j) == QLatin1Char('.')))
                ++j;
            i = j;
        } else if (c == QLatin1Char(':') && i + 1 < n && s.at(i + 1) == QLatin1Char(':')) {
            t.type = Token::Punctuation;
            t.value = QStringLiteral("::");
            i += 2;
        } else {
            t.type = Token::Punctuation;
            t.value = QString(c);
            ++i;
        }
        t.length = i - t.start;
        tokens.push_back(t);
    }
    return tokens;
}

bool isPunct(const std::vector<Token>& tokens, qsizetype k, const QString& text)
{
    return k >= 0 && k < qsizetype(tokens.size()) && tokens[k].type == Token::Punctuation &&
           tokens[k].value == text;
}

} // namespace

QString rewriteIdentifiers(const QString& sql, const IdentifierRewrite& rewrite)
{
    if (rewrite.isEmpty() || sql.isEmpty())
        return sql;
    const std::vector<Token> tokens = tokenize(sql);
    const QString dot = QStringLiteral(".");

    struct Replacement {
        qsizetype start;
        qsizetype length;
        QString text;
    };
    std::vector<Replacement> replacements;

    for (qsizetype k = 0; k < qsizetype(tokens.size()); ++k) {
        const Token& t = tokens[k];
        if (t.type != Token::Identifier)
            continue;
        const bool qualified =
            isPunct(tokens, k - 1, dot) && k >= 2 && tokens[k - 2].type == Token::Identifier;
        if (qualified) {
            const QString& qualifier = tokens[k - 2].value;
            const QString relation = catalog::key(qualifier, t.value);
            if (rewrite.relations.contains(relation)) {
                replacements.push_back(
                    {t.start, t.length, sql::quoteIdent(rewrite.relations.value(relation))});
            } else if (rewrite.columns.contains(t.value) &&
                       rewrite.selfQualifiers.contains(qualifier) &&
                       !isPunct(tokens, k + 1, QStringLiteral("("))) {
                replacements.push_back(
                    {t.start, t.length, sql::quoteIdent(rewrite.columns.value(t.value))});
            }
            continue;
        }
        if (isPunct(tokens, k + 1, dot)) {
            if (rewrite.qualifiers.contains(t.value))
                replacements.push_back(
                    {t.start, t.length, sql::quoteIdent(rewrite.qualifiers.value(t.value))});
            continue;
        }
        // Bare names: skip function calls, type names after ::, and qualifiers of longer names.
        if (!rewrite.columns.contains(t.value) || isPunct(tokens, k + 1, QStringLiteral("(")) ||
            isPunct(tokens, k - 1, QStringLiteral("::")) || isPunct(tokens, k + 1, dot))
            continue;
        replacements.push_back(
            {t.start, t.length, sql::quoteIdent(rewrite.columns.value(t.value))});
    }

    QString out = sql;
    for (auto it = replacements.rbegin(); it != replacements.rend(); ++it)
        out.replace(it->start, it->length, it->text);
    return out;
}

} // namespace bellows::diff
