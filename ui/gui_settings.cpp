#include "gui_settings.h"

#include <QFileInfo>
#include <QSettings>

namespace bellows::ui {

namespace {

const QString RecentKey = QStringLiteral("plans/recent");
const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
const QString SplitterPrefix = QStringLiteral("window/splitter-");

} // namespace

GuiSettings::GuiSettings(QObject* parent) : QObject(parent) {}

QStringList GuiSettings::recentPlanFiles() const
{
    return QSettings().value(RecentKey).toStringList();
}

void GuiSettings::addRecentPlanFile(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentPlanFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    setRecent(files.mid(0, MaxRecentFiles));
}

void GuiSettings::removeRecentPlanFile(const QString& path)
{
    QStringList files = recentPlanFiles();
    if (files.removeAll(QFileInfo(path).absoluteFilePath()) > 0)
        setRecent(files);
}

void GuiSettings::setRecent(QStringList files)
{
    QSettings().setValue(RecentKey, files);
    Q_EMIT recentPlanFilesChanged(files);
}

QByteArray GuiSettings::windowGeometry() const
{
    return QSettings().value(GeometryKey).toByteArray();
}

void GuiSettings::setWindowGeometry(const QByteArray& geometry)
{
    QSettings().setValue(GeometryKey, geometry);
}

QByteArray GuiSettings::windowState() const
{
    return QSettings().value(StateKey).toByteArray();
}

void GuiSettings::setWindowState(const QByteArray& state)
{
    QSettings().setValue(StateKey, state);
}

QByteArray GuiSettings::splitterState(const QString& name) const
{
    return QSettings().value(SplitterPrefix + name).toByteArray();
}

void GuiSettings::setSplitterState(const QString& name, const QByteArray& state)
{
    QSettings().setValue(SplitterPrefix + name, state);
}

} // namespace bellows::ui
