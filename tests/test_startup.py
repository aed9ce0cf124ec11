"""``hipcoach --help`` must stay light: no HTTP or FIT libraries on the start-up path."""

import json
import subprocess
import sys

HEAVY = ("garminconnect", "stravalib", "garmin_fit_sdk", "curl_cffi", "requests", "rich")


def test_help_imports_no_heavy_library():
    code = (
        "import json, sys\n"
        "from hipcoach.cli import cli\n"
        "try:\n"
        "    cli.main(['--help'], prog_name='hipcoach')\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert "Commands:" in result.stdout
    assert json.loads(result.stderr.strip().splitlines()[-1]) == []
