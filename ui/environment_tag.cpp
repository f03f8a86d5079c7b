#include "environment_tag.h"

namespace bellows::ui {

QString toString(EnvironmentTag tag)
{
    switch (tag) {
    case EnvironmentTag::Development:
        return QStringLiteral("dev");
    case EnvironmentTag::Staging:
        return QStringLiteral("staging");
    case EnvironmentTag::Production:
        return QStringLiteral("production");
    }
    return {};
}

std::optional<EnvironmentTag> environmentTagFromString(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("dev") || t == QLatin1String("development"))
        return EnvironmentTag::Development;
    if (t == QLatin1String("staging"))
        return EnvironmentTag::Staging;
    if (t == QLatin1String("production") || t == QLatin1String("prod"))
        return EnvironmentTag::Production;
    return std::nullopt;
}

QString displayName(EnvironmentTag tag)
{
    switch (tag) {
    case EnvironmentTag::Development:
        return QStringLiteral("Development");
    case EnvironmentTag::Staging:
        return QStringLiteral("Staging");
    case EnvironmentTag::Production:
        return QStringLiteral("Production");
    }
    return {};
}

QColor environmentColor(EnvironmentTag tag)
{
    switch (tag) {
    case EnvironmentTag::Development:
        return QColor(0x2e, 0x9d, 0x4f);
    case EnvironmentTag::Staging:
        return QColor(0xd9, 0x8e, 0x04);
    case EnvironmentTag::Production:
        return QColor(0xc6, 0x28, 0x28);
    }
    return {};
}

} // namespace bellows::ui
