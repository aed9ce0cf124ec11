"""The light entry-point reader gives what importlib.metadata gives."""

from __future__ import annotations

import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from hipcoach import entry_points as reader
from hipcoach.entry_points import Distribution, EntryPoint


def by_importlib(group: str) -> set[tuple[str, str, str, str | None, str | None]]:
    found = set()
    for ep in metadata.entry_points(group=group):
        dist = ep.dist
        name = dist.metadata["Name"] if dist is not None else None
        found.add((ep.name, ep.value, ep.group, name, dist.version if dist else None))
    return found


def by_reader(group: str) -> set[tuple[str, str, str, str | None, str | None]]:
    return {
        (
            ep.name,
            ep.value,
            ep.group,
            *((ep.dist.name, ep.dist.version) if ep.dist else (None,) * 2),
        )
        for ep in reader.entry_points(group)
    }


def test_the_installed_layout_is_read_directly() -> None:
    assert reader._plain_layout()  # a venv with pip (editable hipcoach included)


def test_every_installed_group_matches_importlib_metadata() -> None:
    groups = metadata.entry_points().groups
    assert {"hipcoach.integrations", "console_scripts"} <= groups
    for group in sorted(groups):
        assert by_reader(group) == by_importlib(group), group


def test_hipcoachs_own_plugins_are_found() -> None:
    found = {ep.name: ep for ep in reader.entry_points("hipcoach.integrations")}
    assert {"garmin", "strava"} <= set(found)
    assert found["garmin"].dist is not None and found["garmin"].dist.name == "hipcoach"
    assert found["strava"].load().__name__ == "StravaIntegration"  # type: ignore[attr-defined]


def write_dist(site: Path, folder: str, name: str, entry_points: str) -> None:
    info = site / folder
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 2.0\nSummary: x\n\nName: not-a-header\n"
    )
    (info / "entry_points.txt").write_text(entry_points)


def test_the_first_distribution_of_a_name_on_the_path_wins(tmp_path, monkeypatch) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    spec = "[hipcoach.test-group]\n# a comment\nalpha = os.path:join\n"
    write_dist(first, "Demo_Plugin-2.0.dist-info", "Demo.Plugin", spec)
    write_dist(second, "demo_plugin-1.0.dist-info", "demo-plugin", spec.replace("join", "split"))
    write_dist(second, "other-1.0.egg-info", "other", "[hipcoach.test-group]\nbeta = os\nbroken\n")
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    assert by_reader("hipcoach.test-group") == {
        ("alpha", "os.path:join", "hipcoach.test-group", "Demo.Plugin", "2.0"),
        ("beta", "os", "hipcoach.test-group", "other", "2.0"),
    }
    # A line without "=" makes importlib.metadata fail; the reader skips it.
    (second / "other-1.0.egg-info" / "entry_points.txt").write_text(
        "[hipcoach.test-group]\nbeta = os\n"
    )
    assert by_reader("hipcoach.test-group") == by_importlib("hipcoach.test-group")


def test_a_zip_on_the_path_goes_through_importlib_metadata(tmp_path, monkeypatch) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\nVersion: 1.0\n")
        zipped.writestr("zipped-1.0.dist-info/entry_points.txt", "[hipcoach.test-group]\nz = os\n")
    monkeypatch.syspath_prepend(str(archive))
    assert not reader._plain_layout()
    assert by_reader("hipcoach.test-group") == {("z", "os", "hipcoach.test-group", "zipped", "1.0")}


def test_a_finder_with_distributions_of_its_own_goes_through_importlib_metadata(
    monkeypatch,
) -> None:
    class Finder:
        @staticmethod
        def find_spec(*args: object) -> None:
            return None

        @staticmethod
        def find_distributions(*args: object) -> list[object]:
            return []

    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder])
    assert not reader._plain_layout()
    assert by_reader("hipcoach.integrations") == by_importlib("hipcoach.integrations")


@pytest.mark.parametrize(
    ("value", "loaded"),
    [("os.path", "os.path"), ("os.path:join", "join"), ("os:path.join", "join")],
)
def test_load_follows_the_entry_point_syntax(value: str, loaded: str) -> None:
    obj = EntryPoint("x", value + " [extra]", "g", Distribution("d", "1")).load()
    assert obj.__name__ in (loaded, "posixpath")  # type: ignore[attr-defined]


def test_a_malformed_reference_cannot_load() -> None:
    with pytest.raises(ValueError, match="not an entry point reference"):
        EntryPoint("x", "not valid!", "g").load()
