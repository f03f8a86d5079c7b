// diff() and the objects that are not relations: schemas, extensions, types, sequences and
// routines. Tables and views are in table_differ.cpp.

#include "diff/differ.h"

#include "diff/diff_context.h"

#include <QSet>

#include <type_traits>

namespace bellows::diff {

using namespace catalog;
using detail::compare;
using detail::DiffRun;
using detail::snapshot;

namespace detail {

DiffRun::DiffRun(const Catalog& db, const Catalog& tgt) : database(db), target(tgt)
{
    for (ObjectKind kind : topLevelKinds())
        result.summary.push_back(ObjectSummary{kind});
}

void DiffRun::count(ObjectKind kind, ObjectStatus status)
{
    for (ObjectSummary& s : result.summary) {
        if (s.kind == kind)
            s.count(status);
    }
}

} // namespace detail

namespace {

Change topChange(ObjectKind kind, Action action, const QString& schema, const QString& name)
{
    Change c;
    c.kind = kind;
    c.action = action;
    c.schema = schema;
    c.name = name;
    return c;
}

// Matches two keyed maps of one kind: Added / Removed for one-sided objects, and for pairs
// the attributes `compareFn` reports (a Changed change when there are any).
template <typename Map, typename Describe, typename CompareFn>
void diffKeyed(DiffRun& run, ObjectKind kind, const Map& db, const Map& tgt, Describe describe,
               CompareFn compareFn)
{
    for (const auto& [k, item] : db) {
        const auto it = tgt.find(k);
        if (it == tgt.end()) {
            Change c = describe(*item, Action::Removed);
            c.before = snapshot(*item);
            run.add(std::move(c));
            run.count(kind, ObjectStatus::OnlyInDatabase);
            continue;
        }
        Change c = describe(*item, Action::Changed);
        compareFn(*item, *it->second, c);
        // A requires-expression on the type, not on the binding: clang (the fuzz build)
        // refuses a structured binding inside one.
        using Object = std::remove_cvref_t<decltype(*item)>;
        if constexpr (requires(const Object& o) { o.owner; })
            detail::compareOwnership(run, item->owner, item->acl, it->second->owner,
                                     it->second->acl, c.attributes);
        const bool differs = !c.attributes.empty();
        run.count(kind, differs ? ObjectStatus::Different : ObjectStatus::Identical);
        if (differs) {
            c.before = snapshot(*item);
            c.after = snapshot(*it->second);
            run.add(std::move(c));
        }
    }
    for (const auto& [k, item] : tgt) {
        if (db.find(k) != db.end())
            continue;
        Change c = describe(*item, Action::Added);
        c.after = snapshot(*item);
        run.add(std::move(c));
        run.count(kind, ObjectStatus::OnlyInTarget);
    }
}

void diffSchemas(DiffRun& run)
{
    diffKeyed(
        run, ObjectKind::Schema, detail::byName(run.database.schemas),
        detail::byName(run.target.schemas),
        [](const Schema& s, Action a) { return topChange(ObjectKind::Schema, a, {}, s.name); },
        [](const Schema& db, const Schema& tgt, Change& c) {
            compare(c.attributes, QStringLiteral("comment"), db.comment, tgt.comment);
        });
}

void diffExtensions(DiffRun& run)
{
    diffKeyed(
        run, ObjectKind::Extension, detail::byName(run.database.extensions),
        detail::byName(run.target.extensions),
        [](const Extension& e, Action a) {
            return topChange(ObjectKind::Extension, a, {}, e.name);
        },
        [](const Extension& db, const Extension& tgt, Change& c) {
            compare(c.attributes, QStringLiteral("version"), db.version, tgt.version);
            compare(c.attributes, QStringLiteral("schema"), db.schema, tgt.schema);
            compare(c.attributes, QStringLiteral("comment"), db.comment, tgt.comment);
        });
}

QString labelList(const QStringList& labels)
{
    QStringList quoted;
    for (const QString& label : labels)
        quoted << displayLiteral(label);
    return quoted.join(QStringLiteral(", "));
}

EnumDelta enumDelta(const QStringList& db, const QStringList& tgt)
{
    EnumDelta delta;
    const QSet<QString> dbSet(db.begin(), db.end());
    const QSet<QString> tgtSet(tgt.begin(), tgt.end());
    for (qsizetype i = 0; i < tgt.size(); ++i) {
        if (dbSet.contains(tgt.at(i)))
            continue;
        delta.added.push_back({tgt.at(i), i > 0 ? tgt.at(i - 1) : QString(),
                               i + 1 < tgt.size() ? tgt.at(i + 1) : QString()});
    }
    QStringList dbCommon;
    for (const QString& label : db) {
        if (tgtSet.contains(label))
            dbCommon << label;
        else
            delta.removed << label;
    }
    QStringList tgtCommon;
    for (const QString& label : tgt) {
        if (dbSet.contains(label))
            tgtCommon << label;
    }
    delta.reordered = dbCommon != tgtCommon;
    return delta;
}

void diffEnums(DiffRun& run)
{
    diffKeyed(
        run, ObjectKind::Enum, detail::bySchemaName(run.database.enums),
        detail::bySchemaName(run.target.enums),
        [](const EnumType& e, Action a) {
            return topChange(ObjectKind::Enum, a, e.schema, e.name);
        },
        [](const EnumType& db, const EnumType& tgt, Change& c) {
            if (db.labels != tgt.labels) {
                c.attributes.push_back(
                    {QStringLiteral("labels"), labelList(db.labels), labelList(tgt.labels)});
                c.enumDelta = enumDelta(db.labels, tgt.labels);
            }
            compare(c.attributes, QStringLiteral("comment"), db.comment, tgt.comment);
        });
}

QString nullability(bool notNull)
{
    return notNull ? QStringLiteral("not null") : QStringLiteral("nullable");
}

QString validity(bool valid)
{
    return valid ? QStringLiteral("valid") : QStringLiteral("not valid");
}

// pg_get_constraintdef appends NOT VALID; validity is reported on its own.
QString checkBody(const QString& definition)
{
    const QString suffix = QStringLiteral(" NOT VALID");
    return definition.endsWith(suffix) ? definition.chopped(suffix.size()) : definition;
}

void diffDomainChecks(const Domain& db, const Domain& tgt, std::vector<AttributeChange>& out)
{
    const auto dbChecks = detail::byName(db.checks);
    const auto tgtChecks = detail::byName(tgt.checks);
    std::map<QString, int> names;
    for (const auto& [name, check] : dbChecks)
        names[name] |= 1;
    for (const auto& [name, check] : tgtChecks)
        names[name] |= 2;
    for (const auto& [name, sides] : names) {
        const QString attribute = QStringLiteral("check ") + displayIdent(name);
        const DomainCheck* d = sides & 1 ? dbChecks.at(name) : nullptr;
        const DomainCheck* t = sides & 2 ? tgtChecks.at(name) : nullptr;
        if (!d || !t) {
            out.push_back(
                {attribute, d ? d->definition : QString(), t ? t->definition : QString()});
            continue;
        }
        detail::compareNormalised(out, attribute, d->definition, t->definition,
                                  checkBody(d->definition), checkBody(t->definition));
        compare(out, attribute + QStringLiteral(" validity"), validity(d->validated),
                validity(t->validated));
        compare(out, attribute + QStringLiteral(" comment"), d->comment, t->comment);
    }
}

void diffDomains(DiffRun& run)
{
    diffKeyed(
        run, ObjectKind::Domain, detail::bySchemaName(run.database.domains),
        detail::bySchemaName(run.target.domains),
        [](const Domain& d, Action a) {
            return topChange(ObjectKind::Domain, a, d.schema, d.name);
        },
        [](const Domain& db, const Domain& tgt, Change& c) {
            auto& out = c.attributes;
            compare(out, QStringLiteral("base type"), db.baseType, tgt.baseType);
            compare(out, QStringLiteral("collation"), db.collation, tgt.collation);
            compare(out, QStringLiteral("default"), db.defaultExpr, tgt.defaultExpr);
            compare(out, QStringLiteral("nullability"), nullability(db.notNull),
                    nullability(tgt.notNull));
            diffDomainChecks(db, tgt, out);
            compare(out, QStringLiteral("comment"), db.comment, tgt.comment);
        });
}

QString attributeText(const CompositeAttribute& a)
{
    return a.collation.isEmpty() ? a.type : a.type + QStringLiteral(" COLLATE ") + a.collation;
}

void diffCompositeAttributes(const CompositeType& db, const CompositeType& tgt,
                             std::vector<AttributeChange>& out)
{
    const auto dbAttrs = detail::byName(db.attributes);
    const auto tgtAttrs = detail::byName(tgt.attributes);
    std::map<QString, int> names;
    for (const auto& [name, a] : dbAttrs)
        names[name] |= 1;
    for (const auto& [name, a] : tgtAttrs)
        names[name] |= 2;
    for (const auto& [name, sides] : names) {
        const QString from = sides & 1 ? attributeText(*dbAttrs.at(name)) : QString();
        const QString to = sides & 2 ? attributeText(*tgtAttrs.at(name)) : QString();
        compare(out, QStringLiteral("attribute ") + displayIdent(name), from, to);
    }
    // Unlike table columns, a composite type's attribute order is visible (row constructors).
    QStringList dbOrder;
    for (const CompositeAttribute& a : db.attributes) {
        if (tgtAttrs.count(a.name))
            dbOrder << displayIdent(a.name);
    }
    QStringList tgtOrder;
    for (const CompositeAttribute& a : tgt.attributes) {
        if (dbAttrs.count(a.name))
            tgtOrder << displayIdent(a.name);
    }
    compare(out, QStringLiteral("attribute order"), dbOrder.join(QStringLiteral(", ")),
            tgtOrder.join(QStringLiteral(", ")));
}

void diffCompositeTypes(DiffRun& run)
{
    diffKeyed(
        run, ObjectKind::CompositeType, detail::bySchemaName(run.database.compositeTypes),
        detail::bySchemaName(run.target.compositeTypes),
        [](const CompositeType& t, Action a) {
            return topChange(ObjectKind::CompositeType, a, t.schema, t.name);
        },
        [](const CompositeType& db, const CompositeType& tgt, Change& c) {
            diffCompositeAttributes(db, tgt, c.attributes);
            compare(c.attributes, QStringLiteral("comment"), db.comment, tgt.comment);
        });
}

// "schema.table.column" of OWNED BY, in target-side names.
QString ownedBy(const Sequence& s, const detail::Renames* renames)
{
    if (s.ownedByTable.isEmpty())
        return {};
    QString table = s.ownedByTable;
    QString column = s.ownedByColumn;
    if (renames) {
        const QString tableKey = key(s.ownedBySchema, s.ownedByTable);
        table = renames->newTableName(s.ownedBySchema, s.ownedByTable);
        column = renames->newColumnName(tableKey, s.ownedByColumn);
    }
    QString out = displayQualified(s.ownedBySchema, table);
    if (!column.isEmpty())
        out += QLatin1Char('.') + displayIdent(column);
    return out;
}

void diffSequences(DiffRun& run)
{
    // Identity sequences are diffed through their column's identity attribute.
    auto plain = [](const std::vector<Sequence>& all) {
        std::map<std::pair<QString, QString>, const Sequence*> out;
        for (const Sequence& s : all) {
            if (!s.identity)
                out.emplace(std::make_pair(s.schema, s.name), &s);
        }
        return out;
    };
    auto dbSequences = plain(run.database.sequences);
    const auto tgtSequences = plain(run.target.sequences);
    // A serial of a migration tool's table left alone (knex_migrations_id_seq) goes with it.
    std::erase_if(dbSequences, [&run, &tgtSequences](const auto& entry) {
        const Sequence& s = *entry.second;
        return !s.ownedByTable.isEmpty() && run.isToolTable(s.ownedBySchema, s.ownedByTable) &&
               !tgtSequences.count(entry.first);
    });
    const detail::Renames& renames = run.renames;
    diffKeyed(
        run, ObjectKind::Sequence, dbSequences, tgtSequences,
        [](const Sequence& s, Action a) {
            return topChange(ObjectKind::Sequence, a, s.schema, s.name);
        },
        [&renames](const Sequence& db, const Sequence& tgt, Change& c) {
            auto& out = c.attributes;
            auto num = [](qint64 v) { return QString::number(v); };
            compare(out, QStringLiteral("data type"), db.dataType, tgt.dataType);
            compare(out, QStringLiteral("start"), num(db.start), num(tgt.start));
            compare(out, QStringLiteral("increment"), num(db.increment), num(tgt.increment));
            compare(out, QStringLiteral("min value"), num(db.minValue), num(tgt.minValue));
            compare(out, QStringLiteral("max value"), num(db.maxValue), num(tgt.maxValue));
            compare(out, QStringLiteral("cache"), num(db.cache), num(tgt.cache));
            compare(out, QStringLiteral("cycle"), detail::boolText(db.cycle),
                    detail::boolText(tgt.cycle));
            // The database side is spelled in target names so a rename alone is no change.
            compare(out, QStringLiteral("owned by"), ownedBy(db, &renames), ownedBy(tgt, nullptr));
            compare(out, QStringLiteral("comment"), db.comment, tgt.comment);
        });
}

ObjectKind routineKind(FunctionKind kind)
{
    switch (kind) {
    case FunctionKind::Procedure:
        return ObjectKind::Procedure;
    case FunctionKind::Aggregate:
        return ObjectKind::Aggregate;
    case FunctionKind::Function:
    case FunctionKind::Window:
        return ObjectKind::Function;
    }
    return ObjectKind::Function;
}

void diffRoutines(DiffRun& run, ObjectKind kind)
{
    // Keyed by (schema, name, identity arguments): overloads are distinct objects.
    using Key = std::tuple<QString, QString, QString>;
    auto ofKind = [kind](const std::vector<Function>& all) {
        std::map<Key, const Function*> out;
        for (const Function& f : all) {
            if (routineKind(f.kind) == kind)
                out.emplace(Key{f.schema, f.name, f.identityArguments}, &f);
        }
        return out;
    };
    diffKeyed(
        run, kind, ofKind(run.database.functions), ofKind(run.target.functions),
        [kind](const Function& f, Action a) {
            Change c = topChange(kind, a, f.schema, f.name);
            c.arguments = f.identityArguments;
            return c;
        },
        [](const Function& db, const Function& tgt, Change& c) {
            auto& out = c.attributes;
            compare(out, QStringLiteral("kind"), toString(db.kind), toString(tgt.kind));
            compare(out, QStringLiteral("returns"), db.returns, tgt.returns);
            compare(out, QStringLiteral("language"), db.language, tgt.language);
            compare(out, QStringLiteral("definition"), db.definition, tgt.definition);
            compare(out, QStringLiteral("comment"), db.comment, tgt.comment);
        });
}

void noteServerVersions(DiffRun& run)
{
    const ServerInfo& db = run.database.server;
    const ServerInfo& tgt = run.target.server;
    if (db.versionNum > 0 && tgt.versionNum > 0 && db.major() != tgt.major()) {
        run.note(QStringLiteral("the database runs PostgreSQL %1 and the target was read from "
                                "PostgreSQL %2: definitions may be spelled differently")
                     .arg(db.major())
                     .arg(tgt.major()));
    }
}

} // namespace

Result<ChangeSet> diff(const Catalog& database, const Catalog& target, const DiffOptions& options)
{
    DiffRun run(database, target);
    if (Status s = detail::resolveRenames(database, target, options.renames, run.renames); !s)
        return s.error();
    for (const QString& done : run.renames.alreadyApplied)
        run.note(QStringLiteral("rename not needed: %1").arg(done));

    detail::findToolTables(run);
    noteServerVersions(run);
    diffSchemas(run);
    diffExtensions(run);
    diffEnums(run);
    diffDomains(run);
    diffCompositeTypes(run);
    diffSequences(run);
    detail::diffTables(run);
    detail::diffViews(run);
    for (ObjectKind kind : {ObjectKind::Function, ObjectKind::Procedure, ObjectKind::Aggregate})
        diffRoutines(run, kind);
    detail::diffDefaultPrivileges(run);
    for (const QString& note : target.privilegeNotes)
        run.note(note);

    run.result.sort();
    return std::move(run.result);
}

} // namespace bellows::diff
