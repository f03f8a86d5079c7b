#pragma once

// The plan file (PLAN.json): what `bellows-cli plan -o` writes and `apply` reads. The format is
// documented field by field in docs/plan-json.md; Plan::FormatVersion is its version.

#include "catalog/catalog.h"
#include "common/result.h"
#include "plan/plan.h"

#include <QJsonObject>
#include <QString>

namespace bellows::plan {

QJsonObject toJson(const Plan& plan);

// Rejects a missing, unknown or newer formatVersion and missing required fields, naming
// `fileName` in the message. Unknown extra fields are ignored; `review` is kept verbatim.
Result<Plan> planFromJson(const QJsonObject& json, const QString& fileName);

// Writes atomically (QSaveFile): afterwards the file is either complete or as it was.
Status savePlan(const Plan& plan, const QString& path);
Result<Plan> loadPlan(const QString& path);

// SHA-256 (hex) of the catalog's JSON without what changes with normal traffic or with the
// shadow database's name: table statistics (estimatedRows, totalBytes) and the server block.
QString catalogFingerprint(const catalog::Catalog& catalog);
// One fingerprint per object ("table public.users" -> SHA-256), to say which objects differ
// when the whole fingerprint does.
QJsonObject catalogObjectFingerprints(const catalog::Catalog& catalog);
// Objects added, removed or changed between two catalogObjectFingerprints, in plain words.
QStringList objectFingerprintDifferences(const QJsonObject& expected, const QJsonObject& actual);

} // namespace bellows::plan
