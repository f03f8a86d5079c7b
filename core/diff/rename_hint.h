#pragma once

#include "common/result.h"

#include <QString>

namespace bellows::diff {

// A rename the user confirmed (CLI `--rename`). Names are database-side (old) names and are
// matched exactly as written: no case folding, so `public.User.name=fullName` names the
// Prisma-style table "User". A column hint may also name its table by the table's new name
// when that table is renamed by another hint.
struct RenameHint {
    QString schema;
    QString table;
    QString column; // empty for a table rename
    QString newName;

    bool isTableRename() const { return column.isEmpty(); }
    // Back to the text form, each identifier through sql::quoteIdent: public.users.a=b
    QString toString() const;

    bool operator==(const RenameHint&) const = default;
};

// Parses `schema.table.old=new` (column) or `schema.table=new_table` (table). Identifiers may
// be double-quoted, with embedded dots, '=' and doubled quotes: `"my.schema"."T".x="y ""z"""`.
Result<RenameHint> parseRenameHint(const QString& text);

} // namespace bellows::diff
