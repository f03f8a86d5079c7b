// The plain-text report: counts per object type with pgAdmin Schema Diff's four statuses, then
// one line per difference, sub-objects indented under their table.

#include "diff/diff_report.h"

#include <algorithm>

namespace bellows::diff {

namespace {

constexpr qsizetype InlineValueLimit = 60;
constexpr qsizetype InlinePairLimit = 80;
const QString Indent = QStringLiteral("    ");

QString symbol(Action action)
{
    switch (action) {
    case Action::Added:
        return QStringLiteral("+");
    case Action::Removed:
        return QStringLiteral("-");
    case Action::Changed:
        return QStringLiteral("~");
    case Action::Renamed:
        return QStringLiteral(">");
    }
    return {};
}

QString valueText(const AttributeChange& a, const QString& value)
{
    if (value.isEmpty())
        return QStringLiteral("(none)");
    // Free text: as a literal, so newlines and quotes cannot fake report structure.
    if (a.attribute == QStringLiteral("comment"))
        return displayLiteral(value);
    return value;
}

bool isShort(const QString& text)
{
    return text.size() <= InlineValueLimit && !text.contains(QLatin1Char('\n'));
}

QString inlineAttribute(const AttributeChange& a)
{
    return a.attribute + QStringLiteral(": ") + valueText(a, a.from) + QStringLiteral(" -> ") +
           valueText(a, a.to);
}

bool fitsInline(const AttributeChange& a)
{
    const QString from = valueText(a, a.from);
    const QString to = valueText(a, a.to);
    return isShort(from) && isShort(to) && from.size() + to.size() <= InlinePairLimit;
}

// Long or multi-line values (definitions) get a line per side, continuation lines indented.
void appendLongAttribute(QStringList& lines, const QString& indent, const AttributeChange& a)
{
    lines << indent + a.attribute + QLatin1Char(':');
    auto side = [&](const QString& label, const QString& value) {
        QString text = valueText(a, value);
        while (text.endsWith(QLatin1Char('\n')))
            text.chop(1); // pg_get_functiondef ends with one
        const QStringList parts = text.split(QLatin1Char('\n'));
        const QString continuation = indent + QString(2 + label.size(), QLatin1Char(' '));
        lines << indent + QStringLiteral("  ") + label + parts.front();
        for (qsizetype i = 1; i < parts.size(); ++i)
            lines << (parts.at(i).isEmpty() ? QString() : continuation + parts.at(i));
    };
    side(QStringLiteral("database: "), a.from);
    side(QStringLiteral("target:   "), a.to);
}

void appendEnumDelta(QStringList& lines, const QString& indent, const EnumDelta& delta)
{
    for (const EnumLabelAddition& added : delta.added) {
        QString line = indent + QStringLiteral("+ label ") + displayLiteral(added.label);
        if (!added.after.isEmpty())
            line += QStringLiteral(" after ") + displayLiteral(added.after);
        else if (!added.before.isEmpty())
            line += QStringLiteral(" before ") + displayLiteral(added.before);
        lines << line;
    }
    for (const QString& removed : delta.removed)
        lines << indent + QStringLiteral("- label ") + displayLiteral(removed);
    if (delta.reordered)
        lines << indent + QStringLiteral("~ labels are in a different order");
}

void appendAttributes(QStringList& lines, const QString& indent, const Change& c)
{
    for (const AttributeChange& a : c.attributes) {
        if (fitsInline(a))
            lines << indent + inlineAttribute(a);
        else
            appendLongAttribute(lines, indent, a);
        if (a.attribute == QStringLiteral("labels") && c.enumDelta)
            appendEnumDelta(lines, indent + Indent, *c.enumDelta);
    }
}

QString columnDetail(const catalog::Column& c)
{
    QString out = c.type + (c.notNull ? QStringLiteral(" NOT NULL") : QStringLiteral(" NULL"));
    if (!c.defaultExpr.isEmpty())
        out += QStringLiteral(" DEFAULT ") + c.defaultExpr;
    if (c.identity != catalog::IdentityKind::None)
        out += QStringLiteral(" GENERATED ") +
               (c.identity == catalog::IdentityKind::Always ? QStringLiteral("ALWAYS")
                                                            : QStringLiteral("BY DEFAULT")) +
               QStringLiteral(" AS IDENTITY");
    if (c.generated != catalog::GeneratedKind::None)
        out += QStringLiteral(" GENERATED ALWAYS AS (") + c.generatedExpr + QLatin1Char(')');
    return out;
}

// What an added or removed sub-object is, in a few words.
QString objectDetail(const Change& c)
{
    const auto* side = c.action == Action::Added ? c.after.get() : c.before.get();
    if (!side)
        return {};
    if (const auto* column = std::get_if<catalog::Column>(side))
        return columnDetail(*column);
    if (const auto* constraint = std::get_if<catalog::Constraint>(side))
        return constraint->definition;
    return {};
}

QString objectName(const Change& c)
{
    return kindLabel(c.kind) + QLatin1Char(' ') +
           (c.isSubObject() ? displayIdent(c.name) : c.displayName());
}

// The advice is meant to be pasted into a shell: single-quote anything beyond plain names.
QString shellWord(const QString& text)
{
    const bool plain = std::all_of(text.begin(), text.end(), [](QChar c) {
        return (c.unicode() < 0x80 && c.isLetterOrNumber()) || c == QLatin1Char('_') ||
               c == QLatin1Char('.') || c == QLatin1Char('=') || c == QLatin1Char('-');
    });
    if (plain)
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

// `qualify` names the column's table too, for lines that stand on their own.
QString proposalText(const RenameProposal& p, const RenderOptions& options, bool qualify)
{
    const bool table = p.kind == ObjectKind::Table;
    QString from = displayIdent(p.from);
    if (table || qualify)
        from = (table ? displayQualified(p.schema, p.from)
                      : displayQualified(p.schema, p.table) + QLatin1Char('.') + from);
    QString out = kindLabel(p.kind) + QStringLiteral(" rename proposal: ") + from +
                  QStringLiteral(" -> ") + displayIdent(p.to);
    if (!options.renameOption.isEmpty())
        out += QStringLiteral("; confirm with ") + options.renameOption + QLatin1Char(' ') +
               shellWord(p.hintText());
    return out;
}

bool sameObject(const Change& a, const Change& b)
{
    return a.kind == b.kind && a.schema == b.schema && a.table == b.table && a.name == b.name &&
           a.arguments == b.arguments;
}

void appendChange(QStringList& lines, const Change& c, const Change* previous,
                  const RenderOptions& options)
{
    const QString indent = c.isSubObject() ? Indent : QString();
    const QString attributeIndent = indent + Indent;
    // A Changed right after the Renamed of the same object: its attributes go under the rename.
    if (c.action == Action::Changed && previous && previous->action == Action::Renamed &&
        sameObject(c, *previous)) {
        appendAttributes(lines, attributeIndent, c);
        return;
    }

    QString line = indent + symbol(c.action) + QLatin1Char(' ') + objectName(c);
    switch (c.action) {
    case Action::Added:
    case Action::Removed: {
        const QString detail = objectDetail(c);
        if (!detail.isEmpty())
            line += QLatin1Char(' ') + detail;
        if (!c.isSubObject())
            line += c.action == Action::Added ? QStringLiteral(" (only in target)")
                                              : QStringLiteral(" (only in database)");
        if (c.renameProposal)
            line += QStringLiteral("  (") + proposalText(*c.renameProposal, options, false) +
                    QLatin1Char(')');
        lines << line;
        return;
    }
    case Action::Renamed:
        lines << line + QStringLiteral(" (renamed from ") + displayIdent(c.renamedFrom) +
                     QLatin1Char(')');
        return;
    case Action::Changed:
        if (c.attributes.size() == 1 && fitsInline(c.attributes.front()) && !c.enumDelta) {
            lines << line + QStringLiteral("  ") + inlineAttribute(c.attributes.front());
            return;
        }
        lines << line;
        appendAttributes(lines, attributeIndent, c);
        return;
    }
}

QString summaryLine(const ObjectSummary& s)
{
    return QStringLiteral("%1: %2 identical, %3 different, %4 only in database, %5 only in "
                          "target")
        .arg(kindPlural(s.kind))
        .arg(s.identical)
        .arg(s.different)
        .arg(s.onlyInDatabase)
        .arg(s.onlyInTarget);
}

} // namespace

QString renderText(const ChangeSet& changes, const RenderOptions& options)
{
    QStringList lines;
    lines << QStringLiteral("Schema diff: the database (current) compared with the target "
                            "(desired)");
    if (options.summary) {
        lines << QString();
        bool any = false;
        for (const ObjectSummary& s : changes.summary) {
            if (s.total() > 0) {
                lines << summaryLine(s);
                any = true;
            }
        }
        if (!any)
            lines << QStringLiteral("No objects on either side.");
    }

    lines << QString();
    if (changes.isEmpty()) {
        lines << QStringLiteral("No differences: the database matches the target.");
    } else {
        lines << QStringLiteral("Differences (+ only in target: to be created, - only in "
                                "database: to be dropped, ~ different, > renamed):");
        const Change* previous = nullptr;
        for (const Change& c : changes.changes) {
            appendChange(lines, c, previous, options);
            previous = &c;
        }
    }

    if (!changes.renameProposals.empty()) {
        lines << QString()
              << QStringLiteral("Rename proposals (not applied: a rename is never assumed):");
        for (const RenameProposal& p : changes.renameProposals) {
            lines << Indent + proposalText(p, options, true);
            lines << Indent + Indent + p.reason;
        }
    }

    if (options.notes && !changes.notes.isEmpty()) {
        lines << QString() << QStringLiteral("Notes (not differences):");
        for (const QString& note : changes.notes)
            lines << Indent + QStringLiteral("- ") + note;
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace bellows::diff
