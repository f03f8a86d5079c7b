#include "workers/worker_types.h"

namespace bellows::workers {

void registerWorkerTypes()
{
    qRegisterMetaType<bellows::Error>();
    qRegisterMetaType<bellows::exec::RunProgress>();
    qRegisterMetaType<bellows::exec::ApplyReport>();
    qRegisterMetaType<bellows::plan::Gate>();
    qRegisterMetaType<bellows::workers::PlannedChangePtr>();
}

} // namespace bellows::workers
