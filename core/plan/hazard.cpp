#include "plan/hazard.h"

#include <array>
#include <utility>

namespace bellows::plan {

namespace {

struct LockName {
    LockMode mode;
    const char* full;
    const char* abbreviation;
};

constexpr std::array<LockName, 9> kLockNames{{
    {LockMode::None, "none", "none"},
    {LockMode::AccessShare, "ACCESS SHARE", "AS"},
    {LockMode::RowShare, "ROW SHARE", "RS"},
    {LockMode::RowExclusive, "ROW EXCLUSIVE", "RE"},
    {LockMode::ShareUpdateExclusive, "SHARE UPDATE EXCLUSIVE", "SUE"},
    {LockMode::Share, "SHARE", "S"},
    {LockMode::ShareRowExclusive, "SHARE ROW EXCLUSIVE", "SRE"},
    {LockMode::Exclusive, "EXCLUSIVE", "E"},
    {LockMode::AccessExclusive, "ACCESS EXCLUSIVE", "AE"},
}};

struct HazardName {
    HazardKind kind;
    const char* id;
    const char* title;
};

constexpr std::array<HazardName, 12> kHazardNames{{
    {HazardKind::AccessExclusiveLock, "access-exclusive-lock", "Access exclusive lock"},
    {HazardKind::Rewrite, "rewrite", "Table rewrite"},
    {HazardKind::FullScan, "full-scan", "Full table scan under lock"},
    {HazardKind::BlocksWrites, "blocks-writes", "Blocks writes"},
    {HazardKind::IndexBuild, "index-build", "Index build"},
    {HazardKind::DataLoss, "data-loss", "Data loss"},
    {HazardKind::BreaksRunningApp, "breaks-running-app", "Breaks the running application"},
    {HazardKind::ValidationScan, "validation-scan", "Validation scan"},
    {HazardKind::BackfillLoad, "backfill-load", "Backfill load"},
    {HazardKind::Irreversible, "irreversible", "Irreversible"},
    {HazardKind::OutsideTransaction, "outside-transaction", "Runs outside a transaction"},
    {HazardKind::NoLockTimeout, "no-lock-timeout", "No lock timeout"},
}};

} // namespace

QString toString(LockMode mode)
{
    for (const auto& n : kLockNames)
        if (n.mode == mode)
            return QString::fromLatin1(n.full);
    return {};
}

QString shortName(LockMode mode)
{
    for (const auto& n : kLockNames)
        if (n.mode == mode)
            return QString::fromLatin1(n.abbreviation);
    return {};
}

LockMode lockModeFromString(const QString& text)
{
    for (const auto& n : kLockNames)
        if (text.compare(QLatin1String(n.full), Qt::CaseInsensitive) == 0 ||
            text == QLatin1String(n.abbreviation))
            return n.mode;
    return LockMode::None;
}

bool blocksReads(LockMode mode)
{
    return mode == LockMode::AccessExclusive;
}

bool blocksWrites(LockMode mode)
{
    return mode == LockMode::Share || mode == LockMode::ShareRowExclusive ||
           mode == LockMode::Exclusive || mode == LockMode::AccessExclusive;
}

QString blocksInWords(LockMode mode)
{
    switch (mode) {
    case LockMode::None:
    case LockMode::AccessShare:
    case LockMode::RowShare:
    case LockMode::RowExclusive:
        return QStringLiteral("blocks no application reads or writes");
    case LockMode::ShareUpdateExclusive:
        return QStringLiteral("reads and writes continue; other DDL and vacuum on the table wait");
    case LockMode::Share:
    case LockMode::ShareRowExclusive:
        return QStringLiteral("blocks writes; reads continue");
    case LockMode::Exclusive:
        return QStringLiteral("blocks everything but plain SELECT");
    case LockMode::AccessExclusive:
        return QStringLiteral("blocks every read and write");
    }
    return {};
}

QString toString(Work work)
{
    switch (work) {
    case Work::None:
        return QStringLiteral("none");
    case Work::Scan:
        return QStringLiteral("scan");
    case Work::Build:
        return QStringLiteral("build");
    case Work::Rewrite:
        return QStringLiteral("rewrite");
    }
    return {};
}

Work workFromString(const QString& text)
{
    for (Work w : {Work::None, Work::Scan, Work::Build, Work::Rewrite})
        if (toString(w) == text)
            return w;
    return Work::None;
}

QString toString(HazardKind kind)
{
    for (const auto& n : kHazardNames)
        if (n.kind == kind)
            return QString::fromLatin1(n.id);
    return {};
}

HazardKind hazardFromString(const QString& id, bool* ok)
{
    for (const auto& n : kHazardNames)
        if (id == QLatin1String(n.id)) {
            if (ok)
                *ok = true;
            return n.kind;
        }
    if (ok)
        *ok = false;
    return HazardKind::AccessExclusiveLock;
}

QString title(HazardKind kind)
{
    for (const auto& n : kHazardNames)
        if (n.kind == kind)
            return QString::fromLatin1(n.title);
    return {};
}

} // namespace bellows::plan
