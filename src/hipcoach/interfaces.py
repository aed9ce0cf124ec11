"""Deprecated: import the plugin contract from :mod:`hipcoach.plugins` (kept for one release)."""

import warnings

from hipcoach.plugins import *  # noqa: F403
from hipcoach.plugins import __all__ as __all__

warnings.warn(
    "hipcoach.interfaces is deprecated: import from hipcoach.plugins instead",
    DeprecationWarning,
    stacklevel=2,
)
