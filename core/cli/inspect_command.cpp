#include "cli/inspect_command.h"

#include "catalog/catalog_json.h"
#include "introspect/introspector.h"

#include <QJsonDocument>

namespace bellows::cli {

int runInspect(const InspectOptions& options, const Output& output)
{
    // Exact sizes cost a file stat per relation: worth it when a person asks what is there.
    introspect::IntrospectOptions introspectOptions;
    introspectOptions.exactSizes = true;
    auto catalog = introspect::introspect(options.conninfo, introspectOptions);
    if (!catalog) {
        output.error(catalog.error().toString());
        return ExitError;
    }
    if (options.json)
        output.out << QJsonDocument(catalog::toJson(*catalog)).toJson(QJsonDocument::Indented);
    else
        output.out << catalog::summaryText(*catalog);
    output.out.flush();
    return ExitOk;
}

} // namespace bellows::cli
