#pragma once

// Option parsing shared by every bellows-cli subcommand.

#include "cli/cli_output.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

namespace bellows::app {

QCommandLineOption dbOption();

// Parses a subcommand's options; prints errors in Bellows' own style. False when the command
// must stop (an error, or --help was printed).
bool parse(QCommandLineParser& parser, const QStringList& args, const cli::Output& output,
           qsizetype positionals = 0);

// A numeric option's value, or `fallback` when absent; false (with an error printed) when the
// value is not a number in [min, max].
bool numberOption(const QCommandLineParser& parser, const QString& name, double min, double max,
                  double* value, const cli::Output& output);

} // namespace bellows::app
