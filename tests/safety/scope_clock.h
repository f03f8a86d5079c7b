#pragma once

// Adds the time a scope takes to one activity of a running total ("plan", "apply", …).

#include <QElapsedTimer>
#include <QHash>
#include <QString>

namespace bellows::safety {

class ScopeClock {
public:
    ScopeClock(QHash<QString, qint64>& ms, const QString& activity) : m_ms(ms), m_activity(activity)
    {
        m_timer.start();
    }
    ~ScopeClock() { m_ms[m_activity] += m_timer.elapsed(); }
    ScopeClock(const ScopeClock&) = delete;
    ScopeClock& operator=(const ScopeClock&) = delete;

private:
    QHash<QString, qint64>& m_ms;
    QString m_activity;
    QElapsedTimer m_timer;
};

} // namespace bellows::safety
