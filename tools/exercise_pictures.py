"""Write the report's exercise drawings into the package data (``hipcoach/report/pictures``).

The drawings are generated, not hand-edited (see the ``drawings`` package beside this file),
so every picture shares one figure, one set of proportions and one line style. Regenerate
after changing a pose::

    python tools/exercise_pictures.py

``tests/report/test_pictures.py`` fails when the committed SVGs differ from this output, and
checks each picture's geometry (what the pose means) from the shipped files.
"""

from __future__ import annotations

import sys
from pathlib import Path

from drawings.catalogue import pictures
from drawings.svg import render

OUT = Path(__file__).resolve().parent.parent / "src" / "hipcoach" / "report" / "pictures"


def write_all(out: Path = OUT) -> list[Path]:
    """Write every picture as ``<key>.svg`` into ``out`` (and nothing else is left there)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.svg"):
        old.unlink()
    written = []
    for picture in pictures():
        path = out / f"{picture.key}.svg"
        path.write_text(render(picture), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    paths = write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"wrote {len(paths)} pictures")
