#include "source/prisma_names.h"

namespace bellows::source::prisma {

namespace {

// prefix + suffix, the prefix cut so that the result fits in 63 bytes.
QString withSuffix(const QString& prefix, const QString& suffix)
{
    const int room = kMaxIdentifierBytes - int(suffix.toUtf8().size());
    return truncateUtf8(prefix, room) + suffix;
}

QString tableAndColumns(const QString& table, const QStringList& columns)
{
    return table + QLatin1Char('_') + columns.join(QLatin1Char('_'));
}

} // namespace

QString truncateUtf8(const QString& prefix, int maxBytes)
{
    if (prefix.toUtf8().size() <= maxBytes)
        return prefix;
    QString cut;
    int bytes = 0;
    for (qsizetype i = 0; i < prefix.size();) {
        const qsizetype length = prefix.at(i).isHighSurrogate() && i + 1 < prefix.size() ? 2 : 1;
        const QString character = prefix.mid(i, length);
        const int size = int(character.toUtf8().size());
        if (bytes + size > maxBytes)
            break;
        cut += character;
        bytes += size;
        i += length;
    }
    return cut;
}

QString primaryKeyName(const QString& table)
{
    return withSuffix(table, QStringLiteral("_pkey"));
}

QString uniqueIndexName(const QString& table, const QStringList& columns)
{
    return withSuffix(tableAndColumns(table, columns), QStringLiteral("_key"));
}

QString indexName(const QString& table, const QStringList& columns)
{
    return withSuffix(tableAndColumns(table, columns), QStringLiteral("_idx"));
}

QString foreignKeyName(const QString& table, const QStringList& columns)
{
    return withSuffix(tableAndColumns(table, columns), QStringLiteral("_fkey"));
}

QString joinTableName(const QString& relationName)
{
    return QLatin1Char('_') + relationName;
}

QString joinTablePrimaryKeyName(const QString& table)
{
    return withSuffix(table, QStringLiteral("_AB_pkey"));
}

QString joinTableIndexName(const QString& table)
{
    return withSuffix(table, QStringLiteral("_B_index"));
}

QString joinTableForeignKeyName(const QString& table, const QString& column)
{
    return withSuffix(table, QLatin1Char('_') + column + QStringLiteral("_fkey"));
}

} // namespace bellows::source::prisma
