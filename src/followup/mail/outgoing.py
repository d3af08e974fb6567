"""Email out: a draft as a standards-compliant `.eml`, a `mailto:` link, and SMTP sending.

An adapter: it builds messages with Python's `email` package and talks SMTP with
`smtplib`. It reads no clock (the caller passes the `Date`) and no config file (the caller
passes `SmtpSettings`); the password comes from the environment or the OS keyring, never
from the config file or the database. `keyring` is imported only when a password is needed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from typing import TYPE_CHECKING
from urllib.parse import quote

from followup.core.errors import FollowupError

if TYPE_CHECKING:
    import ssl

PASSWORD_ENV = "FOLLOWUP_SMTP_PASSWORD"
KEYRING_SERVICE = "followup-smtp"


class MailError(FollowupError):
    """A draft that cannot be written, or a message that could not be sent."""


@dataclass(frozen=True, slots=True)
class Draft:
    """A note as the user edits it: `Subject: ...`, a blank line, the body."""

    subject: str
    body: str

    @classmethod
    def from_text(cls, text: str, source: str = "draft") -> Draft:
        """Split `followup draft`'s output: a first line `Subject: ...`, then the body."""
        lines = text.replace("\r\n", "\n").split("\n")
        if not lines or not lines[0].lower().startswith("subject:"):
            raise MailError(f"{source}:1: an email draft starts with a line `Subject: ...`")
        subject = lines[0].split(":", 1)[1].strip()
        if not subject:
            raise MailError(f"{source}:1: the subject line is empty")
        rest = lines[1:]
        while rest and not rest[0].strip():
            rest = rest[1:]
        body = "\n".join(rest).rstrip() + "\n"
        if not body.strip():
            raise MailError(f"{source}: the draft has a subject but no body")
        return cls(subject, body)

    def text(self) -> str:
        return f"Subject: {self.subject}\n\n{self.body}"


def _address(name: str | None, email: str, what: str) -> Address:
    if "@" not in email or any(ch.isspace() for ch in email.strip()):
        raise MailError(f"{what}: not an email address: {email!r}")
    from followup.core.limits import text_problem

    for part, value in (("name", name or ""), ("address", email)):
        if text_problem(value, line=True):  # "Dana\r\nBcc: ..." would be a header injection
            who = "the recipient" if text_problem(what, line=True) else what
            raise MailError(f"{who}: the {part} {value[:60]!r} holds a line break or control "
                            "character (fix: followup doctor --fix)")
    local, _, domain = email.strip().rpartition("@")
    return Address(display_name=name or "", username=local, domain=domain)


def build_message(
    draft: Draft, *, to_name: str | None, to_email: str | None, from_name: str | None = None,
    from_email: str | None = None, date: datetime, unsent: bool = False,
) -> EmailMessage:
    """An RFC 5322 message: `To` with the person's name, UTF-8 text body, `Date` from the
    caller. `unsent` adds `X-Unsent: 1`, which Outlook and Thunderbird read as "open this as
    a draft to edit and send" rather than as a received message."""
    if date.tzinfo is None:
        raise ValueError("date must be timezone-aware")
    msg = EmailMessage(policy=SMTP)
    if from_email:
        sender = _address(from_name, from_email, "your email (followup profile --email)")
        msg["From"] = sender
    if to_email:  # an unsent draft may leave the address for the user to fill in
        msg["To"] = _address(to_name, to_email, f"{to_name or 'recipient'}'s email")
    msg["Subject"] = draft.subject
    msg["Date"] = format_datetime(date)
    domain = from_email.rpartition("@")[2] if from_email else "followup.invalid"
    msg["Message-ID"] = make_msgid(domain=domain)
    if unsent:
        msg["X-Unsent"] = "1"
    body = draft.body if draft.body.endswith("\n") else draft.body + "\n"
    cte = "7bit" if body.isascii() and all(len(line) <= 998 for line in body.splitlines()) \
        else "quoted-printable"
    msg.set_content(body, subtype="plain", charset="utf-8", cte=cte)
    return msg


def to_bytes(msg: EmailMessage) -> bytes:
    """The message as it goes on the wire and into a `.eml` file: CRLF line ends."""
    return msg.as_bytes(policy=SMTP)


def mailto_link(draft: Draft, to_email: str) -> str:
    """A `mailto:` URI (RFC 6068) that opens the draft in the default mail program."""
    body = draft.body.replace("\r\n", "\n").replace("\n", "\r\n")
    return (f"mailto:{quote(to_email, safe='@')}?subject={quote(draft.subject, safe='')}"
            f"&body={quote(body, safe='')}")


# -- sending ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int = 587
    starttls: bool = True
    user: str | None = None
    timeout: float = 30.0
    cafile: str | None = None  # PEM CA bundle to trust instead of the system's store


def smtp_password(settings: SmtpSettings, environ: Mapping[str, str] | None = None
                  ) -> str | None:
    """The SMTP password: `FOLLOWUP_SMTP_PASSWORD`, else the OS keyring (service
    `followup-smtp`, the user name); None when there is no user to log in as."""
    env = os.environ if environ is None else environ
    if env.get(PASSWORD_ENV):
        return env[PASSWORD_ENV]
    if not settings.user:
        return None
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            password = keyring.get_password(KEYRING_SERVICE, settings.user)
        except KeyringError:
            password = None
    except ImportError:
        password = None
    if password is None:
        raise MailError(
            f"no SMTP password for {settings.user}: set {PASSWORD_ENV}, or store it with "
            f"`keyring set {KEYRING_SERVICE} {settings.user}`")
    return str(password)


def _said(reply: bytes | str) -> str:
    return _one_line(reply.decode(errors="replace") if isinstance(reply, bytes) else reply)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _tls_context(cafile: str | None) -> ssl.SSLContext:
    """A verifying client context: the system's trust store, or only the CAs in `cafile`.

    Verification (certificate chain and host name) is never turned off; a self-signed or
    private-CA server is trusted by naming its certificate in `smtp.cafile`.
    """
    import ssl

    if not cafile:
        return ssl.create_default_context()
    path = os.path.expanduser(cafile)
    try:
        return ssl.create_default_context(cafile=path)
    except FileNotFoundError:
        raise MailError(f"smtp.cafile: no such file: {path}") from None
    except ssl.SSLError:
        raise MailError(f"smtp.cafile: {path}: no PEM certificate in it") from None
    except OSError as e:
        raise MailError(f"smtp.cafile: cannot read {path}: {e.strerror or e}") from None


def send(data: bytes, *, sender: str, recipients: list[str], settings: SmtpSettings,
         password: str | None) -> None:
    """Hand the message to the SMTP server; any failure is a `MailError` naming the server.

    `data` goes out as given (`sendmail`, not `send_message`), so what the server receives
    is byte for byte what the user confirmed.
    """
    import smtplib
    import ssl

    where = f"{settings.host}:{settings.port}"
    if not settings.host:
        raise MailError("smtp.host is not set (followup config set smtp.host HOST)")
    context = _tls_context(settings.cafile) if settings.starttls else None
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
            smtp.ehlo()
            if context is not None:
                # Checked here, before anything else is said: no password in the clear.
                if not smtp.has_extn("starttls"):
                    raise MailError(
                        f"{where}: the server does not offer STARTTLS, so nothing was sent "
                        "(turn smtp.starttls off only for a server on this machine)")
                smtp.starttls(context=context)  # verifies the certificate and the host name
                smtp.ehlo()
            if settings.user:
                smtp.login(settings.user, password or "")
            refused = smtp.sendmail(sender, recipients, data)
    except smtplib.SMTPAuthenticationError as e:
        raise MailError(f"{where}: login as {settings.user} refused: {e.smtp_code} "
                        f"{_said(e.smtp_error)}") from None
    except smtplib.SMTPNotSupportedError as e:
        raise MailError(f"{where}: {e} (check smtp.starttls and smtp.user)") from None
    except smtplib.SMTPResponseException as e:
        raise MailError(f"{where}: the server refused the message: {e.smtp_code} "
                        f"{_said(e.smtp_error)}") from None
    except smtplib.SMTPRecipientsRefused as e:
        raise MailError(f"{where}: recipients refused: {', '.join(e.recipients)}") from None
    except smtplib.SMTPServerDisconnected:
        raise MailError(f"{where}: the server closed the connection before accepting the message"
                        ) from None
    except ssl.SSLCertVerificationError as e:
        trusted = f"the CAs in {settings.cafile}" if settings.cafile else "the system's CAs"
        raise MailError(f"{where}: the server's certificate could not be verified against "
                        f"{trusted} ({_one_line(e.verify_message or str(e))}); nothing was sent "
                        "(smtp.cafile names a CA file to trust)") from None
    except (smtplib.SMTPException, ssl.SSLError, OSError) as e:
        raise MailError(f"{where}: cannot send: {_one_line(str(e))}") from None
    if refused:
        raise MailError(f"{where}: recipients refused: {', '.join(refused)}")
