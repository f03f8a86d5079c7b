// Prisma migrations, one folder per stage. `prisma migrate deploy` applies every migration not
// yet recorded, all at once: the gates and the backfill in between would be skipped. So the
// export splits the migrations into stage folders that the user copies into prisma/migrations
// one at a time, deploying after each copy. The timestamps keep rising across the stages, so the
// history sorts in plan order whatever the folder they came from.

#include "export/export_formats.h"

#include "export/backfill_script.h"
#include "plan/plan_render.h"

namespace bellows::exporting {

namespace {

QDateTime startTimeFor(const plan::Plan& plan, const ExportOptions& options)
{
    if (options.startTime.isValid())
        return options.startTime.toUTC();
    QDateTime created = QDateTime::fromString(plan.createdAt, Qt::ISODate);
    if (created.isValid())
        return created.toUTC();
    return QDateTime::currentDateTimeUtc();
}

QString migrationName(const QString& name, const MigrationUnit& unit)
{
    return name + QLatin1Char('_') + unitSlug(unit);
}

QString backfillFileName(int number, const MigrationUnit& unit)
{
    const plan::Backfill& b = *unit.steps.front()->backfill;
    return QStringLiteral("%1_backfill_%2.sql")
        .arg(number, 2, 10, QLatin1Char('0'))
        .arg(fileSlug(b.schema + QLatin1Char('_') + b.table));
}

} // namespace

Result<std::vector<ExportedFile>> renderPrismaExport(const plan::Plan& plan,
                                                     const ExportOptions& options)
{
    auto stages = migrationStages(plan);
    if (!stages)
        return stages.error();
    const QString name = exportName(plan, options.name);
    QDateTime time = startTimeFor(plan, options);
    std::vector<ExportedFile> files;

    QString readme =
        QStringLiteral("# Prisma export of Bellows plan `%1`\n\n").arg(plan.id) +
        QStringLiteral(
            "%1.\n\n"
            "`prisma migrate deploy` applies every pending migration in one go, but this plan "
            "must stop where a person acts (a gate) and where rows are backfilled in batches "
            "(outside Prisma). So the migrations are split into **stages**: copy one stage's "
            "migration folders into your `prisma/migrations/`, deploy, and only then go on. "
            "Timestamps rise across all stages, so your history stays in plan order.\n\n"
            "Each step is a migration of its own (its own transaction, as under `bellows-cli "
            "apply`). Statements that PostgreSQL refuses inside a transaction block (`CREATE INDEX "
            "CONCURRENTLY`, ...) sit alone in migrations named `*_no_transaction`: Prisma sends "
            "a migration file as one query string, which PostgreSQL runs as one implicit "
            "transaction, so such a statement must be the only one in its file.\n\n"
            "If Prisma has never deployed to this database (it has no `_prisma_migrations` "
            "table), `prisma migrate deploy` refuses it (P3005) until it is baselined: add a "
            "migration `prisma/migrations/0_baseline/migration.sql` holding the schema as it is "
            "now (e.g. `pg_dump --schema-only`, so that `prisma migrate dev` can replay the "
            "history), then `npx prisma migrate resolve --applied 0_baseline`.\n\n"
            "`DATABASE_URL` below is your database's URL. psql does not accept Prisma's "
            "`?schema=` parameter: drop it (and set `search_path` if you use another schema).\n\n")
            .arg(plan::stepSummaryLine(plan));
    if (plan.hasBlockingFindings())
        readme += QStringLiteral("> **Warning:** the plan has blocking findings; do not run it as "
                                 "it is.\n\n");

    int migrationIndex = 0;
    for (const MigrationStage& stage : *stages) {
        const QString folder = QStringLiteral("stage-%1-%2").arg(stage.number).arg(stage.slug());
        readme += gatesMarkdown(stage.gatesBefore);
        if (stage.isBackfill()) {
            readme += QStringLiteral("## Stage %1: backfill with psql\n\n"
                                     "Each script loops over the table in batches, committing "
                                     "after every batch. It can be stopped and run again. Run:\n\n"
                                     "```sh\n")
                          .arg(stage.number);
            int n = 0;
            for (const MigrationUnit& unit : stage.units) {
                const QString file = folder + QLatin1Char('/') + backfillFileName(++n, unit);
                QString text = QStringLiteral("-- Bellows plan %1, phase %2, stage %3: run with "
                                              "psql, outside Prisma\n")
                                   .arg(plan.id, plan::phaseTitle(unit.phase))
                                   .arg(stage.number);
                if (n == 1)
                    for (const plan::Gate* g : stage.gatesBefore)
                        text += gateComment(*g);
                text +=
                    QLatin1Char('\n') + backfillScript(*unit.steps.front(), plan.serverVersionNum);
                files.push_back({file, text});
                readme += QStringLiteral("psql \"$DATABASE_URL\" -X -v ON_ERROR_STOP=1 -f %1\n")
                              .arg(file);
            }
            readme += QStringLiteral("```\n\n");
            continue;
        }
        readme += QStringLiteral("## Stage %1: %2 with Prisma\n\n```sh\n"
                                 "cp -R %3/migrations/. prisma/migrations/\n"
                                 "npx prisma migrate deploy\n```\n\nMigrations:\n\n")
                      .arg(stage.number)
                      .arg(stage.slug(), folder);
        bool first = true;
        for (const MigrationUnit& unit : stage.units) {
            const QString dir =
                time.addSecs(migrationIndex++).toString(QStringLiteral("yyyyMMddHHmmss")) +
                QLatin1Char('_') + migrationName(name, unit);
            files.push_back(
                {folder + QStringLiteral("/migrations/") + dir + QStringLiteral("/migration.sql"),
                 unitSql(plan, stage, unit, first, QStringLiteral("Prisma"))});
            first = false;
            readme += QStringLiteral("- `%1`%2\n")
                          .arg(dir, unit.kind == MigrationUnit::Kind::Autocommit
                                        ? QStringLiteral(" (outside a transaction)")
                                        : QString());
        }
        readme += QLatin1Char('\n');
    }
    readme += gatesMarkdown(trailingGates(plan));
    readme += QStringLiteral(
        "## When a migration fails\n\n"
        "Prisma records it as failed and stops. Fix the cause (a `lock_timeout` hit: simply "
        "retry; a failed `CREATE INDEX CONCURRENTLY` leaves an INVALID index: `DROP INDEX "
        "CONCURRENTLY` it first), then `npx prisma migrate resolve --rolled-back <migration>` "
        "and deploy again. A transactional migration failed as a whole and changed nothing.\n\n"
        "After the last stage, update `schema.prisma` to the target schema so that `prisma "
        "migrate dev` sees no drift. `bellows-cli diff --db ... --target ...` shows whether "
        "the database has reached the target.\n");
    files.insert(files.begin(), ExportedFile{QStringLiteral("README.md"), readme});
    return files;
}

} // namespace bellows::exporting
