"""Every file the CLI reads is read with a cap (issue 20, item 7): `lint /dev/zero` read
5 GB in 10 s before it failed; now it and every other reader stop one byte past the cap
and say so in one line, exit 2, having written nothing."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from followup.cli import files

ZERO = "/dev/zero"


def run(tmp_path: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """The real entry point under a 512 MB address-space cap: reading 5 GB would fail."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))

    return subprocess.run([sys.executable, "-m", "followup", "--db", str(tmp_path / "f.db"),
                           *args], input=stdin.decode() if stdin else None,
                          capture_output=True, text=True, timeout=60, preexec_fn=cap)


@pytest.mark.parametrize(("args", "says"), [
    (["lint", ZERO], f"error: {ZERO}: more than 1,000,000 bytes; a message may have at most "
                     "1,000,000\n"),
    (["lint", "-", "--listing", ZERO], f"error: {ZERO}: more than 1,000,000 bytes; a listing "
                                       "may have at most 1,000,000\n"),
    (["plan", "--case", ZERO], f"error: {ZERO}: more than 64,000,000 bytes; a case file may "
                               "have at most 64,000,000\n"),
    (["import", ZERO], f"error: FILE: {ZERO}: more than 64,000,000 bytes; a case file or a "
                       "bundle may have at most 64,000,000\n"),
    (["import-invite", ZERO], f"error: FILE: {ZERO}: more than 25,000,000 bytes; an invite "
                              "or an email may have at most 25,000,000\n"),
    (["add", "opportunity", "--company", "Acme", "--role", "Analyst", "--listing-file", ZERO],
     f"error: --listing-file: {ZERO}: more than 1,000,000 bytes; a listing may have at most "
     "1,000,000\n"),
])
def test_an_endless_file_is_refused_in_one_line(tmp_path: Path, args: list[str],
                                                says: str) -> None:
    out = run(tmp_path, *args, stdin=b"Thank you for your time." if "-" in args else None)
    assert (out.returncode, out.stderr) == (2, says)


def test_endless_standard_input_is_refused_too(tmp_path: Path) -> None:
    with open(ZERO, "rb") as zero:
        out = subprocess.run([sys.executable, "-m", "followup", "lint", "-"], stdin=zero,
                             capture_output=True, text=True, timeout=60)
    assert (out.returncode, out.stderr) == (
        2, "error: -: more than 1,000,000 bytes; a message may have at most 1,000,000\n")


def test_a_file_at_the_cap_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"a" * files.MESSAGE_BYTES)
    assert len(files.read_text(path, files.MESSAGE_BYTES, "a message")) == files.MESSAGE_BYTES
    path.write_bytes(b"a" * (files.MESSAGE_BYTES + 1))
    with pytest.raises(Exception, match="more than 1,000,000 bytes"):
        files.read_text(path, files.MESSAGE_BYTES, "a message")
