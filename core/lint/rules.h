#pragma once

// The catalog of lint rules: stable ids, default severities and the row of
// ../shared/reference/postgres-safe-ddl.md each one enforces. docs/lint.md lists the same table.

#include "lint/finding.h"

#include <QString>

#include <span>

namespace bellows::lint {

enum class Rule {
    ParseError,
    CreateIndexNotConcurrently,
    ConcurrentIndexInTransaction,
    DropIndexNotConcurrently,
    ReindexNotConcurrently,
    AddColumnVolatileDefault,
    AddColumnGeneratedStored,
    AddColumnNotNullWithoutDefault,
    DropColumn,
    DataLossRename,
    RenameColumn,
    RenameTable,
    ChangeColumnType,
    SetNotNull,
    DropNotNull,
    ChangeColumnDefault,
    AddCheckWithoutNotValid,
    AddForeignKeyWithoutNotValid,
    ValidateConstraint,
    AddUniqueWithoutIndex,
    AddPrimaryKeyWithoutIndex,
    AddExclusionConstraint,
    DropConstraint,
    TableRewrite,
    VacuumFullOrCluster,
    AttachPartition,
    DetachPartitionNotConcurrently,
    CreateTablePartitionOf,
    DropTable,
    TruncateTable,
    DropCascade,
    DropDatabase,
    AddEnumValue,
    RenameEnumValue,
    CannotRunInTransaction,
    CreateTrigger,
    DropTrigger,
    AlterSequence,
    CreateOrReplaceView,
    RefreshMaterializedViewNotConcurrently,
    UpdateWithoutWhere,
    DeleteWithoutWhere,
    BackfillInMigration,
    BackfillHoldingLock,
    NoLockTimeout,
    NewerSyntax,
};

struct RuleInfo {
    Rule rule;
    const char* id;
    Severity severity;        // default; a rule may lower or raise it for one finding
    const char* referenceRow; // row id or section of postgres-safe-ddl.md
    const char* squawk;       // the squawk rule covering the same case, "" when none
};

std::span<const RuleInfo> allRules();
const RuleInfo& ruleInfo(Rule rule);
QString ruleId(Rule rule);

} // namespace bellows::lint
