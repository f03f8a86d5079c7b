#pragma once

// What every recipe sees while turning one change into steps. Recipes append steps and
// findings; the planner orders them by phase and dependency afterwards.

#include "catalog/catalog.h"
#include "diff/change.h"
#include "plan/plan.h"

#include <vector>

namespace bellows::plan {

struct PlannerOptions {
    int lockTimeoutMs = 2000;       // every SRE/AE step (reference §1.3)
    int statementTimeoutMs = 60000; // catalog-only steps
    int longStatementTimeoutMs = 0; // CONCURRENTLY / VALIDATE: no limit, lock_timeout 0
    int backfillBatchRows = 1000;
    // How long one step may hold a lock that blocks the application (a rewrite, a scan or a
    // build under a strong lock), estimated from the table's real size; above it the step is a
    // blocking finding unless the user accepted the downtime (--accept-downtime).
    double lockBudgetSeconds = 1.0;
};

class RecipeContext {
public:
    RecipeContext(const catalog::Catalog& database, const catalog::Catalog& target,
                  const diff::ChangeSet& changes, const PlanChoices& choices,
                  const PlannerOptions& options);

    const catalog::Catalog& database() const { return m_database; }
    const catalog::Catalog& target() const { return m_target; }
    const diff::ChangeSet& changes() const { return m_changes; }
    // The name the target gives the live index `liveName` of schema.table: its new name when the
    // differ pairs it with a renamed one (after a column rename), else `liveName`.
    QString targetIndexName(const QString& schema, const QString& table,
                            const QString& liveName) const;
    const PlannerOptions& options() const { return m_options; }
    int serverVersionNum() const { return m_database.server.versionNum; }
    int major() const { return m_database.server.major(); }

    // The live table (null when it does not exist yet) and whether it holds rows as far as the
    // statistics know (an unanalysed table counts as non-empty: be careful).
    const catalog::Table* liveTable(const QString& schema, const QString& name) const;
    bool isNewTable(const QString& schema, const QString& name) const;
    bool mayHaveRows(const QString& schema, const QString& name) const;
    const Fill* fillFor(const QString& schema, const QString& table, const QString& column) const;
    const PlanChoices& choices() const { return m_choices; }

    // Estimated duration of `work` on the live table, from its real size and rows.
    double estimateSeconds(const QString& schema, const QString& table, Work work) const;

    // Appends a step with the defaults filled in (timeouts from the lock it takes); returns it.
    Step& add(Step step);
    void addFinding(Finding finding);

    std::vector<Step>& steps() { return m_steps; }
    std::vector<Finding>& findings() { return m_findings; }

private:
    const catalog::Catalog& m_database;
    const catalog::Catalog& m_target;
    const diff::ChangeSet& m_changes;
    const PlanChoices& m_choices;
    PlannerOptions m_options;
    std::vector<Step> m_steps;
    std::vector<Finding> m_findings;
};

} // namespace bellows::plan
