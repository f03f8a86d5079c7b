#pragma once

// How a plan is cut into migration files for tools that run each file as one unit (Prisma,
// Flyway): each transactional step in a file of its own (its own transaction, as under the
// runner), every statement that cannot run in a transaction block in a file of its own, backfills
// as scripts, and stages that end wherever a person must act (a gate) or a backfill runs outside
// the migration tool.

#include "common/result.h"
#include "plan/plan.h"

#include <QString>

#include <vector>

namespace bellows::exporting {

struct MigrationUnit {
    enum class Kind {
        Transactional, // one step, in one transaction
        Autocommit,    // exactly one statement that must run outside a transaction block
        Backfill,      // one batched backfill step
    };
    Kind kind = Kind::Transactional;
    plan::Phase phase = plan::Phase::Expand;
    std::vector<const plan::Step*> steps; // exactly one (a vector to allow grouping later)
    QString statement;                    // Autocommit: the statement, without ';'
    int statementNumber = 0;              // Autocommit: 1-based among the step's statements
    int statementCount = 0;
    int numberInPhase = 0; // 1-based among the phase's units
};

struct MigrationStage {
    int number = 0;                             // 1-based
    std::vector<const plan::Gate*> gatesBefore; // what a person must do before this stage
    std::vector<MigrationUnit> units;
    bool isBackfill() const; // a stage of backfill units only
    QString slug() const;    // "expand", "backfill", "verify-tighten", ...
};

// Statements that PostgreSQL refuses inside a transaction block (or in a multi-statement
// query string): CREATE/DROP/REINDEX ... CONCURRENTLY, VACUUM, ALTER TYPE ... ADD VALUE before
// server 12 (serverVersionNum 0: unknown, assumed 12 or later), ALTER TABLE ... DETACH PARTITION
// ... CONCURRENTLY, CREATE/DROP DATABASE, ALTER SYSTEM.
bool needsAutocommit(const QString& statement, int serverVersionNum);

// The plan cut into stages, in plan order. Fails when a step's SQL cannot be split (an
// unterminated quote) or holds psql meta-commands.
Result<std::vector<MigrationStage>> migrationStages(const plan::Plan& plan);

// Gates that stand after every step (nothing follows them): shown at the end.
std::vector<const plan::Gate*> trailingGates(const plan::Plan& plan);

// Shared text pieces.
QString sqlComment(const QString& text);     // "-- " before every line
QString terminatedSql(const QString& sql);   // trimmed, ends with ";\n"
QString stepHeader(const plan::Step& step);  // id, title, locks, hazards as comments
QString gateComment(const plan::Gate& gate); // the gate as a comment block
QString fileSlug(const QString& text);       // [a-z0-9_] only
QString exportName(const plan::Plan& plan, const QString& requested);
// "<phase>_<n>_<verb>[_no_transaction]", the verb from the step id ("expand:add-column:..."):
// the part of a migration's name after the export name.
QString unitSlug(const MigrationUnit& unit);

} // namespace bellows::exporting
