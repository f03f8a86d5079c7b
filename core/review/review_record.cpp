#include "review/review_record.h"

#include "plan/step_digest.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace bellows::review {

namespace {

template <typename E, size_t N>
std::optional<E> lookup(const std::pair<E, const char*> (&table)[N], const QString& text)
{
    for (const auto& [value, name] : table)
        if (text == QLatin1String(name))
            return value;
    return std::nullopt;
}

template <typename E, size_t N> QString name(const std::pair<E, const char*> (&table)[N], E value)
{
    for (const auto& [v, n] : table)
        if (v == value)
            return QLatin1String(n);
    return {};
}

const std::pair<Role, const char*> kRoles[] = {{Role::Author, "author"},
                                               {Role::Reviewer, "reviewer"},
                                               {Role::Dba, "dba"},
                                               {Role::Releaser, "releaser"}};
const std::pair<Verdict, const char*> kVerdicts[] = {{Verdict::Approve, "approve"},
                                                     {Verdict::RequestChanges, "request-changes"}};
const std::pair<Scope, const char*> kScopes[] = {
    {Scope::Step, "step"}, {Scope::Phase, "phase"}, {Scope::Plan, "plan"}};

QJsonObject identityJson(const Identity& id)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), id.name);
    if (!id.email.isEmpty())
        o.insert(QStringLiteral("email"), id.email);
    return o;
}

Identity identityFrom(const QJsonObject& o)
{
    return {o.value(QLatin1String("name")).toString(), o.value(QLatin1String("email")).toString()};
}

Error reviewError(const QString& what)
{
    Error e;
    e.message = QStringLiteral("the plan's review section: %1").arg(what);
    e.hint = QStringLiteral("it is written by bellows-cli approve and review; do not edit it by "
                            "hand");
    return e;
}

} // namespace

QString toString(Role role)
{
    return name(kRoles, role);
}
QString toString(Verdict verdict)
{
    return name(kVerdicts, verdict);
}
QString toString(Scope scope)
{
    return name(kScopes, scope);
}
std::optional<Role> roleFromString(const QString& text)
{
    return lookup(kRoles, text);
}
std::optional<Verdict> verdictFromString(const QString& text)
{
    return lookup(kVerdicts, text);
}
std::optional<Scope> scopeFromString(const QString& text)
{
    return lookup(kScopes, text);
}

QString sqlHash(const QString& text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

namespace {

QJsonObject canonicalOf(const plan::Plan& plan, const plan::Step& step)
{
    for (size_t i = 0; i < plan.steps.size(); ++i)
        if (&plan.steps[i] == &step || plan.steps[i].id == step.id)
            return plan::canonicalStep(plan, i);
    return {};
}

} // namespace

bool ReviewedStep::matches(const plan::Plan& plan, const plan::Step& step) const
{
    return step.id == stepId && !digest.isEmpty() &&
           plan::canonicalDigest(canonicalOf(plan, step)) == digest;
}

QStringList ReviewedStep::changedFields(const plan::Plan& plan, const plan::Step& step) const
{
    if (matches(plan, step))
        return {};
    if (fields.isEmpty())
        return {QStringLiteral("digest (approved with an older Bellows)")};
    return plan::changedFields(fields, plan::fieldDigests(canonicalOf(plan, step)));
}

ReviewedStep ReviewedStep::of(const plan::Plan& plan, const plan::Step& step)
{
    const QJsonObject canonical = canonicalOf(plan, step);
    return {step.id,           plan::canonicalDigest(canonical), plan::fieldDigests(canonical),
            sqlHash(step.sql), sqlHash(step.rollbackSql),        step.sql,
            step.rollbackSql};
}

const ReviewedStep* Approval::reviewed(const QString& stepId) const
{
    for (const ReviewedStep& s : steps)
        if (s.stepId == stepId)
            return &s;
    return nullptr;
}

int Policy::requiredFor(plan::Phase phase) const
{
    const auto it = required.find(phase);
    return it == required.end() ? defaultRequired : it->second;
}

Result<ReviewRecord> readReview(const plan::Plan& plan)
{
    const QJsonObject& json = plan.review;
    ReviewRecord record;
    record.author = identityFrom(json.value(QLatin1String("author")).toObject());
    const QJsonValue policyValue = json.value(QLatin1String("policy"));
    if (policyValue.isObject()) {
        const QJsonObject po = policyValue.toObject();
        Policy policy;
        const QJsonObject required = po.value(QLatin1String("required")).toObject();
        for (auto it = required.begin(); it != required.end(); ++it) {
            if (!it.value().isDouble() || it.value().toInt() < 0)
                return reviewError(QStringLiteral("policy: required approvals for \"%1\" must be "
                                                  "a number of at least 0")
                                       .arg(it.key()));
            if (it.key() == QLatin1String("default")) {
                policy.defaultRequired = it.value().toInt();
                continue;
            }
            bool ok = false;
            const plan::Phase phase = plan::phaseFromString(it.key(), &ok);
            if (!ok)
                return reviewError(QStringLiteral("policy: unknown phase \"%1\"").arg(it.key()));
            policy.required[phase] = it.value().toInt();
        }
        policy.authorMayApprove = po.value(QLatin1String("authorMayApprove")).toBool(false);
        policy.executorMaySoleApprove =
            po.value(QLatin1String("executorMaySoleApprove")).toBool(false);
        policy.requireSignatures = po.value(QLatin1String("requireSignatures")).toBool(false);
        record.policy = policy;
    } else if (!policyValue.isUndefined() && !policyValue.isNull()) {
        return reviewError(QStringLiteral("\"policy\" must be an object"));
    }
    const QJsonArray approvals = json.value(QLatin1String("approvals")).toArray();
    for (qsizetype i = 0; i < approvals.size(); ++i) {
        const QJsonObject ao = approvals.at(i).toObject();
        const QString where = QStringLiteral("approval %1").arg(i + 1);
        Approval a;
        a.id = ao.value(QLatin1String("id")).toString();
        const auto scope = scopeFromString(ao.value(QLatin1String("scope")).toString());
        const auto role = roleFromString(ao.value(QLatin1String("role")).toString());
        const auto verdict = verdictFromString(ao.value(QLatin1String("verdict")).toString());
        if (!scope || !role || !verdict)
            return reviewError(QStringLiteral("%1: unknown scope, role or verdict").arg(where));
        a.scope = *scope;
        a.role = *role;
        a.verdict = *verdict;
        a.target = ao.value(QLatin1String("target")).toString();
        a.approver = identityFrom(ao.value(QLatin1String("approver")).toObject());
        if (a.approver.isEmpty())
            return reviewError(QStringLiteral("%1: no approver").arg(where));
        a.at = ao.value(QLatin1String("at")).toString();
        a.comment = ao.value(QLatin1String("comment")).toString();
        a.signature = ao.value(QLatin1String("signature")).toString();
        for (const QJsonValue& sv : ao.value(QLatin1String("steps")).toArray()) {
            const QJsonObject so = sv.toObject();
            ReviewedStep s;
            s.stepId = so.value(QLatin1String("id")).toString();
            s.sqlSha256 = so.value(QLatin1String("sqlSha256")).toString();
            s.rollbackSha256 = so.value(QLatin1String("rollbackSha256")).toString();
            s.digest = so.value(QLatin1String("digest")).toString();
            const QJsonObject fields = so.value(QLatin1String("fields")).toObject();
            for (auto it = fields.begin(); it != fields.end(); ++it)
                s.fields.insert(it.key(), it.value().toString());
            s.sql = so.value(QLatin1String("sql")).toString();
            s.rollbackSql = so.value(QLatin1String("rollbackSql")).toString();
            if (s.stepId.isEmpty() || s.sqlSha256.isEmpty())
                return reviewError(
                    QStringLiteral("%1: a reviewed step without id or sqlSha256").arg(where));
            a.steps.push_back(s);
        }
        record.approvals.push_back(a);
    }
    return record;
}

QJsonObject toJson(const ReviewRecord& record)
{
    QJsonObject o;
    if (!record.author.isEmpty())
        o.insert(QStringLiteral("author"), identityJson(record.author));
    if (record.policy) {
        const Policy& p = *record.policy;
        QJsonObject required;
        if (p.defaultRequired > 0)
            required.insert(QStringLiteral("default"), p.defaultRequired);
        for (const auto& [phase, count] : p.required)
            required.insert(plan::toString(phase), count);
        QJsonObject po;
        po.insert(QStringLiteral("required"), required);
        po.insert(QStringLiteral("authorMayApprove"), p.authorMayApprove);
        po.insert(QStringLiteral("executorMaySoleApprove"), p.executorMaySoleApprove);
        po.insert(QStringLiteral("requireSignatures"), p.requireSignatures);
        o.insert(QStringLiteral("policy"), po);
    }
    QJsonArray approvals;
    for (const Approval& a : record.approvals) {
        QJsonObject ao;
        ao.insert(QStringLiteral("id"), a.id);
        ao.insert(QStringLiteral("scope"), toString(a.scope));
        ao.insert(QStringLiteral("target"), a.target);
        QJsonArray steps;
        for (const ReviewedStep& s : a.steps) {
            QJsonObject so;
            so.insert(QStringLiteral("id"), s.stepId);
            so.insert(QStringLiteral("sqlSha256"), s.sqlSha256);
            so.insert(QStringLiteral("rollbackSha256"), s.rollbackSha256);
            so.insert(QStringLiteral("digest"), s.digest);
            QJsonObject fields;
            for (auto it = s.fields.begin(); it != s.fields.end(); ++it)
                fields.insert(it.key(), it.value());
            so.insert(QStringLiteral("fields"), fields);
            so.insert(QStringLiteral("sql"), s.sql);
            if (!s.rollbackSql.isEmpty())
                so.insert(QStringLiteral("rollbackSql"), s.rollbackSql);
            steps.append(so);
        }
        ao.insert(QStringLiteral("steps"), steps);
        ao.insert(QStringLiteral("approver"), identityJson(a.approver));
        ao.insert(QStringLiteral("role"), toString(a.role));
        ao.insert(QStringLiteral("verdict"), toString(a.verdict));
        ao.insert(QStringLiteral("at"), a.at);
        if (!a.comment.isEmpty())
            ao.insert(QStringLiteral("comment"), a.comment);
        if (!a.signature.isEmpty())
            ao.insert(QStringLiteral("signature"), a.signature);
        approvals.append(ao);
    }
    if (!approvals.isEmpty())
        o.insert(QStringLiteral("approvals"), approvals);
    return o;
}

void writeReview(plan::Plan& plan, const ReviewRecord& record)
{
    plan.review = toJson(record);
}

} // namespace bellows::review
