#include "statement_log_model.h"

#include <QBrush>
#include <QColor>
#include <QMetaObject>

namespace bellows::ui {

namespace {

QString singleLine(const QString& text)
{
    return text.simplified();
}

QString durationText(qint64 micros)
{
    if (micros < 1000)
        return QStringLiteral("%1 µs").arg(micros);
    if (micros < 10'000'000)
        return QStringLiteral("%1 ms").arg(double(micros) / 1000.0, 0, 'f',
                                           micros < 100'000 ? 1 : 0);
    return QStringLiteral("%1 s").arg(double(micros) / 1e6, 0, 'f', 1);
}

} // namespace

StatementLogModel::StatementLogModel(QObject* parent) : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(FlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &StatementLogModel::flushPending);
}

StatementLogModel::~StatementLogModel() = default;

int StatementLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int StatementLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StatementLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case TagColumn:
        return tr("Tag");
    case ServerColumn:
        return tr("Server");
    case DurationColumn:
        return tr("Duration");
    case StatementColumn:
        return tr("Statement");
    case ErrorColumn:
        return tr("Error");
    default:
        return {};
    }
}

QVariant StatementLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const pq::StatementLogEntry& e = m_entries[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return e.at.toString(QStringLiteral("HH:mm:ss.zzz"));
        case TagColumn:
            return pq::toString(e.origin);
        case ServerColumn:
            return e.server;
        case DurationColumn:
            return durationText(e.micros);
        case StatementColumn:
            return singleLine(e.sql);
        case ErrorColumn:
            return singleLine(e.error);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == StatementColumn)
            return e.sql;
        if (index.column() == ErrorColumn && !e.error.isEmpty())
            return e.error;
        if (index.column() == ServerColumn)
            return e.server;
        if (index.column() == TimeColumn)
            return e.at.toString(Qt::ISODateWithMs);
        return {};
    case Qt::ForegroundRole:
        if (!e.error.isEmpty())
            return QBrush(QColor(0xc6, 0x28, 0x28));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case OriginRole:
        return pq::toString(e.origin);
    case FullTextRole:
        return e.sql;
    case HasErrorRole:
        return !e.error.isEmpty();
    default:
        return {};
    }
}

QString StatementLogModel::rowText(int row) const
{
    const pq::StatementLogEntry& e = m_entries[std::size_t(row)];
    QStringList fields{e.at.toString(Qt::ISODateWithMs), pq::toString(e.origin), e.server,
                       durationText(e.micros), singleLine(e.sql)};
    if (!e.error.isEmpty())
        fields << singleLine(e.error);
    return fields.join(QLatin1Char('\t'));
}

void StatementLogModel::enqueue(const pq::StatementLogEntry& entry)
{
    std::lock_guard lock(m_pendingMutex);
    m_pending.push_back(entry);
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    // The timer lives on the model's thread: start it there. Posted while the mutex is held,
    // so a flush in progress cannot miss the flag.
    QMetaObject::invokeMethod(
        this, [this] { m_flushTimer.start(); }, Qt::QueuedConnection);
}

void StatementLogModel::flushPending()
{
    std::vector<pq::StatementLogEntry> batch;
    {
        std::lock_guard lock(m_pendingMutex);
        batch.swap(m_pending);
        m_flushScheduled = false;
    }
    if (batch.empty())
        return;
    // A batch larger than the cap keeps only its newest entries.
    const std::size_t cap = std::size_t(m_maximumRows);
    std::size_t skip = batch.size() > cap ? batch.size() - cap : 0;
    const std::size_t incoming = batch.size() - skip;

    const std::size_t total = m_entries.size() + incoming;
    if (total > cap) {
        const int drop = int(std::min(m_entries.size(), total - cap));
        if (drop > 0) {
            beginRemoveRows({}, 0, drop - 1);
            m_entries.erase(m_entries.begin(), m_entries.begin() + drop);
            endRemoveRows();
        }
    }
    if (incoming == 0)
        return;
    const int first = int(m_entries.size());
    beginInsertRows({}, first, first + int(incoming) - 1);
    for (std::size_t i = skip; i < batch.size(); ++i)
        m_entries.push_back(std::move(batch[i]));
    endInsertRows();
}

void StatementLogModel::setMaximumRows(int rows)
{
    m_maximumRows = std::max(1, rows);
    if (int(m_entries.size()) > m_maximumRows) {
        const int drop = int(m_entries.size()) - m_maximumRows;
        beginRemoveRows({}, 0, drop - 1);
        m_entries.erase(m_entries.begin(), m_entries.begin() + drop);
        endRemoveRows();
    }
}

void StatementLogModel::clear()
{
    {
        std::lock_guard lock(m_pendingMutex);
        m_pending.clear();
    }
    if (m_entries.empty())
        return;
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

} // namespace bellows::ui
