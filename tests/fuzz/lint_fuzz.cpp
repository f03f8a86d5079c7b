// libFuzzer target for the linter's front end (libpg_query parse trees read as JSON, the rules,
// the renderers): any text must give a report whose findings point inside the text.

#include "lint/linter.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace bellows::lint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    for (int version : {120000, 150000, 180000}) {
        LintOptions options;
        options.serverVersionNum = version;
        const LintReport report = lintSql(text, QStringLiteral("fuzz.sql"), options);
        for (const Finding& f : report.findings)
            if (f.location.line < 1 || f.location.column < 1)
                std::abort(); // every finding points at the file
        (void)renderText({report});
        (void)toJson({report});
    }
    return 0;
}
