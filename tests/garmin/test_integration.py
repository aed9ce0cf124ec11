"""The plugin object: discovery, when a target exists, where tokens live, a light import."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from hipcoach.config import Config, GarminConfig
from hipcoach.plugins.registry import discover
from hipcoach_garmin import GarminIntegration
from hipcoach_garmin.exporters import FitExporter, GarminJsonExporter
from hipcoach_garmin.target import GarminTarget
from hipcoach_garmin.tokens import token_file
from tests.garmin.conftest import API, TOKENS

HEAVY = ("garminconnect", "garmin_fit_sdk", "requests", "curl_cffi")


def test_registered_as_a_builtin_entry_point() -> None:
    registry = discover()
    assert isinstance(registry.get("garmin"), GarminIntegration)
    assert registry.plugins["garmin"].builtin


def test_capabilities_and_exporters() -> None:
    garmin = GarminIntegration()
    assert garmin.capabilities() == [
        "source",
        "target",
        "completions",
        "races",
        "plan",
        "auth",
        "export:garmin-json",
        "export:fit",
    ]
    assert tuple(garmin.exporters()) == (GarminJsonExporter, FitExporter)
    assert garmin.auth_command().name == "garmin"


def test_no_target_without_a_token_file(context) -> None:
    assert GarminIntegration().workout_target(context()) is None


def test_a_saved_token_file_makes_a_target(context, token_file: Path) -> None:
    target = GarminIntegration().workout_target(context())
    assert isinstance(target, GarminTarget)
    assert target.token_file == token_file


def test_the_token_store_is_env_then_config_then_home(context, home: Path, tmp_path: Path) -> None:
    assert token_file(context()) == home / "tokens" / "garmin" / "garmin_tokens.json"
    configured = Config(garmin=GarminConfig(tokenstore=tmp_path / "conf"))
    assert token_file(context(config=configured)) == tmp_path / "conf" / "garmin_tokens.json"
    env = {"GARMINTOKENS": str(tmp_path / "env")}
    assert token_file(context(env, configured)) == tmp_path / "env" / "garmin_tokens.json"
    named = {"GARMINTOKENS": str(tmp_path / "mine.json")}
    assert token_file(context(named)) == tmp_path / "mine.json"


def test_garmintokens_store_makes_a_target(context, tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    (store / "garmin_tokens.json").write_text(json.dumps(TOKENS), encoding="utf-8")
    target = GarminIntegration().workout_target(context({"GARMINTOKENS": str(store)}))
    assert isinstance(target, GarminTarget)


def test_a_target_and_one_month_cost_one_request(context, token_file: Path, api) -> None:
    api.get(f"{API}/calendar-service/year/2026/month/10", json={"calendarItems": []})
    target = GarminIntegration().workout_target(context())
    assert target is not None
    assert target.list_scheduled(date(2026, 11, 1), date(2026, 11, 30)) == []
    assert len(api.calls) == 1


def test_using_the_plugin_object_imports_nothing_heavy() -> None:
    code = (
        "import json, sys\n"
        "from hipcoach_garmin import GarminIntegration\n"
        "g = GarminIntegration()\n"
        "g.capabilities(); g.auth_command(); g.exporters()\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(result.stdout) == []
