#pragma once

// The constraint and index names Prisma's schema engine gives on PostgreSQL when the schema
// has no `map:`: "<table>_pkey", "<table>_<cols>_key", "<table>_<cols>_idx",
// "<table>_<cols>_fkey", and for implicit many-to-many tables "<table>_AB_pkey",
// "<table>_B_index", "<table>_A_fkey". Like Prisma, the part before the suffix is cut so the
// whole name fits PostgreSQL's 63 bytes (instead of letting the server truncate it).

#include <QString>
#include <QStringList>

namespace bellows::source::prisma {

constexpr int kMaxIdentifierBytes = 63;

QString primaryKeyName(const QString& table);
QString uniqueIndexName(const QString& table, const QStringList& columns);
QString indexName(const QString& table, const QStringList& columns);
QString foreignKeyName(const QString& table, const QStringList& columns);

// Implicit many-to-many join table `_<relation>`: its key, the index on B, and the two FKs.
QString joinTableName(const QString& relationName);
QString joinTablePrimaryKeyName(const QString& table);
QString joinTableIndexName(const QString& table);
QString joinTableForeignKeyName(const QString& table, const QString& column); // "A" or "B"

// `prefix` cut to at most `maxBytes` bytes of UTF-8, never inside a character.
QString truncateUtf8(const QString& prefix, int maxBytes);

} // namespace bellows::source::prisma
