#pragma once

#include "catalog/catalog.h"

#include <QJsonObject>

namespace bellows::catalog {

// The whole catalog as JSON (`bellows-cli inspect --json`; documented in docs/inspect-json.md).
QJsonObject toJson(const Catalog& catalog);

// A short human-readable overview: server, counts per object kind, largest tables.
QString summaryText(const Catalog& catalog);

} // namespace bellows::catalog
