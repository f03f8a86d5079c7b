#pragma once

// Exports a plan (PLAN.json) for the tools a team already deploys with: a Prisma migrations
// folder, Flyway versioned scripts, plain SQL per phase, and review reports (Markdown for pull
// requests, a self-contained HTML page with the timeline drawn in SVG). docs/export.md
// describes each layout and how to run it. `export` is a keyword, hence `exporting`.

#include "common/result.h"
#include "plan/plan.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace bellows::exporting {

enum class ExportFormat { Prisma, Flyway, Sql, Markdown, Html };

QString toString(ExportFormat format); // "prisma", "flyway", "sql", "markdown", "html"
std::optional<ExportFormat> exportFormatFromString(const QString& text);
// Prisma, Flyway and SQL write a folder; Markdown and HTML one file.
bool writesFolder(ExportFormat format);

struct ExportOptions {
    // Slug in file and folder names; empty: "bellows_" and the plan id's first 8 characters.
    QString name;
    // Prisma: the first migration's timestamp (the next ones follow a second apart, so they sort
    // in plan order). Invalid: the plan's createdAt, else the current time (UTC).
    QDateTime startTime;
    // Flyway: the version of the first script, to continue an existing history.
    int firstVersion = 1;
    // Write into an existing non-empty folder, or over an existing file.
    bool overwrite = false;
    // Migration formats refuse plans with blocking findings unless this is set.
    bool allowBlocking = false;
};

// One file of an export: a path relative to the output (always '/'), and its text.
struct ExportedFile {
    QString path;
    QString content;
    bool executable = false;
};

// The files of an export, in a stable order; nothing is written.
Result<std::vector<ExportedFile>> renderExport(const plan::Plan& plan, ExportFormat format,
                                               const ExportOptions& options = {});

// Writes the export under `outputPath` (a folder for the folder formats, else a file) and
// returns the absolute paths written, in order. Refuses to overwrite unless options.overwrite.
Result<QStringList> exportPlan(const plan::Plan& plan, ExportFormat format,
                               const QString& outputPath, const ExportOptions& options = {});

} // namespace bellows::exporting
