"""``hipcoach report``: the plan as one self-contained HTML page.

Three layers: :mod:`.view` maps the domain objects (the schedule plan, the programme, runs,
check-ins, adherence weeks) to plain dataclasses; :mod:`.render` turns those into HTML, with
:mod:`.charts` (inline SVG charts) and :mod:`.pictures` (the exercise drawings shipped as
package data); :mod:`.output` assembles the page and writes it.

Import from the submodules: importing the package loads none of them. May import: the
shared modules, :mod:`hipcoach.programme`, :mod:`hipcoach.schedule` and
:mod:`hipcoach.adherence`; never ``sync``, ``exports`` or ``cli``.
"""
