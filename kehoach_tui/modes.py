"""The app's modes in the order of their number keys (1–6) and the mode bar."""

from __future__ import annotations

MODES = ("overview", "tasks", "checklist", "incidents", "reports", "sync")
