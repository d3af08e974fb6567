"""The centre's mailbox key: each student's IMAP password encrypted at rest (Fernet).

The password is kept in `mailbox_settings.secret` only as a Fernet token (AES-128-CBC with
an HMAC-SHA256, from the `cryptography` package); the key is never in the database.

Keys are files, named by `--mailbox-key-file` (repeatable) or `FOLLOWUP_MAILBOX_KEY_FILE`
(several paths joined by the OS's path separator, `:`), else `mailbox-key` in the config
folder. Every web process and every worker of a centre must read the same files. The first
file is the current key: it encrypts. The others are older keys, still accepted for
decrypting (`MultiFernet`). To rotate: make a new key file, name it first and the old one
after it on every process, restart them; each sync re-encrypts a password made with an
older key under the current one (`Vault.fresh`); after a night's run, drop the old file.

A key file is read by the loader the centre's session key uses (`web.security.load_secret`:
32 random bytes or more; made with mode 0600 when the current one is missing). A file that
its group or others may read is refused. The Fernet key is derived from the file's bytes
with HKDF-SHA256, so any 32 random bytes or more serve (a `Fernet.generate_key()` too).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from followup.core.errors import FollowupError, UsageError

if TYPE_CHECKING:
    from cryptography.fernet import Fernet, MultiFernet

__all__ = ["KEY_ENV", "KEY_FILE", "Vault", "VaultError", "key_files", "load_vault"]

KEY_ENV = "FOLLOWUP_MAILBOX_KEY_FILE"
KEY_FILE = "mailbox-key"  # in the config folder, when nothing names one
_INFO = b"followup.mailbox.v1"  # HKDF's context: this key derives nothing else


class VaultError(FollowupError):
    """A stored password that none of the centre's keys decrypts."""


def _fernet_key(material: bytes) -> bytes:
    import base64

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(material)
    return base64.urlsafe_b64encode(derived)


def _private_problem(path: Path, option: str) -> str | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as e:
        return f"{option}: cannot read {path} ({e.strerror or type(e).__name__})"
    if not stat.S_ISREG(info.st_mode):
        return f"{option}: {path} is not a regular file"
    if info.st_mode & 0o077:
        return (f"{option}: {path} may be read by others (mode "
                f"{stat.S_IMODE(info.st_mode):04o}): chmod 600 {path}")
    return None


def key_files(given: Sequence[str] | None, environ: dict[str, str] | None = None,
              default_folder: Path | None = None) -> list[Path]:
    """The key files in order (current first): the option's, else the environment's, else
    `mailbox-key` in the config folder."""
    env = os.environ if environ is None else environ
    if given:
        return [Path(p).expanduser() for p in given]
    if env.get(KEY_ENV):
        return [Path(p).expanduser() for p in env[KEY_ENV].split(os.pathsep) if p]
    if default_folder is None:
        from followup.config.settings import config_dir

        default_folder = config_dir()
    return [default_folder / KEY_FILE]


def load_vault(paths: Sequence[Path], option: str = "--mailbox-key-file") -> Vault:
    """The vault of these key files; a clear one-line error naming the option and file for
    one that others may read, is not a file, or (an older key) is missing or short."""
    from cryptography.fernet import Fernet, MultiFernet

    from followup.web.security import load_secret

    if not paths:
        raise UsageError(f"{option}: no key file")
    keys: list[Fernet] = []
    for n, path in enumerate(paths):
        if problem := _private_problem(path, option):
            raise UsageError(problem)
        if n > 0:  # an older key is read, never made: a typo must not pass for a key
            try:
                material = path.read_bytes()
            except OSError as e:
                raise UsageError(f"{option}: cannot read the older key {path} "
                                 f"({e.strerror or type(e).__name__})") from None
            if len(material) < 32:
                raise UsageError(f"{option}: {path} holds {len(material)} bytes; a key is "
                                 "32 bytes or more")
        else:
            try:
                material = load_secret(path.parent, path.name)
            except OSError as e:
                raise UsageError(f"{option}: cannot read or make {path} "
                                 f"({e.strerror or type(e).__name__})") from None
        keys.append(Fernet(_fernet_key(material)))
    return Vault(keys[0], MultiFernet(keys))


@dataclass(frozen=True)
class Vault:
    """Encrypts with the current key; decrypts with any of the centre's keys."""

    current: Fernet
    every: MultiFernet

    def seal(self, password: str) -> str:
        return self.current.encrypt(password.encode("utf-8")).decode("ascii")

    def open(self, token: str) -> str:
        from cryptography.fernet import InvalidToken

        try:
            return self.every.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError, ValueError):
            raise VaultError("the stored password can't be decrypted with the centre's "
                             "mailbox keys: set the mailbox password again") from None

    def fresh(self, token: str) -> str | None:
        """The token re-encrypted under the current key when an older key made it; None
        when it is current already (nothing to write)."""
        from cryptography.fernet import InvalidToken

        try:
            self.current.decrypt(token.encode("ascii"))
            return None
        except (InvalidToken, ValueError):
            pass
        self.open(token)  # a clear error when no key at all decrypts it
        return self.every.rotate(token.encode("ascii")).decode("ascii")
