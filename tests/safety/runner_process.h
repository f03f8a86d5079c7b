#pragma once

// bellows-cli apply in the background, so the concurrent-writers test can kill it (-9) at a
// chosen step and run it again.

#include "test_database.h"

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace bellows::safety {

class RunnerProcess {
public:
    explicit RunnerProcess(const QStringList& args);
    ~RunnerProcess();
    RunnerProcess(const RunnerProcess&) = delete;
    RunnerProcess& operator=(const RunnerProcess&) = delete;

    bool started() const { return m_started; }
    bool running();
    void kill9();
    // Exit code; -1 when killed by a signal, -2 when it did not finish in time.
    int finish(int timeoutMs = 600000);
    QString output() const; // stderr + stdout

private:
    QString read(const QString& name) const;

    QTemporaryDir m_dir;
    QProcess m_process;
    bool m_started = false;
};

// Sessions of a runner (application_name 'bellows runner') on the database; -1 on error.
int runnerSessions(pq::Connection& conn);

} // namespace bellows::safety
