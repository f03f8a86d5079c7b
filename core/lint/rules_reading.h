#pragma once

#include <QString>
#include <QStringList>

namespace bellows::lint {

// The ids of the rules that read statements of the kind `statement` starts with (by its leading
// keywords, for a statement Bellows' parser could not read); empty when no rule reads that kind.
QStringList rulesReading(const QString& statement);

} // namespace bellows::lint
