#!/usr/bin/env bash
# Regenerate the README's pictures of the demo report with headless Chromium:
# docs/report.png (1000 px wide), docs/report-phone.png (390 px), docs/report-dark.png (dark
# mode), and docs/report-screenshots.sha256, the hash of the report package they show.
# Usage: tools/screenshot_report.sh   (run from the repository root, venv installed)
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/hipcoach demo --out "$work/demo" >/dev/null
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
.venv/bin/python -c 'from tests.test_screenshots import report_hash; print(report_hash())' \
    > docs/report-screenshots.sha256
