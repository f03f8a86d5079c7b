#include "exec/retry_policy.h"

#include <QRandomGenerator>

#include <algorithm>

namespace bellows::exec {

int RetryPolicy::delayMs(int attempt) const
{
    const int base = std::min(maxDelayMs, baseDelayMs << std::clamp(attempt, 0, 16));
    return base / 2 + int(QRandomGenerator::global()->bounded(base / 2 + 1));
}

} // namespace bellows::exec
