// Constraints, indexes, triggers and policies of one relation pair, matched by name. Texts are
// PostgreSQL's own (pg_get_*def); the database side is rewritten to target names first when
// renames are confirmed, and the texts are shown unmodified.

#include "diff/diff_context.h"

#include <algorithm>

namespace bellows::diff::detail {

using namespace catalog;

namespace {

// Matches by name, keeping only items `keep` accepts; `compareFn` lists the differences.
// Among the objects left on one side only, a removed and an added one that differ in nothing
// of `identity` (the attributes that make them what they are) are the same object under a
// new name: PostgreSQL keeps constraint and index names on RENAME TABLE, while the target
// names them after the new table. Renaming reaches the target exactly and loses nothing, so
// this is no guess about data; ambiguous candidates stay Removed + Added.
template <typename T, typename Keep, typename CompareFn>
void diffNamed(ObjectKind kind, const std::vector<T>& db, const std::vector<T>& tgt,
               const Owner& owner, Keep keep, CompareFn compareFn, const QStringList& identity,
               std::vector<Change>& out)
{
    auto kept = [&keep](const std::vector<T>& items) {
        std::map<QString, const T*> map;
        for (const T& item : items) {
            if (keep(item))
                map.emplace(item.name, &item);
        }
        return map;
    };
    auto changed = [&](const T& d, const T& t, std::vector<AttributeChange> attributes,
                       const QString& renamedFrom) {
        if (attributes.empty())
            return;
        Change c = subChange(kind, Action::Changed, owner, t.name);
        c.renamedFrom = renamedFrom;
        c.attributes = std::move(attributes);
        c.before = snapshot(d);
        c.after = snapshot(t);
        out.push_back(std::move(c));
    };

    const auto dbItems = kept(db);
    const auto tgtItems = kept(tgt);
    std::vector<const T*> removed;
    for (const auto& [name, d] : dbItems) {
        const auto it = tgtItems.find(name);
        if (it == tgtItems.end())
            removed.push_back(d);
        else
            changed(*d, *it->second, compareFn(*d, *it->second), QString());
    }
    std::vector<const T*> added;
    for (const auto& [name, t] : tgtItems) {
        if (!dbItems.count(name))
            added.push_back(t);
    }

    const Pairing pairing = pairUp(removed.size(), added.size(), [&](size_t r, size_t a) {
        const std::vector<AttributeChange> attributes = compareFn(*removed[r], *added[a]);
        return std::none_of(attributes.begin(), attributes.end(), [&](const AttributeChange& x) {
            return identity.contains(x.attribute);
        });
    });
    std::vector<bool> removedPaired(removed.size(), false);
    std::vector<bool> addedPaired(added.size(), false);
    for (const auto& [r, a] : pairing.pairs) {
        removedPaired[r] = addedPaired[a] = true;
        Change c = subChange(kind, Action::Renamed, owner, added[a]->name);
        c.renamedFrom = removed[r]->name;
        c.before = snapshot(*removed[r]);
        c.after = snapshot(*added[a]);
        out.push_back(std::move(c));
        changed(*removed[r], *added[a], compareFn(*removed[r], *added[a]), removed[r]->name);
    }
    for (size_t r = 0; r < removed.size(); ++r) {
        if (removedPaired[r])
            continue;
        Change c = subChange(kind, Action::Removed, owner, removed[r]->name);
        c.before = snapshot(*removed[r]);
        out.push_back(std::move(c));
    }
    for (size_t a = 0; a < added.size(); ++a) {
        if (addedPaired[a])
            continue;
        Change c = subChange(kind, Action::Added, owner, added[a]->name);
        c.after = snapshot(*added[a]);
        out.push_back(std::move(c));
    }
}

QString stripSuffix(QString text, const QString& suffix)
{
    if (text.endsWith(suffix))
        text.chop(suffix.size());
    return text;
}

// pg_get_constraintdef appends DEFERRABLE, INITIALLY DEFERRED and NOT ENFORCED or NOT VALID
// in that order; those are reported as their own attributes, not as a definition change.
QString constraintBody(const QString& definition)
{
    QString body = stripSuffix(definition, QStringLiteral(" NOT VALID"));
    body = stripSuffix(body, QStringLiteral(" NOT ENFORCED"));
    body = stripSuffix(body, QStringLiteral(" INITIALLY DEFERRED"));
    return stripSuffix(body, QStringLiteral(" DEFERRABLE"));
}

QString deferrability(const Constraint& c)
{
    if (!c.deferrable)
        return QStringLiteral("not deferrable");
    return c.initiallyDeferred ? QStringLiteral("deferrable initially deferred")
                               : QStringLiteral("deferrable");
}

QString validity(bool valid)
{
    return valid ? QStringLiteral("valid") : QStringLiteral("not valid");
}

QString columnList(const QStringList& columns, const Renames* renames, const QString& tableKey)
{
    QStringList out;
    for (const QString& column : columns)
        out << displayIdent(renames ? renames->newColumnName(tableKey, column) : column);
    return out.join(QStringLiteral(", "));
}

QString referencesText(const Constraint& c, const Renames* renames)
{
    const QString refKey = key(c.refSchema, c.refTable);
    const QString table = renames ? renames->newTableName(c.refSchema, c.refTable) : c.refTable;
    return displayQualified(c.refSchema, table) + QLatin1Char('(') +
           columnList(c.refColumns, renames, refKey) + QLatin1Char(')');
}

std::vector<AttributeChange> compareConstraint(const Renames& renames, const QString& dbTableKey,
                                               const Constraint& db, const Constraint& tgt,
                                               const IdentifierRewrite& rewrite)
{
    std::vector<AttributeChange> out;
    compare(out, QStringLiteral("kind"), toString(db.kind), toString(tgt.kind));

    // Foreign keys are compared field by field when the introspector filled the fields:
    // a renamed referenced table or column then needs no text rewriting.
    const bool structured = db.kind == ConstraintKind::ForeignKey &&
                            tgt.kind == ConstraintKind::ForeignKey && !db.refTable.isEmpty() &&
                            !tgt.refTable.isEmpty();
    bool structuralDifference = false;
    if (structured) {
        const size_t before = out.size();
        compareNormalised(out, QStringLiteral("columns"), columnList(db.columns, nullptr, {}),
                          columnList(tgt.columns, nullptr, {}),
                          columnList(db.columns, &renames, dbTableKey),
                          columnList(tgt.columns, nullptr, {}));
        compareNormalised(out, QStringLiteral("references"), referencesText(db, nullptr),
                          referencesText(tgt, nullptr), referencesText(db, &renames),
                          referencesText(tgt, nullptr));
        compare(out, QStringLiteral("match"), db.matchType, tgt.matchType);
        compare(out, QStringLiteral("on update"), db.onUpdate, tgt.onUpdate);
        compare(out, QStringLiteral("on delete"), db.onDelete, tgt.onDelete);
        structuralDifference = out.size() > before;
    }
    // The text catches what the fields do not hold (e.g. ON DELETE SET NULL (col)); with
    // renames a foreign key's text may name the referenced table unqualified, so trust fields.
    if (!structured || (!structuralDifference && renames.isEmpty())) {
        compareNormalised(out, QStringLiteral("definition"), db.definition, tgt.definition,
                          rewriteIdentifiers(constraintBody(db.definition), rewrite),
                          constraintBody(tgt.definition));
    }
    compare(out, QStringLiteral("deferrable"), deferrability(db), deferrability(tgt));
    compare(out, QStringLiteral("enforced"), boolText(db.enforced), boolText(tgt.enforced));
    // A NOT ENFORCED constraint is never validated: its validity says nothing more.
    if (db.enforced && tgt.enforced)
        compare(out, QStringLiteral("validity"), validity(db.validated), validity(tgt.validated));
    compare(out, QStringLiteral("comment"), db.comment, tgt.comment);
    return out;
}

// The object's own name sits in its definition; it is equal on both sides (matched by name)
// but could collide with a renamed column, so it is cut out before rewriting.
QString withoutOwnName(const QString& definition, const QString& keyword, const QString& name)
{
    QString out = definition;
    const QString head =
        QLatin1Char(' ') + keyword + QLatin1Char(' ') + displayIdent(name) + QLatin1Char(' ');
    const qsizetype at = out.indexOf(head);
    if (at >= 0)
        out.replace(at, head.size(), QLatin1Char(' ') + keyword + QLatin1Char(' '));
    return out;
}

std::vector<AttributeChange> compareIndex(const Index& db, const Index& tgt,
                                          const IdentifierRewrite& rewrite)
{
    std::vector<AttributeChange> out;
    const QString keyword = QStringLiteral("INDEX");
    compareNormalised(out, QStringLiteral("definition"), db.definition, tgt.definition,
                      rewriteIdentifiers(withoutOwnName(db.definition, keyword, db.name), rewrite),
                      withoutOwnName(tgt.definition, keyword, tgt.name));
    // An INVALID index is what a failed CREATE INDEX CONCURRENTLY leaves behind.
    compare(out, QStringLiteral("validity"),
            db.valid ? QStringLiteral("valid") : QStringLiteral("invalid"),
            tgt.valid ? QStringLiteral("valid") : QStringLiteral("invalid"));
    compare(out, QStringLiteral("tablespace"), db.tablespace, tgt.tablespace);
    compare(out, QStringLiteral("comment"), db.comment, tgt.comment);
    return out;
}

QString enabledText(char enabled)
{
    switch (enabled) {
    case 'D':
        return QStringLiteral("disabled");
    case 'R':
        return QStringLiteral("enabled (replica only)");
    case 'A':
        return QStringLiteral("enabled (always)");
    default:
        return QStringLiteral("enabled");
    }
}

std::vector<AttributeChange> compareTrigger(const Trigger& db, const Trigger& tgt,
                                            const IdentifierRewrite& rewrite)
{
    std::vector<AttributeChange> out;
    const QString keyword = QStringLiteral("TRIGGER");
    compareNormalised(out, QStringLiteral("definition"), db.definition, tgt.definition,
                      rewriteIdentifiers(withoutOwnName(db.definition, keyword, db.name), rewrite),
                      withoutOwnName(tgt.definition, keyword, tgt.name));
    compare(out, QStringLiteral("enabled"), enabledText(db.enabled), enabledText(tgt.enabled));
    compare(out, QStringLiteral("comment"), db.comment, tgt.comment);
    return out;
}

QString rolesText(QStringList roles)
{
    roles.sort();
    return roles.join(QStringLiteral(", "));
}

std::vector<AttributeChange> comparePolicy(const Policy& db, const Policy& tgt,
                                           const IdentifierRewrite& rewrite)
{
    std::vector<AttributeChange> out;
    auto mode = [](const Policy& p) {
        return p.permissive ? QStringLiteral("permissive") : QStringLiteral("restrictive");
    };
    compare(out, QStringLiteral("command"), db.command, tgt.command);
    compare(out, QStringLiteral("mode"), mode(db), mode(tgt));
    compare(out, QStringLiteral("roles"), rolesText(db.roles), rolesText(tgt.roles));
    compareNormalised(out, QStringLiteral("using"), db.usingExpr, tgt.usingExpr,
                      rewriteIdentifiers(db.usingExpr, rewrite), tgt.usingExpr);
    compareNormalised(out, QStringLiteral("with check"), db.withCheckExpr, tgt.withCheckExpr,
                      rewriteIdentifiers(db.withCheckExpr, rewrite), tgt.withCheckExpr);
    compare(out, QStringLiteral("comment"), db.comment, tgt.comment);
    return out;
}

} // namespace

void diffConstraints(DiffRun& run, const Table& db, const Table& tgt, const Owner& owner,
                     const IdentifierRewrite& rewrite, std::vector<Change>& out)
{
    const QString dbTableKey = key(db.schema, db.name);
    const Renames& renames = run.renames;
    diffNamed(
        ObjectKind::Constraint, db.constraints, tgt.constraints, owner,
        [](const Constraint&) { return true; },
        [&](const Constraint& d, const Constraint& t) {
            return compareConstraint(renames, dbTableKey, d, t, rewrite);
        },
        {QStringLiteral("kind"), QStringLiteral("definition"), QStringLiteral("columns"),
         QStringLiteral("references"), QStringLiteral("match"), QStringLiteral("on update"),
         QStringLiteral("on delete")},
        out);
}

void diffIndexes(const std::vector<Index>& db, const std::vector<Index>& tgt, const Owner& owner,
                 const IdentifierRewrite& rewrite, std::vector<Change>& out)
{
    // An index that implements a constraint is reported through the constraint.
    diffNamed(
        ObjectKind::Index, db, tgt, owner,
        [](const Index& i) { return i.constraintName.isEmpty(); },
        [&](const Index& d, const Index& t) { return compareIndex(d, t, rewrite); },
        {QStringLiteral("definition")}, out);
}

void diffTriggers(const std::vector<Trigger>& db, const std::vector<Trigger>& tgt,
                  const Owner& owner, const IdentifierRewrite& rewrite, std::vector<Change>& out)
{
    // Internal triggers (foreign key enforcement) belong to their constraint.
    diffNamed(
        ObjectKind::Trigger, db, tgt, owner, [](const Trigger& t) { return !t.isInternal; },
        [&](const Trigger& d, const Trigger& t) { return compareTrigger(d, t, rewrite); },
        {QStringLiteral("definition")}, out);
}

void diffPolicies(const std::vector<Policy>& db, const std::vector<Policy>& tgt, const Owner& owner,
                  const IdentifierRewrite& rewrite, std::vector<Change>& out)
{
    diffNamed(
        ObjectKind::Policy, db, tgt, owner, [](const Policy&) { return true; },
        [&](const Policy& d, const Policy& t) { return comparePolicy(d, t, rewrite); },
        {QStringLiteral("command"), QStringLiteral("mode"), QStringLiteral("roles"),
         QStringLiteral("using"), QStringLiteral("with check")},
        out);
}

} // namespace bellows::diff::detail
