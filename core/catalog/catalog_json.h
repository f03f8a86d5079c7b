#pragma once

#include "catalog/catalog.h"

#include <QJsonObject>

namespace bellows::catalog {

// The whole catalog as JSON (`bellows-cli inspect --json`; documented in docs/inspect-json.md).
QJsonObject toJson(const Catalog& catalog);

// One object as JSON, the same shape it has inside the catalog's JSON.
QJsonObject objectJson(const Schema& schema);
QJsonObject objectJson(const Extension& extension);
QJsonObject objectJson(const EnumType& type);
QJsonObject objectJson(const Domain& domain);
QJsonObject objectJson(const CompositeType& type);
QJsonObject objectJson(const Sequence& sequence);
QJsonObject objectJson(const Table& table);
QJsonObject objectJson(const View& view);
QJsonObject objectJson(const Function& function);
QJsonObject objectJson(const Column& column);
QJsonObject objectJson(const Constraint& constraint);
QJsonObject objectJson(const Index& index);
QJsonObject objectJson(const Trigger& trigger);
QJsonObject objectJson(const Policy& policy);
QJsonObject objectJson(const DefaultAcl& defaults);

// A short human-readable overview: server, counts per object kind, largest tables.
QString summaryText(const Catalog& catalog);

} // namespace bellows::catalog
