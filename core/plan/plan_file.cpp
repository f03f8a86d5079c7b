#include "plan/plan_file.h"

#include "exec/batch_statements.h"

#include "catalog/catalog_json.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

#include <algorithm>

namespace bellows::plan {

namespace {

void put(QJsonObject& o, const char* key, const QString& value)
{
    if (!value.isEmpty())
        o.insert(QLatin1String(key), value);
}

void putList(QJsonObject& o, const char* key, const QStringList& values)
{
    if (!values.isEmpty())
        o.insert(QLatin1String(key), QJsonArray::fromStringList(values));
}

QJsonObject stepJson(const Step& s)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), s.id);
    o.insert(QStringLiteral("phase"), toString(s.phase));
    o.insert(QStringLiteral("title"), s.title);
    o.insert(QStringLiteral("sql"), s.sql);
    put(o, "rollbackSql", s.rollbackSql);
    put(o, "irreversibleReason", s.irreversibleReason);
    QJsonArray locks;
    for (const Lock& l : s.locks) {
        QJsonObject lo;
        lo.insert(QStringLiteral("mode"), toString(l.mode));
        lo.insert(QStringLiteral("relation"), l.relation);
        lo.insert(QStringLiteral("brief"), l.brief);
        locks.append(lo);
    }
    o.insert(QStringLiteral("locks"), locks);
    o.insert(QStringLiteral("work"), toString(s.work));
    o.insert(QStringLiteral("estimatedSeconds"), s.estimatedSeconds);
    o.insert(QStringLiteral("outsideTransaction"), s.outsideTransaction);
    QJsonArray hazards;
    for (const Hazard& h : s.hazards) {
        QJsonObject ho;
        ho.insert(QStringLiteral("kind"), toString(h.kind));
        ho.insert(QStringLiteral("explanation"), h.explanation);
        hazards.append(ho);
    }
    o.insert(QStringLiteral("hazards"), hazards);
    o.insert(QStringLiteral("statementTimeoutMs"), s.statementTimeoutMs);
    o.insert(QStringLiteral("lockTimeoutMs"), s.lockTimeoutMs);
    putList(o, "dependsOn", s.dependsOn);
    put(o, "referenceRow", s.referenceRow);
    put(o, "rationale", s.rationale);
    if (s.backfill) {
        const Backfill& b = *s.backfill;
        QJsonObject bo;
        bo.insert(QStringLiteral("schema"), b.schema);
        bo.insert(QStringLiteral("table"), b.table);
        bo.insert(QStringLiteral("keyColumns"), QJsonArray::fromStringList(b.keyColumns));
        bo.insert(QStringLiteral("setClause"), b.setClause);
        bo.insert(QStringLiteral("pendingPredicate"), b.pendingPredicate);
        bo.insert(QStringLiteral("batchRows"), b.batchRows);
        o.insert(QStringLiteral("backfill"), bo);
    }
    put(o, "originalSql", s.originalSql);
    return o;
}

// Reads fields and remembers the first problem, so parsing code stays linear.
class Reader {
public:
    explicit Reader(QString fileName) : m_fileName(std::move(fileName)) {}

    bool failed() const { return !m_error.isEmpty(); }
    Error error() const
    {
        Error e;
        e.message = QStringLiteral("%1: %2").arg(m_fileName, m_error);
        e.hint = QStringLiteral("the plan file may be damaged or edited by hand; write it again "
                                "with bellows-cli plan -o");
        return e;
    }
    void fail(const QString& where, const QString& what)
    {
        if (m_error.isEmpty())
            m_error = where.isEmpty() ? what : where + QStringLiteral(": ") + what;
    }

    QString string(const QJsonObject& o, const QString& where, const char* key, bool required)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(where,
                     QStringLiteral("required field \"%1\" is missing").arg(QLatin1String(key)));
            return {};
        }
        if (!v.isString())
            fail(where, QStringLiteral("\"%1\" must be a string").arg(QLatin1String(key)));
        return v.toString();
    }
    QStringList strings(const QJsonObject& o, const QString& where, const char* key)
    {
        QStringList out;
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return out;
        if (!v.isArray()) {
            fail(where,
                 QStringLiteral("\"%1\" must be an array of strings").arg(QLatin1String(key)));
            return out;
        }
        for (const QJsonValue& item : v.toArray()) {
            if (!item.isString())
                fail(where,
                     QStringLiteral("\"%1\" must hold strings only").arg(QLatin1String(key)));
            out << item.toString();
        }
        return out;
    }
    double number(const QJsonObject& o, const QString& where, const char* key, double fallback)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isDouble())
            fail(where, QStringLiteral("\"%1\" must be a number").arg(QLatin1String(key)));
        return v.toDouble(fallback);
    }
    bool flag(const QJsonObject& o, const QString& where, const char* key, bool fallback)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isBool())
            fail(where, QStringLiteral("\"%1\" must be true or false").arg(QLatin1String(key)));
        return v.toBool(fallback);
    }
    // The array's objects; an absent array is empty unless required.
    QList<QJsonObject> objects(const QJsonObject& o, const QString& where, const char* key,
                               bool required)
    {
        QList<QJsonObject> out;
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(where,
                     QStringLiteral("required field \"%1\" is missing").arg(QLatin1String(key)));
            return out;
        }
        if (!v.isArray()) {
            fail(where, QStringLiteral("\"%1\" must be an array").arg(QLatin1String(key)));
            return out;
        }
        for (const QJsonValue& item : v.toArray()) {
            if (!item.isObject()) {
                fail(where,
                     QStringLiteral("\"%1\" must hold objects only").arg(QLatin1String(key)));
                return out;
            }
            out << item.toObject();
        }
        return out;
    }
    Phase phase(const QJsonObject& o, const QString& where, const char* key)
    {
        const QString text = string(o, where, key, true);
        bool ok = false;
        const Phase p = phaseFromString(text, &ok);
        if (!ok && !failed())
            fail(where, QStringLiteral("unknown phase \"%1\"").arg(text));
        return p;
    }

private:
    QString m_fileName;
    QString m_error;
};

Step readStep(Reader& r, const QJsonObject& o, int index)
{
    Step s;
    s.id = r.string(o, QStringLiteral("steps[%1]").arg(index), "id", true);
    const QString where = QStringLiteral("step \"%1\"").arg(s.id);
    s.phase = r.phase(o, where, "phase");
    s.title = r.string(o, where, "title", false);
    s.sql = r.string(o, where, "sql", true);
    s.rollbackSql = r.string(o, where, "rollbackSql", false);
    s.irreversibleReason = r.string(o, where, "irreversibleReason", false);
    for (const QJsonObject& lo : r.objects(o, where, "locks", false)) {
        Lock l;
        const QString mode = r.string(lo, where, "mode", true);
        l.mode = lockModeFromString(mode);
        if (l.mode == LockMode::None && mode.compare(QLatin1String("none"), Qt::CaseInsensitive))
            r.fail(where, QStringLiteral("unknown lock mode \"%1\"").arg(mode));
        l.relation = r.string(lo, where, "relation", true);
        l.brief = r.flag(lo, where, "brief", true);
        s.locks.push_back(l);
    }
    const QString work = r.string(o, where, "work", false);
    s.work = workFromString(work);
    if (!work.isEmpty() && toString(s.work) != work)
        r.fail(where, QStringLiteral("unknown work \"%1\"").arg(work));
    s.estimatedSeconds = r.number(o, where, "estimatedSeconds", 0);
    s.outsideTransaction = r.flag(o, where, "outsideTransaction", false);
    for (const QJsonObject& ho : r.objects(o, where, "hazards", false)) {
        Hazard h;
        const QString kind = r.string(ho, where, "kind", true);
        bool ok = false;
        h.kind = hazardFromString(kind, &ok);
        if (!ok)
            r.fail(where, QStringLiteral("unknown hazard kind \"%1\"").arg(kind));
        h.explanation = r.string(ho, where, "explanation", false);
        s.hazards.push_back(h);
    }
    s.statementTimeoutMs = int(r.number(o, where, "statementTimeoutMs", 0));
    s.lockTimeoutMs = int(r.number(o, where, "lockTimeoutMs", 0));
    s.dependsOn = r.strings(o, where, "dependsOn");
    s.referenceRow = r.string(o, where, "referenceRow", false);
    s.rationale = r.string(o, where, "rationale", false);
    const QJsonValue bv = o.value(QLatin1String("backfill"));
    if (bv.isObject()) {
        const QJsonObject bo = bv.toObject();
        const QString bwhere = where + QStringLiteral(" backfill");
        Backfill b;
        b.schema = r.string(bo, bwhere, "schema", true);
        b.table = r.string(bo, bwhere, "table", true);
        b.keyColumns = r.strings(bo, bwhere, "keyColumns");
        b.setClause = r.string(bo, bwhere, "setClause", true);
        b.pendingPredicate = r.string(bo, bwhere, "pendingPredicate", true);
        b.batchRows = int(r.number(bo, bwhere, "batchRows", 1000));
        if (b.batchRows < 1)
            r.fail(bwhere, QStringLiteral("\"batchRows\" must be at least 1"));
        s.backfill = b;
    } else if (!bv.isUndefined() && !bv.isNull()) {
        r.fail(where, QStringLiteral("\"backfill\" must be an object"));
    }
    s.originalSql = r.string(o, where, "originalSql", false);
    // What a backfill runs comes from its fields; the text shown and approved must be exactly
    // that statement, so a hand edit of either one cannot make them say different things.
    if (s.backfill &&
        (s.sql != exec::backfillStatementText(*s.backfill) || !s.originalSql.isEmpty()))
        r.fail(where, QStringLiteral("\"sql\" of a backfill step must be the statement its "
                                     "\"backfill\" runs (it was edited by hand?): plan again"));
    return s;
}

SourceLocation locateOffset(const QByteArray& data, int offset, const QString& fileName)
{
    SourceLocation loc;
    loc.file = fileName;
    loc.line = 1;
    loc.column = 1;
    // Columns count characters, not bytes: skip UTF-8 continuation bytes.
    for (int i = 0; i < offset && i < data.size(); ++i) {
        const char c = data.at(i);
        if (c == '\n') {
            ++loc.line;
            loc.column = 1;
        } else if ((uchar(c) & 0xC0) != 0x80) {
            ++loc.column;
        }
    }
    return loc;
}

} // namespace

QJsonObject toJson(const Plan& plan)
{
    QJsonObject o;
    o.insert(QStringLiteral("formatVersion"), Plan::FormatVersion);
    o.insert(QStringLiteral("id"), plan.id);
    o.insert(QStringLiteral("createdAt"), plan.createdAt);
    o.insert(QStringLiteral("sourceFingerprint"), plan.sourceFingerprint);
    o.insert(QStringLiteral("targetFingerprint"), plan.targetFingerprint);
    o.insert(QStringLiteral("sourceDescription"), plan.sourceDescription);
    o.insert(QStringLiteral("targetDescription"), plan.targetDescription);
    o.insert(QStringLiteral("serverVersionNum"), plan.serverVersionNum);
    QJsonArray steps;
    for (const Step& s : plan.steps)
        steps.append(stepJson(s));
    o.insert(QStringLiteral("steps"), steps);
    QJsonArray gates;
    for (const Gate& g : plan.gates) {
        QJsonObject go;
        go.insert(QStringLiteral("id"), g.id);
        go.insert(QStringLiteral("before"), toString(g.before));
        go.insert(QStringLiteral("title"), g.title);
        go.insert(QStringLiteral("instructions"), g.instructions);
        go.insert(QStringLiteral("checklist"), QJsonArray::fromStringList(g.checklist));
        gates.append(go);
    }
    o.insert(QStringLiteral("gates"), gates);
    QJsonArray findings;
    for (const Finding& f : plan.findings) {
        QJsonObject fo;
        fo.insert(QStringLiteral("severity"), toString(f.severity));
        fo.insert(QStringLiteral("object"), f.object);
        fo.insert(QStringLiteral("title"), f.title);
        fo.insert(QStringLiteral("reason"), f.reason);
        fo.insert(QStringLiteral("options"), QJsonArray::fromStringList(f.options));
        put(fo, "referenceRow", f.referenceRow);
        findings.append(fo);
    }
    o.insert(QStringLiteral("findings"), findings);
    QJsonArray renames;
    for (const diff::RenameHint& h : plan.renames) {
        QJsonObject ro;
        ro.insert(QStringLiteral("schema"), h.schema);
        ro.insert(QStringLiteral("table"), h.table);
        put(ro, "column", h.column);
        ro.insert(QStringLiteral("newName"), h.newName);
        renames.append(ro);
    }
    o.insert(QStringLiteral("renames"), renames);
    QJsonArray fills;
    for (const Fill& f : plan.fills) {
        QJsonObject fo;
        fo.insert(QStringLiteral("schema"), f.schema);
        fo.insert(QStringLiteral("table"), f.table);
        fo.insert(QStringLiteral("column"), f.column);
        fo.insert(QStringLiteral("expression"), f.expression);
        fills.append(fo);
    }
    o.insert(QStringLiteral("fills"), fills);
    QJsonArray conversions;
    for (const ConversionChoice& c : plan.conversions) {
        QJsonObject co;
        put(co, "schema", c.schema);
        put(co, "table", c.table);
        put(co, "column", c.column);
        put(co, "using", c.usingExpression);
        put(co, "timeZone", c.timeZone);
        if (c.acceptLossy)
            co.insert(QStringLiteral("acceptLossy"), true);
        conversions.append(co);
    }
    o.insert(QStringLiteral("conversions"), conversions);
    if (!plan.acceptedDowntime.isEmpty())
        o.insert(QStringLiteral("acceptedDowntime"),
                 QJsonArray::fromStringList(plan.acceptedDowntime));
    o.insert(QStringLiteral("sourceObjects"), plan.sourceObjects);
    o.insert(QStringLiteral("changeSet"), plan.changeSet);
    o.insert(QStringLiteral("review"), plan.review);
    return o;
}

Result<Plan> planFromJson(const QJsonObject& json, const QString& fileName)
{
    const QString name =
        QFileInfo(fileName).fileName().isEmpty() ? fileName : QFileInfo(fileName).fileName();
    auto plainError = [&](const QString& message, const QString& hint = {}) {
        Error e;
        e.message = message;
        e.hint = hint;
        return e;
    };
    const QJsonValue version = json.value(QLatin1String("formatVersion"));
    if (version.isUndefined())
        return plainError(
            QStringLiteral("%1 is not a Bellows plan: it has no formatVersion").arg(name));
    if (!version.isDouble() || version.toDouble() != double(version.toInt()) || version.toInt() < 1)
        return plainError(
            QStringLiteral("%1 has an unknown plan format version (%2)")
                .arg(name, QString::fromUtf8(
                               QJsonDocument(QJsonArray{version}).toJson(QJsonDocument::Compact))
                               .mid(1)
                               .chopped(1)));
    if (version.toInt() > Plan::FormatVersion)
        return plainError(QStringLiteral("%1 was written by a newer Bellows (format %2); this one "
                                         "reads format %3")
                              .arg(name)
                              .arg(version.toInt())
                              .arg(Plan::FormatVersion),
                          QStringLiteral("upgrade Bellows, or plan again with this version"));

    Reader r(name);
    Plan plan;
    plan.id = r.string(json, {}, "id", true);
    plan.createdAt = r.string(json, {}, "createdAt", false);
    plan.sourceFingerprint = r.string(json, {}, "sourceFingerprint", false);
    plan.targetFingerprint = r.string(json, {}, "targetFingerprint", false);
    plan.sourceDescription = r.string(json, {}, "sourceDescription", false);
    plan.targetDescription = r.string(json, {}, "targetDescription", false);
    plan.serverVersionNum = int(r.number(json, {}, "serverVersionNum", 0));
    int index = 0;
    QSet<QString> stepIds;
    for (const QJsonObject& so : r.objects(json, {}, "steps", true)) {
        plan.steps.push_back(readStep(r, so, index++));
        if (r.failed())
            return r.error();
        // Approvals, the ledger and --step find a step by its id: two steps with one id would
        // let the second run under the first one's approvals.
        const QString& id = plan.steps.back().id;
        if (id.trimmed().isEmpty() || stepIds.contains(id))
            r.fail(QStringLiteral("step %1").arg(index - 1),
                   id.trimmed().isEmpty()
                       ? QStringLiteral("\"id\" must not be empty")
                       : QStringLiteral("\"id\" \"%1\" is used by an earlier step").arg(id));
        if (r.failed())
            return r.error();
        stepIds.insert(id);
    }
    for (const QJsonObject& go : r.objects(json, {}, "gates", false)) {
        Gate g;
        g.id = r.string(go, QStringLiteral("a gate"), "id", true);
        const QString where = QStringLiteral("gate \"%1\"").arg(g.id);
        g.before = r.phase(go, where, "before");
        g.title = r.string(go, where, "title", true);
        g.instructions = r.string(go, where, "instructions", false);
        g.checklist = r.strings(go, where, "checklist");
        if (std::any_of(plan.gates.begin(), plan.gates.end(),
                        [&](const Gate& other) { return other.id == g.id; }))
            r.fail(where, QStringLiteral("\"id\" is used by an earlier gate"));
        plan.gates.push_back(g);
    }
    for (const QJsonObject& fo : r.objects(json, {}, "findings", false)) {
        Finding f;
        const QString severity = r.string(fo, QStringLiteral("a finding"), "severity", true);
        if (severity == QLatin1String("blocking"))
            f.severity = Finding::Severity::Blocking;
        else if (severity == QLatin1String("warning"))
            f.severity = Finding::Severity::Warning;
        else if (severity == QLatin1String("info"))
            f.severity = Finding::Severity::Info;
        else if (!r.failed())
            r.fail(QStringLiteral("a finding"),
                   QStringLiteral("unknown severity \"%1\"").arg(severity));
        f.title = r.string(fo, QStringLiteral("a finding"), "title", true);
        const QString where = QStringLiteral("finding \"%1\"").arg(f.title);
        f.object = r.string(fo, where, "object", false);
        f.reason = r.string(fo, where, "reason", false);
        f.options = r.strings(fo, where, "options");
        f.referenceRow = r.string(fo, where, "referenceRow", false);
        plan.findings.push_back(f);
    }
    for (const QJsonObject& ro : r.objects(json, {}, "renames", false)) {
        diff::RenameHint h;
        const QString where = QStringLiteral("a rename");
        h.schema = r.string(ro, where, "schema", true);
        h.table = r.string(ro, where, "table", true);
        h.column = r.string(ro, where, "column", false);
        h.newName = r.string(ro, where, "newName", true);
        plan.renames.push_back(h);
    }
    for (const QJsonObject& fo : r.objects(json, {}, "fills", false)) {
        Fill f;
        const QString where = QStringLiteral("a fill");
        f.schema = r.string(fo, where, "schema", true);
        f.table = r.string(fo, where, "table", true);
        f.column = r.string(fo, where, "column", true);
        f.expression = r.string(fo, where, "expression", true);
        plan.fills.push_back(f);
    }
    for (const QJsonObject& co : r.objects(json, {}, "conversions", false)) {
        ConversionChoice c;
        const QString where = QStringLiteral("a conversion");
        c.schema = r.string(co, where, "schema", false);
        c.table = r.string(co, where, "table", false);
        c.column = r.string(co, where, "column", false);
        c.usingExpression = r.string(co, where, "using", false);
        c.timeZone = r.string(co, where, "timeZone", false);
        c.acceptLossy = r.flag(co, where, "acceptLossy", false);
        plan.conversions.push_back(c);
    }
    for (const QJsonValue& v : json.value(QLatin1String("acceptedDowntime")).toArray())
        plan.acceptedDowntime << v.toString();
    plan.sourceObjects = json.value(QLatin1String("sourceObjects")).toObject();
    plan.changeSet = json.value(QLatin1String("changeSet")).toObject();
    plan.review = json.value(QLatin1String("review")).toObject();
    if (r.failed())
        return r.error();
    return plan;
}

Status savePlan(const Plan& plan, const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        Error e;
        e.message = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return e;
    }
    file.write(QJsonDocument(toJson(plan)).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        Error e;
        e.message = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return e;
    }
    return {};
}

Result<Plan> loadPlan(const QString& path)
{
    QFile file(path);
    if (!file.exists()) {
        Error e;
        e.message = QStringLiteral("%1: no such plan file").arg(path);
        return e;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        Error e;
        e.message = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return e;
    }
    const QByteArray data = file.readAll();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        Error e;
        e.location = locateOffset(data, parseError.offset, path);
        e.message = QStringLiteral("not a JSON plan file: %1").arg(parseError.errorString());
        return e;
    }
    if (!document.isObject()) {
        Error e;
        e.message = QStringLiteral("%1 is not a Bellows plan: the JSON is not an object").arg(path);
        return e;
    }
    return planFromJson(document.object(), path);
}

namespace {

// The catalog as JSON without what changes by itself (server version, size estimates).
QJsonObject stableJson(const catalog::Catalog& catalog)
{
    QJsonObject json = catalog::toJson(catalog);
    json.remove(QStringLiteral("server"));
    QJsonArray tables = json.value(QLatin1String("tables")).toArray();
    for (qsizetype i = 0; i < tables.size(); ++i) {
        QJsonObject t = tables.at(i).toObject();
        t.remove(QStringLiteral("estimatedRows"));
        t.remove(QStringLiteral("totalBytes"));
        tables.replace(i, t);
    }
    json.insert(QStringLiteral("tables"), tables);
    return json;
}

QString sha256(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace

QString catalogFingerprint(const catalog::Catalog& catalog)
{
    return sha256(QJsonDocument(stableJson(catalog)).toJson(QJsonDocument::Compact));
}

QJsonObject catalogObjectFingerprints(const catalog::Catalog& catalog)
{
    static const std::pair<const char*, const char*> kinds[] = {
        {"schemas", "schema"}, {"extensions", "extension"}, {"enums", "enum"},
        {"domains", "domain"}, {"compositeTypes", "type"},  {"sequences", "sequence"},
        {"tables", "table"},   {"views", "view"},           {"functions", "function"}};
    const QJsonObject json = stableJson(catalog);
    QJsonObject out;
    for (const auto& [key, kind] : kinds) {
        for (const QJsonValue& v : json.value(QLatin1String(key)).toArray()) {
            const QJsonObject o = v.toObject();
            const QString schema = o.value(QLatin1String("schema")).toString();
            QString name = QLatin1String(kind) + QLatin1Char(' ') +
                           (schema.isEmpty() ? QString() : schema + QLatin1Char('.')) +
                           o.value(QLatin1String("name")).toString();
            if (o.contains(QLatin1String("arguments")))
                name += QLatin1Char('(') + o.value(QLatin1String("arguments")).toString() +
                        QLatin1Char(')');
            out.insert(name, sha256(QJsonDocument(o).toJson(QJsonDocument::Compact)));
        }
    }
    return out;
}

QStringList objectFingerprintDifferences(const QJsonObject& expected, const QJsonObject& actual)
{
    QStringList out;
    for (auto it = actual.begin(); it != actual.end(); ++it) {
        if (!expected.contains(it.key()))
            out << QStringLiteral("%1 was added").arg(it.key());
        else if (expected.value(it.key()) != it.value())
            out << QStringLiteral("%1 changed").arg(it.key());
    }
    for (auto it = expected.begin(); it != expected.end(); ++it)
        if (!actual.contains(it.key()))
            out << QStringLiteral("%1 was removed").arg(it.key());
    return out;
}

} // namespace bellows::plan
