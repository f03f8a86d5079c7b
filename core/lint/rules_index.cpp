// Index statements (rows I1-I4): CREATE INDEX, DROP INDEX, REINDEX.

#include "lint/parse_tree.h"
#include "lint/statement_rules.h"

namespace bellows::lint {

using plan::HazardKind;
using plan::LockMode;
using plan::Work;

namespace {

QString concurrentOutsideAdvice()
{
    return QStringLiteral("Run it on its own, outside BEGIN ... COMMIT (autocommit), with "
                          "lock_timeout = 0 and a large statement_timeout.");
}

void reportConcurrentInTransaction(LintContext& ctx, const QString& what)
{
    Finding& f = ctx.report(
        Rule::ConcurrentIndexInTransaction, -1,
        QStringLiteral("%1 cannot run inside a transaction block: PostgreSQL refuses it and "
                       "the migration fails here")
            .arg(what),
        concurrentOutsideAdvice());
    f.hazards = {hazard(HazardKind::OutsideTransaction,
                        QStringLiteral("must run in autocommit, not between BEGIN and COMMIT"))};
}

} // namespace

void lintCreateIndex(LintContext& ctx)
{
    const QJsonObject& b = ctx.statement().body;
    const QJsonObject relation = tree::object(b, "relation");
    const RelationName table = RelationName::fromRangeVar(relation);
    const QString index = tree::string(b, "idxname");
    const bool unique = tree::flag(b, "unique");
    const QString indexText = index.isEmpty() ? QStringLiteral("index") : ident(index);
    ctx.noteIndex(index, table);

    if (tree::flag(b, "concurrent")) {
        ctx.noteLock(LockMode::ShareUpdateExclusive, table, false);
        if (ctx.inTransaction())
            reportConcurrentInTransaction(ctx, QStringLiteral("CREATE INDEX CONCURRENTLY"));
        return;
    }
    ctx.noteLock(LockMode::Share, table, false);
    // ON ONLY a partitioned parent creates an invalid index without a build: the first step
    // of the partitioned recipe of I1.
    if (ctx.isNew(table) || !tree::flag(relation, "inh"))
        return;

    const QString keyword =
        unique ? QStringLiteral("CREATE UNIQUE INDEX") : QStringLiteral("CREATE INDEX");
    QString message = QStringLiteral("%1 %2 without CONCURRENTLY blocks every write to %3 "
                                     "(SHARE lock) while it reads the whole table to build "
                                     "the index")
                          .arg(keyword, indexText, table.display());
    if (unique)
        message += QStringLiteral("; duplicate keys make it fail");
    QString advice = QStringLiteral("Use %1 CONCURRENTLY IF NOT EXISTS outside any transaction "
                                    "block, with lock_timeout = 0; then check "
                                    "pg_index.indisvalid and drop and retry an invalid index.")
                         .arg(keyword);
    if (unique)
        advice.prepend(QStringLiteral("Remove duplicates first. "));
    Finding& f = ctx.report(Rule::CreateIndexNotConcurrently, -1, message, advice);
    if (unique)
        f.referenceRow = QStringLiteral("I2");
    f.work = Work::Build;
    f.hazards = {
        hazard(HazardKind::BlocksWrites,
               QStringLiteral("writes to %1 wait for the whole build").arg(table.display())),
        hazard(HazardKind::IndexBuild,
               QStringLiteral("builds %1 by reading every row").arg(indexText))};
}

void lintDropIndex(LintContext& ctx, const RelationName& index, bool concurrent)
{
    const RelationName table = ctx.tableOfIndex(index);
    const RelationName locked = table.isEmpty() ? index : table;
    if (concurrent) {
        ctx.noteLock(LockMode::ShareUpdateExclusive, locked, false);
        if (ctx.inTransaction())
            reportConcurrentInTransaction(ctx, QStringLiteral("DROP INDEX CONCURRENTLY"));
        return;
    }
    ctx.noteLock(LockMode::AccessExclusive, locked);
    if (!table.isEmpty() && ctx.isNew(table))
        return;
    Finding& f = ctx.report(
        Rule::DropIndexNotConcurrently, -1,
        QStringLiteral("DROP INDEX %1 without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on "
                       "its table: it waits behind every running query on the table, and every "
                       "later read and write queues behind it")
            .arg(index.display()),
        QStringLiteral("Use DROP INDEX CONCURRENTLY IF EXISTS, one index per statement, outside "
                       "a transaction block (an index behind a constraint goes with DROP "
                       "CONSTRAINT instead)."));
    f.hazards = {hazard(HazardKind::AccessExclusiveLock,
                        QStringLiteral("reads and writes of the table wait while it is queued"))};
}

void lintReindex(LintContext& ctx)
{
    const QJsonObject& b = ctx.statement().body;
    const RelationName relation = RelationName::fromRangeVar(tree::object(b, "relation"));
    const QString kind = tree::string(b, "kind");
    bool concurrent = false;
    for (const QJsonValue& param : tree::array(b, "params"))
        if (tree::string(tree::body(param.toObject()), "defname") == QLatin1String("concurrently"))
            concurrent = true;

    const bool onIndex = kind == QLatin1String("REINDEX_OBJECT_INDEX");
    RelationName table = onIndex ? ctx.tableOfIndex(relation) : relation;
    if (concurrent) {
        ctx.noteLock(LockMode::ShareUpdateExclusive, table.isEmpty() ? relation : table, false);
        if (ctx.inTransaction())
            reportConcurrentInTransaction(ctx, QStringLiteral("REINDEX CONCURRENTLY"));
        return;
    }
    if (onIndex) {
        ctx.noteLock(LockMode::AccessExclusive, relation, false);
        if (!table.isEmpty())
            ctx.noteLock(LockMode::Share, table, false);
    } else if (!relation.isEmpty()) {
        ctx.noteLock(LockMode::Share, relation, false);
    }
    if (!table.isEmpty() && ctx.isNew(table))
        return;

    const QString target = relation.isEmpty()
                               ? QStringLiteral("of every table it covers")
                               : (onIndex ? QStringLiteral("index %1") : QStringLiteral("table %1"))
                                     .arg(relation.display());
    const QString advice =
        ctx.atLeast(120000)
            ? QStringLiteral("Use REINDEX ... CONCURRENTLY outside a transaction block; if it "
                             "fails, drop the leftover invalid *_ccnew index.")
            : QStringLiteral(
                  "REINDEX CONCURRENTLY needs PostgreSQL 12: build a replacement with "
                  "CREATE INDEX CONCURRENTLY, then DROP INDEX CONCURRENTLY the old one.");
    Finding& f = ctx.report(
        Rule::ReindexNotConcurrently, -1,
        QStringLiteral("REINDEX %1 without CONCURRENTLY blocks writes to the table for the whole "
                       "rebuild, and most reads too: queries lock every index of a table they "
                       "plan against")
            .arg(target),
        advice);
    f.work = Work::Build;
    f.hazards = {
        hazard(HazardKind::BlocksWrites, QStringLiteral("writes wait for the rebuild")),
        hazard(HazardKind::IndexBuild, QStringLiteral("rebuilds the index from the table"))};
}

} // namespace bellows::lint
