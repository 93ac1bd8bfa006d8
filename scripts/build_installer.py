"""Builds the offline installer folder that province IT staff carry on a USB stick.

    uv run python scripts/build_installer.py --platform win_amd64|linux --out DIR [--key FILE]

The folder holds the project's wheel, a wheel for every dependency for that platform and
Python 3.11-3.13, a pinned requirements file per Python (with hashes), the install script
(install.bat or install.sh, which run verify.py then install.py with the computer's own
Python), a README in Vietnamese, and, for Windows, the embeddable CPython 3.13 so a PC with
no Python can install too. SHA256SUMS lists every file and is signed with the release key
(Ed25519, the app's own key tooling); its fingerprint is printed so the officer can compare
it by phone.

The release key lives outside the repository (default: the user's config folder); a key
file that does not exist yet is created.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nacl.signing import SigningKey

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from installer_deps import (  # noqa: E402
    EMBED_PYTHON,
    PYTHONS,
    BuildError,
    cache_lock,
    check_authenticode,
    download,
    embed_pth,
    embedded_python,
    normalise,
    resolve,
    wheel_metadata,
)

from kehoach_tui.sync.keys import _write_private, fingerprint  # noqa: E402

TEMPLATES = Path(__file__).resolve().parent / "installer"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "kehoach-installer-cache"


def default_key_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("kehoach-release", appauthor=False)) / "release.key"


def load_or_create_key(path: Path) -> SigningKey:
    if path.resolve().is_relative_to(ROOT):
        raise BuildError(f"{path}: the release key must not live inside the repository")
    if not path.exists():
        key = SigningKey.generate()
        _write_private(path, bytes(key))
        print(f"new release key written to {path}")
        return key
    return SigningKey(bytes.fromhex(path.read_text(encoding="ascii").strip()))


def build_project_wheel(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    subprocess.run(["uv", "build", "--wheel", "-q", "-o", str(dest)], cwd=ROOT, check=True,
                   capture_output=True)
    return max(dest.glob("kehoach_tui-*.whl"), key=lambda p: p.stat().st_mtime)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def requirements_text(project: dict, files: list[Path]) -> str:
    """Exact pins with hashes: pip then installs this set and nothing else (--require-hashes)."""
    by_pin: dict[str, list[str]] = {}
    for wheel in files:
        name, version = wheel.name.split("-")[:2]
        by_pin.setdefault(f"{normalise(name)}=={version}", []).append(_sha256(wheel))
    lines = [f"# kehoach-tui {project['version']}: pinned set for this Python"]
    for pin in sorted(by_pin):
        hashes = " ".join(f"--hash=sha256:{h}" for h in sorted(set(by_pin[pin])))
        lines.append(f"{pin} {hashes}")
    return "\n".join(lines) + "\n"


def write_text(path: Path, text: str, *, windows: bool, bom: bool = False) -> None:
    if windows:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    path.write_bytes(("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8"))


def sign_folder(out: Path, key: SigningKey) -> str:
    public = key.verify_key.encode().hex()
    print_ = fingerprint(public)
    (out / "release-key.pub").write_text(json.dumps({
        "format": "kehoach-release-key", "public_key": public, "fingerprint": print_,
    }, indent=2) + "\n", encoding="utf-8")
    lines = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        rel = path.relative_to(out).as_posix()
        if rel not in ("SHA256SUMS", "SHA256SUMS.sig"):
            lines.append(f"{_sha256(path)}  {rel}\n")
    sums = "".join(lines).encode("utf-8")
    (out / "SHA256SUMS").write_bytes(sums)
    (out / "SHA256SUMS.sig").write_text(key.sign(sums).signature.hex() + "\n", encoding="ascii")
    return print_


def build(platform: str, out: Path, key_path: Path, *, wheel: Path | None, cache: Path,
          reuse: bool, pythons: tuple[str, ...], carry_python: bool) -> str:
    windows = platform == "win_amd64"
    key = load_or_create_key(key_path)
    if out.exists() and any(out.iterdir()):
        raise BuildError(f"{out} is not empty")
    wheels = out / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    project_wheel = wheel or build_project_wheel(cache / "project" / str(time.time_ns()))
    project = wheel_metadata(project_wheel)
    shutil.copy2(project_wheel, wheels / project_wheel.name)
    # pip is carried even if no dependency needs it: install.py runs pip from its wheel.
    requires = [r for r in project["requires"] if "extra ==" not in r] + ["pip"]
    for python in pythons:
        with cache_lock(cache):
            pins = resolve(requires, platform, python, cache, reuse=reuse)
            files = download(pins, platform, python, cache, reuse=reuse)
        for file in files:
            if not (wheels / file.name).exists():
                shutil.copy2(file, wheels / file.name)
        text = requirements_text(project, [project_wheel, *files])
        (out / f"requirements-cp{python.replace('.', '')}.txt").write_text(text, encoding="utf-8")
    note = ""
    if windows and carry_python:
        with cache_lock(cache):
            embedded = embedded_python(cache)
        note = check_authenticode(embedded)
        shutil.copytree(embedded, out / "python")
        (out / "python" / "python313._pth").write_text(embed_pth(), encoding="ascii", newline="")
    for name in ("verify.py", "install.py"):
        shutil.copy2(TEMPLATES / name, out / name)
    script = "install.bat" if windows else "install.sh"
    write_text(out / script, (TEMPLATES / script).read_text(encoding="utf-8"), windows=windows)
    if not windows:
        (out / script).chmod(0o755)
    manifest = {
        "format": "kehoach-installer", "version": project["version"], "platform": platform,
        "pythons": list(pythons), "carried_python": EMBED_PYTHON if windows and carry_python else None,
        "built": time.strftime("%Y-%m-%d"),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    readme = (TEMPLATES / "README.txt").read_text(encoding="utf-8")
    public = key.verify_key.encode().hex()
    readme = readme.format(
        version=project["version"], fingerprint=fingerprint(public), script=script,
        python=_python_note(windows, carry_python, pythons), data=_data_note(windows),
        run=".\\install.bat" if windows else "sh install.sh",
    )
    write_text(out / "README.txt", readme, windows=windows, bom=windows)
    print_ = sign_folder(out, key)
    if note:
        print(f"Windows interpreter: {note}")
    return print_


def _python_note(windows: bool, carried: bool, pythons: tuple[str, ...]) -> str:
    listed = ", ".join(pythons)
    if windows and carried:
        return (f"Thư mục đã kèm sẵn Python {EMBED_PYTHON} cho Windows (thư mục python\\),\n"
                f"không cần cài Python riêng. Máy đã có Python {listed} cũng dùng được.")
    return (f"Máy cần có sẵn Python {listed} (64-bit). Tệp cài đặt kiểm tra điều này trước\n"
            "và báo rõ nếu không thấy.")


def _data_note(windows: bool) -> str:
    if windows:
        return "%LOCALAPPDATA%\\kehoach-tui (chương trình ở thư mục con venv)"
    return "~/.local/share/kehoach-tui (chương trình ở thư mục con venv)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--platform", required=True, choices=("win_amd64", "linux"))
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--key", type=Path, default=None, help="release signing key (hex seed)")
    parser.add_argument("--wheel", type=Path, default=None, help="use this project wheel")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--reuse", action="store_true",
                        help="reuse earlier resolutions from the cache (no network when complete)")
    parser.add_argument("--python", action="append", choices=PYTHONS, default=None)
    parser.add_argument("--no-python", action="store_true", help="Windows: do not carry Python")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        print_ = build(args.platform, args.out, args.key or default_key_path(), wheel=args.wheel,
                       cache=args.cache, reuse=args.reuse, pythons=tuple(args.python or PYTHONS),
                       carry_python=not args.no_python)
    except BuildError as exc:
        print(f"build_installer: {exc}", file=sys.stderr)
        return 1
    count = sum(1 for _ in (args.out / "wheels").glob("*.whl"))
    print(f"{args.out}: {count} wheels, signed; {time.monotonic() - started:.1f} s")
    print(f"release key fingerprint: {print_}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
