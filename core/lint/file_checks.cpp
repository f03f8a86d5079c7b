// Checks that need the whole file: a rename written as DROP COLUMN + ADD COLUMN (what Prisma
// generates for a renamed field), and strong locks taken without a lock_timeout (§1.2, §1.3).

#include "lint/lint_context.h"
#include "sql/quote.h"

#include <algorithm>
#include <set>

namespace bellows::lint {

namespace {

// "enabledTypedSignature" -> {enabled, typed, signature}; "data_encoding" -> {data, encoding}.
std::set<QString> meaningfulWords(const QString& name)
{
    static const QStringList generic{
        QStringLiteral("id"), QStringLiteral("at"), QStringLiteral("is"), QStringLiteral("by"),
        QStringLiteral("of"), QStringLiteral("to"), QStringLiteral("on"), QStringLiteral("in")};
    std::set<QString> words;
    QString current;
    auto flush = [&] {
        if (!current.isEmpty() && !generic.contains(current))
            words.insert(current);
        current.clear();
    };
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (!c.isLetterOrNumber()) {
            flush();
            continue;
        }
        const bool nextIsLower = i + 1 < name.size() && name.at(i + 1).isLower();
        if (c.isUpper() && !current.isEmpty() && (!current.back().isUpper() || nextIsLower))
            flush();
        current += c.toLower();
    }
    flush();
    return words;
}

bool similarNames(const QString& a, const QString& b)
{
    if (a.compare(b, Qt::CaseInsensitive) == 0)
        return true;
    const std::set<QString> wa = meaningfulWords(a);
    const std::set<QString> wb = meaningfulWords(b);
    std::size_t shared = 0;
    for (const QString& w : wa)
        shared += wb.count(w);
    // More than half of the shorter name's words: processedCount/failureCount are not a pair.
    return shared * 2 > std::min(wa.size(), wb.size());
}

} // namespace

void LintContext::finishRenames()
{
    const auto& drops = m_facts.droppedColumns;
    const auto& adds = m_facts.addedColumns;
    auto countIn = [](const std::vector<ColumnChange>& changes, const ColumnChange& like) {
        return std::count_if(changes.begin(), changes.end(), [&](const ColumnChange& c) {
            return c.statementIndex == like.statementIndex && c.table.matches(like.table);
        });
    };
    for (const ColumnChange& drop : drops) {
        if (drop.findingIndex < 0)
            continue;
        // Copied into another column by an UPDATE first: moved, not lost (rallly's pattern).
        const bool copied =
            std::any_of(m_facts.updateReads.begin(), m_facts.updateReads.end(), [&](const auto& u) {
                return u.first.matches(drop.table) && u.second.contains(drop.column);
            });
        if (copied)
            continue;
        const ColumnChange* partner = nullptr;
        for (const ColumnChange& add : adds) {
            if (!add.table.matches(drop.table))
                continue;
            // One ALTER TABLE dropping one column and adding one: Prisma's renamed field.
            const bool samePair = add.statementIndex == drop.statementIndex &&
                                  countIn(drops, drop) == 1 && countIn(adds, drop) == 1;
            if (samePair || similarNames(drop.column, add.column)) {
                partner = &add;
                break;
            }
        }
        if (!partner)
            continue;

        Finding& f = m_findings[std::size_t(drop.findingIndex)];
        const QString dropped = sql::quoteIdent(drop.column);
        const QString added = sql::quoteIdent(partner->column);
        const QString table = drop.table.display();
        f.rule = ruleId(Rule::DataLossRename);
        f.severity = ruleInfo(Rule::DataLossRename).severity;
        f.referenceRow = QString::fromUtf8(ruleInfo(Rule::DataLossRename).referenceRow);
        if (drop.column == partner->column)
            f.message = QStringLiteral("DROP COLUMN %1 followed by ADD COLUMN %1 on %2: every "
                                       "stored value of %1 is lost; the new column starts empty "
                                       "(or with its default)")
                            .arg(dropped, table);
        else
            f.message = QStringLiteral("DROP COLUMN %1 with ADD COLUMN %2 on %3 looks like a "
                                       "rename done as drop + add: every stored value of %1 is "
                                       "lost (%2 starts empty or with its default), and running "
                                       "app versions that use %1 fail")
                            .arg(dropped, added, table);
        if (drop.column == partner->column)
            f.advice = QStringLiteral("To change the column's type or default, keep the values: "
                                      "ALTER COLUMN ... TYPE / SET DEFAULT, or the "
                                      "expand-contract recipe of Y2 for a rewriting type change. "
                                      "If the data is disposable, say so in a separate contract "
                                      "migration.");
        else
            f.advice = QStringLiteral("To keep the data, rename instead (RENAME COLUMN, itself "
                                      "breaking for the running app: C10) or expand-contract: "
                                      "add %1, copy %2 into it in batches with a sync trigger, "
                                      "switch the app, then drop %2. If the data is disposable, "
                                      "drop it in a separate contract migration.")
                           .arg(added, dropped);
        f.hazards = {plan::Hazard{plan::HazardKind::DataLoss,
                                  QStringLiteral("every value of %1 is gone").arg(dropped)},
                     plan::Hazard{plan::HazardKind::BreaksRunningApp,
                                  QStringLiteral("old code that uses %1 fails").arg(dropped)},
                     plan::Hazard{plan::HazardKind::Irreversible,
                                  QStringLiteral("only a backup brings the values back")}};
    }
}

void LintContext::finishLockTimeout()
{
    if (m_lockWarning.statements == 0 || m_options.runnerSetsTimeouts)
        return;
    const int n = m_lockWarning.statements;
    Finding& f = report(
        Rule::NoLockTimeout, m_lockWarning.offset,
        QStringLiteral("%1 take%2 ACCESS EXCLUSIVE or SHARE ROW EXCLUSIVE locks on existing "
                       "tables with no lock_timeout set, starting here: while such a lock waits "
                       "behind a long-running query, every later query on the table queues "
                       "behind it")
            .arg(n == 1 ? QStringLiteral("1 statement") : QStringLiteral("%1 statements").arg(n),
                 n == 1 ? QStringLiteral("s") : QString()),
        QStringLiteral("Start the file with SET lock_timeout = '1s' (SET LOCAL inside a "
                       "transaction block) and retry the migration, with backoff, when it "
                       "times out."));
    f.statement = m_lockWarning.text;
    f.locks = m_lockWarning.locks;
    f.hazards = {plan::Hazard{plan::HazardKind::NoLockTimeout,
                              QStringLiteral("a queued lock stalls all traffic to the table")}};
}

} // namespace bellows::lint
