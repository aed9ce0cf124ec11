"""One stable short hash for "has this changed?" questions (a session's content, an
activity's summary): the same JSON-able value always gives the same 16 hex digits."""

from __future__ import annotations

import hashlib
import json


def stable_hash(value: object) -> str:
    """A short hash of ``value``'s canonical JSON (keys sorted, no spaces)."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
