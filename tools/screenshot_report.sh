#!/usr/bin/env bash
# Regenerate docs/report.png, the README's picture of the demo report, with headless Chromium.
# Usage: tools/screenshot_report.sh [HEIGHT]   (run from the repository root, venv installed)
set -euo pipefail
height=${1:-1900}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/hipcoach demo --out "$work/demo" >/dev/null
mkdir -p docs
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars --window-size="1000,$height" \
    --screenshot="$PWD/docs/report.png" "file://$work/demo/report.html" 2>/dev/null
echo "wrote docs/report.png (1000 x $height)"
