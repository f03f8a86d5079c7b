#pragma once

// A step's statement (or transaction) that was not granted its lock in time (SQLSTATE 55P03) or
// lost a deadlock (40P01) is retried with exponential backoff and jitter, naming the sessions
// that hold locks on the step's relations each time (stderr and ledger_events), until the
// run's RetryPolicy runs out of attempts or time.

#include "common/error.h"
#include "exec/step_context.h"

#include <QElapsedTimer>

namespace bellows::exec {

bool isLockRetryable(const Error& error);

class LockRetry {
public:
    LockRetry(StepContext& context, const plan::Step& step);

    int attempt() const { return m_attempt; }

    // True: waited, try again. False: give up (`error` gets the blockers and a hint).
    bool shouldRetry(Error& error);

private:
    QString blockers();

    StepContext& m_context;
    const plan::Step& m_step;
    QElapsedTimer m_clock;
    int m_attempt = 1;
};

} // namespace bellows::exec
