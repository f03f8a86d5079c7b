// The Qt Core and standard library headers most translation units include, parsed once per
// build instead of once per file (they were about half of each file's compile time). Only
// headers that never change with the target: no Bellows header, no GUI or test module, so
// every Bellows target with the same flags can reuse bellows_core's copy (CMakeLists.txt,
// bellows_strict). Nothing may rely on this file: each source still includes what it uses.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>
