"""An OS keyring kept in memory: the edge of the world the mailbox forms write the password
to (CI has no Secret Service). `installed()` swaps it in for one test and puts the real one
(the `fail` backend here) back after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]  # only ever set explicitly

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@contextmanager
def installed(backend: KeyringBackend | None = None) -> Iterator[KeyringBackend]:
    import keyring

    before = keyring.get_keyring()
    ring = backend if backend is not None else MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(before)
