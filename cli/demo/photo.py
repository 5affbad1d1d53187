"""Real photos fetched from PyPI, never committed: the demo's one face and the faces benchmark's sources."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

# Grace Hopper's official US Navy portrait (public domain), as matplotlib's wheels ship it: the same bytes in every
# wheel of the release, whatever the platform.
MATPLOTLIB = "matplotlib==3.11.2"
HOPPER = "matplotlib/mpl-data/sample_data/grace_hopper.jpg"
HOPPER_SHA256 = "a8ca6d734765703b09728ab47fe59f473d93ae3967fc24c7c0288c3c7adb7130"
PIP_SECONDS = 300  # a pip that hangs (a proxy that never answers) must not hang the demo


class FetchError(Exception):
    """A photo could not be fetched from the package registry; the message says why in one line."""


def pip_download(spec: str, dest: Path, *, binary: bool = True) -> Path:
    """Download one distribution of `spec` (a wheel, or with binary=False the sdist) into `dest`; its path."""
    flag = "--only-binary" if binary else "--no-binary"
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "--no-input",
           "--retries", "1", flag, ":all:", "--dest", str(dest), spec]
    try:
        subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=PIP_SECONDS)
    except subprocess.CalledProcessError as exc:
        lines = [line for line in (exc.stderr or "").splitlines() if line.strip()]
        why = lines[-1].strip().removeprefix("ERROR: ") if lines else "no stderr"
        raise FetchError(f"pip download {spec} failed: {why}") from None
    except subprocess.TimeoutExpired:
        raise FetchError(f"pip download {spec} gave no answer in {PIP_SECONDS} s") from None
    found = [p for p in Path(dest).iterdir() if p.name.endswith((".whl", ".tar.gz", ".zip"))]
    if not found:
        raise FetchError(f"pip download {spec} saved no archive")
    return found[0]


def extract(archive: Path, members: dict[str, str], dest: Path) -> None:
    """Write each archive member (a path inside the wheel or sdist) to dest/name, for `members` {member: name}."""
    member = ""
    try:
        if archive.name.endswith(".tar.gz"):
            with tarfile.open(archive) as tar:
                for member, name in members.items():
                    (dest / name).write_bytes(tar.extractfile(member).read())  # type: ignore[union-attr]
        else:
            with zipfile.ZipFile(archive) as zf:
                for member, name in members.items():
                    (dest / name).write_bytes(zf.read(member))
    except KeyError:
        raise FetchError(f"{archive.name} lacks {member}") from None
    except (tarfile.TarError, zipfile.BadZipFile) as exc:
        raise FetchError(f"{archive.name} is not a readable archive: {exc}") from None


def _pinned(path: Path) -> bool:
    return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == HOPPER_SHA256


def fetch_hopper(cache: Path) -> Path:
    """Grace Hopper's portrait in `cache` (fetched from PyPI the first time, ~10 MB, the wheel then deleted), checked
    against its pinned SHA-256. Raises FetchError."""
    photo = Path(cache) / Path(HOPPER).name
    if _pinned(photo):
        return photo
    try:
        photo.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=photo.parent, prefix=".fetch-") as tmp:
            extract(pip_download(MATPLOTLIB, Path(tmp)), {HOPPER: photo.name}, Path(tmp))
            if not _pinned(Path(tmp) / photo.name):
                raise FetchError(f"{HOPPER} in {MATPLOTLIB} is not the pinned photo (SHA-256 {HOPPER_SHA256[:12]}…)")
            os.replace(Path(tmp) / photo.name, photo)  # one rename: a concurrent demo never reads half a photo
    except OSError as exc:
        raise FetchError(f"cannot write to {photo.parent}: {exc}") from None
    return photo
