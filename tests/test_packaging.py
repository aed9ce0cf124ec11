"""``pip install .`` ships every package: the explicit list in pyproject.toml is complete."""

import tomllib

from tests.conftest import REPO


def test_every_package_directory_is_listed_in_pyproject():
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    roots = {name: REPO / path for name, path in config["package-dir"].items() if name}
    roots["hipcoach"] = REPO / "src" / "hipcoach"
    found = set()
    for name, root in roots.items():
        for init in root.rglob("__init__.py"):
            relative = init.parent.relative_to(root).parts
            found.add(".".join((name, *relative)))
    assert found == listed


def test_the_example_activities_are_the_demo_sample():
    example = REPO / "examples" / "strava-activities.json"
    bundled = REPO / "src" / "hipcoach" / "data" / "sample-activities.json"
    assert example.read_bytes() == bundled.read_bytes()
