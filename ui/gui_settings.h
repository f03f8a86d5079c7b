#pragma once

// The GUI's settings in one typed object over QSettings: the keys and defaults live here and
// nowhere else. Never holds passwords (connection profiles will keep conninfo without them).

#include <QByteArray>
#include <QObject>
#include <QStringList>

namespace bellows::ui {

class GuiSettings : public QObject {
    Q_OBJECT
public:
    static constexpr int MaxRecentFiles = 8;

    explicit GuiSettings(QObject* parent = nullptr);

    QStringList recentPlanFiles() const;
    void addRecentPlanFile(const QString& path); // most recent first, no duplicates
    void removeRecentPlanFile(const QString& path);

    // Opaque blobs from saveGeometry() / saveState(); empty when never saved.
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);
    QByteArray splitterState(const QString& name) const;
    void setSplitterState(const QString& name, const QByteArray& state);

Q_SIGNALS:
    void recentPlanFilesChanged(const QStringList& files);

private:
    void setRecent(QStringList files);
};

} // namespace bellows::ui
