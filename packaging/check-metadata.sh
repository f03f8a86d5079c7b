#!/usr/bin/env bash
# Checks the packaging metadata in the source tree (CTest: packaging_metadata, label unit):
# the .desktop file, the AppStream metainfo and the bellows-cli man page. The tools come from
# packaging/install-deps.sh (desktop-file-utils, appstream; groff-base and man-db are in every
# Debian install). Fails on any warning, and when a tool is missing.
set -uo pipefail
dir="${1:-$(cd "$(dirname "$0")" && pwd)}"
id=io.github.bellows.Bellows
status=0

need() {
    command -v "$1" >/dev/null || { echo "FAIL: $1 is not installed (packaging/install-deps.sh)"; status=1; return 1; }
}

if need desktop-file-validate; then
    out="$(desktop-file-validate "$dir/$id.desktop" 2>&1)"
    if [ $? -ne 0 ] || [ -n "$out" ]; then
        echo "FAIL: desktop-file-validate $id.desktop"; echo "$out"; status=1
    else
        echo "ok: $id.desktop"
    fi
fi

if need appstreamcli; then
    # --no-net: CI has no network; --strict: infos and warnings fail too (pedantic hints not).
    if ! out="$(appstreamcli validate --no-net --strict "$dir/$id.metainfo.xml" 2>&1)"; then
        echo "FAIL: appstreamcli validate --strict $id.metainfo.xml"; echo "$out"; status=1
    else
        echo "ok: $id.metainfo.xml"
    fi
fi

if need groff; then
    # -ww: all warnings; -z: no output, only the diagnostics.
    out="$(groff -man -ww -z "$dir/bellows-cli.1" 2>&1)"
    if [ -n "$out" ]; then
        echo "FAIL: groff -man -ww on bellows-cli.1"; echo "$out"; status=1
    else
        echo "ok: bellows-cli.1 (groff)"
    fi
fi

if command -v man >/dev/null; then
    out="$(MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$dir/bellows-cli.1" 2>&1 >/dev/null)"
    if [ -n "$out" ]; then
        echo "FAIL: man --warnings on bellows-cli.1"; echo "$out"; status=1
    else
        echo "ok: bellows-cli.1 (man)"
    fi
fi

exit $status
