"""``--help`` must stay light: what each command's help imports (time is measured by
``benchmarks/startup.py``, not here)."""

import json
import subprocess
import sys

from hipcoach.cli import COMMANDS

HEAVY = ("garminconnect", "stravalib", "garmin_fit_sdk", "curl_cffi", "requests", "rich")
# The domain model, config, state and what they pull in: never needed to print help.
MODEL = ("pydantic", "hipcoach.models", "hipcoach.config", "hipcoach.state", "sqlite3")
# `auth --help` lists each plugin's sub-command, so it finds the plugins with importlib.metadata
# and imports them (the contract, the plugins' packages and auth commands); still no model.
NEEDS_PLUGINS = {"auth"}
PLUGIN_DISCOVERY = (
    "importlib.metadata",
    "hipcoach.plugins.interfaces",
    "hipcoach_garmin",
    "hipcoach_intervals",
    "hipcoach_strava",
)

PROBE = """
import json, sys
from hipcoach.cli import cli
found = {}
for args in json.loads(sys.argv[1]):
    try:
        cli.main([*args, '--help'], prog_name='hipcoach')
    except SystemExit:
        pass
    found[' '.join(args) or '(root)'] = sorted(
        m for m in json.loads(sys.argv[2]) if m in sys.modules
    )
print(json.dumps(found), file=sys.stderr)
"""


def imported_by_help(commands: list[list[str]]) -> dict[str, list[str]]:
    """Run each ``--help`` in turn in one fresh interpreter; what was loaded after each."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            PROBE,
            json.dumps(commands),
            json.dumps([*HEAVY, *MODEL, *PLUGIN_DISCOVERY]),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert "Usage:" in result.stdout
    found: dict[str, list[str]] = json.loads(result.stderr.strip().splitlines()[-1])
    return found


def test_help_imports_no_heavy_library_nor_the_domain_model():
    light = [[]] + [[name] for name in sorted(COMMANDS) if name not in NEEDS_PLUGINS]
    found = imported_by_help(light)
    assert found == {" ".join(c) or "(root)": [] for c in light}


def test_auth_help_loads_the_plugins_but_no_library_nor_the_domain_model():
    found = imported_by_help([[name] for name in sorted(NEEDS_PLUGINS)])
    # The plugins are imported (their sign-in commands are listed) ...
    assert found == {
        "auth": [
            "hipcoach.plugins.interfaces",
            "hipcoach_garmin",
            "hipcoach_intervals",
            "hipcoach_strava",
            "importlib.metadata",
        ]
    }
    # ... and nothing else of the probe's list: no pydantic, no model, no service library.
    assert "pydantic" not in found["auth"]
