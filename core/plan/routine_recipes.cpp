// Functions and procedures, triggers (reference G1, G2) and row-level security policies.
// Replacing a function takes no table lock; creating a trigger takes SHARE ROW EXCLUSIVE,
// dropping one and every policy statement ACCESS EXCLUSIVE, each for a catalog update.

#include "plan/constraint_sql.h"
#include "plan/recipes.h"
#include "plan/routine_arguments.h"
#include "sql/quote.h"

namespace bellows::plan::recipes {

using diff::Action;
using diff::Change;
using diff::ObjectKind;
using sql::qualified;
using sql::quoteIdent;
using sql::quoteLiteral;

namespace detail {
bool viewIsRecreated(const Change& viewChange); // view_recipes.cpp
}

using csql::liveName;

namespace {

QString literalOrNull(const QString& value)
{
    return value.isEmpty() ? QStringLiteral("NULL") : quoteLiteral(value);
}

// ---- routines ------------------------------------------------------------------------------

QString routineWord(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Procedure:
        return QStringLiteral("PROCEDURE");
    case ObjectKind::Aggregate:
        return QStringLiteral("AGGREGATE");
    default:
        return QStringLiteral("FUNCTION");
    }
}

QString routineWord(catalog::FunctionKind kind)
{
    switch (kind) {
    case catalog::FunctionKind::Procedure:
        return QStringLiteral("PROCEDURE");
    case catalog::FunctionKind::Aggregate:
        return QStringLiteral("AGGREGATE");
    default:
        return QStringLiteral("FUNCTION");
    }
}

// schema.name(identity arguments): the arguments are PostgreSQL's own text; an aggregate
// without arguments is spelled (*) by the AGGREGATE statements.
QString signature(const Change& c)
{
    const bool star = c.kind == ObjectKind::Aggregate && c.arguments.trimmed().isEmpty();
    return qualified(c.schema, c.name) + QLatin1Char('(') +
           (star ? QStringLiteral("*") : c.arguments) + QLatin1Char(')');
}

QString routineId(Phase phase, const QString& verb, const QString& schema, const QString& name,
                  const QString& arguments)
{
    return toString(phase) + QLatin1Char(':') + verb + QLatin1Char(':') + schema +
           QLatin1Char('.') + name + QLatin1Char('(') + arguments + QLatin1Char(')');
}

QString definitionSql(const catalog::Function& f)
{
    QString text = f.definition.trimmed();
    if (!text.endsWith(QLatin1Char(';')))
        text += QLatin1Char(';');
    return text;
}

QString dropRoutineSql(const Change& c, const QString& word)
{
    return QStringLiteral("DROP ") + word + QStringLiteral(" IF EXISTS ") + signature(c) +
           QLatin1Char(';');
}

void routineComment(const Change& c, const QString& word, const QString& to, const QString& from,
                    const QString& after, RecipeContext& ctx)
{
    const QString head = QStringLiteral("COMMENT ON ") + word + QLatin1Char(' ') + signature(c) +
                         QStringLiteral(" IS ");
    Step s;
    s.id =
        routineId(Phase::Expand, QStringLiteral("comment-routine"), c.schema, c.name, c.arguments);
    s.title = QStringLiteral("Set the comment of %1").arg(signature(c));
    s.sql = head + literalOrNull(to) + QLatin1Char(';');
    s.rollbackSql = head + literalOrNull(from) + QLatin1Char(';');
    s.referenceRow = QStringLiteral("M2");
    if (!after.isEmpty())
        s.dependsOn << after;
    s.rationale = QStringLiteral("Comments never affect the application.");
    ctx.add(std::move(s));
}

void noDefinitionFinding(const Change& c, RecipeContext& ctx)
{
    ctx.addFinding({Finding::Severity::Blocking,
                    signature(c),
                    QStringLiteral("%1 must be created by hand").arg(signature(c)),
                    QStringLiteral("The catalog holds no definition for it (a plan file "
                                   "written without one), so the planner has none to run."),
                    {QStringLiteral("Add a step with its CREATE statement from your schema "
                                    "file (drop the old one first when it changes)")},
                    QStringLiteral("G1")});
}

// ---- triggers ------------------------------------------------------------------------------

QString triggerId(Phase phase, const QString& verb, const Change& c, const QString& name)
{
    return toString(phase) + QLatin1Char(':') + verb + QLatin1Char(':') + c.schema +
           QLatin1Char('.') + c.table + QLatin1Char('.') + name;
}

QString dropTriggerSql(const Change& c, const QString& name)
{
    return QStringLiteral("DROP TRIGGER IF EXISTS ") + quoteIdent(name) + QStringLiteral(" ON ") +
           qualified(c.schema, c.table) + QLatin1Char(';');
}

QString enableSql(const Change& c, const catalog::Trigger& t)
{
    QString mode;
    switch (t.enabled) {
    case 'D':
        mode = QStringLiteral("DISABLE TRIGGER ");
        break;
    case 'R':
        mode = QStringLiteral("ENABLE REPLICA TRIGGER ");
        break;
    case 'A':
        mode = QStringLiteral("ENABLE ALWAYS TRIGGER ");
        break;
    default:
        mode = QStringLiteral("ENABLE TRIGGER ");
        break;
    }
    const QString target = c.parentKind == ObjectKind::Table ? QStringLiteral("ALTER TABLE ")
                                                             : QStringLiteral("ALTER VIEW ");
    return target + qualified(c.schema, c.table) + QLatin1Char(' ') + mode + quoteIdent(t.name) +
           QLatin1Char(';');
}

// The definition as a statement; a disabled or replica trigger gets its mode after it.
QString createTriggerSql(const Change& c, const catalog::Trigger& t)
{
    QString sql = t.definition.trimmed();
    if (!sql.endsWith(QLatin1Char(';')))
        sql += QLatin1Char(';');
    if (t.enabled != 'O')
        sql += QLatin1Char('\n') + enableSql(c, t);
    return sql;
}

// The step of the trigger's function when this plan creates or changes it.
QString functionStep(const catalog::Trigger& t, RecipeContext& ctx)
{
    const QStringList parts = sql::splitQualifiedName(t.function);
    if (parts.size() != 2)
        return {};
    for (const Change& c : ctx.changes().changes) {
        if ((c.kind == ObjectKind::Function) && c.schema == parts[0] && c.name == parts[1] &&
            c.arguments.isEmpty() && (c.action == Action::Added || c.action == Action::Changed)) {
            return routineId(Phase::Expand,
                             c.action == Action::Added ? QStringLiteral("create-function")
                                                       : QStringLiteral("replace-function"),
                             c.schema, c.name, c.arguments);
        }
    }
    return {};
}

// ---- policies ------------------------------------------------------------------------------

QString roleList(const QStringList& roles)
{
    QStringList out;
    for (const QString& role : roles)
        out << (role == QStringLiteral("public") ? QStringLiteral("PUBLIC") : quoteIdent(role));
    return out.join(QStringLiteral(", "));
}

QString createPolicySql(const Change& c, const catalog::Policy& p)
{
    QString sql = QStringLiteral("CREATE POLICY ") + quoteIdent(p.name) + QStringLiteral(" ON ") +
                  qualified(c.schema, c.table);
    if (!p.permissive)
        sql += QStringLiteral(" AS RESTRICTIVE");
    if (!p.command.isEmpty())
        sql += QStringLiteral(" FOR ") + p.command;
    if (!p.roles.isEmpty())
        sql += QStringLiteral(" TO ") + roleList(p.roles);
    if (!p.usingExpr.isEmpty())
        sql += QStringLiteral(" USING (") + p.usingExpr + QLatin1Char(')');
    if (!p.withCheckExpr.isEmpty())
        sql += QStringLiteral(" WITH CHECK (") + p.withCheckExpr + QLatin1Char(')');
    return sql + QLatin1Char(';');
}

QString dropPolicySql(const Change& c, const QString& name)
{
    return QStringLiteral("DROP POLICY IF EXISTS ") + quoteIdent(name) + QStringLiteral(" ON ") +
           qualified(c.schema, c.table) + QLatin1Char(';');
}

// ALTER POLICY can change roles and expressions; the command and mode need a new policy.
QString alterPolicySql(const Change& c, const catalog::Policy& p)
{
    QString sql = QStringLiteral("ALTER POLICY ") + quoteIdent(p.name) + QStringLiteral(" ON ") +
                  qualified(c.schema, c.table);
    if (c.attribute(QStringLiteral("roles")))
        sql += QStringLiteral(" TO ") +
               (p.roles.isEmpty() ? QStringLiteral("PUBLIC") : roleList(p.roles));
    // An expression cannot be removed by ALTER POLICY; TRUE is its neutral value.
    if (c.attribute(QStringLiteral("using")))
        sql += QStringLiteral(" USING (") +
               (p.usingExpr.isEmpty() ? QStringLiteral("true") : p.usingExpr) + QLatin1Char(')');
    if (c.attribute(QStringLiteral("with check")))
        sql += QStringLiteral(" WITH CHECK (") +
               (p.withCheckExpr.isEmpty() ? QStringLiteral("true") : p.withCheckExpr) +
               QLatin1Char(')');
    return sql + QLatin1Char(';');
}

Step policyStep(const Change& c, Phase phase, const QString& verb, const QString& title)
{
    Step s;
    s.id = triggerId(phase, verb, c, c.name);
    s.phase = phase;
    s.title = title;
    s.locks.push_back({LockMode::AccessExclusive, qualified(c.schema, c.table), true});
    s.hazards.push_back({HazardKind::AccessExclusiveLock,
                         QStringLiteral("Policy statements take ACCESS EXCLUSIVE for a catalog "
                                        "update; bounded by lock_timeout")});
    s.referenceRow = QStringLiteral("G1");
    return s;
}

void subComment(const Change& c, const QString& word, const QString& to, const QString& from,
                const QString& after, RecipeContext& ctx)
{
    const QString head = QStringLiteral("COMMENT ON ") + word + QLatin1Char(' ') +
                         quoteIdent(c.name) + QStringLiteral(" ON ") +
                         qualified(c.schema, c.table) + QStringLiteral(" IS ");
    Step s;
    s.id = triggerId(Phase::Expand, QStringLiteral("comment-") + word.toLower(), c, c.name);
    s.title = QStringLiteral("Set the comment of %1 %2").arg(word.toLower(), quoteIdent(c.name));
    s.sql = head + literalOrNull(to) + QLatin1Char(';');
    s.rollbackSql = head + literalOrNull(from) + QLatin1Char(';');
    s.locks.push_back({LockMode::ShareUpdateExclusive, qualified(c.schema, c.table), true});
    s.referenceRow = QStringLiteral("M2");
    if (!after.isEmpty())
        s.dependsOn << after;
    s.rationale = QStringLiteral("Comments never affect the application.");
    ctx.add(std::move(s));
}

// Sub-objects of a relation created or re-created whole are planned with it.
bool ownerHandles(const Change& c, RecipeContext& ctx)
{
    if (c.parentKind == ObjectKind::Table)
        return liveName(c, ctx).isEmpty();
    if (!ctx.database().view(c.schema, c.table))
        return true;
    const Change* owner = ctx.changes().owner(c);
    return owner && detail::viewIsRecreated(*owner);
}

} // namespace

void planRoutine(const Change& change, RecipeContext& ctx)
{
    const auto* before = change.beforeAs<catalog::Function>();
    const auto* after = change.afterAs<catalog::Function>();
    const QString word = routineWord(change.kind);
    const QString sig = signature(change);

    switch (change.action) {
    case Action::Added: {
        if (!after)
            return;
        if (after->definition.isEmpty()) {
            noDefinitionFinding(change, ctx);
            return;
        }
        Step s;
        s.id = routineId(Phase::Expand, QStringLiteral("create-function"), change.schema,
                         change.name, change.arguments);
        s.title = QStringLiteral("Create %1 %2").arg(word.toLower(), sig);
        s.sql = definitionSql(*after);
        s.rollbackSql = dropRoutineSql(change, word);
        s.referenceRow = QStringLiteral("G1");
        s.rationale = QStringLiteral("Takes no table lock; before the triggers and views that "
                                     "use it.");
        if (const Change* old = routines::renamedArgumentsPartner(change, ctx.changes())) {
            // Only argument names change: the same routine to PostgreSQL. CREATE OR REPLACE
            // refuses to rename arguments, and a later DROP of the old signature would drop
            // this one: drop and create in one transaction, and no drop in contract.
            const auto* live = old->beforeAs<catalog::Function>();
            s.title = QStringLiteral("Replace %1 %2 (its arguments are renamed)")
                          .arg(word.toLower(), sig);
            s.sql = dropRoutineSql(*old, word) + QLatin1Char('\n') + definitionSql(*after);
            if (live && !live->definition.isEmpty())
                s.rollbackSql =
                    dropRoutineSql(change, word) + QLatin1Char('\n') + definitionSql(*live);
            else
                s.rollbackSql.clear();
            s.hazards.push_back({HazardKind::BreaksRunningApp,
                                 QStringLiteral("Calls naming the arguments by their old names "
                                                "fail")});
            s.rationale = QStringLiteral("CREATE OR REPLACE cannot rename arguments: the old "
                                         "definition is dropped and the new one created in one "
                                         "transaction, so callers never miss it.");
        }
        const QString id = ctx.add(std::move(s)).id;
        if (!after->comment.isEmpty())
            routineComment(change, word, after->comment, {}, id, ctx);
        return;
    }
    case Action::Removed: {
        if (routines::renamedArgumentsPartner(change, ctx.changes()))
            return; // replaced in expand by the routine with the renamed arguments
        Step s;
        s.id = routineId(Phase::Contract, QStringLiteral("drop-function"), change.schema,
                         change.name, change.arguments);
        s.phase = Phase::Contract;
        s.title = QStringLiteral("Drop %1 %2").arg(word.toLower(), sig);
        s.sql = dropRoutineSql(change, word);
        if (before && !before->definition.isEmpty())
            s.rollbackSql = definitionSql(*before);
        else
            s.irreversibleReason = QStringLiteral("No definition to re-create it from.");
        s.hazards.push_back({HazardKind::BreaksRunningApp,
                             QStringLiteral("Code calling it fails once it is gone")});
        s.referenceRow = QStringLiteral("G2");
        s.rationale = QStringLiteral("After every running version stopped calling it. Never "
                                     "CASCADE: PostgreSQL refuses while triggers, views or "
                                     "defaults still use it.");
        ctx.add(std::move(s));
        ctx.addFinding({Finding::Severity::Warning,
                        sig,
                        QStringLiteral("Check what still uses %1").arg(sig),
                        QStringLiteral("The planner cannot see function calls inside other "
                                       "functions, views or defaults; the drop fails if any "
                                       "remain."),
                        {QStringLiteral("Search the schema for calls before running contract")},
                        QStringLiteral("G2")});
        return;
    }
    case Action::Renamed:
        return;
    case Action::Changed:
        break;
    }
    if (!before || !after)
        return;
    const diff::AttributeChange* note = change.attribute(QStringLiteral("comment"));
    const bool body = change.attribute(QStringLiteral("definition")) ||
                      change.attribute(QStringLiteral("returns")) ||
                      change.attribute(QStringLiteral("language")) ||
                      change.attribute(QStringLiteral("kind"));
    QString id;
    if (body && after->definition.isEmpty()) {
        noDefinitionFinding(change, ctx);
    } else if (body) {
        // CREATE OR REPLACE cannot change the result type or the kind: drop and create in
        // one transaction then.
        const bool recreate =
            change.attribute(QStringLiteral("returns")) || change.attribute(QStringLiteral("kind"));
        Step s;
        s.id = routineId(Phase::Expand, QStringLiteral("replace-function"), change.schema,
                         change.name, change.arguments);
        s.title = QStringLiteral("Replace %1 %2").arg(word.toLower(), sig);
        s.sql = recreate ? dropRoutineSql(change, routineWord(before->kind)) + QLatin1Char('\n') +
                               definitionSql(*after)
                         : definitionSql(*after);
        s.rollbackSql = recreate ? dropRoutineSql(change, routineWord(after->kind)) +
                                       QLatin1Char('\n') + definitionSql(*before)
                                 : definitionSql(*before);
        s.referenceRow = QStringLiteral("G1");
        s.rationale = QStringLiteral(
            "Takes no table lock (G1). The running app and its triggers use the new body at "
            "once: it must work for both app versions.");
        if (recreate) {
            s.hazards.push_back({HazardKind::BreaksRunningApp,
                                 QStringLiteral("Its result type changes: callers expecting the "
                                                "old one may fail")});
            ctx.addFinding({Finding::Severity::Warning,
                            sig,
                            QStringLiteral("%1 is dropped and re-created").arg(sig),
                            QStringLiteral("Its result type or kind changes; the DROP fails while "
                                           "views, triggers or defaults depend on it."),
                            {QStringLiteral("Create the new version under another name and move "
                                            "callers to it")},
                            QStringLiteral("G1")});
        }
        if (!recreate && change.attribute(QStringLiteral("definition")))
            plan::detail::rebuildFunctionUsers(s, *before, ctx);
        id = ctx.add(std::move(s)).id;
    }
    if (note)
        routineComment(change, word, note->to, note->from, id, ctx);
}

void planTrigger(const Change& change, RecipeContext& ctx)
{
    if (ownerHandles(change, ctx))
        return;
    const auto* before = change.beforeAs<catalog::Trigger>();
    const auto* after = change.afterAs<catalog::Trigger>();
    const QString relation = qualified(change.schema, change.table);
    const QString previous =
        change.action == Action::Changed && !change.renamedFrom.isEmpty()
            ? triggerId(Phase::Expand, QStringLiteral("rename-trigger"), change, change.name)
            : QString();

    switch (change.action) {
    case Action::Added: {
        if (!after)
            return;
        Step s;
        s.id = triggerId(Phase::Expand, QStringLiteral("create-trigger"), change, change.name);
        s.title = QStringLiteral("Create trigger %1 on %2").arg(quoteIdent(change.name), relation);
        s.sql = createTriggerSql(change, *after);
        s.rollbackSql = dropTriggerSql(change, change.name);
        s.locks.push_back({LockMode::ShareRowExclusive, relation, true});
        s.hazards.push_back({HazardKind::BlocksWrites,
                             QStringLiteral("Writers wait for the catalog update; a faulty "
                                            "trigger fails app writes")});
        s.referenceRow = QStringLiteral("G1");
        if (const QString f = functionStep(*after, ctx); !f.isEmpty())
            s.dependsOn << f;
        s.rationale = QStringLiteral("After its function exists; SHARE ROW EXCLUSIVE with "
                                     "lock_timeout.");
        const QString id = ctx.add(std::move(s)).id;
        if (!after->comment.isEmpty())
            subComment(change, QStringLiteral("TRIGGER"), after->comment, {}, id, ctx);
        return;
    }
    case Action::Removed: {
        if (!before)
            return;
        Step s;
        s.id = triggerId(Phase::Contract, QStringLiteral("drop-trigger"), change, change.name);
        s.phase = Phase::Contract;
        s.title = QStringLiteral("Drop trigger %1 from %2").arg(quoteIdent(change.name), relation);
        s.sql = dropTriggerSql(change, change.name);
        s.rollbackSql = createTriggerSql(change, *before);
        s.locks.push_back({LockMode::AccessExclusive, relation, true});
        s.hazards.push_back({HazardKind::AccessExclusiveLock,
                             QStringLiteral("DROP TRIGGER takes ACCESS EXCLUSIVE for a catalog "
                                            "update; bounded by lock_timeout")});
        s.referenceRow = QStringLiteral("G2");
        s.rationale = QStringLiteral("After every running version stopped relying on it. To "
                                     "stop its effect earlier without a table lock, replace "
                                     "its function with a no-op.");
        ctx.add(std::move(s));
        return;
    }
    case Action::Renamed: {
        Step s;
        s.id = triggerId(Phase::Expand, QStringLiteral("rename-trigger"), change, change.name);
        s.title = QStringLiteral("Rename trigger %1 to %2")
                      .arg(quoteIdent(change.renamedFrom), quoteIdent(change.name));
        const QString head = QStringLiteral("ALTER TRIGGER ");
        s.sql = head + quoteIdent(change.renamedFrom) + QStringLiteral(" ON ") + relation +
                QStringLiteral(" RENAME TO ") + quoteIdent(change.name) + QLatin1Char(';');
        s.rollbackSql = head + quoteIdent(change.name) + QStringLiteral(" ON ") + relation +
                        QStringLiteral(" RENAME TO ") + quoteIdent(change.renamedFrom) +
                        QLatin1Char(';');
        s.locks.push_back({LockMode::AccessExclusive, relation, true});
        s.referenceRow = QStringLiteral("G1");
        s.rationale = QStringLiteral("Catalog update only. Triggers fire in name order: the "
                                     "new name may change the order.");
        ctx.add(std::move(s));
        return;
    }
    case Action::Changed:
        break;
    }
    if (!before || !after)
        return;

    QString last = previous;
    if (change.attribute(QStringLiteral("definition"))) {
        const QString plain = QStringLiteral("CREATE TRIGGER ");
        const QString def = after->definition.trimmed();
        // OR REPLACE exists from 14 on, and never for constraint triggers.
        const bool replace = ctx.major() >= 14 && def.startsWith(plain);
        Step s;
        s.id = triggerId(Phase::Expand, QStringLiteral("replace-trigger"), change, change.name);
        s.title = QStringLiteral("Replace trigger %1 on %2").arg(quoteIdent(change.name), relation);
        if (replace) {
            auto orReplace = [&](const catalog::Trigger& t) -> QString {
                QString text = createTriggerSql(change, t);
                if (text.startsWith(plain))
                    return QStringLiteral("CREATE OR REPLACE TRIGGER ") + text.mid(plain.size());
                return dropTriggerSql(change, t.name) + QLatin1Char('\n') + text;
            };
            s.sql = orReplace(*after);
            s.rollbackSql = orReplace(*before);
            s.locks.push_back({LockMode::ShareRowExclusive, relation, true});
            s.hazards.push_back(
                {HazardKind::BlocksWrites, QStringLiteral("Writers wait for the catalog update")});
        } else {
            s.sql = dropTriggerSql(change, change.name) + QLatin1Char('\n') +
                    createTriggerSql(change, *after);
            s.rollbackSql = dropTriggerSql(change, change.name) + QLatin1Char('\n') +
                            createTriggerSql(change, *before);
            s.locks.push_back({LockMode::AccessExclusive, relation, true});
            s.hazards.push_back({HazardKind::AccessExclusiveLock,
                                 QStringLiteral("Drop and create in one transaction: ACCESS "
                                                "EXCLUSIVE for a catalog update")});
        }
        // createTriggerSql sets a non-default mode; back to plain ENABLE needs saying so.
        if (change.attribute(QStringLiteral("enabled"))) {
            if (after->enabled == 'O')
                s.sql += QLatin1Char('\n') + enableSql(change, *after);
            if (before->enabled == 'O')
                s.rollbackSql += QLatin1Char('\n') + enableSql(change, *before);
        }
        s.referenceRow = QStringLiteral("G1");
        if (!last.isEmpty())
            s.dependsOn << last;
        if (const QString f = functionStep(*after, ctx); !f.isEmpty())
            s.dependsOn << f;
        s.rationale = QStringLiteral("One transaction, so no write slips through without the "
                                     "trigger.");
        last = ctx.add(std::move(s)).id;
    } else if (change.attribute(QStringLiteral("enabled"))) {
        Step s;
        s.id = triggerId(Phase::Expand, QStringLiteral("enable-trigger"), change, change.name);
        s.title = QStringLiteral("Change whether trigger %1 fires").arg(quoteIdent(change.name));
        s.sql = enableSql(change, *after);
        s.rollbackSql = enableSql(change, *before);
        s.locks.push_back({LockMode::ShareRowExclusive, relation, true});
        s.referenceRow = QStringLiteral("G1");
        if (!last.isEmpty())
            s.dependsOn << last;
        s.rationale = QStringLiteral("SHARE ROW EXCLUSIVE for a catalog update.");
        last = ctx.add(std::move(s)).id;
    }
    if (const diff::AttributeChange* note = change.attribute(QStringLiteral("comment")))
        subComment(change, QStringLiteral("TRIGGER"), note->to, note->from, last, ctx);
}

void planPolicy(const Change& change, RecipeContext& ctx)
{
    // RLS flags (ENABLE/FORCE ROW LEVEL SECURITY) are table attributes: planTable's job.
    if (ownerHandles(change, ctx))
        return;
    const auto* before = change.beforeAs<catalog::Policy>();
    const auto* after = change.afterAs<catalog::Policy>();
    const QString relation = qualified(change.schema, change.table);
    const catalog::Table* target = ctx.target().table(change.schema, change.table);
    const bool rls = target && target->rlsEnabled;

    switch (change.action) {
    case Action::Added: {
        if (!after)
            return;
        Step s = policyStep(
            change, Phase::Expand, QStringLiteral("create-policy"),
            QStringLiteral("Create policy %1 on %2").arg(quoteIdent(change.name), relation));
        s.sql = createPolicySql(change, *after);
        s.rollbackSql = dropPolicySql(change, change.name);
        if (rls) {
            s.hazards.push_back({HazardKind::BreaksRunningApp,
                                 QStringLiteral("Row-level security is on: the rows the app "
                                                "sees or may write change at once")});
        }
        s.rationale = QStringLiteral("Catalog update with lock_timeout.");
        const QString id = ctx.add(std::move(s)).id;
        if (!after->comment.isEmpty())
            subComment(change, QStringLiteral("POLICY"), after->comment, {}, id, ctx);
        return;
    }
    case Action::Removed: {
        if (!before)
            return;
        Step s = policyStep(
            change, Phase::Contract, QStringLiteral("drop-policy"),
            QStringLiteral("Drop policy %1 from %2").arg(quoteIdent(change.name), relation));
        s.sql = dropPolicySql(change, change.name);
        s.rollbackSql = createPolicySql(change, *before);
        s.rationale = QStringLiteral("After every running version stopped relying on it.");
        ctx.add(std::move(s));
        return;
    }
    case Action::Renamed: {
        Step s = policyStep(change, Phase::Expand, QStringLiteral("rename-policy"),
                            QStringLiteral("Rename policy %1 to %2")
                                .arg(quoteIdent(change.renamedFrom), quoteIdent(change.name)));
        const QString head = QStringLiteral("ALTER POLICY ");
        s.sql = head + quoteIdent(change.renamedFrom) + QStringLiteral(" ON ") + relation +
                QStringLiteral(" RENAME TO ") + quoteIdent(change.name) + QLatin1Char(';');
        s.rollbackSql = head + quoteIdent(change.name) + QStringLiteral(" ON ") + relation +
                        QStringLiteral(" RENAME TO ") + quoteIdent(change.renamedFrom) +
                        QLatin1Char(';');
        s.rationale = QStringLiteral("A name only.");
        ctx.add(std::move(s));
        return;
    }
    case Action::Changed:
        break;
    }
    if (!before || !after)
        return;
    QString last =
        !change.renamedFrom.isEmpty()
            ? triggerId(Phase::Expand, QStringLiteral("rename-policy"), change, change.name)
            : QString();
    const bool recreate =
        change.attribute(QStringLiteral("command")) || change.attribute(QStringLiteral("mode"));
    const bool alter = change.attribute(QStringLiteral("roles")) ||
                       change.attribute(QStringLiteral("using")) ||
                       change.attribute(QStringLiteral("with check"));
    if (recreate || alter) {
        Step s = policyStep(
            change, Phase::Expand, QStringLiteral("change-policy"),
            QStringLiteral("Change policy %1 on %2").arg(quoteIdent(change.name), relation));
        if (recreate) {
            s.sql = dropPolicySql(change, change.name) + QLatin1Char('\n') +
                    createPolicySql(change, *after);
            s.rollbackSql = dropPolicySql(change, change.name) + QLatin1Char('\n') +
                            createPolicySql(change, *before);
        } else {
            s.sql = alterPolicySql(change, *after);
            s.rollbackSql = alterPolicySql(change, *before);
        }
        if (rls) {
            s.hazards.push_back({HazardKind::BreaksRunningApp,
                                 QStringLiteral("Row-level security is on: the rows the app "
                                                "sees or may write change at once")});
        }
        if (!last.isEmpty())
            s.dependsOn << last;
        s.rationale = recreate ? QStringLiteral("The command or mode of a policy cannot be "
                                                "altered: drop and create in one transaction.")
                               : QStringLiteral("ALTER POLICY: a catalog update.");
        last = ctx.add(std::move(s)).id;
    }
    if (const diff::AttributeChange* note = change.attribute(QStringLiteral("comment")))
        subComment(change, QStringLiteral("POLICY"), note->to, note->from, last, ctx);
}

} // namespace bellows::plan::recipes
