"""Every picture, one module per family of body positions."""

from __future__ import annotations

from drawings.catalogue import floor_work, knee, lying, rotation, standing
from drawings.svg import Picture


def pictures() -> list[Picture]:
    """Every picture the report ships."""
    return [
        *lying.pictures(),
        *floor_work.pictures(),
        *standing.pictures(),
        *knee.pictures(),
        *rotation.pictures(),
    ]
