"""The local state: one SQLite database (``state.db``) with versioned migrations.

:mod:`.db` (opening, migrating, runs, check-ins, meta), :mod:`.migrations` (never edited
once shipped), :mod:`.remote` (the remote objects hipcoach owns and its sync runs),
:mod:`.sessions` (the sessions handed over, completed activities, marks).

May import: the shared modules and :mod:`hipcoach.adherence` (its pure types).
"""

from hipcoach.state.db import StateDB, open_state

__all__ = ["StateDB", "open_state"]
