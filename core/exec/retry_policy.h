#pragma once

// Lock-timeout and deadlock retries (reference §1.3): exponential backoff with jitter, bounded
// by a count and a total time. Steps use it per statement, backfills per batch.

namespace bellows::exec {

struct RetryPolicy {
    int maxAttempts = 10;
    int maxSeconds = 300;
    int baseDelayMs = 250;
    int maxDelayMs = 15000;

    // The pause before attempt `attempt` + 1: base << attempt, capped, with jitter in its upper
    // half.
    int delayMs(int attempt) const;
};

} // namespace bellows::exec
