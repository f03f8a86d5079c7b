#include "pq/statement_log.h"

#include <mutex>

namespace bellows::pq {

namespace {
std::mutex g_sinkMutex;
StatementLog::Sink g_sink;
} // namespace

QString toString(Origin origin)
{
    switch (origin) {
    case Origin::Introspection:
        return QStringLiteral("introspection");
    case Origin::Shadow:
        return QStringLiteral("shadow");
    case Origin::Step:
        return QStringLiteral("step");
    case Origin::Backfill:
        return QStringLiteral("backfill");
    case Origin::Ledger:
        return QStringLiteral("ledger");
    case Origin::Session:
        return QStringLiteral("session");
    }
    return {};
}

void StatementLog::setSink(Sink sink)
{
    std::lock_guard lock(g_sinkMutex);
    g_sink = std::move(sink);
}

void StatementLog::record(const StatementLogEntry& entry)
{
    Sink sink;
    {
        std::lock_guard lock(g_sinkMutex);
        sink = g_sink;
    }
    if (sink)
        sink(entry);
}

} // namespace bellows::pq
