#pragma once

// The two-way sync trigger of a column swap (reference §4.3): one BEFORE INSERT OR UPDATE
// FOR EACH ROW trigger that decides the direction from what changed in the row, so any client
// (old app, new app, psql, cron) keeps both columns equal without knowing about it. Values
// cross through the column's Conversion (conversion.h): a value the other column cannot hold
// unchanged makes the write fail instead of storing something else.

#include "plan/conversion.h"

#include <QString>

namespace bellows::plan {

struct SyncTriggerSpec {
    QString schema;
    QString table;
    QString oldColumn;
    QString newColumn;
    QString oldType; // SQL type of the old column (a domain's base type: for comparisons)
    QString newType; // SQL type of the new column (likewise)
};

class SyncTrigger {
public:
    SyncTrigger(SyncTriggerSpec spec, const Conversion& conversion);

    // Deterministic names, at most 63 bytes: bellows_sync_<table>_<new column>, with a hash
    // when the table holds an underscore (sqlb::compositeName: no two pairs collide).
    QString name() const { return m_name; }
    QString qualifiedFunction() const; // schema.name() quoted, with the parentheses

    QString createFunctionSql() const;
    QString createTriggerSql() const;
    QString dropTriggerSql() const;
    QString dropFunctionSql() const;

private:
    QString copyBack(const QString& oldField, const QString& newField) const;

    SyncTriggerSpec m_spec;
    const Conversion& m_conversion;
    QString m_name;
};

} // namespace bellows::plan
