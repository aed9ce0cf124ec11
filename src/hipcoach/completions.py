"""Deprecated: import ``CompletedActivity`` and ``DoneSet`` from :mod:`hipcoach.plugins`
(kept for one release)."""

import warnings

from hipcoach.adherence.completions import CompletedActivity, DoneSet

__all__ = ["CompletedActivity", "DoneSet"]

warnings.warn(
    "hipcoach.completions is deprecated: import CompletedActivity and DoneSet from "
    "hipcoach.plugins instead",
    DeprecationWarning,
    stacklevel=2,
)
