"""Bundled data: the demo's sample runner (:mod:`.sample`, ``sample-activities.json``).

May import: the shared modules and :mod:`hipcoach.schedule`.
"""
