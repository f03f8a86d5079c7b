#pragma once

// State of one lint run over one input: the statement under analysis, what earlier
// statements created or locked, and the findings so far. Rules read and update it.

#include "lint/finding.h"
#include "lint/linter.h"
#include "lint/rules.h"
#include "lint/source_map.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <vector>

namespace bellows::lint {

struct RelationName {
    QString schema; // empty when the SQL did not qualify the name
    QString name;

    bool isEmpty() const { return name.isEmpty(); }
    // Same name, and the same schema when both sides name one.
    bool matches(const RelationName& other) const;
    QString display() const; // quoted as needed: "public"."User", orders

    static RelationName fromRangeVar(const QJsonObject& rangeVarBody);
    static RelationName fromNames(const QStringList& parts); // [schema,] name
    static RelationName parse(const QString& text);          // "schema.table" or "table"
};

struct Statement {
    QString type; // "AlterTableStmt"
    QJsonObject body;
    int begin = 0; // byte range of the statement proper (no comments, no ';')
    int end = 0;
    int locationBase = 0; // added to the byte offsets found in the parse tree
    QString text;
};

// Facts collected across statements for the file-level checks.
struct ColumnChange {
    RelationName table;
    QString column;
    int statementIndex = 0;
    int offset = 0;        // byte offset of the sub-command
    int findingIndex = -1; // DROP COLUMN: its drop-column finding
};

struct NotNullCheck {
    RelationName table;
    QString constraint;
    QString column;
    bool validated = false;
};

struct FileFacts {
    std::vector<ColumnChange> droppedColumns; // on existing tables
    std::vector<ColumnChange> addedColumns;   // on existing tables
    // Columns read by UPDATE ... SET expressions, per table: a copy before a DROP is no loss.
    std::vector<std::pair<RelationName, QStringList>> updateReads;
    // CHECK (c IS NOT NULL): on 12+ a validated one lets SET NOT NULL skip its scan.
    std::vector<NotNullCheck> notNullChecks;
};

class LintContext {
public:
    LintContext(const SourceMap& source, const LintOptions& options);

    const SourceMap& source() const { return m_source; }
    int version() const { return m_options.serverVersionNum; }
    bool atLeast(int versionNum) const { return version() >= versionNum; }
    FileFacts& facts() { return m_facts; }

    // Statement lifecycle: locks noted in between are attached to the statement's findings.
    void beginStatement(Statement statement);
    void endStatement();
    const Statement& statement() const { return m_statement; }
    int statementIndex() const { return m_statementIndex; }

    // Byte offset in the input of a node's "location", or of the statement when it has none.
    int offsetOf(const QJsonObject& body) const;
    // Byte offset of the first match of `pattern` (case-insensitive) in the statement's text,
    // or of the statement when it does not match (a comment in the way, say).
    int offsetOfMatch(const QString& pattern) const;
    int lineOf(int offset) const { return m_source.location(offset).line; }

    // Relations created earlier in this input, or named in LintOptions::newTables: they are
    // empty and no running application uses them, so their locks and scans cost nothing.
    bool isNew(const RelationName& relation) const;
    void markNew(const RelationName& relation);
    void renameRelation(const RelationName& from, const QString& newName);
    void noteIndex(const QString& index, const RelationName& table);
    RelationName tableOfIndex(const RelationName& index) const; // empty when unknown

    bool inTransaction() const { return m_inTransaction; }
    void beginTransaction();
    void endTransaction();
    void setLockTimeout(bool enabled, bool local);

    // A lock the current statement takes. `brief`: held only for a catalog update.
    void noteLock(plan::LockMode mode, const RelationName& relation, bool brief = true);
    const std::vector<plan::Lock>& statementLocks() const { return m_locks; }
    // The strongest lock an earlier statement of the open transaction block holds on
    // `relation`, with that statement's line; {None, 0} when there is none.
    std::pair<plan::LockMode, int> heldLock(const RelationName& relation) const;

    Finding& report(Rule rule, int offset, const QString& message, const QString& advice);
    Finding& finding(int index) { return m_findings[std::size_t(index)]; }
    int findingCount() const { return int(m_findings.size()); }

    // After the last statement: the checks that need the whole file.
    void finish();
    std::vector<Finding> takeFindings() { return std::move(m_findings); }

private:
    struct HeldLock {
        RelationName relation;
        plan::LockMode mode;
        int line;
    };
    struct PendingLockWarning {
        int offset = -1;
        int statements = 0;
        std::vector<plan::Lock> locks;
        QString text;
    };

    void finishRenames();
    void finishLockTimeout();

    const SourceMap& m_source;
    LintOptions m_options;
    FileFacts m_facts;
    Statement m_statement;
    int m_statementIndex = -1;
    int m_firstFindingOfStatement = 0;
    std::vector<plan::Lock> m_locks;         // of the current statement
    std::vector<RelationName> m_lockedNames; // parallel to m_locks
    std::vector<RelationName> m_newRelations;
    std::vector<std::pair<QString, RelationName>> m_newIndexes;
    bool m_inTransaction = false;
    bool m_sessionLockTimeout = false;
    bool m_localLockTimeout = false;
    std::vector<HeldLock> m_transactionLocks;
    PendingLockWarning m_lockWarning;
    std::vector<Finding> m_findings;
};

} // namespace bellows::lint
