#include "conversion_batch.h"

#include "batch_database.h"
#include "bellows_runs.h"
#include "conversion_oracle.h"
#include "scope_clock.h"
#include "test_database.h"

#include <QElapsedTimer>
#include <QSet>

namespace bellows::safety {

using namespace bellows::test;

namespace {

constexpr int kExamples = 3;

} // namespace

ConversionBatch::ConversionBatch(BatchSpec spec, SafetyReport& report)
    : m_spec(std::move(spec)), m_report(report)
{
    for (const ConversionCase& c : m_spec.cases)
        m_cases.insert(c.key(), &c);
    // To reproduce by hand: the SQL, targets and plans stay in a folder named on stderr.
    if (qEnvironmentVariableIsSet("BELLOWS_SAFETY_KEEP")) {
        m_dir.setAutoRemove(false);
        qInfo("%s: SQL, targets and plans in %s", qPrintable(m_spec.name),
              qPrintable(m_dir.path()));
    }
}

ConversionBatch::~ConversionBatch() = default;

void ConversionBatch::discrepancy(Verdict v, const QString& caseKey, const QString& detail)
{
    Discrepancy d{v, m_spec.name, {}, {}, {}, detail};
    if (const ConversionCase* c = m_cases.value(caseKey)) {
        d.conversion = c->label;
        d.shape = c->shape;
        d.column = columnPath(c->table, c->column);
    } else if (!caseKey.isEmpty()) {
        d.conversion = caseKey;
    }
    m_report.add(d);
}

int ConversionBatch::rowsOf(const QString& table) const
{
    for (const SourceTable& t : m_spec.tables)
        if (t.name == table)
            return int(t.values.size());
    return 0;
}

const SourceTable* ConversionBatch::tableOf(const QString& name) const
{
    for (const SourceTable& t : m_spec.tables)
        if (t.name == name)
            return &t;
    return nullptr;
}

QString ConversionBatch::oracleSays(const ConversionCase& c) const
{
    const OracleOutcome& o = m_oracle.value(c.key());
    if (o.failed)
        return QStringLiteral("the oracle's ALTER … TYPE fails (%1: %2)").arg(o.sqlState, o.error);
    if (!o.changed())
        return QStringLiteral("the oracle converts every value unchanged");
    QStringList examples;
    const SourceTable* t = tableOf(c.table);
    for (int id : o.changedIds.mid(0, kExamples))
        examples << (t ? shownCell(t->values[size_t(id - 1)]) : QString::number(id));
    return QStringLiteral("the oracle changes %1 value(s), e.g. %2")
        .arg(o.changedIds.size())
        .arg(examples.join(QStringLiteral(", ")));
}

QString ConversionBatch::timings() const
{
    QStringList parts;
    for (const char* activity : {"load", "oracle", "plan", "apply", "diff", "compare"}) {
        const QString key = QString::fromLatin1(activity);
        if (m_ms.contains(key))
            parts << QStringLiteral("%1 %2 s").arg(key).arg(double(m_ms.value(key)) / 1000, 0, 'f',
                                                            1);
    }
    parts << QStringLiteral("%1 accepted cases applied as %2 merged columns")
                 .arg(m_applied)
                 .arg(m_ms.value(QStringLiteral("apply columns")));
    return parts.join(QStringLiteral(", "));
}

bool ConversionBatch::buildOracle()
{
    ScopeClock clock(m_ms, QStringLiteral("oracle"));
    m_oracleDb = std::make_unique<TestDatabase>(QStringLiteral("safety_oracle"));
    (void)writeTextFile(m_dir.filePath(QStringLiteral("oracle.sql")), oracleSchemaSql(m_spec));
    const QString loaded = m_oracleDb->exec(pinnedSettingsSql(false) + oracleSchemaSql(m_spec));
    if (!loaded.isEmpty()) {
        discrepancy(Verdict::Failed, {}, QStringLiteral("loading the oracle database: ") + loaded);
        return false;
    }
    QString error;
    m_oracle = runOracle(*m_oracleDb->connect(), m_spec, &error);
    if (!error.isEmpty())
        discrepancy(Verdict::Failed, {}, error);
    return error.isEmpty();
}

bool ConversionBatch::buildLive()
{
    ScopeClock clock(m_ms, QStringLiteral("load"));
    m_live.reset();
    m_live = std::make_unique<TestDatabase>(QStringLiteral("safety_live"));
    (void)writeTextFile(m_dir.filePath(QStringLiteral("live.sql")), liveSchemaSql(m_spec));
    QString error = m_live->exec(unpinnedDefaultsSql(m_live->name()));
    if (error.isEmpty())
        error = m_live->exec(pinnedSettingsSql(false) + liveSchemaSql(m_spec) +
                             QStringLiteral("ANALYZE;"));
    if (!error.isEmpty())
        discrepancy(Verdict::Failed, {}, QStringLiteral("loading the live database: ") + error);
    return error.isEmpty();
}

bool ConversionBatch::expectedRefusal(const ConversionCase& c, const Pass& pass) const
{
    const OracleOutcome& o = m_oracle.value(c.key());
    if (o.failed)
        return true;
    const bool accepted = pass.lossyAll || c.acceptLossy || !c.usingExpression.isEmpty();
    if (o.changed() && !accepted)
        return true;
    return c.dependsOnZone && !pass.zone && rowsOf(c.table) > 0;
}

QStringList ConversionBatch::choiceArgs(const Pass& pass, const QSet<QString>& lossy) const
{
    QStringList args;
    if (pass.zone)
        args << QStringLiteral("--time-zone") << planTimeZone();
    for (const ConversionCase& c : m_spec.cases) {
        const QString path = columnPath(c.table, c.column);
        if (!c.usingExpression.isEmpty())
            args << QStringLiteral("--using") << path + QLatin1Char('=') + c.usingExpression;
        if (c.acceptLossy || pass.lossyAll || lossy.contains(c.key()))
            args << QStringLiteral("--accept-lossy") << path;
    }
    return args;
}

std::optional<QSet<QString>> ConversionBatch::refusalPass(const Pass& pass)
{
    QSet<QString> all;
    for (const ConversionCase& c : m_spec.cases)
        if (c.zoneRelevant || !pass.zoneRelevantOnly)
            all << c.key();
    const QString target = m_dir.filePath(QStringLiteral("target_full.sql"));
    const QString planFile = m_dir.filePath(QStringLiteral("plan_full.json"));
    if (!writeTextFile(target, targetSql(m_spec, all))) {
        discrepancy(Verdict::Failed, {}, QStringLiteral("cannot write ") + target);
        return std::nullopt;
    }
    const PlanRun run = [&] {
        ScopeClock clock(m_ms, QStringLiteral("plan"));
        return planTarget(m_live->conninfo(), target, planFile, choiceArgs(pass, {}));
    }();
    if ((run.exitCode != 0 && run.exitCode != 2) || !run.readError.isEmpty()) {
        discrepancy(Verdict::Failed, {},
                    QStringLiteral("plan %1 exited %2: %3%4")
                        .arg(pass.name)
                        .arg(run.exitCode)
                        .arg(run.readError, run.output.right(2000)));
        return std::nullopt;
    }
    if ((run.exitCode == 2) != !run.blockingObjects.isEmpty())
        discrepancy(Verdict::Failed, {},
                    QStringLiteral("plan %1 exited %2 with %3 blocking finding(s)")
                        .arg(pass.name)
                        .arg(run.exitCode)
                        .arg(run.blockingObjects.size()));
    QSet<QString> refused;
    QHash<QString, QStringList> titles;
    for (qsizetype i = 0; i < run.blockingObjects.size(); ++i) {
        const QString key = caseKeyOfObject(run.blockingObjects.at(i));
        if (!all.contains(key)) {
            discrepancy(Verdict::Failed, {},
                        QStringLiteral("plan %1: a blocking finding on another object: %2")
                            .arg(pass.name, run.blockingTitles.at(i)));
            continue;
        }
        refused << key;
        titles[key] << run.blockingTitles.at(i).section(QStringLiteral(": "), 1);
    }
    for (const ConversionCase& c : m_spec.cases) {
        if (!all.contains(c.key()))
            continue;
        const bool expected = expectedRefusal(c, pass);
        if (expected && !refused.contains(c.key()))
            discrepancy(Verdict::WronglyAccepted, c.key(),
                        QStringLiteral("plan %1 has no blocking finding for it, but %2")
                            .arg(pass.name, expectedRefusal(c, {{}, true, pass.lossyAll})
                                                ? oracleSays(c)
                                                : QStringLiteral("the conversion depends on "
                                                                 "TimeZone and the table holds "
                                                                 "rows")));
        else if (!expected && refused.contains(c.key()))
            discrepancy(Verdict::WronglyRefused, c.key(),
                        QStringLiteral("plan %1 refuses it (%2), but %3")
                            .arg(pass.name, titles.value(c.key()).join(QStringLiteral("; ")),
                                 oracleSays(c)));
    }
    return refused;
}

void ConversionBatch::run()
{
    for (size_t i = 0; i < m_spec.cases.size(); ++i)
        m_report.countCase();
    if (!buildOracle() || !buildLive())
        return;
    const Pass main{QStringLiteral("with --time-zone"), true, false};
    const Pass lossyAll{QStringLiteral("with --accept-lossy for every column"), true, true};
    if (m_spec.zoneLessPass &&
        !refusalPass({QStringLiteral("without --time-zone"), false, false, true}))
        return;
    const auto refusedMain = refusalPass(main);
    if (!refusedMain)
        return;
    std::optional<QSet<QString>> refusedLossy;
    if (m_spec.lossyPass && !(refusedLossy = refusalPass(lossyAll)))
        return;
    QSet<QString> clean, lossy;
    for (const ConversionCase& c : m_spec.cases) {
        const QString key = c.key();
        if (!expectedRefusal(c, main) && !refusedMain->contains(key))
            clean << key;
        else if (refusedLossy && !expectedRefusal(c, lossyAll) && !refusedLossy->contains(key))
            lossy << key;
        else if (expectedRefusal(c, main) && refusedMain->contains(key))
            m_report.countRefusedAsExpected();
    }
    m_applied = int(clean.size() + lossy.size());
    applyAccepted(clean, lossy);
}

} // namespace bellows::safety
