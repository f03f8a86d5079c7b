#pragma once

// The sub-commands of ALTER TABLE (internal to core/lint): columns in rules_columns.cpp,
// constraints in rules_constraints.cpp, the dispatcher and table-level forms in
// rules_alter_table.cpp.

#include "lint/statement_rules.h"

namespace bellows::lint {

struct AlterTarget {
    RelationName table;
    bool isNew = false;             // created earlier in this input
    bool strongerElsewhere = false; // another sub-command of the statement takes SRE or AE
};

// A regular expression matching `name` as SQL would spell it (bare or double-quoted), for
// placing a finding on a sub-command that the parse tree gives no position for.
QString identifierPattern(const QString& name);

void lintAddColumn(LintContext& ctx, const AlterTarget& target, const QJsonObject& columnDef);
void lintDropColumn(LintContext& ctx, const AlterTarget& target, const QJsonObject& cmd);
void lintAlterColumnType(LintContext& ctx, const AlterTarget& target, const QJsonObject& cmd);
void lintSetNotNull(LintContext& ctx, const AlterTarget& target, const QJsonObject& cmd);
void lintDropNotNull(LintContext& ctx, const AlterTarget& target, const QJsonObject& cmd);
void lintColumnDefault(LintContext& ctx, const AlterTarget& target, const QJsonObject& cmd);

// `constraint` is a Constraint body; `column` is set for a constraint written inline in
// ADD COLUMN (then the column is new: all NULL unless it has a default).
void lintAddConstraint(LintContext& ctx, const AlterTarget& target, const QJsonObject& constraint,
                       const QString& column = {});
void lintValidateConstraint(LintContext& ctx, const AlterTarget& target, const QJsonObject& cmd);
void lintDropConstraint(LintContext& ctx, const AlterTarget& target, const QJsonObject& cmd);

} // namespace bellows::lint
