#include "plan/durations.h"

#include <algorithm>

namespace bellows::plan::durations {

double forWork(Work work, qint64 totalBytes)
{
    const double bytes = double(std::max<qint64>(totalBytes, 0));
    double seconds = kCatalogOnlySeconds;
    switch (work) {
    case Work::None:
        break;
    case Work::Scan:
        seconds += bytes / kScanBytesPerSecond;
        break;
    case Work::Build:
        seconds += bytes / kBuildBytesPerSecond;
        break;
    case Work::Rewrite:
        seconds += bytes / kRewriteBytesPerSecond;
        break;
    }
    return std::max(seconds, kMinimumSeconds);
}

double forBackfill(double rows, qint64 totalBytes)
{
    if (rows < 0)
        rows = double(std::max<qint64>(totalBytes, 0)) / kBytesPerRowGuess;
    return std::max(rows / kBackfillRowsPerSecond, kMinimumSeconds);
}

} // namespace bellows::plan::durations
