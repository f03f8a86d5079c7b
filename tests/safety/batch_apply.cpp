// The apply half of ConversionBatch (conversion_batch.h): the accepted cases merged by source
// type (merged_apply.h), planned, applied and compared with the oracle, a few tables per
// database (the runner's cost per step grows with the relations a plan touches).

#include "batch_database.h"
#include "bellows_runs.h"
#include "conversion_batch.h"
#include "scope_clock.h"
#include "test_database.h"

namespace bellows::safety {

using namespace bellows::test;

namespace {

constexpr size_t kTablesPerApply = 6;
constexpr int kAttempts = 4;
constexpr int kExamples = 3;

QString columnKey(const ApplyTable& t, const ApplyColumn& c)
{
    return t.name + QLatin1Char('.') + c.name;
}

const ApplyColumn* findColumn(const std::vector<const ApplyTable*>& group, const QString& key,
                              const ApplyTable** table)
{
    for (const ApplyTable* t : group)
        for (const ApplyColumn& c : t->columns)
            if (columnKey(*t, c) == key) {
                *table = t;
                return &c;
            }
    return nullptr;
}

// The column of `table` (an empty one when absent), without copying it.
const ColumnData& columnOf(const TableData& table, const QString& name)
{
    static const ColumnData none;
    const auto it = table.constFind(name);
    return it == table.constEnd() ? none : *it;
}

} // namespace

void ConversionBatch::applyAccepted(const QSet<QString>& clean, const QSet<QString>& lossy)
{
    const std::vector<ApplyTable> tables = mergeAccepted(m_spec, clean, lossy);
    for (const ApplyTable& t : tables)
        m_ms[QStringLiteral("apply columns")] += qint64(t.columns.size());
    for (size_t first = 0; first < tables.size(); first += kTablesPerApply) {
        std::vector<const ApplyTable*> group;
        for (size_t i = first; i < std::min(tables.size(), first + kTablesPerApply); ++i)
            group.push_back(&tables[i]);
        applyGroup(group);
    }
}

void ConversionBatch::applyGroup(const std::vector<const ApplyTable*>& group)
{
    QSet<QString> kept;
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        const ApplyAttempt outcome = applyOnce(group, kept);
        if (outcome.done) {
            compareGroup(group, kept);
            return;
        }
        if (outcome.keep.isEmpty())
            return;
        kept << outcome.keep;
    }
    discrepancy(
        Verdict::Failed, {},
        QStringLiteral("gave up after %1 failed applies of the merged tables").arg(kAttempts));
}

void ConversionBatch::columnDiscrepancy(Verdict v, const ApplyTable& table,
                                        const ApplyColumn& column, const QString& detail)
{
    QStringList sources;
    for (auto it = column.sources.begin(); it != column.sources.end(); ++it)
        sources << it.key() + QLatin1Char('.') + it.value();
    sources.sort();
    const QString first = sources.value(0);
    QString more;
    if (sources.size() > 1)
        more = QStringLiteral(" (the apply column %1 merges %2 cases: %3)")
                   .arg(columnKey(table, column))
                   .arg(sources.size())
                   .arg(sources.join(QStringLiteral(", ")));
    discrepancy(v, first, detail + more);
}

ConversionBatch::ApplyAttempt
ConversionBatch::applyOnce(const std::vector<const ApplyTable*>& group, QSet<QString>& kept)
{
    {
        ScopeClock clock(m_ms, QStringLiteral("load"));
        m_applyDb.reset();
        m_applyDb = std::make_unique<TestDatabase>(QStringLiteral("safety_apply"));
        (void)writeTextFile(m_dir.filePath(QStringLiteral("apply.sql")),
                            applySchemaSql(m_spec, group));
        QString error = m_applyDb->exec(unpinnedDefaultsSql(m_applyDb->name()));
        if (error.isEmpty())
            error = m_applyDb->exec(pinnedSettingsSql(false) + applySchemaSql(m_spec, group) +
                                    QStringLiteral("ANALYZE;"));
        if (!error.isEmpty()) {
            discrepancy(Verdict::Failed, {},
                        QStringLiteral("loading the apply database: ") + error);
            return {};
        }
    }
    const QString target = m_dir.filePath(QStringLiteral("target_apply.sql"));
    const QString planFile = m_dir.filePath(QStringLiteral("plan_apply.json"));
    PlanRun run;
    for (int replan = 0; replan < kAttempts; ++replan) {
        if (!writeTextFile(target, applyTargetSql(m_spec, group, kept)))
            return {};
        ScopeClock clock(m_ms, QStringLiteral("plan"));
        run = planTarget(m_applyDb->conninfo(), target, planFile, applyChoiceArgs(group, kept));
        if (run.exitCode != 2 || !run.readError.isEmpty())
            break;
        for (qsizetype i = 0; i < run.blockingObjects.size(); ++i) {
            const QString key = caseKeyOfObject(run.blockingObjects.at(i));
            const ApplyTable* table = nullptr;
            const ApplyColumn* column = findColumn(group, key, &table);
            if (!column) {
                discrepancy(Verdict::Failed, {},
                            QStringLiteral("the apply plan has a blocking finding on another "
                                           "object: ") +
                                run.blockingTitles.at(i));
                return {};
            }
            columnDiscrepancy(Verdict::WronglyRefused, *table, *column,
                              QStringLiteral("the apply plan, where every row of the column was "
                                             "accepted, refuses it: ") +
                                  run.blockingTitles.at(i));
            kept << key;
        }
    }
    if (run.exitCode != 0) {
        discrepancy(Verdict::Failed, {},
                    QStringLiteral("the apply plan exited %1: %2%3")
                        .arg(run.exitCode)
                        .arg(run.readError, run.output.right(3000)));
        return {};
    }
    const auto applied = [&] {
        ScopeClock clock(m_ms, QStringLiteral("apply"));
        return applyPlan(m_applyDb->conninfo(), planFile);
    }();
    if (applied.exitCode != 0) {
        QString error;
        const QString step = failedStep(*m_applyDb, &error);
        const ApplyTable* table = nullptr;
        const ApplyColumn* column = findColumn(group, caseKeyOfStep(step), &table);
        const QString detail =
            QStringLiteral("apply exited %1 at step %2: %3")
                .arg(applied.exitCode)
                .arg(step,
                     error.isEmpty() ? QString(applied.err + applied.out).right(3000) : error);
        if (!column) {
            discrepancy(Verdict::Failed, {}, detail);
            return {};
        }
        columnDiscrepancy(Verdict::Failed, *table, *column, detail);
        return {false, columnKey(*table, *column)};
    }
    const auto diffed = [&] {
        ScopeClock clock(m_ms, QStringLiteral("diff"));
        return diffTarget(m_applyDb->conninfo(), target);
    }();
    if (diffed.exitCode != 0)
        discrepancy(Verdict::Failed, {},
                    QStringLiteral("diff --exit-code after apply exited %1: %2")
                        .arg(diffed.exitCode)
                        .arg(QString(diffed.err + diffed.out).right(3000)));
    return {true, {}};
}

const TableData* ConversionBatch::oracleTable(const QString& name)
{
    if (!m_oracleTables.contains(name)) {
        auto conn = m_oracleDb->connect();
        (void)conn->exec(pinnedSettingsSql(false));
        auto data = readTable(*conn, name);
        if (!data) {
            discrepancy(
                Verdict::Failed, {},
                QStringLiteral("reading the oracle's %1: %2").arg(name, data.error().toString()));
            return nullptr;
        }
        m_oracleTables.insert(name, *data);
    }
    return &m_oracleTables[name];
}

void ConversionBatch::compareGroup(const std::vector<const ApplyTable*>& group,
                                   const QSet<QString>& kept)
{
    ScopeClock clock(m_ms, QStringLiteral("compare"));
    auto live = m_applyDb->connect();
    (void)live->exec(pinnedSettingsSql(false));
    for (const ApplyTable* t : group) {
        auto data = readTable(*live, t->name);
        if (!data) {
            discrepancy(Verdict::Failed, {},
                        QStringLiteral("reading %1: %2").arg(t->name, data.error().toString()));
            continue;
        }
        for (const ApplyColumn& c : t->columns)
            compareColumn(*t, c, !kept.contains(columnKey(*t, c)), *data);
    }
}

void ConversionBatch::compareColumn(const ApplyTable& table, const ApplyColumn& column,
                                    bool converted, const TableData& live)
{
    const ColumnData& got = columnOf(live, column.name);
    const QString firstSource = column.sources.begin().key();
    const TableData* first = oracleTable(firstSource);
    if (!first)
        return;
    const QString wantType =
        columnOf(*first, converted ? column.sources.value(firstSource) : QStringLiteral("orig"))
            .type;
    // Per source case: what differs.
    QHash<QString, QStringList> lost, changed;
    for (size_t r = 0; r < table.rows.size(); ++r) {
        const ApplyRow& row = table.rows[r];
        const QString sourceColumn = column.sources.value(row.source->name);
        Cell want;
        if (!sourceColumn.isEmpty()) {
            const TableData* oracle = oracleTable(row.source->name);
            if (!oracle)
                return;
            want = columnOf(*oracle, converted ? sourceColumn : QStringLiteral("orig"))
                       .values.at(row.index);
        }
        const Cell have = r < got.values.size() ? got.values[r] : Cell();
        if (have == want)
            continue;
        const QString caseKey =
            sourceColumn.isEmpty()
                ? firstSource + QLatin1Char('.') + column.sources.value(firstSource)
                : row.source->name + QLatin1Char('.') + sourceColumn;
        const QString line = QStringLiteral("row %1 (%2 row %3): %4, the oracle %5")
                                 .arg(r + 1)
                                 .arg(row.source->name)
                                 .arg(row.index + 1)
                                 .arg(shownCell(have), shownCell(want));
        (have ? changed : lost)[caseKey] << line;
    }
    if (got.type != wantType)
        columnDiscrepancy(Verdict::Changed, table, column,
                          QStringLiteral("the column is %1 after apply, the oracle's %2")
                              .arg(got.type, wantType));
    if (got.values.size() != table.rows.size())
        columnDiscrepancy(Verdict::Lost, table, column,
                          QStringLiteral("%1 row(s) after apply, %2 before")
                              .arg(got.values.size())
                              .arg(table.rows.size()));
    const QString how = !converted     ? QStringLiteral("kept")
                        : column.lossy ? QStringLiteral("converted, lossy accepted")
                                       : QStringLiteral("converted");
    for (auto it = column.sources.begin(); it != column.sources.end(); ++it) {
        const QString key = it.key() + QLatin1Char('.') + it.value();
        if (lost.contains(key))
            discrepancy(Verdict::Lost, key,
                        QStringLiteral("%1 value(s) lost (%2): %3")
                            .arg(lost[key].size())
                            .arg(how, lost[key].mid(0, kExamples).join(QStringLiteral("; "))));
        if (changed.contains(key))
            discrepancy(Verdict::Changed, key,
                        QStringLiteral("%1 value(s) differ (%2): %3")
                            .arg(changed[key].size())
                            .arg(how, changed[key].mid(0, kExamples).join(QStringLiteral("; "))));
        if (converted && !lost.contains(key) && !changed.contains(key) && got.type == wantType)
            m_report.countConverted(column.lossy);
    }
}

} // namespace bellows::safety
