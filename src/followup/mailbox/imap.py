"""The IMAP adapter: read-only, always.

Built on imapclient (chosen over imap-tools and aioimaplib: it is synchronous like the rest
of followup, returns parsed FETCH responses keyed by UID, and exposes exactly the commands
we need as methods: `select_folder(readonly=True)` is EXAMINE, `idle()`/`idle_check()` is
RFC 2177 IDLE, `oauth2_login` is SASL XOAUTH2, `find_special_folder` reads RFC 6154
SPECIAL-USE). Every folder is EXAMINEd, never SELECTed; every body is fetched as
`BODY.PEEK[...]`, which per RFC 3501 does not set `\\Seen`; no STORE, COPY, MOVE, EXPUNGE or
APPEND is ever sent. The password or token is passed in by the caller and never logged.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from followup.core.errors import FollowupError

if TYPE_CHECKING:
    from imapclient import IMAPClient

PASSWORD_ENV = "FOLLOWUP_IMAP_PASSWORD"
TOKEN_ENV = "FOLLOWUP_IMAP_TOKEN"  # an OAuth 2 access token, for XOAUTH2
KEYRING_SERVICE = "followup-imap"
TOKEN_KEYRING_SERVICE = "followup-imap-oauth"
SECURITY = ("tls", "starttls", "none")
BATCH = 500  # UIDs per FETCH command: short command lines, bounded memory


class ImapError(FollowupError):
    """The server can't be reached, refuses the login, or answers what we can't read."""


@dataclass(frozen=True, slots=True)
class ImapSettings:
    host: str
    port: int = 993
    user: str = ""
    security: str = "tls"  # tls (implicit, 993) | starttls (143) | none (loopback only)
    auth: str = "password"  # password | xoauth2
    cafile: str | None = None
    timeout: float = 60.0


@dataclass(frozen=True, slots=True)
class FolderState:
    name: str
    uidvalidity: int
    uidnext: int | None
    exists: int


def _secret(service: str, user: str) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            value = keyring.get_password(service, user)
        except KeyringError:
            value = None
    except ImportError:
        value = None
    return None if value is None else str(value)


def credential(settings: ImapSettings, environ: Mapping[str, str] | None = None) -> str:
    """The password (or for XOAUTH2 the access token): the environment first, then the OS
    keyring; never the config file or the database."""
    env = os.environ if environ is None else environ
    if settings.auth == "xoauth2":
        token = env.get(TOKEN_ENV) or _secret(TOKEN_KEYRING_SERVICE, settings.user)
        if not token:
            raise ImapError(f"no OAuth access token for {settings.user}: set {TOKEN_ENV}, or "
                            f"`keyring set {TOKEN_KEYRING_SERVICE} {settings.user}`")
        return token
    password = env.get(PASSWORD_ENV) or _secret(KEYRING_SERVICE, settings.user)
    if not password:
        raise ImapError(f"no IMAP password for {settings.user}: set {PASSWORD_ENV}, or "
                        f"`keyring set {KEYRING_SERVICE} {settings.user}`")
    return password


def keep_secret(settings: ImapSettings, secret: str) -> None:
    """Keep the password (or token) in the OS keyring, where `credential` looks for it: the
    web's mailbox form has no environment to set. A clear error when this machine has no
    keyring (nothing is written anywhere else)."""
    service = TOKEN_KEYRING_SERVICE if settings.auth == "xoauth2" else KEYRING_SERVICE
    what = TOKEN_ENV if settings.auth == "xoauth2" else PASSWORD_ENV
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        raise ImapError(f"no keyring on this machine to keep the password: set {what} "
                        "before starting followup web") from None
    try:
        keyring.set_password(service, settings.user, secret)
    except (KeyringError, RuntimeError) as e:  # NoKeyringError is both
        raise ImapError(f"no keyring on this machine to keep the password ({_one_line(e)}): "
                        f"set {what} before starting followup web") from None


def has_credential(settings: ImapSettings, environ: Mapping[str, str] | None = None) -> bool:
    try:
        credential(settings, environ)
    except ImapError:
        return False
    return True


def _context(cafile: str | None) -> ssl.SSLContext:
    if not cafile:
        return ssl.create_default_context()
    path = os.path.expanduser(cafile)
    try:
        return ssl.create_default_context(cafile=path)
    except (OSError, ssl.SSLError):
        raise ImapError(f"imap.cafile: cannot read a PEM certificate from {path}") from None


def _one_line(e: BaseException) -> str:
    text = e.args[0] if e.args else e
    if isinstance(text, bytes):
        text = text.decode(errors="replace")
    return " ".join(str(text).split()) or type(e).__name__


class Mailbox:
    """One read-only IMAP session. Use as a context manager."""

    def __init__(self, settings: ImapSettings, secret: str) -> None:
        self.settings = settings
        self._secret = secret
        self._client: IMAPClient | None = None
        self.bodies_fetched = 0  # what a no-op sync must leave at 0
        self.current: str | None = None  # the folder last examined
        self.where = f"{settings.host}:{settings.port}"

    def __enter__(self) -> Mailbox:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def client(self) -> IMAPClient:
        assert self._client is not None, "not connected"
        return self._client

    def open(self) -> None:
        from imapclient import IMAPClient
        from imapclient.exceptions import IMAPClientError, LoginError

        s = self.settings
        if s.security not in SECURITY:
            raise ImapError(f"imap.security: {s.security!r} is not one of {', '.join(SECURITY)}")
        context = _context(s.cafile) if s.security != "none" else None
        try:
            client = IMAPClient(s.host, port=s.port, ssl=s.security == "tls",
                                ssl_context=context, timeout=s.timeout)
            if s.security == "starttls":
                client.starttls(context)
            if s.auth == "xoauth2":
                client.oauth2_login(s.user, self._secret)
            else:
                client.login(s.user, self._secret)
        except LoginError as e:
            raise ImapError(f"{self.where}: login as {s.user} refused: {_one_line(e)}") from None
        except ssl.SSLCertVerificationError as e:
            raise ImapError(f"{self.where}: the server's certificate could not be verified "
                            f"({e.verify_message or _one_line(e)}); imap.cafile names a CA "
                            "file to trust") from None
        except (IMAPClientError, ssl.SSLError, OSError) as e:
            raise ImapError(f"{self.where}: cannot connect: {_one_line(e)}") from None
        client.normalise_times = False  # INTERNALDATE with its zone, not the machine's
        self._client = client

    def close(self) -> None:
        if self._client is not None:
            try:
                self._client.logout()
            except Exception:  # noqa: BLE001 - closing a dead connection is not an error
                pass
            self._client = None

    # -- folders -----------------------------------------------------------------------

    def folders(self) -> list[tuple[str, bool]]:
        """(name, is Sent) for INBOX and every folder marked `\\Sent` (RFC 6154); when the
        server marks none, a folder named like Sent."""
        listed = self.client.list_folders()
        names = [(name, {f.decode().lower() if isinstance(f, bytes) else str(f).lower()
                         for f in flags}) for flags, _delim, name in listed]
        sent = [n for n, flags in names if "\\sent" in flags]
        if not sent:
            sent = [n for n, _ in names if n.rsplit("/", 1)[-1].rsplit(".", 1)[-1].lower()
                    in {"sent", "sent items", "sent mail", "sent messages", "gesendet"}][:1]
        inbox = next((n for n, _ in names if n.upper() == "INBOX"), "INBOX")
        return [(inbox, False)] + [(n, True) for n in sent if n != inbox]

    def examine(self, folder: str) -> FolderState:
        """Open the folder read-only (EXAMINE): nothing in it can change through us."""
        info = self._call(lambda: self.client.select_folder(folder, readonly=True))
        self.current = folder
        uidnext = info.get(b"UIDNEXT")
        return FolderState(folder, int(info.get(b"UIDVALIDITY", 0)),
                           None if uidnext is None else int(uidnext), int(info.get(b"EXISTS", 0)))

    def new_uids(self, after: int, since: date | None = None) -> list[int]:
        """UIDs above `after` (ascending); `since` bounds a first sync to recent mail."""
        criteria: list[Any] = ["UID", f"{after + 1}:*"]
        if since is not None:
            criteria += ["SINCE", since]
        uids = self._call(lambda: self.client.search(criteria))
        return sorted(u for u in uids if u > after)  # `N:*` also returns the last one

    def headers(self, uids: Sequence[int], fields: Sequence[str], limit: int = 64 * 1024 + 1
                ) -> Iterator[tuple[int, bytes, datetime | None]]:
        """The header block of each message (BODY.PEEK[HEADER.FIELDS ...]<0.limit>: at most
        `limit` bytes, so a 9 MB header costs 64 KB) and its INTERNALDATE (when the server
        received it, timezone-aware), in UID order."""
        item = f"BODY.PEEK[HEADER.FIELDS ({' '.join(fields)})]<0.{limit}>"
        for start in range(0, len(uids), BATCH):
            chunk = list(uids[start:start + BATCH])
            got = self._call(lambda c=chunk: self.client.fetch(c, [item, "INTERNALDATE"]))
            for uid in chunk:
                data = got.get(uid, {})
                raw = next((v for k, v in data.items() if k.startswith(b"BODY[HEADER")), b"")
                arrived = data.get(b"INTERNALDATE")
                yield uid, raw or b"", arrived if isinstance(arrived, datetime) else None

    def bodies(self, uids: Sequence[int], limit: int = 256 * 1024
               ) -> Iterator[tuple[int, bytes]]:
        """Whole messages, at most `limit` bytes each (BODY.PEEK[]<0.limit>: no \\Seen)."""
        item = f"BODY.PEEK[]<0.{limit}>"
        for start in range(0, len(uids), BATCH // 5):
            chunk = list(uids[start:start + BATCH // 5])
            got = self._call(lambda c=chunk: self.client.fetch(c, [item]))
            for uid in chunk:
                data = got.get(uid, {})
                raw = next((v for k, v in data.items() if k.startswith(b"BODY[")), b"")
                self.bodies_fetched += 1
                yield uid, raw or b""

    def wait_for_news(self, timeout: float) -> bool:
        """IDLE (RFC 2177) on the folder last examined until the server says something
        changed (True) or `timeout` seconds pass (False)."""
        client = self.client
        if b"IDLE" not in client.capabilities():
            import time

            time.sleep(timeout)
            return True
        self._call(client.idle)
        try:
            responses = client.idle_check(timeout=timeout)
        finally:
            self._call(client.idle_done)
        return bool(responses)

    def _call(self, fn: Any) -> Any:
        from imapclient.exceptions import IMAPClientError

        try:
            return fn()
        except (IMAPClientError, OSError, ssl.SSLError) as e:
            raise ImapError(f"{self.where}: {_one_line(e)}") from None
