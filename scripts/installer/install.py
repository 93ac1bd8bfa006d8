"""Installs kehoach-tui from this folder with no network. Run by install.sh / install.bat.

    python3 -B -I install.py [--yes] [--allow-downgrade]

Standard library only: it runs with the computer's own Python (or, on Windows, the Python
carried in python\\). Steps, each refusing cleanly before anything changes:

1. verify the folder again (verify.py, read as source: no cached bytecode is trusted);
2. pick the pinned requirements file for this Python (3.11, 3.12 or 3.13);
3. refuse to put an older version over a newer one unless --allow-downgrade;
4. move the old program folder (venv) aside, make a new one beside the user's data,
   install with pip from this folder only (--no-index, hashes required), bytecode compiled;
   any failure puts the old folder back;
5. shortcuts: a .desktop file (Linux), Start menu and desktop (Windows).

Only <data>/venv is ever replaced: the database, keys, backups and settings beside it are
never touched. The app backs the database up itself before it migrates it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
APP = "kehoach-tui"
MARKER = "kehoach-install.json"
# pip runs straight from its wheel in this folder: nothing needs to be installed first.
PIP_FROM_WHEEL = ("import runpy, sys; sys.path.insert(0, sys.argv.pop(1)); "
                  "runpy.run_module('pip', run_name='__main__', alter_sys=True)")
WINDOWS = os.name == "nt"


class Refused(Exception):
    """Nothing was changed; the message says why, in Vietnamese."""


def say(text: str) -> None:
    print(text, flush=True)


def data_dir() -> Path:
    """Where the app keeps its data (same rule as the app: KEHOACH_DATA_DIR, else platformdirs)."""
    override = os.environ.get("KEHOACH_DATA_DIR")
    if override:
        return Path(override)
    if WINDOWS:
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP
    return _xdg_data_home() / APP


def _xdg_data_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME", "").strip()
    return Path(base) if base else Path.home() / ".local" / "share"


def version_key(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", text)[:3])


def env_python(env: Path) -> Path:
    if WINDOWS:
        carried = env / "python.exe"
        return carried if carried.is_file() else env / "Scripts" / "python.exe"
    return env / "bin" / "python"


def env_app(env: Path) -> Path:
    return env / ("Scripts/kehoach.exe" if WINDOWS else "bin/kehoach")


def installed_version(env: Path) -> str | None:
    marker = env / MARKER
    try:
        return json.loads(marker.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    python = env_python(env)
    if not python.is_file():
        return None
    done = subprocess.run(
        [str(python), "-I", "-c", "import importlib.metadata as m; print(m.version('kehoach-tui'))"],
        capture_output=True, text=True)
    if done.returncode != 0:
        return None
    return done.stdout.strip() or None


def _pip_env() -> dict[str, str]:
    """pip sees no configuration of this computer: no index, no extra links, no constraints."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PYTHONNOUSERSITE="1", PYTHONUTF8="1")
    return env


def _pip_wheel(requirements: Path) -> Path:
    pin = re.search(r"^pip==(\S+)", requirements.read_text(encoding="utf-8"), re.M)
    wheel = HERE / "wheels" / f"pip-{pin[1]}-py3-none-any.whl" if pin else None
    if wheel is None or not wheel.is_file():
        raise Refused("Thư mục thiếu gói pip để cài đặt")
    return wheel


def make_env(env: Path, carried: Path | None) -> None:
    if carried is not None:  # the embeddable Windows Python is copied whole: it is the env
        # copyfile, not copy2: plain bytes (timestamps do not matter here), and no CopyFile2,
        # which Wine lacks, so the Windows path can be tried under Wine too.
        shutil.copytree(carried, env, copy_function=shutil.copyfile)
    else:
        import venv  # not in the embeddable Windows Python, which never gets here

        venv.EnvBuilder(with_pip=False, symlinks=not WINDOWS).create(env)


def pip_install(env: Path, requirements: Path) -> None:
    cmd = [str(env_python(env)), "-I", "-c", PIP_FROM_WHEEL, str(_pip_wheel(requirements)),
           "install", "--isolated", "--no-index", "--find-links", str(HERE / "wheels"),
           "--only-binary", ":all:", "--require-hashes", "--no-cache-dir", "--compile",
           "--disable-pip-version-check", "--no-input", "--no-warn-script-location",
           "-q", "-r", str(requirements)]
    done = subprocess.run(cmd, env=_pip_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip()[-1500:] or done.stdout.strip()[-1500:])


def _carried_python() -> Path | None:
    folder = HERE / "python"
    if WINDOWS and Path(sys.executable).resolve().parent == folder.resolve():
        return folder
    return None


def install(*, allow_downgrade: bool, yes: bool) -> Path:
    verify = runpy.run_path(str(HERE / "verify.py"))
    try:
        count, print_ = verify["verify_folder"](HERE)
    except verify["NotVerified"] as exc:
        raise Refused(f"Thư mục không hợp lệ: {exc}") from None
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    new = manifest["version"]
    say(f"Thư mục hợp lệ ({count} tệp). Dấu vân tay khóa phát hành: {print_}")
    if not yes and sys.stdin is not None and sys.stdin.isatty():
        answer = input("Dấu vân tay có khớp với số tỉnh đọc qua điện thoại không? (c/k): ")
        if answer.strip().lower() not in ("c", "co", "có", "y", "yes"):
            raise Refused("Chưa xác nhận dấu vân tay")
    tag = f"cp{sys.version_info[0]}{sys.version_info[1]}"
    requirements = HERE / f"requirements-{tag}.txt"
    if not requirements.is_file():
        wanted = ", ".join(manifest.get("pythons", []))
        raise Refused(f"Python {sys.version_info[0]}.{sys.version_info[1]} không dùng được; cần Python {wanted}")
    data = data_dir()
    env, old = data / "venv", data / "venv.old"
    if old.exists() and not env.exists():
        old.rename(env)  # an install cut off earlier: its old program is still the good one
    installed = installed_version(env) if env.exists() else None
    if installed and version_key(new) < version_key(installed) and not allow_downgrade:
        raise Refused(f"Máy đã có phiên bản {installed}, mới hơn {new}: không cài đè bản cũ hơn")
    say(f"Cài kehoach-tui {new} vào {env} …")
    data.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(old, ignore_errors=True)
    if env.exists():
        try:
            env.rename(old)
        except OSError:
            raise Refused("Không thay được chương trình cũ: hãy đóng mọi cửa sổ kehoach rồi chạy lại") from None
    try:
        make_env(env, _carried_python())
        pip_install(env, requirements)
        (env / MARKER).write_text(json.dumps({"version": new, "platform": manifest["platform"]}),
                                  encoding="utf-8")
    except BaseException:
        shutil.rmtree(env, ignore_errors=True)
        if old.exists():
            old.rename(env)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return env


# --- shortcuts ------------------------------------------------------------------------------

# (file name, name shown, comment, arguments): the app in its console, and in a browser tab
# for PCs whose console draws it poorly (`kehoach serve`).
SHORTCUTS = (
    ("kehoach", "kehoach", "Kế hoạch chuyển đổi số cấp xã", ""),
    ("kehoach-trinh-duyet", "kehoach (trình duyệt)", "Mở kehoach trong trình duyệt", "serve"),
)


def linux_shortcuts(env: Path) -> list[Path]:
    apps = _xdg_data_home() / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    made = []
    for stem, name, comment, args in SHORTCUTS:
        exec_line = f'"{env_app(env)}"' + (f" {args}" if args else "")
        entry = apps / f"{stem}.desktop"
        entry.write_text(
            "[Desktop Entry]\nType=Application\nVersion=1.0\n"
            f"Name={name}\nComment={comment}\nExec={exec_line}\nTerminal=true\n"
            "Categories=Office;\n", encoding="utf-8")
        made.append(entry)
    bin_dir = Path.home() / ".local" / "bin"
    link = bin_dir / "kehoach"
    if link.is_symlink() or not link.exists():
        bin_dir.mkdir(parents=True, exist_ok=True)
        link.unlink(missing_ok=True)
        link.symlink_to(env_app(env))
        made.append(link)
    return made


_LNK = (
    "$ErrorActionPreference = 'Stop'; $shell = New-Object -ComObject WScript.Shell; "
    "$places = @([Environment]::GetFolderPath('Programs'), [Environment]::GetFolderPath('Desktop')); "
    "foreach ($place in $places) { $s = $shell.CreateShortcut((Join-Path $place ($env:KH_NAME + '.lnk'))); "
    "$s.TargetPath = $env:KH_TARGET; $s.Arguments = $env:KH_ARGS; $s.Description = $env:KH_DESC; "
    "$s.WorkingDirectory = $env:USERPROFILE; $s.Save() }"
)


def windows_shortcuts(env: Path) -> list[Path]:
    """Start menu and desktop .lnk through PowerShell's WScript.Shell (stock Windows 10);
    where PowerShell is blocked, a .bat in the Start menu does the same job."""
    made = []
    programs = Path(os.environ.get("APPDATA", "")) / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    for _stem, name, comment, args in SHORTCUTS:
        values = {"KH_NAME": name, "KH_TARGET": str(env_app(env)), "KH_ARGS": args, "KH_DESC": comment}
        lnk = programs / f"{name}.lnk"
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            subprocess.run(["powershell", "-NoProfile", "-NonInteractive", "-Command", _LNK],
                           env={**os.environ, **values}, capture_output=True, timeout=120)
        if lnk.is_file():  # judged by the result: a blocked PowerShell may still exit 0
            made.append(lnk)
            continue
        programs.mkdir(parents=True, exist_ok=True)
        bat = programs / f"{name}.bat"
        bat.write_text(f'@echo off\r\n"{env_app(env)}" {args}\r\n', encoding="utf-8")
        made.append(bat)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Cài kehoach-tui từ thư mục này, không cần mạng")
    parser.add_argument("--yes", "-y", action="store_true", help="không hỏi xác nhận dấu vân tay")
    parser.add_argument("--allow-downgrade", action="store_true", help="cho cài đè bản cũ hơn")
    parser.add_argument("--no-shortcut", action="store_true", help="không tạo lối tắt")
    args = parser.parse_args(argv)
    try:
        env = install(allow_downgrade=args.allow_downgrade, yes=args.yes)
    except Refused as exc:
        say(f"KHÔNG CÀI: {exc}")
        return 1
    except (OSError, RuntimeError) as exc:
        say(f"Cài đặt thất bại, chương trình cũ (nếu có) vẫn giữ nguyên: {exc}")
        return 1
    if not args.no_shortcut:
        try:
            made = windows_shortcuts(env) if WINDOWS else linux_shortcuts(env)
            say("Lối tắt: " + ", ".join(str(m) for m in made))
        except OSError as exc:
            say(f"Không tạo được lối tắt ({exc}); chạy trực tiếp: {env_app(env)}")
    done = subprocess.run([str(env_app(env)), "--version"], capture_output=True, text=True)
    say(f"Đã cài xong: {done.stdout.strip()}. Chạy: {env_app(env)}")
    say(f"Dữ liệu (không thay đổi khi cài lại hay nâng cấp): {data_dir()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
