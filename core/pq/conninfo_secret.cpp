#include "pq/conninfo_secret.h"

#include "pq/conninfo.h"

#include <QUrl>

#include <libpq-fe.h>

#include <optional>
#include <vector>

namespace bellows::pq {

namespace {

bool isSecretKey(const QString& key)
{
    return key == QLatin1String("password") || key == QLatin1String("sslpassword");
}

// libpq's own URI prefixes (case-sensitive, as libpq compares them).
int uriPrefixLength(const QString& text)
{
    for (const QLatin1String prefix :
         {QLatin1String("postgresql://"), QLatin1String("postgres://")}) {
        if (text.startsWith(prefix))
            return int(prefix.size());
    }
    return 0;
}

struct ParsedOption {
    QString key;
    QString value;
};

// Every option the text sets explicitly (PQconninfoParse fills in no defaults), or nullopt
// when libpq rejects the text.
std::optional<std::vector<ParsedOption>> parseConninfo(const QString& conninfo)
{
    char* errorMessage = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.toUtf8().constData(), &errorMessage);
    PQfreemem(errorMessage);
    if (!options)
        return std::nullopt;
    std::vector<ParsedOption> parsed;
    for (PQconninfoOption* option = options; option->keyword; ++option) {
        if (option->val)
            parsed.push_back({QString::fromUtf8(option->keyword), QString::fromUtf8(option->val)});
    }
    PQconninfoFree(options);
    return parsed;
}

bool hasSecret(const std::vector<ParsedOption>& options)
{
    return std::any_of(options.begin(), options.end(),
                       [](const ParsedOption& o) { return isSecretKey(o.key); });
}

QString passwordOf(const std::vector<ParsedOption>& options)
{
    for (const ParsedOption& o : options) {
        if (o.key == QLatin1String("password"))
            return o.value;
    }
    return {};
}

// key=value text of the options, without the secrets.
QString keyValueText(const std::vector<ParsedOption>& options)
{
    QStringList parts;
    for (const ParsedOption& o : options) {
        if (!isSecretKey(o.key))
            parts << o.key + QLatin1Char('=') + quoteConninfoValue(o.value);
    }
    return parts.join(QLatin1Char(' '));
}

// Removes user:PASSWORD@ and ?password= / ?sslpassword= from a URI by text, so the saved
// profile still reads like what the user typed. Mirrors libpq's URI grammar: the user info
// ends at the first '@' seen before any '/'.
QString stripUriSecrets(const QString& uri, int prefixLength, QString* password)
{
    QString rest = uri.mid(prefixLength);
    int stop = 0;
    while (stop < rest.size() && rest[stop] != QLatin1Char('@') && rest[stop] != QLatin1Char('/'))
        ++stop;
    if (stop < rest.size() && rest[stop] == QLatin1Char('@')) {
        const int colon = rest.left(stop).indexOf(QLatin1Char(':'));
        if (colon >= 0) {
            *password = QUrl::fromPercentEncoding(rest.mid(colon + 1, stop - colon - 1).toUtf8());
            rest.remove(colon, stop - colon);
        }
    }
    const int query = rest.indexOf(QLatin1Char('?'));
    if (query >= 0) {
        QStringList kept;
        const QStringList params = rest.mid(query + 1).split(QLatin1Char('&'));
        for (const QString& param : params) {
            const QString key =
                QUrl::fromPercentEncoding(param.section(QLatin1Char('='), 0, 0).toUtf8());
            if (!isSecretKey(key)) {
                kept << param;
            } else if (key == QLatin1String("password")) {
                *password = QUrl::fromPercentEncoding(param.section(QLatin1Char('='), 1).toUtf8());
            }
        }
        rest = rest.left(query);
        if (!kept.isEmpty())
            rest += QLatin1Char('?') + kept.join(QLatin1Char('&'));
    }
    return uri.left(prefixLength) + rest;
}

} // namespace

ConninfoSecret splitPassword(const QString& conninfo)
{
    const QString text = conninfo.trimmed();
    ConninfoSecret split{text, {}, false};
    const auto options = parseConninfo(text);
    if (!options)
        return split;

    // A key=value text may name a whole URI or conninfo as its dbname (libpq expands it).
    bool nestedSecret = false;
    std::vector<ParsedOption> cleaned = *options;
    for (ParsedOption& o : cleaned) {
        if (o.key == QLatin1String("dbname") &&
            (uriPrefixLength(o.value) > 0 || o.value.contains(QLatin1Char('=')))) {
            const ConninfoSecret inner = splitPassword(o.value);
            if (inner.stripped) {
                o.value = inner.conninfo;
                if (split.password.isEmpty())
                    split.password = inner.password;
                nestedSecret = true;
            }
        }
    }
    if (!hasSecret(*options) && !nestedSecret)
        return split;

    split.stripped = true;
    if (!passwordOf(*options).isEmpty())
        split.password = passwordOf(*options);
    if (const int prefix = uriPrefixLength(text); prefix > 0) {
        QString ignored;
        const QString uri = stripUriSecrets(text, prefix, &ignored);
        // Keep the URI form only when libpq agrees that nothing secret is left.
        if (const auto check = parseConninfo(uri); check && !hasSecret(*check)) {
            split.conninfo = uri;
            return split;
        }
    }
    split.conninfo = keyValueText(cleaned);
    return split;
}

Result<QString> mergePassword(const QString& conninfo, const QString& password)
{
    if (password.isEmpty())
        return conninfo;
    return withPassword(conninfo.trimmed(), password);
}

} // namespace bellows::pq
