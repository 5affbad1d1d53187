"""`blindaje doctor`: is this installation able to run tonight? One check per line, ok or problem, and what to do."""
from __future__ import annotations

import errno
import fcntl
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

MIN_FREE_BYTES = 1 << 30  # a night of a large portal: its pages' bodies, WARC captures and reports (README)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'ok' if self.ok else 'problem'}: {self.name}: {self.detail}"


def storage_problem(e: BaseException, data_dir: Path) -> tuple[str, int] | None:
    """What a command says, in one line, when the data directory, the database or a file it writes cannot be used,
    and its exit status (2: the setup is wrong, fix it; 1: the storage failed); None for any other error."""
    from blindaje.store.db import StoreError, storage_failure

    db = Path(data_dir) / "blindaje.db"
    if isinstance(e, StoreError):
        return str(e), 2
    if isinstance(e, OSError):
        if e.errno in (None, errno.EPIPE) or not e.filename and storage_failure(e) is None:
            return None
        where = Path(os.fsdecode(e.filename)) if e.filename else None
        if where is not None and not _inside(where, data_dir):  # --output, --out, a configuration file
            return f"{where}: {e.strerror}", 1 if e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO) else 2
    cause = storage_failure(e)
    if cause is None:
        if not isinstance(e, OSError):
            return None
        cause = f"{e.strerror}: {e.filename}"
    text = cause.lower()
    if "full" in text or "no space" in text or "quota" in text:
        return f"no space left for the data directory {data_dir} ({cause}): free space, then run again", 1
    if any(w in text for w in ("readonly", "read-only", "permission denied", "not permitted", "unable to open")):
        return (f"cannot write to the data directory {data_dir} ({cause}): make it writable by this user, or choose "
                "another with --data"), 2
    if isinstance(e, sqlite3.DatabaseError):
        return (f"the database {db} is damaged ({cause}): restore it from a backup, or move it aside to start a new "
                "one; `blindaje doctor` checks it"), 1
    if "input/output" in text:
        return f"the data directory {data_dir} cannot be read or written ({cause}): check the disk", 1
    return f"the data directory {data_dir} cannot be used ({cause}): check --data", 2


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.absolute().is_relative_to(Path(folder).absolute())
    except (OSError, ValueError):
        return False


def check_configuration(config_dir: Path):
    """(Check, the configuration or None)."""
    from blindaje.audit.loader import ConfigError
    from blindaje.config import load_config

    try:
        config = load_config(config_dir)
    except ConfigError as e:
        first = e.problems[0] if e.problems else str(e)
        more = f" (and {len(e.problems) - 1} more: `blindaje validate` lists them)" if len(e.problems) > 1 else ""
        return Check("configuration", False, f"{config_dir}: {first}{more}"), None
    return Check("configuration", True, f"{config_dir}: {len(config.portals)} portal(s), "
                 f"{len(config.officials)} official(s), {len(config.rules.rules)} rule(s)"), config


def check_data_directory(data_dir: Path, min_free: int = MIN_FREE_BYTES) -> list[Check]:
    data_dir = Path(data_dir)
    if not data_dir.exists():
        parent = next((p for p in data_dir.absolute().parents if p.exists()), None)
        if parent is None or not parent.is_dir() or not os.access(parent, os.W_OK):
            return [Check("data directory", False, f"{data_dir} does not exist and cannot be created under {parent}:"
                          " create it, or choose another with --data")]
        return [Check("data directory", True, f"{data_dir} does not exist yet: the first crawl creates it")]
    if not data_dir.is_dir():
        return [Check("data directory", False, f"{data_dir} is not a directory: choose another with --data")]
    try:  # really writable (a read-only mount, a full disk or root's view of permissions: os.access cannot tell)
        with tempfile.NamedTemporaryFile(dir=data_dir, prefix=".doctor-"):
            pass
    except OSError as e:
        return [Check("data directory", False, f"{data_dir} is not writable ({e.strerror}): make it writable by "
                      "this user, or choose another with --data")]
    out = [Check("data directory", True, f"{data_dir} is writable")]
    free = shutil.disk_usage(data_dir).free
    out.append(Check("free space", free >= min_free, f"{free / (1 << 30):.1f} GiB free in {data_dir}"
                     + ("" if free >= min_free else f", under {min_free / (1 << 30):.1f} GiB: free space")))
    return out


def _lock_held(data_dir: Path) -> bool:
    """Does a running crawl hold the run lock (cli/lock.py)?"""
    path = Path(data_dir) / "blindaje.lock"
    if not path.exists():
        return False
    try:
        with open(path) as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(fh, fcntl.LOCK_UN)
    except OSError:
        return False
    return False


def check_database(data_dir: Path) -> list[Check]:
    """The database read-only: integrity, migrations, runs left 'running' (the file is never changed here)."""
    from sqlite_utils import Database

    from blindaje.store.db import integrity_problems, migrations, open_read_only, running_runs

    path = Path(data_dir) / "blindaje.db"
    if not path.exists():
        return [Check("database", True, f"{path} does not exist yet: the first crawl creates it")]
    try:
        conn = open_read_only(path)
    except sqlite3.Error as e:
        return [Check("database", False, f"{path} cannot be opened ({e}): check its permissions")]
    try:
        try:
            result = integrity_problems(conn)
        except sqlite3.DatabaseError as e:
            if isinstance(e, sqlite3.OperationalError) and ("readonly" in str(e) or "unable to open" in str(e)):
                return [Check("database", False, f"{path} cannot be read ({e}): its directory must be writable "
                              "(SQLite's write-ahead log)")]
            return [Check("database", False, f"{path} is damaged ({e}): restore it from a backup, or move it aside "
                          "to start a new one")]
        if result != ["ok"]:
            return [Check("database", False, f"{path} is damaged ({'; '.join(result)[:300]}): restore it from a "
                          "backup, or move it aside to start a new one")]
        out = [Check("database", True, f"{path}: integrity ok, {path.stat().st_size / (1 << 20):.1f} MB")]
        db = Database(conn)
        applied = {m.name for m in migrations.applied(db)}
        pending = [m.name for m in migrations.pending(db)]
        known = {m.name for m in migrations._migrations}  # sqlite-utils 4 keeps its registry without a public list
        unknown = sorted(applied - known)
        if unknown:
            out.append(Check("migrations", False, f"applied by a newer Blindaje: {', '.join(unknown)}: upgrade "
                             "Blindaje"))
        elif pending:
            out.append(Check("migrations", False, f"not applied: {', '.join(pending)}: the next `blindaje crawl` "
                             "(or any command that opens the database for writing) applies them"))
        else:
            out.append(Check("migrations", True, f"all {len(applied)} applied"))
        stuck = running_runs(conn) if db["runs"].exists() else []
        if stuck and not _lock_held(data_dir):
            out.append(Check("runs", False, "; ".join(f"run {i} started {s} (pid {p}) is left 'running'" for i, s, p
                                                      in stuck) + ": its process died; the next crawl marks it "
                             "interrupted"))
        elif stuck:
            out.append(Check("runs", True, f"run {stuck[-1][0]} in progress (pid {stuck[-1][2]})"))
        else:
            out.append(Check("runs", True, "none left running"))
        return out
    except sqlite3.DatabaseError as e:
        return [Check("database", False, f"{path} cannot be read ({e}): restore it from a backup, or move it aside")]
    finally:
        conn.close()


def check_tools(config) -> list[Check]:
    """Tesseract (text in images), Chromium (dossier screenshots), the face model (officials' photos)."""
    from blindaje.reports.screenshot import find_chromium

    out = []
    crawl = config.settings.crawl if config is not None else None
    if crawl is not None and not crawl.ocr:
        out.append(Check("tesseract", True, "not used (crawl.ocr is false)"))
    else:
        from blindaje.audit.ocr import ocr_engine

        engine = ocr_engine()
        out.append(Check("tesseract", True, engine.version) if not isinstance(engine, str) else
                   Check("tesseract", False, f"{engine}: text in images is not read (install tesseract-ocr and its "
                         "Spanish data, or set crawl.ocr: false)"))
    chromium = find_chromium()
    out.append(Check("chromium", True, chromium) if chromium else
               Check("chromium", False, "not found: evidence dossiers have no screenshot (install chromium)"))
    photos = config is not None and any(o.photos for o in config.officials)
    if not photos:
        out.append(Check("face model", True, "not needed (no official has reference photos)"))
    else:
        from blindaje.audit.portraits import face_model

        model = face_model()
        out.append(Check("face model", not model.error, model.version if not model.error else
                         f"{model.error}: officials' faces are not checked (install the faces extra)"))
    return out


def diagnose(config_dir: Path, data_dir: Path) -> list[Check]:
    """Every check, in order; a check that raises is a problem, never a traceback."""
    checks, config = [], None
    steps = [("configuration", lambda: check_configuration(config_dir)),
             ("data directory", lambda: check_data_directory(data_dir)),
             ("database", lambda: check_database(data_dir)),
             ("tools", lambda: check_tools(config))]
    for name, step in steps:
        try:
            result = step()
        except Exception as e:  # noqa: BLE001 - doctor reports, it never fails
            checks.append(Check(name, False, f"could not be checked: {type(e).__name__}: {e}"))
            continue
        if name == "configuration":
            result, config = result
        checks.extend(result if isinstance(result, list) else [result])
    return checks
