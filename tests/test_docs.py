"""The README's ladder table is the catalog's, rung for rung.

Regenerate it after changing a ladder: ``python -m tests.test_docs`` prints the table to paste
between the ``ladders`` markers of README.md.
"""

from __future__ import annotations

import re

from hipcoach.models import Variant
from hipcoach.programme import catalog
from hipcoach.programme.levels import LEVEL_EXTRAS
from tests.conftest import REPO

START, END = "<!-- ladders:start -->", "<!-- ladders:end -->"
SHOWN = (*catalog.ARTICLE_KEYS, *LEVEL_EXTRAS["strong"])


def dose(variant: Variant) -> str:
    side = " per side" if variant.per_side else ""
    if variant.seconds is not None:
        return f"hold {variant.seconds} s{side}"
    return f"{variant.reps}{side} (~{variant.rep_seconds} s each)"


def ladder_table() -> str:
    rows = [
        "| exercise | # | variant | dose per set | load | needs | level starts here |",
        "|---|---|---|---|---|---|---|",
    ]
    for exercise in catalog.select(SHOWN):
        for index, variant in enumerate(exercise.ladder):
            rows.append(
                "| "
                + " | ".join(
                    [
                        exercise.name if index == 0 else "",
                        str(index + 1),
                        variant.name,
                        dose(variant),
                        variant.load,
                        ", ".join(variant.equipment) or "-",
                        ", ".join(variant.starts),
                    ]
                )
                + " |"
            )
    return "\n".join(rows)


def test_the_readme_ladder_table_is_the_catalog():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(re.escape(START) + r"\n(.*?)\n" + re.escape(END), readme, re.DOTALL)
    assert found, "README.md lacks the ladders markers"
    assert found.group(1) == ladder_table(), "regenerate: python -m tests.test_docs"


if __name__ == "__main__":
    print(ladder_table())
