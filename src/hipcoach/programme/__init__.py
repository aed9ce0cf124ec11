"""The programme: pure functions from settings, pain check-ins and adherence to weeks.

:mod:`.catalog` (the exercises), :mod:`.ladders` (each exercise's rungs), :mod:`.levels`
(what a level holds), :mod:`.dose` (sets, reps, minutes and the cap), :mod:`.progression`
(the pain and adherence gates), :mod:`.generator` (weeks of sessions), :mod:`.vocabulary`
(the level and equipment names, free of pydantic for the command line).

May import: the shared modules (``hipcoach.models``, ``errors``, ``timeutil``, ...). No I/O.
"""
