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
        rx(QStringLiteral(
            R"(IF\s+NOT\s+EXISTS\s*\((?:[^;()]|\([^;()]*\))*\bpg_(?:roles|authid|user)\b(?:[^;()]|\([^;()]*\))*\)\s*THEN\b)")),
        rx(QStringLiteral(R"(EXCEPTION\s+WHEN\s+[a-z_]+(?:\s+OR\s+[a-z_]+)*\s+THEN\b)")),
        rx(QStringLiteral(
            R"(RAISE\s+(?:NOTICE|INFO|LOG|DEBUG|WARNING)\b(?:[^;']|'(?:[^']|'')*')*)")),
        rx(QStringLiteral(R"(END\s+IF\b|BEGIN\b|END\b|ELSE\b|NULL\b|;)")),
    };
    return pieces;
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

std::optional<QStringList> rolesOnlyCreatedBy(const QString& doBody)
{
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

bool mayBePlaceholder(const QString& name)
{
    static const QStringList specifications{
        QStringLiteral("public"), QStringLiteral("current_user"), QStringLiteral("session_user"),
        QStringLiteral("current_role"), QStringLiteral("none")};
    return !name.isEmpty() && name.size() < 64 && !name.startsWith(QLatin1String("pg_")) &&
           !specifications.contains(name.toLower());
}

} // namespace bellows::source
