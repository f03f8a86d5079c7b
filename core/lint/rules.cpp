#include "lint/rules.h"

#include <array>

namespace bellows::lint {

namespace {

using enum Severity;

// Order follows the Rule enum; ruleInfo() relies on it.
constexpr std::array kRules{
    RuleInfo{Rule::ParseError, "parse-error", Error, "", ""},
    RuleInfo{Rule::CreateIndexNotConcurrently, "create-index-not-concurrently", Error, "I1",
             "require-concurrent-index-creation"},
    RuleInfo{Rule::ConcurrentIndexInTransaction, "ban-concurrent-index-creation-in-transaction",
             Error, "I1", "ban-concurrent-index-creation-in-transaction"},
    RuleInfo{Rule::DropIndexNotConcurrently, "drop-index-not-concurrently", Warning, "I3",
             "require-concurrent-index-deletion"},
    RuleInfo{Rule::ReindexNotConcurrently, "reindex-not-concurrently", Error, "I4",
             "require-concurrent-reindex"},
    RuleInfo{Rule::AddColumnVolatileDefault, "add-column-volatile-default", Error, "C3",
             "adding-field-with-default"},
    RuleInfo{Rule::AddColumnGeneratedStored, "add-column-generated-stored", Error, "C5",
             "adding-field-with-default"},
    RuleInfo{Rule::AddColumnNotNullWithoutDefault, "add-column-not-null-without-default", Error,
             "C4", "adding-required-field"},
    RuleInfo{Rule::DropColumn, "drop-column", Error, "C6", "ban-drop-column"},
    RuleInfo{Rule::DataLossRename, "data-loss-rename", Error, "C10", "ban-drop-column"},
    RuleInfo{Rule::RenameColumn, "rename-column", Error, "C10", "renaming-column"},
    RuleInfo{Rule::RenameTable, "rename-table", Error, "T3", "renaming-table"},
    RuleInfo{Rule::ChangeColumnType, "change-column-type", Error, "Y2", "changing-column-type"},
    RuleInfo{Rule::SetNotNull, "set-not-null", Error, "C7", "adding-not-nullable-field"},
    RuleInfo{Rule::DropNotNull, "drop-not-null", Warning, "C8", "ban-drop-not-null"},
    RuleInfo{Rule::ChangeColumnDefault, "change-column-default", Info, "C9", ""},
    RuleInfo{Rule::AddCheckWithoutNotValid, "add-check-without-not-valid", Error, "K1",
             "constraint-missing-not-valid"},
    RuleInfo{Rule::AddForeignKeyWithoutNotValid, "add-foreign-key-without-not-valid", Error, "K2",
             "adding-foreign-key-constraint"},
    RuleInfo{Rule::ValidateConstraint, "validate-constraint", Info, "K1", ""},
    RuleInfo{Rule::AddUniqueWithoutIndex, "add-unique-without-index", Error, "K3",
             "disallowed-unique-constraint"},
    RuleInfo{Rule::AddPrimaryKeyWithoutIndex, "add-primary-key-without-index", Error, "K4",
             "adding-serial-primary-key-field"},
    RuleInfo{Rule::AddExclusionConstraint, "add-exclusion-constraint", Error, "K5", ""},
    RuleInfo{Rule::DropConstraint, "drop-constraint", Warning, "K6", ""},
    RuleInfo{Rule::TableRewrite, "table-rewrite", Error, "M1", ""},
    RuleInfo{Rule::VacuumFullOrCluster, "vacuum-full-or-cluster", Error, "M1", "prefer-repack"},
    RuleInfo{Rule::AttachPartition, "attach-partition", Warning, "P1", ""},
    RuleInfo{Rule::DetachPartitionNotConcurrently, "detach-partition-not-concurrently", Warning,
             "P2", "require-concurrent-partition-detach"},
    RuleInfo{Rule::CreateTablePartitionOf, "create-table-partition-of", Warning, "P1", ""},
    RuleInfo{Rule::DropTable, "drop-table", Error, "T2", "ban-drop-table"},
    RuleInfo{Rule::TruncateTable, "truncate-table", Error, "M1", "ban-truncate-cascade"},
    RuleInfo{Rule::DropCascade, "drop-cascade", Warning, "T2", "ban-truncate-cascade"},
    RuleInfo{Rule::DropDatabase, "drop-database", Error, "T2", "ban-drop-database"},
    RuleInfo{Rule::AddEnumValue, "add-enum-value", Warning, "N1", ""},
    RuleInfo{Rule::RenameEnumValue, "rename-enum-value", Error, "N2", ""},
    RuleInfo{Rule::CannotRunInTransaction, "cannot-run-in-transaction", Error, "§1.3", ""},
    RuleInfo{Rule::CreateTrigger, "create-trigger", Info, "G1", ""},
    RuleInfo{Rule::DropTrigger, "drop-trigger", Warning, "G2", ""},
    RuleInfo{Rule::AlterSequence, "alter-sequence", Info, "Q2", ""},
    RuleInfo{Rule::CreateOrReplaceView, "create-or-replace-view", Info, "W2", ""},
    RuleInfo{Rule::RefreshMaterializedViewNotConcurrently,
             "refresh-materialized-view-not-concurrently", Warning, "§1.1", ""},
    RuleInfo{Rule::UpdateWithoutWhere, "update-without-where", Warning, "§3.1", ""},
    RuleInfo{Rule::DeleteWithoutWhere, "delete-without-where", Warning, "§3.1", ""},
    RuleInfo{Rule::BackfillInMigration, "backfill-in-migration", Info, "§3.1", ""},
    RuleInfo{Rule::BackfillHoldingLock, "backfill-holding-lock", Error, "§3.1", ""},
    RuleInfo{Rule::NoLockTimeout, "no-lock-timeout", Warning, "§1.3", "require-lock-timeout"},
    RuleInfo{Rule::NewerSyntax, "newer-syntax", Warning, "", ""},
};

constexpr bool catalogInEnumOrder()
{
    for (std::size_t i = 0; i < kRules.size(); ++i)
        if (static_cast<std::size_t>(kRules[i].rule) != i)
            return false;
    return true;
}
static_assert(catalogInEnumOrder(), "kRules must follow the order of enum Rule");
static_assert(static_cast<std::size_t>(Rule::NewerSyntax) + 1 == kRules.size(),
              "every Rule needs a catalog entry");

} // namespace

std::span<const RuleInfo> allRules()
{
    return kRules;
}

const RuleInfo& ruleInfo(Rule rule)
{
    return kRules[static_cast<std::size_t>(rule)];
}

QString ruleId(Rule rule)
{
    return QString::fromLatin1(ruleInfo(rule).id);
}

QString toString(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return QStringLiteral("error");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Info:
        return QStringLiteral("info");
    }
    return {};
}

Severity severityFromString(const QString& text, bool* ok)
{
    for (Severity s : {Severity::Error, Severity::Warning, Severity::Info})
        if (toString(s) == text) {
            if (ok)
                *ok = true;
            return s;
        }
    if (ok)
        *ok = false;
    return Severity::Warning;
}

} // namespace bellows::lint
