// Planner, table and column recipes: catalogs built by hand (no database), diffed, planned, and
// every plan rendered as SQL and compared with a golden file under golden/columns/.
// BELLOWS_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing.

#include "catalog_builders.h"
#include "diff/differ.h"
#include "golden_file.h"
#include "plan/column_swap.h"
#include "plan/planner.h"
#include "plan/sync_trigger.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace bellows;
using namespace bellows::catalog;
using namespace bellows::plan;

using bellows::test::s;

namespace {

Column column(const char* name, const char* type, bool notNull = false, const char* def = "")
{
    Column c;
    c.name = s(name);
    c.type = s(type);
    c.notNull = notNull;
    c.defaultExpr = s(def);
    return c;
}

Index index(const char* table, const char* name, const char* col)
{
    Index i;
    i.name = s(name);
    i.method = s("btree");
    i.definition = QStringLiteral("CREATE INDEX %1 ON public.%2 USING btree (%3)")
                       .arg(s(name), s(table), s(col));
    IndexKey k;
    k.column = s(col);
    i.keys = {k};
    return i;
}

void addPrimaryKey(Table& t, const char* col)
{
    Constraint pk;
    pk.name = t.name + QStringLiteral("_pkey");
    pk.kind = ConstraintKind::PrimaryKey;
    pk.definition = QStringLiteral("PRIMARY KEY (%1)").arg(s(col));
    pk.columns = {s(col)};
    pk.indexName = pk.name;
    t.constraints.push_back(pk);
    Index i;
    i.name = pk.name;
    i.method = s("btree");
    i.unique = true;
    i.primary = true;
    i.constraintName = pk.name;
    i.definition = QStringLiteral("CREATE UNIQUE INDEX %1 ON public.%2 USING btree (%3)")
                       .arg(pk.name, t.name, s(col));
    IndexKey k;
    k.column = s(col);
    i.keys = {k};
    t.indexes.push_back(i);
}

Table usersTable()
{
    Table t;
    t.schema = s("public");
    t.name = s("users");
    t.columns = {column("id", "bigint", true), column("email", "text", true),
                 column("full_name", "character varying(50)"), column("age", "integer"),
                 column("score", "integer")};
    for (size_t i = 0; i < t.columns.size(); ++i)
        t.columns[i].position = int(i) + 1;
    addPrimaryKey(t, "id");
    t.indexes.push_back(index("users", "users_full_name_idx", "full_name"));
    Constraint check;
    check.name = s("users_score_check");
    check.kind = ConstraintKind::Check;
    check.definition = s("CHECK ((score >= 0))");
    check.checkExpression = s("(score >= 0)");
    check.columns = {s("score")};
    t.constraints.push_back(check);
    t.estimatedRows = 250000;
    t.totalBytes = 64LL * 1024 * 1024;
    return t;
}

Table legacyTable(const char* name)
{
    Table t;
    t.schema = s("public");
    t.name = s(name);
    t.columns = {column("id", "integer", true), column("note", "text")};
    t.columns[0].position = 1;
    t.columns[1].position = 2;
    addPrimaryKey(t, "id");
    t.estimatedRows = 1200;
    t.totalBytes = 200 * 1024;
    return t;
}

Catalog baseCatalog(int versionNum)
{
    Catalog c;
    c.server.versionNum = versionNum;
    c.schemas = {{s("public"), {}}};
    Table events;
    events.schema = s("public");
    events.name = s("events");
    events.kind = TableKind::Partitioned;
    events.partitionKey = s("RANGE (at)");
    events.columns = {column("at", "date", true), column("what", "text")};
    events.columns[0].position = 1;
    events.columns[1].position = 2;
    events.estimatedRows = 0;
    c.tables = {usersTable(), legacyTable("audit_log"), legacyTable("legacy_people"), events};
    return c;
}

Table& tableIn(Catalog& c, const char* name)
{
    for (Table& t : c.tables) {
        if (t.name == s(name))
            return t;
    }
    qFatal("no table %s", name);
}

Column& columnIn(Catalog& c, const char* table, const char* name)
{
    for (Column& col : tableIn(c, table).columns) {
        if (col.name == s(name))
            return col;
    }
    qFatal("no column %s", name);
}

struct Case {
    Catalog database;
    Catalog target;
    std::vector<diff::RenameHint> renames;
    std::vector<Fill> fills;
};

Case makeCase(const QString& name)
{
    const int version = name.endsWith(QLatin1String("_18")) ? 180000 : 150000;
    Case k{baseCatalog(version), baseCatalog(version), {}, {}};
    Table& users = tableIn(k.target, "users");
    if (name == QLatin1String("add_nullable")) {
        users.columns.push_back(column("nickname", "text"));
    } else if (name == QLatin1String("add_constant_default")) {
        users.columns.push_back(column("plan", "text", false, "'free'::text"));
    } else if (name == QLatin1String("add_not_null_default")) {
        users.columns.push_back(column("status", "text", true, "'active'::text"));
    } else if (name == QLatin1String("add_volatile_default")) {
        users.columns.push_back(column("token", "uuid", true, "gen_random_uuid()"));
    } else if (name.startsWith(QLatin1String("set_not_null_fill"))) {
        columnIn(k.target, "users", "age").notNull = true;
        k.fills = {{s("public"), s("users"), s("age"), s("0")}};
    } else if (name == QLatin1String("set_not_null_no_fill")) {
        columnIn(k.target, "users", "age").notNull = true;
    } else if (name == QLatin1String("set_not_null_with_default")) {
        Column& age = columnIn(k.target, "users", "age");
        age.notNull = true;
        age.defaultExpr = s("18");
    } else if (name == QLatin1String("drop_column")) {
        users.columns.erase(users.columns.begin() + 3); // age
    } else if (name == QLatin1String("drop_column_with_view")) {
        users.columns.erase(users.columns.begin() + 3); // age
        for (Catalog* c : {&k.database, &k.target}) {
            View v;
            v.schema = s("public");
            v.name = s("adults");
            v.definition =
                s(" SELECT users.id,\n    users.age\n   FROM users\n  WHERE (users.age >= 18);");
            c->views.push_back(v);
        }
    } else if (name == QLatin1String("int_to_bigint_pk")) {
        columnIn(k.target, "legacy_people", "id").type = s("bigint");
    } else if (name == QLatin1String("int_to_smallint_pk")) {
        // Narrowing goes through the same key swap; a warning says what stops it.
        columnIn(k.target, "legacy_people", "id").type = s("smallint");
    } else if (name == QLatin1String("rename_column")) {
        columnIn(k.target, "users", "full_name").name = s("display_name");
        users.indexes[1] = index("users", "users_full_name_idx", "display_name");
        k.renames = {{s("public"), s("users"), s("full_name"), s("display_name")}};
    } else if (name == QLatin1String("rename_not_null_column")) {
        Column& email = columnIn(k.target, "users", "email");
        email.name = s("email_address");
        email.defaultExpr = s("''::text");
        columnIn(k.database, "users", "email").defaultExpr = s("''::text");
        k.renames = {{s("public"), s("users"), s("email"), s("email_address")}};
    } else if (name == QLatin1String("varchar_to_text")) {
        columnIn(k.target, "users", "full_name").type = s("text");
    } else if (name == QLatin1String("int_to_bigint")) {
        columnIn(k.target, "users", "score").type = s("bigint");
    } else if (name == QLatin1String("table_add")) {
        Table posts;
        posts.schema = s("public");
        posts.name = s("posts");
        posts.columns = {column("id", "bigint", true), column("user_id", "bigint", true),
                         column("body", "text", false, "''::text")};
        addPrimaryKey(posts, "id");
        Constraint fk;
        fk.name = s("posts_user_id_fkey");
        fk.kind = ConstraintKind::ForeignKey;
        fk.definition = s("FOREIGN KEY (user_id) REFERENCES public.users(id)");
        fk.columns = {s("user_id")};
        fk.refSchema = s("public");
        fk.refTable = s("users");
        fk.refColumns = {s("id")};
        posts.constraints.push_back(fk);
        posts.indexes.push_back(index("posts", "posts_user_id_idx", "user_id"));
        posts.comment = s("What users write");
        Policy own;
        own.name = s("posts_own");
        own.command = s("SELECT");
        own.roles = {s("public")};
        own.usingExpr = s("(user_id > 0)");
        posts.policies = {own};
        posts.rlsEnabled = true;
        Trigger touch;
        touch.name = s("posts_touch");
        touch.definition = s("CREATE TRIGGER posts_touch BEFORE UPDATE ON public.posts FOR EACH "
                             "ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()");
        touch.enabled = 'D';
        posts.triggers = {touch};
        k.target.tables.push_back(posts);
    } else if (name == QLatin1String("add_generated_stored")) {
        Column c = column("score_x2", "integer");
        c.generated = GeneratedKind::Stored;
        c.generatedExpr = s("(score * 2)");
        users.columns.push_back(c);
    } else if (name == QLatin1String("table_add_partition")) {
        Table part;
        part.schema = s("public");
        part.name = s("events_2025");
        part.columns = {column("at", "date", true), column("what", "text")};
        part.columns[0].isLocal = false;
        part.columns[1].isLocal = false;
        part.partitionParent = s("public.events");
        part.partitionParentSchema = s("public");
        part.partitionParentName = s("events");
        part.partitionBound = s("FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
        k.target.tables.push_back(part);
    } else if (name == QLatin1String("table_drop")) {
        Table& audit = tableIn(k.database, "audit_log");
        audit.columns.push_back(column("user_id", "bigint"));
        audit.columns.back().position = 3;
        Constraint fk;
        fk.name = s("audit_log_user_id_fkey");
        fk.kind = ConstraintKind::ForeignKey;
        fk.definition = s("FOREIGN KEY (user_id) REFERENCES public.users(id)");
        fk.columns = {s("user_id")};
        fk.refSchema = s("public");
        fk.refTable = s("users");
        fk.refColumns = {s("id")};
        audit.constraints.push_back(fk);
        k.target.tables.erase(k.target.tables.begin() + 1); // audit_log
    } else if (name == QLatin1String("table_rename")) {
        tableIn(k.target, "legacy_people").name = s("people");
        Table& people = tableIn(k.target, "people");
        people.constraints[0].name = s("legacy_people_pkey"); // PostgreSQL keeps the names
        k.renames = {{s("public"), s("legacy_people"), {}, s("people")}};
    }
    k.database.sort();
    k.target.sort();
    return k;
}

QString render(const Plan& plan)
{
    QStringList out;
    for (const Finding& f : plan.findings)
        out << QStringLiteral("-- finding (%1): %2").arg(toString(f.severity), f.title);
    for (const Gate& g : plan.gates)
        out << QStringLiteral("-- gate before %1: %2").arg(toString(g.before), g.title);
    for (const Step& st : plan.steps) {
        out << QString();
        out << QStringLiteral("-- step: ") + st.id;
        out << QStringLiteral("-- phase: ") + toString(st.phase);
        QStringList locks;
        for (const Lock& l : st.locks)
            locks << QStringLiteral("%1 %2%3").arg(
                shortName(l.mode), l.relation, l.brief ? QStringLiteral(" (brief)") : QString());
        out << QStringLiteral("-- locks: ") + locks.join(QStringLiteral(", "));
        if (st.outsideTransaction)
            out << QStringLiteral("-- outside transaction");
        out << st.sql;
        if (st.isReversible()) {
            out << QStringLiteral("-- rollback:");
            for (const QString& line : st.rollbackSql.split(QLatin1Char('\n')))
                out << QStringLiteral("--   ") + line;
        } else {
            out << QStringLiteral("-- irreversible: ") + st.irreversibleReason;
        }
    }
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

bool violatesLockRule(const Plan& plan, QString* which)
{
    for (const Step& st : plan.steps) {
        for (const Lock& l : st.locks) {
            const bool strong = l.mode == LockMode::AccessExclusive || l.mode == LockMode::Share ||
                                l.mode == LockMode::ShareRowExclusive ||
                                l.mode == LockMode::Exclusive;
            if (strong && !l.brief && !plan.hasBlockingFindings()) {
                *which = st.id;
                return true;
            }
        }
    }
    return false;
}

const QStringList& caseNames()
{
    static const QStringList names = {
        s("add_nullable"),
        s("add_constant_default"),
        s("add_not_null_default"),
        s("add_volatile_default"),
        s("set_not_null_fill_15"),
        s("set_not_null_fill_18"),
        s("set_not_null_no_fill"),
        s("set_not_null_with_default"),
        s("drop_column"),
        s("drop_column_with_view"),
        s("int_to_bigint_pk"),
        s("int_to_smallint_pk"),
        s("add_generated_stored"),
        s("table_add_partition"),
        s("rename_column"),
        s("rename_not_null_column"),
        s("varchar_to_text"),
        s("int_to_bigint"),
        s("table_add"),
        s("table_drop"),
        s("table_rename"),
    };
    return names;
}

Plan planFor(const Case& k)
{
    diff::DiffOptions options;
    options.renames = k.renames;
    auto changes = diff::diff(k.database, k.target, options);
    if (!changes.ok())
        qFatal("diff failed: %s", qPrintable(changes.error().message));
    return buildPlan(k.database, k.target, *changes, k.fills);
}

} // namespace

class TestPlannerColumns : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void golden_data();
    void golden();
    void onlyTableAndColumnChanges();
    void lockRule();
    void gates();
    void ordering();
    void timeouts();
    void lockBudget();
    void longNames();
};

void TestPlannerColumns::golden_data()
{
    QTest::addColumn<QString>("name");
    for (const QString& n : caseNames())
        QTest::newRow(qPrintable(n)) << n;
}

void TestPlannerColumns::golden()
{
    QFETCH(QString, name);
    const Plan plan = planFor(makeCase(name));
    const QString actual = render(plan);
    const QString path =
        QStringLiteral(BELLOWS_GOLDEN_DIR "/columns/") + name + QStringLiteral(".sql");
    QString message;
    QVERIFY2(bellows::test::matchesGolden(path, actual, &message), qPrintable(message));
}

// The goldens must not depend on the other recipes (constraints, indexes, ...).
void TestPlannerColumns::onlyTableAndColumnChanges()
{
    for (const QString& n : caseNames()) {
        const Case k = makeCase(n);
        diff::DiffOptions options;
        options.renames = k.renames;
        auto changes = diff::diff(k.database, k.target, options);
        QVERIFY(changes.ok());
        QVERIFY2(!changes->isEmpty(), qPrintable(n));
        for (const diff::Change& c : changes->changes) {
            QVERIFY2(c.kind == diff::ObjectKind::Table || c.kind == diff::ObjectKind::Column,
                     qPrintable(n + QStringLiteral(": ") + c.displayName()));
        }
    }
}

void TestPlannerColumns::lockRule()
{
    for (const QString& n : caseNames()) {
        const Plan plan = planFor(makeCase(n));
        QString which;
        QVERIFY2(!violatesLockRule(plan, &which), qPrintable(n + QStringLiteral(": ") + which));
        for (const Step& st : plan.steps) {
            QVERIFY2(!st.id.isEmpty() && !st.title.isEmpty() && !st.sql.isEmpty(),
                     qPrintable(st.id));
            QVERIFY2(st.isReversible() || !st.irreversibleReason.isEmpty(), qPrintable(st.id));
            QVERIFY2(!st.referenceRow.isEmpty(), qPrintable(st.id));
            QVERIFY2(!st.rationale.isEmpty(), qPrintable(st.id));
            QVERIFY2(st.estimatedSeconds > 0, qPrintable(st.id));
        }
    }
}

void TestPlannerColumns::gates()
{
    for (const char* n : {"add_nullable", "add_constant_default", "add_not_null_default",
                          "varchar_to_text", "table_add"}) {
        const Plan plan = planFor(makeCase(s(n)));
        QVERIFY2(plan.gates.empty(), n);
    }
    const Plan rename = planFor(makeCase(s("rename_column")));
    // The seed's order: the app reads the new name only after backfill, verify and the index
    // copies; contract waits for the old instances to drain.
    QCOMPARE(rename.gates.size(), size_t(2));
    QCOMPARE(rename.gates[0].id, s("gate:deploy-new-shape"));
    QVERIFY(rename.gates[0].before == Phase::Tighten || rename.gates[0].before == Phase::Contract);
    QVERIFY(rename.gates[1].before == Phase::Contract);
    QVERIFY(rename.gates[1].instructions.contains(QLatin1String("full_name")));
    for (const Step& step : rename.steps)
        if (step.phase == Phase::Backfill || step.phase == Phase::Verify)
            QVERIFY2(int(step.phase) < int(rename.gates[0].before), qPrintable(step.id));
    QVERIFY(!rename.hasBlockingFindings());
    const Plan drop = planFor(makeCase(s("table_drop")));
    QCOMPARE(drop.gatesBefore(Phase::Contract).size(), size_t(1));
    QVERIFY(drop.gatesBefore(Phase::Backfill).empty()); // nothing between expand and contract
    QVERIFY(planFor(makeCase(s("drop_column_with_view"))).hasBlockingFindings());
    const Plan pk = planFor(makeCase(s("int_to_bigint_pk")));
    QVERIFY(!pk.hasBlockingFindings()); // the key swap (key_swap_recipe.cpp)
    const Step* swap = pk.step(s("contract:swap-key:public.legacy_people.id"));
    QVERIFY(swap);
    QVERIFY(
        swap->sql.contains(QLatin1String("PRIMARY KEY USING INDEX legacy_people_pkey_bellows")));
    QVERIFY(planFor(makeCase(s("add_generated_stored"))).hasBlockingFindings());
    // Whether an existing column holds NULLs is counted by the data probe
    // (test_data_checks::nullsBlockNotNullUnlessFilled), not guessed by the planner; a column the
    // plan adds is NULL in every row, so its NOT NULL needs a fill.
    const Plan noFill = planFor(makeCase(s("set_not_null_no_fill")));
    QVERIFY(!noFill.hasBlockingFindings());
    QVERIFY(noFill.step(s("contract:validate-not-null:public.users.age")) ||
            noFill.step(s("tighten:validate-not-null:public.users.age")));
}

void TestPlannerColumns::ordering()
{
    Step a;
    a.id = s("c:a");
    a.phase = Phase::Contract;
    a.dependsOn = {s("c:b")};
    Step b;
    b.id = s("c:b");
    b.phase = Phase::Contract;
    Step e;
    e.id = s("e");
    e.phase = Phase::Expand;
    const std::vector<Step> ordered = orderSteps({a, b, e});
    QCOMPARE(ordered[0].id, s("e"));
    QCOMPARE(ordered[1].id, s("c:b"));
    QCOMPARE(ordered[2].id, s("c:a"));
}

// Decisions use the real table (docs/safety.md §5): a rewrite whose estimate from the table's size
// fits the lock budget is planned behind a size guard; above it, a blocking finding names the
// estimate and --accept-downtime, which plans it (recorded in the plan, no guard).
void TestPlannerColumns::lockBudget()
{
    auto planWith = [](Case k, const QStringList& accepted) {
        auto changes = diff::diff(k.database, k.target, {});
        if (!changes.ok())
            qFatal("diff failed");
        PlanChoices choices;
        choices.acceptDowntime = accepted;
        return buildPlan(k.database, k.target, *changes, choices);
    };
    const QString stepId = s("expand:add-column:public.users.score_x2");
    // users is 64 MB: about 1.6 s of rewrite, above the 1 s budget.
    const Plan big = planWith(makeCase(s("add_generated_stored")), {});
    QVERIFY(big.hasBlockingFindings());
    QVERIFY(big.findings.front().reason.contains(QLatin1String("about 1.")));
    QVERIFY(big.findings.front()
                .options.join(QLatin1Char('\n'))
                .contains(QLatin1String("--accept-downtime public.users")));
    // Accepted: planned, recorded, no size guard.
    const Plan accepted = planWith(makeCase(s("add_generated_stored")), {s("public.users")});
    QVERIFY(!accepted.hasBlockingFindings());
    QCOMPARE(accepted.acceptedDowntime, QStringList{s("public.users")});
    QVERIFY(accepted.step(stepId));
    QVERIFY(!accepted.step(stepId)->sql.contains(QLatin1String("pg_total_relation_size")));
    // A small table: planned behind the guard that stops it if the table grew.
    Case small = makeCase(s("add_generated_stored"));
    tableIn(small.database, "users").totalBytes = 256 * 1024;
    const Plan guarded = planWith(small, {});
    QVERIFY(!guarded.hasBlockingFindings());
    QVERIFY(guarded.step(stepId));
    QVERIFY(guarded.step(stepId)->sql.startsWith(QLatin1String("LOCK TABLE public.users IN ACCESS "
                                                               "EXCLUSIVE MODE;")));
    QVERIFY(guarded.step(stepId)->sql.contains(QLatin1String("pg_total_relation_size")));
    // An unmeasured size (0 bytes for a table with rows) is never taken as small.
    Case unknown = makeCase(s("add_generated_stored"));
    tableIn(unknown.database, "users").totalBytes = 0;
    QVERIFY(planWith(unknown, {}).hasBlockingFindings());
}

void TestPlannerColumns::timeouts()
{
    const Plan plan = planFor(makeCase(s("rename_column")));
    for (const Step& st : plan.steps) {
        if (st.outsideTransaction || st.sql.contains(QLatin1String("VALIDATE"))) {
            QCOMPARE(st.lockTimeoutMs, 0);
        } else if (st.phase != Phase::Backfill) {
            QVERIFY2(st.lockTimeoutMs > 0, qPrintable(st.id));
            QVERIFY2(st.statementTimeoutMs > 0, qPrintable(st.id));
        }
    }
    const Step* index = plan.step(s("backfill:copy-index:public.users_full_name_idx_bellows"));
    QVERIFY(index);
    QVERIFY(index->outsideTransaction);
    QCOMPARE(index->statementTimeoutMs, 0);
    // 64 MB at the documented build rate: about a second, well above a catalog update.
    QVERIFY(index->estimatedSeconds > 0.5);
    const Step* add = plan.step(s("expand:add-column:public.users.display_name"));
    QVERIFY(add);
    QVERIFY(add->estimatedSeconds < 0.5);
    QCOMPARE(add->lockTimeoutMs, PlannerOptions{}.lockTimeoutMs);
    QVERIFY(plan.step(s("backfill:copy-column:public.users.display_name")));
    QCOMPARE(plan.step(s("backfill:copy-column:public.users.display_name"))->backfill->keyColumns,
             QStringList{s("id")});
}

void TestPlannerColumns::longNames()
{
    const QString longName = QString(60, QLatin1Char('t'));
    const QString from = s("numeric(10,3)");
    const QString to = s("numeric(10,2)");
    const Conversion conversion(
        ConversionSpec{s("public"), longName, s("a"), s("b"), from, to, nullptr});
    SyncTrigger sync({s("public"), longName, s("a"), s("b"), from, to}, conversion);
    QVERIFY(sync.name().toUtf8().size() <= 63);
    QVERIFY(sync.name().startsWith(QLatin1String("bellows_sync_")));
    SyncTrigger again({s("public"), longName, s("a"), s("b"), from, to}, conversion);
    QCOMPARE(sync.name(), again.name());
    // Both directions go through the conversion functions (assignment semantics, no explicit
    // cast that could truncate), whose names are bounded too.
    const QString body = sync.createFunctionSql();
    QVERIFY(!body.contains(QLatin1String("::numeric(10,2)")));
    QVERIFY(body.contains(conversion.forward(s("NEW.a"))));
    QVERIFY(body.contains(conversion.reverse(s("NEW.b"))));
    for (const QString& create : conversion.createSql()) {
        const QString name = create.section(QLatin1Char('.'), 1).section(QLatin1Char('('), 0, 0);
        QVERIFY2(name.toUtf8().size() <= 63, qPrintable(name));
    }
}

QTEST_GUILESS_MAIN(TestPlannerColumns)
#include "test_planner_columns.moc"
