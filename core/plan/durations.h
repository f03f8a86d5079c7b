#pragma once

// Rough throughput figures for duration estimates. They are deliberately conservative averages
// for a busy server on SSD storage; a plan shows them as orders of magnitude, not promises.

#include "plan/hazard.h"

#include <QtGlobal>

namespace bellows::plan::durations {

inline constexpr double kScanBytesPerSecond = 250.0 * 1024 * 1024;   // sequential read
inline constexpr double kBuildBytesPerSecond = 60.0 * 1024 * 1024;   // index build (sort)
inline constexpr double kRewriteBytesPerSecond = 40.0 * 1024 * 1024; // table + index rewrite
inline constexpr double kBackfillRowsPerSecond = 20000.0;            // batched keyset updates
inline constexpr double kCatalogOnlySeconds = 0.05;                  // one catalog update
inline constexpr double kMinimumSeconds = 0.05;
inline constexpr double kBytesPerRowGuess = 100.0; // when the row count is unknown

// Seconds for `work` on a relation of `totalBytes` (heap + indexes + toast).
double forWork(Work work, qint64 totalBytes);
// Seconds to backfill `rows` rows (rows < 0: unknown, estimated from bytes).
double forBackfill(double rows, qint64 totalBytes);

} // namespace bellows::plan::durations
