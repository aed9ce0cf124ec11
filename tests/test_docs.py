"""The README's ladder table and tip list are the catalog's and the education library's.

Regenerate them after changing a ladder or a tip: ``python -m tests.test_docs`` prints both,
to paste between the ``ladders`` and ``tips`` markers of README.md.
"""

from __future__ import annotations

import re

from hipcoach.models import Variant
from hipcoach.programme import catalog
from hipcoach.programme.education import TIPS
from hipcoach.programme.levels import ADDED, LEVEL_EXTRAS
from tests.conftest import REPO

MARKERS = {
    "ladders": ("<!-- ladders:start -->", "<!-- ladders:end -->"),
    "tips": ("<!-- tips:start -->", "<!-- tips:end -->"),
}
SHOWN = (*catalog.ARTICLE_KEYS, *ADDED, *LEVEL_EXTRAS["strong"])
FOCUS = {
    "hip_abduction": "abduction",
    "hip_external_rotation": "external rotation",
    "hip_extension": "extension",
    "knee": "knee",
    "trunk": "trunk",
}


def dose(variant: Variant) -> str:
    side = " per side" if variant.per_side else ""
    if variant.seconds is not None:
        return f"hold {variant.seconds} s{side}"
    return f"{variant.reps}{side}, {variant.tempo_s} s each"


def knee(variant: Variant) -> str:
    if variant.knee_flexion is None:
        return ""
    return f"{variant.knee_flexion}°{', one leg' if variant.single_leg else ''}"


def ladder_table() -> str:
    rows = [
        "| exercise (trains) | # | variant | dose per set | load | needs | knee bend | starts |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for exercise in catalog.select(SHOWN):
        trains = ", ".join(FOCUS[f] for f in exercise.focus)
        for index, variant in enumerate(exercise.ladder):
            needs = ", ".join(variant.equipment) or (
                "no load (*)" if variant.bodyweight_only else "-"
            )
            rows.append(
                "| "
                + " | ".join(
                    [
                        f"{exercise.name} ({trains})" if index == 0 else "",
                        str(index + 1),
                        variant.name,
                        dose(variant),
                        variant.load,
                        needs,
                        knee(variant),
                        ", ".join(variant.starts),
                    ]
                )
                + " |"
            )
    return "\n".join(rows)


def tip_list() -> str:
    return "\n".join(
        f"{i}. **{tip.title}**: {tip.text} *Source: {tip.source}.*"
        for i, tip in enumerate(TIPS, start=1)
    )


def between(text: str, name: str) -> str | None:
    start, end = MARKERS[name]
    found = re.search(re.escape(start) + r"\n(.*?)\n" + re.escape(end), text, re.DOTALL)
    return found.group(1) if found else None


def test_the_readme_ladder_table_is_the_catalog():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert between(readme, "ladders") == ladder_table(), "regenerate: python -m tests.test_docs"


def test_the_readme_lists_every_tip_with_its_source():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert between(readme, "tips") == tip_list(), "regenerate: python -m tests.test_docs"
    assert len(TIPS) >= 12 and len({t.key for t in TIPS}) == len(TIPS)


if __name__ == "__main__":
    print(ladder_table())
    print()
    print(tip_list())
