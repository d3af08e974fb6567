"""A CA bundle named for an SMTP or IMAP server (`--smtp-cafile`, `imap.cafile`, the Inbox
page's form), checked before anything reads it: `ssl.create_default_context(cafile=...)`
reads /dev/zero until memory runs out, blocks for good on a FIFO, and reads a 5 GB file
whole. Refused in one line instead: not a regular file, unreadable, or past MAX_CAFILE.
"""

from __future__ import annotations

import os
import stat

MAX_CAFILE = 10_000_000  # bytes: the system's whole bundle is about 200 KB


def cafile_problem(path: str) -> str | None:
    """What is wrong with `path` as a PEM CA bundle, or None. Reads no byte of it."""
    if len(path) > 4096 or "\x00" in path:
        return "not a file path"
    full = os.path.expanduser(path)
    try:
        info = os.stat(full)  # follows a link: what a reader would open
    except OSError as e:
        return f"cannot open {path[:80]!r} ({e.strerror or 'no such file'})"
    if not stat.S_ISREG(info.st_mode):
        what = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        return f"{path[:80]!r} is {what} (a PEM file of CA certificates is expected)"
    if info.st_size > MAX_CAFILE:
        return (f"{path[:80]!r} is {info.st_size:,} bytes; a CA bundle is at most "
                f"{MAX_CAFILE:,}")
    if not os.access(full, os.R_OK):
        return f"cannot read {path[:80]!r} (permission denied)"
    return None
