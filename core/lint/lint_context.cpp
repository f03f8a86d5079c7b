#include "lint/lint_context.h"

#include "lint/parse_tree.h"
#include "sql/quote.h"

#include <algorithm>

namespace bellows::lint {

bool RelationName::matches(const RelationName& other) const
{
    if (name != other.name)
        return false;
    return schema.isEmpty() || other.schema.isEmpty() || schema == other.schema;
}

QString RelationName::display() const
{
    return sql::qualified(schema, name);
}

RelationName RelationName::fromRangeVar(const QJsonObject& rangeVarBody)
{
    return {tree::string(rangeVarBody, "schemaname"), tree::string(rangeVarBody, "relname")};
}

RelationName RelationName::fromNames(const QStringList& parts)
{
    if (parts.isEmpty())
        return {};
    if (parts.size() == 1)
        return {QString(), parts.first()};
    return {parts.at(parts.size() - 2), parts.last()};
}

RelationName RelationName::parse(const QString& text)
{
    const QStringList parts = sql::splitQualifiedName(text);
    return parts.isEmpty() ? RelationName{QString(), text} : fromNames(parts);
}

LintContext::LintContext(const SourceMap& source, const LintOptions& options)
    : m_source(source), m_options(options)
{
    for (const QString& table : options.newTables)
        m_newRelations.push_back(RelationName::parse(table));
}

void LintContext::beginStatement(Statement statement)
{
    m_statement = std::move(statement);
    ++m_statementIndex;
    m_firstFindingOfStatement = int(m_findings.size());
    m_locks.clear();
    m_lockedNames.clear();
}

void LintContext::endStatement()
{
    for (std::size_t i = std::size_t(m_firstFindingOfStatement); i < m_findings.size(); ++i)
        if (m_findings[i].locks.empty())
            m_findings[i].locks = m_locks;

    bool strongOnExisting = false;
    for (std::size_t i = 0; i < m_locks.size(); ++i) {
        const bool strong = m_locks[i].mode >= plan::LockMode::ShareRowExclusive;
        if (strong && !isNew(m_lockedNames[i]))
            strongOnExisting = true;
        if (m_inTransaction && m_locks[i].mode >= plan::LockMode::Share)
            m_transactionLocks.push_back(
                {m_lockedNames[i], m_locks[i].mode, lineOf(m_statement.begin)});
    }
    if (strongOnExisting && !m_sessionLockTimeout && !m_localLockTimeout) {
        if (m_lockWarning.statements == 0) {
            m_lockWarning.offset = m_statement.begin;
            m_lockWarning.locks = m_locks;
            m_lockWarning.text = m_statement.text;
        }
        ++m_lockWarning.statements;
    }
}

int LintContext::offsetOf(const QJsonObject& body) const
{
    const int location = tree::location(body);
    if (location < 0)
        return m_statement.begin;
    return std::clamp(m_statement.locationBase + location, 0, m_source.size());
}

int LintContext::offsetOfMatch(const QString& pattern) const
{
    const QRegularExpression re(pattern, QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = re.match(m_statement.text);
    if (!match.hasMatch())
        return m_statement.begin;
    return m_statement.begin +
           int(QStringView(m_statement.text).left(match.capturedStart()).toUtf8().size());
}

bool LintContext::isNew(const RelationName& relation) const
{
    return std::any_of(m_newRelations.begin(), m_newRelations.end(),
                       [&](const RelationName& r) { return r.matches(relation); });
}

void LintContext::markNew(const RelationName& relation)
{
    if (!relation.isEmpty() && !isNew(relation))
        m_newRelations.push_back(relation);
}

void LintContext::renameRelation(const RelationName& from, const QString& newName)
{
    // A renamed new table stays new; an existing table under a new name stays existing.
    for (RelationName& r : m_newRelations)
        if (r.matches(from))
            r.name = newName;
}

void LintContext::noteIndex(const QString& index, const RelationName& table)
{
    if (!index.isEmpty())
        m_newIndexes.emplace_back(index, table);
}

RelationName LintContext::tableOfIndex(const RelationName& index) const
{
    for (const auto& [name, table] : m_newIndexes)
        if (name == index.name)
            return table;
    return {};
}

void LintContext::beginTransaction()
{
    m_inTransaction = true;
}

void LintContext::endTransaction()
{
    m_inTransaction = false;
    m_localLockTimeout = false;
    m_transactionLocks.clear();
}

void LintContext::setLockTimeout(bool enabled, bool local)
{
    (local ? m_localLockTimeout : m_sessionLockTimeout) = enabled;
}

void LintContext::noteLock(plan::LockMode mode, const RelationName& relation, bool brief)
{
    if (relation.isEmpty() || mode == plan::LockMode::None)
        return;
    for (std::size_t i = 0; i < m_locks.size(); ++i) {
        if (!m_lockedNames[i].matches(relation))
            continue;
        if (mode > m_locks[i].mode)
            m_locks[i].mode = mode;
        m_locks[i].brief = m_locks[i].brief && brief;
        return;
    }
    m_locks.push_back(plan::Lock{mode, relation.display(), brief});
    m_lockedNames.push_back(relation);
}

std::pair<plan::LockMode, int> LintContext::heldLock(const RelationName& relation) const
{
    std::pair<plan::LockMode, int> held{plan::LockMode::None, 0};
    for (const HeldLock& h : m_transactionLocks)
        if (h.relation.matches(relation) && h.mode > held.first)
            held = {h.mode, h.line};
    return held;
}

Finding& LintContext::report(Rule rule, int offset, const QString& message, const QString& advice)
{
    const RuleInfo& info = ruleInfo(rule);
    Finding f;
    f.rule = QString::fromLatin1(info.id);
    f.severity = info.severity;
    f.location = m_source.location(offset < 0 ? m_statement.begin : offset);
    f.message = message;
    f.advice = advice;
    f.referenceRow = QString::fromUtf8(info.referenceRow);
    f.statement = m_statement.text;
    m_findings.push_back(std::move(f));
    return m_findings.back();
}

void LintContext::finish()
{
    finishRenames();
    finishLockTimeout();
    // File-level findings were appended last; keep the report in source order.
    std::stable_sort(m_findings.begin(), m_findings.end(), [](const Finding& a, const Finding& b) {
        return std::pair(a.location.line, a.location.column) <
               std::pair(b.location.line, b.location.column);
    });
}

} // namespace bellows::lint
