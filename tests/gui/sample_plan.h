#pragma once

#include <algorithm>

// A realistic plan for the GUI suites, made by the real differ and planner from hand-built
// catalogs (no database): the seed article's users table (100k rows) with full_name renamed
// to display_name, a NOT NULL column with a default, orders gaining a foreign key and an
// index, and an int column widened to bigint. Every phase and both gates appear.

#include "catalog_builders.h"
#include "diff/diff_report.h"
#include "diff/differ.h"
#include "plan/planner.h"

#include <QTest>

namespace bellows::test {

inline catalog::Column col(const char* name, const char* type, bool notNull = false,
                           const char* def = "")
{
    catalog::Column c = column(name, type, notNull);
    c.defaultExpr = s(def);
    return c;
}

inline catalog::Index btree(const char* table, const char* name, const char* key)
{
    catalog::Index i;
    i.name = s(name);
    i.method = s("btree");
    i.definition = QStringLiteral("CREATE INDEX %1 ON public.%2 USING btree (%3)")
                       .arg(s(name), s(table), s(key));
    catalog::IndexKey k;
    k.column = s(key);
    i.keys = {k};
    return i;
}

inline void primaryKey(catalog::Table& t, const char* key)
{
    catalog::Constraint pk;
    pk.name = t.name + QStringLiteral("_pkey");
    pk.kind = catalog::ConstraintKind::PrimaryKey;
    pk.definition = QStringLiteral("PRIMARY KEY (%1)").arg(s(key));
    pk.columns = {s(key)};
    pk.indexName = pk.name;
    t.constraints.push_back(pk);
    catalog::Index i = btree("", "", key);
    i.name = pk.name;
    i.unique = true;
    i.primary = true;
    i.constraintName = pk.name;
    i.definition = QStringLiteral("CREATE UNIQUE INDEX %1 ON public.%2 USING btree (%3)")
                       .arg(pk.name, t.name, s(key));
    t.indexes.push_back(i);
}

inline catalog::Catalog sampleDatabase()
{
    catalog::Catalog c;
    c.server.versionNum = 160004;
    c.schemas = {{s("public"), {}}};
    catalog::Table users = table("public", "users",
                                 {col("id", "bigint", true), col("email", "text", true),
                                  col("full_name", "character varying(50)"),
                                  col("created_at", "timestamp with time zone", true, "now()")});
    primaryKey(users, "id");
    users.estimatedRows = 100000;
    users.totalBytes = 24LL * 1024 * 1024;
    catalog::Table products = table("public", "products",
                                    {col("id", "bigint", true), col("name", "text", true),
                                     col("price_cents", "integer", true)});
    primaryKey(products, "id");
    products.estimatedRows = 5000;
    products.totalBytes = 1024LL * 1024;
    catalog::Table orders =
        table("public", "orders",
              {col("id", "bigint", true), col("user_id", "bigint", true),
               col("product_id", "bigint", true), col("quantity", "integer", true),
               col("created_at", "timestamp with time zone", true, "now()")});
    primaryKey(orders, "id");
    orders.estimatedRows = 400000;
    orders.totalBytes = 48LL * 1024 * 1024;
    c.tables = {users, products, orders};
    return c;
}

inline catalog::Catalog sampleTarget()
{
    catalog::Catalog c = sampleDatabase();
    catalog::Table& users = c.tables[0];
    users.columns[2].name = s("display_name");
    users.columns.push_back(col("status", "text", true, "'active'::text"));
    users.columns.back().position = 5;
    catalog::Table& orders = c.tables[2];
    orders.columns[3].type = s("bigint");
    catalog::Constraint fk;
    fk.name = s("orders_user_id_fkey");
    fk.kind = catalog::ConstraintKind::ForeignKey;
    fk.definition = s("FOREIGN KEY (user_id) REFERENCES users(id)");
    fk.columns = {s("user_id")};
    fk.refSchema = s("public");
    fk.refTable = s("users");
    fk.refColumns = {s("id")};
    fk.onUpdate = s("NO ACTION");
    fk.onDelete = s("NO ACTION");
    fk.matchType = s("SIMPLE");
    orders.constraints.push_back(fk);
    orders.indexes.push_back(btree("orders", "orders_created_at_idx", "created_at"));
    return c;
}

inline plan::Plan samplePlan()
{
    const catalog::Catalog database = sampleDatabase();
    const catalog::Catalog target = sampleTarget();
    diff::DiffOptions options;
    options.renames = {{s("public"), s("users"), s("full_name"), s("display_name")}};
    auto changes = diff::diff(database, target, options);
    if (!changes.ok())
        qFatal("diff failed: %s", qPrintable(changes.error().message));
    plan::Plan p = plan::buildPlan(database, target, *changes, {});
    p.sourceDescription = s("localhost:5432/shop");
    p.targetDescription = s("schema.sql");
    p.renames = options.renames;
    p.changeSet = diff::toJson(*changes);
    return p;
}

// `plan` with its steps repeated to `count` steps (ids made unique, phases kept in order):
// the 1,000-step plans of the timeline and review timings and the GUI benchmark.
inline plan::Plan withRepeatedSteps(plan::Plan plan, int count)
{
    const std::vector<plan::Step> base = plan.steps;
    plan.steps.clear();
    for (int i = 0; i < count; ++i) {
        plan::Step s = base[size_t(i) % base.size()];
        s.id += QString::number(i);
        plan.steps.push_back(s);
    }
    std::stable_sort(plan.steps.begin(), plan.steps.end(),
                     [](const plan::Step& a, const plan::Step& b) { return a.phase < b.phase; });
    return plan;
}

} // namespace bellows::test
