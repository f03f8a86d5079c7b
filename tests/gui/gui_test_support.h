#pragma once

// What several GUI tests share: writing a screenshot when BELLOWS_SCREENSHOT_DIR is set (the
// docs' images come from the tests), a dark palette to check that views follow it, and keeping
// a test's private servers and settings away from the user's.

#include "pq/connection.h"
#include "test_database.h"

#include <QColor>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QPalette>
#include <QPixmap>
#include <QWidget>

namespace bellows::test {

// The first column of a one-row query as a number on a fresh connection (-1 on any failure).
inline qint64 scalarOn(const QString& conninfo, const QString& sql)
{
    auto conn = pq::Connection::open(conninfo);
    if (!conn)
        return -1;
    auto result = (*conn)->exec(sql);
    return result && result->rows() == 1 ? result->int64(0, 0) : -1;
}

// Saves `widget` as BELLOWS_SCREENSHOT_DIR/name; true when saved or when no directory is set.
inline bool saveScreenshot(QWidget& widget, const QString& name)
{
    const QString shots = qEnvironmentVariable("BELLOWS_SCREENSHOT_DIR");
    if (shots.isEmpty())
        return true;
    QDir().mkpath(shots);
    return widget.grab().save(shots + QLatin1Char('/') + name);
}

// Shadow and demo servers under `shadowDir`, started from the test cluster's binaries, and the
// app's settings under `configDir`. The directory is made 0755: running as root, the postgres
// system user runs those servers and must reach it.
inline bool isolateServersAndSettings(const QString& shadowDir, const QString& configDir,
                                      const QString& applicationName)
{
    if (!QFile::setPermissions(shadowDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                              QFile::ReadGroup | QFile::ExeGroup |
                                              QFile::ReadOther | QFile::ExeOther))
        return false;
    qputenv("BELLOWS_SHADOW_DIR", QFile::encodeName(shadowDir));
    qputenv("BELLOWS_PG_BIN", QFile::encodeName(cluster().binDir));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(configDir + QStringLiteral("/config")));
    QCoreApplication::setOrganizationName(QStringLiteral("BellowsTests"));
    QCoreApplication::setApplicationName(applicationName);
    return true;
}

inline QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xdf, 0xe1, 0xe5);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x90, 0x96));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x45, 0x47, 0x4a));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3c, 0x3f));
    p.setColor(QPalette::Mid, QColor(0x55, 0x58, 0x5c));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xf0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
    return p;
}

} // namespace bellows::test
