"""Errors that carry a one-line reason fit to show a person (no heavy imports here)."""


class KehoachError(Exception):
    """Base: str(exc) is the one-line reason shown to the user."""


class StoreError(KehoachError):
    """The database cannot do what was asked (read-only, full, locked, newer schema…)."""


class PlanError(KehoachError, ValueError):
    """A plan file that cannot be used; the message names file, task and field."""
