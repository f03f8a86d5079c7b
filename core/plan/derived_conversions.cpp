#include "plan/derived_conversions.h"

#include "plan/sql_builders.h"
#include "sql/quote.h"

#include <algorithm>

namespace bellows::plan {

namespace {

bool isEnumColumn(const catalog::Catalog& catalog, const catalog::Column& column)
{
    if (column.typeSchema.isEmpty())
        return false;
    const QString type = sqlb::typeSql(column);
    return std::any_of(catalog.enums.begin(), catalog.enums.end(), [&](const catalog::EnumType& e) {
        return e.schema == column.typeSchema &&
               (type == sql::qualified(e.schema, e.name) || column.type == e.name);
    });
}

} // namespace

PlanChoices withDerivedConversions(const catalog::Catalog& database, const catalog::Catalog& target,
                                   const diff::ChangeSet& changes, const PlanChoices& choices,
                                   std::vector<Finding>* notes)
{
    PlanChoices out = choices;
    for (const diff::Change& change : changes.changes) {
        if (change.kind != diff::ObjectKind::Column || change.action == diff::Action::Added ||
            change.action == diff::Action::Removed)
            continue;
        const auto* before = change.beforeAs<catalog::Column>();
        const auto* after = change.afterAs<catalog::Column>();
        if (!before || !after || sqlb::typeSql(*before) == sqlb::typeSql(*after) ||
            !isEnumColumn(database, *before) || !isEnumColumn(target, *after))
            continue;
        const auto given = choices.conversionFor(change.schema, change.table, after->name);
        if (given && !given->usingExpression.isEmpty())
            continue;
        ConversionChoice derived;
        derived.schema = change.schema;
        derived.table = change.table;
        derived.column = after->name;
        derived.usingExpression = QStringLiteral("%1::text::%2")
                                      .arg(sql::quoteIdent(before->name), sqlb::typeSql(*after));
        derived.throughText = true;
        if (given) { // keep the user's --time-zone / --accept-lossy for the column
            derived.timeZone = given->timeZone;
            derived.acceptLossy = given->acceptLossy;
        }
        out.conversions.push_back(derived);
        if (notes)
            notes->push_back(Finding{
                Finding::Severity::Info,
                sql::qualified(change.schema, change.table) + QLatin1Char('.') +
                    sql::quoteIdent(after->name),
                QStringLiteral("Labels convert by name from %1 to %2")
                    .arg(sqlb::typeSql(*before), sqlb::typeSql(*after)),
                QStringLiteral("PostgreSQL has no cast between two enum types: each value becomes "
                               "the label of the same name (USING %1). A row whose label %2 lacks "
                               "is refused by the data check before anything runs.")
                    .arg(derived.usingExpression, sqlb::typeSql(*after)),
                {QStringLiteral("Plan again with --using to map labels differently")},
                QStringLiteral("Y2")});
    }
    return out;
}

} // namespace bellows::plan
