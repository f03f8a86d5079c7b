#pragma once

// Fresh random values of a matrix type for the random data shapes (data_shapes.cpp): always a
// value the type holds, spread over its range, with a bias towards what breaks conversions
// (many digits, trailing spaces, times around DST changes).

#include "matrix_types.h"

#include <QString>

#include <random>

namespace bellows::safety {

QString freshRandomValue(const SqlType& type, std::mt19937_64& rng);

} // namespace bellows::safety
