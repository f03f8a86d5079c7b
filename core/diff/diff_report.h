#pragma once

// A ChangeSet as people read it (text, like pgAdmin's Schema Diff) and as programs read it
// (JSON; the schema is documented in docs/diff-json.md and versioned by "formatVersion").

#include "diff/change.h"

#include <QJsonObject>
#include <QString>

namespace bellows::diff {

struct RenderOptions {
    bool summary = true; // counts per object type
    bool notes = true;
    // How the user confirms a rename proposal; empty leaves the advice out (e.g. in the GUI).
    QString renameOption = QStringLiteral("--rename");
};

// Identifiers are quoted with sql::quoteIdent, comments and enum labels as SQL literals, so
// hostile names cannot blur where one name ends.
QString renderText(const ChangeSet& changes, const RenderOptions& options = {});

constexpr int DiffJsonFormatVersion = 1;
QJsonObject toJson(const ChangeSet& changes);

} // namespace bellows::diff
