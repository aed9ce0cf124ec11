"""The local state: one SQLite database (``state.db``) with versioned migrations."""

from hipcoach.state.db import StateDB, open_state

__all__ = ["StateDB", "open_state"]
