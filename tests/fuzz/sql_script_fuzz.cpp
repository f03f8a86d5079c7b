// libFuzzer target for the target-file front end: the SQL script splitter (quotes, dollar
// quotes, comments, COPY data, psql meta-commands) and the target guard that decides, per
// statement, what may run on the shadow server. Any text must split or give an Error with a
// location, and every statement's location must lie inside the text.

#include "source/sql_script.h"
#include "source/target_guard.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace bellows::source;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    auto script = splitScript(text, QStringLiteral("fuzz.sql"));
    if (!script) {
        if (script.error().location.line < 1 || script.error().message.isEmpty())
            std::abort(); // a split error must point at the file
        return 0;
    }
    for (const ScriptStatement& s : script->statements) {
        if (s.offset < 0 || s.offset > text.size() || s.line < 1)
            std::abort();
        const bellows::SourceLocation where = locate(text, QStringLiteral("fuzz.sql"), s.offset);
        if (where.line < 1 || where.column < 1)
            std::abort();
        (void)sourceExcerpt(text, s.offset);
        const GuardDecision d = guardStatement(s.text, defaultAllowedExtensions());
        if (d.verdict == GuardVerdict::Refuse && d.reason.isEmpty())
            std::abort(); // a refusal must say why
        if (d.byteOffset < 0 || d.byteOffset > s.text.toUtf8().size())
            std::abort();
    }
    return 0;
}
