// Privileges and owners without a database: aclitem parsing and normalisation, the GRANT /
// REVOKE text, the differ's "owner" / "privileges" attributes and default privileges, and the
// planner's phases and refusals.

#include "catalog/acl.h"
#include "catalog/privilege_sql.h"
#include "catalog_builders.h"
#include "diff/differ.h"
#include "plan/planner.h"

#include <QTest>

using namespace bellows;
using namespace bellows::catalog;

using bellows::test::column;
using bellows::test::s;
using bellows::test::table;

namespace {

// A catalog as the introspector leaves it on PostgreSQL 15: acldefault's letters, the roles.
Catalog server(const char* implicitRole)
{
    Catalog c;
    c.server.versionNum = 150018;
    c.server.bootstrapRole = s("postgres");
    c.server.roles = {s("postgres"), s("app"), s("reader"), s("loader")};
    c.server.aclDefaults = {{'r', s("arwdDxt"), {}},
                            {'s', s("rwU"), {}},
                            {'f', s("X"), s("X")},
                            {'n', s("UC"), {}},
                            {'T', s("U"), s("U")}};
    c.implicitRole = s(implicitRole);
    return c;
}

Acl acl(std::initializer_list<const char*> items, const char* owner, const char* ownerDefault)
{
    QStringList texts;
    for (const char* item : items)
        texts << s(item);
    return normaliseAcl(texts, s(owner), s(ownerDefault));
}

Table ledger(const char* owner, Acl privileges)
{
    Table t =
        table("public", "ledger", {column("id", "integer", true), column("amount", "numeric")});
    t.owner = s(owner);
    t.acl = std::move(privileges);
    return t;
}

const diff::Change* findChange(const diff::ChangeSet& changes, diff::ObjectKind kind)
{
    for (const diff::Change& c : changes.changes)
        if (c.kind == kind)
            return &c;
    return nullptr;
}

plan::Plan planFor(const Catalog& db, const Catalog& tgt)
{
    auto changes = diff::diff(db, tgt);
    return plan::buildPlan(db, tgt, *changes, {}, {});
}

} // namespace

class TestPrivileges : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesAclItems()
    {
        auto item = parseAclItem(s("app=r*w/postgres"));
        QVERIFY(item);
        QCOMPARE(item->grantee, s("app"));
        QCOMPARE(item->grantor, s("postgres"));
        QCOMPARE(item->privileges, s("rw"));
        QCOMPARE(item->grantable, s("r"));

        item = parseAclItem(s("=X/owner"));
        QVERIFY(item);
        QCOMPARE(item->grantee, QString()); // PUBLIC
        QCOMPARE(item->privileges, s("X"));

        item = parseAclItem(s("\"my \"\"role\"\"\"=arwdDxt/\"Boss\""));
        QVERIFY(item);
        QCOMPARE(item->grantee, s("my \"role\""));
        QCOMPARE(item->grantor, s("Boss"));
        QCOMPARE(item->privileges, s("arwdDxt"));

        QVERIFY(!parseAclItem(s("app=r")));          // no grantor
        QVERIFY(!parseAclItem(s("app=q/postgres"))); // unknown letter
        QVERIFY(!parseAclItem(s("\"app=r/postgres")));
    }

    void normalisesAcls()
    {
        // The owner's default entry is implicit; the grantor does not count; grantors merge.
        const Acl a = acl({"postgres=arwdDxt/postgres", "app=r/postgres", "app=w/reader"},
                          "postgres", "arwdDxt");
        QCOMPARE(a.size(), size_t(1));
        QCOMPARE(a[0].grantee, s("app"));
        QCOMPARE(a[0].privileges, s("rw"));
        // The same intent under another owner and grantor compares equal.
        QCOMPARE(a, acl({"loader=arwdDxt/loader", "app=rw/loader"}, "loader", "arwdDxt"));
        // acldefault itself (a NULL ACL) is no grant at all.
        QCOMPARE(acl({"postgres=arwdDxt/postgres"}, "postgres", "arwdDxt"), Acl{});
        // An owner that revoked some of its own rights keeps an entry.
        QCOMPARE(acl({"postgres=arwd/postgres"}, "postgres", "arwdDxt").size(), size_t(1));
        // PUBLIC's EXECUTE on a function is a grant like any other.
        const Acl f = acl({"=X/postgres", "postgres=X/postgres"}, "postgres", "X");
        QCOMPARE(aclText(f), s("PUBLIC=X"));
        // Dependent grants are remembered on their grantor.
        const Acl chain =
            acl({"postgres=arwdDxt/postgres", "app=r*/postgres", "=r/app"}, "postgres", "arwdDxt");
        QCOMPARE(findGrantee(chain, s("app"))->grantedOnward, s("r"));
        QCOMPARE(aclText(chain), s("PUBLIC=r, app=r*"));
    }

    void buildsGrantAndRevokeText()
    {
        const Acl from = acl({"app=r/o"}, "o", "arwdDxt");
        const Acl to = acl({"app=r*aw/o", "=r/o"}, "o", "arwdDxt");
        QCOMPARE(privsql::widen(s("TABLE public.t"), from, to),
                 QStringList({s("GRANT INSERT, UPDATE ON TABLE public.t TO app;"),
                              s("GRANT SELECT ON TABLE public.t TO app WITH GRANT OPTION;"),
                              s("GRANT SELECT ON TABLE public.t TO PUBLIC;")}));
        QCOMPARE(privsql::narrow(s("TABLE public.t"), to, from),
                 QStringList({s("REVOKE SELECT ON TABLE public.t FROM PUBLIC;"),
                              s("REVOKE INSERT, UPDATE ON TABLE public.t FROM app;"),
                              s("REVOKE GRANT OPTION FOR SELECT ON TABLE public.t FROM app;")}));
        QCOMPARE(privsql::grantsOf(s("TABLE t"), acl({"Odd Role=w/o"}, "o", ""), s("amount")),
                 QStringList{s("GRANT UPDATE (amount) ON TABLE t TO \"Odd Role\";")});
        DefaultAcl none;
        none.schema = s("public");
        DefaultAcl reader = none;
        reader.role = s("app");
        none.role = s("app");
        reader.acl = acl({"reader=r/app"}, "app", "");
        QCOMPARE(privsql::widenDefaults(none, reader),
                 QStringList{s("ALTER DEFAULT PRIVILEGES FOR ROLE app IN SCHEMA public GRANT "
                               "SELECT ON TABLES TO reader;")});
        QVERIFY(privsql::narrow(s("TABLE t"), from, to).isEmpty());
        QVERIFY(!privsql::widen(s("x"), from, to).join(QLatin1Char(' ')).contains(s("CASCADE")));
    }

    void differReportsPrivilegesAndExplicitOwnersOnly()
    {
        Catalog db = server("postgres");
        Catalog tgt = server("loader");
        db.tables = {ledger("postgres", acl({"app=r/postgres"}, "postgres", "arwdDxt"))};
        // Owned by the loading role: the target names no owner, so none is compared.
        tgt.tables = {ledger("loader", acl({"app=r/loader"}, "loader", "arwdDxt"))};
        QVERIFY(diff::diff(db, tgt)->isEmpty());

        tgt.tables[0].acl = acl({"app=rw/loader"}, "loader", "arwdDxt");
        tgt.tables[0].columns[1].acl = acl({"reader=r/loader"}, "loader", "");
        tgt.tables[0].owner = s("app");
        auto changes = diff::diff(db, tgt);
        const diff::Change* t = findChange(*changes, diff::ObjectKind::Table);
        QVERIFY(t);
        QCOMPARE(t->attribute(s("owner"))->to, s("app"));
        QCOMPARE(t->attribute(s("privileges"))->from, s("app=r"));
        QCOMPARE(t->attribute(s("privileges"))->to, s("app=rw"));
        const diff::Change* c = findChange(*changes, diff::ObjectKind::Column);
        QVERIFY(c && c->attribute(s("privileges")));

        // A target whose privilege statements the shadow refused: nothing is compared.
        tgt.privilegesKnown = false;
        tgt.privilegeNotes = {s("owners and privileges not compared")};
        changes = diff::diff(db, tgt);
        QVERIFY(changes->isEmpty());
        QVERIFY(changes->notes.contains(s("owners and privileges not compared")));
    }

    void differComparesDefaultPrivileges()
    {
        Catalog db = server("postgres");
        Catalog tgt = server("loader");
        // The loading role's global "REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC" against none live.
        DefaultAcl revoked;
        revoked.role = s("loader");
        revoked.objectType = 'f';
        revoked.acl = acl({"loader=X/loader"}, "loader", "X");
        tgt.defaultAcls = {revoked};
        auto changes = diff::diff(db, tgt);
        const diff::Change* d = findChange(*changes, diff::ObjectKind::DefaultPrivileges);
        QVERIFY(d);
        QCOMPARE(d->attribute(s("privileges"))->from, s("PUBLIC=X"));
        QCOMPARE(d->attribute(s("privileges"))->to, QString());

        const plan::Plan p = planFor(db, tgt);
        QCOMPARE(p.steps.size(), size_t(1));
        QVERIFY(p.steps[0].phase == plan::Phase::Contract);
        QCOMPARE(p.steps[0].sql,
                 s("ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;"));

        // The same entry live (for the connecting role) is no difference.
        revoked.role = s("postgres");
        revoked.acl = acl({"postgres=X/postgres"}, "postgres", "X");
        db.defaultAcls = {revoked};
        QVERIFY(diff::diff(db, tgt)->isEmpty());
    }

    void plannerWidensInExpandAndNarrowsInContract()
    {
        Catalog db = server("postgres");
        Catalog tgt = server("loader");
        db.tables = {ledger("postgres", acl({"app=arwdDxt/postgres"}, "postgres", "arwdDxt"))};
        tgt.tables = {
            ledger("reader", acl({"app=ar/loader", "reader=r/loader"}, "loader", "arwdDxt"))};
        tgt.tables[0].owner = s("reader");
        const plan::Plan p = planFor(db, tgt);
        QVERIFY(!p.hasBlockingFindings());
        const plan::Step* grant = p.step(s("expand:grant:public.ledger"));
        QVERIFY(grant);
        QCOMPARE(grant->sql, s("GRANT SELECT ON TABLE public.ledger TO reader;"));
        QVERIFY(grant->locks.empty()); // GRANT takes no lock on the table
        const plan::Step* owner = p.step(s("contract:owner:public.ledger"));
        QVERIFY(owner);
        QCOMPARE(owner->sql, s("ALTER TABLE public.ledger OWNER TO reader;"));
        QCOMPARE(owner->rollbackSql, s("ALTER TABLE public.ledger OWNER TO postgres;"));
        QVERIFY(owner->locks.size() == 1 && owner->locks[0].brief);
        const plan::Step* revoke = p.step(s("contract:revoke:public.ledger"));
        QVERIFY(revoke);
        QCOMPARE(revoke->sql,
                 s("REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE public.ledger "
                   "FROM app;"));
        QVERIFY(revoke->hasHazard(plan::HazardKind::BreaksRunningApp));
        for (const plan::Step& step : p.steps)
            QVERIFY2(!step.sql.contains(s("CASCADE")), qPrintable(step.sql));
    }

    void plannerRefusesCascadeAndUnknownRoles()
    {
        Catalog db = server("postgres");
        Catalog tgt = server("loader");
        db.tables = {
            ledger("postgres", acl({"app=r*/postgres", "reader=r/app"}, "postgres", "arwdDxt"))};
        tgt.tables = {ledger("loader", acl({"reader=r/loader"}, "loader", "arwdDxt"))};
        plan::Plan p = planFor(db, tgt);
        QVERIFY(p.hasBlockingFindings());
        QVERIFY(p.findings[0].title.contains(s("CASCADE")));
        QVERIFY(p.findings[0].reason.contains(s("app: SELECT")));

        tgt.tables[0].acl = acl({"ghost=r/loader"}, "loader", "arwdDxt");
        db.tables[0].acl = {};
        p = planFor(db, tgt);
        QVERIFY(p.hasBlockingFindings());
        QVERIFY(p.findings[0].title.contains(s("Role ghost")));
        QVERIFY(p.findings[0].options.join(QLatin1Char(' ')).contains(s("CREATE ROLE ghost")));
    }

    void newObjectsGetOwnerAndGrantsAfterCreation()
    {
        Catalog db = server("postgres");
        Catalog tgt = server("loader");
        Function f;
        f.schema = s("public");
        f.name = s("total");
        f.returns = s("numeric");
        f.language = s("sql");
        f.definition = s("CREATE OR REPLACE FUNCTION public.total()\n RETURNS numeric\n LANGUAGE "
                         "sql\nAS $function$ SELECT 1 $function$\n");
        f.owner = s("app");
        f.acl = acl({"app=X/app"}, "app", "X"); // no EXECUTE for PUBLIC
        tgt.functions = {f};
        const plan::Plan p = planFor(db, tgt);
        const plan::Step* grant = p.step(s("expand:grant:public.total()"));
        QVERIFY(grant);
        QCOMPARE(grant->sql, s("ALTER ROUTINE public.total() OWNER TO app;\n"
                               "REVOKE EXECUTE ON ROUTINE public.total() FROM PUBLIC;"));
        QVERIFY(grant->dependsOn.contains(s("expand:create-function:public.total()")));
    }
};

QTEST_GUILESS_MAIN(TestPrivileges)
#include "test_privileges.moc"
