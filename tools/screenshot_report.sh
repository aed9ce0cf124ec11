#!/usr/bin/env bash
# Regenerate the README's pictures of the demo report with headless Chromium:
# docs/report.png (1000 px wide), docs/report-phone.png (390 px), docs/report-dark.png (dark
# mode), and docs/report-screenshots.sha256, the hash of the report they show: the demo's, as
# on a fixed day (tools/demo_report.py), so a change anywhere in what it shows makes the test
# in tests/test_screenshots.py ask for new pictures.
# Usage: tools/screenshot_report.sh   (run from the repository root, venv installed)
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/python tools/demo_report.py "$work/demo"
mkdir -p docs
shoot() { # $1: output, $2: width, $3: height, then extra flags
    out=$1 width=$2 height=$3
    shift 3
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/profile-$width-$#" --hide-scrollbars --window-size="$width,$height" \
        "$@" --screenshot="$PWD/docs/$out" "file://$work/demo/report.html" 2>/dev/null
    echo "wrote docs/$out ($width x $height)"
}
shoot report.png 1000 2200
shoot report-phone.png 390 2400
shoot report-dark.png 1000 2200 --force-dark-mode --blink-settings=preferredColorScheme=0
.venv/bin/python tools/demo_report.py --hash > docs/report-screenshots.sha256
