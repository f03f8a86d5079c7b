#include "exec/drift_check.h"

#include "exec/interrupted_statement.h"
#include "exec/object_state.h"
#include "introspect/introspector.h"
#include "plan/plan_file.h"
#include "pq/connection.h"

#include <algorithm>

namespace bellows::exec {

namespace {

QString valueOf(const std::map<QString, QString>& states, const QString& relation)
{
    const auto it = states.find(relation);
    return it == states.end() ? QString() : it->second;
}

bool explainedLine(const std::vector<lint::StatementClass>& statements, const QString& line)
{
    return std::any_of(statements.begin(), statements.end(),
                       [&](const lint::StatementClass& s) { return explainsLine(s, line); });
}

// The description without the lines that differ only because of the interrupted statement.
QString withoutOwnLines(const QString& description, const QString& other,
                        const std::vector<lint::StatementClass>& statements, QStringList& own)
{
    const QStringList otherLines = other.split(QLatin1Char('\n'));
    QStringList kept;
    for (const QString& line : description.split(QLatin1Char('\n'))) {
        if (!otherLines.contains(line) && explainedLine(statements, line)) {
            own << line;
            continue;
        }
        kept << line;
    }
    return kept.join(QLatin1Char('\n'));
}

} // namespace

Result<QString> wholeSchemaDrift(pq::Connection& conn, const plan::Plan& plan,
                                 const std::atomic_bool* cancel)
{
    if (plan.sourceFingerprint.isEmpty())
        return QString();
    conn.setOrigin(pq::Origin::Introspection);
    introspect::IntrospectOptions introspectOptions;
    introspectOptions.cancel = cancel;
    auto catalog = introspect::introspect(conn, introspectOptions);
    if (!catalog)
        return catalog.error();
    if (plan::catalogFingerprint(*catalog) == plan.sourceFingerprint)
        return QString();
    QString what;
    if (!plan.sourceObjects.isEmpty()) {
        QStringList differences = plan::objectFingerprintDifferences(
            plan.sourceObjects, plan::catalogObjectFingerprints(*catalog));
        if (differences.size() > 10)
            differences = differences.mid(0, 10) << QStringLiteral("…");
        if (!differences.isEmpty())
            what =
                QStringLiteral(" Since planning: %1.").arg(differences.join(QStringLiteral("; ")));
    }
    return QStringLiteral(
               "the schema of %1 is not the one this plan was made for (%2): it changed since, or "
               "the plan is for another database.%3 Plan again against the database as it is now.")
        .arg(conn.describe(),
             plan.sourceDescription.isEmpty() ? QStringLiteral("unknown") : plan.sourceDescription,
             what);
}

DriftComparison compareRelations(const QStringList& relations,
                                 const std::map<QString, QString>& recorded,
                                 const std::map<QString, QString>& now,
                                 const std::vector<lint::StatementClass>& interrupted)
{
    DriftComparison out;
    for (const QString& relation : relations) {
        const QString expected = valueOf(recorded, relation);
        const QString actual = valueOf(now, relation);
        if (expected == actual)
            continue;
        const bool wholeRelation = expected.isEmpty() || actual.isEmpty();
        if (wholeRelation &&
            std::any_of(interrupted.begin(), interrupted.end(), [&](const lint::StatementClass& s) {
                return explainsRelation(s, relation);
            })) {
            out.ownEffects << describeDrift(relation, expected, actual);
            continue;
        }
        QStringList own;
        const QString keptExpected = withoutOwnLines(expected, actual, interrupted, own);
        const QString keptActual = withoutOwnLines(actual, expected, interrupted, own);
        for (const QString& line : own)
            out.ownEffects << QStringLiteral("%1: %2").arg(relation, line);
        const QString drift = describeDrift(relation, keptExpected, keptActual);
        if (!drift.isEmpty())
            out.drift << drift;
    }
    return out;
}

} // namespace bellows::exec
