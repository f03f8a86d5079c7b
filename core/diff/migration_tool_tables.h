#pragma once

// Tables that migration tools keep for their own bookkeeping (history, locks, metadata). They
// live in the database but never in a target schema file, so a plain diff would drop them in
// contract and the tool would lose its history. The differ leaves them alone unless the target
// defines them.

#include <QString>

#include <vector>

namespace bellows::diff {

struct MigrationToolTable {
    QLatin1String name; // as the tool creates it (PostgreSQL spelling, case-sensitive)
    QLatin1String tool; // who keeps it, for people: "Prisma", "Rails or golang-migrate"
    QLatin1String what; // the note's text: "Prisma's migration history"
};

// Every known table, in the order of the list in migration_tool_tables.cpp.
const std::vector<MigrationToolTable>& migrationToolTables();

// The entry for a table name, or null. Exact match: `Schema_Migrations` is the user's own.
const MigrationToolTable* migrationToolTable(const QString& tableName);

} // namespace bellows::diff
