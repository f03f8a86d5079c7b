#include "plan/step_digest.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace bellows::plan {

namespace {

QString sha256(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// QJsonObject keeps its keys sorted, so the compact form is canonical.
QByteArray compact(const QJsonValue& value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
}

QJsonArray strings(QStringList list, bool sort = false)
{
    if (sort)
        list.sort();
    return QJsonArray::fromStringList(list);
}

QJsonValue backfillJson(const std::optional<Backfill>& b)
{
    if (!b)
        return QJsonValue::Null;
    return QJsonObject{{QStringLiteral("schema"), b->schema},
                       {QStringLiteral("table"), b->table},
                       {QStringLiteral("keyColumns"), strings(b->keyColumns)},
                       {QStringLiteral("setClause"), b->setClause},
                       {QStringLiteral("pendingPredicate"), b->pendingPredicate},
                       {QStringLiteral("batchRows"), b->batchRows}};
}

// What the runner checks for drift and warns about, and what a person confirming sees.
QJsonArray locksJson(const Step& s)
{
    QJsonArray out;
    for (const Lock& l : s.locks)
        out.append(QJsonArray{toString(l.mode), l.relation, l.brief});
    return out;
}

QJsonArray hazardsJson(const Step& s)
{
    QJsonArray out;
    for (const Hazard& h : s.hazards)
        out.append(QJsonArray{toString(h.kind), h.explanation});
    return out;
}

QJsonArray gatesJson(const Plan& plan)
{
    QJsonArray out;
    for (const Gate& g : plan.gates)
        out.append(QJsonObject{{QStringLiteral("id"), g.id},
                               {QStringLiteral("before"), toString(g.before)},
                               {QStringLiteral("title"), g.title},
                               {QStringLiteral("instructions"), g.instructions},
                               {QStringLiteral("checklist"), strings(g.checklist)}});
    return out;
}

QJsonArray findingsJson(const Plan& plan)
{
    QJsonArray out;
    for (const Finding& f : plan.findings)
        out.append(QJsonObject{{QStringLiteral("severity"), toString(f.severity)},
                               {QStringLiteral("object"), f.object},
                               {QStringLiteral("title"), f.title},
                               {QStringLiteral("reason"), f.reason},
                               {QStringLiteral("options"), strings(f.options)}});
    return out;
}

QJsonObject decisionsJson(const Plan& plan)
{
    QJsonArray fills;
    for (const Fill& f : plan.fills)
        fills.append(QJsonArray{f.schema, f.table, f.column, f.expression});
    QJsonArray conversions;
    for (const ConversionChoice& c : plan.conversions)
        conversions.append(
            QJsonArray{c.schema, c.table, c.column, c.usingExpression, c.timeZone, c.acceptLossy});
    QJsonObject out{{QStringLiteral("fills"), fills}, {QStringLiteral("conversions"), conversions}};
    // Only when given, so the digests of plans without it stay as they were.
    if (!plan.acceptedDowntime.isEmpty())
        out.insert(QStringLiteral("acceptedDowntime"),
                   QJsonArray::fromStringList(plan.acceptedDowntime));
    return out;
}

} // namespace

StepDigests::StepDigests(const Plan& plan)
    : m_plan(plan), m_planWide{{QStringLiteral("planId"), plan.id},
                               {QStringLiteral("gates"), gatesJson(plan)},
                               {QStringLiteral("findings"), findingsJson(plan)},
                               {QStringLiteral("decisions"), decisionsJson(plan)},
                               {QStringLiteral("fingerprints"),
                                QJsonObject{{QStringLiteral("source"), plan.sourceFingerprint},
                                            {QStringLiteral("target"), plan.targetFingerprint}}}}
{
}

QJsonObject StepDigests::canonical(size_t index) const
{
    const Step& s = m_plan.steps.at(index);
    QJsonObject o = m_planWide;
    const QJsonObject own{
        {QStringLiteral("id"), s.id},
        {QStringLiteral("position"), int(index)},
        {QStringLiteral("phase"), toString(s.phase)},
        {QStringLiteral("sql"), s.sql},
        {QStringLiteral("rollbackSql"), s.rollbackSql},
        {QStringLiteral("backfill"), backfillJson(s.backfill)},
        {QStringLiteral("dependsOn"), strings(s.dependsOn, true)},
        {QStringLiteral("lockTimeoutMs"), s.lockTimeoutMs},
        {QStringLiteral("statementTimeoutMs"), s.statementTimeoutMs},
        {QStringLiteral("outsideTransaction"), s.outsideTransaction},
        {QStringLiteral("title"), s.title},
        {QStringLiteral("locks"), locksJson(s)},
        {QStringLiteral("hazards"), hazardsJson(s)},
    };
    for (auto it = own.begin(); it != own.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QString StepDigests::digest(size_t index) const
{
    return canonicalDigest(canonical(index));
}

QJsonObject canonicalStep(const Plan& plan, size_t index)
{
    return StepDigests(plan).canonical(index);
}

QString canonicalDigest(const QJsonObject& canonical)
{
    return sha256(compact(canonical));
}

QMap<QString, QString> fieldDigests(const QJsonObject& canonical)
{
    QMap<QString, QString> out;
    for (auto it = canonical.begin(); it != canonical.end(); ++it)
        out.insert(it.key(), sha256(compact(it.value())));
    return out;
}

QString stepDigest(const Plan& plan, const QString& stepId)
{
    for (size_t i = 0; i < plan.steps.size(); ++i)
        if (plan.steps[i].id == stepId)
            return canonicalDigest(canonicalStep(plan, i));
    return {};
}

QString planDigest(const Plan& plan)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const StepDigests digests(plan);
    for (size_t i = 0; i < plan.steps.size(); ++i)
        hash.addData(digests.digest(i).toLatin1());
    // A plan with no steps still binds its findings, gates and fingerprints.
    hash.addData(compact(gatesJson(plan)));
    hash.addData(compact(findingsJson(plan)));
    hash.addData(QByteArray(plan.sourceFingerprint.toLatin1() + plan.targetFingerprint.toLatin1()));
    return QString::fromLatin1(hash.result().toHex());
}

QStringList changedFields(const QMap<QString, QString>& approved, const QMap<QString, QString>& now)
{
    QStringList out;
    QStringList keys = approved.keys() + now.keys();
    keys.removeDuplicates();
    std::sort(keys.begin(), keys.end());
    for (const QString& key : keys)
        if (approved.value(key) != now.value(key))
            out << key;
    return out;
}

} // namespace bellows::plan
