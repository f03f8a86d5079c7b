// Cutting a plan into migration files, one step per file (a statement per file for steps that
// run outside a transaction). Tools like Prisma send a whole file as one query string,
// which PostgreSQL runs as one implicit transaction: a CONCURRENTLY statement there fails, so it
// gets a file of its own with nothing else in it.

#include "export/migration_units.h"

#include "plan/plan_render.h"
#include "source/sql_script.h"

#include <QRegularExpression>

#include <algorithm>

namespace bellows::exporting {

using plan::Phase;
using plan::Step;

bool MigrationStage::isBackfill() const
{
    return !units.empty() && std::all_of(units.begin(), units.end(), [](const MigrationUnit& u) {
        return u.kind == MigrationUnit::Kind::Backfill;
    });
}

QString MigrationStage::slug() const
{
    QStringList phases;
    for (const MigrationUnit& u : units) {
        const QString p = plan::toString(u.phase);
        if (!phases.contains(p))
            phases << p;
    }
    return phases.isEmpty() ? QStringLiteral("gate") : phases.join(QLatin1Char('-'));
}

bool needsAutocommit(const QString& statement, int serverVersionNum)
{
    const QStringList t = source::leadingTokens(statement, 64);
    const QString first = t.value(0);
    const bool concurrently = t.contains(QLatin1String("concurrently"));
    if ((first == QLatin1String("create") || first == QLatin1String("drop") ||
         first == QLatin1String("reindex")) &&
        concurrently && (t.contains(QLatin1String("index")) || first == QLatin1String("reindex")))
        return true;
    if (first == QLatin1String("vacuum"))
        return true;
    if ((first == QLatin1String("create") || first == QLatin1String("drop")) &&
        (t.value(1) == QLatin1String("database") || t.value(1) == QLatin1String("tablespace")))
        return true;
    if (first == QLatin1String("alter") && t.value(1) == QLatin1String("system"))
        return true;
    if (first == QLatin1String("alter") && t.value(1) == QLatin1String("table") &&
        t.contains(QLatin1String("detach")) && concurrently)
        return true;
    if (first == QLatin1String("alter") && t.value(1) == QLatin1String("type") &&
        serverVersionNum > 0 && serverVersionNum < 120000) {
        const qsizetype add = t.indexOf(QLatin1String("add"));
        if (add > 0 && t.value(add + 1) == QLatin1String("value"))
            return true;
    }
    return false;
}

namespace {

Result<std::vector<MigrationUnit>> unitsOf(const plan::Plan& plan, Phase phase)
{
    std::vector<MigrationUnit> units;
    MigrationUnit group;
    group.phase = phase;
    const auto flush = [&] {
        if (!group.steps.empty())
            units.push_back(group);
        group.steps.clear();
    };
    for (const Step* s : plan.stepsIn(phase)) {
        if (s->backfill) {
            flush();
            MigrationUnit u;
            u.kind = MigrationUnit::Kind::Backfill;
            u.phase = phase;
            u.steps = {s};
            units.push_back(u);
            continue;
        }
        auto script = source::splitScript(s->sql, QStringLiteral("step %1").arg(s->id));
        if (!script)
            return script.error();
        bool autocommit = s->outsideTransaction;
        for (const source::ScriptStatement& st : script->statements) {
            if (st.kind != source::StatementKind::Sql) {
                Error e;
                e.message = QStringLiteral("step %1 holds a psql meta-command or COPY FROM stdin, "
                                           "which a migration file cannot run")
                                .arg(s->id);
                return e;
            }
            autocommit = autocommit || needsAutocommit(st.text, plan.serverVersionNum);
        }
        if (!autocommit) {
            // One step per file, as the runner gives each step its own transaction: grouped,
            // a brief ACCESS EXCLUSIVE taken by one step would be held through the next
            // step's validation scan until the file commits.
            group.steps.push_back(s);
            flush();
            continue;
        }
        // Like the runner: every statement of such a step on its own, in autocommit.
        flush();
        const int count = int(script->statements.size());
        for (int i = 0; i < count; ++i) {
            MigrationUnit u;
            u.kind = MigrationUnit::Kind::Autocommit;
            u.phase = phase;
            u.steps = {s};
            u.statement = script->statements[size_t(i)].text;
            u.statementNumber = i + 1;
            u.statementCount = count;
            units.push_back(u);
        }
    }
    flush();
    for (size_t i = 0; i < units.size(); ++i)
        units[i].numberInPhase = int(i) + 1;
    return units;
}

} // namespace

Result<std::vector<MigrationStage>> migrationStages(const plan::Plan& plan)
{
    std::vector<MigrationStage> stages;
    std::vector<const plan::Gate*> pendingGates;
    const auto startStage = [&] {
        MigrationStage stage;
        stage.number = int(stages.size()) + 1;
        stage.gatesBefore = pendingGates;
        pendingGates.clear();
        stages.push_back(stage);
    };
    for (Phase phase : plan::allPhases()) {
        for (const plan::Gate* g : plan.gatesBefore(phase))
            pendingGates.push_back(g);
        auto units = unitsOf(plan, phase);
        if (!units)
            return units.error();
        for (MigrationUnit& u : *units) {
            const bool backfill = u.kind == MigrationUnit::Kind::Backfill;
            const bool split =
                stages.empty() || !pendingGates.empty() || stages.back().units.empty() ||
                (stages.back().units.back().kind == MigrationUnit::Kind::Backfill) != backfill;
            if (split)
                startStage();
            stages.back().units.push_back(std::move(u));
        }
    }
    return stages;
}

std::vector<const plan::Gate*> trailingGates(const plan::Plan& plan)
{
    std::vector<const plan::Gate*> gates;
    for (Phase phase : plan::allPhases()) {
        if (!plan.stepsIn(phase).empty())
            gates.clear();
        else
            for (const plan::Gate* g : plan.gatesBefore(phase))
                gates.push_back(g);
    }
    return gates;
}

QString sqlComment(const QString& text)
{
    QString out;
    const QStringList lines = text.trimmed().split(QLatin1Char('\n'));
    for (const QString& line : lines)
        out += (line.trimmed().isEmpty() ? QStringLiteral("--") : QStringLiteral("-- ") + line) +
               QLatin1Char('\n');
    return out;
}

QString terminatedSql(const QString& sql)
{
    QString body = sql.trimmed();
    if (!body.endsWith(QLatin1Char(';')))
        body += QLatin1Char(';');
    return body + QLatin1Char('\n');
}

QString stepHeader(const Step& s)
{
    QString out = QStringLiteral("-- Step %1: %2\n").arg(s.id, s.title.simplified());
    for (const plan::Lock& l : s.locks)
        out += QStringLiteral("--   lock: %1\n").arg(plan::describeLock(l));
    for (const plan::Hazard& h : s.hazards)
        out += QStringLiteral("--   hazard: %1: %2\n")
                   .arg(plan::title(h.kind), h.explanation.simplified());
    out += QStringLiteral("--   estimated: %1\n").arg(plan::formatDuration(s.estimatedSeconds));
    if (!s.isReversible())
        out += QStringLiteral("--   no rollback%1\n")
                   .arg(s.irreversibleReason.isEmpty()
                            ? QString()
                            : QStringLiteral(": ") + s.irreversibleReason.simplified());
    return out;
}

QString gateComment(const plan::Gate& gate)
{
    QString out = QStringLiteral("-- ===== GATE: %1 =====\n").arg(gate.title.simplified());
    if (!gate.instructions.isEmpty())
        out += sqlComment(gate.instructions);
    for (const QString& item : gate.checklist)
        out += QStringLiteral("-- [ ] %1\n").arg(item.simplified());
    out += QStringLiteral("-- Do not run what follows before the gate is passed.\n");
    return out;
}

QString fileSlug(const QString& text)
{
    QString out;
    for (const QChar c : text.toLower()) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
            (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            out += c;
        else if (!out.endsWith(QLatin1Char('_')))
            out += QLatin1Char('_');
    }
    while (out.endsWith(QLatin1Char('_')))
        out.chop(1);
    while (out.startsWith(QLatin1Char('_')))
        out.remove(0, 1);
    return out;
}

QString exportName(const plan::Plan& plan, const QString& requested)
{
    const QString wanted = fileSlug(requested);
    if (!wanted.isEmpty())
        return wanted;
    const QString id = fileSlug(plan.id).left(8);
    return id.isEmpty() ? QStringLiteral("bellows") : QStringLiteral("bellows_") + id;
}

QString unitSlug(const MigrationUnit& unit)
{
    QString out =
        plan::toString(unit.phase) + QLatin1Char('_') + QString::number(unit.numberInPhase);
    if (unit.kind == MigrationUnit::Kind::Backfill) {
        const plan::Backfill& b = *unit.steps.front()->backfill;
        return out + QStringLiteral("_backfill_") +
               fileSlug(b.schema + QLatin1Char('_') + b.table).left(40);
    }
    const QString verb = fileSlug(unit.steps.front()->id.section(QLatin1Char(':'), 1, 1)).left(40);
    if (!verb.isEmpty())
        out += QLatin1Char('_') + verb;
    if (unit.kind == MigrationUnit::Kind::Autocommit)
        out += QStringLiteral("_no_transaction");
    return out;
}

} // namespace bellows::exporting
