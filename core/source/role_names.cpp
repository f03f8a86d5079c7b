#include "source/role_names.h"

#include <QRegularExpression>

namespace bellows::source {

namespace {

QString foldIdentifier(const QString& word)
{
    if (word.startsWith(QLatin1Char('"')))
        return word.mid(1, word.size() - 2).replace(QStringLiteral("\"\""), QStringLiteral("\""));
    return word.toLower();
}

// The pieces a role-creating DO body may consist of, each matched at the current position.
const QList<QRegularExpression>& roleBodyPieces()
{
    static const QString nameRx = QStringLiteral(R"(("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*))");
    static const QString optionsRx = QStringLiteral(R"((?:[^;'"]|'(?:[^']|'')*'|"(?:[^"]|"")*")*)");
    static const auto rx = [](const QString& pattern) {
        return QRegularExpression(QStringLiteral("\\G\\s*(?:") + pattern + QStringLiteral(")"),
                                  QRegularExpression::CaseInsensitiveOption);
    };
    static const QList<QRegularExpression> pieces{
        // CREATE ROLE name [WITH] options…  (capture 1: the name)
        rx(QStringLiteral("CREATE\\s+(?:ROLE|USER|GROUP)\\s+") + nameRx + optionsRx),
        rx(QStringLiteral("ALTER\\s+(?:ROLE|USER|GROUP)\\s+") + nameRx + optionsRx),
        // IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '…') THEN: nothing else, so the
        // condition calls no function that could do schema work.
        rx(QStringLiteral(R"(IF\s+NOT\s+EXISTS\s*\(\s*SELECT\s+(?:1\s+|\*\s+)?FROM\s+)"
                          R"((?:pg_catalog\s*\.\s*)?pg_(?:roles|authid|user)\s+WHERE\s+)"
                          R"((?:rolname|usename)\s*=\s*'(?:[^']|'')*'\s*\)\s*THEN\b)")),
        rx(QStringLiteral(R"(EXCEPTION\s+WHEN\s+[a-z_]+(?:\s+OR\s+[a-z_]+)*\s+THEN\b)")),
        // RAISE with a literal and plain variables (SQLERRM): no expression, so no call.
        rx(QStringLiteral(R"(RAISE\s+(?:NOTICE|INFO|LOG|DEBUG|WARNING)\s+'(?:[^']|'')*')"
                          R"((?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*)")),
        rx(QStringLiteral(R"(END\s+IF\b|BEGIN\b|END\b|ELSE\b|NULL\b|;)")),
    };
    return pieces;
}

// The body without its -- comments, read as PostgreSQL reads it; nullopt for anything this
// reading could get wrong (dollar quotes, backslash escapes, block comments): such a body is
// never taken for a role-only one, it runs.
std::optional<QString> withoutLineComments(const QString& body)
{
    QString out;
    QChar quote;
    for (qsizetype k = 0; k < body.size(); ++k) {
        const QChar c = body.at(k);
        if (c == QLatin1Char('$') || c == QLatin1Char('\\'))
            return std::nullopt;
        if (!quote.isNull()) {
            quote = c == quote ? QChar() : quote; // a doubled quote reopens at once
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
        } else if (body.mid(k, 2) == QLatin1String("/*")) {
            return std::nullopt;
        } else if (body.mid(k, 2) == QLatin1String("--")) {
            while (k < body.size() && body.at(k) != QLatin1Char('\n'))
                ++k;
            out += QLatin1Char('\n');
            continue;
        }
        out += c;
    }
    return out;
}

} // namespace

QSet<QString> identifierWords(const QString& script)
{
    static const QRegularExpression word(
        QStringLiteral(R"("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)"));
    QSet<QString> words;
    for (auto it = word.globalMatch(script); it.hasNext();)
        words.insert(foldIdentifier(it.next().captured()));
    return words;
}

std::optional<QStringList> rolesOnlyCreatedBy(const QString& rawBody)
{
    const std::optional<QString> body = withoutLineComments(rawBody);
    if (!body)
        return std::nullopt;
    const QString& doBody = *body;
    QStringList roles;
    qsizetype at = 0;
    static const QRegularExpression trailing(QStringLiteral("\\G\\s*$"));
    while (!trailing.match(doBody, at).hasMatch()) {
        bool consumed = false;
        for (int k = 0; k < roleBodyPieces().size() && !consumed; ++k) {
            const auto match = roleBodyPieces()[k].match(doBody, at);
            if (!match.hasMatch() || match.capturedLength() == 0)
                continue;
            if (k == 0)
                roles << foldIdentifier(match.captured(1));
            at = match.capturedEnd();
            consumed = true;
        }
        if (!consumed)
            return std::nullopt;
    }
    if (roles.isEmpty())
        return std::nullopt;
    return roles;
}

QString truncatedIdentifier(const QString& name)
{
    QString out = name;
    while (out.toUtf8().size() > 63)
        out.chop(out.size() > 1 && out.at(out.size() - 1).isLowSurrogate() ? 2 : 1);
    return out;
}

bool mayBePlaceholder(const QString& name)
{
    static const QStringList specifications{
        QStringLiteral("public"), QStringLiteral("current_user"), QStringLiteral("session_user"),
        QStringLiteral("current_role"), QStringLiteral("none")};
    return !name.isEmpty() && name.size() < 64 && !name.startsWith(QLatin1String("pg_")) &&
           !specifications.contains(name.toLower());
}

} // namespace bellows::source
