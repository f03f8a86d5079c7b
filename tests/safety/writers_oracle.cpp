#include "writers_oracle.h"

#include "pq/connection.h"
#include "sql/quote.h"
#include "writer_tables.h"

namespace bellows::safety {

using sql::quoteIdent;

namespace {

struct LastWrites {
    std::map<qint64, Cell> oldValues; // of the old type: seeds and old-app writes
    std::map<qint64, Cell> newValues; // of the new type: new-app writes
};

Result<QHash<QString, LastWrites>> lastWrites(pq::Connection& live, const Snapshot& seeds,
                                              Provenance* provenance)
{
    QHash<QString, LastWrites> out;
    for (auto it = seeds.begin(); it != seeds.end(); ++it)
        out[it.key()].oldValues = it.value();
    auto audit = live.exec(QStringLiteral("SELECT DISTINCT ON (tbl, row_id) tbl, row_id, app, op, "
                                          "value, seq FROM audit ORDER BY tbl, row_id, seq DESC"));
    if (!audit)
        return audit.error();
    for (int r = 0; r < audit->rows(); ++r) {
        LastWrites& w = out[audit->text(r, 0)];
        const qint64 id = audit->int64(r, 1);
        (*provenance)[audit->text(r, 0)][id] =
            QStringLiteral("%1 app %2 %3 (audit %4)")
                .arg(audit->text(r, 2), audit->text(r, 3),
                     shownCell(audit->isNull(r, 4) ? Cell() : Cell(audit->text(r, 4))),
                     audit->text(r, 5));
        w.oldValues.erase(id);
        w.newValues.erase(id);
        if (audit->text(r, 3) == QLatin1String("delete"))
            continue;
        const Cell value = audit->isNull(r, 4) ? Cell() : Cell(audit->text(r, 4));
        (audit->text(r, 2) == QLatin1String("new") ? w.newValues : w.oldValues)[id] = value;
    }
    return out;
}

Status fill(pq::Connection& oracle, const QString& table, const QString& type,
            const std::map<qint64, Cell>& rows)
{
    if (auto created = oracle.exec(QStringLiteral("CREATE TABLE %1 (id bigint PRIMARY KEY, v %2)")
                                       .arg(quoteIdent(table), type));
        !created)
        return created.error();
    for (const auto& [id, value] : rows) {
        auto inserted =
            oracle.exec(QStringLiteral("INSERT INTO %1 VALUES ($1, $2)").arg(quoteIdent(table)),
                        {QString::number(id), value ? *value : QString()});
        if (!inserted)
            return inserted.error();
    }
    return {};
}

Result<std::map<qint64, Cell>> readIdValues(pq::Connection& conn, const QString& table)
{
    auto r =
        conn.exec(QStringLiteral("SELECT id, v::text FROM %1 ORDER BY id").arg(quoteIdent(table)));
    if (!r)
        return r.error();
    std::map<qint64, Cell> out;
    for (int i = 0; i < r->rows(); ++i)
        out[r->int64(i, 0)] = r->isNull(i, 1) ? Cell() : Cell(r->text(i, 1));
    return out;
}

} // namespace

Result<Snapshot> readWriterTables(pq::Connection& conn)
{
    Snapshot out;
    for (const WriterTable& t : writerTables()) {
        auto rows = readIdValues(conn, t.name);
        if (!rows)
            return rows.error();
        out.insert(t.name, *rows);
    }
    return out;
}

Result<Snapshot> expectedFinal(pq::Connection& live, pq::Connection& oracle, const Snapshot& seeds,
                               Provenance* provenance)
{
    auto writes = lastWrites(live, seeds, provenance);
    if (!writes)
        return writes.error();
    if (auto pinned = oracle.exec(pinnedSettingsSql(false)); !pinned)
        return pinned.error();
    Snapshot out;
    for (const WriterTable& t : writerTables()) {
        const QString oldTable = QStringLiteral("e_") + t.name;
        const QString newTable = QStringLiteral("n_") + t.name;
        const LastWrites& w = (*writes)[t.name];
        if (auto s = fill(oracle, oldTable, t.oldType, w.oldValues); !s)
            return s.error();
        if (auto s = fill(oracle, newTable, t.newType, w.newValues); !s)
            return s.error();
        auto altered = oracle.exec(QStringLiteral("ALTER TABLE %1 ALTER COLUMN v TYPE %2")
                                       .arg(quoteIdent(oldTable), t.newType));
        if (!altered)
            return altered.error();
        for (const QString& table : {oldTable, newTable}) {
            auto rows = readIdValues(oracle, table);
            if (!rows)
                return rows.error();
            out[t.name].insert(rows->begin(), rows->end());
        }
    }
    return out;
}

QStringList compareSnapshots(const Snapshot& got, const Snapshot& want,
                             const Provenance& provenance, int limit, qint64* rows)
{
    QStringList out;
    *rows = 0;
    for (auto it = want.begin(); it != want.end(); ++it) {
        const std::map<qint64, Cell>& live = got.value(it.key());
        const std::map<qint64, QString> how = provenance.value(it.key());
        int shownHere = 0;
        const auto report = [&](qint64 id, const QString& line) {
            const auto from = how.find(id);
            if (shownHere++ < limit)
                out << QStringLiteral("%1 id %2: %3; last write: %4")
                           .arg(it.key())
                           .arg(id)
                           .arg(line,
                                from == how.end() ? QStringLiteral("the seed") : from->second);
        };
        for (const auto& [id, value] : it.value()) {
            ++*rows;
            const auto found = live.find(id);
            if (found == live.end())
                report(id, QStringLiteral("lost (the oracle %1)").arg(shownCell(value)));
            else if (found->second != value)
                report(id, QStringLiteral("holds %1, the oracle %2")
                               .arg(shownCell(found->second), shownCell(value)));
        }
        for (const auto& [id, value] : live)
            if (!it.value().count(id))
                report(id, QStringLiteral("should not exist (holds %1)").arg(shownCell(value)));
        if (shownHere > limit)
            out << QStringLiteral("%1: … %2 more").arg(it.key()).arg(shownHere - limit);
    }
    return out;
}

} // namespace bellows::safety
