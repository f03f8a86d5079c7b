#pragma once

// Indexes and keys on a live partitioned table (reference I1, K3, K4). PostgreSQL refuses
// CREATE INDEX CONCURRENTLY and ADD CONSTRAINT … USING INDEX on a partitioned table, and a
// plain build holds SHARE on every partition for the whole build. The online route: each
// partition's index built concurrently, then tied to the parent by catalog updates only.

#include "plan/recipe_context.h"

namespace bellows::plan::partitions {

// An index added to live partitioned table c.schema.c.table: CREATE INDEX … ON ONLY the parent
// (invalid, nothing to build), each partition's index built by its own change (CREATE INDEX
// CONCURRENTLY, or this route again for a sub-partitioned partition), then ALTER INDEX …
// ATTACH PARTITION for each: the parent index turns valid with the last one. Returns the id
// of the parent's step.
// With `as`, the parent's index is built under that name (a changed definition, swapped in by
// the caller) and the partitions' under their names + `childSuffix`.
QString planIndex(const diff::Change& c, const catalog::Index& index, RecipeContext& ctx,
                  const QString& as = {}, const QString& childSuffix = {});
// For a partition's index whose definition changes along with its parent's: the id of the
// parent's step that drops the old one (and with it this partition's), else empty.
QString parentIndexDrop(const diff::Change& change, const RecipeContext& ctx);

// A PRIMARY KEY or UNIQUE constraint added to a live partitioned table: on each leaf
// partition a unique index built concurrently and attached as the partition's constraint
// (USING INDEX), then ADD CONSTRAINT on the parent (and sub-partitioned partitions), which
// adopts those constraints instead of building (a catalog update under ACCESS EXCLUSIVE on the
// parent, SHARE on the partitions). `deps` and `attachPhase`: the NOT NULL steps the key
// columns wait for, as for an ordinary table.
void planKey(const diff::Change& c, const catalog::Constraint& k, const QStringList& deps,
             Phase attachPhase, RecipeContext& ctx);

// A validated FOREIGN KEY added to a live partitioned table (PostgreSQL before 18 refuses NOT
// VALID there): on each leaf partition NOT VALID then VALIDATE, then the plain ADD CONSTRAINT
// on the parent (and sub-partitioned partitions), which adopts the validated ones without a
// scan. `deps`: what the foreign key waits for (its index, a new referenced table).
void planForeignKey(const diff::Change& c, const catalog::Constraint& k, const QStringList& deps,
                    RecipeContext& ctx);

// A table whose partition membership or bound changes (a Changed table with "partition of"
// or "partition bound"): attached (P1: a validated CHECK matching the bound on the table and,
// negated, on the parent's DEFAULT partition, so ATTACH scans nothing; the table's new indexes
// built before and adopted), detached (P2: CONCURRENTLY where possible) or given a new bound
// (both checks, then DETACH + ATTACH in one transaction). False when it cannot be planned this
// way (the caller reports it).
bool planMembership(const diff::Change& change, RecipeContext& ctx);
// A new partition `part` of the live `parent` whose DEFAULT partition may hold rows: created
// standalone (`createSql`, with its bound as a CHECK), then in one transaction the default's
// rows of the bound move into it and it is attached. False when the plain PARTITION OF does.
bool planCreateOverDefault(const catalog::Table& parent, const catalog::Table& part,
                           const QStringList& createSql, RecipeContext& ctx);
// A table that becomes partitioned, stops being partitioned or gets another partition key:
// every row must be copied into a new table, which Bellows does not plan yet.
Finding repartitionFinding(const catalog::Table& before, const catalog::Table& after,
                           const diff::AttributeChange& attribute);
// A new partition `part` of the live `parent` while the plan drops partitions of it that may
// hold rows (a split or merge of ranges): each new partition created standalone with its
// bound as a CHECK, then one transaction detaches the old ones, copies their rows of each new
// bound into it and attaches the new ones (the old ones are dropped in contract). False when
// this does not apply.
bool planReplacement(const catalog::Table& parent, const catalog::Table& part,
                     const QStringList& createSql, RecipeContext& ctx);
// Contract steps on a detached table (its indexes and constraints) wait for the detach.
void linkDetaches(RecipeContext& ctx);

// The partition constraint of a single-column RANGE or LIST bound as a CHECK expression that
// PostgreSQL's proof recognises; empty for other shapes.
QString boundExpression(const QString& partitionKey, const QString& bound);

} // namespace bellows::plan::partitions
