// Planner recipes for constraints, indexes, types, sequences, views, routines, triggers and
// policies: catalogs built by hand (no database), diffed, planned, and every plan rendered as
// SQL and compared with a golden file under golden/objects/.
// BELLOWS_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing.

#include "catalog_builders.h"
#include "diff/differ.h"
#include "golden_file.h"
#include "lint/statement_class.h"
#include "plan/planner.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <functional>
#include <map>

using namespace bellows;
using namespace bellows::catalog;
using namespace bellows::plan;

using bellows::test::column;
using bellows::test::s;

namespace {

Index index(const char* name, const char* definition, std::vector<const char*> columns,
            bool unique = false)
{
    Index i;
    i.name = s(name);
    i.method = s("btree");
    i.definition = s(definition);
    i.unique = unique;
    for (const char* c : columns) {
        IndexKey k;
        k.column = s(c);
        i.keys.push_back(k);
    }
    return i;
}

Constraint constraint(const char* name, ConstraintKind kind, const char* definition,
                      std::vector<const char*> columns)
{
    Constraint k;
    k.name = s(name);
    k.kind = kind;
    k.definition = s(definition);
    for (const char* c : columns)
        k.columns << s(c);
    return k;
}

// users(id bigint PK, email text) and orders(id bigint PK, user_id bigint, total numeric),
// both populated, on PostgreSQL 15.
Catalog shop()
{
    Catalog c;
    c.server.versionNum = 150018;
    c.schemas = {{s("public"), {}}};
    c.enums = {{s("public"), s("mood"), {s("sad"), s("ok"), s("happy")}, {}}};

    Table users;
    users.schema = s("public");
    users.name = s("users");
    users.columns = {column("id", "bigint", true, 1), column("email", "text", true, 2)};
    Constraint usersPk =
        constraint("users_pkey", ConstraintKind::PrimaryKey, "PRIMARY KEY (id)", {"id"});
    usersPk.indexName = s("users_pkey");
    users.constraints = {usersPk};
    Index usersPkIndex =
        index("users_pkey", "CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)",
              {"id"}, true);
    usersPkIndex.primary = true;
    usersPkIndex.constraintName = s("users_pkey");
    users.indexes = {usersPkIndex};
    users.estimatedRows = 50000;
    users.totalBytes = 8 << 20;

    Table orders;
    orders.schema = s("public");
    orders.name = s("orders");
    orders.columns = {column("id", "bigint", true, 1), column("user_id", "bigint", true, 2),
                      column("total", "numeric", false, 3)};
    Constraint ordersPk =
        constraint("orders_pkey", ConstraintKind::PrimaryKey, "PRIMARY KEY (id)", {"id"});
    ordersPk.indexName = s("orders_pkey");
    orders.constraints = {ordersPk};
    Index ordersPkIndex =
        index("orders_pkey", "CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree (id)",
              {"id"}, true);
    ordersPkIndex.constraintName = s("orders_pkey");
    orders.indexes = {ordersPkIndex};
    orders.estimatedRows = 2000000;
    orders.totalBytes = qint64(400) << 20;

    View big;
    big.schema = s("public");
    big.name = s("big_orders");
    big.definition = s(" SELECT orders.id,\n    orders.total\n   FROM public.orders\n  WHERE "
                       "(orders.total > (100)::numeric);");
    big.columns = {column("id", "bigint", false, 1), column("total", "numeric", false, 2)};

    Function touch;
    touch.schema = s("public");
    touch.name = s("touch");
    touch.returns = s("trigger");
    touch.language = s("plpgsql");
    touch.definition = s("CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\n"
                         " LANGUAGE plpgsql\nAS $function$begin return new; end$function$\n");

    Sequence counter;
    counter.schema = s("public");
    counter.name = s("invoice_no");
    counter.dataType = s("integer");
    counter.maxValue = 2147483647;

    c.tables = {users, orders};
    c.views = {big};
    c.functions = {touch};
    c.sequences = {counter};
    return c;
}

Table& tableOf(Catalog& c, const char* name)
{
    for (Table& t : c.tables) {
        if (t.name == s(name))
            return t;
    }
    qFatal("no table %s", name);
}

using Edit = std::function<void(Catalog& database, Catalog& target)>;

const std::map<QString, Edit>& cases()
{
    static const std::map<QString, Edit> all = {
        {s("fk_populated"),
         [](Catalog&, Catalog& t) {
             Constraint fk = constraint("orders_user_id_fkey", ConstraintKind::ForeignKey,
                                        "FOREIGN KEY (user_id) REFERENCES public.users(id) ON "
                                        "DELETE CASCADE",
                                        {"user_id"});
             fk.refSchema = s("public");
             fk.refTable = s("users");
             fk.refColumns = {s("id")};
             fk.onDelete = s("CASCADE");
             fk.onUpdate = s("NO ACTION");
             fk.matchType = s("SIMPLE");
             tableOf(t, "orders").constraints.push_back(fk);
         }},
        {s("check_added"),
         [](Catalog&, Catalog& t) {
             Constraint ck = constraint("orders_total_check", ConstraintKind::Check,
                                        "CHECK ((total >= (0)::numeric))", {"total"});
             ck.comment = s("no negative totals");
             tableOf(t, "orders").constraints.push_back(ck);
         }},
        {s("unique_using_index"),
         [](Catalog&, Catalog& t) {
             Constraint u =
                 constraint("users_email_key", ConstraintKind::Unique, "UNIQUE (email)", {"email"});
             u.indexName = s("users_email_key");
             Index i = index("users_email_key",
                             "CREATE UNIQUE INDEX users_email_key ON public.users USING btree "
                             "(email)",
                             {"email"}, true);
             i.constraintName = s("users_email_key");
             tableOf(t, "users").constraints.push_back(u);
             tableOf(t, "users").indexes.push_back(i);
         }},
        {s("pk_using_index"),
         [](Catalog& d, Catalog& t) {
             for (Catalog* c : {&d, &t}) {
                 Table& o = tableOf(*c, "orders");
                 o.constraints.clear();
                 o.indexes.clear();
             }
             Constraint pk =
                 constraint("orders_pkey", ConstraintKind::PrimaryKey, "PRIMARY KEY (id)", {"id"});
             pk.indexName = s("orders_pkey");
             Index i = index("orders_pkey",
                             "CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree (id)",
                             {"id"}, true);
             i.constraintName = s("orders_pkey");
             tableOf(t, "orders").constraints.push_back(pk);
             tableOf(t, "orders").indexes.push_back(i);
         }},
        {s("pk_columns_changed"),
         // The key moves from (id) to (user_id, id): built concurrently, swapped in contract.
         [](Catalog&, Catalog& t) {
             Table& o = tableOf(t, "orders");
             o.constraints = {constraint("orders_pkey", ConstraintKind::PrimaryKey,
                                         "PRIMARY KEY (user_id, id)", {"user_id", "id"})};
             o.constraints[0].indexName = s("orders_pkey");
             Index i = index("orders_pkey",
                             "CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree "
                             "(user_id, id)",
                             {"user_id", "id"}, true);
             i.primary = true;
             i.constraintName = s("orders_pkey");
             o.indexes = {i};
         }},
        {s("pk_columns_changed_with_fk"),
         // order_lines' foreign key follows orders' key from (id) to (user_id, id).
         [](Catalog& d, Catalog& t) {
             for (Catalog* c : {&d, &t}) {
                 Table lines;
                 lines.schema = s("public");
                 lines.name = s("order_lines");
                 lines.columns = {column("id", "bigint", true, 1),
                                  column("order_id", "bigint", true, 2),
                                  column("user_id", "bigint", true, 3)};
                 lines.estimatedRows = 10000;
                 const bool target = c == &t;
                 Constraint fk = constraint(
                     "order_lines_order_fkey", ConstraintKind::ForeignKey,
                     target ? "FOREIGN KEY (user_id, order_id) REFERENCES public.orders(user_id, "
                              "id)"
                            : "FOREIGN KEY (order_id) REFERENCES public.orders(id)",
                     target ? std::vector<const char*>{"user_id", "order_id"}
                            : std::vector<const char*>{"order_id"});
                 fk.refSchema = s("public");
                 fk.refTable = s("orders");
                 fk.refColumns = target ? QStringList{s("user_id"), s("id")} : QStringList{s("id")};
                 lines.constraints = {fk};
                 lines.indexes = {index("order_lines_order_idx",
                                        "CREATE INDEX order_lines_order_idx ON public.order_lines "
                                        "USING btree (user_id, order_id)",
                                        {"user_id", "order_id"})};
                 c->tables.push_back(lines);
             }
             Table& o = tableOf(t, "orders");
             o.constraints = {constraint("orders_pkey", ConstraintKind::PrimaryKey,
                                         "PRIMARY KEY (user_id, id)", {"user_id", "id"})};
             o.constraints[0].indexName = s("orders_pkey");
             Index i = index("orders_pkey",
                             "CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree "
                             "(user_id, id)",
                             {"user_id", "id"}, true);
             i.primary = true;
             i.constraintName = s("orders_pkey");
             o.indexes = {i};
         }},
        {s("pk_dropped_column_nullable"),
         // As synapse's events: the key goes and its column may hold NULL. PostgreSQL refuses
         // DROP NOT NULL on a key column, so that step follows the key's drop.
         [](Catalog&, Catalog& t) {
             Table& o = tableOf(t, "orders");
             o.constraints.clear();
             o.indexes.clear();
             o.columns[0].notNull = false;
         }},
        {s("unique_columns_changed"),
         // users_email_key moves from (email) to (email, id).
         [](Catalog& d, Catalog& t) {
             for (Catalog* c : {&d, &t}) {
                 const bool target = c == &t;
                 Constraint u = constraint("users_email_key", ConstraintKind::Unique,
                                           target ? "UNIQUE (email, id)" : "UNIQUE (email)",
                                           target ? std::vector<const char*>{"email", "id"}
                                                  : std::vector<const char*>{"email"});
                 u.indexName = s("users_email_key");
                 Index i = index("users_email_key",
                                 target ? "CREATE UNIQUE INDEX users_email_key ON public.users "
                                          "USING btree (email, id)"
                                        : "CREATE UNIQUE INDEX users_email_key ON public.users "
                                          "USING btree (email)",
                                 target ? std::vector<const char*>{"email", "id"}
                                        : std::vector<const char*>{"email"},
                                 true);
                 i.constraintName = s("users_email_key");
                 tableOf(*c, "users").constraints.push_back(u);
                 tableOf(*c, "users").indexes.push_back(i);
             }
         }},
        {s("pk_nullable_column"),
         [](Catalog& d, Catalog& t) {
             for (Catalog* c : {&d, &t}) {
                 Table& o = tableOf(*c, "orders");
                 o.constraints.clear();
                 o.indexes.clear();
             }
             tableOf(d, "orders").columns[0].notNull = false;
             Constraint pk =
                 constraint("orders_pkey", ConstraintKind::PrimaryKey, "PRIMARY KEY (id)", {"id"});
             pk.indexName = s("orders_pkey");
             tableOf(t, "orders").constraints.push_back(pk);
         }},
        {s("exclusion_blocking"),
         [](Catalog&, Catalog& t) {
             tableOf(t, "orders")
                 .constraints.push_back(constraint("orders_user_excl", ConstraintKind::Exclusion,
                                                   "EXCLUDE USING btree (user_id WITH =)",
                                                   {"user_id"}));
         }},
        {s("constraint_dropped"),
         [](Catalog& d, Catalog&) {
             Constraint fk =
                 constraint("orders_user_id_fkey", ConstraintKind::ForeignKey,
                            "FOREIGN KEY (user_id) REFERENCES public.users(id)", {"user_id"});
             fk.refSchema = s("public");
             fk.refTable = s("users");
             fk.refColumns = {s("id")};
             tableOf(d, "orders").constraints.push_back(fk);
             Constraint u =
                 constraint("users_email_key", ConstraintKind::Unique, "UNIQUE (email)", {"email"});
             tableOf(d, "users").constraints.push_back(u);
         }},
        {s("check_changed"),
         [](Catalog& d, Catalog& t) {
             tableOf(d, "orders")
                 .constraints.push_back(constraint("orders_total_check", ConstraintKind::Check,
                                                   "CHECK ((total >= (0)::numeric))", {"total"}));
             tableOf(t, "orders")
                 .constraints.push_back(constraint("orders_total_check", ConstraintKind::Check,
                                                   "CHECK ((total > (0)::numeric))", {"total"}));
         }},
        {s("index_created"),
         [](Catalog&, Catalog& t) {
             Table& o = tableOf(t, "orders");
             o.indexes.push_back(index("orders_user_id_idx",
                                       "CREATE INDEX orders_user_id_idx ON public.orders USING "
                                       "btree (user_id)",
                                       {"user_id"}));
             Index partial = index("orders_big_idx",
                                   "CREATE INDEX orders_big_idx ON public.orders USING btree "
                                   "(total) WHERE (total > (100)::numeric)",
                                   {"total"});
             partial.predicate = s("(total > (100)::numeric)");
             partial.comment = s("big orders only");
             o.indexes.push_back(partial);
             Index expr = index("users_lower_email_key",
                                "CREATE UNIQUE INDEX users_lower_email_key ON public.users USING "
                                "btree (lower(email))",
                                {}, true);
             tableOf(t, "users").indexes.push_back(expr);
         }},
        {s("index_dropped"),
         [](Catalog& d, Catalog&) {
             tableOf(d, "orders")
                 .indexes.push_back(
                     index("orders_total_idx",
                           "CREATE INDEX orders_total_idx ON public.orders USING btree (total)",
                           {"total"}));
         }},
        {s("index_replaced"),
         [](Catalog& d, Catalog& t) {
             tableOf(d, "orders")
                 .indexes.push_back(
                     index("orders_user_idx",
                           "CREATE INDEX orders_user_idx ON public.orders USING btree (user_id)",
                           {"user_id"}));
             tableOf(t, "orders")
                 .indexes.push_back(
                     index("orders_user_idx",
                           "CREATE INDEX orders_user_idx ON public.orders USING btree (user_id, "
                           "total)",
                           {"user_id", "total"}));
         }},
        {s("enum_labels_added"),
         [](Catalog&, Catalog& t) {
             t.enums[0].labels = {s("sad"), s("meh"), s("ok"), s("happy"), s("ecstatic")};
         }},
        {s("enum_label_removed"),
         [](Catalog&, Catalog& t) {
             t.enums[0].labels = {s("sad"), s("happy")};
         }},
        {s("enum_label_renamed"),
         [](Catalog&, Catalog& t) {
             t.enums[0].labels = {s("sad"), s("fine"), s("happy")};
         }},
        {s("view_added"),
         [](Catalog&, Catalog& t) {
             View v;
             v.schema = s("public");
             v.name = s("user_emails");
             v.definition = s(" SELECT users.email\n   FROM public.users;");
             v.columns = {column("email", "text", false, 1)};
             v.comment = s("for the mailer");
             t.views.push_back(v);
         }},
        {s("view_appended"),
         [](Catalog&, Catalog& t) {
             View& v = t.views[0];
             v.definition = s(" SELECT orders.id,\n    orders.total,\n    orders.user_id\n   "
                              "FROM public.orders\n  WHERE (orders.total > (100)::numeric);");
             v.columns.push_back(column("user_id", "bigint", false, 3));
         }},
        {s("view_column_changed"),
         [](Catalog&, Catalog& t) {
             View& v = t.views[0];
             v.definition = s(" SELECT orders.id,\n    orders.user_id\n   FROM public.orders\n "
                              " WHERE (orders.total > (100)::numeric);");
             v.columns = {column("id", "bigint", false, 1), column("user_id", "bigint", false, 2)};
         }},
        {s("view_dropped"), [](Catalog&, Catalog& t) { t.views.clear(); }},
        {s("function_changed"),
         [](Catalog&, Catalog& t) {
             t.functions[0].definition =
                 s("CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\n LANGUAGE "
                   "plpgsql\nAS $function$begin new.total := coalesce(new.total, 0); return new; "
                   "end$function$\n");
         }},
        {s("trigger_added"),
         [](Catalog&, Catalog& t) {
             Function audit = t.functions[0];
             audit.name = s("audit");
             audit.definition = s("CREATE OR REPLACE FUNCTION public.audit()\n RETURNS trigger\n"
                                  " LANGUAGE plpgsql\nAS $function$begin return new; "
                                  "end$function$\n");
             t.functions.push_back(audit);
             Trigger trg;
             trg.name = s("orders_audit");
             trg.function = s("public.audit");
             trg.definition = s("CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE ON "
                                "public.orders FOR EACH ROW EXECUTE FUNCTION public.audit()");
             tableOf(t, "orders").triggers.push_back(trg);
         }},
        {s("trigger_dropped"),
         [](Catalog& d, Catalog&) {
             Trigger trg;
             trg.name = s("orders_touch");
             trg.function = s("public.touch");
             trg.definition = s("CREATE TRIGGER orders_touch BEFORE UPDATE ON public.orders FOR "
                                "EACH ROW EXECUTE FUNCTION public.touch()");
             tableOf(d, "orders").triggers.push_back(trg);
         }},
        {s("comments"),
         [](Catalog& d, Catalog& t) {
             Index i = index("orders_total_idx",
                             "CREATE INDEX orders_total_idx ON public.orders USING btree (total)",
                             {"total"});
             tableOf(d, "orders").indexes.push_back(i);
             i.comment = s("for reports");
             tableOf(t, "orders").indexes.push_back(i);
             t.enums[0].comment = s("how it's going");
             t.views[0].comment = s("orders over 100");
             t.functions[0].comment = s("sets updated_at");
             t.sequences[0].comment = s("invoice numbers");
             tableOf(t, "users").constraints[0].comment = s("identity");
         }},
        {s("sequence_changed"),
         [](Catalog&, Catalog& t) {
             Sequence& q = t.sequences[0];
             q.dataType = s("bigint");
             q.maxValue = 9223372036854775807LL;
             q.increment = 10;
             q.ownedBySchema = s("public");
             q.ownedByTable = s("orders");
             q.ownedByColumn = s("id");
         }},
        {s("matview_changed"),
         [](Catalog& d, Catalog& t) {
             View m;
             m.schema = s("public");
             m.name = s("order_totals");
             m.materialized = true;
             m.definition = s(" SELECT orders.user_id,\n    sum(orders.total) AS total\n   FROM "
                              "public.orders\n  GROUP BY orders.user_id;");
             m.columns = {column("user_id", "bigint", false, 1),
                          column("total", "numeric", false, 2)};
             m.indexes = {index("order_totals_user_idx",
                                "CREATE UNIQUE INDEX order_totals_user_idx ON public.order_totals "
                                "USING btree (user_id)",
                                {"user_id"}, true)};
             d.views.push_back(m);
             m.definition = s(" SELECT orders.user_id,\n    sum(orders.total) AS total,\n    "
                              "count(*) AS n\n   FROM public.orders\n  GROUP BY orders.user_id;");
             m.columns.push_back(column("n", "bigint", false, 3));
             t.views.push_back(m);
         }},
        {s("trigger_changed"),
         [](Catalog& d, Catalog& t) {
             Trigger trg;
             trg.name = s("orders_touch");
             trg.function = s("public.touch");
             trg.definition = s("CREATE TRIGGER orders_touch BEFORE UPDATE ON public.orders FOR "
                                "EACH ROW EXECUTE FUNCTION public.touch()");
             tableOf(d, "orders").triggers.push_back(trg);
             trg.definition = s("CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON "
                                "public.orders FOR EACH ROW EXECUTE FUNCTION public.touch()");
             trg.enabled = 'D';
             tableOf(t, "orders").triggers.push_back(trg);
         }},
        {s("policy_changed"),
         [](Catalog& d, Catalog& t) {
             Policy own;
             own.name = s("own_orders");
             own.command = s("SELECT");
             own.roles = {s("app_user")};
             own.usingExpr = s("(user_id = (current_setting('app.user_id'::text))::bigint)");
             tableOf(d, "orders").policies.push_back(own);
             own.roles = {s("app_user"), s("public")};
             own.withCheckExpr.clear();
             own.usingExpr = s("(user_id > 0)");
             tableOf(t, "orders").policies.push_back(own);
             Policy gone = own;
             gone.name = s("all_orders");
             gone.command = s("ALL");
             tableOf(d, "orders").policies.push_back(gone);
             for (Catalog* c : {&d, &t})
                 tableOf(*c, "orders").rlsEnabled = true;
         }},
        {s("domain_check_used"),
         [](Catalog& d, Catalog& t) {
             Domain posint;
             posint.schema = s("public");
             posint.name = s("posint");
             posint.baseType = s("integer");
             Column qty = column("qty", "posint", false, 4);
             qty.typeSchema = s("public");
             for (Catalog* c : {&d, &t}) {
                 c->domains.push_back(posint);
                 tableOf(*c, "orders").columns.push_back(qty);
             }
             t.domains[0].checks = {{s("posint_check"), s("CHECK (VALUE > 0)"), true}};
             t.domains[0].defaultExpr = s("1");
         }},
        {s("objects_dropped"),
         [](Catalog& d, Catalog& t) {
             d.schemas.push_back({s("audit"), {}});
             d.extensions.push_back({s("pgcrypto"), s("public"), s("1.3"), {}});
             Domain posint;
             posint.schema = s("public");
             posint.name = s("posint");
             posint.baseType = s("integer");
             d.domains.push_back(posint);
             d.enums.push_back({s("public"), s("colour"), {s("red"), s("green")}, {}});
             Function f = d.functions[0];
             f.name = s("add_one");
             f.identityArguments = s("x integer");
             f.returns = s("integer");
             f.language = s("sql");
             f.definition = s("CREATE OR REPLACE FUNCTION public.add_one(x integer)\n RETURNS "
                              "integer\n LANGUAGE sql\nAS $function$select x + 1$function$\n");
             d.functions.push_back(f);
             t.sequences.clear();
         }},
        {s("misc_objects"),
         [](Catalog&, Catalog& t) {
             t.schemas.push_back({s("audit"), s("audit trail")});
             t.extensions.push_back({s("pgcrypto"), s("public"), s("1.3"), {}});
             Domain d;
             d.schema = s("public");
             d.name = s("posint");
             d.baseType = s("integer");
             d.checks = {{s("posint_check"), s("CHECK (VALUE > 0)"), true}};
             t.domains.push_back(d);
             t.compositeTypes.push_back(
                 {s("public"),
                  s("address"),
                  {{s("street"), s("text"), {}}, {s("city"), s("text"), s("C")}},
                  {}});
             Policy own;
             own.name = s("own_orders");
             own.command = s("SELECT");
             own.roles = {s("app_user")};
             own.usingExpr = s("(user_id = (current_setting('app.user_id'::text))::bigint)");
             tableOf(t, "orders").policies.push_back(own);
             Sequence ticket;
             ticket.schema = s("public");
             ticket.name = s("ticket_no");
             ticket.dataType = s("bigint");
             ticket.start = 1000;
             ticket.maxValue = 9223372036854775807LL;
             ticket.cache = 20;
             ticket.ownedBySchema = s("public");
             ticket.ownedByTable = s("orders");
             ticket.ownedByColumn = s("id");
             t.sequences.push_back(ticket);
         }},
    };
    return all;
}

struct Planned {
    Catalog database;
    Catalog target;
    Plan plan;
};

Planned planFor(const QString& name)
{
    Planned p{shop(), shop(), {}};
    cases().at(name)(p.database, p.target);
    auto changes = diff::diff(p.database, p.target);
    if (!changes.ok())
        qFatal("diff failed: %s", qPrintable(changes.error().message));
    p.plan = buildPlan(p.database, p.target, *changes, {});
    return p;
}

QString render(const Plan& plan)
{
    QStringList out;
    for (const Finding& f : plan.findings) {
        out << QStringLiteral("-- finding (%1, %2): %3 — %4")
                   .arg(toString(f.severity), f.referenceRow, f.title, f.object);
    }
    for (const Step& st : plan.steps) {
        out << QString();
        out << QStringLiteral("-- step: ") + st.id;
        out << QStringLiteral("-- phase: %1 (%2) — %3")
                   .arg(toString(st.phase), st.referenceRow, st.title);
        QStringList locks;
        for (const Lock& l : st.locks)
            locks << QStringLiteral("%1 %2%3").arg(
                shortName(l.mode), l.relation, l.brief ? QStringLiteral(" (brief)") : QString());
        out << QStringLiteral("-- locks: ") + locks.join(QStringLiteral(", ")) +
                   QStringLiteral("; work: ") + toString(st.work);
        QStringList hazards;
        for (const Hazard& h : st.hazards)
            hazards << toString(h.kind);
        if (!hazards.isEmpty())
            out << QStringLiteral("-- hazards: ") + hazards.join(QStringLiteral(", "));
        if (!st.dependsOn.isEmpty())
            out << QStringLiteral("-- depends on: ") + st.dependsOn.join(QStringLiteral(", "));
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

bool isLive(const Catalog& database, const QString& relation)
{
    for (const Table& t : database.tables) {
        if (QStringLiteral("public.") + t.name == relation)
            return true;
    }
    for (const View& v : database.views) {
        if (QStringLiteral("public.") + v.name == relation)
            return true;
    }
    return false;
}

} // namespace

class TestPlannerObjects : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void golden_data();
    void golden();
    void lockRule_data() { golden_data(); }
    void lockRule();
    void concurrentStepsOutsideTransaction();
    void stepIdsUnique();
    void newTableSkipsConstraintsAndIndexes();
    void enumAddBefore12OutsideTransaction();
    void concurrentIndexRefusedOn14Before4();
    void renamedTableKeepsSubObjectRecipes();
    void foreignKeyWaitsForNewParent();
    void longIndexNamesSharingAPrefixGetDistinctCopies();
};

void TestPlannerObjects::golden_data()
{
    QTest::addColumn<QString>("name");
    for (const auto& [name, edit] : cases())
        QTest::newRow(qPrintable(name)) << name;
}

void TestPlannerObjects::golden()
{
    QFETCH(QString, name);
    const QString actual = render(planFor(name).plan);
    const QString path =
        QStringLiteral(BELLOWS_GOLDEN_DIR "/objects/") + name + QStringLiteral(".sql");
    QString message;
    QVERIFY2(bellows::test::matchesGolden(path, actual, &message), qPrintable(message));
}

// No step holds ACCESS EXCLUSIVE beyond a catalog update, nor SHARE / SHARE ROW EXCLUSIVE /
// EXCLUSIVE for long, on a relation that exists, unless a Blocking finding says so.
void TestPlannerObjects::lockRule()
{
    QFETCH(QString, name);
    const Planned p = planFor(name);
    QVERIFY2(!p.plan.steps.empty() || !p.plan.findings.empty(), qPrintable(name));
    for (const Step& st : p.plan.steps) {
        for (const Lock& l : st.locks) {
            const bool strong = l.mode == LockMode::AccessExclusive || l.mode == LockMode::Share ||
                                l.mode == LockMode::ShareRowExclusive ||
                                l.mode == LockMode::Exclusive;
            if (strong && !l.brief && isLive(p.database, l.relation))
                QVERIFY2(p.plan.hasBlockingFindings(), qPrintable(st.id));
        }
        QVERIFY2(!st.sql.isEmpty(), qPrintable(st.id));
        QVERIFY2(st.isReversible() || !st.irreversibleReason.isEmpty(), qPrintable(st.id));
        QVERIFY2(!st.referenceRow.isEmpty(), qPrintable(st.id));
    }
}

void TestPlannerObjects::concurrentStepsOutsideTransaction()
{
    for (const auto& [name, edit] : cases()) {
        for (const Step& st : planFor(name).plan.steps) {
            if (!st.sql.contains(QStringLiteral("CONCURRENTLY")))
                continue;
            QVERIFY2(st.outsideTransaction, qPrintable(st.id));
            QCOMPARE(st.lockTimeoutMs, 0);
            QVERIFY2(!st.sql.contains(QLatin1Char('\n')), qPrintable(st.id));
        }
    }
}

void TestPlannerObjects::stepIdsUnique()
{
    for (const auto& [name, edit] : cases()) {
        QSet<QString> ids;
        for (const Step& st : planFor(name).plan.steps) {
            QVERIFY2(!ids.contains(st.id), qPrintable(st.id));
            ids.insert(st.id);
        }
    }
}

void TestPlannerObjects::newTableSkipsConstraintsAndIndexes()
{
    Catalog database = shop();
    Catalog target = shop();
    Table items;
    items.schema = s("public");
    items.name = s("items");
    items.columns = {column("id", "bigint", true, 1), column("order_id", "bigint", true, 2)};
    items.indexes = {index("items_order_idx",
                           "CREATE INDEX items_order_idx ON public.items USING btree (order_id)",
                           {"order_id"})};
    target.tables.push_back(items);
    auto changes = diff::diff(database, target);
    QVERIFY(changes.ok());
    const Plan plan = buildPlan(database, target, *changes, {});
    for (const Step& st : plan.steps)
        QVERIFY2(!st.sql.contains(QStringLiteral("CONCURRENTLY")), qPrintable(st.id));
}

void TestPlannerObjects::enumAddBefore12OutsideTransaction()
{
    Catalog database = shop();
    database.server.versionNum = 110022;
    Catalog target = database;
    target.enums[0].labels << s("ecstatic");
    auto changes = diff::diff(database, target);
    QVERIFY(changes.ok());
    const Plan plan = buildPlan(database, target, *changes, {});
    QCOMPARE(plan.steps.size(), size_t(1));
    QVERIFY(plan.steps[0].outsideTransaction);
    QCOMPARE(plan.steps[0].sql,
             s("ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'ecstatic' AFTER 'happy';"));
}

// 14.0 to 14.3 can build an index with CONCURRENTLY that misses rows: refused there, with the
// upgrade as the way out; 14.4 plans the same change.
void TestPlannerObjects::concurrentIndexRefusedOn14Before4()
{
    for (const int version : {140002, 140004}) {
        Catalog database = shop();
        database.server.versionNum = version;
        Catalog target = database;
        tableOf(target, "orders")
            .indexes.push_back(index(
                "orders_total_idx",
                "CREATE INDEX orders_total_idx ON public.orders USING btree (total)", {"total"}));
        auto changes = diff::diff(database, target);
        QVERIFY(changes.ok());
        const Plan plan = buildPlan(database, target, *changes, {});
        const bool refused =
            std::any_of(plan.findings.begin(), plan.findings.end(), [](const auto& f) {
                return f.severity == Finding::Severity::Blocking &&
                       f.title.contains(QStringLiteral("PostgreSQL 14.2")) &&
                       f.options.join(QLatin1Char(' ')).contains(QStringLiteral("14.4"));
            });
        QCOMPARE(refused, version == 140002);
    }
}

// Sub-objects of a renamed table are planned on the live table (found under its old name).
void TestPlannerObjects::renamedTableKeepsSubObjectRecipes()
{
    Catalog database = shop();
    Catalog target = shop();
    Table& orders = tableOf(target, "orders");
    orders.name = s("purchases");
    orders.constraints[0].name = s("purchases_pkey");
    orders.indexes[0].name = s("purchases_pkey");
    orders.indexes[0].definition =
        s("CREATE UNIQUE INDEX purchases_pkey ON public.purchases USING btree (id)");
    orders.indexes.push_back(index("purchases_total_idx",
                                   "CREATE INDEX purchases_total_idx ON public.purchases USING "
                                   "btree (total)",
                                   {"total"}));
    target.views.clear();
    diff::DiffOptions options;
    options.renames = {{s("public"), s("orders"), {}, s("purchases")}};
    auto changes = diff::diff(database, target, options);
    QVERIFY2(changes.ok(), qPrintable(changes.ok() ? QString() : changes.error().message));
    const Plan plan = buildPlan(database, target, *changes, {});
    bool built = false;
    for (const Step& st : plan.steps) {
        built = built || st.sql == s("CREATE INDEX CONCURRENTLY IF NOT EXISTS purchases_total_idx "
                                     "ON public.purchases USING btree (total);");
    }
    QVERIFY(built);
}

// A foreign key to a table created by the same plan comes after the CREATE TABLE.
void TestPlannerObjects::foreignKeyWaitsForNewParent()
{
    Catalog database = shop();
    Catalog target = shop();
    Table accounts;
    accounts.schema = s("public");
    accounts.name = s("accounts");
    accounts.columns = {column("id", "bigint", true, 1)};
    target.tables.push_back(accounts);
    Constraint fk = constraint("orders_user_id_fkey", ConstraintKind::ForeignKey,
                               "FOREIGN KEY (user_id) REFERENCES public.accounts(id)", {"user_id"});
    fk.refSchema = s("public");
    fk.refTable = s("accounts");
    fk.refColumns = {s("id")};
    tableOf(target, "orders").constraints.push_back(fk);
    auto changes = diff::diff(database, target);
    QVERIFY(changes.ok());
    const Plan plan = buildPlan(database, target, *changes, {});
    qsizetype create = -1;
    qsizetype add = -1;
    for (size_t i = 0; i < plan.steps.size(); ++i) {
        if (plan.steps[i].sql.startsWith(QStringLiteral("CREATE TABLE public.accounts")))
            create = qsizetype(i);
        if (plan.steps[i].id == s("expand:add-fk:public.orders.orders_user_id_fkey"))
            add = qsizetype(i);
    }
    QVERIFY(create >= 0);
    QVERIFY(add > create);
}

// Two 63-byte index names that differ only in their last character, both rebuilt: each copy is
// built under a name of its own (a hash keeps them apart when the suffix forces a cut).
void TestPlannerObjects::longIndexNamesSharingAPrefixGetDistinctCopies()
{
    Catalog database = shop();
    const QString prefix = QString(60, QLatin1Char('x')) + QStringLiteral("_e");
    for (const QString& last : {QStringLiteral("1"), QStringLiteral("2")}) {
        Index i = index("", "", {"email"});
        i.name = prefix + last;
        i.definition =
            QStringLiteral("CREATE INDEX %1 ON public.users USING btree (email)").arg(i.name);
        tableOf(database, "users").indexes.push_back(i);
    }
    Catalog target = database;
    for (Index& i : tableOf(target, "users").indexes)
        if (i.name.startsWith(prefix))
            i.definition.replace(QStringLiteral("btree (email)"),
                                 QStringLiteral("btree (lower(email))"));
    auto changes = diff::diff(database, target);
    QVERIFY(changes.ok());
    const Plan plan = buildPlan(database, target, *changes, {});
    QStringList copies;
    for (const Step& st : plan.steps) {
        if (!st.id.contains(QStringLiteral(":build-index:")))
            continue;
        const lint::StatementClass built = lint::classifyStatement(st.sql);
        QVERIFY(built.concurrent == lint::StatementClass::Concurrent::CreateIndex);
        QVERIFY2(built.index.name.toUtf8().size() <= 63, qPrintable(built.index.name));
        copies << built.index.name;
    }
    QCOMPARE(copies.size(), 2);
    QVERIFY2(copies[0] != copies[1], qPrintable(copies.join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(TestPlannerObjects)
#include "test_planner_objects.moc"
