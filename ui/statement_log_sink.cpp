#include "statement_log_sink.h"

#include "pq/statement_log.h"
#include "statement_log_model.h"

#include <mutex>

namespace bellows::ui {

struct StatementLogSink::Target {
    std::mutex mutex;
    StatementLogModel* model = nullptr; // null once the sink is gone
};

namespace {
// Which sink is installed, so that only it uninstalls (pq::StatementLog has no getter).
std::mutex g_installedMutex;
StatementLogSink::Target* g_installed = nullptr;
} // namespace

StatementLogSink::StatementLogSink(StatementLogModel* model) : m_target(std::make_shared<Target>())
{
    m_target->model = model;
    std::lock_guard lock(g_installedMutex);
    g_installed = m_target.get();
    // The function holds the target (not the sink): a statement already inside record() when
    // this sink dies finds model == null instead of a dangling pointer.
    pq::StatementLog::setSink([target = m_target](const pq::StatementLogEntry& entry) {
        std::lock_guard targetLock(target->mutex);
        if (target->model)
            target->model->enqueue(entry);
    });
}

StatementLogSink::~StatementLogSink()
{
    {
        std::lock_guard lock(g_installedMutex);
        if (g_installed == m_target.get()) {
            pq::StatementLog::setSink({});
            g_installed = nullptr;
        }
    }
    std::lock_guard targetLock(m_target->mutex);
    m_target->model = nullptr;
}

bool StatementLogSink::isInstalled() const
{
    std::lock_guard lock(g_installedMutex);
    return g_installed == m_target.get();
}

} // namespace bellows::ui
