#pragma once

// The renderers behind exportPlan(), one file each (internal to core/export).

#include "common/result.h"
#include "export/export_plan.h"
#include "export/migration_units.h"

#include <vector>

namespace bellows::exporting {

Result<std::vector<ExportedFile>> renderPrismaExport(const plan::Plan& plan,
                                                     const ExportOptions& options);
Result<std::vector<ExportedFile>> renderFlywayExport(const plan::Plan& plan,
                                                     const ExportOptions& options);
QString renderMarkdownReport(const plan::Plan& plan);
QString renderHtmlReport(const plan::Plan& plan);

// The SQL of one migration file of a transactional or autocommit unit (not a backfill).
// `tool` names the tool in the header comment ("Prisma", "Flyway").
QString unitSql(const plan::Plan& plan, const MigrationStage& stage, const MigrationUnit& unit,
                bool firstOfStage, const QString& tool);
// The plan's gates before `stage`, as README text (markdown).
QString gatesMarkdown(const std::vector<const plan::Gate*>& gates);

} // namespace bellows::exporting
