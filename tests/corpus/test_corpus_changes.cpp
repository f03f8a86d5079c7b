// Real differences are found: for consecutive versions (A, B) of each SQL project in the
// corpus, A is loaded into a database and `bellows-cli diff --target B --json` must report
// the changes the corpus README lists for that pair.

#include "test_database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace bellows::test;

namespace {

// "kind action schema.table.name" for sub-objects, "kind action schema.name" otherwise.
QString keyOf(const QJsonObject& c)
{
    QString path = c.value(QStringLiteral("schema")).toString();
    const QString table = c.value(QStringLiteral("table")).toString();
    if (!table.isEmpty())
        path += QLatin1Char('.') + table;
    path += QLatin1Char('.') + c.value(QStringLiteral("name")).toString();
    return c.value(QStringLiteral("kind")).toString() + QLatin1Char(' ') +
           c.value(QStringLiteral("action")).toString() + QLatin1Char(' ') + path;
}

struct PairDiff {
    QString error;
    QHash<QString, QJsonObject> changes;

    bool has(const QString& key) const { return changes.contains(key); }
    // Attribute names of a changed object ("type", "not null", ...), with from -> to.
    QString attribute(const QString& key, const QString& name) const
    {
        const QJsonArray attrs = changes.value(key).value(QStringLiteral("attributes")).toArray();
        for (const QJsonValue& a : attrs)
            if (a.toObject().value(QStringLiteral("name")).toString() == name)
                return a.toObject().value(QStringLiteral("from")).toString() +
                       QStringLiteral(" -> ") + a.toObject().value(QStringLiteral("to")).toString();
        return {};
    }
    int count(const QString& prefix) const
    {
        int n = 0;
        for (auto it = changes.begin(); it != changes.end(); ++it)
            n += it.key().startsWith(prefix);
        return n;
    }
    QStringList keys(const QString& prefix) const
    {
        QStringList out;
        for (auto it = changes.begin(); it != changes.end(); ++it)
            if (it.key().startsWith(prefix))
                out << it.key();
        out.sort();
        return out;
    }
};

PairDiff diffPair(const QString& project, const QString& from, const QString& to,
                  const QString& file)
{
    PairDiff result;
    const QString a = corpusDir() + QStringLiteral("/%1/%2/%3").arg(project, from, file);
    const QString b = corpusDir() + QStringLiteral("/%1/%2/%3").arg(project, to, file);
    TestDatabase live(QStringLiteral("pair"));
    result.error = live.loadCorpusFile(a);
    if (!result.error.isEmpty())
        return result;
    const auto r = runCli({QStringLiteral("diff"), QStringLiteral("--db"), live.conninfo(),
                           QStringLiteral("--target"), b, QStringLiteral("--json")});
    if (r.exitCode != 0) {
        result.error = r.err;
        return result;
    }
    const QJsonArray changes =
        QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("changes")).toArray();
    for (const QJsonValue& v : changes)
        result.changes.insert(keyOf(v.toObject()), v.toObject());
    return result;
}

#define DIFF_PAIR(var, project, from, to, file)                                                    \
    const PairDiff var = diffPair(QStringLiteral(project), QStringLiteral(from),                   \
                                  QStringLiteral(to), QStringLiteral(file));                       \
    QVERIFY2(var.error.isEmpty(), qPrintable(var.error))

#define EXPECT(d, key) QVERIFY2((d).has(QStringLiteral(key)), key)

} // namespace

class TestCorpusChanges : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void openstreetmap2021to2023()
    {
        DIFF_PAIR(d, "openstreetmap-website", "cf54b68f84", "e1d681db33", "structure.sql");
        EXPECT(d, "table added public.user_mutes");
        EXPECT(d, "table added public.oauth_openid_requests");
        EXPECT(d, "column added public.messages.muted");
        EXPECT(d, "constraint added public.changeset_tags.changeset_tags_pkey");
        EXPECT(d, "function removed public.tile_for_point");
        EXPECT(d, "function added public.api_rate_limit");
        const auto roles = d.changes.value(QStringLiteral("enum changed public.user_role_enum"));
        QVERIFY2(QJsonDocument(roles).toJson().contains("importer"),
                 "user_role_enum gains importer");
        QVERIFY(d.attribute(QStringLiteral("column changed public.relations.relation_id"),
                            QStringLiteral("default"))
                    .startsWith(QStringLiteral("0 ->")));
    }

    void openstreetmap2023to2026()
    {
        DIFF_PAIR(d, "openstreetmap-website", "e1d681db33", "2f30ea1950", "structure.sql");
        for (const char* t : {"client_applications", "oauth_nonces", "oauth_tokens", "user_tokens"})
            QVERIFY2(d.has(QStringLiteral("table removed public.") + QLatin1String(t)), t);
        QCOMPARE(d.count(QStringLiteral("column added public.changesets.")), 9);
        EXPECT(d, "column added public.notes.description");
        EXPECT(d, "column added public.notes.user_id");
        EXPECT(d, "column added public.notes.user_ip");
        EXPECT(d, "column removed public.users.creation_ip");
        QCOMPARE(d.attribute(QStringLiteral("column changed public.redactions.title"),
                             QStringLiteral("nullability")),
                 QStringLiteral("nullable -> not null"));
        QCOMPARE(d.attribute(QStringLiteral("column changed public.redactions.description"),
                             QStringLiteral("nullability")),
                 QStringLiteral("nullable -> not null"));
        EXPECT(d, "index added public.users.users_display_name_canonical_idx");
        EXPECT(d, "index removed public.users.users_display_name_lower_idx");
    }

    void danbooru2022to2024()
    {
        DIFF_PAIR(d, "danbooru", "6617d46647", "ca96275ab8", "structure.sql");
        EXPECT(d, "table added public.good_job_batches");
        EXPECT(d, "table added public.good_job_executions");
        EXPECT(d, "table added public.reactions");
        EXPECT(d, "table removed public.pixiv_ugoira_frame_data");
        EXPECT(d, "column added public.media_assets.pixel_hash");
        QCOMPARE(d.attribute(QStringLiteral("column changed public.media_assets.file_key"),
                             QStringLiteral("nullability")),
                 QStringLiteral("nullable -> not null"));
    }

    void danbooru2024to2025()
    {
        DIFF_PAIR(d, "danbooru", "ca96275ab8", "e377647fcc", "structure.sql");
        EXPECT(d, "table added public.login_sessions");
        EXPECT(d, "table added public.site_credentials");
        EXPECT(d, "column added public.user_events.login_session_id");
        // post_versions redefined "to match prod": bigint ids become integer.
        QCOMPARE(d.attribute(QStringLiteral("column changed public.post_versions.id"),
                             QStringLiteral("type")),
                 QStringLiteral("bigint -> integer"));
    }

    void lago2025a()
    {
        DIFF_PAIR(d, "lago-api", "e183bdbbb4", "c3c2924693", "structure.sql");
        QCOMPARE(d.count(QStringLiteral("table added ")), 21);
        // organization_id uuid NOT NULL on 42 existing tables (not counting new tables).
        int onExisting = 0;
        for (const QString& key : d.keys(QStringLiteral("column added public."))) {
            if (!key.endsWith(QStringLiteral(".organization_id")))
                continue;
            const QString table = key.section(QLatin1Char('.'), 1, 1);
            if (!d.has(QStringLiteral("table added public.") + table)) {
                ++onExisting;
                const auto c = d.changes.value(key);
                QVERIFY(QJsonDocument(c).toJson().contains("uuid"));
            }
        }
        QCOMPARE(onExisting, 42);
        QCOMPARE(d.count(QStringLiteral("view added ")), 5);
        QCOMPARE(d.count(QStringLiteral("enum added ")), 5);
        EXPECT(d, "column removed public.organizations.clickhouse_aggregation");
    }

    void lago2025b()
    {
        DIFF_PAIR(d, "lago-api", "c3c2924693", "b26bafb290", "structure.sql");
        EXPECT(d, "table removed public.subscription_fixed_charge_units_overrides");
        QCOMPARE(d.count(QStringLiteral("table added ")), 12);
        for (const char* t : {"invites", "memberships"}) {
            const QString key =
                QStringLiteral("column changed public.%1.role").arg(QLatin1String(t));
            QVERIFY2(d.has(key), qPrintable(key));
            QCOMPARE(d.attribute(key, QStringLiteral("nullability")),
                     QStringLiteral("not null -> nullable"));
            QVERIFY(d.attribute(key, QStringLiteral("default")).endsWith(QStringLiteral(" -> ")));
        }
        // The new trigger comes with the new roles table.
        const auto roles = d.changes.value(QStringLiteral("table added public.roles"));
        const QJsonArray triggers = roles.value(QStringLiteral("object"))
                                        .toObject()
                                        .value(QStringLiteral("triggers"))
                                        .toArray();
        QCOMPARE(triggers.size(), 1);
        QCOMPARE(triggers.at(0).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("ensure_consistency"));
        EXPECT(d, "function added public.ensure_role_consistency");
        bool offset = false;
        for (const QString& key : d.keys(QStringLiteral("enum changed ")))
            offset |= QJsonDocument(d.changes.value(key)).toJson().contains("\"offset\"");
        QVERIFY2(offset, "an enum gains 'offset'");
    }

    void philomena2022to2024()
    {
        DIFF_PAIR(d, "philomena", "b6248e22ee", "66de088e1c", "structure.sql");
        int notifications = 0;
        for (const QString& key : d.keys(QStringLiteral("table added ")))
            notifications += key.endsWith(QStringLiteral("_notifications"));
        QCOMPARE(notifications, 6);
        QCOMPARE(d.attribute(QStringLiteral("column changed public.source_changes.id"),
                             QStringLiteral("type")),
                 QStringLiteral("integer -> bigint"));
        EXPECT(d, "column removed public.image_sources.id");
    }

    void philomena2024to2026()
    {
        DIFF_PAIR(d, "philomena", "66de088e1c", "e16f003212", "structure.sql");
        // 100 columns dropped from existing tables, many tightened to NOT NULL.
        QVERIFY2(d.count(QStringLiteral("column removed ")) >= 95,
                 qPrintable(QString::number(d.count(QStringLiteral("column removed ")))));
        int tightened = 0;
        for (const QString& key : d.keys(QStringLiteral("column changed ")))
            tightened += d.attribute(key, QStringLiteral("nullability")) ==
                         QStringLiteral("nullable -> not null");
        QVERIFY2(tightened >= 50, qPrintable(QString::number(tightened)));
        QCOMPARE(d.attribute(QStringLiteral("column changed public.adverts.title"),
                             QStringLiteral("nullability")),
                 QStringLiteral("nullable -> not null"));
        EXPECT(d, "table added public.tag_changes_legacy");
        EXPECT(d, "table added public.comment_versions");
    }

    void synapse()
    {
        DIFF_PAIR(d, "synapse", "25f43faa70", "0a38c7ec6d", "full.sql.postgres");
        QVERIFY(d.count(QStringLiteral("table added ")) >= 40);
        QVERIFY(d.count(QStringLiteral("table removed ")) >= 25);
        EXPECT(d, "table removed public.room_names");
        QCOMPARE(d.attribute(QStringLiteral("column changed public.events.stream_ordering"),
                             QStringLiteral("type")),
                 QStringLiteral("integer -> bigint"));
    }

    void temporal()
    {
        DIFF_PAIR(d, "temporal", "200821151c", "558682652a", "schema.sql");
        QCOMPARE(d.count(QStringLiteral("table added ")), 6);
        EXPECT(d, "table added public.nexus_endpoints");
        EXPECT(d, "column added public.current_executions.start_time");
        EXPECT(d, "column added public.current_executions.data");
        EXPECT(d, "column added public.current_executions.data_encoding");
    }

    void pagila()
    {
        DIFF_PAIR(d, "pagila", "e0e35a666f", "23f7fe7a1e", "pagila-schema.sql");
        QCOMPARE(d.attribute(QStringLiteral("column changed public.language.name"),
                             QStringLiteral("type")),
                 QStringLiteral("character(20) -> text"));
        int partitions = 0;
        for (const QString& key : d.keys(QStringLiteral("table added public.payment_p20")))
            partitions += d.changes.value(key)
                              .value(QStringLiteral("object"))
                              .toObject()
                              .value(QStringLiteral("partitionOf"))
                              .toString() == QStringLiteral("public.payment");
        QCOMPARE(partitions, 48);
        EXPECT(d, "view changed public.actor_info");
    }
};

QTEST_GUILESS_MAIN(TestCorpusChanges)
#include "test_corpus_changes.moc"
