#pragma once

// What the window is comparing and planning: a live database (a connection profile, with a
// password kept in memory only) and a target (a .sql/.prisma file or folder, or a second
// database). Every change — a new target, a save of the watched file, an accepted or rejected
// rename — starts a new planning request on the PlanWorker; the latest request wins and older
// results are dropped. The GUI thread never talks to a server here.

#include "environment_tag.h"
#include "workers/worker_types.h"

#include <QObject>
#include <QStringList>

class QFileSystemWatcher;
class QTimer;

namespace bellows::workers {
class PlanWorker;
}

namespace bellows::ui {

struct SessionConnection {
    QString name;     // the profile's name, "Demo", …
    QString conninfo; // without a password
    QString password; // in memory only; empty: libpq's own means (.pgpass, service, env)
    EnvironmentTag environment = EnvironmentTag::Development;
};

class PlanningSession : public QObject {
    Q_OBJECT
public:
    explicit PlanningSession(QObject* parent = nullptr);
    ~PlanningSession() override;

    void setConnection(SessionConnection connection);
    const SessionConnection& connection() const { return m_connection; }
    bool isConnected() const { return !m_connection.conninfo.isEmpty(); }
    // The conninfo with the in-memory password merged in: what workers connect with.
    QString effectiveConninfo() const;
    QString serverDescription() const; // host:port/database

    // A file or folder (watched and re-planned on save), or a database (conninfo).
    void setTargetFile(const QString& path);
    void setTargetDatabase(const QString& conninfo);
    QString targetFile() const { return m_targetFile; }
    QString targetDescription() const;
    bool hasTarget() const { return !m_targetFile.isEmpty() || !m_targetConninfo.isEmpty(); }

    QStringList acceptedRenames() const { return m_acceptedRenames; }
    QStringList rejectedRenames() const { return m_rejectedRenames; }
    void acceptRename(const QString& hintText); // re-plans
    void rejectRename(const QString& hintText); // hides the proposal; nothing to re-plan
    void undoRename(const QString& hintText);   // back to a proposal; re-plans if accepted

    // Starts planning now when both sides are set (cancelling a running request). False when
    // something is missing.
    bool replan();
    void cancel();
    bool isBusy() const { return m_busy; }
    // The last successful result (null before the first).
    workers::PlannedChangePtr lastResult() const { return m_last; }

Q_SIGNALS:
    void busyChanged(bool busy);
    void progress(const QString& text);
    void planned(const bellows::workers::PlannedChangePtr& result);
    void failed(const bellows::Error& error);
    void targetChangedOnDisk(const QString& path);

private:
    void watchTarget();
    void fileChanged(const QString& path);
    void setBusy(bool busy);

    SessionConnection m_connection;
    QString m_targetFile;
    QString m_targetConninfo;
    QStringList m_acceptedRenames;
    QStringList m_rejectedRenames;

    workers::PlanWorker* m_worker = nullptr;
    quint64 m_generation = 0;
    bool m_busy = false;
    workers::PlannedChangePtr m_last;
    QFileSystemWatcher* m_watcher = nullptr;
    QTimer* m_debounce = nullptr;
};

} // namespace bellows::ui
