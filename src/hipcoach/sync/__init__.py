"""The nightly sync: pull runs, re-plan, reconcile the workout target. Target-agnostic."""
