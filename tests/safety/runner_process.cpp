#include "runner_process.h"

#include "pq/connection.h"

#include <QFile>

#include <csignal>
#include <sys/types.h>

namespace bellows::safety {

RunnerProcess::RunnerProcess(const QStringList& args)
{
    m_process.setStandardOutputFile(m_dir.filePath(QStringLiteral("out")));
    m_process.setStandardErrorFile(m_dir.filePath(QStringLiteral("err")));
    m_process.start(test::tool(QStringLiteral("bellows-cli")), args);
    m_started = m_process.waitForStarted(30000);
}

RunnerProcess::~RunnerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
}

bool RunnerProcess::running()
{
    return m_process.state() != QProcess::NotRunning && !m_process.waitForFinished(0);
}

void RunnerProcess::kill9()
{
    if (m_process.state() != QProcess::NotRunning)
        ::kill(pid_t(m_process.processId()), SIGKILL);
}

int RunnerProcess::finish(int timeoutMs)
{
    if (m_process.state() != QProcess::NotRunning && !m_process.waitForFinished(timeoutMs))
        return -2;
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QString RunnerProcess::output() const
{
    return read(QStringLiteral("err")) + read(QStringLiteral("out"));
}

QString RunnerProcess::read(const QString& name) const
{
    QFile f(m_dir.filePath(name));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

int runnerSessions(pq::Connection& conn)
{
    auto r = conn.exec(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                      "current_database() AND application_name = 'bellows "
                                      "runner'"));
    return r ? int(r->int64(0, 0)) : -1;
}

} // namespace bellows::safety
