#include "cli/demo_command.h"

#include "demo/demo_environment.h"
#include "sql/quote.h"

namespace bellows::cli {

int runDemo(bool reset, bool stop, const Output& output)
{
    if (stop) {
        if (auto s = demo::stopDemo(); !s) {
            output.error(s.error().toString());
            return ExitError;
        }
        output.out << "the demo server is stopped\n" << Qt::flush;
        return ExitOk;
    }
    demo::DemoOptions options;
    options.reset = reset;
    options.progress = [&](const QString& text) {
        output.err << "bellows-cli: " << text << '\n' << Qt::flush;
    };
    auto env = demo::prepareDemo(options);
    if (!env) {
        output.error(env.error().toString());
        return ExitError;
    }
    const QString db = sql::quoteLiteral(env->conninfo);
    output.out << "demo database: " << env->conninfo << '\n'
               << "target file:   " << env->targetPath << "\n\n"
               << "Try:\n"
               << "  bellows-cli diff --db " << db << " --target " << env->targetPath << '\n'
               << "  bellows-cli plan --db " << db << " --target " << env->targetPath
               << " --rename " << env->renameHint << " -o demo-plan.json\n"
               << "  bellows-cli apply demo-plan.json --db " << db << '\n'
               << "  bellows-cli status --db " << db << "\n\n"
               << "bellows-cli demo --reset starts over; bellows-cli demo --stop stops the "
                  "server.\n"
               << Qt::flush;
    return ExitOk;
}

} // namespace bellows::cli
