#pragma once

// The batches of the conversion torture suite: one per data shape of the type matrix, and a
// hand-written one for --using expressions and types the target creates.

#include "batch_spec.h"
#include "data_shapes.h"
#include "matrix_types.h"

#include <vector>

namespace bellows::safety {

// For each shape: a table t_<shape>_<A> per source type A the shape applies to, with a column
// c_<B> (of type A) per other type B, converted to B by the target.
BatchSpec matrixBatch(const QString& name, const std::vector<SqlType>& types,
                      const std::vector<ShapeSpec>& shapes, quint64 seed, bool full);

// --using cases (text → integer through nullif, enum → other enum through text, …), a type the
// target creates (an enum, a domain), each with values that convert and values that do not.
BatchSpec usingBatch();

} // namespace bellows::safety
