// Diff reports: the text people read and the JSON programs read (docs/diff-json.md).

#include "catalog_builders.h"
#include "diff/diff_report.h"
#include "diff/differ.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace bellows;
using namespace bellows::catalog;
using namespace bellows::diff;

using bellows::test::s;

namespace {

Column column(const char* name, const char* type, bool notNull = false)
{
    Column c;
    c.name = s(name);
    c.type = s(type);
    c.notNull = notNull;
    return c;
}

Table table(const char* name, std::vector<Column> columns)
{
    Table t;
    t.schema = s("public");
    t.name = s(name);
    t.columns = std::move(columns);
    return t;
}

Index index(const char* name, const char* tableName, const char* keys)
{
    Index i;
    i.name = s(name);
    i.definition = QStringLiteral("CREATE INDEX %1 ON public.%2 USING btree (%3)")
                       .arg(s(name), s(tableName), s(keys));
    return i;
}

// The shape of the example in the design notes: a changed column, a dropped and an added
// column that look like a rename, a dropped index, a table on each side only, identical ones.
void exampleCatalogs(Catalog& database, Catalog& target)
{
    Table users =
        table("users", {column("id", "bigint", true), column("full_name", "character varying(50)"),
                        column("nickname", "text")});
    users.indexes = {index("users_name_idx", "users", "full_name")};
    database.tables = {users, table("legacy", {column("x", "integer")}),
                       table("same1", {column("a", "integer")}),
                       table("same2", {column("a", "integer")})};
    Table newUsers = table("users", {column("id", "bigint", true), column("full_name", "text"),
                                     column("display_name", "text")});
    target.tables = {newUsers, table("orders", {column("id", "bigint", true)}),
                     table("same1", {column("a", "integer")}),
                     table("same2", {column("a", "integer")})};
}

ChangeSet diffOk(const Catalog& database, const Catalog& target, const DiffOptions& options = {})
{
    Result<ChangeSet> result = diff::diff(database, target, options);
    if (!result)
        qFatal("diff failed: %s", qPrintable(result.error().message));
    return std::move(result).value();
}

ChangeSet exampleChangeSet()
{
    Catalog database;
    Catalog target;
    exampleCatalogs(database, target);
    return diffOk(database, target);
}

QStringList lines(const QString& text)
{
    return text.split(QLatin1Char('\n'));
}

QJsonObject roundTrip(const QJsonObject& object)
{
    return QJsonDocument::fromJson(QJsonDocument(object).toJson()).object();
}

QStringList sortedKeys(const QJsonObject& o)
{
    QStringList keys = o.keys();
    keys.sort();
    return keys;
}

} // namespace

class TestDiffReport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void textNoDifferences();
    void textSummaryCounts();
    void textExample();
    void textRenameAdviceCanBeLeftOut();
    void textRenameAdviceIsShellQuoted();
    void textConfirmedRenameShowsAttributesUnderIt();
    void textLongValuesGetALinePerSide();
    void textEnumLabels();
    void textCommentsAreLiterals();
    void textNotes();
    void jsonTopLevel();
    void jsonEmpty();
    void jsonEveryChangeHasEveryKey();
    void jsonChangeValues();
    void jsonRenameProposal();
    void jsonRenamed();
    void jsonEnumLabels();
    void jsonRoutineArguments();
};

void TestDiffReport::textNoDifferences()
{
    Catalog database;
    Catalog target;
    exampleCatalogs(database, target);
    const QString text = renderText(diffOk(database, database));
    QVERIFY(text.contains(s("\nNo differences: the database matches the target.\n")));
    QVERIFY(text.contains(s("\nTables: 4 identical, 0 different, 0 only in database, 0 only in "
                            "target\n")));
    // Kinds with no object on either side are left out.
    QVERIFY(!text.contains(s("Views:")));
    QVERIFY(!text.contains(s("Differences")));

    const QString nothing = renderText(diffOk(Catalog(), Catalog()));
    QVERIFY(nothing.contains(s("No objects on either side.")));
}

void TestDiffReport::textSummaryCounts()
{
    const QString text = renderText(exampleChangeSet());
    QVERIFY2(text.contains(s("\nTables: 2 identical, 1 different, 1 only in database, 1 only in "
                             "target\n")),
             qPrintable(text));
    RenderOptions options;
    options.summary = false;
    QVERIFY(!renderText(exampleChangeSet(), options).contains(s("Tables:")));
}

void TestDiffReport::textExample()
{
    const QStringList got = lines(renderText(exampleChangeSet()));
    const QStringList expected = {
        s("Differences (+ only in target: to be created, - only in database: to be dropped, ~ "
          "different, > renamed):"),
        s("- table public.legacy (only in database)"),
        s("+ table public.orders (only in target)"),
        s("~ table public.users"),
        s("    + column display_name text NULL  (column rename proposal: nickname -> "
          "display_name; confirm with --rename public.users.nickname=display_name)"),
        s("    ~ column full_name  type: character varying(50) -> text"),
        s("    - column nickname text NULL  (column rename proposal: nickname -> display_name; "
          "confirm with --rename public.users.nickname=display_name)"),
        s("    - index users_name_idx"),
        QString(),
        s("Rename proposals (not applied: a rename is never assumed):"),
        s("    column rename proposal: public.users.nickname -> display_name; confirm with "
          "--rename public.users.nickname=display_name"),
        s("        nickname is only in the database and display_name only in the target, both "
          "of type text"),
        QString(),
    };
    const qsizetype start = got.indexOf(expected.front());
    QVERIFY2(start >= 0, qPrintable(got.join(QLatin1Char('\n'))));
    QCOMPARE(got.mid(start), expected);
}

void TestDiffReport::textRenameAdviceCanBeLeftOut()
{
    RenderOptions options;
    options.renameOption.clear();
    const QString text = renderText(exampleChangeSet(), options);
    QVERIFY(!text.contains(s("confirm with")));
    QVERIFY(text.contains(s("(column rename proposal: nickname -> display_name)")));

    options.renameOption = s("--confirm-rename");
    QVERIFY(renderText(exampleChangeSet(), options)
                .contains(s("confirm with --confirm-rename public.users.nickname=display_name")));
}

void TestDiffReport::textRenameAdviceIsShellQuoted()
{
    Catalog database;
    database.tables = {table("User", {column("id", "bigint", true), column("first name", "text")})};
    Catalog target;
    target.tables = {table("User", {column("id", "bigint", true), column("it's", "text")})};
    const ChangeSet set = diffOk(database, target);
    QCOMPARE(set.renameProposals.size(), size_t(1));
    QCOMPARE(set.renameProposals[0].hintText(), s("public.\"User\".\"first name\"=\"it's\""));
    const QString text = renderText(set);
    QVERIFY2(
        text.contains(s("confirm with --rename 'public.\"User\".\"first name\"=\"it'\\''s\"'")),
        qPrintable(text));
    // The JSON carries the hint itself, unquoted for any shell.
    QCOMPARE(toJson(set).value(s("renameProposals")).toArray().at(0).toObject().value(s("hint")),
             QJsonValue(s("public.\"User\".\"first name\"=\"it's\"")));
}

void TestDiffReport::textConfirmedRenameShowsAttributesUnderIt()
{
    Catalog database;
    Catalog target;
    exampleCatalogs(database, target);
    DiffOptions options;
    options.renames.push_back(parseRenameHint(s("public.users.nickname=display_name")).value());
    options.renames.push_back(parseRenameHint(s("public.legacy=orders")).value());
    target.tables[1].columns = {column("x", "bigint")};
    target.tables[0].columns[2].comment = s("shown to others");
    const QStringList got = lines(renderText(diffOk(database, target, options)));
    // A Changed that accompanies a Renamed is folded into the rename line: no second header.
    const QStringList expected = {
        s("> table public.orders (renamed from legacy)"),
        s("    ~ column x  type: integer -> bigint"),
        s("~ table public.users"),
        s("    > column display_name (renamed from nickname)"),
        s("        comment: (none) -> 'shown to others'"),
        s("    ~ column full_name  type: character varying(50) -> text"),
        s("    - index users_name_idx"),
        QString(),
    };
    const qsizetype start = got.indexOf(expected.front());
    QVERIFY2(start >= 0, qPrintable(got.join(QLatin1Char('\n'))));
    QCOMPARE(got.mid(start), expected);
}

void TestDiffReport::textLongValuesGetALinePerSide()
{
    Catalog database;
    Catalog target;
    View v;
    v.schema = s("public");
    v.name = s("v");
    v.definition = s(" SELECT 1 AS one,\n    2 AS two;");
    database.views = {v};
    v.definition = s(" SELECT 1 AS one;");
    target.views = {v};
    const QStringList got = lines(renderText(diffOk(database, target)));
    const qsizetype at = got.indexOf(s("~ view public.v"));
    QVERIFY(at >= 0);
    QCOMPARE(got.mid(at, 5), (QStringList{s("~ view public.v"), s("    definition:"),
                                          s("      database:  SELECT 1 AS one,"),
                                          s("                    2 AS two;"),
                                          s("      target:    SELECT 1 AS one;")}));
}

void TestDiffReport::textEnumLabels()
{
    Catalog database;
    EnumType e{s("public"), s("state"), {s("new"), s("it's done"), s("old")}, {}};
    database.enums = {e};
    Catalog target;
    e.labels = {s("first"), s("new"), s("it's done"), s("later")};
    target.enums = {e};
    const QString text = renderText(diffOk(database, target));
    QVERIFY2(text.contains(s("~ enum type public.state\n"
                             "    labels: 'new', 'it''s done', 'old' -> 'first', 'new', 'it''s "
                             "done', 'later'\n"
                             "        + label 'first' before 'new'\n"
                             "        + label 'later' after 'it''s done'\n"
                             "        - label 'old'\n")),
             qPrintable(text));
}

void TestDiffReport::textCommentsAreLiterals()
{
    Catalog database;
    database.schemas = {{s("app"), s("it's")}};
    Catalog target;
    target.schemas = {{s("app"), s("line one\nline two")}};
    const QString text = renderText(diffOk(database, target));
    QVERIFY2(text.contains(s("~ schema app  comment: 'it''s' -> E'line one\\nline two'\n")),
             qPrintable(text));
}

void TestDiffReport::textNotes()
{
    Catalog database;
    database.tables = {table("t", {column("a", "integer"), column("b", "integer")})};
    Catalog target;
    target.tables = {table("t", {column("b", "integer"), column("a", "integer")})};
    const ChangeSet set = diffOk(database, target);
    QVERIFY(set.isEmpty());
    const QString text = renderText(set);
    QVERIFY2(text.endsWith(s("Notes (not differences):\n    - column order differs in "
                             "public.t (PostgreSQL does not care; not reported as a "
                             "difference)\n")),
             qPrintable(text));
    RenderOptions options;
    options.notes = false;
    QVERIFY(!renderText(set, options).contains(s("Notes")));
}

void TestDiffReport::jsonTopLevel()
{
    const QJsonObject json = roundTrip(toJson(exampleChangeSet()));
    QCOMPARE(sortedKeys(json), (QStringList{s("changes"), s("formatVersion"), s("hasDifferences"),
                                            s("notes"), s("renameProposals"), s("summary")}));
    QCOMPARE(json.value(s("formatVersion")).toInt(), 1);
    QCOMPARE(json.value(s("hasDifferences")).toBool(), true);
    const QJsonArray summary = json.value(s("summary")).toArray();
    QCOMPARE(summary.size(), qsizetype(topLevelKinds().size()));
    QStringList kinds;
    for (const QJsonValue& entry : summary)
        kinds << entry.toObject().value(s("kind")).toString();
    QCOMPARE(kinds,
             (QStringList{s("schema"), s("extension"), s("enum"), s("domain"), s("compositeType"),
                          s("sequence"), s("table"), s("view"), s("materializedView"),
                          s("function"), s("procedure"), s("aggregate"), s("defaultPrivileges")}));
    const QJsonObject tables = summary.at(6).toObject();
    QCOMPARE(tables.value(s("label")).toString(), s("Tables"));
    QCOMPARE(tables.value(s("identical")).toInt(), 2);
    QCOMPARE(tables.value(s("different")).toInt(), 1);
    QCOMPARE(tables.value(s("onlyInDatabase")).toInt(), 1);
    QCOMPARE(tables.value(s("onlyInTarget")).toInt(), 1);
    QCOMPARE(json.value(s("changes")).toArray().size(), 7);
    QCOMPARE(json.value(s("notes")).toArray().size(), 0);
}

void TestDiffReport::jsonEmpty()
{
    const QJsonObject json = toJson(diffOk(Catalog(), Catalog()));
    QCOMPARE(json.value(s("hasDifferences")).toBool(), false);
    QVERIFY(json.value(s("changes")).isArray());
    QVERIFY(json.value(s("changes")).toArray().isEmpty());
    QVERIFY(json.value(s("renameProposals")).toArray().isEmpty());
}

void TestDiffReport::jsonEveryChangeHasEveryKey()
{
    const QStringList keys = {
        s("action"), s("arguments"), s("attributes"),      s("enumLabels"),     s("kind"),
        s("name"),   s("object"),    s("parentKind"),      s("renameProposal"), s("renamedFrom"),
        s("schema"), s("table"),     s("tableRenamedFrom")};
    for (const QJsonValue& change : toJson(exampleChangeSet()).value(s("changes")).toArray())
        QCOMPARE(sortedKeys(change.toObject()), keys);
}

void TestDiffReport::jsonChangeValues()
{
    const QJsonArray changes = toJson(exampleChangeSet()).value(s("changes")).toArray();
    QJsonObject fullName;
    for (const QJsonValue& c : changes) {
        if (c.toObject().value(s("name")).toString() == s("full_name"))
            fullName = c.toObject();
    }
    QCOMPARE(fullName.value(s("kind")).toString(), s("column"));
    QCOMPARE(fullName.value(s("action")).toString(), s("changed"));
    QCOMPARE(fullName.value(s("schema")).toString(), s("public"));
    QCOMPARE(fullName.value(s("table")).toString(), s("users"));
    QCOMPARE(fullName.value(s("parentKind")).toString(), s("table"));
    QVERIFY(fullName.value(s("renamedFrom")).isNull());
    QVERIFY(fullName.value(s("renameProposal")).isNull());
    QVERIFY(fullName.value(s("object")).isNull()); // changed: see attributes
    const QJsonArray attributes = fullName.value(s("attributes")).toArray();
    QCOMPARE(attributes.size(), 1);
    QCOMPARE(attributes.at(0).toObject(), (QJsonObject{{s("name"), s("type")},
                                                       {s("from"), s("character varying(50)")},
                                                       {s("to"), s("text")}}));

    const QJsonObject legacy = changes.at(0).toObject();
    QCOMPARE(legacy.value(s("name")).toString(), s("legacy"));
    // Removed: the whole object as it is in the database.
    QCOMPARE(legacy.value(s("object")).toObject().value(s("name")).toString(), s("legacy"));
    QVERIFY(legacy.value(s("object")).toObject().contains(s("columns")));
    QCOMPARE(legacy.value(s("action")).toString(), s("removed"));
    QVERIFY(legacy.value(s("table")).isNull());
    QVERIFY(legacy.value(s("parentKind")).isNull());
}

void TestDiffReport::jsonRenameProposal()
{
    const QJsonObject json = toJson(exampleChangeSet());
    const QJsonArray proposals = json.value(s("renameProposals")).toArray();
    QCOMPARE(proposals.size(), 1);
    const QJsonObject p = proposals.at(0).toObject();
    QCOMPARE(p.value(s("kind")).toString(), s("column"));
    QCOMPARE(p.value(s("schema")).toString(), s("public"));
    QCOMPARE(p.value(s("table")).toString(), s("users"));
    QCOMPARE(p.value(s("from")).toString(), s("nickname"));
    QCOMPARE(p.value(s("to")).toString(), s("display_name"));
    QCOMPARE(p.value(s("hint")).toString(), s("public.users.nickname=display_name"));
    QVERIFY(!p.value(s("reason")).toString().isEmpty());
    int carriers = 0;
    for (const QJsonValue& c : json.value(s("changes")).toArray()) {
        if (c.toObject().value(s("renameProposal")).toObject() == p)
            ++carriers;
    }
    QCOMPARE(carriers, 2); // the removed and the added column
}

void TestDiffReport::jsonRenamed()
{
    Catalog database;
    Catalog target;
    exampleCatalogs(database, target);
    target.tables[0].name = s("members");
    target.tables[0].columns[2].name = s("nickname");
    target.tables[0].columns.push_back(column("extra", "integer"));
    DiffOptions options;
    options.renames.push_back(parseRenameHint(s("public.users=members")).value());
    const QJsonArray changes =
        toJson(diffOk(database, target, options)).value(s("changes")).toArray();
    QJsonObject renamed;
    QJsonObject extra;
    for (const QJsonValue& c : changes) {
        const QJsonObject o = c.toObject();
        if (o.value(s("action")).toString() == s("renamed"))
            renamed = o;
        if (o.value(s("name")).toString() == s("extra"))
            extra = o;
    }
    QCOMPARE(renamed.value(s("kind")).toString(), s("table"));
    QCOMPARE(renamed.value(s("name")).toString(), s("members"));
    QCOMPARE(renamed.value(s("renamedFrom")).toString(), s("users"));
    QCOMPARE(extra.value(s("action")).toString(), s("added"));
    QCOMPARE(extra.value(s("table")).toString(), s("members"));
    QCOMPARE(extra.value(s("tableRenamedFrom")).toString(), s("users"));
}

void TestDiffReport::jsonEnumLabels()
{
    Catalog database;
    EnumType e{s("public"), s("state"), {s("a"), s("b"), s("c")}, {}};
    database.enums = {e};
    Catalog target;
    e.labels = {s("c"), s("a"), s("x")};
    target.enums = {e};
    const QJsonObject change =
        toJson(diffOk(database, target)).value(s("changes")).toArray().at(0).toObject();
    const QJsonObject labels = change.value(s("enumLabels")).toObject();
    QCOMPARE(labels.value(s("added")).toArray(),
             (QJsonArray{QJsonObject{
                 {s("label"), s("x")}, {s("after"), s("a")}, {s("before"), QJsonValue::Null}}}));
    QCOMPARE(labels.value(s("removed")).toArray(), (QJsonArray{s("b")}));
    QCOMPARE(labels.value(s("reordered")).toBool(), true);
}

void TestDiffReport::jsonRoutineArguments()
{
    Function f;
    f.schema = s("public");
    f.name = s("f");
    f.definition = s("x");
    Function g = f;
    g.name = s("g");
    g.identityArguments = s("a integer, b text");
    Catalog database;
    database.functions = {f, g};
    Catalog target;
    const QJsonArray changes = toJson(diffOk(database, target)).value(s("changes")).toArray();
    QCOMPARE(changes.size(), 2);
    // f() has no arguments, which is not the same as "not a routine" (null).
    QVERIFY(changes.at(0).toObject().value(s("arguments")).isString());
    QCOMPARE(changes.at(0).toObject().value(s("arguments")).toString(), QString());
    QCOMPARE(changes.at(1).toObject().value(s("arguments")).toString(), s("a integer, b text"));
    QVERIFY(renderText(diffOk(database, target))
                .contains(s("- function public.g(a integer, b text) (only in database)")));
}

QTEST_GUILESS_MAIN(TestDiffReport)
#include "test_diff_report.moc"
