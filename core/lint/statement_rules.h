#pragma once

// The rules, one function per statement type (internal to core/lint). Each reads
// ctx.statement(), notes the locks the statement takes and reports findings.

#include "lint/lint_context.h"
#include "sql/quote.h"

namespace bellows::lint {

// rules_index.cpp
void lintCreateIndex(LintContext& ctx);
void lintReindex(LintContext& ctx);
void lintDropIndex(LintContext& ctx, const RelationName& index, bool concurrent);

// rules_alter_table.cpp
void lintAlterTable(LintContext& ctx);

// rules_objects.cpp
void lintRename(LintContext& ctx);
void lintDrop(LintContext& ctx);
void lintDropDatabase(LintContext& ctx);
void lintTruncate(LintContext& ctx);
void lintCreateTable(LintContext& ctx);
void lintCreateTableAs(LintContext& ctx);
void lintView(LintContext& ctx);
void lintAlterEnum(LintContext& ctx);
void lintCreateTrigger(LintContext& ctx);
void lintAlterSequence(LintContext& ctx);
void lintRefreshMaterializedView(LintContext& ctx);
void lintVacuum(LintContext& ctx);
void lintCluster(LintContext& ctx);

// rules_session.cpp
void lintTransaction(LintContext& ctx);
void lintVariableSet(LintContext& ctx);
void lintSelect(LintContext& ctx);
void lintLockTable(LintContext& ctx);
void lintUpdate(LintContext& ctx);
void lintDelete(LintContext& ctx);

// An identifier as it would be written in SQL, for messages.
inline QString ident(const QString& name)
{
    return sql::quoteIdent(name);
}

inline plan::Hazard hazard(plan::HazardKind kind, const QString& explanation)
{
    return plan::Hazard{kind, explanation};
}

} // namespace bellows::lint
