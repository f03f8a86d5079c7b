#include "exec/interrupted_statement.h"

#include "pq/connection.h"
#include "sql/quote.h"

namespace bellows::exec {

namespace {

using Concurrent = lint::StatementClass::Concurrent;

struct IndexState {
    bool exists = false;
    bool valid = false;
    QString qualified; // schema.name, quoted
};

// The index a CREATE INDEX CONCURRENTLY builds: in its table's schema.
Result<IndexState> builtIndex(pq::Connection& conn, const lint::StatementClass& s)
{
    auto r =
        conn.exec(QStringLiteral("SELECT n.nspname, c.relname, i.indisvalid FROM pg_class c "
                                 "JOIN pg_index i ON i.indexrelid = c.oid "
                                 "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                 "WHERE c.relname = $1 AND c.relnamespace = (SELECT t.relnamespace "
                                 "FROM pg_class t WHERE t.oid = to_regclass($2))"),
                  {s.index.name, s.table.qualified()});
    if (!r)
        return r.error();
    IndexState state;
    if (r->rows() == 0)
        return state;
    state.exists = true;
    state.valid = r->boolean(0, 2);
    state.qualified = sql::qualified(r->text(0, 0), r->text(0, 1));
    return state;
}

Status dropIndexConcurrently(StepContext& c, const plan::Step& step, const QString& index,
                             const QString& why)
{
    c.say(QStringLiteral("  dropping the INVALID index %1 %2").arg(index, why));
    // DROP INDEX CONCURRENTLY waits for old transactions like the build did: no lock_timeout.
    if (auto r = c.conn.exec(QStringLiteral("SET lock_timeout = 0")); !r)
        return r.error();
    if (auto r = c.conn.exec(QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS %1").arg(index)); !r)
        return r.error();
    (void)c.ledger.event(c.runId, step.id, QStringLiteral("invalid_index_dropped"),
                         QStringLiteral("dropped the INVALID index %1 %2").arg(index, why));
    return {};
}

Result<bool> createIndexFinished(StepContext& c, const plan::Step& step,
                                 const lint::StatementClass& s)
{
    auto state = builtIndex(c.conn, s);
    if (!state)
        return state.error();
    if (state->exists && state->valid) {
        c.say(QStringLiteral("  %1 was built by the interrupted run").arg(state->qualified));
        return true;
    }
    if (state->exists) {
        if (auto d = dropIndexConcurrently(c, step, state->qualified,
                                           QStringLiteral("left by the interrupted build"));
            !d)
            return d.error();
    }
    return false;
}

Result<bool> dropIndexFinished(StepContext& c, const lint::StatementClass& s)
{
    auto r = c.conn.exec(QStringLiteral("SELECT to_regclass($1) IS NULL"), {s.index.qualified()});
    if (!r)
        return r.error();
    if (r->boolean(0, 0))
        c.say(QStringLiteral("  %1 was dropped by the interrupted run").arg(s.index.qualified()));
    return r->boolean(0, 0);
}

// REINDEX CONCURRENTLY builds <index>_ccnew and retires the old one as <index>_ccold: an
// interruption leaves either of them INVALID.
Result<bool> reindexLeftoversDropped(StepContext& c, const plan::Step& step,
                                     const lint::StatementClass& s)
{
    const bool oneIndex = !s.index.isEmpty();
    auto r = c.conn.exec(
        QStringLiteral("SELECT n.nspname, c.relname FROM pg_index i "
                       "JOIN pg_class c ON c.oid = i.indexrelid "
                       "JOIN pg_namespace n ON n.oid = c.relnamespace "
                       // The index's own name, its LIKE wildcards escaped; any name for a table.
                       "CROSS JOIN (SELECT CASE WHEN $3 = '' THEN '%' ELSE "
                       "replace(replace(replace($3, '\\', '\\\\'), '_', '\\_'), '%', '\\%') "
                       "END AS prefix) p "
                       "WHERE NOT i.indisvalid AND i.indrelid = coalesce((SELECT x.indrelid FROM "
                       "pg_index x WHERE x.indexrelid = to_regclass(nullif($1, ''))), "
                       "to_regclass(nullif($2, ''))) AND c.relname LIKE ANY (ARRAY[p.prefix || "
                       "'\\_ccnew%', p.prefix || '\\_ccold%'])"),
        {oneIndex ? s.index.qualified() : QString(), oneIndex ? QString() : s.table.qualified(),
         oneIndex ? s.index.name : QString()});
    if (!r)
        return r.error();
    for (int i = 0; i < r->rows(); ++i)
        if (auto d = dropIndexConcurrently(c, step, sql::qualified(r->text(i, 0), r->text(i, 1)),
                                           QStringLiteral("left by an interrupted REINDEX"));
            !d)
            return d.error();
    return false; // rebuilding again is harmless
}

Result<bool> detachFinished(StepContext& c, const lint::StatementClass& s)
{
    auto r = c.conn.exec(QStringLiteral("SELECT i.inhdetachpending FROM pg_inherits i WHERE "
                                        "i.inhrelid = to_regclass($1) AND i.inhparent = "
                                        "to_regclass($2)"),
                         {s.index.qualified(), s.table.qualified()});
    if (!r)
        return r.error();
    if (r->rows() == 0) {
        c.say(QStringLiteral("  %1 was detached by the interrupted run").arg(s.index.qualified()));
        return true;
    }
    if (!r->boolean(0, 0))
        return false;
    c.say(QStringLiteral("  finishing the detach of %1 the interrupted run started")
              .arg(s.index.qualified()));
    auto finalize = c.conn.exec(QStringLiteral("ALTER TABLE %1 DETACH PARTITION %2 FINALIZE")
                                    .arg(s.table.qualified(), s.index.qualified()));
    if (!finalize)
        return finalize.error();
    return true;
}

QString unquoted(const QString& token)
{
    const QStringList parts = sql::splitQualifiedName(token);
    return parts.isEmpty() ? token : parts.last();
}

bool sameRelation(const lint::RelationName& name, const QString& relation)
{
    const QStringList parts = sql::splitQualifiedName(relation);
    if (parts.isEmpty() || parts.last() != name.name)
        return false;
    return name.schema.isEmpty() || parts.size() < 2 || parts.at(parts.size() - 2) == name.schema;
}

bool isReindexLeftover(const QString& index, const QString& base)
{
    for (const char* suffix : {"_ccnew", "_ccold"}) {
        const QString marker = QLatin1String(suffix);
        if (base.isEmpty() ? index.contains(marker) : index.startsWith(base + marker))
            return true;
    }
    return false;
}

} // namespace

Result<bool> finishedByEarlierAttempt(StepContext& c, const plan::Step& step,
                                      const lint::StatementClass& statement)
{
    switch (statement.concurrent) {
    case Concurrent::CreateIndex:
        return createIndexFinished(c, step, statement);
    case Concurrent::DropIndex:
        return dropIndexFinished(c, statement);
    case Concurrent::Reindex:
        return reindexLeftoversDropped(c, step, statement);
    case Concurrent::DetachPartition:
        return detachFinished(c, statement);
    case Concurrent::None:
        break;
    }
    return false;
}

Result<bool> dropInvalidIndex(StepContext& c, const plan::Step& step,
                              const lint::StatementClass& statement)
{
    if (statement.concurrent != Concurrent::CreateIndex)
        return false;
    auto state = builtIndex(c.conn, statement);
    if (!state)
        return state.error();
    if (!state->exists || state->valid)
        return false;
    if (auto d = dropIndexConcurrently(c, step, state->qualified,
                                       QStringLiteral("left by a failed build"));
        !d)
        return d.error();
    return true;
}

QString indexNameOfLine(const QString& line)
{
    QString rest = line;
    for (const QString& word : {QStringLiteral("index "), QStringLiteral("CREATE ")}) {
        if (!rest.startsWith(word))
            return {};
        rest = rest.mid(word.size());
    }
    if (rest.startsWith(QLatin1String("UNIQUE ")))
        rest = rest.mid(7);
    if (!rest.startsWith(QLatin1String("INDEX ")))
        return {};
    rest = rest.mid(6);
    int end = 0;
    if (rest.startsWith(QLatin1Char('"'))) {
        for (end = 1; end < rest.size(); ++end) {
            if (rest.at(end) != QLatin1Char('"'))
                continue;
            if (end + 1 < rest.size() && rest.at(end + 1) == QLatin1Char('"'))
                ++end; // an escaped quote
            else
                break;
        }
        ++end;
    } else {
        end = int(rest.indexOf(QLatin1Char(' ')));
    }
    return unquoted(rest.left(end < 0 ? rest.size() : end));
}

bool explainsRelation(const lint::StatementClass& statement, const QString& relation)
{
    switch (statement.concurrent) {
    case Concurrent::CreateIndex:
    case Concurrent::DropIndex:
    case Concurrent::Reindex:
        return !statement.index.isEmpty() && sameRelation(statement.index, relation);
    case Concurrent::DetachPartition:
    case Concurrent::None:
        break;
    }
    return false;
}

bool explainsLine(const lint::StatementClass& statement, const QString& line)
{
    switch (statement.concurrent) {
    case Concurrent::CreateIndex:
    case Concurrent::DropIndex:
        return indexNameOfLine(line) == statement.index.name;
    case Concurrent::Reindex: {
        const QString index = indexNameOfLine(line);
        return !index.isEmpty() &&
               (index == statement.index.name || isReindexLeftover(index, statement.index.name));
    }
    case Concurrent::DetachPartition:
        // A concurrent detach adds a CHECK constraint copying the partition bound.
        return line.startsWith(QLatin1String("constraint ")) &&
               line.contains(QLatin1String(" CHECK "));
    case Concurrent::None:
        break;
    }
    return false;
}

} // namespace bellows::exec
