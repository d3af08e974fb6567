"""The centre's mailbox key (mailbox/vault.py): a password sealed is never readable in the
token, opens with the current or an older key, and a key file anyone else may read is
refused with one line naming it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, MultiFernet
from hypothesis import given
from hypothesis import strategies as st

from followup.core.errors import UsageError
from followup.mailbox.vault import KEY_ENV, Vault, VaultError, key_files, load_vault


def _key(path: Path, data: bytes | None = None) -> Path:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data if data is not None else os.urandom(32))
    return path


@given(st.text(min_size=1, max_size=200))
def test_a_sealed_password_opens_as_itself_and_never_shows_in_the_token(
        password: str) -> None:
    vault = VAULT
    token = vault.seal(password)
    assert vault.open(token) == password
    assert password not in token or len(password) < 4  # a short text may occur by chance
    assert vault.seal(password) != token  # a fresh IV each time: equal passwords look unequal


def test_a_missing_current_key_is_made_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "mailbox-key"
    first = load_vault([path])
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    token = first.seal("hunter2")
    assert load_vault([path]).open(token) == "hunter2"  # the same file, the same key


def test_a_key_file_others_may_read_is_refused_naming_it(tmp_path: Path) -> None:
    path = _key(tmp_path / "k")
    path.chmod(0o644)
    with pytest.raises(UsageError, match=r"--mailbox-key-file: .*k may be read by others "
                                         r"\(mode 0644\): chmod 600"):
        load_vault([path])


def test_an_older_key_must_exist_and_be_a_key(tmp_path: Path) -> None:
    current = _key(tmp_path / "new")
    with pytest.raises(UsageError, match="cannot read the older key"):
        load_vault([current, tmp_path / "typo"])
    with pytest.raises(UsageError, match="holds 5 bytes"):
        load_vault([current, _key(tmp_path / "short", b"short")])
    assert not (tmp_path / "typo").exists()  # never made: a typo must not pass for a key


def test_rotation_reads_old_tokens_and_moves_them_to_the_current_key(tmp_path: Path) -> None:
    old, new = _key(tmp_path / "old"), _key(tmp_path / "new")
    token = load_vault([old]).seal("s3cret")
    rotating = load_vault([new, old])
    assert rotating.open(token) == "s3cret"
    fresh = rotating.fresh(token)
    assert fresh is not None and rotating.fresh(fresh) is None  # current now: nothing to do
    assert load_vault([new]).open(fresh) == "s3cret"  # the old file can go
    with pytest.raises(VaultError, match="set the mailbox password again"):
        load_vault([new]).open(token)
    with pytest.raises(VaultError):
        load_vault([new]).open("not a token")


def test_the_key_files_come_from_the_option_else_the_environment(tmp_path: Path) -> None:
    assert key_files(["/a", "/b"], {KEY_ENV: "/c"}) == [Path("/a"), Path("/b")]
    assert key_files(None, {KEY_ENV: f"/c{os.pathsep}/d"}) == [Path("/c"), Path("/d")]
    assert key_files(None, {}, tmp_path) == [tmp_path / "mailbox-key"]


_KEY = Fernet(Fernet.generate_key())
VAULT = Vault(_KEY, MultiFernet([_KEY]))  # no file: the property test makes none
