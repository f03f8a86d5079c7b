#include "diff/rename_hint.h"

#include "sql/quote.h"

namespace bellows::diff {

namespace {

// Position of the first '=' outside double quotes, or -1.
qsizetype findAssignment(const QString& text)
{
    bool inQuotes = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"'))
            inQuotes = !inQuotes; // a doubled quote toggles twice: still correct
        else if (c == QLatin1Char('=') && !inQuotes)
            return i;
    }
    return -1;
}

Error hintError(const QString& text, const QString& why)
{
    Error error;
    error.message = QStringLiteral("invalid rename \"%1\": %2").arg(text, why);
    error.hint = QStringLiteral("use schema.table.old_column=new_column or "
                                "schema.table=new_table; double-quote names with dots, '=' or "
                                "capital letters");
    return error;
}

} // namespace

QString RenameHint::toString() const
{
    QString out = sql::qualified(schema, table);
    if (!column.isEmpty())
        out += QLatin1Char('.') + sql::quoteIdent(column);
    return out + QLatin1Char('=') + sql::quoteIdent(newName);
}

Result<RenameHint> parseRenameHint(const QString& text)
{
    const QString trimmed = text.trimmed();
    const qsizetype eq = findAssignment(trimmed);
    if (eq < 0)
        return hintError(text, QStringLiteral("no '=' between the old and the new name"));

    const QStringList left = sql::splitQualifiedName(trimmed.left(eq).trimmed());
    const QStringList right = sql::splitQualifiedName(trimmed.mid(eq + 1).trimmed());
    if (left.isEmpty())
        return hintError(text, QStringLiteral("the old name is empty or malformed"));
    if (right.isEmpty())
        return hintError(text, QStringLiteral("the new name is empty or malformed"));
    if (right.size() != 1)
        return hintError(text, QStringLiteral("the new name must be a bare name, without "
                                              "schema or table"));
    if (left.size() < 2 || left.size() > 3)
        return hintError(text, QStringLiteral("the old name must be schema.table or "
                                              "schema.table.column"));
    for (const QString& part : left + right) {
        // splitQualifiedName accepts "" (a quoted empty name); PostgreSQL does not.
        if (part.isEmpty())
            return hintError(text, QStringLiteral("zero-length names are not allowed"));
    }

    RenameHint hint;
    hint.schema = left.at(0);
    hint.table = left.at(1);
    if (left.size() == 3)
        hint.column = left.at(2);
    hint.newName = right.at(0);
    const QString& oldName = hint.isTableRename() ? hint.table : hint.column;
    if (oldName == hint.newName)
        return hintError(text, QStringLiteral("the old and the new name are the same"));
    return hint;
}

} // namespace bellows::diff
