"""Bundled data: the demo's sample runner (:mod:`.sample`, ``sample-activities.json``)."""
