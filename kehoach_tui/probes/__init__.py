"""Automatic checks for the morning check: each a small function with a timeout.

A probe takes a ProbeContext and returns a ProbeResult. `run_probes` starts them all in
daemon threads at once and waits at most `timeout` seconds overall, so a hung resolver or
printer spooler is cut off and reported, and the whole run never takes longer than that.
No Textual, no store: the caller gathers the context and records the results.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..i18n import t

OK, FAIL, WARN, SKIP = "ok", "fail", "warn", "skip"


@dataclass
class ProbeResult:
    name: str
    state: str          # ok / fail / warn / skip
    summary: str        # one line a person can read: the evidence
    elapsed_ms: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class ProbeContext:
    data_dir: Path
    internet_hosts: list[str] = field(default_factory=list)
    backup_max_age_days: int = 7
    last_change_at: str | None = None                     # UTC ISO of the newest change-log entry
    now_utc_iso: str | None = None                        # the app's idea of now (UTC ISO)
    quick_check: Callable[[], str] | None = None          # runs PRAGMA quick_check
    timeout: float = 4.0                                  # seconds, per probe and overall


Probe = Callable[[ProbeContext], ProbeResult]


def registry() -> dict[str, Probe]:
    from .network import internet
    from .printers import printers
    from .system import backup, clock, database, disk

    return {"internet": internet, "disk": disk, "printers": printers, "clock": clock,
            "database": database, "backup": backup}


def call_with_timeout(fn: Callable[[], object], timeout: float) -> tuple[bool, object]:
    """Run fn in a daemon thread; (True, value or exception) or (False, None) when it hangs."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # reported to the caller, never raised in the thread
            box["value"] = exc

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(max(0.0, timeout))
    if worker.is_alive():
        return False, None
    return True, box.get("value")


def timed_out(name: str, timeout: float) -> ProbeResult:
    return ProbeResult(name, FAIL, t("probe.timeout", seconds=f"{timeout:g}"), int(timeout * 1000))


def run_probes(
    names: list[str], ctx: ProbeContext, *, probes: dict[str, Probe] | None = None,
    on_result: Callable[[ProbeResult, int, int], None] | None = None,
) -> list[ProbeResult]:
    """Run the named probes concurrently; each result reported as it arrives (done, total)."""
    probes = probes if probes is not None else registry()
    results: dict[str, ProbeResult] = {}
    arrivals: queue.Queue[ProbeResult] = queue.Queue()
    started = time.monotonic()

    def run_one(name: str) -> None:
        begin = time.monotonic()
        try:
            result = probes[name](ctx)
            if not isinstance(result, ProbeResult):
                raise TypeError(f"{name}: {type(result).__name__}")
        except Exception as exc:  # a broken probe is a result, not a crash
            result = ProbeResult(name, FAIL, t("probe.error", reason=str(exc) or type(exc).__name__))
        result.elapsed_ms = int((time.monotonic() - begin) * 1000)
        arrivals.put(result)

    for name in names:
        if name not in probes:
            results[name] = ProbeResult(name, SKIP, t("probe.unknown"))
            continue
        threading.Thread(target=run_one, args=(name,), daemon=True, name=f"probe-{name}").start()
    total = len(names)
    deadline = started + ctx.timeout
    while len(results) < total:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        try:
            result = arrivals.get(timeout=remaining)
        except queue.Empty:
            break
        results[result.name] = result
        if on_result:
            on_result(result, len(results), total)
    for name in names:
        if name not in results:
            results[name] = timed_out(name, ctx.timeout)
            if on_result:
                on_result(results[name], len(results), total)
    return [results[name] for name in names]
