#include "plan/routine_arguments.h"

#include <QStringList>

namespace bellows::plan::routines {

namespace {

// Splits at the separators outside double quotes and parentheses.
QStringList splitOutside(const QString& text, QChar separator)
{
    QStringList out;
    QString current;
    bool quoted = false;
    int depth = 0;
    for (const QChar c : text) {
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        else if (!quoted && c == QLatin1Char('('))
            ++depth;
        else if (!quoted && c == QLatin1Char(')'))
            --depth;
        if (c == separator && !quoted && depth == 0) {
            out << current;
            current.clear();
        } else {
            current += c;
        }
    }
    out << current;
    return out;
}

bool isMode(const QString& word)
{
    return word == QLatin1String("IN") || word == QLatin1String("OUT") ||
           word == QLatin1String("INOUT") || word == QLatin1String("VARIADIC");
}

// Types format_type spells with a space: an argument starting so has no name.
bool startsWithSpacedType(const QString& text)
{
    static const char* const prefixes[] = {
        "double precision", "character varying", "bit varying",      "time with",
        "time without",     "timestamp with",    "timestamp without"};
    for (const char* p : prefixes)
        if (text.startsWith(QLatin1String(p)))
            return true;
    return false;
}

QString argumentType(const QString& argument)
{
    QStringList words = splitOutside(argument.trimmed(), QLatin1Char(' '));
    words.removeAll(QString());
    QString mode;
    if (words.size() > 1 && isMode(words.first()))
        mode = words.takeFirst() + QLatin1Char(' ');
    if (words.size() > 1 && !startsWithSpacedType(words.join(QLatin1Char(' '))))
        words.removeFirst();
    return mode + words.join(QLatin1Char(' '));
}

} // namespace

QString argumentTypes(const QString& identityArguments)
{
    if (identityArguments.trimmed().isEmpty())
        return {};
    QStringList out;
    for (const QString& argument : splitOutside(identityArguments, QLatin1Char(',')))
        out << argumentType(argument);
    return out.join(QStringLiteral(", "));
}

const diff::Change* renamedArgumentsPartner(const diff::Change& change,
                                            const diff::ChangeSet& changes)
{
    using diff::Action;
    if (change.action != Action::Added && change.action != Action::Removed)
        return nullptr;
    const Action other = change.action == Action::Added ? Action::Removed : Action::Added;
    const QString types = argumentTypes(change.arguments);
    for (const diff::Change& c : changes.changes) {
        if (c.action == other && c.kind == change.kind && c.schema == change.schema &&
            c.name == change.name && c.arguments != change.arguments &&
            argumentTypes(c.arguments) == types)
            return &c;
    }
    return nullptr;
}

} // namespace bellows::plan::routines
