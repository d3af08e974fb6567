"""Files followup writes hold a job search: created readable by their owner alone (0600).

The database (and SQLite's -wal/-shm beside it, which take its mode), backups and exports
are made 0600 and their folders 0700, like the web secret. A write aimed at something
that is not a regular file (a device such as /dev/null, a FIFO, a folder) is refused
before anything is written: `backup /dev/sda` must never replace a device node, and a
FIFO would block. Writes go to a temporary file beside the target, then rename over it,
so a crash never leaves half a file under the name the user gave.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from followup.core.errors import FollowupError

__all__ = ["FILE_MODE", "FOLDER_MODE", "NotAFileError", "create_private", "make_folder",
           "refuse_special", "write_private"]

FILE_MODE = 0o600
FOLDER_MODE = 0o700


class NotAFileError(FollowupError):
    """The path names a device, a FIFO, a socket or a folder, not a file."""


def refuse_special(path: Path, what: str = "") -> None:
    """Refuse, in one line, a path that exists and is not a regular file (links followed)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as e:
        raise NotAFileError(f"{what}{path}: cannot use it ({e.strerror})") from None
    if not stat.S_ISREG(mode):
        kind = ("a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
        raise NotAFileError(f"{what}{path}: is {kind}, not a regular file; give a file name")


def make_folder(folder: Path) -> None:
    """`folder` and its missing parents, new ones 0700."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)


def create_private(path: Path) -> None:
    """Create `path` empty and 0600 if it does not exist (SQLite then fills it)."""
    refuse_special(path)
    make_folder(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)


def write_private(path: Path, data: bytes, what: str = "") -> None:
    """Write `data` to `path` whole (temporary file, then rename), mode 0600."""
    refuse_special(path, what)
    make_folder(path.parent)
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
