#pragma once

// Routes pq::StatementLog into a StatementLogModel while this object lives.
//
// pq::StatementLog has exactly one sink for the whole process. Constructing a
// StatementLogSink installs it (replacing whatever was installed, e.g. another window's);
// destroying it uninstalls it only if it is still the installed one, so an older sink's
// destruction never silences a newer one. Destruction is safe against statements running on
// other threads at that moment: the installed function checks, under a mutex, that its sink
// is still alive before touching the model, and the destructor takes that mutex.
//
// The model must outlive the sink (LogDock owns both and destroys the sink first).

#include <memory>

namespace bellows::ui {

class StatementLogModel;

class StatementLogSink {
public:
    explicit StatementLogSink(StatementLogModel* model);
    ~StatementLogSink();
    StatementLogSink(const StatementLogSink&) = delete;
    StatementLogSink& operator=(const StatementLogSink&) = delete;

    // True while this object's function is the process-wide sink.
    bool isInstalled() const;

    struct Target; // shared with the installed function

private:
    std::shared_ptr<Target> m_target;
};

} // namespace bellows::ui
