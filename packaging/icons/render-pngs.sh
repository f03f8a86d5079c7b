#!/usr/bin/env bash
# Renders the application icon's PNG sizes from the SVG (run after editing the SVG; the PNGs are
# committed so building the .deb needs no SVG renderer). Needs rsvg-convert (librsvg2-bin).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
svg="$here/io.github.bellows.Bellows.svg"
for size in 16 32 48 64 128 256; do
    mkdir -p "$here/hicolor/${size}x${size}"
    rsvg-convert -w "$size" -h "$size" "$svg" -o "$here/hicolor/${size}x${size}/io.github.bellows.Bellows.png"
done
echo "Rendered $(ls "$here"/hicolor | wc -l) sizes into $here/hicolor."
