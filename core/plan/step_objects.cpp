#include "plan/step_objects.h"

#include "sql/quote.h"

namespace bellows::plan::deps {

namespace {

struct VerbObject {
    const char* verb;
    const char* kind;
    bool creates;
    bool drops;
    const char* dropsKind = nullptr; // another kind of object of the same path it drops
};

// The verbs of the recipes' step ids that create or drop a whole object. Steps that only alter
// an object (comments, options, renames, validation) are not listed: they neither need a
// dependent out of the way nor create something another step uses.
constexpr VerbObject kVerbs[] = {
    {"create-schema", "schema", true, false},
    {"drop-schema", "schema", false, true},
    {"create-extension", "extension", true, false},
    {"drop-extension", "extension", false, true},
    {"create-table", "table", true, false},
    {"drop-table", "table", false, true},
    {"add-column", "column", true, false},
    {"drop-column", "column", false, true},
    {"set-default", "default", true, false},
    // The values of a swapped or renamed column exist once it is copied; a label once renamed.
    {"copy-column", "column", true, false},
    {"rename-enum-value", "type", true, false},
    {"create-view", "view", true, false},
    {"replace-view", "view", true, false},
    {"recreate-view", "view", true, true},
    {"build-matview", "view", true, false},
    {"swap-matview", "view", false, true},
    {"drop-view", "view", false, true},
    {"create-function", "function", true, false},
    {"replace-function", "function", true, false},
    {"drop-function", "function", false, true},
    {"create-enum", "type", true, false},
    {"create-domain", "type", true, false},
    {"create-type", "type", true, false},
    {"recreate-type", "type", true, true},
    {"drop-type", "type", false, true},
    {"drop-domain", "type", false, true},
    {"create-sequence", "sequence", true, false},
    {"drop-sequence", "sequence", false, true},
    {"create-index", "index", true, false},
    {"drop-index", "index", false, true},
    // Steps that drop an index foreign keys may use (foreign_key_handover.h): they wait for the
    // drops of the foreign keys the target does not keep.
    {"drop-old-index", "index", false, true},
    {"take-index-name", "constraint", false, true},
    {"swap-unique-index", "constraint", true, false, "index"},
    {"swap-pk-index", "constraint", true, false, "index"},
    {"add-fk", "constraint", true, false},
    {"add-constraint", "constraint", true, false},
    {"add-check", "constraint", true, false},
    {"add-unique", "constraint", true, false},
    {"add-pk", "constraint", true, false},
    {"add-exclusion", "constraint", true, false},
    {"unique-index", "constraint", true, false},
    {"replace-constraint", "constraint", true, true},
    {"drop-constraint", "constraint", false, true},
    {"drop-foreign-key", "constraint", false, true},
    {"create-trigger", "trigger", true, false},
    {"replace-trigger", "trigger", true, false},
    {"drop-trigger", "trigger", false, true},
    {"create-policy", "policy", true, false},
    {"change-policy", "policy", true, false},
    {"drop-policy", "policy", false, true},
};

constexpr const char* kTableParts[] = {"column", "default", "constraint",
                                       "index",  "trigger", "policy"};

} // namespace

QString verbOf(const Step& step)
{
    return step.id.section(QLatin1Char(':'), 1, 1);
}

QString pathOf(const Step& step)
{
    return step.id.section(QLatin1Char(':'), 2);
}

QString kindOf(const QString& key)
{
    return key.section(QLatin1Char(' '), 0, 0);
}

QString pathOfKey(const QString& key)
{
    return key.section(QLatin1Char(' '), 1);
}

QString owningTable(const QString& key)
{
    const QString kind = kindOf(key);
    for (const char* part : kTableParts) {
        if (kind == QLatin1String(part)) {
            const QString path = pathOfKey(key);
            const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
            return dot < 0 ? QString() : QStringLiteral("table ") + path.left(dot);
        }
    }
    return {};
}

QString columnRenamedTo(const Step& step, const QString& columnKey)
{
    if (kindOf(columnKey) != QLatin1String("column") ||
        !step.sql.contains(QLatin1String(" RENAME COLUMN ")))
        return {};
    const QString path = pathOfKey(columnKey);
    const QString schema = path.section(QLatin1Char('.'), 0, 0);
    const QString column = path.section(QLatin1Char('.'), -1);
    const QString table =
        path.mid(schema.size() + 1, path.size() - schema.size() - column.size() - 2);
    const QString head = QStringLiteral("ALTER TABLE ") + sql::qualified(schema, table) +
                         QStringLiteral(" RENAME COLUMN ") + sql::quoteIdent(column) +
                         QStringLiteral(" TO ");
    const qsizetype at = step.sql.indexOf(head);
    if (at < 0)
        return {};
    const qsizetype from = at + head.size();
    const qsizetype end = step.sql.indexOf(QLatin1Char(';'), from);
    QString name = step.sql.mid(from, end < 0 ? -1 : end - from).trimmed();
    if (name.size() >= 2 && name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"')))
        name = name.mid(1, name.size() - 2).replace(QStringLiteral("\"\""), QStringLiteral("\""));
    return name;
}

StepObjects objectsOf(const Step& step)
{
    StepObjects out;
    const QString verb = verbOf(step);
    for (const VerbObject& v : kVerbs) {
        if (verb != QLatin1String(v.verb))
            continue;
        QString path = pathOf(step);
        // Extension ids may carry the extension's schema; keys name the extension alone.
        if (QLatin1String(v.kind) == QLatin1String("extension"))
            path = path.section(QLatin1Char('.'), -1);
        const QString key = QLatin1String(v.kind) + QLatin1Char(' ') + path;
        if (v.creates)
            out.creates << key;
        if (v.drops)
            out.drops << key;
        if (v.dropsKind)
            out.drops << QLatin1String(v.dropsKind) + QLatin1Char(' ') + path;
        break;
    }
    return out;
}

} // namespace bellows::plan::deps
