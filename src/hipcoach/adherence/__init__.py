"""What the runner did: completed activities, session statuses, catch-ups and check-ins.

:mod:`.completions` (completed strength activities as sources report them),
:mod:`.statuses` (each session's status and weekly adherence: pure), :mod:`.catchups`
(a missed session re-placed once later in its week: pure),
:mod:`.checkins` (what the runner records by hand, checked before it is written).

May import: the shared modules, :mod:`hipcoach.programme` and :mod:`hipcoach.state`.
"""
