// Rename proposals: a column (or table) only in the database next to one only in the target
// that could hold the same data. Only unambiguous one-to-one pairs are proposed: a removed
// object is paired with an added one when each is the other's only compatible candidate.
// Anything else is left alone (with a note), because a wrong guess costs data.

#include "diff/diff_context.h"

namespace bellows::diff::detail {

using namespace catalog;

namespace {

template <typename T>
QString nameList(const std::vector<const T*>& items, const std::vector<size_t>& indexes)
{
    QStringList names;
    for (size_t i : indexes)
        names << displayIdent(items[i]->name);
    return names.join(QStringLiteral(", "));
}

// A table's shape for matching: its column names and types, order ignored.
QStringList shape(const Table& t)
{
    QStringList out;
    for (const Column& c : t.columns)
        out << displayIdent(c.name) + QLatin1Char(' ') + c.typeSchema + QLatin1Char('.') + c.type;
    out.sort();
    return out;
}

} // namespace

Pairing pairUp(size_t removedCount, size_t addedCount,
               const std::function<bool(size_t, size_t)>& compatible)
{
    std::vector<std::vector<size_t>> forRemoved(removedCount);
    std::vector<std::vector<size_t>> forAdded(addedCount);
    for (size_t r = 0; r < removedCount; ++r) {
        for (size_t a = 0; a < addedCount; ++a) {
            if (compatible(r, a)) {
                forRemoved[r].push_back(a);
                forAdded[a].push_back(r);
            }
        }
    }
    Pairing out;
    std::vector<bool> addedPaired(addedCount, false);
    for (size_t r = 0; r < removedCount; ++r) {
        if (forRemoved[r].size() == 1 && forAdded[forRemoved[r].front()].size() == 1) {
            out.pairs.emplace_back(r, forRemoved[r].front());
            addedPaired[forRemoved[r].front()] = true;
        } else if (!forRemoved[r].empty()) {
            out.ambiguousRemoved.push_back(r);
        }
    }
    for (size_t a = 0; a < addedCount; ++a) {
        if (!addedPaired[a] && !forAdded[a].empty())
            out.ambiguousAdded.push_back(a);
    }
    return out;
}

std::vector<RenameProposal> proposeColumnRenames(const Table& dbTable, const Table& tgtTable,
                                                 const std::vector<const Column*>& removed,
                                                 const std::vector<const Column*>& added,
                                                 QStringList& notes)
{
    const auto sameType = [](const Column& from, const Column& to) {
        return from.type == to.type && from.typeSchema == to.typeSchema;
    };
    // Two passes. First the columns that match in everything but the name (type, nullability,
    // default, collation, identity, generation): users.full_name → display_name is such a pair
    // even when the target also adds an unrelated text column (status NOT NULL DEFAULT …).
    // Then, among what is left, the same type alone: a rename that also tightens NOT NULL is
    // still a rename (the planner backfills and tightens), and the user confirms it either way.
    const auto identical = [&](const Column& from, const Column& to) {
        return sameType(from, to) && from.notNull == to.notNull &&
               from.defaultExpr == to.defaultExpr && from.collation == to.collation &&
               from.identity == to.identity && from.generated == to.generated &&
               from.generatedExpr == to.generatedExpr;
    };
    const Pairing exact = pairUp(removed.size(), added.size(), [&](size_t r, size_t a) {
        return identical(*removed[r], *added[a]);
    });
    std::vector<bool> removedTaken(removed.size(), false);
    std::vector<bool> addedTaken(added.size(), false);
    for (const auto& [r, a] : exact.pairs) {
        removedTaken[r] = true;
        addedTaken[a] = true;
    }
    const Pairing loose = pairUp(removed.size(), added.size(), [&](size_t r, size_t a) {
        return !removedTaken[r] && !addedTaken[a] && sameType(*removed[r], *added[a]);
    });
    Pairing pairing = loose;
    pairing.pairs.insert(pairing.pairs.begin(), exact.pairs.begin(), exact.pairs.end());

    std::vector<RenameProposal> out;
    for (const auto& [r, a] : pairing.pairs) {
        RenameProposal p;
        p.kind = ObjectKind::Column;
        p.schema = dbTable.schema;
        p.table = dbTable.name;
        p.from = removed[r]->name;
        p.to = added[a]->name;
        p.reason = QStringLiteral("%1 is only in the database and %2 only in the target, both "
                                  "of type %3")
                       .arg(displayIdent(p.from), displayIdent(p.to), added[a]->type);
        out.push_back(p);
    }
    if (!pairing.ambiguousRemoved.empty() || !pairing.ambiguousAdded.empty()) {
        notes << QStringLiteral("%1: columns %2 (only in the database) and %3 (only in the "
                                "target) have matching types; no rename is proposed because "
                                "the pairing is ambiguous")
                     .arg(displayQualified(tgtTable.schema, tgtTable.name),
                          nameList(removed, pairing.ambiguousRemoved),
                          nameList(added, pairing.ambiguousAdded));
    }
    return out;
}

std::vector<RenameProposal> proposeTableRenames(const std::vector<const Table*>& removed,
                                                const std::vector<const Table*>& added,
                                                QStringList& notes)
{
    // Renames stay within a schema (the hint has one schema); the columns must be identical.
    std::vector<QStringList> removedShapes;
    for (const Table* t : removed)
        removedShapes.push_back(shape(*t));
    std::vector<QStringList> addedShapes;
    for (const Table* t : added)
        addedShapes.push_back(shape(*t));
    const Pairing pairing = pairUp(removed.size(), added.size(), [&](size_t r, size_t a) {
        return removed[r]->schema == added[a]->schema && removed[r]->kind == added[a]->kind &&
               !removedShapes[r].isEmpty() && removedShapes[r] == addedShapes[a];
    });

    std::vector<RenameProposal> out;
    for (const auto& [r, a] : pairing.pairs) {
        RenameProposal p;
        p.kind = ObjectKind::Table;
        p.schema = removed[r]->schema;
        p.from = removed[r]->name;
        p.to = added[a]->name;
        p.reason = QStringLiteral("%1 is only in the database and %2 only in the target, with "
                                  "the same %3 column(s)")
                       .arg(displayQualified(p.schema, p.from), displayQualified(p.schema, p.to))
                       .arg(removedShapes[r].size());
        out.push_back(p);
    }
    if (!pairing.ambiguousRemoved.empty() || !pairing.ambiguousAdded.empty()) {
        QStringList from;
        for (size_t r : pairing.ambiguousRemoved)
            from << displayQualified(removed[r]->schema, removed[r]->name);
        QStringList to;
        for (size_t a : pairing.ambiguousAdded)
            to << displayQualified(added[a]->schema, added[a]->name);
        notes << QStringLiteral("tables %1 (only in the database) and %2 (only in the target) "
                                "have the same columns; no rename is proposed because the "
                                "pairing is ambiguous")
                     .arg(from.join(QStringLiteral(", ")), to.join(QStringLiteral(", ")));
    }
    return out;
}

} // namespace bellows::diff::detail
