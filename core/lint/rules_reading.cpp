#include "lint/rules_reading.h"

#include "lint/rules.h"

#include <QRegularExpression>

#include <initializer_list>

namespace bellows::lint {

namespace {

struct Reader {
    const char* pattern; // leading keywords, upper case, single spaces
    std::initializer_list<Rule> rules;
};

using enum Rule;

// Which handler of linter.cpp reads which statement kind, and the rules it can raise.
const Reader kReaders[] = {
    {"ALTER TABLE",
     {AddColumnVolatileDefault,
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
      AttachPartition,
      DetachPartitionNotConcurrently,
      NoLockTimeout}},
    {"CREATE INDEX", {CreateIndexNotConcurrently, ConcurrentIndexInTransaction}},
    {"CREATE UNIQUE INDEX", {CreateIndexNotConcurrently, ConcurrentIndexInTransaction}},
    {"REINDEX", {ReindexNotConcurrently, CannotRunInTransaction}},
    {"CREATE TABLE", {CreateTablePartitionOf}},
    {"CREATE UNLOGGED TABLE", {CreateTablePartitionOf}},
    {"DROP", {DropTable, DropIndexNotConcurrently, DropCascade, DropTrigger, DropDatabase}},
    {"TRUNCATE", {TruncateTable, DropCascade}},
    {"UPDATE", {UpdateWithoutWhere, BackfillInMigration, BackfillHoldingLock}},
    {"DELETE", {DeleteWithoutWhere}},
    {"MERGE", {UpdateWithoutWhere, DeleteWithoutWhere, BackfillInMigration, BackfillHoldingLock}},
    {"WITH", {UpdateWithoutWhere, DeleteWithoutWhere, BackfillInMigration, BackfillHoldingLock}},
    {"ALTER TYPE", {AddEnumValue, RenameEnumValue}},
    {"CREATE TRIGGER", {CreateTrigger}},
    {"CREATE OR REPLACE TRIGGER", {CreateTrigger}},
    {"ALTER SEQUENCE", {AlterSequence}},
    {"CREATE OR REPLACE VIEW", {CreateOrReplaceView}},
    {"REFRESH MATERIALIZED VIEW", {RefreshMaterializedViewNotConcurrently}},
    {"VACUUM", {VacuumFullOrCluster, CannotRunInTransaction}},
    {"CLUSTER", {VacuumFullOrCluster}},
    {"LOCK", {NoLockTimeout}},
    {"SELECT", {NoLockTimeout}}, // set_config('lock_timeout', ...)
    {"CREATE VIEW", {CreateOrReplaceView}},
};

// The first words of the statement, comments skipped, upper case, single spaces.
QString leadingWords(const QString& statement)
{
    static const QRegularExpression comments(QStringLiteral(R"(--[^\n]*|/\*.*?\*/)"),
                                             QRegularExpression::DotMatchesEverythingOption);
    QString text = statement.left(400);
    text.remove(comments);
    return text.simplified().toUpper();
}

} // namespace

QStringList rulesReading(const QString& statement)
{
    const QString words = leadingWords(statement);
    for (const Reader& reader : kReaders) {
        const QLatin1StringView pattern(reader.pattern);
        if (!words.startsWith(pattern) ||
            (words.size() > pattern.size() && words.at(pattern.size()).isLetterOrNumber()))
            continue;
        QStringList ids;
        for (Rule rule : reader.rules)
            ids << ruleId(rule);
        return ids;
    }
    return {};
}

} // namespace bellows::lint
