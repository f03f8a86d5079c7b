#pragma once

// The saved connection profiles, over QSettings group "connections". Passwords are never
// written: add() and update() strip them from the conninfo and keep them in this object's
// memory for the session (sessionPassword()).

#include "connection_profile.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <optional>

class QSettings;

namespace bellows::ui {

class ConnectionProfileStore : public QObject {
    Q_OBJECT
public:
    // `settings` (not owned) lets tests use a temporary ini file; null means the application's
    // default QSettings.
    explicit ConnectionProfileStore(QSettings* settings = nullptr, QObject* parent = nullptr);
    ~ConnectionProfileStore() override;

    QList<ConnectionProfile> profiles() const { return m_profiles; }
    int count() const { return int(m_profiles.size()); }
    ConnectionProfile at(int index) const { return m_profiles.value(index); }
    int indexOf(const QString& name) const; // -1 when absent
    std::optional<ConnectionProfile> find(const QString& name) const;

    // Both strip a password from profile.conninfo before saving and remember it in memory;
    // they return the profile as saved. A name that is empty or already taken gets a unique
    // one ("name (2)").
    ConnectionProfile add(ConnectionProfile profile);
    ConnectionProfile update(int index, ConnectionProfile profile);
    void remove(int index);

    // In-memory passwords by profile name, for this session only.
    QString sessionPassword(const QString& name) const { return m_passwords.value(name); }
    void setSessionPassword(const QString& name, const QString& password);

    // Re-reads the settings (another window may have written them).
    void reload();

Q_SIGNALS:
    void profilesChanged();

private:
    QString uniqueName(const QString& wanted, int ignoreIndex) const;
    ConnectionProfile sanitize(ConnectionProfile profile, int ignoreIndex);
    void save();

    QSettings* m_settings = nullptr;
    bool m_ownsSettings = false;
    QList<ConnectionProfile> m_profiles;
    QHash<QString, QString> m_passwords;
};

} // namespace bellows::ui
