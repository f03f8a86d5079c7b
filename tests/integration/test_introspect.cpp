// Introspection of every object kind the catalog model holds, on a real server: the model's
// fields exactly, the definitions spelled client-side equal to pg_get_indexdef /
// pg_get_constraintdef, extension members and Bellows' own schema left out, hostile names
// round-tripping. Statement count, session and sizes: test_introspect_scale.cpp.

#include "catalog_helpers.h"
#include "introspect/introspector.h"
#include "pq/connection.h"
#include "sql/quote.h"
#include "test_database.h"

#include <QTest>

using namespace bellows;
using namespace bellows::catalog;
using bellows::test::TestDatabase;

using bellows::test::introspectOrFail;
using bellows::test::tableOf;

namespace {

QStringList namesOf(const auto& items)
{
    QStringList out;
    for (const auto& item : items)
        out << item.name;
    return out;
}

// QStringList from ASCII literals (QT_NO_CAST_FROM_ASCII is on).
QStringList strings(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* item : items)
        out << QString::fromUtf8(item);
    return out;
}

QString q(const QString& identifier)
{
    return sql::quoteIdent(identifier);
}

// Every field of a model object on one line, for exact comparisons: the non-empty parts
// joined with " | ", flags and optional fields spelled only when set.
QString line(const QStringList& parts)
{
    QStringList kept;
    for (const QString& part : parts) {
        if (!part.isEmpty())
            kept << part;
    }
    return kept.join(QStringLiteral(" | "));
}

QString opt(bool set, const char* text)
{
    return set ? QString::fromUtf8(text) : QString();
}

QString opt(const QString& value, const char* label)
{
    return value.isEmpty() ? QString() : QString::fromUtf8(label) + value;
}

QString summary(const Column& c)
{
    return line({QString::number(c.position), c.name, c.type, opt(c.typeSchema, "schema "),
                 opt(c.collation, "collate "), opt(c.notNull, "not null"),
                 opt(c.defaultExpr, "default "), opt(toString(c.identity), "identity "),
                 opt(toString(c.generated), "generated "), c.generatedExpr,
                 opt(!c.isLocal, "inherited"), opt(c.comment, "comment ")});
}

QString summary(const Sequence& q)
{
    return line({key(q.schema, q.name), q.dataType,
                 QStringLiteral("%1 %2 %3 %4 %5")
                     .arg(q.start)
                     .arg(q.increment)
                     .arg(q.minValue)
                     .arg(q.maxValue)
                     .arg(q.cache),
                 opt(q.cycle, "cycle"),
                 opt(q.ownedByTable.isEmpty()
                         ? QString()
                         : QStringList{q.ownedBySchema, q.ownedByTable, q.ownedByColumn}.join(
                               QLatin1Char('.')),
                     "owned by "),
                 opt(q.identity, "identity"), opt(q.comment, "comment ")});
}

QString summary(const IndexKey& k)
{
    return QStringList{k.column,
                       opt(k.expression, "expr "),
                       opt(k.collation, "collate "),
                       opt(k.opclass, "opclass "),
                       opt(k.descending, "desc"),
                       opt(k.nullsFirst, "nulls first")}
        .join(QLatin1Char(' '))
        .simplified();
}

QString summary(const Index& x)
{
    QStringList keys;
    for (const IndexKey& k : x.keys)
        keys << summary(k);
    return line({x.name, x.method, keys.join(QLatin1Char(',')),
                 opt(x.include.join(QLatin1Char(',')), "include "), opt(x.predicate, "where "),
                 opt(x.primary, "primary"), opt(x.unique && !x.primary, "unique"),
                 opt(x.nullsNotDistinct, "nulls not distinct"), opt(!x.valid, "invalid"),
                 opt(x.constraintName, "constraint "), opt(x.comment, "comment ")});
}

QString summary(const Constraint& k)
{
    const QString references =
        k.kind != ConstraintKind::ForeignKey
            ? QString()
            : QStringLiteral("-> %1.%2(%3) match %4 update %5 delete %6")
                  .arg(k.refSchema, k.refTable, k.refColumns.join(QLatin1Char(',')), k.matchType,
                       k.onUpdate, k.onDelete);
    return line({k.name, toString(k.kind), k.columns.join(QLatin1Char(',')), references,
                 opt(k.checkExpression, "check "), opt(k.indexName, "index "),
                 opt(k.deferrable && !k.initiallyDeferred, "deferrable"),
                 opt(k.initiallyDeferred, "deferred"), opt(!k.validated, "not valid"),
                 opt(k.noInherit, "no inherit"), opt(k.nullsNotDistinct, "nulls not distinct"),
                 opt(!k.isLocal, "inherited"), opt(k.comment, "comment ")});
}

QString summary(const Table& t)
{
    const QString partition = t.isPartition() ? QStringLiteral("of %1 (%2.%3) %4")
                                                    .arg(t.partitionParent, t.partitionParentSchema,
                                                         t.partitionParentName, t.partitionBound)
                                              : QString();
    return line({key(t.schema, t.name), toString(t.kind), opt(t.unlogged, "unlogged"),
                 opt(t.partitionKey, "by "), partition,
                 opt(t.inherits.join(QLatin1Char(',')), "inherits "),
                 opt(t.options.join(QLatin1Char(',')), "with "), opt(t.comment, "comment ")});
}

QString summary(const Domain& d)
{
    QStringList parts{d.name, d.baseType, opt(d.collation, "collate "),
                      opt(d.defaultExpr, "default "), opt(d.notNull, "not null")};
    for (const DomainCheck& check : d.checks)
        parts << check.name + QLatin1Char(' ') + check.definition + opt(!check.validated, " !");
    return line(parts << opt(d.comment, "comment "));
}

QString summary(const Function& f)
{
    return line({f.signature(), toString(f.kind), f.returns, f.language, f.comment});
}

QString summary(const Trigger& g)
{
    return line({g.name, QString(QLatin1Char(g.enabled)), g.function, g.definition, g.comment});
}

QString summary(const Policy& p)
{
    return line({p.name, p.command, p.permissive ? QString() : QStringLiteral("restrictive"),
                 p.roles.join(QLatin1Char(',')), p.usingExpr, opt(p.withCheckExpr, "check "),
                 p.comment});
}

template <typename Item> QStringList summaries(const std::vector<Item>& items)
{
    QStringList out;
    for (const Item& item : items)
        out << summary(item);
    return out;
}

// Every index and constraint definition of the model equals the server's own spelling (under
// search_path = pg_catalog, like the Introspector), and the model has all of them.
void compareDefinitionsWithServer(const TestDatabase& db, const Catalog& c)
{
    auto conn = db.connect();
    QVERIFY(conn->exec(QStringLiteral("SET search_path = pg_catalog")));
    auto rows = conn->exec(QStringLiteral(R"(
        SELECT n.nspname, t.relname, 'index', ic.relname, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'bellows')
          AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.objid = t.oid AND x.deptype = 'e')
        UNION ALL
        SELECT n.nspname, t.relname, 'constraint', co.conname, pg_get_constraintdef(co.oid)
        FROM pg_constraint co JOIN pg_class t ON t.oid = co.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE co.contype IN ('p', 'u', 'f', 'c', 'x')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'bellows'))"));
    QVERIFY(rows);
    QHash<QStringList, QString> server;
    for (int i = 0; i < rows->rows(); ++i)
        server.insert({rows->text(i, 0), rows->text(i, 1), rows->text(i, 2), rows->text(i, 3)},
                      rows->text(i, 4));
    QHash<QStringList, QString> model;
    const auto addIndexes = [&](const QString& schema, const QString& table, const auto& list) {
        for (const Index& x : list)
            model.insert({schema, table, QStringLiteral("index"), x.name}, x.definition);
    };
    for (const Table& t : c.tables) {
        addIndexes(t.schema, t.name, t.indexes);
        for (const Constraint& k : t.constraints)
            model.insert({t.schema, t.name, QStringLiteral("constraint"), k.name}, k.definition);
    }
    for (const View& v : c.views)
        addIndexes(v.schema, v.name, v.indexes);
    for (auto it = server.constBegin(); it != server.constEnd(); ++it)
        QCOMPARE(model.value(it.key(), QStringLiteral("(missing)")), it.value());
    QCOMPARE(model.size(), server.size());
}

} // namespace

class TestIntrospect : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tablesAndColumns();
    void constraints();
    void indexes();
    void typesAndDomains();
    void viewsFunctionsTriggers();
    void rowLevelSecurity();
    void extensionsAndLedgerLeftOut();
    void hostileNames();
    void newerServerFeatures();
};

void TestIntrospect::tablesAndColumns()
{
    TestDatabase db(QStringLiteral("introspect_tables"));
    QCOMPARE(db.exec(QStringLiteral(R"(
        CREATE SCHEMA app;
        COMMENT ON SCHEMA app IS 'application schema';
        CREATE TABLE app.users (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            email varchar(320) NOT NULL,
            name text COLLATE "C",
            score numeric(10,2) DEFAULT 0,
            created_at timestamp(3) with time zone NOT NULL DEFAULT now(),
            nick text GENERATED ALWAYS AS (lower(name)) STORED,
            seq serial,
            legacy int GENERATED BY DEFAULT AS IDENTITY);
        COMMENT ON TABLE app.users IS 'people';
        COMMENT ON COLUMN app.users.email IS 'login';
        COMMENT ON SEQUENCE app.users_seq_seq IS 'counter';
        ALTER TABLE app.users DROP COLUMN score;
        CREATE UNLOGGED TABLE app.cache (k text PRIMARY KEY, v jsonb) WITH (fillfactor = 70);
        CREATE TABLE app.events (id bigint, at date NOT NULL, payload text) PARTITION BY RANGE (at);
        CREATE TABLE app.events_2024 PARTITION OF app.events
            FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE app.events_2025 PARTITION OF app.events
            FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
        CREATE TABLE app.base_a (a int);
        CREATE TABLE app.base_b (b int);
        CREATE TABLE app.child (c int) INHERITS (app.base_b, app.base_a);
        CREATE FOREIGN DATA WRAPPER dummy_fdw;
        CREATE SERVER dummy_srv FOREIGN DATA WRAPPER dummy_fdw;
        CREATE FOREIGN TABLE app.remote (id int, note text) SERVER dummy_srv;
        )")),
             QString());

    const Catalog c = introspectOrFail(db);
    QCOMPARE(c.server.database, db.name());
    QCOMPARE(c.server.major(), test::cluster().major);
    QVERIFY(c.server.version.startsWith(QString::number(c.server.major())));
    QVERIFY(!c.server.user.isEmpty());

    QCOMPARE(namesOf(c.schemas), QStringList({QStringLiteral("app"), QStringLiteral("public")}));
    QCOMPARE(c.schemas[0].comment, QStringLiteral("application schema"));

    QCOMPARE(summaries(c.tables),
             strings({"app.base_a | table", "app.base_b | table",
                      "app.cache | table | unlogged | with fillfactor=70",
                      "app.child | table | inherits app.base_b,app.base_a",
                      "app.events | partitioned table | by RANGE (at)",
                      "app.events_2024 | table | of app.events (app.events) "
                      "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                      "app.events_2025 | table | of app.events (app.events) "
                      "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                      "app.remote | foreign table", "app.users | table | comment people"}));
    const Table& users = tableOf(c, QStringLiteral("app"), QStringLiteral("users"));
    // attnum keeps the gap of the dropped column.
    QCOMPARE(summaries(users.columns),
             strings({"1 | id | bigint | not null | identity always",
                      "2 | email | character varying(320) | not null | comment login",
                      "3 | name | text | collate \"C\"",
                      "5 | created_at | timestamp(3) with time zone | not null | default now()",
                      "6 | nick | text | generated stored | lower(name)",
                      "7 | seq | integer | not null | "
                      "default nextval('app.users_seq_seq'::regclass)",
                      "8 | legacy | integer | not null | identity by default"}));

    QCOMPARE(summaries(c.sequences),
             strings({"app.users_id_seq | bigint | 1 1 1 9223372036854775807 1 | "
                      "owned by app.users.id | identity",
                      "app.users_legacy_seq | integer | 1 1 1 2147483647 1 | "
                      "owned by app.users.legacy | identity",
                      "app.users_seq_seq | integer | 1 1 1 2147483647 1 | owned by app.users.seq | "
                      "comment counter"}));

    const Table& e2024 = tableOf(c, QStringLiteral("app"), QStringLiteral("events_2024"));
    QCOMPARE(summaries(e2024.columns),
             strings({"1 | id | bigint | inherited", "2 | at | date | not null | inherited",
                      "3 | payload | text | inherited"}));
    QCOMPARE(
        summaries(tableOf(c, QStringLiteral("app"), QStringLiteral("child")).columns),
        strings({"1 | b | integer | inherited", "2 | a | integer | inherited", "3 | c | integer"}));
}

void TestIntrospect::constraints()
{
    TestDatabase db(QStringLiteral("introspect_constraints"));
    const bool pg15 = test::cluster().major >= 15;
    QCOMPARE(db.exec(QStringLiteral(R"(
        CREATE TABLE parent (id int PRIMARY KEY, code text UNIQUE, alt text,
            CONSTRAINT parent_alt_key UNIQUE (alt) DEFERRABLE INITIALLY DEFERRED);
        CREATE TABLE t (
            id int PRIMARY KEY, parent_id int, code text, a int, b int, span int4range,
            CONSTRAINT t_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id)
                ON DELETE CASCADE ON UPDATE SET NULL,
            CONSTRAINT t_code_fk FOREIGN KEY (code) REFERENCES parent (code) MATCH FULL,
            CONSTRAINT t_a_positive CHECK (a > 0) NO INHERIT,
            CONSTRAINT t_no_overlap EXCLUDE USING gist (span WITH &&),
            CONSTRAINT t_ab_key UNIQUE (a) INCLUDE (b));
        ALTER TABLE t ADD CONSTRAINT t_b_check CHECK (b < 100) NOT VALID;
        ALTER TABLE t ADD CONSTRAINT t_a_fk FOREIGN KEY (a) REFERENCES parent (id) NOT VALID;
        COMMENT ON CONSTRAINT t_a_positive ON t IS 'positive a';
        )")),
             QString());
    if (pg15)
        QCOMPARE(db.exec(QStringLiteral(
                     "ALTER TABLE t ADD CONSTRAINT t_ab_nnd UNIQUE NULLS NOT DISTINCT (a, b)")),
                 QString());

    const Catalog c = introspectOrFail(db);
    const Table& t = tableOf(c, QStringLiteral("public"), QStringLiteral("t"));
    QStringList expected = strings(
        {"t_a_fk | foreign key | a | -> public.parent(id) match SIMPLE update NO ACTION "
         "delete NO ACTION | not valid",
         "t_a_positive | check | a | check (a > 0) | no inherit | comment positive a",
         "t_ab_key | unique | a | index t_ab_key",
         "t_b_check | check | b | check (b < 100) | not valid",
         "t_code_fk | foreign key | code | -> public.parent(code) match FULL update NO ACTION "
         "delete NO ACTION",
         "t_no_overlap | exclusion | span | index t_no_overlap",
         "t_parent_fk | foreign key | parent_id | -> public.parent(id) match SIMPLE "
         "update SET NULL delete CASCADE",
         "t_pkey | primary key | id | index t_pkey"});
    if (pg15)
        expected.insert(3, QStringLiteral("t_ab_nnd | unique | a,b | index t_ab_nnd | "
                                          "nulls not distinct"));
    QCOMPARE(summaries(t.constraints), expected);

    QStringList definitions;
    for (const Constraint& k : t.constraints)
        definitions << k.definition;
    expected = strings({"FOREIGN KEY (a) REFERENCES public.parent(id) NOT VALID",
                        "CHECK ((a > 0)) NO INHERIT", "UNIQUE (a) INCLUDE (b)",
                        "CHECK ((b < 100)) NOT VALID",
                        "FOREIGN KEY (code) REFERENCES public.parent(code) MATCH FULL",
                        "EXCLUDE USING gist (span WITH &&)",
                        "FOREIGN KEY (parent_id) REFERENCES public.parent(id) "
                        "ON UPDATE SET NULL ON DELETE CASCADE",
                        "PRIMARY KEY (id)"});
    if (pg15)
        expected.insert(3, QStringLiteral("UNIQUE NULLS NOT DISTINCT (a, b)"));
    QCOMPARE(definitions, expected);
    QCOMPARE(t.index(QStringLiteral("t_no_overlap"))->constraintName,
             QStringLiteral("t_no_overlap"));
    for (const Constraint& k : t.constraints)
        QVERIFY(k.isLocal && k.enforced);

    const Table& parent = tableOf(c, QStringLiteral("public"), QStringLiteral("parent"));
    QCOMPARE(summaries(parent.constraints),
             strings({"parent_alt_key | unique | alt | index parent_alt_key | deferred",
                      "parent_code_key | unique | code | index parent_code_key",
                      "parent_pkey | primary key | id | index parent_pkey"}));
    QCOMPARE(parent.constraint(QStringLiteral("parent_alt_key"))->definition,
             QStringLiteral("UNIQUE (alt) DEFERRABLE INITIALLY DEFERRED"));

    compareDefinitionsWithServer(db, c);
}

void TestIntrospect::indexes()
{
    TestDatabase db(QStringLiteral("introspect_indexes"));
    QCOMPARE(db.exec(QStringLiteral(R"(
        CREATE TABLE items (id int PRIMARY KEY, name text, code varchar(20), price numeric,
                            tags jsonb, created timestamptz, active boolean);
        CREATE UNIQUE INDEX items_name_key ON items (name) INCLUDE (price);
        CREATE INDEX items_partial ON items (created DESC NULLS LAST) WHERE active;
        CREATE INDEX items_nulls ON items (price NULLS FIRST, id DESC);
        CREATE INDEX items_lower ON items (lower(name));
        CREATE INDEX items_expr ON items ((price * 2), id);
        CREATE INDEX items_pattern ON items (code varchar_pattern_ops);
        CREATE INDEX items_coll ON items (name COLLATE "C");
        CREATE INDEX items_code ON items (code);
        CREATE INDEX items_tags ON items USING gin (tags jsonb_path_ops);
        CREATE INDEX items_tags_default ON items USING gin (tags);
        CREATE INDEX items_hash ON items USING hash (code);
        CREATE INDEX items_brin ON items USING brin (created);
        CREATE INDEX items_ff ON items (id) WITH (fillfactor = 70);
        COMMENT ON INDEX items_lower IS 'case-insensitive';
        CREATE TABLE parts (id int, at date) PARTITION BY RANGE (at);
        CREATE INDEX parts_at ON parts (at);
        CREATE TABLE parts_1 PARTITION OF parts FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE MATERIALIZED VIEW item_names AS SELECT id, name FROM items;
        CREATE UNIQUE INDEX item_names_id ON item_names (id);
        )")),
             QString());
    if (test::cluster().major >= 15)
        QCOMPARE(db.exec(QStringLiteral(
                     "CREATE UNIQUE INDEX items_nnd ON items (code) NULLS NOT DISTINCT")),
                 QString());

    const Catalog c = introspectOrFail(db);
    const Table& items = tableOf(c, QStringLiteral("public"), QStringLiteral("items"));
    QStringList expected = strings(
        {"items_brin | brin | created", "items_code | btree | code",
         "items_coll | btree | name collate \"C\"",
         "items_expr | btree | expr (price * 2::numeric),id", "items_ff | btree | id",
         "items_hash | hash | code",
         "items_lower | btree | expr lower(name) | comment case-insensitive",
         "items_name_key | btree | name | include price | unique",
         "items_nulls | btree | price nulls first,id desc nulls first",
         "items_partial | btree | created desc | where active",
         "items_pattern | btree | code opclass varchar_pattern_ops",
         "items_pkey | btree | id | primary | constraint items_pkey",
         "items_tags | gin | tags opclass jsonb_path_ops", "items_tags_default | gin | tags"});
    if (test::cluster().major >= 15)
        expected.insert(8, QStringLiteral("items_nnd | btree | code | unique | "
                                          "nulls not distinct"));
    QCOMPARE(summaries(items.indexes), expected);

    QStringList definitions;
    for (const char* name : {"items_name_key", "items_partial", "items_ff"})
        definitions << items.index(QString::fromUtf8(name))->definition;
    QCOMPARE(definitions,
             strings({"CREATE UNIQUE INDEX items_name_key ON public.items USING btree (name) "
                      "INCLUDE (price)",
                      "CREATE INDEX items_partial ON public.items USING btree "
                      "(created DESC NULLS LAST) WHERE active",
                      "CREATE INDEX items_ff ON public.items USING btree (id) "
                      "WITH (fillfactor='70')"}));
    QCOMPARE(tableOf(c, QStringLiteral("public"), QStringLiteral("parts")).indexes[0].definition,
             QStringLiteral("CREATE INDEX parts_at ON ONLY public.parts USING btree (at)"));
    // The partition's own index is a real object and is kept.
    QCOMPARE(namesOf(tableOf(c, QStringLiteral("public"), QStringLiteral("parts_1")).indexes),
             QStringList{QStringLiteral("parts_1_at_idx")});
    QCOMPARE(summaries(c.view(QStringLiteral("public"), QStringLiteral("item_names"))->indexes),
             strings({"item_names_id | btree | id | unique"}));

    compareDefinitionsWithServer(db, c);
}

void TestIntrospect::typesAndDomains()
{
    TestDatabase db(QStringLiteral("introspect_types"));
    QCOMPARE(db.exec(QStringLiteral(R"(
        CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
        ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
        COMMENT ON TYPE mood IS 'feelings';
        CREATE DOMAIN posint AS integer DEFAULT 1 NOT NULL
            CONSTRAINT posint_check CHECK (VALUE > 0);
        ALTER DOMAIN posint ADD CONSTRAINT posint_small CHECK (VALUE < 1000000) NOT VALID;
        COMMENT ON DOMAIN posint IS 'positive';
        CREATE DOMAIN short_code AS varchar(10) COLLATE "C";
        CREATE TYPE address AS (street text, zip varchar(10), city text COLLATE "C");
        COMMENT ON TYPE address IS 'postal';
        CREATE TABLE person (id int, m mood, p posint, a address, c short_code);
        CREATE INDEX person_c ON person (c);
        )")),
             QString());

    const Catalog c = introspectOrFail(db);
    QCOMPARE(c.enums.size(), size_t(1));
    QCOMPARE(key(c.enums[0].schema, c.enums[0].name), QStringLiteral("public.mood"));
    QCOMPARE(c.enums[0].labels, strings({"sad", "meh", "ok", "happy"}));
    QCOMPARE(c.enums[0].comment, QStringLiteral("feelings"));

    QCOMPARE(summaries(c.domains),
             strings({"posint | integer | default 1 | not null | posint_check CHECK ((VALUE > 0)) "
                      "| posint_small CHECK ((VALUE < 1000000)) NOT VALID ! | comment positive",
                      "short_code | character varying(10) | collate \"C\""}));

    // Standalone composite types only: the table's row type is not one.
    QCOMPARE(c.compositeTypes.size(), size_t(1));
    const CompositeType& address = c.compositeTypes[0];
    QCOMPARE(address.name, QStringLiteral("address"));
    QCOMPARE(address.comment, QStringLiteral("postal"));
    QStringList attributes;
    for (const CompositeAttribute& a : address.attributes)
        attributes << QStringList{a.name, a.type, a.collation}.join(QLatin1Char(' '));
    QCOMPARE(attributes,
             strings({"street text ", "zip character varying(10) ", "city text \"C\""}));

    const Table& person = tableOf(c, QStringLiteral("public"), QStringLiteral("person"));
    QCOMPARE(
        summaries(person.columns),
        strings({"1 | id | integer", "2 | m | public.mood | schema public",
                 "3 | p | public.posint | schema public", "4 | a | public.address | schema public",
                 "5 | c | public.short_code | schema public"}));
    compareDefinitionsWithServer(db, c);
}

void TestIntrospect::viewsFunctionsTriggers()
{
    TestDatabase db(QStringLiteral("introspect_views"));
    QCOMPARE(db.exec(QStringLiteral(R"SQL(
        CREATE TABLE accounts (id int PRIMARY KEY, balance numeric NOT NULL DEFAULT 0,
                               updated timestamptz);
        CREATE VIEW rich AS SELECT id, balance FROM accounts WHERE balance > 1000;
        COMMENT ON VIEW rich IS 'rich accounts';
        CREATE MATERIALIZED VIEW totals AS SELECT count(*) AS n FROM accounts;
        CREATE UNIQUE INDEX totals_n ON totals (n);
        COMMENT ON MATERIALIZED VIEW totals IS 'totals';
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql
            AS $$BEGIN NEW.updated := now(); RETURN NEW; END$$;
        COMMENT ON FUNCTION touch() IS 'sets updated';
        CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts
            FOR EACH ROW EXECUTE FUNCTION touch();
        COMMENT ON TRIGGER accounts_touch ON accounts IS 'keeps updated current';
        CREATE TRIGGER accounts_off AFTER INSERT ON accounts
            FOR EACH ROW EXECUTE FUNCTION touch();
        ALTER TABLE accounts DISABLE TRIGGER accounts_off;
        CREATE FUNCTION rich_insert() RETURNS trigger LANGUAGE plpgsql AS
            $$BEGIN INSERT INTO accounts (id, balance) VALUES (NEW.id, NEW.balance);
              RETURN NEW; END$$;
        CREATE TRIGGER rich_insert INSTEAD OF INSERT ON rich
            FOR EACH ROW EXECUTE FUNCTION rich_insert();
        CREATE FUNCTION add(a integer, b integer DEFAULT 1) RETURNS integer
            LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
        CREATE PROCEDURE reset(p_id integer) LANGUAGE sql
            AS $$UPDATE accounts SET balance = 0 WHERE id = p_id$$;
        CREATE AGGREGATE total(numeric) (SFUNC = numeric_add, STYPE = numeric);
        )SQL")),
             QString());

    const Catalog c = introspectOrFail(db);
    QCOMPARE(c.views.size(), size_t(2));
    const View& rich = c.views[0];
    QVERIFY(!rich.materialized);
    QCOMPARE(rich.comment, QStringLiteral("rich accounts"));
    QVERIFY(rich.definition.contains(QStringLiteral("FROM public.accounts")));
    QVERIFY(rich.definition.contains(QStringLiteral("> 1000::numeric")));
    QCOMPARE(summaries(rich.columns), strings({"1 | id | integer", "2 | balance | numeric"}));
    QCOMPARE(summaries(rich.triggers),
             strings({"rich_insert | O | public.rich_insert | CREATE TRIGGER rich_insert INSTEAD "
                      "OF INSERT ON public.rich FOR EACH ROW EXECUTE FUNCTION "
                      "public.rich_insert()"}));
    const View& totals = c.views[1];
    QVERIFY(totals.materialized);
    QCOMPARE(totals.comment, QStringLiteral("totals"));
    QCOMPARE(summaries(totals.columns), strings({"1 | n | bigint"}));
    QCOMPARE(summaries(totals.indexes), strings({"totals_n | btree | n | unique"}));

    const Table& accounts = tableOf(c, QStringLiteral("public"), QStringLiteral("accounts"));
    QCOMPARE(summaries(accounts.triggers),
             strings({"accounts_off | D | public.touch | CREATE TRIGGER accounts_off AFTER INSERT "
                      "ON public.accounts FOR EACH ROW EXECUTE FUNCTION public.touch()",
                      "accounts_touch | O | public.touch | CREATE TRIGGER accounts_touch BEFORE "
                      "UPDATE ON public.accounts FOR EACH ROW EXECUTE FUNCTION public.touch() | "
                      "keeps updated current"}));

    // Procedures' identity arguments name the mode from PostgreSQL 14 on.
    const QString mode = test::cluster().major >= 14 ? QStringLiteral("IN ") : QString();
    QCOMPARE(
        summaries(c.functions),
        QStringList({QStringLiteral("public.add(a integer, b integer) | function | integer | "
                                    "sql"),
                     QStringLiteral("public.reset(%1p_id integer) | procedure | sql").arg(mode),
                     QStringLiteral("public.rich_insert() | function | trigger | plpgsql"),
                     QStringLiteral("public.total(numeric) | aggregate | numeric | internal"),
                     QStringLiteral("public.touch() | function | trigger | plpgsql | "
                                    "sets updated")}));
    QVERIFY(c.functions[0].definition.startsWith(
        QStringLiteral("CREATE OR REPLACE FUNCTION public.add(a integer, b integer DEFAULT 1)")));
    QVERIFY(c.functions[1].definition.startsWith(
        QStringLiteral("CREATE OR REPLACE PROCEDURE public.reset")));
    // No pg_get_functiondef for aggregates: introspection writes it (test_aggregate_definitions).
    QCOMPARE(c.functions[3].definition,
             QStringLiteral("CREATE OR REPLACE AGGREGATE public.total(numeric) (\n"
                            "    SFUNC = numeric_add,\n    STYPE = numeric\n);"));
}

void TestIntrospect::rowLevelSecurity()
{
    TestDatabase db(QStringLiteral("introspect_rls"));
    QCOMPARE(db.exec(QStringLiteral(R"(
        CREATE TABLE docs (id int, owner name, body text);
        ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
        ALTER TABLE docs FORCE ROW LEVEL SECURITY;
        CREATE POLICY docs_owner ON docs FOR UPDATE TO PUBLIC
            USING (owner = current_user) WITH CHECK (owner = current_user);
        CREATE POLICY docs_read ON docs AS RESTRICTIVE FOR SELECT TO CURRENT_USER USING (true);
        CREATE POLICY docs_all ON docs USING (id > 0);
        COMMENT ON POLICY docs_owner ON docs IS 'own rows';
        CREATE TABLE open_table (id int);
        ALTER TABLE open_table ENABLE ROW LEVEL SECURITY;
        )")),
             QString());

    const Catalog c = introspectOrFail(db);
    const Table& docs = tableOf(c, QStringLiteral("public"), QStringLiteral("docs"));
    QVERIFY(docs.rlsEnabled);
    QVERIFY(docs.rlsForced);
    QCOMPARE(
        summaries(docs.policies),
        QStringList(
            {QStringLiteral("docs_all | ALL | public | (id > 0)"),
             QStringLiteral("docs_owner | UPDATE | public | (owner = CURRENT_USER) | "
                            "check (owner = CURRENT_USER) | own rows"),
             QStringLiteral("docs_read | SELECT | restrictive | %1 | true").arg(c.server.user)}));

    const Table& open = tableOf(c, QStringLiteral("public"), QStringLiteral("open_table"));
    QVERIFY(open.rlsEnabled);
    QVERIFY(!open.rlsForced);
    QVERIFY(open.policies.empty());
}

void TestIntrospect::extensionsAndLedgerLeftOut()
{
    TestDatabase db(QStringLiteral("introspect_extensions"));
    QCOMPARE(db.exec(QStringLiteral(R"(
        CREATE EXTENSION citext;
        CREATE EXTENSION pg_trgm;
        CREATE TABLE logins (id int PRIMARY KEY, email citext, note text);
        CREATE INDEX logins_note ON logins USING gin (note gin_trgm_ops);
        CREATE INDEX logins_email ON logins (email);
        CREATE SCHEMA bellows;
        CREATE TABLE bellows.ledger (id int PRIMARY KEY);
        CREATE FUNCTION bellows.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
        )")),
             QString());

    const Catalog c = introspectOrFail(db);
    QCOMPARE(namesOf(c.extensions), strings({"citext", "pg_trgm", "plpgsql"}));
    QCOMPARE(c.extensions[0].schema, QStringLiteral("public"));
    QVERIFY(!c.extensions[0].version.isEmpty() && !c.extensions[0].comment.isEmpty());
    QCOMPARE(c.extensions[2].comment, QStringLiteral("PL/pgSQL procedural language"));

    // citext and pg_trgm put functions, types and operators into public: none is listed.
    QVERIFY(c.functions.empty() && c.domains.empty() && c.enums.empty());
    QVERIFY(c.compositeTypes.empty() && c.sequences.empty() && c.views.empty());
    QCOMPARE(namesOf(c.schemas), QStringList{QStringLiteral("public")});
    QCOMPARE(summaries(c.tables), strings({"public.logins | table"}));
    QCOMPARE(summaries(c.tables[0].columns),
             strings({"1 | id | integer | not null", "2 | email | public.citext | schema public",
                      "3 | note | text"}));
    QCOMPARE(summaries(c.tables[0].indexes), strings({"logins_email | btree | email",
                                                      "logins_note | gin | note opclass "
                                                      "public.gin_trgm_ops",
                                                      "logins_pkey | btree | id | primary | "
                                                      "constraint logins_pkey"}));
    compareDefinitionsWithServer(db, c);
}

void TestIntrospect::hostileNames()
{
    TestDatabase db(QStringLiteral("introspect_hostile"));
    const QString schema = QStringLiteral("Schéma \"quoted\"");
    const QString table = QStringLiteral("x\"; DROP TABLE y; --");
    const QString other = QStringLiteral("order");
    const QStringList columns{QStringLiteral("select"),    QStringLiteral("a b"),
                              QStringLiteral("Größe"),     QStringLiteral("x\"; DROP TABLE y; --"),
                              QStringLiteral("MixedCase"), QStringLiteral("user")};
    const QStringList labels{QStringLiteral("it's"),      QStringLiteral("a,b"),
                             QStringLiteral("{x}"),       QStringLiteral("back\\slash"),
                             QStringLiteral("NULL"),      QStringLiteral(" spaced "),
                             QStringLiteral("ünï \"q\""), QStringLiteral("x\"; DROP TABLE y; --")};
    const QString comment = QStringLiteral("it's \"quoted\"\nsecond line; DROP TABLE y; -- ✓");
    const QString check = QStringLiteral("check \"a b\" positive");
    const QString fk = QStringLiteral("fk x\"; DROP TABLE y; --");
    const QString index = QStringLiteral("Index \"Größe\"");
    const QString enumName = QStringLiteral("Enum ✓ \"labels\"");

    QStringList quotedLabels;
    for (const QString& label : labels)
        quotedLabels << sql::quoteLiteral(label);
    const QString t = q(schema) + QLatin1Char('.') + q(table);
    const QString o = q(schema) + QLatin1Char('.') + q(other);
    const QString commented = sql::quoteLiteral(comment);
    QStringList ddl;
    ddl << QStringLiteral("CREATE SCHEMA %1").arg(q(schema));
    const QString e = q(schema) + QLatin1Char('.') + q(enumName);
    ddl << QStringLiteral("CREATE TYPE %1 AS ENUM (%2)")
               .arg(e, quotedLabels.join(QStringLiteral(", ")));
    ddl << QStringLiteral("CREATE TABLE %1 (%2 int PRIMARY KEY, %3 int, UNIQUE (%2, %3))")
               .arg(o, q(columns[4]), q(columns[5]));
    ddl << QStringLiteral("CREATE TABLE %1 (%2 int, %3 text, %4 int, %5 %9, %6 int, %7 int, "
                          "CONSTRAINT %8 CHECK (%4 > 0))")
               .arg(t, q(columns[0]), q(columns[1]), q(columns[2]), q(columns[3]), q(columns[4]),
                    q(columns[5]), q(check), e);
    ddl << QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 FOREIGN KEY (%3, %4) "
                          "REFERENCES %5 (%3, %6)")
               .arg(t, q(fk), q(columns[4]), q(columns[0]), o, q(columns[5]));
    ddl << QStringLiteral("CREATE UNIQUE INDEX %1 ON %2 (%3 DESC, %4) INCLUDE (%5)")
               .arg(q(index), t, q(columns[2]), q(columns[0]), q(columns[1]));
    // Leading underscore and digit, a keyword usable as a column name unquoted ("name").
    ddl << QStringLiteral("ALTER TABLE %1 ADD COLUMN _under int, ADD COLUMN \"1st\" int, "
                          "ADD COLUMN name int")
               .arg(t);
    ddl << QStringLiteral("CREATE INDEX plain_index ON %1 (_under, \"1st\", name)").arg(t);
    ddl << QStringLiteral("COMMENT ON TABLE %1 IS %2").arg(t, commented);
    ddl << QStringLiteral("COMMENT ON COLUMN %1.%2 IS %3").arg(t, q(columns[3]), commented);
    ddl << QStringLiteral("COMMENT ON CONSTRAINT %1 ON %2 IS %3").arg(q(check), t, commented);
    ddl << QStringLiteral("COMMENT ON INDEX %1.%2 IS %3").arg(q(schema), q(index), commented);
    ddl << QStringLiteral("COMMENT ON TYPE %1 IS %2").arg(e, commented);
    QCOMPARE(db.exec(ddl.join(QStringLiteral(";\n"))), QString());

    const Catalog c = introspectOrFail(db);
    QCOMPARE(namesOf(c.schemas), QStringList({schema, QStringLiteral("public")}));
    const Table& hostile = tableOf(c, schema, table);
    QCOMPARE(hostile.comment, comment);
    QStringList expectedColumns = columns;
    expectedColumns << QStringLiteral("_under") << QStringLiteral("1st") << QStringLiteral("name");
    QCOMPARE(namesOf(hostile.columns), expectedColumns);
    QCOMPARE(summary(*hostile.column(columns[3])),
             QStringLiteral("4 | %1 | %2.%3 | schema %4 | comment %5")
                 .arg(columns[3], q(schema), q(enumName), schema, comment));
    QCOMPARE(summaries(hostile.constraints),
             QStringList({QStringLiteral("%1 | check | %2 | check (%3 > 0) | comment %4")
                              .arg(check, columns[2], q(columns[2]), comment),
                          QStringLiteral("%1 | foreign key | %2,%3 | -> %4.%5(%2,%6) match SIMPLE "
                                         "update NO ACTION delete NO ACTION")
                              .arg(fk, columns[4], columns[0], schema, other, columns[5])}));
    QCOMPARE(summaries(hostile.indexes),
             QStringList({QStringLiteral("%1 | btree | %2 desc nulls first,%3 | include %4 | "
                                         "unique | comment %5")
                              .arg(index, columns[2], columns[0], columns[1], comment),
                          QStringLiteral("plain_index | btree | _under,1st,name")}));
    QCOMPARE(hostile.index(QStringLiteral("plain_index"))->definition,
             QStringLiteral("CREATE INDEX plain_index ON %1 USING btree (_under, \"1st\", name)")
                 .arg(t));
    QCOMPARE(c.enums.size(), size_t(1));
    QCOMPARE(c.enums[0].name, enumName);
    QCOMPARE(c.enums[0].labels, labels);
    QCOMPARE(c.enums[0].comment, comment);
    // Quoting in client-side definitions matches the server's, keywords included.
    compareDefinitionsWithServer(db, c);
}

void TestIntrospect::newerServerFeatures()
{
    const int major = test::cluster().major;
    if (major < 15)
        QSKIP("ON DELETE SET NULL (columns) needs PostgreSQL 15, the rest 18");
    TestDatabase db(QStringLiteral("introspect_newer"));
    QCOMPARE(db.exec(QStringLiteral(R"(
        CREATE TABLE parent (tenant int, id int, PRIMARY KEY (tenant, id));
        CREATE TABLE child (tenant int, parent_id int,
            CONSTRAINT child_parent_fk FOREIGN KEY (tenant, parent_id)
                REFERENCES parent (tenant, id) ON DELETE SET NULL (parent_id));
        )")),
             QString());
    if (major >= 18)
        QCOMPARE(db.exec(QStringLiteral(R"(
            CREATE EXTENSION btree_gist;
            CREATE TABLE booking (room int NOT NULL, during tstzrange,
                price int GENERATED ALWAYS AS (room * 2) VIRTUAL,
                CONSTRAINT booking_pk PRIMARY KEY (room, during WITHOUT OVERLAPS),
                CONSTRAINT booking_price CHECK (price > 0) NOT ENFORCED);
            CREATE TABLE booking_use (room int, during tstzrange,
                CONSTRAINT booking_use_fk FOREIGN KEY (room, PERIOD during)
                    REFERENCES booking (room, PERIOD during));
            ALTER TABLE booking_use ADD CONSTRAINT booking_use_tenant_fk
                FOREIGN KEY (room, room) REFERENCES parent (tenant, id) NOT ENFORCED;
            )")),
                 QString());

    const Catalog c = introspectOrFail(db);
    const Table& child = tableOf(c, QStringLiteral("public"), QStringLiteral("child"));
    QCOMPARE(child.constraints[0].definition,
             QStringLiteral("FOREIGN KEY (tenant, parent_id) REFERENCES public.parent(tenant, id) "
                            "ON DELETE SET NULL (parent_id)"));
    if (major >= 18) {
        // PostgreSQL 18 keeps NOT NULL as constraints too; the model has them as attnotnull.
        const Table& booking = tableOf(c, QStringLiteral("public"), QStringLiteral("booking"));
        QCOMPARE(summaries(booking.columns),
                 strings({"1 | room | integer | not null", "2 | during | tstzrange | not null",
                          "3 | price | integer | generated virtual | (room * 2)"}));
        QStringList definitions;
        const Table& use = tableOf(c, QStringLiteral("public"), QStringLiteral("booking_use"));
        for (const Table* t : {&booking, &use}) {
            for (const Constraint& k : t->constraints)
                definitions
                    << QStringLiteral("%1 %2: %3").arg(k.name).arg(k.enforced).arg(k.definition);
        }
        QCOMPARE(definitions, strings({"booking_pk 1: PRIMARY KEY (room, during WITHOUT OVERLAPS)",
                                       "booking_price 0: CHECK ((price > 0)) NOT ENFORCED",
                                       "booking_use_fk 1: FOREIGN KEY (room, PERIOD during) "
                                       "REFERENCES public.booking(room, PERIOD during)",
                                       "booking_use_tenant_fk 0: FOREIGN KEY (room, room) "
                                       "REFERENCES public.parent(tenant, id) NOT ENFORCED"}));
    }
    compareDefinitionsWithServer(db, c);
}

QTEST_GUILESS_MAIN(TestIntrospect)
#include "test_introspect.moc"
