#!/usr/bin/env bash
# Every C++ source of Bellows follows .clang-format (conventions.md). Prints each file that does
# not, with the command that fixes it; exits 1 if there is one. Run by CTest (label unit).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v clang-format >/dev/null; then
    echo "clang-format is not installed (packaging/install-deps.sh installs it)" >&2
    exit 1
fi
report=$(find app core ui tests -type f \( -name '*.cpp' -o -name '*.h' \) -print0 | sort -z |
             xargs -0 clang-format --dry-run -Werror 2>&1 >/dev/null || true)
files=$(grep -oE '^[^:]+\.(cpp|h):[0-9]+:[0-9]+: error' <<<"$report" | cut -d: -f1 | sort -u || true)
[ -z "$files" ] || { sed 's/.*/not formatted: & (fix: clang-format -i &)/' <<<"$files"; exit 1; }
[ -z "$report" ] || { echo "$report" >&2; exit 1; }
