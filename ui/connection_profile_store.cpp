#include "connection_profile_store.h"

#include "pq/conninfo_secret.h"
#include "workers/connection_probe.h"

#include <QSettings>

namespace bellows::ui {

namespace {
const QString kGroup = QStringLiteral("connections");
const QString kArray = QStringLiteral("profiles");
const QString kName = QStringLiteral("name");
const QString kConninfo = QStringLiteral("conninfo");
const QString kEnvironment = QStringLiteral("environment");
} // namespace

ConnectionProfileStore::ConnectionProfileStore(QSettings* settings, QObject* parent)
    : QObject(parent), m_settings(settings)
{
    if (!m_settings) {
        m_settings = new QSettings();
        m_ownsSettings = true;
    }
    reload();
}

ConnectionProfileStore::~ConnectionProfileStore()
{
    if (m_ownsSettings)
        delete m_settings;
}

void ConnectionProfileStore::reload()
{
    m_profiles.clear();
    m_settings->beginGroup(kGroup);
    const int size = m_settings->beginReadArray(kArray);
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        ConnectionProfile profile;
        profile.name = m_settings->value(kName).toString();
        // Never trust the file either: a hand-edited password is not loaded.
        profile.conninfo = pq::splitPassword(m_settings->value(kConninfo).toString()).conninfo;
        profile.environment = environmentTagFromString(m_settings->value(kEnvironment).toString())
                                  .value_or(EnvironmentTag::Development);
        if (!profile.name.isEmpty())
            m_profiles << profile;
    }
    m_settings->endArray();
    m_settings->endGroup();
    Q_EMIT profilesChanged();
}

void ConnectionProfileStore::save()
{
    m_settings->beginGroup(kGroup);
    m_settings->remove(kArray);
    m_settings->beginWriteArray(kArray, int(m_profiles.size()));
    for (int i = 0; i < m_profiles.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(kName, m_profiles[i].name);
        m_settings->setValue(kConninfo, m_profiles[i].conninfo);
        m_settings->setValue(kEnvironment, toString(m_profiles[i].environment));
    }
    m_settings->endArray();
    m_settings->endGroup();
    m_settings->sync();
    Q_EMIT profilesChanged();
}

int ConnectionProfileStore::indexOf(const QString& name) const
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles[i].name == name)
            return i;
    }
    return -1;
}

std::optional<ConnectionProfile> ConnectionProfileStore::find(const QString& name) const
{
    const int index = indexOf(name);
    if (index < 0)
        return std::nullopt;
    return m_profiles[index];
}

QString ConnectionProfileStore::uniqueName(const QString& wanted, int ignoreIndex) const
{
    const QString base =
        wanted.trimmed().isEmpty() ? QStringLiteral("New connection") : wanted.trimmed();
    auto taken = [&](const QString& name) {
        const int index = indexOf(name);
        return index >= 0 && index != ignoreIndex;
    };
    QString name = base;
    for (int n = 2; taken(name); ++n)
        name = QStringLiteral("%1 (%2)").arg(base).arg(n);
    return name;
}

ConnectionProfile ConnectionProfileStore::sanitize(ConnectionProfile profile, int ignoreIndex)
{
    profile.name = uniqueName(profile.name, ignoreIndex);
    const pq::ConninfoSecret split = pq::splitPassword(profile.conninfo);
    profile.conninfo = split.conninfo;
    if (!split.password.isEmpty())
        m_passwords.insert(profile.name, split.password);
    return profile;
}

ConnectionProfile ConnectionProfileStore::add(ConnectionProfile profile)
{
    profile = sanitize(std::move(profile), -1);
    m_profiles << profile;
    save();
    return profile;
}

ConnectionProfile ConnectionProfileStore::update(int index, ConnectionProfile profile)
{
    if (index < 0 || index >= m_profiles.size())
        return add(std::move(profile));
    const QString oldName = m_profiles[index].name;
    profile = sanitize(std::move(profile), index);
    if (oldName != profile.name && m_passwords.contains(oldName) &&
        !m_passwords.contains(profile.name))
        m_passwords.insert(profile.name, m_passwords.take(oldName));
    if (m_profiles[index] == profile)
        return profile;
    m_profiles[index] = profile;
    save();
    return profile;
}

void ConnectionProfileStore::remove(int index)
{
    if (index < 0 || index >= m_profiles.size())
        return;
    m_passwords.remove(m_profiles[index].name);
    m_profiles.removeAt(index);
    save();
}

void ConnectionProfileStore::setSessionPassword(const QString& name, const QString& password)
{
    if (password.isEmpty())
        m_passwords.remove(name);
    else
        m_passwords.insert(name, password);
}

} // namespace bellows::ui
