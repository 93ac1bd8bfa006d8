"""Pilot steps shared by the TUI tests: let workers finish, visit every mode."""

from __future__ import annotations

import contextlib

from textual.worker import WorkerCancelled, WorkerFailed

from kehoach_tui.modes import MODES


async def settle(pilot) -> None:
    """Until the workers started by the last steps (and those they started) are done; a
    worker replaced by a newer one of its group (exclusive) is cancelled, not awaited."""
    for _ in range(3):
        for worker in list(pilot.app.workers):
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()
        await pilot.pause()


async def visit_every_mode(pilot, *, back_to: str | None = None) -> None:
    """Show each mode once (so each has composed and loaded what it needs), then `back_to`.
    Switched through the app, not by key: a focused text field would take the digit."""
    await pilot.pause()
    for mode in MODES:
        await pilot.app.switch_mode(mode)
        await settle(pilot)
    if back_to:
        await pilot.app.switch_mode(back_to)
        await settle(pilot)


async def paste(pilot, text: str) -> None:
    """text pasted into the focused field, as a terminal sends a paste: one event. A folder
    path typed key by key costs Pilot two idle waits a character (≈ 4 s for a tmp path)."""
    from textual import events

    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
