"""Helpers for the installer tests: build a folder, install it with pip cut off, read a frame.

Wheels and dependency resolutions are cached under the system temp folder (the builder's
--cache/--reuse), so a rerun of the suite needs no network and stays fast.
"""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(tempfile.gettempdir()) / "kehoach-installer-cache"
UNREACHABLE_INDEX = "http://127.0.0.1:9/"  # the discard port: nothing listens there
ANSI = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-B]|[=>78])")


def build_folder(platform: str, out: Path, key: Path, *, wheel: Path | None = None,
                 pythons: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    cmd = [sys.executable, str(ROOT / "scripts" / "build_installer.py"), "--platform", platform,
           "--out", str(out), "--key", str(key), "--cache", str(CACHE), "--reuse"]
    if wheel is not None:
        cmd += ["--wheel", str(wheel)]
    for python in pythons:
        cmd += ["--python", python]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done


def base_python() -> str:
    """A plain interpreter to install with, as an officer's PC would have (not our venv)."""
    system = Path("/usr/bin/python3")
    if system.exists():
        ok = subprocess.run([str(system), "-c", "import sys, venv; sys.exit(sys.version_info[:2] < (3, 11))"],
                            capture_output=True)
        if ok.returncode == 0:
            return str(system)
    return getattr(sys, "_base_executable", sys.executable)


def offline_env(home: Path) -> dict[str, str]:
    """A user whose home is `home`, with pip pointed at a port nothing answers on."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "KEHOACH_", "XDG_", "VIRTUAL_ENV", "UV_"))}
    env.update(HOME=str(home), PIP_INDEX_URL=UNREACHABLE_INDEX, PIP_NO_CACHE_DIR="1",
               KEHOACH_PYTHON=base_python(), KEHOACH_TODAY="2025-11-05", LANG="C.UTF-8")
    return env


def install(folder: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", str(folder / "install.sh"), "--yes", *args], env=offline_env(home),
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)


def data_dir(home: Path) -> Path:
    return home / ".local" / "share" / "kehoach-tui"


def app(home: Path) -> Path:
    return data_dir(home) / "venv" / "bin" / "kehoach"


def run_app(home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(app(home)), *args], env=offline_env(home), capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=120)


def first_frame(argv: list[str], env: dict[str, str], wanted: str, seconds: float = 20) -> str:
    """Run a terminal program under a pseudo-terminal (100×30) until `wanted` shows."""
    import fcntl
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # child: the program, in a terminal
        os.execve(argv[0], argv, {**env, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"})
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    raw, text, end = b"", "", time.monotonic() + seconds
    try:
        while time.monotonic() < end and wanted not in text:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    raw += os.read(fd, 65536)
                except OSError:
                    break
                text = ANSI.sub("", raw.decode("utf-8", "replace"))
    finally:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        os.close(fd)
    return text


def copy_folder(src: Path, dest: Path) -> Path:
    """A copy that shares the big files (hard links); callers replace, never edit, a file."""
    shutil.copytree(src, dest, copy_function=os.link)
    return dest


def replace_bytes(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.unlink()  # a hard link to the original: break it before writing
    path.write_bytes(bytes(data))
