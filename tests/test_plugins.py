import json
import sys
import textwrap
from datetime import date
from importlib.metadata import EntryPoint, PathDistribution
from pathlib import Path

import pytest

from hipcoach.errors import InputDataError
from hipcoach.plugins.interfaces import Integration
from hipcoach.plugins.registry import build_registry, discover
from tests.conftest import REPO, load_json

CSV_PLUGIN_SRC = REPO / "examples" / "hipcoach-csv-runs" / "src"


class Good(Integration):
    name = "good"
    summary = "a good plugin"


class Impostor(Integration):
    name = "good"
    summary = "tries to take a built-in's name"


class Boom(Integration):
    name = "boom"

    def __init__(self):
        raise RuntimeError("cannot start")


class NotAPlugin:
    name = "nope"


@pytest.fixture(autouse=True)
def _dist_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "DIST_ROOT", tmp_path / "dists")


DIST_ROOT = Path()


def ep(name: str, target: str, dist: str, *, metadata: str | None = None) -> EntryPoint:
    """An entry point of a distribution ``dist`` 1.0, read by importlib.metadata itself
    from a ``.dist-info`` folder, as pip would leave it (``metadata``: its METADATA file,
    when it should be something else)."""
    info = DIST_ROOT / f"{dist}-{name}-{target}" / f"{dist.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(
        metadata or f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n"
    )
    (info / "entry_points.txt").write_text(
        f"[hipcoach.integrations]\n{name} = {__name__}:{target}\n"
    )
    (found,) = PathDistribution(info).entry_points.select(group="hipcoach.integrations")
    return found


def test_builtin_wins_a_name_clash_whatever_the_order():
    registry = build_registry(
        [ep("good", "Impostor", "evil-plugin"), ep("good", "Good", "hipcoach")]
    )
    assert registry.get("good").summary == "a good plugin"
    assert registry.plugins["good"].builtin
    assert any("evil-plugin" in p and "taken by built-in" in p for p in registry.problems)


def test_duplicate_third_party_names_are_rejected():
    registry = build_registry([ep("good", "Good", "a-plugin"), ep("good", "Impostor", "b-plugin")])
    assert registry.plugins["good"].distribution == "a-plugin"
    assert len(registry.problems) == 1


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (("boom", "Boom", "x"), "failed to start"),
        (("nope", "NotAPlugin", "x"), "not a hipcoach.plugins.Integration"),
        (("gone", "DoesNotExist", "x"), "cannot import"),
        (("good", "Good", "x"), None),
        (("other", "Good", "x"), "registered as 'other'"),
    ],
)
def test_broken_plugins_become_warnings(entry, expected):
    registry = build_registry([ep(*entry)])
    if expected is None:
        assert not registry.problems
    else:
        assert len(registry.problems) == 1 and expected in registry.problems[0]
        assert not registry.plugins


def test_broken_plugin_never_crashes_the_cli(cli, monkeypatch):
    monkeypatch.setattr(
        "hipcoach.plugins.registry.entry_points",
        lambda group: [ep("boom", "Boom", "bad-plugin"), ep("good", "Good", "fine-plugin")],
    )
    result = cli("plugins", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [p["name"] for p in data["plugins"]] == ["good"]
    assert "boom" in data["problems"][0]
    assert "warning: plugin 'boom'" in result.stderr


@pytest.fixture
def csv_plugin_installed(tmp_path, monkeypatch):
    """Install the example plugin's metadata on sys.path, as pip would, and its source."""
    site = tmp_path / "site"
    info = site / "hipcoach_csv_runs-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: hipcoach-csv-runs\nVersion: 0.1.0\n"
    )
    (info / "entry_points.txt").write_text(
        "[hipcoach.integrations]\ncsv = hipcoach_csv_runs:CsvRunsIntegration\n"
    )
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.syspath_prepend(str(CSV_PLUGIN_SRC))
    yield
    sys.modules.pop("hipcoach_csv_runs", None)


def test_example_csv_plugin_is_discovered_through_entry_points(csv_plugin_installed, cli):
    registry = discover()
    plugin = registry.plugins["csv"]
    assert plugin.distribution == "hipcoach-csv-runs" and not plugin.builtin
    assert plugin.integration.capabilities() == ["source"]
    data = load_json(cli("plugins", "--json"))
    assert "csv" in [p["name"] for p in data["plugins"]]


def test_example_csv_plugin_reads_runs(csv_plugin_installed, tmp_path):
    from hipcoach.config import Config
    from hipcoach.home import Home
    from hipcoach.plugins.values import PluginContext

    runs_csv = tmp_path / "runs.csv"
    runs_csv.write_text(
        textwrap.dedent(
            """\
            date,distance_km,duration,type
            2026-11-15,8.2,48:30,easy
            2026-11-22,21.1,1:58:00,long
            2026-11-19,10,55,
            """
        )
    )
    integration = discover().get("csv")
    context = PluginContext(
        home=Home(tmp_path), config=Config(), env={"HIPCOACH_CSV_RUNS": str(runs_csv)}, tz=None
    )
    source = integration.activity_source(context)
    runs = sorted(source.fetch_runs(date(2026, 11, 16)), key=lambda r: r.date)
    assert [(r.date.isoformat(), r.distance_m, r.moving_time_s, r.kind) for r in runs] == [
        ("2026-11-19", 10000.0, 3300, "easy"),
        ("2026-11-22", 21100.0, 7080, "long"),
    ]
    assert (
        integration.activity_source(
            PluginContext(home=Home(tmp_path), config=Config(), env={}, tz=None)
        )
        is None
    )

    runs_csv.write_text("date,distance_km,duration\n2026-11-15,-3,40\n")
    with pytest.raises(InputDataError, match="line 2: distance_km is negative"):
        list(source.fetch_runs(date(2026, 1, 1)))


@pytest.mark.parametrize(
    "bad",
    [
        {"date": "2026-12-06"},
        {"date": date(2026, 12, 6), "distance_m": -1},
        {"date": date(2026, 12, 6), "duration_s": True},
        {"date": date(2026, 12, 6), "distance_m": float("nan")},
        {"date": date(2026, 12, 6), "name": None},
    ],
)
def test_a_planned_run_of_the_wrong_shape_fails_where_it_is_made(bad):
    from hipcoach.plugins import PlannedRun

    with pytest.raises((TypeError, ValueError)):
        PlannedRun(**bad)


def test_a_running_plan_is_a_capability():
    from hipcoach.plugins import PlannedRun, RunningPlan

    class Plan(RunningPlan):
        def planned_runs(self, start, end):
            return [PlannedRun(date(2026, 12, 6), "Long run", distance_m=28_000, source="Runna")]

    class Planner(Integration):
        name = "planner"

        def running_plan(self, context):
            return Plan()

    assert "plan" in Planner().capabilities()
    assert "plan" not in Good().capabilities()


def test_example_csv_plugin_reads_a_file_saved_by_excel_and_ids_runs_by_content(
    csv_plugin_installed, tmp_path
):
    from hipcoach.config import Config
    from hipcoach.home import Home
    from hipcoach.plugins.values import PluginContext

    rows = ["2026-11-15,8.2,48:30,easy", "2026-11-22,21.1,1:58:00,long", "2026-11-19,5,30,"]
    runs_csv = tmp_path / "runs.csv"
    # Excel's "CSV UTF-8": a byte-order mark, CRLF line ends.
    runs_csv.write_bytes(
        "\r\n".join(["date,distance_km,duration,type", *rows, rows[2]]).encode("utf-8-sig")
    )
    assert runs_csv.read_bytes().startswith(b"\xef\xbb\xbf")
    context = PluginContext(
        home=Home(tmp_path), config=Config(), env={"HIPCOACH_CSV_RUNS": str(runs_csv)}, tz=None
    )
    source = discover().get("csv").activity_source(context)
    first = {r.id: (r.date, r.distance_m) for r in source.fetch_runs(date(2026, 1, 1))}
    assert sorted(first) == [
        "csv:2026-11-15:8200m:2910s",
        "csv:2026-11-19:5000m:1800s",
        "csv:2026-11-19:5000m:1800s#2",  # the same run twice that day: two runs
        "csv:2026-11-22:21100m:7080s",
    ]

    # Sorted newest first in the spreadsheet: every run keeps its id.
    runs_csv.write_bytes(
        "\r\n".join(["date,distance_km,duration,type", rows[2], rows[1], rows[2], rows[0]]).encode(
            "utf-8-sig"
        )
    )
    again = {r.id: (r.date, r.distance_m) for r in source.fetch_runs(date(2026, 1, 1))}
    assert again == first

    runs_csv.write_bytes(b"date,distance_km,duration\n2026-11-15,8,40,\xff\n")
    with pytest.raises(InputDataError, match="not UTF-8"):
        list(source.fetch_runs(date(2026, 1, 1)))


class ExitsOnImport(Integration):
    name = "exits"

    def __init__(self) -> None:
        raise SystemExit(3)


class BadSignIn(Integration):
    name = "badsignin"

    def auth_command(self):
        raise RuntimeError("no click here")


def test_a_distribution_with_damaged_metadata_is_a_warning_not_a_crash():
    damaged = ep("good", "Good", "weird", metadata="Metadata-Version: 2.1\n")
    registry = build_registry([ep("other", "Good", "hipcoach"), damaged])
    assert registry.plugins["good"].distribution == "unknown"
    assert any("'other'" in p for p in registry.problems)  # misnamed, and said so


def test_a_plugin_that_exits_while_starting_is_a_warning():
    registry = build_registry([ep("exits", "ExitsOnImport", "x")])
    assert not registry.plugins
    assert "SystemExit" in registry.problems[0]


def test_one_distribution_is_loaded_without_reading_its_metadata(monkeypatch):
    from hipcoach.plugins import registry as module

    info = DIST_ROOT / "solo" / "solo-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: solo\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        f"[hipcoach.integrations]\ngood = {__name__}:Good\nboom = {__name__}:Boom\n"
    )
    reads: list[str] = []
    real = module.origin_of
    monkeypatch.setattr(module, "origin_of", lambda e: reads.append(e.name) or real(e))
    registry = build_registry(PathDistribution(info).entry_points)
    assert reads == ["boom"]  # read only to name the one that failed to start
    assert registry.plugins["good"].distribution == "solo"  # read when asked (cached per dist)
    assert reads == ["boom"]


def test_a_plugins_broken_sign_in_is_a_warning(cli, monkeypatch):
    monkeypatch.setattr(
        "hipcoach.plugins.registry.entry_points",
        lambda group: [ep("badsignin", "BadSignIn", "x"), ep("good", "Good", "y")],
    )
    result = cli("auth", "--help")
    assert result.exit_code == 0
    assert "warning: plugin 'badsignin' has no usable sign-in" in result.stderr


def test_a_broken_plugins_details_show_at_vv(cli, monkeypatch):
    monkeypatch.setattr(
        "hipcoach.plugins.registry.entry_points",
        lambda group: [ep("boom", "Boom", "bad-plugin")],
    )
    quiet = cli("plugins")
    assert "Traceback" not in quiet.stderr and "warning: plugin 'boom'" in quiet.stderr
    loud = cli("-vv", "plugins")
    assert "Traceback" in loud.stderr and "cannot start" in loud.stderr


def test_the_contract_names_load_no_pydantic_and_each_resolves():
    import hipcoach.plugins as contract

    assert set(contract.__all__) == set(contract._HOMES)
    for name in contract.__all__:
        assert getattr(contract, name).__name__ == name
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(CSV_PLUGIN_SRC)!r})\n"
        "import hipcoach_csv_runs\n"
        "from hipcoach.plugins import Integration, ActivitySource, WorkoutTarget\n"
        "print('pydantic' in sys.modules)\n"
    )
    import subprocess

    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"  # a plugin on the `auth --help` path stays light
