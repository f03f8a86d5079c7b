#include "demo_loader.h"

namespace bellows::ui {

DemoLoader::DemoLoader(QObject* parent) : QObject(parent)
{
    workers::registerWorkerTypes(); // bellows::Error
    qRegisterMetaType<demo::DemoEnvironment>();
}

DemoLoader::~DemoLoader()
{
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

void DemoLoader::cancel()
{
    if (m_cancel)
        *m_cancel = true;
}

bool DemoLoader::start(demo::DemoOptions options)
{
    if (m_running.load())
        return false;
    if (m_thread.joinable())
        m_thread.join(); // finished already: returns at once
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_running = true;
    // Signals are emitted from the worker thread; Qt queues them to receivers on the GUI thread.
    m_thread = std::thread([this, options = std::move(options), cancel = m_cancel]() mutable {
        options.cancel = cancel.get();
        options.progress = [this](const QString& text) { Q_EMIT progress(text); };
        auto prepared = demo::prepareDemo(options);
        m_running = false;
        if (cancel->load()) {
            Q_EMIT failed(Error::cancel());
            return;
        }
        if (!prepared) {
            Q_EMIT failed(prepared.error());
            return;
        }
        Q_EMIT ready(*prepared);
    });
    return true;
}

} // namespace bellows::ui
