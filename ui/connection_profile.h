#pragma once

// A saved connection: what the connect dialog lists and the main window connects to. Never
// holds a password (ConnectionProfileStore strips it before saving; passwords live in memory
// only, or come from libpq's own .pgpass / service file / PG* environment).

#include "environment_tag.h"

#include <QString>

namespace bellows::ui {

struct ConnectionProfile {
    QString name;
    QString conninfo; // key=value or postgresql:// URI, without password
    EnvironmentTag environment = EnvironmentTag::Development;

    bool operator==(const ConnectionProfile&) const = default;
};

} // namespace bellows::ui
