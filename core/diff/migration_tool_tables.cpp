// The one list of migration tools' bookkeeping tables (see migration_tool_tables.h), and the
// differ's use of it: which database tables to leave out of a diff.

#include "diff/migration_tool_tables.h"

#include "diff/diff_context.h"

namespace bellows::diff {

namespace {

constexpr QLatin1String l(const char* text)
{
    return QLatin1String(text);
}

} // namespace

const std::vector<MigrationToolTable>& migrationToolTables()
{
    static const std::vector<MigrationToolTable> tables = {
        {l("_prisma_migrations"), l("Prisma"), l("Prisma's migration history")},
        {l("flyway_schema_history"), l("Flyway"), l("Flyway's migration history")},
        // Rails (ActiveRecord), golang-migrate and dbmate all call theirs schema_migrations.
        {l("schema_migrations"), l("Rails or golang-migrate"),
         l("the migration history of Rails or golang-migrate")},
        {l("ar_internal_metadata"), l("Rails"), l("Rails' environment metadata")},
        {l("alembic_version"), l("Alembic"), l("Alembic's migration version")},
        {l("knex_migrations"), l("Knex"), l("Knex's migration history")},
        {l("knex_migrations_lock"), l("Knex"), l("Knex's migration lock")},
        {l("goose_db_version"), l("goose"), l("goose's migration history")},
        {l("__EFMigrationsHistory"), l("Entity Framework Core"),
         l("Entity Framework Core's migration history")},
        {l("django_migrations"), l("Django"), l("Django's migration history")},
        {l("databasechangelog"), l("Liquibase"), l("Liquibase's changelog")},
        {l("databasechangeloglock"), l("Liquibase"), l("Liquibase's changelog lock")},
        {l("_sqlx_migrations"), l("sqlx"), l("sqlx's migration history")},
        {l("__diesel_schema_migrations"), l("Diesel"), l("Diesel's migration history")},
    };
    return tables;
}

const MigrationToolTable* migrationToolTable(const QString& tableName)
{
    for (const MigrationToolTable& table : migrationToolTables()) {
        if (tableName == table.name)
            return &table;
    }
    return nullptr;
}

namespace detail {

void findToolTables(DiffRun& run)
{
    // "The target mentions it": a relation of that name in any schema of the target. Then the
    // user manages it (or moves it) and it is diffed like any other table.
    auto mentioned = [&run](const QString& name) {
        for (const catalog::Table& t : run.target.tables) {
            if (t.name == name)
                return true;
        }
        for (const catalog::View& v : run.target.views) {
            if (v.name == name)
                return true;
        }
        return false;
    };
    for (const catalog::Table& t : run.database.tables) {
        if (!migrationToolTable(t.name) || mentioned(t.name))
            continue;
        // A confirmed rename of it is the user's explicit wish: diff it.
        if (run.renames.newTableName(t.schema, t.name) != t.name)
            continue;
        run.toolTables.insert({t.schema, t.name});
    }
    // In (schema, name) order, so the notes do not depend on the catalog's order.
    for (const auto& [schema, name] : run.toolTables) {
        run.note(QStringLiteral("%1: %2, left alone")
                     .arg(displayQualified(schema, name), QString(migrationToolTable(name)->what)));
    }
}

} // namespace detail

} // namespace bellows::diff
