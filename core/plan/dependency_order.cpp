#include "plan/dependency_order.h"

#include "plan/step_objects.h"

#include <QHash>
#include <QRegularExpression>

namespace bellows::plan::deps {

namespace {

using StepIndex = QHash<QString, QList<int>>; // object key -> steps

void addDependency(Step& step, const Step& on)
{
    if (step.id != on.id && !step.dependsOn.contains(on.id))
        step.dependsOn << on.id;
}

// Steps that drop `key`, or the whole it belongs to (a dropped table takes its parts, a dropped
// column its default).
QList<int> droppersOf(const QString& key, const StepIndex& droppers)
{
    QList<int> out = droppers.value(key);
    if (kindOf(key) == QLatin1String("default"))
        out << droppers.value(QStringLiteral("column ") + pathOfKey(key));
    if (const QString table = owningTable(key); !table.isEmpty())
        out << droppers.value(table);
    return out;
}

// Steps that create `key`, or the whole it is created with (a new table's parts).
QList<int> creatorsOf(const QString& key, const StepIndex& creators)
{
    QList<int> out = creators.value(key);
    if (out.isEmpty()) {
        if (const QString table = owningTable(key); !table.isEmpty())
            out << creators.value(table);
    }
    return out;
}

// What a step creates, with the parts of a new table (its columns' defaults, its constraints,
// indexes, triggers and policies come with the CREATE TABLE or right after it).
QStringList createdWithParts(const Step& step, const catalog::Catalog& target)
{
    QStringList out = objectsOf(step).creates;
    for (const QString& key : QStringList(out)) {
        if (kindOf(key) == QLatin1String("column")) // added with its default
            out << QStringLiteral("default ") + pathOfKey(key);
        if (kindOf(key) != QLatin1String("table"))
            continue;
        for (const catalog::Dependency& d : target.dependencies)
            if (owningTable(d.dependent) == key && !out.contains(d.dependent))
                out << d.dependent;
    }
    return out;
}

// The objects whose normal dependency on `key` (or on a column of it) makes a DROP of `key`
// without CASCADE fail. Automatic ones (an owned sequence, an index) go with it instead, and
// dropping them first can even fail (a sequence a default still uses).
QStringList blockingDependents(const catalog::Catalog& database, const QString& key)
{
    QStringList out;
    const QStringList all = database.dependentsOf(key);
    for (const catalog::Dependency& d : database.dependencies) {
        if (d.type == 'n' && all.contains(d.dependent) && !out.contains(d.dependent) &&
            (d.referenced == key || owningTable(d.referenced) == key))
            out << d.dependent;
    }
    return out;
}

// A drop waits for the steps of its phase that drop what depends on it, or create it again
// without the dependency (the target no longer has the dropped object).
void orderDrops(std::vector<Step>& steps, const catalog::Catalog& database,
                const StepIndex& droppers, const StepIndex& creators)
{
    for (Step& step : steps) {
        for (const QString& dropped : objectsOf(step).drops) {
            for (const QString& dependent : blockingDependents(database, dropped)) {
                if (owningTable(dependent) == dropped)
                    continue; // a part of the dropped table goes with it
                const QList<int> before =
                    droppersOf(dependent, droppers) + creators.value(dependent);
                for (int j : before)
                    if (steps[size_t(j)].phase == step.phase)
                        addDependency(step, steps[size_t(j)]);
            }
        }
    }
}

// A column a step renames (a swap parks the old column) is dropped by the step that drops it
// under its new name.
void addParkedColumns(const std::vector<Step>& steps, const catalog::Catalog& database,
                      StepIndex& droppers)
{
    QStringList columns;
    for (const catalog::Dependency& d : database.dependencies)
        if (kindOf(d.referenced) == QLatin1String("column") && !columns.contains(d.referenced))
            columns << d.referenced;
    for (const Step& step : steps) {
        if (!step.sql.contains(QLatin1String(" RENAME COLUMN ")))
            continue;
        for (const QString& column : columns) {
            const QString to = columnRenamedTo(step, column);
            if (to.isEmpty())
                continue;
            const QString path = pathOfKey(column);
            const QString parked =
                QStringLiteral("column ") + path.left(path.lastIndexOf(QLatin1Char('.')) + 1) + to;
            droppers[column] << droppers.value(parked);
        }
    }
}

// The label a rename-enum-value step gives, as the literal a statement would spell it.
QString renamedLabel(const Step& rename)
{
    static const QRegularExpression pattern(
        QStringLiteral("RENAME VALUE '(?:[^']|'')*' TO ('(?:[^']|'')*')"));
    const QRegularExpressionMatch m = pattern.match(rename.sql);
    return m.hasMatch() ? m.captured(1) : QString();
}

bool buildsMaterializedView(const Step& step)
{
    const QString verb = verbOf(step);
    return verb == QLatin1String("build-matview") ||
           (verb == QLatin1String("create-view") &&
            step.sql.contains(QLatin1String("CREATE MATERIALIZED VIEW")));
}

// Whether `step` must wait for `creator` even though that runs in a later phase (the step then
// moves to that phase): a copied column only matters to a materialized view's rows, a renamed
// label only to a statement that spells the new label.
bool needsLaterStep(const Step& step, const Step& creator)
{
    const QString verb = verbOf(creator);
    if (verb == QLatin1String("copy-column"))
        return buildsMaterializedView(step);
    if (verb == QLatin1String("rename-enum-value")) {
        const QString label = renamedLabel(creator);
        return !label.isEmpty() && step.sql.contains(label);
    }
    return true;
}

// Creates wait for what they use within their phase. One that uses what only a later phase
// makes moves to that phase (returned: step index -> phase).
QHash<int, Phase> orderCreates(std::vector<Step>& steps, const catalog::Catalog& target,
                               const StepIndex& creators)
{
    QHash<int, Phase> later;
    for (size_t i = 0; i < steps.size(); ++i) {
        Step& step = steps[i];
        for (const QString& created : createdWithParts(step, target)) {
            for (const QString& used : target.referencedBy(created)) {
                // OWNED BY is set by a step of its own once both exist.
                if (kindOf(created) == QLatin1String("sequence") &&
                    kindOf(used) == QLatin1String("column"))
                    continue;
                for (int j : creatorsOf(used, creators)) {
                    const Step& creator = steps[size_t(j)];
                    if (creator.phase == step.phase &&
                        verbOf(creator) != QLatin1String("copy-column")) {
                        addDependency(step, creator);
                    } else if (int(creator.phase) > int(step.phase) &&
                               needsLaterStep(step, creator)) {
                        addDependency(step, creator);
                        if (int(creator.phase) > int(later.value(int(i), step.phase)))
                            later.insert(int(i), creator.phase);
                    }
                }
            }
        }
    }
    return later;
}

// Moves steps to a later phase, and with them the steps of their old phases that wait for
// them; ids take the new phase's prefix.
void moveToLaterPhases(std::vector<Step>& steps, QHash<int, Phase> later)
{
    if (later.isEmpty())
        return;
    for (auto it = later.begin(); it != later.end(); ++it)
        steps[size_t(it.key())].phase = it.value();
    QHash<QString, int> byId;
    for (size_t i = 0; i < steps.size(); ++i)
        byId.insert(steps[i].id, int(i));
    for (bool moved = true; moved;) {
        moved = false;
        for (size_t i = 0; i < steps.size(); ++i) {
            for (const QString& d : steps[i].dependsOn) {
                const int j = byId.value(d, -1);
                if (j >= 0 && int(steps[size_t(j)].phase) > int(steps[i].phase)) {
                    steps[i].phase = steps[size_t(j)].phase;
                    later.insert(int(i), steps[i].phase);
                    moved = true;
                }
            }
        }
    }
    QHash<QString, QString> renamed;
    for (auto it = later.begin(); it != later.end(); ++it) {
        Step& s = steps[size_t(it.key())];
        const QString id = toString(s.phase) + s.id.mid(s.id.indexOf(QLatin1Char(':')));
        if (id != s.id && !byId.contains(id)) {
            renamed.insert(s.id, id);
            s.id = id;
        }
        s.rationale += QStringLiteral(" Moved to the %1 phase: it uses what that phase makes.")
                           .arg(toString(s.phase));
    }
    for (Step& s : steps)
        for (QString& d : s.dependsOn)
            d = renamed.value(d, d);
}

} // namespace

void orderByDependencies(RecipeContext& ctx, const QHash<QString, QStringList>& recreated)
{
    std::vector<Step>& steps = ctx.steps();
    StepIndex creators;
    StepIndex droppers;
    for (size_t i = 0; i < steps.size(); ++i) {
        const StepObjects objects = objectsOf(steps[i]);
        for (const QString& key : objects.creates + recreated.value(steps[i].id))
            creators[key] << int(i);
        for (const QString& key : objects.drops)
            droppers[key] << int(i);
    }
    addParkedColumns(steps, ctx.database(), droppers);
    orderDrops(steps, ctx.database(), droppers, creators);
    moveToLaterPhases(steps, orderCreates(steps, ctx.target(), creators));
}

} // namespace bellows::plan::deps
