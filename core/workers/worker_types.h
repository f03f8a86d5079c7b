#pragma once

// Types that cross threads in queued signals between core's workers and the GUI.

#include "common/error.h"
#include "exec/run_options.h"
#include "plan/plan.h"
#include "workflow/plan_builder.h"

#include <QMetaType>

#include <memory>

namespace bellows::workers {

// Registers the types below with Qt's meta-type system; call once before connecting.
void registerWorkerTypes();

using PlannedChangePtr = std::shared_ptr<const workflow::PlannedChange>;

} // namespace bellows::workers

Q_DECLARE_METATYPE(bellows::Error)
Q_DECLARE_METATYPE(bellows::exec::RunProgress)
Q_DECLARE_METATYPE(bellows::exec::ApplyReport)
Q_DECLARE_METATYPE(bellows::plan::Gate)
Q_DECLARE_METATYPE(bellows::workers::PlannedChangePtr)
