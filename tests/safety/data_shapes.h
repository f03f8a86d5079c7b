#pragma once

// The data shapes of the conversion torture suite: for a source type, the values one table of
// the live database holds (every column of the table holds the same values, row by row). A
// shape that means nothing for a type (strings that do not parse, for a uuid) is absent.

#include "matrix_types.h"

#include <QString>

#include <optional>
#include <vector>

namespace bellows::safety {

enum class Shape {
    Empty,      // no rows: the in-place route behind the empty-table guard
    Nulls,      // only NULLs
    Typical,    // small, clean values
    Boundary,   // the extremes the type holds (min/max, longest strings, first/last dates)
    Unfit,      // values narrower types cannot hold
    Lossy,      // values that round, truncate, lose a time of day or trailing spaces
    Unparsable, // strings that are no number, date, uuid, json, ...
    Special,    // NaN, ±Infinity, ±infinity dates
    Dst,        // times around the DST changes of the plan's time zone (America/New_York)
    Random,     // seeded random values of the type, including all of the above
};

struct ShapeSpec {
    QString name; // "typical", "random_2"
    Shape shape = Shape::Typical;
    int round = 0; // Random: which round (each has its own seed)
    int randomValues = 8;
};

// The major of the server the values go to (numeric ±Infinity exists from PostgreSQL 14 on);
// default 15. Set once, before any shapeValues().
void setServerMajor(int major);

// Default: the ten shapes once; full: more values and six random rounds.
std::vector<ShapeSpec> matrixShapes(bool full);

using Value = std::optional<QString>; // text input of the type; nullopt: NULL

// The values of `shape` for `type` (NULL included as one row); nullopt when the shape does not
// apply to the type. `seed` drives the random shape only.
std::optional<std::vector<Value>> shapeValues(const SqlType& type, const ShapeSpec& shape,
                                              quint64 seed);

} // namespace bellows::safety
