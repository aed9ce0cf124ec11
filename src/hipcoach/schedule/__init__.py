"""Placing sessions on dates: the run history, the hard rules and the scheduler.

:mod:`.activities` (Strava-shaped activity objects → runs), :mod:`.history` (long runs,
races, weekly distance, the long-run day ahead), :mod:`.races` (races on the runner's
calendars, kept in the state), :mod:`.running_plan` (the runner's planned runs, classified,
kept in the state), :mod:`.stored` (how both are kept), :mod:`.scheduler` (the pure
placement), :mod:`.rules` (an independent check of the hard rules), :mod:`.planner` (the one
assembly of state, programme and scheduler that every command plans with).

May import: the shared modules, :mod:`hipcoach.programme`, :mod:`hipcoach.plugins`
(the contract's values and race calendars), :mod:`hipcoach.adherence`
(catch-ups) and :mod:`hipcoach.state`; never ``sync``, ``exports``, ``report`` or ``cli``.
"""
