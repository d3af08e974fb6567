"""Spreadsheet files: the four CSV files of a folder, and one XLSX workbook (openpyxl).

The adapter between `followup.core.sheets` (rows of text, pure) and the file system. Writing
is all or nothing: every file goes to a temporary name first and is renamed into place only
when all of them were written.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from followup.core.errors import UsageError
from followup.core.sheets import (
    COLUMNS,
    OPPORTUNITIES,
    REQUIRED,
    Row,
    SheetError,
    Table,
    csv_text,
    read_csv,
)

__all__ = ["MAX_FILE_BYTES", "read_csv_folder", "read_text", "write_csv_folder"]

MAX_FILE_BYTES = 256 * 1024 * 1024  # a file larger than this is not a tracker export


def read_text(path: Path, label: str | None = None) -> str:
    """A file's text (UTF-8, a byte-order mark allowed), or a one-line error naming it."""
    name = label or str(path)
    try:
        if not path.is_file():  # a device or a FIFO may never end, or never start
            raise SheetError(name, None, None, "not a regular file")
        with path.open("rb") as stream:  # read to the cap, never further (st_size may lie)
            data = stream.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise SheetError(name, None, None, f"larger than {MAX_FILE_BYTES // 2**20} MiB")
    except FileNotFoundError:
        raise SheetError(name, None, None, "no such file") from None
    except OSError as e:
        raise SheetError(name, None, None, f"cannot read: {e.strerror or e}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SheetError(name, None, None, f"not UTF-8 text (byte {e.start + 1}); save it as "
                                           "CSV UTF-8") from None


def read_csv_folder(folder: Path) -> dict[str, Table]:
    """The four files of `folder` (opportunities.csv required, the others when present)."""
    if not folder.is_dir():
        raise UsageError(f"--csv: {folder} is not a folder")
    tables: dict[str, Table] = {}
    for name, columns in COLUMNS.items():
        path = folder / name
        if not path.exists() and name != OPPORTUNITIES:
            continue
        tables[name] = read_csv(name, read_text(path, name), columns, REQUIRED[name])
    return tables


def write_csv_folder(folder: Path, tables: Mapping[str, Sequence[Row]]) -> list[Path]:
    """The four files into `folder` (made if missing), all or none."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"--csv: cannot make {folder}: {e.strerror or e}") from None
    written: list[tuple[Path, Path]] = []
    try:
        for name in COLUMNS:
            final = folder / name
            tmp = folder / f".{name}.tmp"
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                f.write(csv_text(name, tables.get(name, [])))
            written.append((tmp, final))
    except OSError as e:
        for tmp, _ in written:
            tmp.unlink(missing_ok=True)
        (folder / f".{name}.tmp").unlink(missing_ok=True)
        raise UsageError(f"--csv: cannot write {folder / name}: {e.strerror or e}") from None
    for tmp, final in written:
        os.replace(tmp, final)
    return [final for _, final in written]
