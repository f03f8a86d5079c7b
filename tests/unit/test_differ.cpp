// Differ: catalogs built by hand (no database), compared object kind by object kind.

#include "catalog_builders.h"
#include "diff/diff_report.h"
#include "diff/differ.h"
#include "diff/identifier_rewrite.h"
#include "diff/migration_tool_tables.h"

#include <QTest>

#include <algorithm>
#include <functional>
#include <random>

using namespace bellows;
using namespace bellows::catalog;
using namespace bellows::diff;

using bellows::test::column;
using bellows::test::s;
using bellows::test::table;

namespace {

// A catalog with one object of every kind, PostgreSQL-style definitions.
Catalog richCatalog()
{
    Catalog c;
    c.server.versionNum = 150018;
    c.schemas = {{s("public"), s("standard public schema")}, {s("app"), {}}};
    c.extensions = {{s("pgcrypto"), s("public"), s("1.3"), {}}};
    c.enums = {{s("public"), s("mood"), {s("sad"), s("ok"), s("happy")}, {}}};
    Domain posint;
    posint.schema = s("public");
    posint.name = s("posint");
    posint.baseType = s("integer");
    posint.checks = {{s("posint_check"), s("CHECK (VALUE > 0)"), true}};
    c.domains = {posint};
    c.compositeTypes = {{s("public"),
                         s("address"),
                         {{s("street"), s("text"), {}}, {s("city"), s("text"), {}}},
                         {}}};
    Sequence counter;
    counter.schema = s("public");
    counter.name = s("counter");
    counter.dataType = s("bigint");
    counter.maxValue = 9223372036854775807LL;
    Sequence identitySeq = counter;
    identitySeq.name = s("users_id_seq");
    identitySeq.identity = true;
    identitySeq.ownedBySchema = s("public");
    identitySeq.ownedByTable = s("users");
    identitySeq.ownedByColumn = s("id");
    c.sequences = {counter, identitySeq};

    Table users = table("public", "users",
                        {column("id", "bigint", true), column("email", "text", true),
                         column("full_name", "character varying(50)"), column("status", "mood"),
                         column("created_at", "timestamp with time zone", true)});
    users.columns[0].identity = IdentityKind::ByDefault;
    users.columns[3].typeSchema = s("public");
    users.columns[4].defaultExpr = s("now()");
    Constraint pk;
    pk.name = s("users_pkey");
    pk.kind = ConstraintKind::PrimaryKey;
    pk.definition = s("PRIMARY KEY (id)");
    pk.columns = {s("id")};
    pk.indexName = s("users_pkey");
    Constraint emailCheck;
    emailCheck.name = s("users_email_check");
    emailCheck.definition = s("CHECK ((email ~~ '%@%'::text))");
    emailCheck.checkExpression = s("(email ~~ '%@%'::text)");
    users.constraints = {pk, emailCheck};
    Index pkIndex;
    pkIndex.name = s("users_pkey");
    pkIndex.definition = s("CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)");
    pkIndex.constraintName = s("users_pkey");
    Index nameIndex;
    nameIndex.name = s("users_name_idx");
    nameIndex.definition = s("CREATE INDEX users_name_idx ON public.users USING btree (full_name)");
    users.indexes = {pkIndex, nameIndex};
    Trigger touch;
    touch.name = s("users_touch");
    touch.definition = s("CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW "
                         "EXECUTE FUNCTION public.touch()");
    users.triggers = {touch};
    Policy own;
    own.name = s("own_rows");
    own.command = s("ALL");
    own.roles = {s("public")};
    own.usingExpr = s("(email = CURRENT_USER)");
    users.policies = {own};
    users.rlsEnabled = true;

    Table posts = table(
        "public", "posts",
        {column("id", "bigint", true), column("user_id", "bigint", true), column("body", "text")});
    Constraint fk;
    fk.name = s("posts_user_id_fkey");
    fk.kind = ConstraintKind::ForeignKey;
    fk.definition = s("FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE");
    fk.columns = {s("user_id")};
    fk.refSchema = s("public");
    fk.refTable = s("users");
    fk.refColumns = {s("id")};
    fk.onUpdate = s("NO ACTION");
    fk.onDelete = s("CASCADE");
    fk.matchType = s("SIMPLE");
    posts.constraints = {fk};

    Table events = table("app", "events", {column("at", "date", true)});
    events.kind = TableKind::Partitioned;
    events.partitionKey = s("RANGE (at)");
    Table events2024 = table("app", "events_2024", {column("at", "date", true)});
    events2024.partitionParent = s("app.events");
    events2024.partitionParentSchema = s("app");
    events2024.partitionParentName = s("events");
    events2024.partitionBound = s("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
    c.tables = {users, posts, events, events2024};

    View active;
    active.schema = s("public");
    active.name = s("active_users");
    active.definition = s(" SELECT users.id\n   FROM public.users;");
    active.columns = {column("id", "bigint")};
    View stats;
    stats.schema = s("public");
    stats.name = s("stats");
    stats.materialized = true;
    stats.definition = s(" SELECT count(*) AS n\n   FROM public.posts;");
    Index statsIndex;
    statsIndex.name = s("stats_n_idx");
    statsIndex.definition = s("CREATE INDEX stats_n_idx ON public.stats USING btree (n)");
    stats.indexes = {statsIndex};
    c.views = {active, stats};

    Function touchFn;
    touchFn.schema = s("public");
    touchFn.name = s("touch");
    touchFn.returns = s("trigger");
    touchFn.language = s("plpgsql");
    touchFn.definition = s("CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\n"
                           " LANGUAGE plpgsql\nAS $function$begin return new; end$function$\n");
    Function proc = touchFn;
    proc.name = s("cleanup");
    proc.kind = FunctionKind::Procedure;
    proc.identityArguments = s("days integer");
    proc.returns.clear();
    Function agg = touchFn;
    agg.name = s("total");
    agg.kind = FunctionKind::Aggregate;
    agg.identityArguments = s("integer");
    agg.returns = s("bigint");
    agg.definition.clear();
    c.functions = {touchFn, proc, agg};
    return c;
}

Table* findTable(Catalog& c, const char* name)
{
    for (Table& t : c.tables) {
        if (t.name == s(name))
            return &t;
    }
    return nullptr;
}

Column* findColumn(Catalog& c, const char* tableName, const char* columnName)
{
    Table* t = findTable(c, tableName);
    for (Column& col : t->columns) {
        if (col.name == s(columnName))
            return &col;
    }
    return nullptr;
}

ChangeSet diffOk(const Catalog& database, const Catalog& target, const DiffOptions& options = {})
{
    Result<ChangeSet> result = diff::diff(database, target, options);
    if (!result)
        qFatal("diff failed: %s", qPrintable(result.error().message));
    return std::move(result).value();
}

DiffOptions renames(std::initializer_list<const char*> texts)
{
    DiffOptions options;
    for (const char* text : texts) {
        Result<RenameHint> hint = parseRenameHint(s(text));
        if (!hint)
            qFatal("bad hint %s", text);
        options.renames.push_back(hint.value());
    }
    return options;
}

QStringList describe(const ChangeSet& set)
{
    QStringList out;
    for (const Change& c : set.changes)
        out << kindId(c.kind) + QLatin1Char(' ') + actionId(c.action) + QLatin1Char(' ') +
                   c.displayName();
    return out;
}

// One changed attribute, described for the data-driven test below.
struct Mutation {
    const char* tag;
    ObjectKind kind;
    const char* table; // owning table, "" for top-level objects
    const char* name;
    const char* attribute;
    std::function<void(Catalog&)> apply;
};

const std::vector<Mutation>& mutations()
{
    static const std::vector<Mutation> list = {
        {"schema comment", ObjectKind::Schema, "", "app", "comment",
         [](Catalog& c) { c.schemas[1].comment = s("application"); }},
        {"extension version", ObjectKind::Extension, "", "pgcrypto", "version",
         [](Catalog& c) { c.extensions[0].version = s("1.4"); }},
        {"extension schema", ObjectKind::Extension, "", "pgcrypto", "schema",
         [](Catalog& c) { c.extensions[0].schema = s("app"); }},
        {"enum comment", ObjectKind::Enum, "", "mood", "comment",
         [](Catalog& c) { c.enums[0].comment = s("feelings"); }},
        {"domain base type", ObjectKind::Domain, "", "posint", "base type",
         [](Catalog& c) { c.domains[0].baseType = s("bigint"); }},
        {"domain not null", ObjectKind::Domain, "", "posint", "nullability",
         [](Catalog& c) { c.domains[0].notNull = true; }},
        {"domain check", ObjectKind::Domain, "", "posint", "check posint_check",
         [](Catalog& c) { c.domains[0].checks[0].definition = s("CHECK (VALUE >= 0)"); }},
        {"domain check validity", ObjectKind::Domain, "", "posint", "check posint_check validity",
         [](Catalog& c) { c.domains[0].checks[0].validated = false; }},
        {"composite attribute", ObjectKind::CompositeType, "", "address", "attribute city",
         [](Catalog& c) { c.compositeTypes[0].attributes[1].type = s("character varying"); }},
        {"sequence increment", ObjectKind::Sequence, "", "counter", "increment",
         [](Catalog& c) { c.sequences[0].increment = 10; }},
        {"sequence owned by", ObjectKind::Sequence, "", "counter", "owned by",
         [](Catalog& c) {
             c.sequences[0].ownedBySchema = s("public");
             c.sequences[0].ownedByTable = s("posts");
             c.sequences[0].ownedByColumn = s("id");
         }},
        {"sequence cycle", ObjectKind::Sequence, "", "counter", "cycle",
         [](Catalog& c) { c.sequences[0].cycle = true; }},
        {"table unlogged", ObjectKind::Table, "", "posts", "unlogged",
         [](Catalog& c) { findTable(c, "posts")->unlogged = true; }},
        {"table rls enabled", ObjectKind::Table, "", "users", "rls enabled",
         [](Catalog& c) { findTable(c, "users")->rlsEnabled = false; }},
        {"table rls forced", ObjectKind::Table, "", "users", "rls forced",
         [](Catalog& c) { findTable(c, "users")->rlsForced = true; }},
        {"table comment", ObjectKind::Table, "", "users", "comment",
         [](Catalog& c) { findTable(c, "users")->comment = s("people"); }},
        {"partition bound", ObjectKind::Table, "", "events_2024", "partition bound",
         [](Catalog& c) {
             findTable(c, "events_2024")->partitionBound =
                 s("FOR VALUES FROM ('2024-01-01') TO ('2024-07-01')");
         }},
        {"column type", ObjectKind::Column, "users", "full_name", "type",
         [](Catalog& c) { findColumn(c, "users", "full_name")->type = s("text"); }},
        {"column default", ObjectKind::Column, "users", "created_at", "default",
         [](Catalog& c) { findColumn(c, "users", "created_at")->defaultExpr.clear(); }},
        {"column nullability", ObjectKind::Column, "users", "full_name", "nullability",
         [](Catalog& c) { findColumn(c, "users", "full_name")->notNull = true; }},
        {"column identity", ObjectKind::Column, "users", "id", "identity",
         [](Catalog& c) { findColumn(c, "users", "id")->identity = IdentityKind::Always; }},
        {"column generated", ObjectKind::Column, "posts", "body", "generated",
         [](Catalog& c) {
             Column* body = findColumn(c, "posts", "body");
             body->generated = GeneratedKind::Stored;
             body->generatedExpr = s("upper(user_id::text)");
         }},
        {"column collation", ObjectKind::Column, "users", "email", "collation",
         [](Catalog& c) { findColumn(c, "users", "email")->collation = s("\"C\""); }},
        {"column comment", ObjectKind::Column, "users", "email", "comment",
         [](Catalog& c) { findColumn(c, "users", "email")->comment = s("login"); }},
        {"column storage", ObjectKind::Column, "users", "email", "storage",
         [](Catalog& c) { findColumn(c, "users", "email")->storage = s("external"); }},
        {"column compression", ObjectKind::Column, "users", "email", "compression",
         [](Catalog& c) { findColumn(c, "users", "email")->compression = s("lz4"); }},
        {"column statistics", ObjectKind::Column, "users", "email", "statistics",
         [](Catalog& c) { findColumn(c, "users", "email")->statisticsTarget = 1000; }},
        {"column attribute options", ObjectKind::Column, "users", "email", "attribute options",
         [](Catalog& c) { findColumn(c, "users", "email")->options = {s("n_distinct=-1")}; }},
        {"table replica identity", ObjectKind::Table, "", "users", "replica identity",
         [](Catalog& c) { findTable(c, "users")->replicaIdentity = s("full"); }},
        {"constraint validity", ObjectKind::Constraint, "posts", "posts_user_id_fkey", "validity",
         [](Catalog& c) { findTable(c, "posts")->constraints[0].validated = false; }},
        {"constraint on delete", ObjectKind::Constraint, "posts", "posts_user_id_fkey", "on delete",
         [](Catalog& c) {
             Constraint& fk = findTable(c, "posts")->constraints[0];
             fk.onDelete = s("RESTRICT");
             fk.definition = s("FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE "
                               "RESTRICT");
         }},
        {"constraint deferrable", ObjectKind::Constraint, "posts", "posts_user_id_fkey",
         "deferrable",
         [](Catalog& c) {
             Constraint& fk = findTable(c, "posts")->constraints[0];
             fk.deferrable = true;
             fk.definition += s(" DEFERRABLE");
         }},
        {"constraint not enforced", ObjectKind::Constraint, "users", "users_email_check",
         "enforced",
         [](Catalog& c) {
             Constraint& check = findTable(c, "users")->constraints[1];
             check.enforced = false;
             check.validated = false; // as PostgreSQL 18 stores it
             check.definition += s(" NOT ENFORCED");
         }},
        {"check definition", ObjectKind::Constraint, "users", "users_email_check", "definition",
         [](Catalog& c) {
             findTable(c, "users")->constraints[1].definition = s("CHECK ((email <> ''::text))");
         }},
        {"constraint comment", ObjectKind::Constraint, "users", "users_pkey", "comment",
         [](Catalog& c) { findTable(c, "users")->constraints[0].comment = s("key"); }},
        {"index definition", ObjectKind::Index, "users", "users_name_idx", "definition",
         [](Catalog& c) {
             findTable(c, "users")->indexes[1].definition =
                 s("CREATE INDEX users_name_idx ON public.users USING btree (lower(full_name))");
         }},
        {"index validity", ObjectKind::Index, "users", "users_name_idx", "validity",
         [](Catalog& c) { findTable(c, "users")->indexes[1].valid = false; }},
        {"trigger definition", ObjectKind::Trigger, "users", "users_touch", "definition",
         [](Catalog& c) {
             Trigger& t = findTable(c, "users")->triggers[0];
             t.definition.replace(s("BEFORE UPDATE"), s("BEFORE INSERT OR UPDATE"));
         }},
        {"trigger enabled", ObjectKind::Trigger, "users", "users_touch", "enabled",
         [](Catalog& c) { findTable(c, "users")->triggers[0].enabled = 'D'; }},
        {"policy using", ObjectKind::Policy, "users", "own_rows", "using",
         [](Catalog& c) { findTable(c, "users")->policies[0].usingExpr = s("true"); }},
        {"policy roles", ObjectKind::Policy, "users", "own_rows", "roles",
         [](Catalog& c) { findTable(c, "users")->policies[0].roles = {s("app_user")}; }},
        {"view definition", ObjectKind::View, "", "active_users", "definition",
         [](Catalog& c) { c.views[0].definition = s(" SELECT 1 AS id;"); }},
        {"view column comment", ObjectKind::Column, "active_users", "id", "comment",
         [](Catalog& c) { c.views[0].columns[0].comment = s("the id"); }},
        {"matview definition", ObjectKind::MaterializedView, "", "stats", "definition",
         [](Catalog& c) { c.views[1].definition = s(" SELECT 2 AS n;"); }},
        {"matview index", ObjectKind::Index, "stats", "stats_n_idx", "definition",
         [](Catalog& c) {
             c.views[1].indexes[0].definition =
                 s("CREATE UNIQUE INDEX stats_n_idx ON public.stats USING btree (n)");
         }},
        {"function definition", ObjectKind::Function, "", "touch", "definition",
         [](Catalog& c) { c.functions[0].definition.replace(s("new"), s("old")); }},
        {"function comment", ObjectKind::Function, "", "touch", "comment",
         [](Catalog& c) { c.functions[0].comment = s("touches"); }},
        {"procedure language", ObjectKind::Procedure, "", "cleanup", "language",
         [](Catalog& c) { c.functions[1].language = s("sql"); }},
        {"aggregate returns", ObjectKind::Aggregate, "", "total", "returns",
         [](Catalog& c) { c.functions[2].returns = s("numeric"); }},
    };
    return list;
}

} // namespace

class TestDiffer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void identicalCatalogsGiveNoChanges();
    void addedAndRemovedEveryKind_data();
    void addedAndRemovedEveryKind();
    void changedAttribute_data();
    void changedAttribute();
    void notValidOnlyIsNotADefinitionChange();
    void indexOfConstraintNotReportedTwice();
    void identitySequencesIgnored();
    void enumLabelAddedInTheMiddle();
    void enumLabelRemovedAndReordered();
    void columnRenameProposal();
    void noProposalWhenTypeDiffers();
    void ambiguousColumnsGetANoteNotAProposal();
    void confirmedColumnRename();
    void confirmedColumnRenameWithTypeChange();
    void tableRenameProposalAndConfirmation();
    void foreignKeyToRenamedTableIsNoChange();
    void equivalentSubObjectsUnderNewNamesAreRenamed();
    void viewsFollowRenamedTablesButNotColumns();
    void parseRenameHint_data();
    void parseRenameHint();
    void hintMatchingNothingIsAnError_data();
    void hintMatchingNothingIsAnError();
    void columnOrderOnlyGivesANote();
    void renameAlreadyDoneIsANote();
    void hostileNamesAreQuoted();
    void stableOrder();
    void subObjectsFollowTheirTable();
    void serverVersionNote();
    void rewriteIdentifiers_data();
    void rewriteIdentifiers();
    void migrationToolTablesAreLeftAlone_data();
    void migrationToolTablesAreLeftAlone();
    void prismaHistoryGetsItsNote();
    void toolTableSerialIsLeftAloneToo();
    void toolTableInTheTargetIsDiffedAsUsual();
    void toolTableRenamedByHintIsDiffed();
};

void TestDiffer::identicalCatalogsGiveNoChanges()
{
    const ChangeSet set = diffOk(richCatalog(), richCatalog());
    QVERIFY2(set.isEmpty(), qPrintable(describe(set).join(QLatin1Char('\n'))));
    QVERIFY(set.renameProposals.empty());
    QVERIFY(set.notes.isEmpty());
    QCOMPARE(set.summaryFor(ObjectKind::Table).identical, 4);
    QCOMPARE(set.summaryFor(ObjectKind::Sequence).identical, 1); // identity sequence not counted
    QCOMPARE(set.summaryFor(ObjectKind::Function).identical, 1);
    QCOMPARE(set.summaryFor(ObjectKind::Procedure).identical, 1);
    QCOMPARE(set.summaryFor(ObjectKind::MaterializedView).identical, 1);
    for (const ObjectSummary& summary : set.summary)
        QCOMPARE(summary.different + summary.onlyInDatabase + summary.onlyInTarget, 0);
}

void TestDiffer::addedAndRemovedEveryKind_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("name");
    QTest::newRow("schema") << int(ObjectKind::Schema) << QString() << s("app");
    QTest::newRow("extension") << int(ObjectKind::Extension) << QString() << s("pgcrypto");
    QTest::newRow("enum") << int(ObjectKind::Enum) << QString() << s("mood");
    QTest::newRow("domain") << int(ObjectKind::Domain) << QString() << s("posint");
    QTest::newRow("composite") << int(ObjectKind::CompositeType) << QString() << s("address");
    QTest::newRow("sequence") << int(ObjectKind::Sequence) << QString() << s("counter");
    QTest::newRow("table") << int(ObjectKind::Table) << QString() << s("posts");
    QTest::newRow("column") << int(ObjectKind::Column) << s("users") << s("email");
    QTest::newRow("constraint") << int(ObjectKind::Constraint) << s("users")
                                << s("users_email_check");
    QTest::newRow("index") << int(ObjectKind::Index) << s("users") << s("users_name_idx");
    QTest::newRow("trigger") << int(ObjectKind::Trigger) << s("users") << s("users_touch");
    QTest::newRow("policy") << int(ObjectKind::Policy) << s("users") << s("own_rows");
    QTest::newRow("view") << int(ObjectKind::View) << QString() << s("active_users");
    QTest::newRow("matview") << int(ObjectKind::MaterializedView) << QString() << s("stats");
    QTest::newRow("function") << int(ObjectKind::Function) << QString() << s("touch");
    QTest::newRow("procedure") << int(ObjectKind::Procedure) << QString() << s("cleanup");
    QTest::newRow("aggregate") << int(ObjectKind::Aggregate) << QString() << s("total");
}

namespace {

template <typename T> void eraseNamed(std::vector<T>& items, const QString& name)
{
    items.erase(std::remove_if(items.begin(), items.end(),
                               [&](const T& item) { return item.name == name; }),
                items.end());
}

void removeObject(Catalog& c, ObjectKind kind, const QString& table, const QString& name)
{
    Table* owner = table.isEmpty() ? nullptr : findTable(c, table.toUtf8().constData());
    switch (kind) {
    case ObjectKind::Schema:
        eraseNamed(c.schemas, name);
        break;
    case ObjectKind::Extension:
        eraseNamed(c.extensions, name);
        break;
    case ObjectKind::Enum:
        eraseNamed(c.enums, name);
        break;
    case ObjectKind::Domain:
        eraseNamed(c.domains, name);
        break;
    case ObjectKind::CompositeType:
        eraseNamed(c.compositeTypes, name);
        break;
    case ObjectKind::Sequence:
        eraseNamed(c.sequences, name);
        break;
    case ObjectKind::Table:
        eraseNamed(c.tables, name);
        break;
    case ObjectKind::Column:
        eraseNamed(owner->columns, name);
        break;
    case ObjectKind::Constraint:
        eraseNamed(owner->constraints, name);
        break;
    case ObjectKind::Index:
        eraseNamed(owner->indexes, name);
        break;
    case ObjectKind::Trigger:
        eraseNamed(owner->triggers, name);
        break;
    case ObjectKind::Policy:
        eraseNamed(owner->policies, name);
        break;
    case ObjectKind::View:
    case ObjectKind::MaterializedView:
        eraseNamed(c.views, name);
        break;
    case ObjectKind::Function:
    case ObjectKind::Procedure:
    case ObjectKind::Aggregate:
        eraseNamed(c.functions, name);
        break;
    case ObjectKind::DefaultPrivileges:
        c.defaultAcls.clear();
        break;
    }
}

} // namespace

void TestDiffer::addedAndRemovedEveryKind()
{
    QFETCH(int, kind);
    QFETCH(QString, table);
    QFETCH(QString, name);
    const ObjectKind objectKind = ObjectKind(kind);
    Catalog without = richCatalog();
    removeObject(without, objectKind, table, name);

    for (const bool addedSide : {true, false}) {
        const ChangeSet set =
            addedSide ? diffOk(without, richCatalog()) : diffOk(richCatalog(), without);
        const Action action = addedSide ? Action::Added : Action::Removed;
        const Change* change = nullptr;
        for (const Change& c : set.changes) {
            if (c.kind == objectKind && c.action == action && c.name == name)
                change = &c;
        }
        QVERIFY2(change, qPrintable(describe(set).join(QLatin1Char('\n'))));
        QCOMPARE(change->table, table);
        QCOMPARE(bool(change->after), addedSide);
        QCOMPARE(bool(change->before), !addedSide);
        if (isTopLevel(objectKind)) {
            QCOMPARE(set.changes.size(), size_t(1));
            const ObjectSummary& summary = set.summaryFor(objectKind);
            QCOMPARE(addedSide ? summary.onlyInTarget : summary.onlyInDatabase, 1);
        } else {
            // Sub-object: the owning table is "different" and comes first.
            QCOMPARE(set.changes.size(), size_t(2));
            QCOMPARE(set.changes[0].action, Action::Changed);
            QCOMPARE(set.changes[0].name, table);
            QVERIFY(set.changes[0].attributes.empty());
            QCOMPARE(set.owner(*change), &set.changes[0]);
        }
    }
}

void TestDiffer::changedAttribute_data()
{
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < mutations().size(); ++i)
        QTest::newRow(mutations()[i].tag) << int(i);
}

void TestDiffer::changedAttribute()
{
    QFETCH(int, index);
    const Mutation& m = mutations()[size_t(index)];
    Catalog target = richCatalog();
    m.apply(target);
    const ChangeSet set = diffOk(richCatalog(), target);
    const Change* change = nullptr;
    for (const Change& c : set.changes) {
        if (c.kind == m.kind && c.name == s(m.name) && c.table == s(m.table))
            change = &c;
    }
    QVERIFY2(change, qPrintable(describe(set).join(QLatin1Char('\n'))));
    QCOMPARE(change->action, Action::Changed);
    QVERIFY2(change->attribute(s(m.attribute)), qPrintable(renderText(set)));
    QVERIFY(change->before && change->after);
    // Nothing but the mutated object (and its owning relation) differs.
    QVERIFY2(set.changes.size() <= 2, qPrintable(renderText(set)));
    QCOMPARE(change->attributes.size(), size_t(1));
}

void TestDiffer::notValidOnlyIsNotADefinitionChange()
{
    Catalog target = richCatalog();
    Constraint& check = findTable(target, "users")->constraints[1];
    check.validated = false;
    check.definition += s(" NOT VALID");
    const ChangeSet set = diffOk(richCatalog(), target);
    const Change* c =
        set.find(ObjectKind::Constraint, s("public"), s("users"), s("users_email_check"));
    QVERIFY(c);
    QCOMPARE(c->attributes.size(), size_t(1));
    QCOMPARE(c->attributes[0], (AttributeChange{s("validity"), s("valid"), s("not valid")}));
}

void TestDiffer::indexOfConstraintNotReportedTwice()
{
    Catalog target = richCatalog();
    Table* users = findTable(target, "users");
    users->constraints[0].definition = s("PRIMARY KEY (id, email)");
    users->indexes[0].definition =
        s("CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id, email)");
    const ChangeSet set = diffOk(richCatalog(), target);
    QCOMPARE(describe(set), (QStringList{s("table changed public.users"),
                                         s("constraint changed public.users.users_pkey")}));
}

void TestDiffer::identitySequencesIgnored()
{
    // The identity sequence behind users.id: its name is PostgreSQL's business, not a change.
    Catalog target = richCatalog();
    target.sequences[1].name = s("users_id_seq1");
    QVERIFY(diffOk(richCatalog(), target).isEmpty());
    // Its options are the column's: reported as the column's "identity options".
    target.sequences[1].cache = 50;
    const ChangeSet set = diffOk(richCatalog(), target);
    QVERIFY(std::any_of(set.changes.begin(), set.changes.end(), [](const Change& c) {
        return c.kind == ObjectKind::Column && c.attribute(s("identity options"));
    }));
    QVERIFY(std::none_of(set.changes.begin(), set.changes.end(),
                         [](const Change& c) { return c.kind == ObjectKind::Sequence; }));
}

void TestDiffer::enumLabelAddedInTheMiddle()
{
    Catalog target = richCatalog();
    target.enums[0].labels = {s("sad"), s("meh"), s("ok"), s("happy")};
    const ChangeSet set = diffOk(richCatalog(), target);
    const Change* c = set.find(ObjectKind::Enum, s("public"), {}, s("mood"));
    QVERIFY(c && c->enumDelta);
    QCOMPARE(c->attributes.front().attribute, s("labels"));
    QCOMPARE(c->attributes.front().to, s("'sad', 'meh', 'ok', 'happy'"));
    QCOMPARE(c->enumDelta->added.size(), size_t(1));
    QCOMPARE(c->enumDelta->added[0], (EnumLabelAddition{s("meh"), s("sad"), s("ok")}));
    QVERIFY(c->enumDelta->removed.isEmpty());
    QVERIFY(!c->enumDelta->reordered);
}

void TestDiffer::enumLabelRemovedAndReordered()
{
    Catalog target = richCatalog();
    target.enums[0].labels = {s("happy"), s("sad")};
    const ChangeSet set = diffOk(richCatalog(), target);
    const Change* c = set.find(ObjectKind::Enum, s("public"), {}, s("mood"));
    QVERIFY(c && c->enumDelta);
    QVERIFY(c->enumDelta->added.empty());
    QCOMPARE(c->enumDelta->removed, QStringList{s("ok")});
    QVERIFY(c->enumDelta->reordered);
}

void TestDiffer::columnRenameProposal()
{
    Catalog target = richCatalog();
    findColumn(target, "users", "full_name")->name = s("display_name");
    const ChangeSet set = diffOk(richCatalog(), target);
    const Change* removed = set.find(ObjectKind::Column, s("public"), s("users"), s("full_name"));
    const Change* added = set.find(ObjectKind::Column, s("public"), s("users"), s("display_name"));
    QVERIFY(removed && added);
    QCOMPARE(removed->action, Action::Removed);
    QCOMPARE(added->action, Action::Added);
    QVERIFY(removed->renameProposal && added->renameProposal);
    QCOMPARE(*removed->renameProposal, *added->renameProposal);
    QCOMPARE(set.renameProposals.size(), size_t(1));
    const RenameProposal& p = set.renameProposals[0];
    QCOMPARE(p.kind, ObjectKind::Column);
    QCOMPARE(p.from, s("full_name"));
    QCOMPARE(p.to, s("display_name"));
    QCOMPARE(p.hintText(), s("public.users.full_name=display_name"));
    QVERIFY(!p.reason.isEmpty());
    // The proposal's text is what the parser accepts.
    QVERIFY(diff::diff(richCatalog(), target, renames({"public.users.full_name=display_name"})));
}

void TestDiffer::noProposalWhenTypeDiffers()
{
    Catalog typeChanged = richCatalog();
    Column* col = findColumn(typeChanged, "users", "full_name");
    col->name = s("display_name");
    col->type = s("text");
    QVERIFY(diffOk(richCatalog(), typeChanged).renameProposals.empty());

    // A rename that also tightens NOT NULL is still proposed (the planner tightens after).
    Catalog stricter = richCatalog();
    col = findColumn(stricter, "users", "full_name");
    col->name = s("display_name");
    col->notNull = true;
    QCOMPARE(diffOk(richCatalog(), stricter).renameProposals.size(), size_t(1));

    // And one that loosens it.
    Catalog looser = richCatalog();
    findColumn(looser, "users", "email")->name = s("login");
    findColumn(looser, "users", "login")->notNull = false;
    QCOMPARE(diffOk(richCatalog(), looser).renameProposals.size(), size_t(1));
}

void TestDiffer::ambiguousColumnsGetANoteNotAProposal()
{
    Catalog database;
    database.tables = {table("public", "t", {column("a", "text"), column("b", "text")})};
    Catalog target;
    target.tables = {table("public", "t", {column("c", "text"), column("d", "text")})};
    const ChangeSet set = diffOk(database, target);
    QVERIFY(set.renameProposals.empty());
    QCOMPARE(set.notes.size(), 1);
    QVERIFY2(set.notes[0].contains(s("ambiguous")), qPrintable(set.notes[0]));
    QCOMPARE(set.changes.size(), size_t(5)); // table + 2 removed + 2 added
}

void TestDiffer::confirmedColumnRename()
{
    Catalog target = richCatalog();
    findColumn(target, "users", "full_name")->name = s("display_name");
    // PostgreSQL rewrites the index on RENAME COLUMN; the target shows the new name.
    findTable(target, "users")->indexes[1].definition =
        s("CREATE INDEX users_name_idx ON public.users USING btree (display_name)");
    const ChangeSet set =
        diffOk(richCatalog(), target, renames({"public.users.full_name=display_name"}));
    QCOMPARE(describe(set), (QStringList{s("table changed public.users"),
                                         s("column renamed public.users.display_name")}));
    const Change& renamed = set.changes[1];
    QCOMPARE(renamed.renamedFrom, s("full_name"));
    QVERIFY(renamed.beforeAs<Column>() && renamed.afterAs<Column>());
    QCOMPARE(renamed.beforeAs<Column>()->name, s("full_name"));
    QVERIFY(set.renameProposals.empty());
    QCOMPARE(set.summaryFor(ObjectKind::Table).different, 1);
}

void TestDiffer::confirmedColumnRenameWithTypeChange()
{
    Catalog target = richCatalog();
    Column* col = findColumn(target, "users", "full_name");
    col->name = s("display_name");
    col->type = s("text");
    // A type change makes the pair unproposable, but a confirmation still pairs it.
    const ChangeSet set =
        diffOk(richCatalog(), target, renames({"public.users.full_name=display_name"}));
    QCOMPARE(set.changes.size(), size_t(4)); // table, renamed, changed, index definition
    QCOMPARE(set.changes[1].action, Action::Renamed);
    QCOMPARE(set.changes[2].action, Action::Changed);
    QCOMPARE(set.changes[2].name, s("display_name"));
    QCOMPARE(set.changes[2].renamedFrom, s("full_name"));
    QCOMPARE(set.changes[2].attributes,
             (std::vector<AttributeChange>{{s("type"), s("character varying(50)"), s("text")}}));
    // The target's index was left on the old name in this hand-built catalog: a real change.
    QCOMPARE(set.changes[3].kind, ObjectKind::Index);
}

void TestDiffer::tableRenameProposalAndConfirmation()
{
    Catalog target = richCatalog();
    Table* users = findTable(target, "users");
    users->name = s("members");
    users->indexes[0].definition.replace(s("public.users"), s("public.members"));
    users->indexes[1].definition.replace(s("public.users"), s("public.members"));
    users->triggers[0].definition.replace(s("public.users"), s("public.members"));
    findTable(target, "posts")->constraints[0].refTable = s("members");
    findTable(target, "posts")->constraints[0].definition.replace(s("users"), s("members"));
    target.sequences[1].ownedByTable = s("members");
    target.views[0].definition = s(" SELECT members.id\n   FROM public.members;");

    const ChangeSet proposed = diffOk(richCatalog(), target);
    QCOMPARE(proposed.renameProposals.size(), size_t(1));
    QCOMPARE(proposed.renameProposals[0].kind, ObjectKind::Table);
    QCOMPARE(proposed.renameProposals[0].hintText(), s("public.users=members"));
    QCOMPARE(proposed.summaryFor(ObjectKind::Table).onlyInDatabase, 1);
    QCOMPARE(proposed.summaryFor(ObjectKind::Table).onlyInTarget, 1);

    // Confirmed: one Renamed change; sub-objects compare equal although their texts name it.
    const ChangeSet set = diffOk(richCatalog(), target, renames({"public.users=members"}));
    QCOMPARE(describe(set), QStringList{s("table renamed public.members")});
    QCOMPARE(set.changes[0].renamedFrom, s("users"));
    QCOMPARE(set.summaryFor(ObjectKind::Table).different, 1);

    // A real change inside the renamed table is reported under the new name.
    findColumn(target, "members", "email")->comment = s("login");
    const ChangeSet changed = diffOk(richCatalog(), target, renames({"public.users=members"}));
    QCOMPARE(describe(changed),
             (QStringList{s("table renamed public.members"), s("table changed public.members"),
                          s("column changed public.members.email")}));
    QCOMPARE(changed.changes[2].tableRenamedFrom, s("users"));

    // Column hints may name the renamed table by either name.
    findColumn(target, "members", "full_name")->name = s("display_name");
    for (const char* hint :
         {"public.users.full_name=display_name", "public.members.full_name=display_name"}) {
        const ChangeSet both =
            diffOk(richCatalog(), target, renames({"public.users=members", hint}));
        const Change* c =
            both.find(ObjectKind::Column, s("public"), s("members"), s("display_name"));
        QVERIFY(c);
        QCOMPARE(c->action, Action::Renamed);
    }
}

void TestDiffer::foreignKeyToRenamedTableIsNoChange()
{
    Catalog target = richCatalog();
    findTable(target, "users")->name = s("members");
    findColumn(target, "members", "id")->name = s("member_id");
    Constraint& fk = findTable(target, "posts")->constraints[0];
    fk.refTable = s("members");
    fk.refColumns = {s("member_id")};
    fk.definition = s("FOREIGN KEY (user_id) REFERENCES members(member_id) ON DELETE CASCADE");
    const ChangeSet set = diffOk(richCatalog(), target,
                                 renames({"public.users=members", "public.users.id=member_id"}));
    QVERIFY2(!set.find(ObjectKind::Constraint, s("public"), s("posts"), s("posts_user_id_fkey")),
             qPrintable(renderText(set)));
    QVERIFY(!set.find(ObjectKind::Table, s("public"), {}, s("posts")));
}

void TestDiffer::equivalentSubObjectsUnderNewNamesAreRenamed()
{
    // The target names things after the new table; the database kept the old names.
    Catalog target = richCatalog();
    Table* members = findTable(target, "users");
    members->name = s("members");
    for (Index& i : members->indexes) {
        i.definition.replace(s("public.users"), s("public.members"));
        i.definition.replace(s("users_"), s("members_"));
        i.name.replace(s("users_"), s("members_"));
        i.constraintName.replace(s("users_"), s("members_"));
    }
    for (Constraint& c : members->constraints)
        c.name.replace(s("users_"), s("members_"));
    members->constraints[1].comment = s("checked");
    members->triggers[0].name = s("members_touch");
    members->triggers[0].definition = s("CREATE TRIGGER members_touch BEFORE UPDATE ON "
                                        "public.members FOR EACH ROW EXECUTE FUNCTION "
                                        "public.touch()");
    Constraint& fk = findTable(target, "posts")->constraints[0];
    fk.refTable = s("members");
    fk.definition.replace(s("users"), s("members"));
    target.sequences[1].ownedByTable = s("members");
    target.views[0].definition = s(" SELECT members.id\n   FROM public.members;");

    const ChangeSet set = diffOk(richCatalog(), target, renames({"public.users=members"}));
    QCOMPARE(describe(set),
             (QStringList{s("table renamed public.members"), s("table changed public.members"),
                          s("constraint renamed public.members.members_email_check"),
                          s("constraint changed public.members.members_email_check"),
                          s("constraint renamed public.members.members_pkey"),
                          s("index renamed public.members.members_name_idx"),
                          s("trigger renamed public.members.members_touch")}));
    QCOMPARE(set.changes[4].renamedFrom, s("users_pkey"));
    QCOMPARE(set.changes[3].renamedFrom, s("users_email_check"));
    QCOMPARE(set.changes[3].attributes,
             (std::vector<AttributeChange>{{s("comment"), QString(), s("checked")}}));

    // Two equivalent candidates for one new name: no pairing, nothing assumed.
    Catalog database = richCatalog();
    Index twin = findTable(database, "users")->indexes[1];
    twin.name = s("users_name_idx2");
    twin.definition.replace(s("users_name_idx"), s("users_name_idx2"));
    findTable(database, "users")->indexes.push_back(twin);
    Catalog renamedIndex = richCatalog();
    Index& only = findTable(renamedIndex, "users")->indexes[1];
    only.name = s("users_full_name_idx");
    only.definition.replace(s("users_name_idx"), s("users_full_name_idx"));
    QCOMPARE(describe(diffOk(database, renamedIndex)),
             (QStringList{s("table changed public.users"),
                          s("index added public.users.users_full_name_idx"),
                          s("index removed public.users.users_name_idx"),
                          s("index removed public.users.users_name_idx2")}));
    // Without the twin it is a plain index rename.
    QCOMPARE(describe(diffOk(richCatalog(), renamedIndex)),
             (QStringList{s("table changed public.users"),
                          s("index renamed public.users.users_full_name_idx")}));
}

void TestDiffer::viewsFollowRenamedTablesButNotColumns()
{
    // pg_get_viewdef after ALTER TABLE users RENAME TO members prints the new name.
    Catalog database = richCatalog();
    database.views[0].definition =
        s(" SELECT users.id,\n    users.full_name\n   FROM public.users;");
    Catalog target = richCatalog();
    findTable(target, "users")->name = s("members");
    target.views[0].definition =
        s(" SELECT members.id,\n    members.full_name\n   FROM public.members;");
    const ChangeSet set = diffOk(database, target, renames({"public.users=members"}));
    QVERIFY2(!set.find(ObjectKind::View, s("public"), {}, s("active_users")),
             qPrintable(renderText(set)));
    QVERIFY(!diffOk(database, target, renames({"public.users=members"}))
                 .find(ObjectKind::View, s("public"), {}, s("active_users")));

    // A renamed column changes the view's output column: that is a real difference.
    findColumn(target, "members", "full_name")->name = s("display_name");
    target.views[0].definition =
        s(" SELECT members.id,\n    members.display_name\n   FROM public.members;");
    const ChangeSet columns = diffOk(
        database, target, renames({"public.users=members", "public.users.full_name=display_name"}));
    const Change* view = columns.find(ObjectKind::View, s("public"), {}, s("active_users"));
    QVERIFY(view && view->attribute(s("definition")));

    // Without the hint nothing is rewritten.
    QVERIFY(diffOk(database, target).find(ObjectKind::View, s("public"), {}, s("active_users")));
}

void TestDiffer::parseRenameHint_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("newName");
    QTest::newRow("column") << s("public.users.full_name=display_name") << true << s("public")
                            << s("users") << s("full_name") << s("display_name");
    QTest::newRow("table") << s(" public.users = members ") << true << s("public") << s("users")
                           << QString() << s("members");
    QTest::newRow("quoted") << s("\"my.schema\".\"Odd \"\"T\"\"\".\"a=b\"=\"c.d\"") << true
                            << s("my.schema") << s("Odd \"T\"") << s("a=b") << s("c.d");
    QTest::newRow("case kept") << s("public.User.name=fullName") << true << s("public") << s("User")
                               << s("name") << s("fullName");
    QTest::newRow("no equals") << s("public.users.full_name") << false << QString() << QString()
                               << QString() << QString();
    QTest::newRow("one part") << s("users=members") << false << QString() << QString() << QString()
                              << QString();
    QTest::newRow("four parts") << s("a.b.c.d=e") << false << QString() << QString() << QString()
                                << QString();
    QTest::newRow("empty new") << s("public.users.a=") << false << QString() << QString()
                               << QString() << QString();
    QTest::newRow("qualified new")
        << s("public.users.a=users.b") << false << QString() << QString() << QString() << QString();
    QTest::newRow("empty part") << s("public..a=b") << false << QString() << QString() << QString()
                                << QString();
    QTest::newRow("quoted empty") << s("public.\"\".a=b") << false << QString() << QString()
                                  << QString() << QString();
    QTest::newRow("unterminated") << s("public.\"users.a=b") << false << QString() << QString()
                                  << QString() << QString();
    QTest::newRow("same name") << s("public.users.a=a") << false << QString() << QString()
                               << QString() << QString();
}

void TestDiffer::parseRenameHint()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    const Result<RenameHint> hint = diff::parseRenameHint(text);
    QCOMPARE(hint.ok(), ok);
    if (!ok) {
        QVERIFY(hint.error().message.contains(s("invalid rename")));
        return;
    }
    QTEST(hint->schema, "schema");
    QTEST(hint->table, "table");
    QTEST(hint->column, "column");
    QTEST(hint->newName, "newName");
    // toString() round-trips through the parser.
    const Result<RenameHint> again = diff::parseRenameHint(hint->toString());
    QVERIFY(again);
    QCOMPARE(again.value(), hint.value());
}

void TestDiffer::hintMatchingNothingIsAnError_data()
{
    QTest::addColumn<QString>("hint");
    QTest::addColumn<QString>("message");
    QTest::newRow("no column in database")
        << s("public.users.nickname=display_name")
        << s("rename public.users.nickname=display_name: no column nickname in public.users of "
             "the database");
    QTest::newRow("no column in target")
        << s("public.users.full_name=display_name")
        << s("rename public.users.full_name=display_name: no column display_name in "
             "public.users of the target");
    QTest::newRow("column still in target")
        << s("public.users.full_name=email")
        << s("rename public.users.full_name=email: column full_name still exists in "
             "public.users of the target, so it is not renamed");
    QTest::newRow("no table in database")
        << s("public.people.full_name=x")
        << s("rename public.people.full_name=x: no table public.people in the database");
    QTest::newRow("table rename, no target")
        << s("public.users=members")
        << s("rename public.users=members: no table public.members in the target");
    QTest::newRow("table rename, old still there")
        << s("public.users=posts")
        << s("rename public.users=posts: table public.users still exists in the target, so it "
             "is not renamed");
}

void TestDiffer::hintMatchingNothingIsAnError()
{
    QFETCH(QString, hint);
    QFETCH(QString, message);
    const Result<RenameHint> parsed = diff::parseRenameHint(hint);
    QVERIFY(parsed);
    DiffOptions options;
    options.renames.push_back(parsed.value());
    const Result<ChangeSet> result = diff::diff(richCatalog(), richCatalog(), options);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message, message);
}

// A re-plan after the migration finished (the app keeps the accepted rename): the database
// already has the new name, so the hint changes nothing and the diff is empty.
void TestDiffer::renameAlreadyDoneIsANote()
{
    Catalog database = richCatalog();
    Table* users = findTable(database, "users");
    QVERIFY(users->column(s("full_name")));
    for (Column& c : users->columns)
        if (c.name == s("full_name"))
            c.name = s("display_name");
    Catalog target = database;
    DiffOptions options;
    options.renames.push_back(
        diff::parseRenameHint(s("public.users.full_name=display_name")).value());
    const Result<ChangeSet> result = diff::diff(database, target, options);
    QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
    QVERIFY2(result->isEmpty(), qPrintable(renderText(*result)));
    QCOMPARE(result->notes, QStringList{s("rename not needed: column full_name of public.users is "
                                          "already renamed to display_name in the database")});
}

void TestDiffer::columnOrderOnlyGivesANote()
{
    Catalog target = richCatalog();
    Table* users = findTable(target, "users");
    std::reverse(users->columns.begin(), users->columns.end());
    int position = 0;
    for (Column& c : users->columns)
        c.position = ++position;
    const ChangeSet set = diffOk(richCatalog(), target);
    QVERIFY2(set.isEmpty(), qPrintable(renderText(set)));
    QCOMPARE(set.notes, QStringList{s("column order differs in public.users (PostgreSQL does "
                                      "not care; not reported as a difference)")});
}

void TestDiffer::hostileNamesAreQuoted()
{
    const char* names[] = {"we\"ird", "has space", "ünïcödé", "\"x\"; DROP TABLE y; --\"", "Upper"};
    Catalog target;
    for (const char* name : names) {
        Table t = table("public", name, {column(name, "text")});
        target.tables.push_back(t);
    }
    target.tables[0].columns.push_back(column("select", "integer"));
    Catalog database = target;
    for (Table& t : database.tables)
        t.columns[0].comment = s("it's\nmultiline");
    const ChangeSet set = diffOk(database, target);
    const QString text = renderText(set);
    QVERIFY(text.contains(s("~ table public.\"\"\"x\"\"; DROP TABLE y; --\"\"\"")));
    QVERIFY(text.contains(s("~ column \"\"\"x\"\"; DROP TABLE y; --\"\"\"")));
    QVERIFY(text.contains(s("~ table public.\"has space\"")));
    QVERIFY(text.contains(s("~ table public.\"we\"\"ird\"")));
    QVERIFY(text.contains(s("~ table public.\"ünïcödé\"")));
    QVERIFY(text.contains(s("~ table public.\"Upper\"")));
    QVERIFY2(text.contains(s("comment: E'it''s\\nmultiline' -> (none)")), qPrintable(text));
    QVERIFY(!text.contains(s("DROP TABLE y; --\n")));
    // Comments are literals, so a newline in one cannot start a fake line.
    QVERIFY2(!text.contains(s("\nmultiline")), qPrintable(text));
}

void TestDiffer::stableOrder()
{
    Catalog database = richCatalog();
    Catalog target = richCatalog();
    // A spread of differences of every kind.
    for (const Mutation& m : mutations()) {
        if (QByteArray(m.tag) != "sequence owned by")
            m.apply(target);
    }
    removeObject(target, ObjectKind::Table, QString(), s("posts"));
    removeObject(database, ObjectKind::Enum, QString(), s("mood"));
    findColumn(target, "users", "full_name")->name = s("display_name");
    const QString expected = renderText(diffOk(database, target));

    std::mt19937 random(20240501);
    auto shuffle = [&random](Catalog& c) {
        std::shuffle(c.schemas.begin(), c.schemas.end(), random);
        std::shuffle(c.extensions.begin(), c.extensions.end(), random);
        std::shuffle(c.tables.begin(), c.tables.end(), random);
        for (Table& t : c.tables) {
            std::shuffle(t.columns.begin(), t.columns.end(), random);
            std::shuffle(t.constraints.begin(), t.constraints.end(), random);
            std::shuffle(t.indexes.begin(), t.indexes.end(), random);
        }
        std::shuffle(c.views.begin(), c.views.end(), random);
        std::shuffle(c.sequences.begin(), c.sequences.end(), random);
        std::shuffle(c.functions.begin(), c.functions.end(), random);
    };
    for (int round = 0; round < 5; ++round) {
        Catalog db = database;
        Catalog tgt = target;
        shuffle(db);
        shuffle(tgt);
        QCOMPARE(renderText(diffOk(db, tgt)), expected);
    }
}

void TestDiffer::subObjectsFollowTheirTable()
{
    Catalog target = richCatalog();
    findColumn(target, "posts", "body")->comment = s("text");
    findColumn(target, "users", "email")->comment = s("login");
    findTable(target, "users")->comment = s("people");
    target.enums[0].comment = s("feelings");
    target.functions[0].comment = s("touches");
    const ChangeSet set = diffOk(richCatalog(), target);
    QCOMPARE(describe(set),
             (QStringList{s("enum changed public.mood"), s("table changed public.posts"),
                          s("column changed public.posts.body"), s("table changed public.users"),
                          s("column changed public.users.email"),
                          s("function changed public.touch()")}));
}

void TestDiffer::serverVersionNote()
{
    Catalog target = richCatalog();
    target.server.versionNum = 170002;
    const ChangeSet set = diffOk(richCatalog(), target);
    QVERIFY(set.isEmpty());
    QCOMPARE(set.notes.size(), 1);
    QVERIFY(set.notes[0].contains(s("PostgreSQL 15")));
}

void TestDiffer::rewriteIdentifiers_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bare") << s("CHECK ((full_name <> ''::text))")
                          << s("CHECK ((display_name <> ''::text))");
    QTest::newRow("literal untouched") << s("CHECK ((full_name <> 'full_name'::text))")
                                       << s("CHECK ((display_name <> 'full_name'::text))");
    QTest::newRow("function untouched")
        << s("full_name(full_name)") << s("full_name(display_name)");
    QTest::newRow("qualified table") << s("CREATE INDEX i ON public.users USING btree (full_name)")
                                     << s("CREATE INDEX i ON public.members USING btree "
                                          "(display_name)");
    QTest::newRow("new row") << s("WHEN (new.full_name IS NOT NULL)")
                             << s("WHEN (new.display_name IS NOT NULL)");
    QTest::newRow("other qualifier") << s("other.full_name") << s("other.full_name");
    QTest::newRow("quoted") << s("(\"Odd\" + 1)") << s("(\"Even\" + 1)");
    QTest::newRow("keyword not a column") << s("x IS NOT NULL") << s("x IS NOT NULL");
}

void TestDiffer::rewriteIdentifiers()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    IdentifierRewrite rewrite;
    rewrite.relations.insert(key(s("public"), s("users")), s("members"));
    rewrite.columns.insert(s("full_name"), s("display_name"));
    rewrite.columns.insert(s("Odd"), s("Even"));
    rewrite.columns.insert(s("NOT"), s("never"));
    rewrite.selfQualifiers = {s("users"), s("members"), s("new"), s("old")};
    QCOMPARE(diff::rewriteIdentifiers(input, rewrite), expected);
}

void TestDiffer::migrationToolTablesAreLeftAlone_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("schema");
    for (const MigrationToolTable& t : migrationToolTables()) {
        for (const char* schema : {"public", "app"}) {
            const QByteArray tag = QByteArray(t.name.data(), t.name.size()) + " in " + schema;
            QTest::newRow(tag.constData()) << QString(t.name) << s(schema);
        }
    }
}

void TestDiffer::migrationToolTablesAreLeftAlone()
{
    QFETCH(QString, name);
    QFETCH(QString, schema);
    const MigrationToolTable* tool = migrationToolTable(name);
    QVERIFY(tool);
    QVERIFY(!QString(tool->tool).isEmpty());
    Catalog database = richCatalog();
    database.tables.push_back(table(qPrintable(schema), qPrintable(name),
                                    {column("version", "character varying(255)", true)}));
    // An ordinary table only in the database is still dropped next to it.
    database.tables.push_back(table("public", "leftover", {column("id", "integer")}));
    const ChangeSet set = diffOk(database, richCatalog());
    QCOMPARE(describe(set), QStringList{s("table removed public.leftover")});
    QCOMPARE(set.notes, QStringList{displayQualified(schema, name) + s(": ") + QString(tool->what) +
                                    s(", left alone")});
    QCOMPARE(set.summaryFor(ObjectKind::Table).onlyInDatabase, 1);
    QVERIFY(set.renameProposals.empty());
}

void TestDiffer::prismaHistoryGetsItsNote()
{
    Catalog database = richCatalog();
    database.tables.push_back(table("public", "_prisma_migrations",
                                    {column("id", "character varying(36)", true),
                                     column("migration_name", "character varying(255)", true)}));
    const ChangeSet set = diffOk(database, richCatalog());
    QVERIFY2(set.isEmpty(), qPrintable(renderText(set)));
    QCOMPARE(set.notes,
             QStringList{s("public._prisma_migrations: Prisma's migration history, left alone")});
    // Exact names only: a table of the user's that merely looks like one is dropped.
    Catalog lookalike = richCatalog();
    lookalike.tables.push_back(table("public", "Schema_Migrations", {column("v", "text")}));
    QCOMPARE(describe(diffOk(lookalike, richCatalog())),
             QStringList{s("table removed public.\"Schema_Migrations\"")});
}

void TestDiffer::toolTableSerialIsLeftAloneToo()
{
    // knex_migrations.id is a serial: its sequence must not be dropped either.
    Catalog database = richCatalog();
    Table knex = table("public", "knex_migrations",
                       {column("id", "integer", true), column("name", "character varying(255)")});
    knex.columns[0].defaultExpr = s("nextval('knex_migrations_id_seq'::regclass)");
    database.tables.push_back(knex);
    Sequence serial;
    serial.schema = s("public");
    serial.name = s("knex_migrations_id_seq");
    serial.dataType = s("integer");
    serial.maxValue = 2147483647;
    serial.ownedBySchema = s("public");
    serial.ownedByTable = s("knex_migrations");
    serial.ownedByColumn = s("id");
    database.sequences.push_back(serial);
    const ChangeSet set = diffOk(database, richCatalog());
    QVERIFY2(set.isEmpty(), qPrintable(renderText(set)));
    QCOMPARE(set.notes,
             QStringList{s("public.knex_migrations: Knex's migration history, left alone")});
}

void TestDiffer::toolTableInTheTargetIsDiffedAsUsual()
{
    Catalog database = richCatalog();
    database.tables.push_back(
        table("public", "schema_migrations", {column("version", "character varying", true)}));
    database.tables.push_back(
        table("public", "alembic_version", {column("version_num", "character varying(32)", true)}));
    // The target defines both: one differs, the other moved to another schema.
    Catalog target = richCatalog();
    target.tables.push_back(
        table("public", "schema_migrations", {column("version", "text", true)}));
    target.tables.push_back(
        table("app", "alembic_version", {column("version_num", "character varying(32)", true)}));
    const ChangeSet set = diffOk(database, target);
    QCOMPARE(describe(set), (QStringList{s("table added app.alembic_version"),
                                         s("table removed public.alembic_version"),
                                         s("table changed public.schema_migrations"),
                                         s("column changed public.schema_migrations.version")}));
    for (const QString& note : set.notes)
        QVERIFY2(!note.contains(s("left alone")), qPrintable(note));
}

void TestDiffer::toolTableRenamedByHintIsDiffed()
{
    Catalog database = richCatalog();
    database.tables.push_back(
        table("public", "flyway_schema_history", {column("version", "text")}));
    Catalog target = richCatalog();
    target.tables.push_back(table("public", "migration_log", {column("version", "text")}));
    const ChangeSet set =
        diffOk(database, target, renames({"public.flyway_schema_history=migration_log"}));
    QCOMPARE(describe(set), QStringList{s("table renamed public.migration_log")});
    QVERIFY(set.notes.isEmpty());
}

QTEST_GUILESS_MAIN(TestDiffer)
#include "test_differ.moc"
