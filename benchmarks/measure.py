"""What every benchmark here measures with: programs in a pseudo-terminal, timed until a text
appears on the screen (what an officer sees), CLI processes, medians, the load average.

Children get a warm bytecode cache of their own: PYTHONPYCACHEPREFIX points at a folder made
for the run and PYTHONDONTWRITEBYTECODE is removed, so after one warm-up start no child
compiles anything (an installed copy has its bytecode compiled at install time; see the
README, "Đo tốc độ").
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = [sys.executable, "-m", "kehoach_tui"]
COLUMNS, LINES = 80, 24

BARE = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("Sẵn sàng")

Bare().run()
"""
BARE_MARKER = "Sẵn sàng"

CTRL_Q = b"\x11"
ESCAPE = b"\x1b"


def pycache_dir(folder: Path) -> Path:
    """The children's bytecode cache: folder/pycache, or KEHOACH_BENCH_PYCACHE when set (the
    test suite shares one between its benchmark runs so each compiles nothing twice)."""
    return Path(os.environ.get("KEHOACH_BENCH_PYCACHE") or folder / "pycache")


def child_env(pycache: Path, **extra: str) -> dict[str, str]:
    """The environment of every measured child: warm private bytecode cache, a real-sized
    terminal, whatever the caller adds (KEHOACH_DATA_DIR, KEHOACH_TODAY)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPYCACHEPREFIX=str(pycache), TERM="xterm-256color", COLUMNS=str(COLUMNS),
               LINES=str(LINES), **extra)
    return env


def bare_app(folder: Path) -> list[str]:
    """argv of the anchor: a bare Textual app showing one Label."""
    script = folder / "bare.py"
    script.write_text(BARE, encoding="utf-8")
    return [sys.executable, str(script)]


class PtyApp:
    """One program in an 80x24 pseudo-terminal. Times are seconds from `mark` (the fork, or
    the last key sent) to the moment a text first shows in what the program wrote since."""

    def __init__(self, argv: list[str], env: dict[str, str]):
        self.argv = argv
        self.buffer = b""
        self.since = 0        # where in buffer the output after the last mark begins
        self.started = time.perf_counter()
        self.mark_at = self.started
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child: a real-sized terminal, then the program
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
            os.execvpe(argv[0], argv, env)
        self.closed = False

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            chunk = b""
        if not chunk:
            self.closed = True
            return False
        self.buffer += chunk
        return True

    def wait_for(self, text: str, timeout: float = 30) -> float:
        """Seconds from the mark until text has been written; RuntimeError when it never is."""
        wanted = text.encode("utf-8")
        deadline = time.perf_counter() + timeout
        while True:
            if wanted in self.buffer[self.since:]:
                return time.perf_counter() - self.mark_at
            if self.closed or time.perf_counter() > deadline or not self._read(0.2):
                tail = self.buffer[-400:].decode("utf-8", "replace")
                raise RuntimeError(f"{self.argv[-3:]}: {text!r} never appeared; last output: {tail!r}")

    def press(self, keys: bytes) -> None:
        """Send keys and restart the clock; only what is written from now on counts."""
        self.settle()
        self.since = len(self.buffer)
        self.mark_at = time.perf_counter()
        os.write(self.fd, keys)

    def settle(self, quiet: float = 0.15, limit: float = 3.0) -> None:
        """Let the previous action finish painting (no output for `quiet` seconds)."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline and not self.closed:
            before = len(self.buffer)
            self._read(quiet)
            if len(self.buffer) == before:
                return

    def peak_rss(self) -> float | None:
        """The child's peak RSS so far in MiB, from /proc (None where there is none). Not
        wait4's ru_maxrss: a child forked from this process starts with this process's pages
        counted, and Linux keeps that high-water mark across exec, so a benchmark that has
        built five years of data in memory would see its own size for every child."""
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return None

    def quit(self) -> float:
        """Ctrl+Q, wait for the exit; returns the child's peak RSS in MiB."""
        peak = self.peak_rss()
        with contextlib.suppress(OSError):
            os.write(self.fd, CTRL_Q)
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline and not self.closed:
            self._read(0.2)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        _, _, usage = os.wait4(self.pid, 0)
        os.close(self.fd)
        return peak if peak is not None else usage.ru_maxrss / 1024


def first_frame(argv: list[str], env: dict[str, str], marker: str) -> tuple[float, float]:
    """(seconds from fork until marker shows, peak RSS MiB) of one start that quits there."""
    app = PtyApp(argv, env)
    try:
        seconds = app.wait_for(marker)
    finally:
        rss = app.quit()
    return seconds, rss


def cli(args: list[str], env: dict[str, str], *, check: bool = True) -> float:
    """Wall seconds of one `kehoach …` (or any argv starting with a program) process."""
    argv = args if args[0] == sys.executable else [*APP, *args]
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
    seconds = time.perf_counter() - started
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[2:])}: exit {done.returncode}: {done.stderr.strip()[-300:]}")
    return seconds


def median(values: list[float]) -> float:
    return statistics.median(values)


def load_average() -> str:
    """The `uptime` line (load averages over 1, 5 and 15 minutes) and the core count."""
    try:
        line = subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        line = "load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{line}  ({os.cpu_count()} cores)"


def screen_markers() -> dict[str, str]:
    """A text each screen shows once it is painted with its data (and no other screen
    shows), taken from the catalogue, the plan and the checklist seed so that rewording
    one place does not break the benchmarks. tests/test_benchmarks.py fails when a screen
    stops showing its marker."""
    from kehoach_tui.i18n import t
    from kehoach_tui.plan_files import resolve_plan
    from kehoach_tui.store.checklist import default_seed

    plan = resolve_plan("nghia-tho")
    first_task = next(task for task in plan.tasks if not task.parent)
    return {
        "overview": plan.groups[0].title.split(".")[-1].strip(),  # a group row: the data is in
        "tasks": first_task.title[:16],
        "checklist": default_seed().items[0].title[:10],
        "incidents": t("incident.col.severity"),
        "reports": "BÁO CÁO",  # the preview, built from the period's data
        "sync": t("sync.exports"),
    }


def history_marker(days: int) -> str:
    """The grid's title line for a window of days ("Lịch sử kiểm tra 90 ngày")."""
    from kehoach_tui.i18n import t

    return t("checklist.history_title", days=days, start="", end="").split("(")[0].strip()
