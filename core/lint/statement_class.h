#pragma once

// What one SQL statement does to locks and transactions, read from its libpg_query parse tree
// (never from a search of its text: a comment or a string literal that says CONCURRENTLY changes
// nothing). The planner (RecipeContext::add), the runner and rollback decide a statement's
// lock_timeout, statement_timeout and whether it runs inside a transaction block from this,
// following reference §1.3:
//
//   * statements that wait for older transactions by design (CREATE/DROP/REINDEX …
//     CONCURRENTLY, VALIDATE CONSTRAINT, DETACH PARTITION … CONCURRENTLY) run with
//     lock_timeout 0 and a long statement timeout: a lock_timeout would abort them, and their
//     own lock (SHARE UPDATE EXCLUSIVE) does not block the application;
//   * statements taking SHARE, SHARE ROW EXCLUSIVE, EXCLUSIVE or ACCESS EXCLUSIVE run with the
//     short lock_timeout (and are retried), so a queued lock never stalls the traffic behind it;
//   * statements PostgreSQL refuses inside a transaction block (the CONCURRENTLY forms, VACUUM,
//     CREATE/DROP DATABASE, ALTER SYSTEM, …) run outside one.
//
// A statement libpg_query (PostgreSQL 15's grammar) cannot parse, e.g. newer syntax, is
// classified from its leading words (comments and literals skipped) and otherwise treated as
// taking ACCESS EXCLUSIVE: the safe side is a short lock_timeout.
//
// Depends on lint/parse_tree only, so plan/ and exec/ use it without depending on the linter.

#include <QString>
#include <QStringList>

#include <vector>

namespace bellows::lint {

// Table lock modes, weakest first (reference §1.1).
enum class LockLevel {
    None,
    AccessShare,
    RowShare,
    RowExclusive,
    ShareUpdateExclusive,
    Share,
    ShareRowExclusive,
    Exclusive,
    AccessExclusive,
};

// A relation as the statement names it (schema empty when unqualified).
struct RelationName {
    QString schema;
    QString name;

    bool isEmpty() const { return name.isEmpty(); }
    QString qualified() const; // through sql::quoteIdent
};

struct StatementClass {
    QString text;          // the statement, without its ';'
    QString nodeType;      // "IndexStmt", "AlterTableStmt", …; empty if unparsed
    bool parsed = false;   // false: classified from its leading words
    bool psqlOnly = false; // a psql meta-command or COPY … FROM stdin: not SQL
    LockLevel lock = LockLevel::AccessExclusive; // the strongest lock it takes on any relation
    bool waitsForOldTransactions = false; // by design: no lock_timeout, long statement timeout
    bool outsideTransaction = false;      // PostgreSQL refuses it in a transaction block
    bool rerunnable = false;              // running it again changes nothing (IF [NOT] EXISTS,
                                          // VALIDATE, CREATE OR REPLACE, ANALYZE, VACUUM, …)

    // The concurrent index operations, for the runner's clean-up and resume:
    enum class Concurrent { None, CreateIndex, DropIndex, Reindex, DetachPartition };
    Concurrent concurrent = Concurrent::None;
    RelationName table; // CreateIndex: the table; DetachPartition: the parent; Reindex TABLE
    RelationName index; // CreateIndex, DropIndex, Reindex INDEX: the index; Detach: the partition
    // The relation `lock` is taken on, when the statement names one (a DROP's first object);
    // empty for catalog-only statements and unparsed ones.
    RelationName relation;

    bool takesStrongLock() const { return lock >= LockLevel::Share; }
};

// Each statement of `sql` (split as psql would), classified. A script the splitter cannot read
// (an unterminated quote) comes back as one unparsed statement.
std::vector<StatementClass> classifyStatements(const QString& sql);
// One statement (no splitting).
StatementClass classifyStatement(const QString& statement);

// A whole step or rollback script: the union of its statements.
struct ScriptClass {
    LockLevel lock = LockLevel::None;
    bool waitsForOldTransactions = false; // at least one statement does
    bool outsideTransaction = false;      // at least one statement must
    bool rerunnable = true;               // every statement is
    bool takesStrongLock() const { return lock >= LockLevel::Share; }
};
ScriptClass summarize(const std::vector<StatementClass>& statements);
inline ScriptClass classifyScript(const QString& sql)
{
    return summarize(classifyStatements(sql));
}

// The timeouts a statement runs with, from its class (reference §1.3).
struct TimeoutPolicy {
    int shortLockTimeoutMs = 2000;  // statements taking SHARE or stronger
    int statementTimeoutMs = 60000; // everything else
    int longStatementTimeoutMs = 0; // statements that wait by design (0: no limit)
};

struct Timeouts {
    int lockTimeoutMs = 0;      // 0: no limit
    int statementTimeoutMs = 0; // 0: no limit

    bool operator==(const Timeouts&) const = default;
};

// Waits by design: {0, long}. Strong lock: {short, statement}. Anything else: {0, statement}
// (its locks conflict with no application statement; statement_timeout bounds it).
Timeouts timeoutsFor(const StatementClass& statement, const TimeoutPolicy& policy);
// A whole step: lock_timeout short when any statement takes a strong lock, else 0 (a waiting
// statement gets 0 from the runner regardless); statement timeout long when any statement
// waits by design. The runner narrows these per statement with timeoutsFor.
Timeouts timeoutsFor(const ScriptClass& script, const TimeoutPolicy& policy);

QString lockLevelName(LockLevel level); // "ACCESS EXCLUSIVE", …

} // namespace bellows::lint
