"""A worker that fails unexpectedly: the app goes on, the officer reads one line, the
traceback goes to kehoach.log beside the database.

Every worker runs with exit_on_error=False (Textual would otherwise close the whole app on
its first unexpected exception). Textual tells only the worker's own node, so the App, the
mode screens and the dialogs take WorkerErrors, which hands the failure to the one handler
below. A node with a `worker_failed(worker)` method is called after, to put its screen back
(hide a progress bar, enable a button).
"""

from __future__ import annotations

import time

from textual.worker import Worker, WorkerState

from ..error_log import log_error, log_path
from ..i18n import t
from ..safe import one_line

REPEAT_SECONDS = 10.0


class WorkerErrors:
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            report_worker_error(self.app, event.worker)


def report_worker_error(app, worker: Worker) -> None:
    error = worker.error
    if error is None:
        return
    path = log_path(getattr(getattr(app, "store", None), "path", None))
    node = type(worker.node).__name__
    written = log_error(path, error, f"worker {worker.name or '?'} (group {worker.group}) of {node}")
    if worker.is_cancelled:
        return  # replaced by a newer one of its group (exclusive): that one speaks for both
    reason = one_line(f"{type(error).__name__}: {error}", 160)
    message = t("worker.failed" if written else "worker.failed_no_log", reason=reason, log=path)
    # The same failure again within a few seconds (a preview rebuilt on each keystroke) is
    # logged, not shown again.
    shown = app.__dict__.setdefault("_worker_errors_shown", {})
    now = time.monotonic()
    if now - shown.get(message, -REPEAT_SECONDS) >= REPEAT_SECONDS:
        shown[message] = now
        app.notify(message, severity="error", timeout=15, markup=False)
    put_back = getattr(worker.node, "worker_failed", None)
    if callable(put_back):
        put_back(worker)
