// Schemas and extensions: created in expand, dropped in contract (never CASCADE).

#include "plan/recipes.h"
#include "plan/type_recipe_steps.h"
#include "sql/quote.h"

namespace bellows::plan::recipes {

using diff::Action;
using diff::Change;
using sql::qualified;
using sql::quoteIdent;
using sql::quoteLiteral;
using namespace detail;

void planSchema(const Change& change, RecipeContext& ctx)
{
    const QString name = quoteIdent(change.name);
    switch (change.action) {
    case Action::Added: {
        Step s = simple(change, Phase::Expand, QStringLiteral("create-schema"),
                        QStringLiteral("Create schema %1").arg(name),
                        QStringLiteral("CREATE SCHEMA IF NOT EXISTS ") + name + QLatin1Char(';'),
                        QStringLiteral("DROP SCHEMA IF EXISTS ") + name + QLatin1Char(';'),
                        QStringLiteral("T1"));
        s.rationale = QStringLiteral("Before anything is created in it.");
        const QString id = ctx.add(std::move(s)).id;
        const auto* after = change.afterAs<catalog::Schema>();
        if (after && !after->comment.isEmpty())
            comment(change, QStringLiteral("SCHEMA"), after->comment, {}, id, ctx);
        return;
    }
    case Action::Removed: {
        const catalog::Catalog& t = ctx.target();
        auto inSchema = [&](const auto& list) {
            return std::any_of(list.begin(), list.end(),
                               [&](const auto& o) { return o.schema == change.name; });
        };
        if (inSchema(t.tables) || inSchema(t.views) || inSchema(t.enums) || inSchema(t.domains) ||
            inSchema(t.compositeTypes) || inSchema(t.sequences) || inSchema(t.functions)) {
            finding(ctx, Finding::Severity::Blocking, name,
                    QStringLiteral("Schema %1 is not empty after the plan").arg(name),
                    QStringLiteral("The target still has objects in it."),
                    {QStringLiteral("Move or drop those objects in the target"),
                     QStringLiteral("Keep the schema")},
                    QStringLiteral("T2"));
        }
        Step s = simple(change, Phase::Contract, QStringLiteral("drop-schema"),
                        QStringLiteral("Drop schema %1").arg(name),
                        QStringLiteral("DROP SCHEMA IF EXISTS ") + name + QLatin1Char(';'),
                        QStringLiteral("CREATE SCHEMA IF NOT EXISTS ") + name + QLatin1Char(';'),
                        QStringLiteral("T2"));
        // After every contract drop of what it holds (ids of the other recipes).
        const catalog::Catalog& db = ctx.database();
        auto waitFor = [&](const auto& list, const char* verb) {
            for (const auto& o : list) {
                if (o.schema == change.name)
                    s.dependsOn << QStringLiteral("contract:%1:%2.%3")
                                       .arg(QLatin1String(verb), o.schema, o.name);
            }
        };
        waitFor(db.tables, "drop-table");
        waitFor(db.views, "drop-view");
        waitFor(db.enums, "drop-type");
        waitFor(db.compositeTypes, "drop-type");
        waitFor(db.domains, "drop-domain");
        waitFor(db.sequences, "drop-sequence");
        for (const catalog::Function& f : db.functions) {
            if (f.schema == change.name)
                s.dependsOn << QStringLiteral("contract:drop-function:") + f.signature();
        }
        s.rationale = QStringLiteral("Never CASCADE: PostgreSQL refuses while anything is left "
                                     "in it, so nothing is dropped by surprise.");
        ctx.add(std::move(s));
        return;
    }
    default:
        break;
    }
    commentIfChanged(change, QStringLiteral("SCHEMA"), {}, ctx);
}

void planExtension(const Change& change, RecipeContext& ctx)
{
    const QString name = quoteIdent(change.name);
    const auto* before = change.beforeAs<catalog::Extension>();
    const auto* after = change.afterAs<catalog::Extension>();
    auto createSql = [&](const catalog::Extension& e) -> QString {
        QString sql = QStringLiteral("CREATE EXTENSION IF NOT EXISTS ") + name;
        if (!e.schema.isEmpty())
            sql += QStringLiteral(" WITH SCHEMA ") + quoteIdent(e.schema);
        if (!e.version.isEmpty())
            sql += QStringLiteral(" VERSION ") + quoteLiteral(e.version);
        return sql + QLatin1Char(';');
    };
    const QString dropSql = QStringLiteral("DROP EXTENSION IF EXISTS ") + name + QLatin1Char(';');
    switch (change.action) {
    case Action::Added: {
        if (!after)
            return;
        Step s = simple(change, Phase::Expand, QStringLiteral("create-extension"),
                        QStringLiteral("Install extension %1").arg(name), createSql(*after),
                        dropSql, QStringLiteral("T1"));
        s.rationale = QStringLiteral("Before the objects that use its types and functions.");
        const QString id = ctx.add(std::move(s)).id;
        if (!after->comment.isEmpty())
            comment(change, QStringLiteral("EXTENSION"), after->comment, {}, id, ctx);
        return;
    }
    case Action::Removed: {
        if (!before)
            return;
        Step s = simple(change, Phase::Contract, QStringLiteral("drop-extension"),
                        QStringLiteral("Remove extension %1").arg(name), dropSql,
                        createSql(*before), QStringLiteral("T2"));
        s.hazards.push_back({HazardKind::BreaksRunningApp,
                             QStringLiteral("Code using its functions or types fails")});
        s.rationale = QStringLiteral("Never CASCADE: refused while objects depend on it.");
        ctx.add(std::move(s));
        return;
    }
    default:
        break;
    }
    if (!before || !after)
        return;
    if (change.attribute(QStringLiteral("version"))) {
        const QString head =
            QStringLiteral("ALTER EXTENSION ") + name + QStringLiteral(" UPDATE TO ");
        Step s = simple(
            change, Phase::Expand, QStringLiteral("update-extension"),
            QStringLiteral("Update extension %1 to %2").arg(name, quoteLiteral(after->version)),
            head + quoteLiteral(after->version) + QLatin1Char(';'),
            head + quoteLiteral(before->version) + QLatin1Char(';'), QStringLiteral("T1"));
        s.rationale = QStringLiteral("The rollback works only if the extension ships a "
                                     "downgrade script.");
        ctx.add(std::move(s));
    }
    if (change.attribute(QStringLiteral("schema"))) {
        const QString head =
            QStringLiteral("ALTER EXTENSION ") + name + QStringLiteral(" SET SCHEMA ");
        Step s = simple(
            change, Phase::Expand, QStringLiteral("move-extension"),
            QStringLiteral("Move extension %1 to schema %2").arg(name, quoteIdent(after->schema)),
            head + quoteIdent(after->schema) + QLatin1Char(';'),
            head + quoteIdent(before->schema) + QLatin1Char(';'), QStringLiteral("T3"));
        s.hazards.push_back({HazardKind::BreaksRunningApp,
                             QStringLiteral("Code naming its objects by the old schema fails")});
        s.rationale = QStringLiteral("Only relocatable extensions can move.");
        ctx.add(std::move(s));
    }
    commentIfChanged(change, QStringLiteral("EXTENSION"), {}, ctx);
}

} // namespace bellows::plan::recipes
