// libFuzzer target for the Prisma schema parser: any bytes must give a schema or an Error
// with a location and context, never a crash, hang or unbounded recursion.

#include "source/prisma_parser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace bellows::source::prisma;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // A NUL byte splits the input into files, so cross-file checks get exercised too.
    std::vector<SourceFile> files;
    size_t start = 0;
    for (size_t i = 0; i <= size && files.size() < 4; ++i) {
        if (i == size || data[i] == 0) {
            const auto* text = reinterpret_cast<const char*>(data + start);
            files.push_back(SourceFile{QStringLiteral("f%1.prisma").arg(files.size()),
                                       QString::fromUtf8(text, qsizetype(i - start))});
            start = i + 1;
        }
    }
    auto result = parsePrisma(files);
    if (!result) {
        const auto& e = result.error();
        if (e.location.line < 1 || e.location.column < 1 || e.context.isEmpty() ||
            e.message.isEmpty())
            std::abort(); // every parse error must point somewhere
    }
    return 0;
}
