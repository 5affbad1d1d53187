"""One run at a time: an advisory lock on a file in the data directory, released by the OS if the process dies."""
from __future__ import annotations

import fcntl
import os
from pathlib import Path


class Busy(Exception):
    """Another Blindaje run holds the lock."""


class RunLock:
    """`with RunLock(data_dir):` – raises Busy (naming the holder's pid) when another run is in progress."""

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / "blindaje.lock"
        self.fh = None

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fh = open(self.path, "a+")
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.fh.seek(0)
            holder = self.fh.read().strip() or "unknown"
            self.fh.close()
            raise Busy(f"another Blindaje run is in progress (pid {holder}, lock {self.path})") from None
        self.fh.seek(0)
        self.fh.truncate()
        self.fh.write(str(os.getpid()))
        self.fh.flush()
        return self

    def __exit__(self, *exc):
        if self.fh:
            self.fh.seek(0)
            self.fh.truncate()
            fcntl.flock(self.fh, fcntl.LOCK_UN)
            self.fh.close()
        return False
