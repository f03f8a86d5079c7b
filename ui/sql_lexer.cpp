#include "sql_lexer.h"

#include "palette_colors.h"

#include <QFontDatabase>

namespace bellows::ui {

namespace {

// PostgreSQL's key words as people write them in migrations (reserved and the common
// unreserved ones), lower case: QScintilla matches SQL keywords case-insensitively.
const char* const Keywords =
    "abort add all alter always analyze and any array as asc attach attribute before begin "
    "between both by cascade case cast check checkpoint cluster collate collation column "
    "comment commit concurrently conflict constraint constraints copy create cross current_date "
    "current_schema current_timestamp current_user cursor cycle data database deallocate declare "
    "default deferrable deferred delete desc detach disable distinct do domain drop each else "
    "enable end enum except exclude exclusive execute exists explain extension false fetch "
    "filter first for force foreign from full function functions generated grant group having "
    "identity if ilike immediate in include increment index inherit initially inner insert "
    "instead intersect into is isnull join key lateral leading left like limit local lock "
    "materialized maxvalue minvalue mode natural new next no not nothing notnull nowait null "
    "nulls of off offset old on only or order outer over overlaps owned owner partition "
    "placing policy primary procedure publication recursive references referencing refresh "
    "reindex release rename repeatable replace replica reset restart restrict return returning "
    "returns revoke right role rollback row rows rule savepoint schema select sequence "
    "session_user set share show similar skip some start statement statistics stored "
    "subscription table tablespace temp temporary then to trailing transaction trigger true "
    "truncate type unique unlogged until update using vacuum valid validate values verbose "
    "view volatile when where window with without work";

const char* const Types =
    "bigint bigserial bit boolean bool box bytea char character cidr date decimal double "
    "float float4 float8 inet int int2 int4 int8 integer interval json jsonb macaddr money "
    "numeric oid precision real regclass serial smallint smallserial text time timestamp "
    "timestamptz tsquery tsvector uuid varchar varying xml zone";

} // namespace

SqlLexer::SqlLexer(QObject* parent) : QsciLexerSQL(parent)
{
    setFoldComments(true);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont), -1);
}

const char* SqlLexer::keywords(int set) const
{
    if (set == 1)
        return Keywords;
    if (set == 5)
        return Types;
    return nullptr;
}

QStringList SqlLexer::keywordList()
{
    QStringList words = QString::fromLatin1(Keywords).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    words += QString::fromLatin1(Types).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QString& word : words)
        word = word.toUpper();
    return words;
}

void SqlLexer::applyPalette(const QPalette& palette)
{
    const bool dark = isDark(palette);
    const QColor text = palette.color(QPalette::Text);
    const QColor comment = palette.color(QPalette::PlaceholderText);
    const QColor keyword = dark ? QColor(0x79, 0xb0, 0xff) : QColor(0x00, 0x33, 0xb3);
    const QColor string = dark ? QColor(0x9c, 0xd6, 0x8c) : QColor(0x06, 0x7d, 0x17);
    const QColor number = dark ? QColor(0xe8, 0xb0, 0x6c) : QColor(0x17, 0x50, 0xeb);
    const QColor type = dark ? QColor(0xd3, 0x9c, 0xec) : QColor(0x87, 0x10, 0x94);

    setDefaultPaper(palette.color(QPalette::Base));
    setDefaultColor(text);
    setPaper(palette.color(QPalette::Base), -1);
    setColor(text, -1);
    for (int style : {Comment, CommentLine, CommentDoc, CommentLineHash, PlusComment})
        setColor(comment, style);
    setColor(keyword, Keyword);
    setColor(keyword, PlusKeyword);
    setColor(string, SingleQuotedString);
    setColor(text, DoubleQuotedString); // "quoted identifiers" in PostgreSQL
    setColor(text, QuotedIdentifier);
    setColor(number, Number);
    setColor(type, KeywordSet5);
    QFont bold = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    bold.setBold(true);
    setFont(bold, Keyword);
}

} // namespace bellows::ui
