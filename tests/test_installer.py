"""The offline installer folder: built here, installed with pip cut off from any network,
refused when tampered with; the Windows folder is complete and its script uses stock tools."""

from __future__ import annotations

import json
import re
import runpy
import shutil
import subprocess
import sys
import urllib.request
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from nacl.signing import SigningKey
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.tags import compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

from kehoach_tui import __version__
from kehoach_tui.sync.keys import fingerprint

from .installer_support import (
    ROOT,
    app,
    build_folder,
    copy_folder,
    data_dir,
    first_frame,
    install,
    offline_env,
    replace_bytes,
    run_app,
)

VERIFY = runpy.run_path(str(ROOT / "scripts" / "installer" / "verify.py"))
PYTHONS = ("3.11", "3.12", "3.13")


@pytest.fixture(scope="module")
def release_key(tmp_path_factory):
    return tmp_path_factory.mktemp("key") / "release.key"


@pytest.fixture(scope="module")
def linux_folder(tmp_path_factory, release_key):
    out = tmp_path_factory.mktemp("usb") / "kehoach-linux"
    build_folder("linux", out, release_key)
    return out


@pytest.fixture(scope="module")
def windows_folder(tmp_path_factory, release_key):
    out = tmp_path_factory.mktemp("usb") / "kehoach-windows"
    build_folder("win_amd64", out, release_key)
    return out


# --- the signature check, fast ------------------------------------------------------------


def test_pure_python_ed25519_agrees_with_pynacl():
    for size in (0, 1, 64, 1000):
        key = SigningKey.generate()
        message = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
        signature = key.sign(message).signature
        public = bytes(key.verify_key)
        assert VERIFY["ed25519_verify"](public, message, signature)
        assert not VERIFY["ed25519_verify"](public, message + b"!", signature)
        bad = bytearray(signature)
        bad[size % 64] ^= 0x40
        assert not VERIFY["ed25519_verify"](public, message, bytes(bad))
        other = bytes(SigningKey.generate().verify_key)
        assert not VERIFY["ed25519_verify"](other, message, signature)
        assert VERIFY["fingerprint"](public.hex()) == fingerprint(public.hex())


# --- Linux: built, installed offline, run ---------------------------------------------------


@pytest.mark.slow
def test_linux_folder_installs_offline_and_runs(linux_folder, tmp_path, release_key):
    key_hex = SigningKey(bytes.fromhex(release_key.read_text().strip())).verify_key.encode().hex()
    count, print_ = VERIFY["verify_folder"](linux_folder)
    assert print_ == fingerprint(key_hex)
    assert count == len((linux_folder / "SHA256SUMS").read_text().splitlines())
    assert "Cài đặt" in (linux_folder / "README.txt").read_text(encoding="utf-8")
    assert print_ in (linux_folder / "README.txt").read_text(encoding="utf-8")

    home = tmp_path / "home"
    done = install(linux_folder, home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert print_ in done.stdout

    version = run_app(home, "--version")
    assert version.returncode == 0 and __version__ in version.stdout
    db = tmp_path / "kehoach.db"
    init = run_app(home, "--db", str(db), "init", "--officer", "Nguyễn Thị Hoa")
    assert init.returncode == 0, init.stderr
    assert "Nghĩa Thọ" in init.stdout
    # bytecode compiled at install time, not at the first start on a slow PC
    site = next((data_dir(home) / "venv" / "lib").glob("python3.*/site-packages"))
    assert list((site / "kehoach_tui" / "__pycache__").glob("app.cpython-3*.pyc"))
    assert list((site / "textual" / "__pycache__").glob("*.pyc"))
    entry = (home / ".local" / "share" / "applications" / "kehoach.desktop").read_text()
    assert f'Exec="{app(home)}"' in entry and "Terminal=true" in entry
    browser = (home / ".local" / "share" / "applications" / "kehoach-trinh-duyet.desktop").read_text()
    assert f'Exec="{app(home)}" serve' in browser

    page = _served_page(home, db)
    assert '<html lang="vi">' in page and "textual-terminal" in page

    frame = first_frame([str(app(home)), "--db", str(db)], offline_env(home), "Tổng quan")
    assert "Tổng quan" in frame
    fresh = first_frame([str(app(home)), "--db", str(tmp_path / "new.db")], offline_env(home),
                        "Thiết lập lần đầu")
    assert "Thiết lập lần đầu" in fresh  # the first-run form, on an empty database


def _served_page(home: Path, db: Path) -> str:
    """The installed `kehoach serve` answers with its page (the wheel carries it)."""
    proc = subprocess.Popen([str(app(home)), "--db", str(db), "serve", "--no-browser"],
                            env=offline_env(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        url = re.search(r"http://\S+", line)
        assert url, line + proc.stderr.read()
        with urllib.request.urlopen(url[0], timeout=20) as reply:
            return reply.read().decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.mark.slow
def test_tampered_wheel_is_refused_and_nothing_installed(linux_folder, tmp_path):
    folder = copy_folder(linux_folder, tmp_path / "usb")
    wheel = next((folder / "wheels").glob("textual-*.whl"))
    replace_bytes(wheel, wheel.stat().st_size // 2)
    home = tmp_path / "home"
    done = install(folder, home)
    assert done.returncode != 0
    assert wheel.name in done.stderr and "KHÔNG HỢP LỆ" in done.stderr
    assert not data_dir(home).exists()
    assert not (home / ".local" / "share" / "applications").exists()


@pytest.mark.slow
def test_folder_with_an_extra_wheel_or_a_changed_list_is_refused(linux_folder, tmp_path):
    folder = copy_folder(linux_folder, tmp_path / "usb")
    extra = folder / "wheels" / "textual-99.0.0-py3-none-any.whl"
    shutil.copyfile(next((folder / "wheels").glob("textual-8*.whl")), extra)
    with pytest.raises(VERIFY["NotVerified"], match="textual-99"):
        VERIFY["verify_folder"](folder)
    extra.unlink()
    sums = folder / "SHA256SUMS"
    text = sums.read_text()
    sums.unlink()
    sums.write_text(text.replace("  install.sh\n", "  install-old.sh\n"))
    with pytest.raises(VERIFY["NotVerified"], match="Chữ ký"):
        VERIFY["verify_folder"](folder)
    home = tmp_path / "home"
    assert install(folder, home).returncode != 0
    assert not data_dir(home).exists()


# --- Windows: complete for every dependency, stock commands only -----------------------------


def _windows_env(python: str) -> dict[str, str]:
    env = default_environment()
    env.update(sys_platform="win32", platform_system="Windows", os_name="nt",
               platform_machine="AMD64", python_version=python, python_full_version=f"{python}.0",
               implementation_name="cpython", platform_python_implementation="CPython")
    return env


def _requires(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return Parser().parsestr(archive.read(name).decode("utf-8")).get_all("Requires-Dist") or []


def _closure(folder: Path, python: str) -> dict[str, Path]:
    """Every distribution the app needs on Windows under this Python, walked from the
    project wheel's metadata (markers evaluated for Windows), each matched to a wheel in
    the folder whose tags that Python on Windows accepts."""
    major, minor = (int(n) for n in python.split("."))
    tags = set(cpython_tags((major, minor), platforms=["win_amd64"]))
    tags |= set(compatible_tags((major, minor), f"cp{major}{minor}", platforms=["win_amd64"]))
    wheels: dict[str, list[tuple[object, Path]]] = {}
    for path in (folder / "wheels").glob("*.whl"):
        name, version, _, wheel_tags = parse_wheel_filename(path.name)
        if wheel_tags & tags:
            wheels.setdefault(name, []).append((version, path))
    env = _windows_env(python)
    found: dict[str, Path] = {}
    todo = [Requirement(f"kehoach-tui=={__version__}")]
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if req.marker is not None and not req.marker.evaluate({**env, "extra": ""}):
            continue
        if name in found:
            continue
        matching = [p for v, p in wheels.get(name, []) if req.specifier.contains(v, prereleases=True)]
        assert matching, f"Python {python} on Windows: no wheel for {req}"
        found[name] = matching[0]
        todo += [Requirement(r) for r in _requires(matching[0])]
    return found


@pytest.mark.slow
def test_windows_folder_has_a_windows_wheel_for_every_dependency(windows_folder):
    VERIFY["verify_folder"](windows_folder)
    manifest = json.loads((windows_folder / "manifest.json").read_text())
    assert manifest["platform"] == "win_amd64" and manifest["pythons"] == list(PYTHONS)
    for python in PYTHONS:
        needed = _closure(windows_folder, python)
        # the compiled ones are what a Linux-built folder gets wrong: check they are there
        for name in ("pydantic-core", "pynacl", "lxml", "cffi", "pywin32-ctypes"):
            assert name in needed, (python, name)
        assert "secretstorage" not in needed and "jeepney" not in needed
        assert re.search(r"-(win_amd64|none-any)\.whl$", needed["pydantic-core"].name)
        pins = (windows_folder / f"requirements-cp{python.replace('.', '')}.txt").read_text()
        for name, wheel in needed.items():
            assert f"{name}=={parse_wheel_filename(wheel.name)[1]} " in pins, (python, name)


@pytest.mark.slow
def test_windows_folder_carries_the_embeddable_python(windows_folder):
    carried = windows_folder / "python"
    for name in ("python.exe", "python313.dll", "python313.zip", "vcruntime140.dll", "_sqlite3.pyd"):
        assert (carried / name).is_file(), name
    pth = (carried / "python313._pth").read_text().splitlines()
    assert "import site" in pth and "Lib\\site-packages" in pth
    readme = (windows_folder / "README.txt").read_bytes()
    assert readme.startswith(b"\xef\xbb\xbf") and b"\r\n" in readme  # Notepad on old Windows 10


# Commands a stock Windows 10 has (cmd built-ins and System32 tools), and the Python being
# probed for: `py` (the launcher), `python`, and the interpreter found ("%PY%").
STOCK_WINDOWS = {
    "call", "cd", "chcp", "cls", "copy", "del", "echo", "echo.", "endlocal", "exit", "for", "goto",
    "if", "md", "mkdir", "move", "pause", "popd", "pushd", "rd", "rem", "rmdir", "set", "setlocal",
    "shift", "start", "title", "type", "ver", "certutil", "findstr", "powershell", "robocopy",
    "timeout", "where", "xcopy",
}
PROBED = {"py", "python", "%py%"}


def _commands(line: str) -> list[str]:
    """First words of each command on a batch line (after if-conditions, inside for's (...))."""
    words = []
    for part in re.split(r"&&|\|\||&|\|", re.sub(r'"[^"]*"', lambda m: m[0].replace("&", "").replace("|", ""), line)):
        part = re.sub(r"\d?\^?>>?\s*[^\s`')]+", "", part).strip().lstrip("@")
        while part.lower().startswith("if "):
            part = re.sub(r'(?i)^if\s+(not\s+)?(exist\s+("[^"]*"|\S+)|defined\s+\S+|errorlevel\s+\d+|\S+==\S+)\s*',
                          "", part)
        loop = re.match(r"(?i)^for\s+.*?\(\s*[`']([^`']*)[`']\s*\)\s+do\s+(.*)$", part)
        if loop:
            words += _commands(loop[1]) + _commands(loop[2])
            continue
        if part:
            words.append(part.split()[0].strip('"').lower())
    return words


@pytest.mark.slow
def test_install_bat_uses_only_stock_windows_commands(windows_folder):
    raw = (windows_folder / "install.bat").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF: cmd misreads labels in LF files
    assert not raw.startswith(b"\xef\xbb\xbf")  # a BOM would break the first command
    used = set()
    for line in raw.decode("utf-8").splitlines():
        line = line.strip()
        if not line or line.lower().startswith(("rem ", "@rem")) or line.startswith(":"):
            continue
        used |= set(_commands(line))
    assert used - STOCK_WINDOWS - PROBED == set()
    assert {"where", "py", "%py%"} <= used


def test_install_bat_command_reader_sees_nested_commands():
    assert _commands('if not defined PY call :find 3.13') == ["call"]
    assert _commands('for /f "usebackq delims=" %%i in (`py -3 -c "x" 2^>nul`) do set "PY=%%i"') == ["py", "set"]
    assert _commands('where py >nul 2>nul || curl http://x') == ["where", "curl"]
    assert _commands('"%PY%" -B verify.py & bitsadmin /x') == ["%py%", "bitsadmin"]


def test_build_refuses_a_key_inside_the_repository(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_installer
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    code = build_installer.main(["--platform", "linux", "--out", str(tmp_path / "o"),
                                 "--key", str(ROOT / "release.key")])
    assert code == 1 and not (ROOT / "release.key").exists()


def test_install_script_loads_without_venv_module():
    """The embeddable Windows Python has no venv module; install.py must still start there."""
    code = ("import runpy, sys; sys.modules['venv'] = None; "
            f"ns = runpy.run_path({str(ROOT / 'scripts' / 'installer' / 'install.py')!r}); "
            "print(ns['version_key']('0.10.2'))")
    done = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(0, 10, 2)"
