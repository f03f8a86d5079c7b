// Ordering by pg_depend (plan/dependency_order.cpp, plan/view_cascade.cpp): hand-made catalogs
// with the dependencies the introspector would read, diffed and planned; the order of the
// steps and the SQL of the steps that carry dependent views are checked.

#include "catalog_builders.h"
#include "diff/differ.h"
#include "plan/planner.h"
#include "plan/routine_arguments.h"

#include <QTest>

using namespace bellows;
using namespace bellows::catalog;
using namespace bellows::plan;

using bellows::test::column;
using bellows::test::s;
using bellows::test::table;

namespace {

View view(const char* name, const char* definition, std::vector<Column> columns)
{
    View v;
    v.schema = s("public");
    v.name = s(name);
    v.definition = s(definition);
    int position = 0;
    for (Column& c : columns)
        c.position = ++position;
    v.columns = std::move(columns);
    return v;
}

Catalog base()
{
    Catalog c;
    c.server.versionNum = 150018;
    c.schemas = {{s("public"), {}}};
    Table items =
        table("public", "items", {column("id", "integer", true), column("qty", "integer", true)});
    items.estimatedRows = 1000;
    c.tables = {items};
    return c;
}

// items <- stock (view) <- stock_high (view)
Catalog withViews()
{
    Catalog c = base();
    c.views = {view("stock", " SELECT items.id, items.qty FROM public.items;",
                    {column("id", "integer"), column("qty", "integer")}),
               view("stock_high", " SELECT stock.id FROM public.stock WHERE (stock.qty > 10);",
                    {column("id", "integer")})};
    c.dependencies = {{s("view public.stock"), s("column public.items.id"), 'n'},
                      {s("view public.stock"), s("column public.items.qty"), 'n'},
                      {s("view public.stock_high"), s("view public.stock"), 'n'}};
    return c;
}

Plan planOf(const Catalog& database, const Catalog& target)
{
    auto changes = diff::diff(database, target);
    if (!changes.ok())
        qFatal("diff failed: %s", qPrintable(changes.error().message));
    return buildPlan(database, target, *changes, {});
}

int position(const Plan& plan, const QString& id)
{
    for (size_t i = 0; i < plan.steps.size(); ++i)
        if (plan.steps[i].id == id)
            return int(i);
    return -1;
}

} // namespace

class TestDependencyOrder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void viewChainDroppedDeepestFirst()
    {
        const Plan plan = planOf(withViews(), base());
        const int high = position(plan, s("contract:drop-view:public.stock_high"));
        const int stock = position(plan, s("contract:drop-view:public.stock"));
        QVERIFY(high >= 0 && stock >= 0);
        QVERIFY(high < stock);
        QVERIFY(plan.step(s("contract:drop-view:public.stock"))
                    ->dependsOn.contains(s("contract:drop-view:public.stock_high")));
    }

    void tableDroppedAfterItsViews()
    {
        Catalog target = base();
        target.tables.clear();
        const Plan plan = planOf(withViews(), target);
        const int table = position(plan, s("contract:drop-table:public.items"));
        QVERIFY(table >= 0);
        QVERIFY(position(plan, s("contract:drop-view:public.stock")) < table);
        QVERIFY(position(plan, s("contract:drop-view:public.stock_high")) < table);
        for (const Step& st : plan.steps)
            QVERIFY(!st.sql.contains(s("CASCADE")));
    }

    void typeDroppedAfterTheFunctionUsingIt()
    {
        Catalog database = base();
        database.enums = {{s("public"), s("kind"), {s("a"), s("b")}, {}}};
        Function f;
        f.schema = s("public");
        f.name = s("is_b");
        f.identityArguments = s("k public.kind");
        f.returns = s("boolean");
        f.language = s("sql");
        f.definition = s("CREATE OR REPLACE FUNCTION public.is_b(k public.kind)\n RETURNS boolean\n"
                         " LANGUAGE sql\nAS $function$ SELECT k = 'b' $function$\n");
        database.functions = {f};
        database.dependencies = {
            {s("function public.is_b(k public.kind)"), s("type public.kind"), 'n'}};
        const Plan plan = planOf(database, base());
        const int type = position(plan, s("contract:drop-type:public.kind"));
        const int function = position(plan, s("contract:drop-function:public.is_b(k public.kind)"));
        QVERIFY(type >= 0 && function >= 0);
        QVERIFY(function < type);
    }

    void defaultWaitsForItsFunction()
    {
        Catalog target = base();
        Function f;
        f.schema = s("public");
        f.name = s("initial_qty");
        f.returns = s("integer");
        f.language = s("sql");
        f.definition = s("CREATE OR REPLACE FUNCTION public.initial_qty()\n RETURNS integer\n"
                         " LANGUAGE sql\nAS $function$ SELECT 1 $function$\n");
        target.functions = {f};
        target.tables[0].columns[1].defaultExpr = s("public.initial_qty()");
        target.dependencies = {
            {s("default public.items.qty"), s("function public.initial_qty()"), 'n'}};
        const Plan plan = planOf(base(), target);
        const int create = position(plan, s("expand:create-function:public.initial_qty()"));
        const int set = position(plan, s("expand:set-default:public.items.qty"));
        QVERIFY(create >= 0 && set >= 0);
        QVERIFY(create < set);
    }

    void dependentViewsFollowARecreatedView()
    {
        Catalog target = withViews();
        // stock's second column is renamed: CREATE OR REPLACE cannot do that.
        target.views[0] = view("stock", " SELECT items.id, items.qty AS amount FROM public.items;",
                               {column("id", "integer"), column("amount", "integer")});
        target.views[1] =
            view("stock_high", " SELECT stock.id FROM public.stock WHERE (stock.amount > 10);",
                 {column("id", "integer")});
        const Plan plan = planOf(withViews(), target);
        const Step* step = plan.step(s("expand:recreate-view:public.stock"));
        QVERIFY(step);
        // stock_high's own step is folded into stock's.
        for (const Step& st : plan.steps)
            QVERIFY2(st.phase != Phase::Expand || !st.id.endsWith(s(":public.stock_high")),
                     qPrintable(st.id));
        const QString sql = step->sql;
        const qsizetype dropHigh = sql.indexOf(s("DROP VIEW IF EXISTS public.stock_high;"));
        const qsizetype dropStock = sql.indexOf(s("DROP VIEW IF EXISTS public.stock;"));
        const qsizetype createStock = sql.indexOf(s("CREATE VIEW public.stock AS"));
        const qsizetype createHigh = sql.indexOf(s("CREATE VIEW public.stock_high AS"));
        QVERIFY(dropHigh >= 0 && dropStock > dropHigh && createStock > dropStock &&
                createHigh > createStock);
        QVERIFY(sql.contains(s("stock.amount > 10")));
        QVERIFY(step->title.contains(s("public.stock_high")));
        QVERIFY(!sql.contains(s("CASCADE")));
    }

    void argumentTypesLeaveNamesOut()
    {
        using plan::routines::argumentTypes;
        QCOMPARE(argumentTypes(s("amount numeric")), s("numeric"));
        QCOMPARE(argumentTypes(s("numeric")), s("numeric"));
        QCOMPARE(argumentTypes(s("x double precision, double precision")),
                 s("double precision, double precision"));
        QCOMPARE(argumentTypes(s("VARIADIC xs integer[]")), s("VARIADIC integer[]"));
        QCOMPARE(argumentTypes(s("\"my arg\" public.kind, timestamp with time zone")),
                 s("public.kind, timestamp with time zone"));
        QCOMPARE(argumentTypes(s("")), QString());
    }

    void renamedArgumentsReplaceInExpandWithoutContractDrop()
    {
        auto vat = [](const char* arguments, const char* name) {
            Function f;
            f.schema = s("public");
            f.name = s("vat");
            f.identityArguments = s(arguments);
            f.returns = s("numeric");
            f.language = s("sql");
            f.definition = s("CREATE OR REPLACE FUNCTION public.vat(%1 numeric)\n RETURNS numeric\n"
                             " LANGUAGE sql\nAS $function$ SELECT %1 * 0.2 $function$\n")
                               .arg(s(name));
            return f;
        };
        Catalog database = base();
        database.functions = {vat("amount numeric", "amount")};
        Catalog target = base();
        target.functions = {vat("net numeric", "net")};
        const Plan plan = planOf(database, target);
        const Step* step = plan.step(s("expand:create-function:public.vat(net numeric)"));
        QVERIFY(step);
        QVERIFY(step->sql.startsWith(s("DROP FUNCTION IF EXISTS public.vat(amount numeric);")));
        for (const Step& st : plan.steps)
            QVERIFY2(st.phase != Phase::Contract || !st.sql.contains(s("DROP FUNCTION")),
                     qPrintable(st.id));
    }

    void viewsFollowAnInPlaceTypeChange()
    {
        Catalog database = withViews();
        database.tables[0].estimatedRows = 0; // empty: the type changes in place
        Catalog target = withViews();
        target.tables[0].columns[1].type = s("bigint");
        target.views[0].columns[1].type = s("bigint");
        const Plan plan = planOf(database, target);
        QVERIFY(!plan.hasBlockingFindings());
        const Step* step = plan.step(s("expand:alter-type:public.items.qty"));
        QVERIFY(step);
        const qsizetype drop = step->sql.indexOf(s("DROP VIEW IF EXISTS public.stock;"));
        const qsizetype alter = step->sql.indexOf(s("TYPE bigint"));
        const qsizetype create = step->sql.indexOf(s("CREATE VIEW public.stock AS"));
        QVERIFY(drop >= 0 && alter > drop && create > alter);
        QVERIFY(step->sql.indexOf(s("DROP VIEW IF EXISTS public.stock_high;")) < drop);
    }
};

QTEST_APPLESS_MAIN(TestDependencyOrder)
#include "test_dependency_order.moc"
