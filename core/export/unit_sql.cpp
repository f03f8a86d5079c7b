// The text of one migration file, shared by the Prisma and Flyway exports.

#include "export/export_formats.h"

#include "plan/plan_render.h"

#include <algorithm>

namespace bellows::exporting {

QString unitSql(const plan::Plan& plan, const MigrationStage& stage, const MigrationUnit& unit,
                bool firstOfStage, const QString& tool)
{
    QString out = QStringLiteral("-- Bellows plan %1, phase %2, stage %3 (exported for %4)\n")
                      .arg(plan.id, plan::phaseTitle(unit.phase))
                      .arg(stage.number)
                      .arg(tool);
    if (plan.hasBlockingFindings())
        out += QStringLiteral("-- WARNING: the plan has blocking findings; do not run it as it "
                              "is.\n");
    if (firstOfStage)
        for (const plan::Gate* g : stage.gatesBefore)
            out += gateComment(*g);
    out += QLatin1Char('\n');
    if (unit.kind == MigrationUnit::Kind::Autocommit) {
        const plan::Step& s = *unit.steps.front();
        out += stepHeader(s);
        if (unit.statementCount > 1)
            out += QStringLiteral("--   statement %1 of %2 of this step\n")
                       .arg(unit.statementNumber)
                       .arg(unit.statementCount);
        out += sqlComment(QStringLiteral(
            "Runs outside a transaction block: this file holds this one statement only,\n"
            "because a file of several statements runs as one transaction. No lock_timeout:\n"
            "a timeout would abort a concurrent build and leave an INVALID index behind."));
        if (s.isReversible() && unit.statementNumber == unit.statementCount)
            out += sqlComment(QStringLiteral("Rollback:\n") + terminatedSql(s.rollbackSql));
        out += terminatedSql(unit.statement);
        return out;
    }
    for (const plan::Step* s : unit.steps) {
        out += stepHeader(*s);
        // Session settings, reset at the end: the tool may reuse its connection.
        out += QStringLiteral("SET lock_timeout = %1;\nSET statement_timeout = %2;\n")
                   .arg(std::max(0, s->lockTimeoutMs))
                   .arg(std::max(0, s->statementTimeoutMs));
        out += terminatedSql(s->sql);
        if (s->isReversible())
            out += sqlComment(QStringLiteral("Rollback:\n") + terminatedSql(s->rollbackSql));
        out += QLatin1Char('\n');
    }
    out += QStringLiteral("RESET lock_timeout;\nRESET statement_timeout;\n");
    return out;
}

QString gatesMarkdown(const std::vector<const plan::Gate*>& gates)
{
    QString out;
    for (const plan::Gate* g : gates) {
        out += QStringLiteral("## Gate: %1\n\n").arg(g->title.simplified());
        if (!g->instructions.isEmpty())
            out += g->instructions.trimmed() + QStringLiteral("\n\n");
        for (const QString& item : g->checklist)
            out += QStringLiteral("- [ ] %1\n").arg(item.simplified());
        out += QStringLiteral("\nDo not go on before every box is ticked.\n\n");
    }
    return out;
}

} // namespace bellows::exporting
