#pragma once

// Prepares the built-in demo (demo::prepareDemo: starts its private PostgreSQL, creates the demo
// database, writes the target file) off the GUI thread. Results come back by queued signal, so
// the GUI thread never talks to a server itself.

#include "demo/demo_environment.h"
#include "workers/worker_types.h" // bellows::Error as a meta-type

#include <QMetaType>
#include <QObject>

#include <atomic>
#include <memory>
#include <thread>

namespace bellows::ui {

class DemoLoader : public QObject {
    Q_OBJECT
public:
    explicit DemoLoader(QObject* parent = nullptr);
    ~DemoLoader() override; // cancels and waits for the running preparation

    // Starts preparing the demo; false (and nothing happens) while one is still running.
    bool start(demo::DemoOptions options = {});
    void cancel();
    bool isRunning() const { return m_running.load(); }

Q_SIGNALS:
    void progress(const QString& text);
    void ready(const bellows::demo::DemoEnvironment& environment);
    void failed(const bellows::Error& error);

private:
    std::thread m_thread;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::atomic_bool m_running{false};
};

} // namespace bellows::ui

Q_DECLARE_METATYPE(bellows::demo::DemoEnvironment)
