#pragma once

// How a Prisma scalar field becomes a PostgreSQL column type and DEFAULT, as Prisma's schema
// engine writes them: String -> TEXT, Int @default(autoincrement()) -> SERIAL,
// @db.VarChar(200) -> VARCHAR(200), lists -> TEXT[], now() -> CURRENT_TIMESTAMP, ...

#include "source/prisma_schema.h"

#include <QString>

#include <optional>
#include <vector>

namespace bellows::source::prisma {

struct ColumnType {
    QString element; // the type of one value: TEXT, VARCHAR(200), "Role", circle
    bool list = false;
    bool serial = false; // SERIAL/BIGSERIAL/SMALLSERIAL replaces element in the column

    QString sql() const; // what the CREATE TABLE column says
};

// `enumSqlName` is the quoted (and, with several schemas, qualified) name of the field's enum
// type when the field's type is an enum, empty otherwise.
ColumnType columnType(const Field& field, const QString& enumSqlName,
                      std::vector<Warning>& warnings);

// The DEFAULT expression, or nothing: client-side defaults (uuid(), cuid(), nanoid(), ulid(),
// autoincrement() which became SERIAL) and @updatedAt give none. `enumType` is the field's enum
// (for the @map'd value names), null otherwise.
std::optional<QString> defaultExpression(const Field& field, const ColumnType& type,
                                         const Enum* enumType, std::vector<Warning>& warnings);

// A literal as Prisma quotes it: 'it''s'.
QString stringLiteral(const QString& text);

} // namespace bellows::source::prisma
