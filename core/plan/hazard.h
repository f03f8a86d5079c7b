#pragma once

// The vocabulary of risk shared by the planner (for the steps it generates) and the linter
// (for SQL a person wrote or edited). Lock modes are named as in
// ../shared/reference/postgres-safe-ddl.md §1.1.

#include <QString>
#include <QStringList>

#include <vector>

namespace bellows::plan {

enum class LockMode {
    None,
    AccessShare,
    RowShare,
    RowExclusive,
    ShareUpdateExclusive,
    Share,
    ShareRowExclusive,
    Exclusive,
    AccessExclusive,
};

QString toString(LockMode mode);                  // "ACCESS EXCLUSIVE"
QString shortName(LockMode mode);                 // "AE", "SRE", ... as in the reference's legend
LockMode lockModeFromString(const QString& text); // accepts either form; None when unknown
// What the mode blocks for application traffic, in plain words.
QString blocksInWords(LockMode mode);
bool blocksReads(LockMode mode);  // conflicts with ACCESS SHARE
bool blocksWrites(LockMode mode); // conflicts with ROW EXCLUSIVE

// What a statement does to the data of the relation it locks.
enum class Work { None, Scan, Build, Rewrite };
QString toString(Work work); // "none", "scan", "build", "rewrite"
Work workFromString(const QString& text);

// One relation a statement locks, and how long it keeps the lock.
struct Lock {
    LockMode mode = LockMode::None;
    QString relation;  // schema-qualified, quoted for display
    bool brief = true; // held only for a catalog update once granted

    bool operator==(const Lock&) const = default;
};

enum class HazardKind {
    AccessExclusiveLock, // takes ACCESS EXCLUSIVE: every read and write waits (lock queue)
    Rewrite,             // rewrites the table and rebuilds its indexes
    FullScan,            // reads every row while holding a strong lock
    BlocksWrites,        // SHARE / SHARE ROW EXCLUSIVE / EXCLUSIVE for the duration
    IndexBuild,          // builds an index
    DataLoss,            // drops data (a column, a table, values that do not survive a cast)
    BreaksRunningApp,    // the running application version fails (rename, drop, new NOT NULL)
    ValidationScan,      // VALIDATE CONSTRAINT: scans under SHARE UPDATE EXCLUSIVE
    BackfillLoad,        // batched updates: WAL, dead tuples, replica lag
    Irreversible,        // no rollback in SQL
    OutsideTransaction,  // must run in autocommit (CONCURRENTLY, ...)
    NoLockTimeout,       // a strong lock requested without a lock_timeout
};

QString toString(HazardKind kind); // stable id: "access-exclusive-lock", ...
HazardKind hazardFromString(const QString& id, bool* ok = nullptr);
QString title(HazardKind kind); // "Access exclusive lock"

struct Hazard {
    HazardKind kind = HazardKind::AccessExclusiveLock;
    QString explanation; // one line, plain words, specific to the statement

    bool operator==(const Hazard&) const = default;
};

} // namespace bellows::plan
