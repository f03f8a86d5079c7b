#include "planning_session.h"

#include "pq/conninfo.h"
#include "pq/conninfo_secret.h"
#include "workers/plan_worker.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

namespace bellows::ui {

namespace {

// Editors save in bursts (write, rename, touch): wait for the burst to end.
constexpr int SaveDebounceMs = 250;

} // namespace

PlanningSession::PlanningSession(QObject* parent) : QObject(parent)
{
    m_worker = new workers::PlanWorker(this);
    m_watcher = new QFileSystemWatcher(this);
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(SaveDebounceMs);

    connect(m_worker, &workers::PlanWorker::progress, this,
            [this](quint64 generation, const QString& text) {
                if (generation == m_generation)
                    Q_EMIT progress(text);
            });
    connect(m_worker, &workers::PlanWorker::finished, this,
            [this](quint64 generation, const workers::PlannedChangePtr& result) {
                if (generation != m_generation || !result)
                    return; // a newer request is running, or was cancelled
                m_last = result;
                setBusy(false);
                Q_EMIT planned(result);
            });
    connect(m_worker, &workers::PlanWorker::failed, this,
            [this](quint64 generation, const Error& error) {
                if (generation != m_generation)
                    return;
                setBusy(false);
                Q_EMIT failed(error);
            });
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &PlanningSession::fileChanged);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &PlanningSession::fileChanged);
    connect(m_debounce, &QTimer::timeout, this, [this] {
        watchTarget(); // a save by rename replaced the watched file: watch the new one
        Q_EMIT targetChangedOnDisk(m_targetFile);
        replan();
    });
}

PlanningSession::~PlanningSession() = default;

void PlanningSession::setConnection(SessionConnection connection)
{
    m_connection = std::move(connection);
    m_last.reset();
}

QString PlanningSession::effectiveConninfo() const
{
    Result<QString> merged = pq::mergePassword(m_connection.conninfo, m_connection.password);
    return merged ? *merged : m_connection.conninfo; // invalid: the connect error says why
}

QString PlanningSession::serverDescription() const
{
    return isConnected() ? pq::describeConninfo(m_connection.conninfo) : QString();
}

void PlanningSession::setTargetFile(const QString& path)
{
    m_targetFile = QFileInfo(path).absoluteFilePath();
    m_targetConninfo.clear();
    m_acceptedRenames.clear();
    m_rejectedRenames.clear();
    watchTarget();
}

void PlanningSession::setTargetDatabase(const QString& conninfo)
{
    m_targetConninfo = conninfo;
    m_targetFile.clear();
    m_acceptedRenames.clear();
    m_rejectedRenames.clear();
    watchTarget();
}

QString PlanningSession::targetDescription() const
{
    if (!m_targetConninfo.isEmpty())
        return pq::describeConninfo(m_targetConninfo);
    return QDir::toNativeSeparators(m_targetFile);
}

void PlanningSession::watchTarget()
{
    const QStringList watched = m_watcher->files() + m_watcher->directories();
    if (!watched.isEmpty())
        m_watcher->removePaths(watched);
    if (m_targetFile.isEmpty())
        return;
    const QFileInfo info(m_targetFile);
    QStringList paths;
    if (info.isDir()) {
        // A folder target: the folder itself (files added or removed) and every schema file.
        paths << m_targetFile;
        QDirIterator it(m_targetFile, {QStringLiteral("*.sql"), QStringLiteral("*.prisma")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            paths << it.next();
    } else if (info.exists()) {
        paths << m_targetFile;
    }
    if (!paths.isEmpty())
        m_watcher->addPaths(paths);
}

void PlanningSession::fileChanged(const QString&)
{
    m_debounce->start();
}

void PlanningSession::acceptRename(const QString& hintText)
{
    m_rejectedRenames.removeAll(hintText);
    if (!m_acceptedRenames.contains(hintText))
        m_acceptedRenames << hintText;
    replan();
}

void PlanningSession::rejectRename(const QString& hintText)
{
    const bool wasAccepted = m_acceptedRenames.removeAll(hintText) > 0;
    if (!m_rejectedRenames.contains(hintText))
        m_rejectedRenames << hintText;
    if (wasAccepted)
        replan();
}

void PlanningSession::undoRename(const QString& hintText)
{
    const bool wasAccepted = m_acceptedRenames.removeAll(hintText) > 0;
    m_rejectedRenames.removeAll(hintText);
    if (wasAccepted)
        replan();
}

bool PlanningSession::replan()
{
    if (!isConnected() || !hasTarget())
        return false;
    workflow::ComparisonRequest request;
    request.conninfo = effectiveConninfo();
    request.targetFile = m_targetFile;
    request.targetConninfo = m_targetConninfo;
    request.renames = m_acceptedRenames;
    m_generation = m_worker->start(std::move(request), {});
    setBusy(true);
    return true;
}

void PlanningSession::cancel()
{
    if (!m_busy)
        return;
    m_worker->cancel();
    ++m_generation; // whatever still arrives is stale
    setBusy(false);
}

void PlanningSession::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace bellows::ui
