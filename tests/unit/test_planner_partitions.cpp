// Planner decisions for partitioned tables (plan/partition_*.cpp), on catalogs built by hand:
// a parent's column and drop changes are not repeated on its partitions, indexes and keys on
// a partitioned parent go through ON ONLY / CONCURRENTLY / ATTACH, bounds become CHECKs.

#include "catalog_builders.h"
#include "diff/differ.h"
#include "plan/partition_recipes.h"
#include "plan/planner.h"

#include <QTest>

#include <algorithm>

using namespace bellows;
using namespace bellows::catalog;
using namespace bellows::plan;

using bellows::test::s;

namespace {

Column column(const char* name, const char* type, int position, bool local = true)
{
    Column c;
    c.name = s(name);
    c.type = s(type);
    c.notNull = true;
    c.position = position;
    c.isLocal = local;
    return c;
}

Table parent()
{
    Table t;
    t.schema = s("public");
    t.name = s("readings");
    t.kind = TableKind::Partitioned;
    t.partitionKey = s("RANGE (taken_on)");
    t.columns = {column("id", "bigint", 1), column("taken_on", "date", 2)};
    t.estimatedRows = 0;
    return t;
}

Table partition(const char* name, const char* from, const char* to)
{
    Table t;
    t.schema = s("public");
    t.name = s(name);
    t.partitionParent = s("public.readings");
    t.partitionParentSchema = s("public");
    t.partitionParentName = s("readings");
    t.partitionBound = QStringLiteral("FOR VALUES FROM ('%1') TO ('%2')").arg(s(from), s(to));
    t.columns = {column("id", "bigint", 1, false), column("taken_on", "date", 2, false)};
    t.estimatedRows = 5000;
    t.totalBytes = 512 * 1024;
    return t;
}

Index index(const Table& t, const QString& name, bool onOnly)
{
    Index i;
    i.name = name;
    i.method = s("btree");
    i.definition = QStringLiteral("CREATE INDEX %1 ON %2public.%3 USING btree (id)")
                       .arg(name, onOnly ? s("ONLY ") : QString(), t.name);
    IndexKey k;
    k.column = s("id");
    i.keys = {k};
    return i;
}

Catalog live()
{
    Catalog c;
    c.server.versionNum = 150000;
    c.schemas = {{s("public"), {}}};
    c.tables = {parent(), partition("readings_q1", "2024-01-01", "2024-04-01"),
                partition("readings_q2", "2024-04-01", "2024-07-01")};
    return c;
}

Plan planFor(const Catalog& database, const Catalog& target)
{
    auto changes = diff::diff(database, target, {});
    if (!changes.ok())
        qFatal("diff failed: %s", qPrintable(changes.error().message));
    return buildPlan(database, target, *changes, {});
}

const Step* step(const Plan& plan, const QString& id)
{
    const auto it = std::find_if(plan.steps.begin(), plan.steps.end(),
                                 [&](const Step& st) { return st.id == id; });
    return it == plan.steps.end() ? nullptr : &*it;
}

bool mentions(const Plan& plan, const QString& text)
{
    return std::any_of(plan.steps.begin(), plan.steps.end(),
                       [&](const Step& st) { return st.sql.contains(text); });
}

bool blocked(const Plan& plan)
{
    return std::any_of(plan.findings.begin(), plan.findings.end(),
                       [](const Finding& f) { return f.severity == Finding::Severity::Blocking; });
}

} // namespace

class TestPlannerPartitions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void columnAddedOnParentOnly();
    void partitionedTableDroppedOnce();
    void indexOnPartitionedParent();
    void boundExpressions();
    void boundChangeIsOneTransaction();
};

void TestPlannerPartitions::columnAddedOnParentOnly()
{
    Catalog target = live();
    for (Table& t : target.tables) {
        Column c = column("quality", "smallint", 3, t.kind == TableKind::Partitioned);
        c.notNull = false;
        t.columns.push_back(c);
    }
    const Plan plan = planFor(live(), target);
    QVERIFY(step(plan, s("expand:add-column:public.readings.quality")));
    // PostgreSQL refuses ADD COLUMN on a partition: the parent's recurses.
    QVERIFY(!mentions(plan, s("readings_q1")));
    QVERIFY(!mentions(plan, s("readings_q2")));
}

void TestPlannerPartitions::partitionedTableDroppedOnce()
{
    Catalog target = live();
    target.tables.clear();
    const Plan plan = planFor(live(), target);
    QVERIFY(step(plan, s("contract:drop-table:public.readings")));
    QVERIFY(!step(plan, s("contract:drop-table:public.readings_q1")));
    QVERIFY(!step(plan, s("contract:drop-table:public.readings_q2")));
}

void TestPlannerPartitions::indexOnPartitionedParent()
{
    Catalog target = live();
    for (Table& t : target.tables) {
        const bool isParent = t.kind == TableKind::Partitioned;
        t.indexes.push_back(
            index(t, isParent ? s("readings_id_idx") : t.name + s("_id_idx"), isParent));
    }
    const Plan plan = planFor(live(), target);
    QVERIFY(!blocked(plan));
    const Step* parentStep = step(plan, s("expand:create-index:public.readings.readings_id_idx"));
    QVERIFY(parentStep);
    QVERIFY(parentStep->sql.contains(s("ON ONLY public.readings")));
    QVERIFY(!parentStep->outsideTransaction);
    for (const char* part : {"readings_q1", "readings_q2"}) {
        const QString idx = s(part) + s("_id_idx");
        const QString build = QStringLiteral("expand:create-index:public.%1.%2").arg(s(part), idx);
        const Step* built = step(plan, build);
        QVERIFY(built);
        QVERIFY(built->sql.contains(s("CONCURRENTLY")));
        const Step* attach =
            step(plan, QStringLiteral("expand:attach-index:public.%1.%2").arg(s(part), idx));
        QVERIFY(attach);
        QVERIFY(attach->sql.contains(s("ALTER INDEX public.readings_id_idx ATTACH PARTITION")));
        QVERIFY(attach->dependsOn.contains(build));
        QVERIFY(attach->dependsOn.contains(parentStep->id));
    }
}

void TestPlannerPartitions::boundExpressions()
{
    using partitions::boundExpression;
    QCOMPARE(boundExpression(s("RANGE (taken_on)"),
                             s("FOR VALUES FROM ('2024-01-01') TO ('2024-04-01')")),
             s("taken_on IS NOT NULL AND taken_on >= '2024-01-01' AND taken_on < '2024-04-01'"));
    QCOMPARE(boundExpression(s("RANGE (n)"), s("FOR VALUES FROM (MINVALUE) TO (10)")),
             s("n IS NOT NULL AND n < 10"));
    QCOMPARE(boundExpression(s("LIST (region)"), s("FOR VALUES IN ('us', 'it''s')")),
             s("region IS NOT NULL AND region IN ('us', 'it''s')"));
    QCOMPARE(boundExpression(s("LIST (\"Region\")"), s("FOR VALUES IN ('us')")),
             s("\"Region\" IS NOT NULL AND \"Region\" IN ('us')"));
    // No CHECK the attach could use: HASH, several columns, expressions, NULL in a list.
    QVERIFY(
        boundExpression(s("HASH (id)"), s("FOR VALUES WITH (modulus 4, remainder 0)")).isEmpty());
    QVERIFY(boundExpression(s("RANGE (a, b)"), s("FOR VALUES FROM (1, 2) TO (3, 4)")).isEmpty());
    QVERIFY(boundExpression(s("RANGE (lower(a))"), s("FOR VALUES FROM ('a') TO ('b')")).isEmpty());
    QVERIFY(boundExpression(s("LIST (region)"), s("FOR VALUES IN (NULL, 'us')")).isEmpty());
}

void TestPlannerPartitions::boundChangeIsOneTransaction()
{
    Catalog target = live();
    target.tables[2].partitionBound = s("FOR VALUES FROM ('2024-04-01') TO ('2024-10-01')");
    const Plan plan = planFor(live(), target);
    QVERIFY(!blocked(plan));
    const Step* rebound = step(plan, s("expand:rebound-partition:public.readings_q2"));
    QVERIFY(rebound);
    QVERIFY(rebound->sql.startsWith(s("ALTER TABLE public.readings DETACH PARTITION "
                                      "public.readings_q2;\nALTER TABLE public.readings ATTACH "
                                      "PARTITION public.readings_q2 FOR VALUES FROM")));
    QVERIFY(!rebound->outsideTransaction);
    // The rows are proven to fit the new bound before anything changes.
    const auto validate = std::find_if(plan.steps.begin(), plan.steps.end(), [](const Step& st) {
        return st.id.startsWith(s("expand:validate-bound-check:public.readings_q2."));
    });
    QVERIFY(validate != plan.steps.end());
    QVERIFY(rebound->dependsOn.contains(validate->id));
    QVERIFY(std::all_of(rebound->locks.begin(), rebound->locks.end(),
                        [](const Lock& l) { return l.brief; }));
}

QTEST_GUILESS_MAIN(TestPlannerPartitions)
#include "test_planner_partitions.moc"
