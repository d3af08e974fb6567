"""Every file the CLI reads, read with a cap (issue 20, item 7): `lint /dev/zero` read 5 GB
in 10 s before it failed. A file (or standard input, `-`) is read up to its cap and one
byte more; one byte more is refused in one line (exit 2), whatever the file is: a device,
a pipe that never ends, or a regular file that is simply too big.

The caps (README "Limits"): a message to lint or a draft 1 MB, a job listing 1 MB (a
listing is stored up to 100,000 characters), an invite or `.eml` 25 MB, a case file or a
bundle 64 MB.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from followup.calendar.budget import MAX_FILE_BYTES as INVITE_BYTES
from followup.core.errors import UsageError

MESSAGE_BYTES = 1_000_000
LISTING_BYTES = 1_000_000
CASE_FILE_BYTES = 64_000_000
ROSTER_BYTES = 16_000_000  # `centre add-users`: 100,000 people of 160 bytes

__all__ = ["CASE_FILE_BYTES", "INVITE_BYTES", "LISTING_BYTES", "MESSAGE_BYTES", "ROSTER_BYTES",
           "read_bytes",
           "read_text"]


def _read_capped(stream: BinaryIO, cap: int) -> bytes:
    chunks: list[bytes] = []
    left = cap + 1
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_bytes(path: str | Path, cap: int, noun: str, what: str = "") -> bytes:
    """The file's bytes (standard input for `-`), refused when longer than `cap`; errors
    name the option (`what`, when there is one) and the file."""
    name = str(path)
    shown = f"{what}: {name}" if what else name
    try:
        if name == "-":
            data = _read_capped(sys.stdin.buffer, cap)
        else:
            with open(name, "rb") as f:
                data = _read_capped(f, cap)
    except OSError as e:
        raise UsageError(f"{shown}: cannot read: {e.strerror or e}") from None
    if len(data) > cap:
        raise UsageError(f"{shown}: more than {cap:,} bytes; {noun} may have at most {cap:,}")
    return data


def read_text(path: str | Path, cap: int, noun: str, what: str = "") -> str:
    """The file as UTF-8 text (a byte-order mark dropped), refused when longer than `cap`."""
    data = read_bytes(path, cap, noun, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        shown = f"{what}: {path}" if what else str(path)
        raise UsageError(f"{shown}: cannot read: not UTF-8 text (byte {e.start:,})") from None
