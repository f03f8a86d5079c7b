#pragma once

// Which catalog objects a step creates or drops, as dependency keys (catalog.h, Dependency),
// read from the step id ("phase:verb:path"): the bridge between the recipes' steps and
// pg_depend, for ordering steps by what depends on what (dependency_order.cpp).

#include "plan/plan.h"

#include <QString>
#include <QStringList>

namespace bellows::plan::deps {

struct StepObjects {
    QStringList creates; // created or replaced: must follow what they use
    QStringList drops;   // dropped (maybe to be re-created in the same step)
};

StepObjects objectsOf(const Step& step);

QString verbOf(const Step& step);      // "drop-view"
QString pathOf(const Step& step);      // "public.v"
QString kindOf(const QString& key);    // "view"
QString pathOfKey(const QString& key); // "public.v"
// "table s.t" for a key of a part of table s.t (column, default, constraint, index, trigger,
// policy); empty for other keys.
QString owningTable(const QString& key);
// The name `ALTER TABLE schema.table RENAME COLUMN column TO …` in the step's SQL gives the
// column (a swap parks the old column under another name); empty when it does not rename it.
QString columnRenamedTo(const Step& step, const QString& columnKey);

} // namespace bellows::plan::deps
