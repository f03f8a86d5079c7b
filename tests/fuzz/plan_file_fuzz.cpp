// libFuzzer target for the plan-file reader: plan files may be hostile (docs/security.md). Any
// bytes must give a plan or an Error naming what is wrong — never a crash — and a plan that
// reads must write back to JSON that reads again to the same plan and the same digests (the
// approvals bind those).

#include "plan/plan_file.h"
#include "plan/step_digest.h"
#include "review/review_evaluation.h"
#include "review/review_record.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace bellows;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    if (!doc.isObject())
        return 0;
    auto plan = plan::planFromJson(doc.object(), QStringLiteral("fuzz.json"));
    if (!plan) {
        if (plan.error().message.isEmpty())
            std::abort(); // an error must say what is wrong
        return 0;
    }
    const QJsonObject written = plan::toJson(*plan);
    auto again = plan::planFromJson(written, QStringLiteral("again.json"));
    if (!again || plan::toJson(*again) != written)
        std::abort(); // what Bellows writes it must read back unchanged
    if (plan::planDigest(*plan) != plan::planDigest(*again))
        std::abort();
    if (auto record = review::readReview(*plan))
        (void)review::evaluateReview(*plan, *record, {});
    return 0;
}
