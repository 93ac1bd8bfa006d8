"""Start-up time and memory: kehoach vs a bare Textual app showing one Label.

Each round starts both programs in a pseudo-terminal (80x24), alternating which goes first,
and measures the time from fork to the first frame that shows the app's text (the screen an
officer waits for), then quits with Ctrl+Q and reads the child's peak RSS. Prints both
medians, the ratio and the peak RSS. Not a test: run it by hand.

    uv run python benchmarks/startup.py [--rounds 9]

Goal (issue "Foundation"): ratio <= 1.3 and RSS <= bare + 30 MiB.
"""

from __future__ import annotations

import argparse
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
import tempfile
import termios
import time
from pathlib import Path

BARE = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("Sẵn sàng")

Bare().run()
"""


def measure(argv: list[str], marker: bytes, env: dict[str, str], data_marker: bytes | None = None):
    """Seconds from fork to marker on screen (and to data_marker, when given), and the
    child's peak RSS in MiB."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child: a real-sized terminal, then the program
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execvpe(argv[0], argv, env)
    buffer = b""
    elapsed = None
    data_elapsed = None
    deadline = start + 30
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        buffer += chunk
        now = time.perf_counter() - start
        if elapsed is None and marker in buffer:
            elapsed = now
        if data_marker and data_elapsed is None and data_marker in buffer:
            data_elapsed = now
        if elapsed is not None and (data_marker is None or data_elapsed is not None):
            break
    os.write(fd, b"\x11")  # Ctrl+Q
    end = time.perf_counter() + 5
    while time.perf_counter() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    _, _, usage = os.wait4(pid, 0)
    os.close(fd)
    if elapsed is None:
        raise RuntimeError(f"{argv}: marker {marker!r} never appeared")
    return elapsed, usage.ru_maxrss / 1024, data_elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "kehoach.db"
        env["KEHOACH_DATA_DIR"] = str(Path(tmp) / "data")
        subprocess.run([sys.executable, "-m", "kehoach_tui", "--db", str(db), "init"], check=True,
                       env=env, capture_output=True)
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE, encoding="utf-8")
        programs = {
            "bare": ([sys.executable, str(bare_script)], "Sẵn sàng".encode(), env),
            # first frame: the overview's section title; data: the first group's row
            "kehoach": ([sys.executable, "-m", "kehoach_tui", "--db", str(db)], "Tiến độ".encode(), env,
                        "thể chế".encode()),
        }
        times: dict[str, list[float]] = {"bare": [], "kehoach": []}
        data_times: list[float] = []
        rss: dict[str, list[float]] = {"bare": [], "kehoach": []}
        measure(*programs["bare"])  # warm the OS file cache once for both
        measure(*programs["kehoach"])
        for round_no in range(args.rounds):
            order = ["bare", "kehoach"] if round_no % 2 == 0 else ["kehoach", "bare"]
            for name in order:
                seconds, peak, data_seconds = measure(*programs[name])
                times[name].append(seconds)
                rss[name].append(peak)
                if data_seconds is not None:
                    data_times.append(data_seconds)
    bare_t, app_t = statistics.median(times["bare"]), statistics.median(times["kehoach"])
    bare_m, app_m = max(rss["bare"]), max(rss["kehoach"])
    print(f"rounds: {args.rounds} (alternating order, 80x24 pty, seeded Nghĩa Thọ database)")
    print(f"bare Textual app : median {bare_t * 1000:7.1f} ms   peak RSS {bare_m:6.1f} MiB")
    print(f"kehoach          : median {app_t * 1000:7.1f} ms   peak RSS {app_m:6.1f} MiB  (first frame)")
    data_t = statistics.median(data_times)
    print(f"kehoach, data    : median {data_t * 1000:7.1f} ms   (plan progress shown; ratio {data_t / bare_t:.2f})")
    print(f"ratio            : {app_t / bare_t:.2f}  (goal <= 1.30)")
    print(f"RSS difference   : {app_m - bare_m:+.1f} MiB  (goal <= +30 MiB)")


if __name__ == "__main__":
    main()
