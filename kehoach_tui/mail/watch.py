"""Connectivity watch: what the last cheap probes of the mail server said, and when the
connection *came back* (the moment to send the queue). No Textual, no I/O here: the TUI
runs the probe (send.reachable) in a worker and feeds the result to `observe`."""

from __future__ import annotations

from dataclasses import dataclass

CAME_BACK = "came_back"
LOST = "lost"
SAME = "same"


@dataclass
class Watch:
    online: bool | None = None  # None: not probed yet
    reason: str = ""
    checked_at: str = ""
    since: str = ""  # when the current state began

    def observe(self, ok: bool, reason: str, at: str) -> str:
        """Record one probe; CAME_BACK when the server became reachable (also on the very
        first probe: the program may start just as the line returns), LOST when it went."""
        before = self.online
        self.online, self.reason, self.checked_at = ok, ("" if ok else reason), at
        if before is ok:
            return SAME
        self.since = at
        if ok:
            return CAME_BACK
        return LOST if before else SAME
