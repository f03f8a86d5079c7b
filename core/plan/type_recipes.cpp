// Enums (N1–N3), domains, composite types and sequences (Q1–Q2).

#include "plan/conversion.h"
#include "plan/lock_budget.h"
#include "plan/recipes.h"
#include "plan/sql_builders.h"
#include "plan/type_recipe_steps.h"
#include "sql/quote.h"

#include <algorithm>

namespace bellows::plan::recipes {

using diff::Action;
using diff::Change;
using sql::qualified;
using sql::quoteIdent;
using sql::quoteLiteral;

namespace detail {

void finding(RecipeContext& ctx, Finding::Severity severity, const QString& object,
             const QString& title, const QString& reason, const QStringList& options,
             const QString& row)
{
    ctx.addFinding({severity, object, title, reason, options, row});
}

QString stepId(Phase phase, const QString& verb, const Change& c)
{
    const QString path = c.schema.isEmpty() ? c.name : c.schema + QLatin1Char('.') + c.name;
    return toString(phase) + QLatin1Char(':') + verb + QLatin1Char(':') + path;
}

QString nameOf(const Change& c)
{
    return c.schema.isEmpty() ? quoteIdent(c.name) : qualified(c.schema, c.name);
}

QString literalOrNull(const QString& value)
{
    return value.isEmpty() ? QStringLiteral("NULL") : quoteLiteral(value);
}

QString quotedName(const QString& text)
{
    return sqlb::catalogName(text);
}

Step simple(const Change& c, Phase phase, const QString& verb, const QString& title,
            const QString& sql, const QString& rollback, const QString& row)
{
    Step s{.id = stepId(phase, verb, c), .phase = phase, .title = title, .sql = sql};
    s.rollbackSql = rollback;
    s.referenceRow = row;
    return s;
}

// M2: COMMENT ON <what> IS ... (SHARE UPDATE EXCLUSIVE on a relation, nothing on a type).
void comment(const Change& c, const QString& what, const QString& to, const QString& from,
             const QString& after, RecipeContext& ctx, const QString& lockedRelation)
{
    const QString head = QStringLiteral("COMMENT ON ") + what + QLatin1Char(' ') + nameOf(c) +
                         QStringLiteral(" IS ");
    Step s = simple(c, Phase::Expand, QStringLiteral("comment"),
                    QStringLiteral("Set the comment of %1 %2").arg(what.toLower(), nameOf(c)),
                    head + literalOrNull(to) + QLatin1Char(';'),
                    head + literalOrNull(from) + QLatin1Char(';'), QStringLiteral("M2"));
    if (!lockedRelation.isEmpty())
        s.locks.push_back({LockMode::ShareUpdateExclusive, lockedRelation, true});
    if (!after.isEmpty())
        s.dependsOn << after;
    s.rationale = QStringLiteral("Comments never affect the application.");
    ctx.add(std::move(s));
}

void commentIfChanged(const Change& c, const QString& what, const QString& after,
                      RecipeContext& ctx, const QString& lockedRelation)
{
    if (const diff::AttributeChange* a = c.attribute(QStringLiteral("comment")))
        comment(c, what, a->to, a->from, after, ctx, lockedRelation);
}

} // namespace detail

using namespace detail;

namespace {

// Live columns whose type is `schema.name` (or an array of it) and that this plan neither
// drops nor changes: they keep the type in use.
QStringList columnsStillUsing(const Change& c, RecipeContext& ctx, QStringList* drops = nullptr)
{
    QStringList out;
    for (const catalog::Table& t : ctx.database().tables) {
        for (const catalog::Column& col : t.columns) {
            QString type = col.type;
            if (type.endsWith(QStringLiteral("[]")))
                type.chop(2);
            if (col.typeSchema != c.schema || (type != c.name && type != quoteIdent(c.name) &&
                                               type != qualified(c.schema, c.name)))
                continue;
            const Change* table = ctx.changes().find(diff::ObjectKind::Table, t.schema, {}, t.name);
            const Change* cc =
                ctx.changes().find(diff::ObjectKind::Column, t.schema, t.name, col.name);
            const bool tableGoes = table && table->action == Action::Removed;
            if (drops && (tableGoes || (cc && cc->action == Action::Removed)))
                *drops << (tableGoes
                               ? QStringLiteral("contract:drop-table:%1.%2").arg(t.schema, t.name)
                               : QStringLiteral("contract:drop-column:%1.%2.%3")
                                     .arg(t.schema, t.name, col.name));
            // A column moved off the type by a column swap keeps it until its parked copy goes.
            if (drops && !tableGoes && cc && cc->action != Action::Removed &&
                cc->attribute(QStringLiteral("type")))
                *drops << QStringLiteral("contract:drop-column:%1.%2.%3")
                              .arg(t.schema, t.name,
                                   sqlb::boundedName(col.name, QStringLiteral("_bellows_old")));
            if (tableGoes ||
                (cc && (cc->action == Action::Removed || cc->attribute(QStringLiteral("type")))))
                continue;
            out << qualified(t.schema, t.name) + QLatin1Char('.') + quoteIdent(col.name);
        }
    }
    return out;
}

// A type dropped in contract; blocking while live columns still use it.
void dropType(const Change& c, const QString& what, const QString& recreate, const QString& row,
              RecipeContext& ctx)
{
    QStringList drops;
    const QStringList users = columnsStillUsing(c, ctx, &drops);
    if (!users.isEmpty()) {
        finding(ctx, Finding::Severity::Blocking, nameOf(c),
                QStringLiteral("%1 %2 is still used").arg(what, nameOf(c)),
                QStringLiteral("Columns still use it and the plan does not change them: "
                               "%1. DROP without CASCADE would fail.")
                    .arg(users.join(QStringLiteral(", "))),
                {QStringLiteral("Change or drop those columns in the target schema"),
                 QStringLiteral("Keep the type in the target schema")},
                row);
    }
    const QString word = what.toUpper();
    Step s = simple(c, Phase::Contract, QStringLiteral("drop-") + what.toLower(),
                    QStringLiteral("Drop %1 %2").arg(what.toLower(), nameOf(c)),
                    QStringLiteral("DROP ") + word + QStringLiteral(" IF EXISTS ") + nameOf(c) +
                        QLatin1Char(';'),
                    recreate, row);
    s.dependsOn = drops; // ids of the table and column recipes' contract drops
    s.rationale = QStringLiteral("After the columns that used it are gone; never CASCADE.");
    ctx.add(std::move(s));
}

QString enumCreate(const Change& c, const QStringList& labels)
{
    QStringList quoted;
    for (const QString& label : labels)
        quoted << quoteLiteral(label);
    return QStringLiteral("CREATE TYPE ") + nameOf(c) + QStringLiteral(" AS ENUM (") +
           quoted.join(QStringLiteral(", ")) + QStringLiteral(");");
}

void enumChanged(const Change& c, const catalog::EnumType& before, const catalog::EnumType& after,
                 RecipeContext& ctx)
{
    const diff::EnumDelta& delta = *c.enumDelta;
    const std::vector<diff::EnumLabelAddition>& added = delta.added;
    const QStringList& removed = delta.removed;

    // One label gone and one new at the same position: most likely a rename (N2).
    if (removed.size() == 1 && added.size() == 1 && !delta.reordered &&
        before.labels.indexOf(removed.first()) == after.labels.indexOf(added.front().label)) {
        const QString from = quoteLiteral(removed.first());
        const QString to = quoteLiteral(added.front().label);
        const QString sql = QStringLiteral("ALTER TYPE %1 RENAME VALUE %2 TO %3;");
        Step s = simple(c, Phase::Contract, QStringLiteral("rename-enum-value"),
                        QStringLiteral("Rename label %1 of %2 to %3").arg(from, nameOf(c), to),
                        sql.arg(nameOf(c), from, to), sql.arg(nameOf(c), to, from),
                        QStringLiteral("N2"));
        s.hazards.push_back({HazardKind::BreaksRunningApp,
                             QStringLiteral("Code still writing or comparing the old label "
                                            "fails at once")});
        s.rationale = QStringLiteral(
            "The only way to reach the target, since a label cannot be dropped. Instant, but "
            "it breaks whichever app version uses the old label, so it waits for the contract "
            "phase, when only the new version runs.");
        ctx.add(std::move(s));
        finding(ctx, Finding::Severity::Warning, nameOf(c),
                QStringLiteral("Enum label %1 renamed to %2").arg(from, to),
                QStringLiteral("A removed and an added label at the same position are "
                               "planned as a rename in the contract phase. The new app "
                               "version must keep writing the old label until then."),
                {QStringLiteral("Accept the rename in contract"),
                 QStringLiteral("Keep both labels: add the new one, migrate rows, forbid "
                                "the old one with a CHECK (N2)")},
                QStringLiteral("N2"));
        return;
    }
    if (!removed.isEmpty()) {
        QStringList quoted;
        for (const QString& label : removed)
            quoted << quoteLiteral(label);
        finding(ctx, Finding::Severity::Blocking, nameOf(c),
                QStringLiteral("Enum labels cannot be removed"),
                QStringLiteral("PostgreSQL has no DROP VALUE; %1 would stay in %2.")
                    .arg(quoted.join(QStringLiteral(", ")), nameOf(c)),
                {QStringLiteral("Keep the label in the target; stop writing it, migrate "
                                "rows, forbid it with CHECK (col <> 'label') NOT VALID + "
                                "VALIDATE (K1)"),
                 QStringLiteral("Create a new enum type and swap each column to it (Y2)"),
                 QStringLiteral("Move the columns to text + CHECK or a lookup table")},
                QStringLiteral("N3"));
    }
    if (delta.reordered) {
        finding(ctx, Finding::Severity::Blocking, nameOf(c),
                QStringLiteral("Enum labels cannot be reordered"),
                QStringLiteral("Existing labels of %1 are in another order in the target.")
                    .arg(nameOf(c)),
                {QStringLiteral("Keep the current order in the target"),
                 QStringLiteral("Create a new enum type and swap each column to it (Y2)")},
                QStringLiteral("N3"));
    }
    QString previous;
    for (const diff::EnumLabelAddition& a : added) {
        QString position;
        if (!a.after.isEmpty() && after.labels.indexOf(a.after) >= 0)
            position = QStringLiteral(" AFTER ") + quoteLiteral(a.after);
        else if (!a.before.isEmpty())
            position = QStringLiteral(" BEFORE ") + quoteLiteral(a.before);
        Step s = simple(c, Phase::Expand, QStringLiteral("add-enum-value"),
                        QStringLiteral("Add label %1 to %2").arg(quoteLiteral(a.label), nameOf(c)),
                        QStringLiteral("ALTER TYPE ") + nameOf(c) +
                            QStringLiteral(" ADD VALUE IF NOT EXISTS ") + quoteLiteral(a.label) +
                            position + QLatin1Char(';'),
                        {}, QStringLiteral("N1"));
        s.id += QLatin1Char('.') + a.label;
        s.irreversibleReason = QStringLiteral("PostgreSQL cannot remove an enum label; leave it "
                                              "unused.");
        s.hazards.push_back(
            {HazardKind::Irreversible, QStringLiteral("The label stays in the type for good")});
        // Before 12 ADD VALUE is refused inside a transaction block.
        s.outsideTransaction = ctx.major() > 0 && ctx.major() < 12;
        if (s.outsideTransaction) {
            s.hazards.push_back({HazardKind::OutsideTransaction,
                                 QStringLiteral("PostgreSQL %1 refuses ADD VALUE in a "
                                                "transaction block")
                                     .arg(ctx.major())});
        }
        if (!previous.isEmpty())
            s.dependsOn << previous;
        s.rationale = QStringLiteral(
            "No table lock. Runs in its own transaction: the label cannot be used before it "
            "commits. Old code may not understand the new label when it reads it.");
        previous = ctx.add(std::move(s)).id;
    }
}

// "check <name>", "check <name> validity" or "check <name> comment": the name displayed
// (quoted as needed), and what the attribute is about after it.
QString domainCheckName(const QString& attribute, QString* aspect = nullptr)
{
    QString rest = attribute.mid(6);
    for (const QString& suffix : {QStringLiteral(" validity"), QStringLiteral(" comment")}) {
        if (rest.endsWith(suffix)) {
            rest.chop(suffix.size());
            if (aspect)
                *aspect = suffix.mid(1);
        }
    }
    return sql::splitQualifiedName(rest).value(0, rest);
}

QString domainCheckComment(const QString& domain, const QString& check, const QString& comment)
{
    return QStringLiteral("COMMENT ON CONSTRAINT ") + quoteIdent(check) +
           QStringLiteral(" ON DOMAIN ") + domain + QStringLiteral(" IS ") +
           literalOrNull(comment) + QLatin1Char(';');
}

QString domainCreate(const Change& c, const catalog::Domain& d)
{
    QString sql =
        QStringLiteral("CREATE DOMAIN ") + nameOf(c) + QStringLiteral(" AS ") + d.baseType;
    if (!d.collation.isEmpty())
        sql += QStringLiteral(" COLLATE ") + quotedName(d.collation);
    if (!d.defaultExpr.isEmpty())
        sql += QStringLiteral(" DEFAULT ") + d.defaultExpr;
    if (d.notNull)
        sql += QStringLiteral(" NOT NULL");
    for (const catalog::DomainCheck& check : d.checks)
        sql += QStringLiteral(" CONSTRAINT ") + quoteIdent(check.name) + QLatin1Char(' ') +
               check.definition;
    sql += QLatin1Char(';');
    for (const catalog::DomainCheck& check : d.checks) {
        if (!check.comment.isEmpty())
            sql += QLatin1Char('\n') + domainCheckComment(nameOf(c), check.name, check.comment);
    }
    return sql;
}

// Domain checks are proven with SHARE on every table using the domain (writes blocked).
void sharedScan(Step& s, const QStringList& users)
{
    for (const QString& u : users) {
        const Lock lock{LockMode::Share, u.left(u.lastIndexOf(QLatin1Char('.'))), false};
        if (std::find(s.locks.begin(), s.locks.end(), lock) == s.locks.end())
            s.locks.push_back(lock);
    }
    s.work = Work::Scan;
    s.hazards.push_back({HazardKind::BlocksWrites, QStringLiteral("Scans every column using the "
                                                                  "domain under SHARE")});
}

// "schema.table" keys (raw names) of the tables behind qualified column names.
QStringList tablesOf(const QStringList& columns)
{
    QStringList out;
    for (const QString& column : columns) {
        const QStringList parts = sql::splitQualifiedName(column);
        if (parts.size() == 3 && !out.contains(parts.at(0) + QLatin1Char('.') + parts.at(1)))
            out << parts.at(0) + QLatin1Char('.') + parts.at(1);
    }
    return out;
}

void domainChanged(const Change& c, const catalog::Domain& before, const catalog::Domain& after,
                   RecipeContext& ctx)
{
    const QString alter = QStringLiteral("ALTER DOMAIN ") + nameOf(c) + QLatin1Char(' ');
    const QStringList users = columnsStillUsing(c, ctx);
    if (c.attribute(QStringLiteral("base type")) && !users.isEmpty() &&
        !convertsExactly(before.baseType, after.baseType)) {
        finding(ctx, Finding::Severity::Blocking, nameOf(c),
                QStringLiteral("Domain %1 changes its base type from %2 to %3: values could "
                               "change")
                    .arg(nameOf(c), before.baseType, after.baseType),
                QStringLiteral("The columns of the domain (%1) would be converted in place, and "
                               "the conversion could round or cut values.")
                    .arg(users.join(QStringLiteral(", "))),
                {QStringLiteral("Widen the base type instead (integer → bigint, varchar(n) → "
                                "text)"),
                 QStringLiteral("Change the columns' type in the target (each is then converted "
                                "through a checked backfill), then the domain")},
                QStringLiteral("Y2"));
        return;
    }
    if (c.attribute(QStringLiteral("base type")) || c.attribute(QStringLiteral("collation"))) {
        // ALTER DOMAIN cannot change them: a new domain, the columns converted to it.
        const QString temp =
            qualified(c.schema, sqlb::boundedName(c.name, QStringLiteral("_bellows_new")));
        TypeSwap swap;
        swap.title = QStringLiteral("Re-create domain %1 on its new base type").arg(nameOf(c));
        swap.why = QStringLiteral("ALTER DOMAIN cannot change the base type or collation.");
        swap.createTemp = domainCreate(c, after).replace(
            QStringLiteral("CREATE DOMAIN ") + nameOf(c), QStringLiteral("CREATE DOMAIN ") + temp);
        swap.tempName = temp;
        swap.dropOld = QStringLiteral("DROP DOMAIN ") + nameOf(c) + QLatin1Char(';');
        swap.renameTemp =
            QStringLiteral("ALTER DOMAIN %1 RENAME TO %2;").arg(temp, quoteIdent(c.name));
        if (!after.comment.isEmpty())
            swap.after = QStringLiteral("COMMENT ON DOMAIN %1 IS %2;")
                             .arg(nameOf(c), quoteLiteral(after.comment));
        planTypeSwap(c, swap, users, ctx);
        return;
    }
    if (c.attribute(QStringLiteral("default"))) {
        auto set = [&](const catalog::Domain& d) -> QString {
            return alter + (d.defaultExpr.isEmpty() ? QStringLiteral("DROP DEFAULT;")
                                                    : QStringLiteral("SET DEFAULT ") +
                                                          d.defaultExpr + QLatin1Char(';'));
        };
        Step s = simple(c, Phase::Expand, QStringLiteral("domain-default"),
                        QStringLiteral("Change the default of domain %1").arg(nameOf(c)),
                        set(after), set(before), QStringLiteral("C9"));
        s.rationale = QStringLiteral("Affects future inserts only; no table lock.");
        ctx.add(std::move(s));
    }
    // Validating anything on a domain locks every table using it with SHARE for the scan:
    // planned when the scan of those tables fits the lock budget (their real size) or the
    // downtime was accepted; a blocking finding otherwise.
    const QStringList userTables = tablesOf(users);
    const plan::detail::BudgetVerdict budget = plan::detail::lockBudget(
        ctx, userTables, Work::Scan, {c.schema + QLatin1Char('.') + c.name});
    auto scanBudget = [&](Step& s, const QString& what) {
        if (!budget.planned()) {
            plan::detail::addOverBudgetFinding(
                ctx, nameOf(c),
                QStringLiteral("%1 on domain %2 scans its columns").arg(what, nameOf(c)),
                QStringLiteral("PostgreSQL checks every column using the domain while "
                               "holding SHARE on its table (writes blocked): %1.")
                    .arg(users.join(QStringLiteral(", "))),
                budget, c.schema + QLatin1Char('.') + c.name,
                {QStringLiteral("Add CHECK constraints on the columns instead (K1: NOT "
                                "VALID + VALIDATE)"),
                 QStringLiteral("Leave the domain constraint NOT VALID in the target")},
                QStringLiteral("K1"));
            return;
        }
        const QString guard =
            budget.empty ? QString()
                         : plan::detail::budgetGuards(userTables, budget, QStringLiteral("SHARE"));
        if (!guard.isEmpty())
            s.sql = guard + QLatin1Char('\n') + s.sql;
        s.rationale = plan::detail::budgetRationale(
            budget, QStringLiteral("%1 (a scan of the columns using the domain)").arg(what));
    };
    if (c.attribute(QStringLiteral("nullability"))) {
        const bool tighten = after.notNull;
        Step s = simple(
            c, tighten ? Phase::Tighten : Phase::Expand, QStringLiteral("domain-not-null"),
            QStringLiteral("%1 NOT NULL on domain %2")
                .arg(tighten ? QStringLiteral("Set") : QStringLiteral("Drop"), nameOf(c)),
            alter + (tighten ? QStringLiteral("SET NOT NULL;") : QStringLiteral("DROP NOT NULL;")),
            alter + (tighten ? QStringLiteral("DROP NOT NULL;") : QStringLiteral("SET NOT NULL;")),
            QStringLiteral("C7"));
        if (tighten && !users.isEmpty()) {
            sharedScan(s, users);
            scanBudget(s, QStringLiteral("SET NOT NULL"));
        }
        ctx.add(std::move(s));
    }
    // Checks: attributes "check <name>" (added, removed, changed) and "check <name> validity".
    auto find = [](const catalog::Domain& d, const QString& name) {
        const auto it = std::find_if(d.checks.begin(), d.checks.end(),
                                     [&](const catalog::DomainCheck& k) { return k.name == name; });
        return it == d.checks.end() ? nullptr : &*it;
    };
    auto body = [](const catalog::DomainCheck& k) -> QString {
        const bool notValid = k.definition.endsWith(QStringLiteral(" NOT VALID"));
        return notValid ? k.definition.chopped(10) : k.definition;
    };
    // A check whose definition changes is dropped and added again: the add carries its comment.
    auto recreated = [&](const QString& name) {
        return std::any_of(c.attributes.begin(), c.attributes.end(), [&](const auto& other) {
            QString aspect;
            return other.attribute.startsWith(QStringLiteral("check ")) &&
                   domainCheckName(other.attribute, &aspect) == name && aspect.isEmpty();
        });
    };
    for (const diff::AttributeChange& a : c.attributes) {
        if (!a.attribute.startsWith(QStringLiteral("check ")))
            continue;
        QString aspect;
        const QString name = domainCheckName(a.attribute, &aspect);
        const catalog::DomainCheck* was = find(before, name);
        const catalog::DomainCheck* will = find(after, name);
        if (aspect == QLatin1String("comment")) {
            if (!recreated(name)) {
                Step s = simple(c, Phase::Expand, QStringLiteral("comment-domain-check"),
                                QStringLiteral("Set the comment of check %1 of domain %2")
                                    .arg(quoteIdent(name), nameOf(c)),
                                domainCheckComment(nameOf(c), name, a.to),
                                domainCheckComment(nameOf(c), name, a.from), QStringLiteral("M2"));
                s.id += QLatin1Char('.') + name;
                s.rationale = QStringLiteral("Comments never affect the application.");
                ctx.add(std::move(s));
            }
            continue;
        }
        const bool validityOnly = aspect == QLatin1String("validity");
        const QString dropSql = alter + QStringLiteral("DROP CONSTRAINT IF EXISTS ") +
                                quoteIdent(name) + QLatin1Char(';');
        QString previous;
        if (was && (!will || !validityOnly)) {
            Step s = simple(
                c, Phase::Expand, QStringLiteral("drop-domain-check"),
                QStringLiteral("Drop check %1 of domain %2").arg(quoteIdent(name), nameOf(c)),
                dropSql,
                alter + QStringLiteral("ADD CONSTRAINT ") + quoteIdent(name) + QLatin1Char(' ') +
                    body(*was) + QStringLiteral(" NOT VALID;"),
                QStringLiteral("K6"));
            s.id += QLatin1Char('.') + name;
            s.rationale = QStringLiteral("Loosening a rule is safe before the deploy.");
            previous = ctx.add(std::move(s)).id;
        }
        if (!will)
            continue;
        if (!validityOnly) {
            Step s =
                simple(c, Phase::Tighten, QStringLiteral("add-domain-check"),
                       QStringLiteral("Add check %1 to domain %2 without validating")
                           .arg(quoteIdent(name), nameOf(c)),
                       alter + QStringLiteral("ADD CONSTRAINT ") + quoteIdent(name) +
                           QLatin1Char(' ') + body(*will) +
                           (users.isEmpty() ? QStringLiteral(";") : QStringLiteral(" NOT VALID;")),
                       dropSql, QStringLiteral("K1"));
            if (!will->comment.isEmpty())
                s.sql += QLatin1Char('\n') + domainCheckComment(nameOf(c), name, will->comment);
            s.id += QLatin1Char('.') + name;
            if (!previous.isEmpty())
                s.dependsOn << previous;
            s.rationale = users.isEmpty()
                              ? QStringLiteral("No column uses the domain: nothing to scan.")
                              : QStringLiteral("NOT VALID checks new values only; no scan.");
            previous = ctx.add(std::move(s)).id;
        }
        if (will->validated && !users.isEmpty()) {
            Step s = simple(
                c, Phase::Tighten, QStringLiteral("validate-domain-check"),
                QStringLiteral("Validate check %1 of domain %2").arg(quoteIdent(name), nameOf(c)),
                alter + QStringLiteral("VALIDATE CONSTRAINT ") + quoteIdent(name) +
                    QLatin1Char(';'),
                {}, QStringLiteral("K1"));
            s.id += QLatin1Char('.') + name;
            s.irreversibleReason = QStringLiteral("Validation changes no data.");
            sharedScan(s, users);
            if (!previous.isEmpty())
                s.dependsOn << previous;
            scanBudget(s, QStringLiteral("VALIDATE CONSTRAINT %1").arg(quoteIdent(name)));
            ctx.add(std::move(s));
        }
    }
    commentIfChanged(c, QStringLiteral("DOMAIN"), {}, ctx);
}

QString compositeCreate(const Change& c, const catalog::CompositeType& t)
{
    QStringList attributes;
    for (const catalog::CompositeAttribute& a : t.attributes) {
        QString text = quoteIdent(a.name) + QLatin1Char(' ') + a.type;
        if (!a.collation.isEmpty())
            text += QStringLiteral(" COLLATE ") + quotedName(a.collation);
        attributes << text;
    }
    return QStringLiteral("CREATE TYPE ") + nameOf(c) + QStringLiteral(" AS (") +
           attributes.join(QStringLiteral(", ")) + QStringLiteral(");");
}

QString sequenceOptions(const catalog::Sequence& s, const Change* only)
{
    QStringList out;
    auto wanted = [&](const char* attribute) {
        return !only || only->attribute(QString::fromLatin1(attribute));
    };
    if (wanted("data type") && !s.dataType.isEmpty())
        out << QStringLiteral("AS ") + s.dataType;
    if (wanted("increment"))
        out << QStringLiteral("INCREMENT BY %1").arg(s.increment);
    if (wanted("min value"))
        out << QStringLiteral("MINVALUE %1").arg(s.minValue);
    if (wanted("max value") && (only || s.maxValue != 0))
        out << QStringLiteral("MAXVALUE %1").arg(s.maxValue);
    if (wanted("start"))
        out << QStringLiteral("START WITH %1").arg(s.start);
    if (wanted("cache"))
        out << QStringLiteral("CACHE %1").arg(s.cache);
    if (wanted("cycle"))
        out << (s.cycle ? QStringLiteral("CYCLE") : QStringLiteral("NO CYCLE"));
    return out.join(QLatin1Char(' '));
}

QString ownedBy(const catalog::Sequence& s)
{
    if (s.ownedByTable.isEmpty() || s.ownedByColumn.isEmpty())
        return QStringLiteral("NONE");
    return qualified(s.ownedBySchema, s.ownedByTable) + QLatin1Char('.') +
           quoteIdent(s.ownedByColumn);
}

void sequenceOwnedBy(const Change& c, const catalog::Sequence& to, const catalog::Sequence* from,
                     const QString& after, RecipeContext& ctx)
{
    const QString head =
        QStringLiteral("ALTER SEQUENCE ") + nameOf(c) + QStringLiteral(" OWNED BY ");
    // A column created by this plan exists only after the expand steps.
    const catalog::Table* live = ctx.liveTable(to.ownedBySchema, to.ownedByTable);
    const bool newColumn = !to.ownedByTable.isEmpty() && (!live || !live->column(to.ownedByColumn));
    Step s = simple(c, newColumn ? Phase::Tighten : Phase::Expand, QStringLiteral("sequence-owner"),
                    QStringLiteral("Tie sequence %1 to %2").arg(nameOf(c), ownedBy(to)),
                    head + ownedBy(to) + QLatin1Char(';'),
                    head + (from ? ownedBy(*from) : QStringLiteral("NONE")) + QLatin1Char(';'),
                    QStringLiteral("Q2"));
    s.locks.push_back({LockMode::ShareRowExclusive, nameOf(c), true});
    if (!after.isEmpty())
        s.dependsOn << after;
    s.rationale = newColumn ? QStringLiteral("After the expand steps that create the column.")
                            : QStringLiteral("Catalog update; nextval() waits briefly.");
    ctx.add(std::move(s));
}

// A new type (nothing uses it yet), with its comment.
void createType(const Change& c, const QString& verb, const QString& what, const QString& sql,
                const QString& drop, const QString& comment, RecipeContext& ctx)
{
    Step s = simple(c, Phase::Expand, verb, QStringLiteral("Create %1 %2").arg(what, nameOf(c)),
                    sql, drop + QStringLiteral(" IF EXISTS ") + nameOf(c) + QLatin1Char(';'),
                    QStringLiteral("T1"));
    s.rationale = QStringLiteral("A new type: nothing uses it yet.");
    const QString id = ctx.add(std::move(s)).id;
    if (!comment.isEmpty())
        ::bellows::plan::recipes::comment(c, drop.mid(5), comment, {}, id, ctx);
}

} // namespace

void planEnum(const Change& change, RecipeContext& ctx)
{
    const auto* before = change.beforeAs<catalog::EnumType>();
    const auto* after = change.afterAs<catalog::EnumType>();
    switch (change.action) {
    case Action::Added:
        if (after)
            createType(change, QStringLiteral("create-enum"), QStringLiteral("enum type"),
                       enumCreate(change, after->labels), QStringLiteral("DROP TYPE"),
                       after->comment, ctx);
        return;
    case Action::Removed:
        if (before)
            dropType(change, QStringLiteral("Type"), enumCreate(change, before->labels),
                     QStringLiteral("N3"), ctx);
        return;
    default:
        break;
    }
    if (before && after && change.enumDelta)
        enumChanged(change, *before, *after, ctx);
    commentIfChanged(change, QStringLiteral("TYPE"), {}, ctx);
}

void planDomain(const Change& change, RecipeContext& ctx)
{
    const auto* before = change.beforeAs<catalog::Domain>();
    const auto* after = change.afterAs<catalog::Domain>();
    switch (change.action) {
    case Action::Added:
        if (after)
            createType(change, QStringLiteral("create-domain"), QStringLiteral("domain"),
                       domainCreate(change, *after), QStringLiteral("DROP DOMAIN"), after->comment,
                       ctx);
        return;
    case Action::Removed:
        if (before)
            dropType(change, QStringLiteral("Domain"), domainCreate(change, *before),
                     QStringLiteral("C6"), ctx);
        return;
    default:
        break;
    }
    if (before && after)
        domainChanged(change, *before, *after, ctx);
}

void planCompositeType(const Change& change, RecipeContext& ctx)
{
    const auto* before = change.beforeAs<catalog::CompositeType>();
    const auto* after = change.afterAs<catalog::CompositeType>();
    switch (change.action) {
    case Action::Added:
        if (after)
            createType(change, QStringLiteral("create-type"), QStringLiteral("composite type"),
                       compositeCreate(change, *after), QStringLiteral("DROP TYPE"), after->comment,
                       ctx);
        return;
    case Action::Removed:
        if (before)
            dropType(change, QStringLiteral("Type"), compositeCreate(change, *before),
                     QStringLiteral("C6"), ctx);
        return;
    default:
        break;
    }
    if (!before || !after)
        return;
    bool structural = false;
    for (const diff::AttributeChange& a : change.attributes)
        structural = structural || a.attribute != QStringLiteral("comment");
    const QStringList users = columnsStillUsing(change, ctx);
    if (structural && !users.isEmpty()) {
        planCompositeShape(change, *before, *after, users, ctx);
    } else if (structural && change.attribute(QStringLiteral("attribute order"))) {
        finding(ctx, Finding::Severity::Blocking, nameOf(change),
                QStringLiteral("Composite type %1 changes shape").arg(nameOf(change)),
                users.isEmpty()
                    ? QStringLiteral("PostgreSQL cannot reorder the attributes of a type.")
                    : QStringLiteral("Columns use it (%1): ALTER TYPE would rewrite or be "
                                     "refused.")
                          .arg(users.join(QStringLiteral(", "))),
                {QStringLiteral("Create a new type and swap each column to it (Y2)"),
                 QStringLiteral("Keep the type's shape in the target")},
                QStringLiteral("Y2"));
    } else if (structural) {
        // Unused by any table: re-created in one transaction (a catalog update only).
        Step s = simple(change, Phase::Expand, QStringLiteral("recreate-type"),
                        QStringLiteral("Re-create composite type %1").arg(nameOf(change)),
                        QStringLiteral("DROP TYPE ") + nameOf(change) + QStringLiteral(";\n") +
                            compositeCreate(change, *after),
                        QStringLiteral("DROP TYPE ") + nameOf(change) + QStringLiteral(";\n") +
                            compositeCreate(change, *before),
                        QStringLiteral("Y1"));
        s.rationale = QStringLiteral("No table column uses the type. Never CASCADE: the drop "
                                     "fails while functions or other types use it.");
        ctx.add(std::move(s));
    }
    commentIfChanged(change, QStringLiteral("TYPE"), {}, ctx);
}

namespace {

bool ownerIsDropped(const catalog::Sequence& sequence, RecipeContext& ctx)
{
    if (sequence.ownedByTable.isEmpty())
        return false;
    const Change* table = ctx.changes().find(diff::ObjectKind::Table, sequence.ownedBySchema, {},
                                             sequence.ownedByTable);
    if (table && table->action == Action::Removed)
        return true;
    const Change* column = ctx.changes().find(diff::ObjectKind::Column, sequence.ownedBySchema,
                                              sequence.ownedByTable, sequence.ownedByColumn);
    return column && column->action == Action::Removed;
}

} // namespace

void planSequence(const Change& change, RecipeContext& ctx)
{
    const auto* before = change.beforeAs<catalog::Sequence>();
    const auto* after = change.afterAs<catalog::Sequence>();
    const QString relation = nameOf(change);
    const auto createSql = [&](const catalog::Sequence& s) -> QString {
        const QString options = sequenceOptions(s, nullptr);
        return QStringLiteral("CREATE SEQUENCE IF NOT EXISTS ") + relation +
               (options.isEmpty() ? QString() : QLatin1Char(' ') + options) + QLatin1Char(';');
    };
    switch (change.action) {
    case Action::Added: {
        if (!after)
            return;
        Step s = simple(change, Phase::Expand, QStringLiteral("create-sequence"),
                        QStringLiteral("Create sequence %1").arg(relation), createSql(*after),
                        QStringLiteral("DROP SEQUENCE IF EXISTS ") + relation + QLatin1Char(';'),
                        QStringLiteral("Q1"));
        s.locks.push_back({LockMode::AccessExclusive, relation, true});
        s.rationale = QStringLiteral("ACCESS EXCLUSIVE on the new sequence only.");
        // An identity column turned serial creates it in its own step (identity_recipe.cpp).
        if (!after->ownedByTable.isEmpty())
            s.dependsOn << sqlb::stepId(
                QStringLiteral("expand"), QStringLiteral("identity-to-sequence"),
                sqlb::idPath(after->ownedBySchema, after->ownedByTable, after->ownedByColumn));
        const QString id = ctx.add(std::move(s)).id;
        if (!after->ownedByTable.isEmpty())
            sequenceOwnedBy(change, *after, nullptr, id, ctx);
        if (!after->comment.isEmpty())
            comment(change, QStringLiteral("SEQUENCE"), after->comment, {}, id, ctx, relation);
        return;
    }
    case Action::Removed: {
        if (!before)
            return;
        // An owned sequence goes with its column or table (OWNED BY); dropping it first fails
        // because the column's default still depends on it.
        if (ownerIsDropped(*before, ctx))
            return;
        Step s = simple(change, Phase::Contract, QStringLiteral("drop-sequence"),
                        QStringLiteral("Drop sequence %1").arg(relation),
                        QStringLiteral("DROP SEQUENCE IF EXISTS ") + relation + QLatin1Char(';'),
                        {}, QStringLiteral("Q1"));
        s.irreversibleReason = QStringLiteral("Its current value is lost; re-creating it "
                                              "restarts at START.");
        s.locks.push_back({LockMode::AccessExclusive, relation, true});
        s.hazards.push_back(
            {HazardKind::Irreversible, QStringLiteral("The counter's position is lost")});
        s.hazards.push_back({HazardKind::BreaksRunningApp,
                             QStringLiteral("Code or defaults calling nextval() on it fail")});
        s.rationale = QStringLiteral("After every running version stopped drawing from it.");
        ctx.add(std::move(s));
        return;
    }
    default:
        break;
    }
    if (!before || !after)
        return;
    const QString options = sequenceOptions(*after, &change);
    if (!options.isEmpty()) {
        Step s = simple(change, Phase::Expand, QStringLiteral("alter-sequence"),
                        QStringLiteral("Change sequence %1").arg(relation),
                        QStringLiteral("ALTER SEQUENCE ") + relation + QLatin1Char(' ') + options +
                            QLatin1Char(';'),
                        QStringLiteral("ALTER SEQUENCE ") + relation + QLatin1Char(' ') +
                            sequenceOptions(*before, &change) + QLatin1Char(';'),
                        QStringLiteral("Q2"));
        s.locks.push_back({LockMode::ShareRowExclusive, relation, true});
        s.hazards.push_back({HazardKind::BlocksWrites,
                             QStringLiteral("nextval() on the sequence waits for the catalog "
                                            "update: a brief insert stall")});
        s.rationale = QStringLiteral("A short transaction with lock_timeout; inserts drawing "
                                     "from the sequence stall only while it runs.");
        ctx.add(std::move(s));
    }
    if (change.attribute(QStringLiteral("owned by")))
        sequenceOwnedBy(change, *after, before, {}, ctx);
    commentIfChanged(change, QStringLiteral("SEQUENCE"), {}, ctx, relation);
}

} // namespace bellows::plan::recipes
