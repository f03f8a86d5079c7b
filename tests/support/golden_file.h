#pragma once

#include <QString>

namespace bellows::test {

// Compares `actual` with the golden file at `path`. With BELLOWS_UPDATE_GOLDEN=1 it rewrites
// the file instead and succeeds. On a mismatch `message` says where and shows the actual text.
bool matchesGolden(const QString& path, const QString& actual, QString* message);

} // namespace bellows::test
