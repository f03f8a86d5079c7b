#!/usr/bin/env bash
# Installs the Bellows .deb into a clean Debian 12 (bookworm) root and runs it there: the proof
# that the package's dependencies are complete.
#
#   sudo packaging/test-deb-in-chroot.sh [BUILD_DIR]
#
# 1. builds the .deb with CPack in BUILD_DIR (default build/deb; configured when new),
# 2. makes a fresh root in /var/tmp/bellows-chroot from a cached `debootstrap --variant=minbase
#    bookworm` tree (the first run makes the cache from the mirror this machine's apt uses),
# 3. `apt-get install ./bellows_*.deb` inside it, with Recommends (so postgresql comes too),
# 4. runs `bellows-cli --version`, checks the installed files, and runs the GUI offscreen on the
#    built-in demo: `bellows --demo --screenshot` (its private PostgreSQL runs as the postgres
#    system user, since everything in the root runs as root),
# 5. copies the screenshot to packaging/chroot-test/demo.png (log: test-deb-in-chroot.log).
#
# Environment: BELLOWS_DEBIAN_MIRROR (default: from /etc/apt/sources.list(.d)),
# BELLOWS_CHROOT (/var/tmp/bellows-chroot), BELLOWS_CHROOT_CACHE (/var/tmp/bellows-chroot-cache;
# holds the debootstrap tree and downloaded .debs, so a rerun downloads nothing).
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
    exec sudo -- "$0" "$@"
fi

repo="$(cd "$(dirname "$0")/.." && pwd)"
build="$(realpath -m "${1:-$repo/build/deb}")"
root="${BELLOWS_CHROOT:-/var/tmp/bellows-chroot}"
cache="${BELLOWS_CHROOT_CACHE:-/var/tmp/bellows-chroot-cache}"
out="$repo/packaging/chroot-test"
mkdir -p "$out"
exec > >(tee "$out/test-deb-in-chroot.log") 2>&1

step() { printf '\n=== %s\n' "$*"; }

# --- 1. the .deb -----------------------------------------------------------------------------
step "Building the .deb in $build"
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DBELLOWS_BUILD_TESTS=OFF
fi
cmake --build "$build"
rm -f "$build"/bellows_*.deb
(cd "$build" && cpack -G DEB)
deb="$(ls "$build"/bellows_*_amd64.deb)"
dpkg-deb --field "$deb"

# --- 2. a clean Debian 12 root ---------------------------------------------------------------
# The mirror this machine's apt uses for bookworm (deb822 .sources or one-line .list files).
mirror="${BELLOWS_DEBIAN_MIRROR:-}"
security=""
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    while read -r uri; do
        case "$uri" in
            *debian-security*) [ -n "$security" ] || security="$uri" ;;
            */debian | */debian/) [ -n "$mirror" ] || mirror="${uri%/}" ;;
        esac
    done < <(sed -nE 's/^URIs:[[:space:]]*//p; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+).*/\2/p' "$f" |
             tr ' ' '\n' | grep -E '^https?://')
done
mirror="${mirror:-http://deb.debian.org/debian}"
echo "Debian mirror: $mirror${security:+, security: $security}"

base="$cache/base"
if [ ! -d "$base" ]; then
    step "debootstrap --variant=minbase bookworm (cached in $base for later runs)"
    rm -rf "$base.tmp"
    mkdir -p "$cache"
    debootstrap --variant=minbase bookworm "$base.tmp" "$mirror"
    mv "$base.tmp" "$base"
fi

mounts=()
cleanup() {
    local i p
    # Servers the run left behind inside the root (the demo's, a shadow server): only processes
    # whose root directory is this root, by pid.
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill "${p#/proc/}" 2>/dev/null || true
    done
    sleep 1
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
        umount "${mounts[$i]}" 2>/dev/null || umount -l "${mounts[$i]}" || true
    done
}
trap cleanup EXIT

step "Fresh root in $root"
if findmnt -rn -o TARGET | grep -q "^$root/"; then
    echo "Something is still mounted under $root: unmount it first." >&2
    exit 1
fi
rm -rf "$root"
cp -a "$base" "$root"

mount_in() { # mount_in SOURCE TARGET [mount options...]
    mkdir -p "$root$2"
    mount "${@:3}" "$1" "$root$2"
    mounts+=("$root$2")
}
mount_in proc /proc -t proc
mount_in sysfs /sys -t sysfs
mount_in /dev /dev --bind
mount_in /dev/pts /dev/pts --bind
mkdir -p "$cache/apt-archives/partial"
mount_in "$cache/apt-archives" /var/cache/apt/archives --bind

cp /etc/resolv.conf "$root/etc/resolv.conf"
{
    echo "deb $mirror bookworm main"
    echo "deb $mirror bookworm-updates main"
    [ -z "$security" ] || echo "deb ${security%/} bookworm-security main"
} > "$root/etc/apt/sources.list"
# No daemons from package scripts (postgresql's own cluster): Bellows starts its own servers.
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"
# Keep the downloaded .debs in the cache for the next run.
echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > "$root/etc/apt/apt.conf.d/99keep-debs"
cp "$deb" "$root/tmp/"

in_root() { chroot "$root" env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

# --- 3. install --------------------------------------------------------------------------------
step "apt-get install ./$(basename "$deb") (with Recommends)"
in_root apt-get update -q
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    -o APT::Install-Recommends=true "/tmp/$(basename "$deb")"
in_root dpkg-query -W -f='${Package} ${Version}\n' bellows postgresql postgresql-client \
    libqt6widgets6 libqscintilla2-qt6-15 libpq5 libpg-query1504.0 qt6-qpa-plugins

# --- 4. run --------------------------------------------------------------------------------
step "Installed files"
in_root dpkg -L bellows | grep -E 'bin/|applications/|metainfo/|apps/|man1/|doc/bellows/copyright'
for f in /usr/share/applications/io.github.bellows.Bellows.desktop \
         /usr/share/metainfo/io.github.bellows.Bellows.metainfo.xml \
         /usr/share/icons/hicolor/256x256/apps/io.github.bellows.Bellows.png \
         /usr/share/man/man1/bellows-cli.1.gz /usr/share/doc/bellows/copyright; do
    [ -s "$root$f" ] || { echo "MISSING: $f" >&2; exit 1; }
done

step "bellows-cli --version"
in_root bellows-cli --version
step "bellows --version"
in_root env QT_QPA_PLATFORM=offscreen bellows --version

step "bellows --demo, offscreen, as root (the demo server runs as the postgres user)"
rm -f "$root/tmp/demo.png"
in_root env QT_QPA_PLATFORM=offscreen timeout 900 \
    bellows --demo --screenshot /tmp/demo.png
cp "$root/tmp/demo.png" "$out/demo.png"
echo "Screenshot: $out/demo.png ($(stat -c %s "$out/demo.png") bytes)"
in_root bellows-cli demo --stop || true
in_root bellows-cli shadow stop || true

step "PASS: $(basename "$deb") installs and runs in a clean Debian 12"
