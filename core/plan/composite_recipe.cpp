// A composite type that table columns use changes shape (reference Y1/Y2). Measured on
// PostgreSQL 15: ALTER TYPE … ADD / DROP / RENAME ATTRIBUTE lock no table and rewrite nothing
// (stored values are self-describing: a new attribute reads as NULL, a dropped one is hidden),
// while ALTER ATTRIBUTE … TYPE is refused while a column uses the type. So: added, dropped and
// renamed attributes are done in place; a retyped or reordered attribute takes the swap route —
// a new type of the target shape, each column converted to it (a rewrite of its table, under the
// lock budget), the old type dropped and the new one renamed.

#include "plan/conversion.h"
#include "plan/lock_budget.h"
#include "plan/sql_builders.h"
#include "plan/type_recipe_steps.h"

#include "sql/quote.h"

#include <algorithm>
#include <functional>
#include <optional>

namespace bellows::plan::recipes::detail {

using catalog::CompositeAttribute;
using catalog::CompositeType;
using diff::Change;
using sql::quoteIdent;

namespace {

const CompositeAttribute* attributeOf(const CompositeType& t, const QString& name)
{
    const auto it = std::find_if(t.attributes.begin(), t.attributes.end(),
                                 [&](const CompositeAttribute& a) { return a.name == name; });
    return it == t.attributes.end() ? nullptr : &*it;
}

QString attributeSql(const CompositeAttribute& a)
{
    QString text = quoteIdent(a.name) + QLatin1Char(' ') + a.type;
    if (!a.collation.isEmpty())
        text += QStringLiteral(" COLLATE ") + quotedName(a.collation);
    return text;
}

QString createSql(const QString& name, const CompositeType& t)
{
    QStringList attributes;
    for (const CompositeAttribute& a : t.attributes)
        attributes << attributeSql(a);
    return QStringLiteral("CREATE TYPE ") + name + QStringLiteral(" AS (") +
           attributes.join(QStringLiteral(", ")) + QStringLiteral(");");
}

// One attribute dropped and one added at the same place with the same type: a rename (the
// values are kept), as a person editing the type file means it.
std::optional<std::pair<QString, QString>> renamedAttribute(const CompositeType& before,
                                                            const CompositeType& after)
{
    QStringList dropped;
    QStringList added;
    for (const CompositeAttribute& a : before.attributes)
        if (!attributeOf(after, a.name))
            dropped << a.name;
    for (const CompositeAttribute& a : after.attributes)
        if (!attributeOf(before, a.name))
            added << a.name;
    if (dropped.size() != 1 || added.size() != 1 ||
        before.attributes.size() != after.attributes.size())
        return std::nullopt;
    const auto position = [](const CompositeType& t, const QString& name) {
        return std::find_if(t.attributes.begin(), t.attributes.end(),
                            [&](const CompositeAttribute& a) { return a.name == name; }) -
               t.attributes.begin();
    };
    const CompositeAttribute* was = attributeOf(before, dropped.first());
    const CompositeAttribute* will = attributeOf(after, added.first());
    if (position(before, was->name) != position(after, will->name) || was->type != will->type ||
        was->collation != will->collation)
        return std::nullopt;
    return std::make_pair(was->name, will->name);
}

// True when the kept attributes are in the same order and of the same type: ADD / DROP /
// RENAME ATTRIBUTE reach the target in place.
bool inPlace(const CompositeType& before, const CompositeType& after,
             const std::optional<std::pair<QString, QString>>& rename)
{
    QStringList beforeOrder;
    for (const CompositeAttribute& a : before.attributes) {
        const QString name = rename && rename->first == a.name ? rename->second : a.name;
        const CompositeAttribute* will = attributeOf(after, name);
        if (!will)
            continue;
        if (will->type != a.type || will->collation != a.collation)
            return false;
        beforeOrder << name;
    }
    QStringList afterOrder;
    for (const CompositeAttribute& a : after.attributes)
        if (beforeOrder.contains(a.name))
            afterOrder << a.name;
    // New attributes are appended by ADD ATTRIBUTE: they must come after the kept ones.
    for (qsizetype i = 0, kept = 0; i < qsizetype(after.attributes.size()); ++i) {
        if (beforeOrder.contains(after.attributes[size_t(i)].name))
            ++kept;
        else if (kept < beforeOrder.size())
            return false;
    }
    return beforeOrder == afterOrder;
}

void planInPlace(const Change& c, const CompositeType& before, const CompositeType& after,
                 const std::optional<std::pair<QString, QString>>& rename, RecipeContext& ctx)
{
    const QString alter = QStringLiteral("ALTER TYPE ") + nameOf(c) + QLatin1Char(' ');
    if (rename) {
        Step s = simple(c, Phase::Expand, QStringLiteral("rename-attribute"),
                        QStringLiteral("Rename attribute %1 of type %2 to %3")
                            .arg(quoteIdent(rename->first), nameOf(c), quoteIdent(rename->second)),
                        alter + QStringLiteral("RENAME ATTRIBUTE %1 TO %2;")
                                    .arg(quoteIdent(rename->first), quoteIdent(rename->second)),
                        alter + QStringLiteral("RENAME ATTRIBUTE %1 TO %2;")
                                    .arg(quoteIdent(rename->second), quoteIdent(rename->first)),
                        QStringLiteral("Y1"));
        s.id += QLatin1Char('.') + rename->second;
        s.hazards = {sqlb::hazard(HazardKind::BreaksRunningApp,
                                  QStringLiteral("code that reads (value).%1 fails from now on")
                                      .arg(quoteIdent(rename->first)))};
        s.rationale = QStringLiteral("A catalog update: stored values keep their data; no table "
                                     "is locked or rewritten.");
        ctx.add(std::move(s));
    }
    for (const CompositeAttribute& a : after.attributes) {
        if (attributeOf(before, a.name) || (rename && rename->second == a.name))
            continue;
        Step s = simple(
            c, Phase::Expand, QStringLiteral("add-attribute"),
            QStringLiteral("Add attribute %1 to type %2").arg(quoteIdent(a.name), nameOf(c)),
            alter + QStringLiteral("ADD ATTRIBUTE ") + attributeSql(a) + QLatin1Char(';'),
            alter + QStringLiteral("DROP ATTRIBUTE ") + quoteIdent(a.name) + QLatin1Char(';'),
            QStringLiteral("Y1"));
        s.id += QLatin1Char('.') + a.name;
        s.rationale = QStringLiteral("A catalog update: existing values read NULL for the new "
                                     "attribute; no table is locked or rewritten.");
        ctx.add(std::move(s));
    }
    for (const CompositeAttribute& a : before.attributes) {
        if (attributeOf(after, a.name) || (rename && rename->first == a.name))
            continue;
        Step s = simple(
            c, Phase::Contract, QStringLiteral("drop-attribute"),
            QStringLiteral("Drop attribute %1 of type %2").arg(quoteIdent(a.name), nameOf(c)),
            alter + QStringLiteral("DROP ATTRIBUTE ") + quoteIdent(a.name) + QLatin1Char(';'), {},
            QStringLiteral("Y1"));
        s.id += QLatin1Char('.') + a.name;
        s.irreversibleReason = QStringLiteral("The attribute's values are gone.");
        s.hazards = {
            sqlb::hazard(
                HazardKind::DataLoss,
                QStringLiteral("the values of attribute %1 are dropped").arg(quoteIdent(a.name))),
            sqlb::hazard(
                HazardKind::BreaksRunningApp,
                QStringLiteral("code that reads (value).%1 fails").arg(quoteIdent(a.name)))};
        s.rationale = QStringLiteral("Contract: no running app version reads the attribute. A "
                                     "catalog update; no table is rewritten.");
        ctx.add(std::move(s));
    }
}

// "schema.table.column" (quoted) → raw parts.
QStringList parts(const QString& column)
{
    return sql::splitQualifiedName(column);
}

} // namespace

void planTypeSwap(const Change& c, const TypeSwap& swap, const QStringList& users,
                  RecipeContext& ctx)
{
    QStringList tables;
    for (const QString& u : users) {
        const QStringList p = parts(u);
        if (p.size() == 3 && !tables.contains(p.at(0) + QLatin1Char('.') + p.at(1)))
            tables << p.at(0) + QLatin1Char('.') + p.at(1);
    }
    const plan::detail::BudgetVerdict budget = plan::detail::lockBudget(
        ctx, tables, Work::Rewrite, {c.schema + QLatin1Char('.') + c.name});
    if (!budget.planned()) {
        plan::detail::addOverBudgetFinding(
            ctx, nameOf(c), swap.title,
            QStringLiteral("%1 Converting the columns that use it (%2) to a new one rewrites "
                           "their tables under ACCESS EXCLUSIVE.")
                .arg(swap.why, users.join(QStringLiteral(", "))),
            budget, c.schema + QLatin1Char('.') + c.name,
            {QStringLiteral("Create a new one and swap each column to it with a sync trigger "
                            "and a backfill (Y2)"),
             QStringLiteral("Keep it as it is in the target")},
            QStringLiteral("Y2"));
        return;
    }
    QStringList sql{swap.createTemp};
    if (const QString guard = plan::detail::budgetGuards(tables, budget); !guard.isEmpty())
        sql << guard;
    for (const QString& u : users) {
        const QStringList p = parts(u);
        if (p.size() != 3)
            continue;
        const QString usingClause = swap.usingFor ? swap.usingFor(p.at(2)) : QString();
        sql << sqlb::alterTable(
            p.at(0), p.at(1),
            QStringLiteral("ALTER COLUMN %1 TYPE %2%3")
                .arg(quoteIdent(p.at(2)), swap.tempName,
                     usingClause.isEmpty() ? QString() : QStringLiteral(" USING ") + usingClause));
    }
    sql << swap.dropOld << swap.renameTemp << swap.after;
    sql.removeAll(QString());
    Step s = simple(c, Phase::Expand, QStringLiteral("swap-type"), swap.title,
                    sql.join(QLatin1Char('\n')), {}, QStringLiteral("Y2"));
    s.irreversibleReason = QStringLiteral("Plan the old definition again to go back.");
    s.work = tables.isEmpty() ? Work::None : Work::Rewrite;
    for (const QString& t : tables) {
        const qsizetype dot = t.indexOf(QLatin1Char('.'));
        s.locks.push_back(
            sqlb::lock(LockMode::AccessExclusive, t.left(dot), t.mid(dot + 1), false));
    }
    if (!tables.isEmpty())
        s.hazards = {sqlb::hazard(HazardKind::Rewrite,
                                  QStringLiteral("ALTER COLUMN … TYPE rewrites %1 under ACCESS "
                                                 "EXCLUSIVE")
                                      .arg(tables.join(QStringLiteral(", "))))};
    s.rationale = tables.isEmpty()
                      ? QStringLiteral("No column uses it: re-created in one transaction.")
                      : plan::detail::budgetRationale(
                            budget, QStringLiteral("Converting the columns to the new "
                                                   "definition (a rewrite)"));
    ctx.add(std::move(s));
}

namespace {

// An attribute whose values could change on the way (numeric → int rounds, text → varchar(1)
// cuts): no probe reads inside composite values, so such a reshape is refused while columns
// hold the type. Bellows never changes a value silently.
bool refusesLossyAttribute(const Change& c, const CompositeType& before, const CompositeType& after,
                           const QStringList& users, RecipeContext& ctx)
{
    if (users.isEmpty())
        return false;
    for (const CompositeAttribute& a : after.attributes) {
        const CompositeAttribute* old = attributeOf(before, a.name);
        if (!old || convertsExactly(old->type, a.type))
            continue;
        finding(ctx, Finding::Severity::Blocking, nameOf(c),
                QStringLiteral("Attribute %1 of composite type %2 changes from %3 to %4: values "
                               "could change")
                    .arg(quoteIdent(a.name), nameOf(c), old->type, a.type),
                QStringLiteral("Columns of the type (%1) hold values the conversion could round "
                               "or cut, and Bellows cannot check values inside composite "
                               "values.")
                    .arg(users.join(QStringLiteral(", "))),
                {QStringLiteral("Keep the attribute's type, or widen it (integer → bigint, "
                                "varchar(n) → text)"),
                 QStringLiteral("Convert the columns by hand, then plan again")},
                QStringLiteral("Y2"));
        return true;
    }
    return false;
}

void planSwap(const Change& c, const CompositeType& before, const CompositeType& after,
              const QStringList& users, RecipeContext& ctx)
{
    if (refusesLossyAttribute(c, before, after, users, ctx))
        return;
    const QString tempName =
        sql::qualified(c.schema, sqlb::boundedName(c.name, QStringLiteral("_bellows_new")));
    TypeSwap swap;
    swap.title = QStringLiteral("Convert the columns of type %1 to its new shape").arg(nameOf(c));
    swap.why = QStringLiteral("PostgreSQL refuses ALTER ATTRIBUTE … TYPE while columns use the "
                              "type.");
    swap.createTemp = createSql(tempName, after);
    swap.tempName = tempName;
    swap.dropOld = QStringLiteral("DROP TYPE ") + nameOf(c) + QLatin1Char(';');
    swap.renameTemp =
        QStringLiteral("ALTER TYPE %1 RENAME TO %2;").arg(tempName, quoteIdent(c.name));
    swap.usingFor = [before, after, tempName](const QString& column) {
        QStringList fields;
        for (const CompositeAttribute& a : after.attributes)
            fields << (attributeOf(before, a.name)
                           ? QStringLiteral("(%1).%2").arg(quoteIdent(column), quoteIdent(a.name))
                           : QStringLiteral("NULL"));
        // num_nulls: a NULL value, not a row of NULLs (IS NULL says both).
        return QStringLiteral("CASE WHEN num_nulls(%1) = 1 THEN NULL ELSE ROW(%3)::%2 END")
            .arg(quoteIdent(column), tempName, fields.join(QStringLiteral(", ")));
    };
    planTypeSwap(c, swap, users, ctx);
}

} // namespace

void planCompositeShape(const Change& c, const CompositeType& before, const CompositeType& after,
                        const QStringList& users, RecipeContext& ctx)
{
    const auto rename = renamedAttribute(before, after);
    if (inPlace(before, after, rename))
        planInPlace(c, before, after, rename, ctx);
    else
        planSwap(c, before, after, users, ctx);
}

} // namespace bellows::plan::recipes::detail
