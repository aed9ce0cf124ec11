"""The nightly sync: pull, re-plan, reconcile the workout targets. Target-agnostic.

:mod:`.pull` (runs and completed sessions into the state, a page at a time),
:mod:`.listing` (one read of a service's activity list for every consumer),
:mod:`.reconcile` (what to create, update, move or delete: pure), :mod:`.engine` (applying
it through a workout target), :mod:`.job` (the night in steps), :mod:`.transaction` (one
sync run: lock, plugins, state), :mod:`.lock`, :mod:`.status` (what ``status`` tells),
:mod:`.cron` (the nightly job as a crontab line and systemd units).

May import every core package but ``exports``, ``report`` and ``cli``; never an integration.
"""
