#pragma once

// A materialized view dropped and created again inside another step's transaction (around a
// change of what it uses: view_cascade.cpp) is filled while that step holds its locks. The
// fill is bounded by the lock budget (plan/lock_budget.h) like any other work under a lock.

#include "plan/recipe_context.h"

#include <QStringList>

namespace bellows::plan::deps {

// The tables ("schema.table") the view `viewKey` ("view s.v") reads in `catalog`, through the
// views it reads (pg_depend).
QStringList tablesRead(const catalog::Catalog& catalog, const QString& viewKey);

// What filling the materialized view `viewKey` again reads: the tables its target definition
// reads (and its live one), once for the fill and once more for each of its indexes. Repeated
// entries count again, at plan time and in the run-time guard alike.
QStringList fillReads(const RecipeContext& ctx, const QString& viewKey);

// Makes `step`, which fills the materialized views `views` ("schema.name") from `reads`, fit
// the lock budget: a run-time guard on the summed size of `reads` and a statement_timeout, or
// the downtime accepted for every relation the step holds (the views and the tables it locks),
// or a blocking finding naming the estimate and the options.
void budgetFill(Step& step, const QStringList& views, const QStringList& reads, RecipeContext& ctx);

} // namespace bellows::plan::deps
