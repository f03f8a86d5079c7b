#pragma once

// A foreign key holds on to the unique index it was created against: PostgreSQL refuses to
// drop that index, or the constraint owning it, while the foreign key exists. A step that drops
// such an index hands over the foreign keys the target keeps: in the same transaction it drops
// them first and, once the replacement carries the rule, adds them back NOT VALID (checking new
// rows at once, scanning nothing); each is validated in a later step of its own. Foreign keys
// the target drops are not touched: the step waits for their own drops (step_objects.cpp lists
// the handing-over verbs as dropping the index, so dependency_order.cpp orders them).

#include "plan/recipe_context.h"

namespace bellows::plan::recipes {

struct ForeignKeyHandover {
    struct Key {
        QString schema;
        QString table;
        QString name;
        QString refSchema; // the table it references
        QString refTable;
        QString body;    // the target's definition without NOT VALID
        QString comment; // the target's comment: DROP CONSTRAINT deletes it
        bool validated = false;
    };
    std::vector<Key> keys;
    bool blocked = false; // a blocking finding was recorded: the plan will be refused

    bool empty() const { return keys.empty(); }
};

// A unique index a step drops, as foreignKeysUsing needs it.
struct DroppedIndex {
    QString schema;
    QString liveTable;                     // its table's name in the live database
    QString targetTable;                   // and in the target
    const catalog::Index* index = nullptr; // the live index (null: only pg_depend is read)
    QString dependencyKey;                 // as catalog dependencies name it: "index s.t.name", or
                                           // "constraint s.t.name" for a constraint's index
    QString object;                        // what blocking findings are about
    // Also the foreign keys the plan adds on its columns (PostgreSQL ties a new one to the
    // oldest matching index: this one). Not when the step creates the constraint they need:
    // their creation already waits for it.
    bool withPlanned = true;
};

// The foreign keys to hand over when `dropped` goes: the live ones that use it or sit on its
// columns, and (withPlanned) the ones the plan adds on its columns. A foreign key that the
// target changes, that is renamed with its table, or that lives on a partitioned table is a
// blocking finding on `object`.
ForeignKeyHandover foreignKeysUsing(const DroppedIndex& dropped, RecipeContext& ctx);

// Step `s` drops the index: lock the parent `relation` and the children, drop the foreign keys
// before its SQL and add them back NOT VALID (with their comments) after it.
void handOver(Step& s, const QString& relation, const ForeignKeyHandover& handover);

// VALIDATE CONSTRAINT of foreign key `name` of schema.table, which references
// refSchema.refTable, as a step of its own in `phase` (SHARE UPDATE EXCLUSIVE on the child, ROW
// SHARE on the parent: reads and writes go on). The caller adds its order and rationale.
Step validateForeignKeyStep(Phase phase, const QString& schema, const QString& table,
                            const QString& name, const QString& refSchema, const QString& refTable);

// VALIDATE CONSTRAINT for each foreign key handed over that the target has validated, each in
// its own step after `after` (SHARE UPDATE EXCLUSIVE on the child: reads and writes go on).
void validateHandedOver(const ForeignKeyHandover& handover, const QString& after, Phase phase,
                        RecipeContext& ctx);

} // namespace bellows::plan::recipes
