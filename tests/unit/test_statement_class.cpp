// Statements classified from their parse trees (lint/statement_class.h), the timeouts the
// planner and the runner derive from the class, and the generated names that must never
// collide (sqlb::boundedName, sqlb::compositeName). No server.

#include "catalog/catalog.h"
#include "diff/change.h"
#include "exec/statement_timeouts.h"
#include "lint/statement_class.h"
#include "plan/recipe_context.h"
#include "plan/sql_builders.h"

#include <QTest>

using namespace bellows;
using lint::LockLevel;
using Concurrent = lint::StatementClass::Concurrent;

Q_DECLARE_METATYPE(bellows::lint::LockLevel)

// Found by QCOMPARE through argument-dependent lookup.
namespace bellows::lint {
char* toString(const LockLevel& level)
{
    return qstrdup(lint::lockLevelName(level).toUtf8().constData());
}
char* toString(const StatementClass::Concurrent& kind)
{
    return qstrdup(QByteArray::number(int(kind)).constData());
}
char* toString(const Timeouts& t)
{
    return qstrdup(QStringLiteral("{lock %1 ms, statement %2 ms}")
                       .arg(t.lockTimeoutMs)
                       .arg(t.statementTimeoutMs)
                       .toUtf8()
                       .constData());
}
} // namespace bellows::lint

namespace {

plan::Step stepWith(const QString& sql)
{
    plan::Step s;
    s.id = QStringLiteral("s");
    s.sql = sql;
    return s;
}

// What RecipeContext::add makes of a step with this SQL and these declared locks.
plan::Step planned(const QString& sql, std::vector<plan::Lock> locks = {})
{
    const catalog::Catalog database{};
    const catalog::Catalog target{};
    const diff::ChangeSet changes{};
    const plan::PlanChoices choices{};
    plan::RecipeContext ctx(database, target, changes, choices, plan::PlannerOptions{});
    plan::Step s = stepWith(sql);
    s.locks = std::move(locks);
    return ctx.add(s);
}

} // namespace

class TestStatementClass : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void classifies_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<LockLevel>("lock");
        QTest::addColumn<bool>("waits");
        QTest::addColumn<bool>("outside");
        QTest::newRow("create index concurrently")
            << QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON s.t (a)")
            << LockLevel::ShareUpdateExclusive << true << true;
        QTest::newRow("drop index concurrently")
            << QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS s.i")
            << LockLevel::ShareUpdateExclusive << true << true;
        QTest::newRow("reindex concurrently") << QStringLiteral("REINDEX INDEX CONCURRENTLY i")
                                              << LockLevel::ShareUpdateExclusive << true << true;
        QTest::newRow("detach concurrently")
            << QStringLiteral("ALTER TABLE p DETACH PARTITION c CONCURRENTLY")
            << LockLevel::ShareUpdateExclusive << true << true;
        QTest::newRow("validate") << QStringLiteral("ALTER TABLE t VALIDATE CONSTRAINT c")
                                  << LockLevel::ShareUpdateExclusive << true << false;
        QTest::newRow("plain index")
            << QStringLiteral("CREATE INDEX i ON t (a)") << LockLevel::Share << false << false;
        QTest::newRow("add column") << QStringLiteral("ALTER TABLE t ADD COLUMN c int")
                                    << LockLevel::AccessExclusive << false << false;
        QTest::newRow("foreign key")
            << QStringLiteral("ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES p (id) "
                              "NOT VALID")
            << LockLevel::ShareRowExclusive << false << false;
        QTest::newRow("trigger") << QStringLiteral(
                                        "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE "
                                        "FUNCTION f()")
                                 << LockLevel::ShareRowExclusive << false << false;
        QTest::newRow("update") << QStringLiteral("UPDATE t SET a = 1 WHERE id = 2")
                                << LockLevel::RowExclusive << false << false;
        QTest::newRow("lock share")
            << QStringLiteral("LOCK TABLE t IN SHARE MODE") << LockLevel::Share << false << false;
        QTest::newRow("vacuum") << QStringLiteral("VACUUM t") << LockLevel::ShareUpdateExclusive
                                << false << true;
        QTest::newRow("function") << QStringLiteral("CREATE OR REPLACE FUNCTION f() RETURNS int "
                                                    "LANGUAGE sql AS 'SELECT 1'")
                                  << LockLevel::None << false << false;
        // Comments and literals are not the statement.
        QTest::newRow("comment says concurrently")
            << QStringLiteral("/* CONCURRENTLY */ ALTER TABLE t ADD COLUMN c int -- CONCURRENTLY")
            << LockLevel::AccessExclusive << false << false;
        QTest::newRow("literal says concurrently")
            << QStringLiteral("ALTER TABLE t ADD COLUMN c text DEFAULT 'CREATE INDEX "
                              "CONCURRENTLY'")
            << LockLevel::AccessExclusive << false << false;
        QTest::newRow("comment says validate")
            << QStringLiteral("ALTER TABLE t DROP CONSTRAINT c /* VALIDATE CONSTRAINT */")
            << LockLevel::AccessExclusive << false << false;
        // Newer syntax than the parser knows: the safe side.
        QTest::newRow("unparsed") << QStringLiteral(
                                         "ALTER TABLE t ADD CONSTRAINT n NOT NULL a NOT VALID")
                                  << LockLevel::AccessExclusive << false << false;
    }

    void classifies()
    {
        QFETCH(QString, sql);
        QFETCH(LockLevel, lock);
        QFETCH(bool, waits);
        QFETCH(bool, outside);
        const lint::StatementClass c = lint::classifyStatement(sql);
        QCOMPARE(c.lock, lock);
        QCOMPARE(c.waitsForOldTransactions, waits);
        QCOMPARE(c.outsideTransaction, outside);
    }

    void concurrentTargetsComeFromTheTree()
    {
        const auto build = lint::classifyStatement(
            QStringLiteral("create unique index concurrently \"Odd \"\"Name\" on \"My "
                           "Schema\".\"T\" (a)"));
        QCOMPARE(build.concurrent, Concurrent::CreateIndex);
        QCOMPARE(build.index.qualified(), QStringLiteral("\"My Schema\".\"Odd \"\"Name\""));
        QCOMPARE(build.table.qualified(), QStringLiteral("\"My Schema\".\"T\""));
        const auto drop =
            lint::classifyStatement(QStringLiteral("DROP INDEX CONCURRENTLY public.t_a_idx"));
        QCOMPARE(drop.concurrent, Concurrent::DropIndex);
        QCOMPARE(drop.index.qualified(), QStringLiteral("public.t_a_idx"));
        const auto detach = lint::classifyStatement(
            QStringLiteral("ALTER TABLE p DETACH PARTITION p_2024 CONCURRENTLY"));
        QCOMPARE(detach.concurrent, Concurrent::DetachPartition);
        QCOMPARE(detach.table.name, QStringLiteral("p"));
        QCOMPARE(detach.index.name, QStringLiteral("p_2024"));
    }

    void scriptsAreSplitAsPsqlWould()
    {
        const auto statements = lint::classifyStatements(
            QStringLiteral("CREATE INDEX CONCURRENTLY i ON t (a);\n"
                           "ALTER INDEX i RENAME TO j; -- a comment; with CONCURRENTLY\n"
                           "SELECT ';'"));
        QCOMPARE(statements.size(), size_t(3));
        QVERIFY(statements[0].outsideTransaction);
        QVERIFY(!statements[1].outsideTransaction);
        QCOMPARE(statements[2].lock, LockLevel::AccessShare);
        const lint::ScriptClass script = lint::summarize(statements);
        QVERIFY(script.outsideTransaction && script.waitsForOldTransactions);
        QVERIFY(!script.takesStrongLock());
    }

    // RecipeContext::add decides from the tree: the planner's side of the regression.
    void commentMentioningConcurrentlyKeepsLockTimeout()
    {
        const plan::PlannerOptions options{};
        const plan::Step s =
            planned(QStringLiteral("/* built CONCURRENTLY elsewhere */ ALTER TABLE t ADD COLUMN "
                                   "c text DEFAULT 'CONCURRENTLY'"));
        QCOMPARE(s.lockTimeoutMs, options.lockTimeoutMs);
        QCOMPARE(s.statementTimeoutMs, options.statementTimeoutMs);
        QVERIFY(!s.outsideTransaction);
        const plan::Step build = planned(QStringLiteral("CREATE INDEX CONCURRENTLY i ON t (a)"));
        QCOMPARE(build.lockTimeoutMs, 0);
        QCOMPARE(build.statementTimeoutMs, options.longStatementTimeoutMs);
        QVERIFY(build.outsideTransaction);
        const plan::Step validate =
            planned(QStringLiteral("ALTER TABLE t VALIDATE CONSTRAINT c"),
                    {{plan::LockMode::ShareUpdateExclusive, QStringLiteral("public.t"), false}});
        QCOMPARE(validate.lockTimeoutMs, 0);
        QVERIFY(!validate.outsideTransaction);
    }

    void runnerNarrowsTimeoutsPerStatement()
    {
        const lint::TimeoutPolicy defaults{};
        plan::Step validate = stepWith(QStringLiteral("ALTER TABLE t VALIDATE CONSTRAINT c"));
        validate.lockTimeoutMs = 2000; // even so: VALIDATE waits without lock_timeout
        validate.statementTimeoutMs = 0;
        const auto waits = lint::classifyStatement(validate.sql);
        QCOMPARE(exec::stepStatementTimeouts(waits, validate, defaults), (lint::Timeouts{0, 0}));
        // A strong statement in a step that carries no lock_timeout gets the default one.
        plan::Step old = stepWith(QStringLiteral("ALTER TABLE t ADD COLUMN c int"));
        old.statementTimeoutMs = 0;
        QCOMPARE(exec::stepStatementTimeouts(lint::classifyStatement(old.sql), old, defaults),
                 (lint::Timeouts{defaults.shortLockTimeoutMs, 0}));
    }

    void rollbackOfValidateUsesShortLockTimeout()
    {
        const lint::TimeoutPolicy defaults{};
        plan::Step validate = stepWith(QStringLiteral("ALTER TABLE t VALIDATE CONSTRAINT c"));
        validate.lockTimeoutMs = 0;
        validate.statementTimeoutMs = 0;
        validate.rollbackSql = QStringLiteral("ALTER TABLE t DROP CONSTRAINT IF EXISTS c");
        const auto drop = lint::classifyStatement(validate.rollbackSql);
        QCOMPARE(exec::rollbackStatementTimeouts(drop, validate, defaults),
                 (lint::Timeouts{defaults.shortLockTimeoutMs, defaults.statementTimeoutMs}));
        const auto dropIndex =
            lint::classifyStatement(QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS i"));
        QCOMPARE(exec::rollbackStatementTimeouts(dropIndex, validate, defaults),
                 (lint::Timeouts{0, defaults.longStatementTimeoutMs}));
    }

    void longNamesSharingAPrefixStayDistinct()
    {
        const QString prefix(60, QLatin1Char('n'));
        const QString a =
            plan::sqlb::boundedName(prefix + QStringLiteral("_a"), QStringLiteral("_bellows_new"));
        const QString b =
            plan::sqlb::boundedName(prefix + QStringLiteral("_b"), QStringLiteral("_bellows_new"));
        QVERIFY(a != b);
        QVERIFY(a.toUtf8().size() <= 63 && b.toUtf8().size() <= 63);
        QVERIFY(a.endsWith(QLatin1String("_bellows_new")));
        // Multi-byte characters are cut by bytes, never inside a character.
        const QString wide =
            plan::sqlb::boundedName(QString(40, QChar(0x00e9)), QStringLiteral("_x"));
        QVERIFY(wide.toUtf8().size() <= 63);
        QVERIFY(!wide.contains(QChar::ReplacementCharacter));
    }

    // table "a_b" + column "c" and table "a" + column "b_c" join to the same text: the names of
    // their schema-level functions must still differ.
    void compositeNamesOfAmbiguousPartsStayDistinct()
    {
        const QString prefix = QStringLiteral("bellows_sync_");
        const QString one =
            plan::sqlb::compositeName(prefix, {QStringLiteral("a_b"), QStringLiteral("c")});
        const QString two =
            plan::sqlb::compositeName(prefix, {QStringLiteral("a"), QStringLiteral("b_c")});
        QVERIFY(one != two);
        QCOMPARE(
            plan::sqlb::compositeName(prefix, {QStringLiteral("users"), QStringLiteral("email")}),
            QStringLiteral("bellows_sync_users_email"));
    }
};

QTEST_GUILESS_MAIN(TestStatementClass)
#include "test_statement_class.moc"
