#pragma once

// The SQL texts of views and materialized views, shared by the view recipes and the re-creation
// of dependent views around a drop (view_cascade.cpp).

#include "catalog/catalog.h"

#include <QString>
#include <QStringList>

namespace bellows::plan::viewsql {

QString kindWord(const catalog::View& v); // "VIEW" or "MATERIALIZED VIEW"
// reloptions "key=value" as the inside of a WITH clause, keys quoted and values as literals.
QString optionList(const QStringList& options);
// CREATE [OR REPLACE] [MATERIALIZED] VIEW schema.name [WITH (...)] AS ... [WITH [NO] DATA];
// a materialized view is filled when `v.populated` (callers decide from the live one's state:
// a target from pg_dump always says WITH NO DATA).
QString createSql(const catalog::View& v, const QString& name, bool orReplace);
QString dropSql(const catalog::View& v, const QString& name); // DROP ... IF EXISTS, never CASCADE
// Comments, column comments and INSTEAD OF triggers: what a fresh CREATE VIEW lacks.
QStringList extras(const catalog::View& v);
// The CREATE, the indexes of a materialized view and the extras, one statement a line.
QStringList createAll(const catalog::View& v);

} // namespace bellows::plan::viewsql
