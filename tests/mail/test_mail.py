"""Email out: .eml drafts read back by Python's parser, SMTP against a real loopback server."""

from __future__ import annotations

import hashlib
import socket
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from email import message_from_bytes
from email.policy import default
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from typer.testing import CliRunner

from followup.cli import app
from followup.mail import outgoing as mail
from tests.conftest import CASES

DRAFT = mail.Draft("Thank you — Senior Data Analyst at Acme",
                   "Dear Dana,\n\nThank you for talking with me about moving monthly reporting "
                   "onto dbt.\n.\nA line that starts with a dot, and Jörg's name.\n\n"
                   "Best regards,\nAlex Morgan\n")


def test_eml_reads_back_with_the_right_headers(tmp_path: Path) -> None:
    when = datetime(2026, 3, 2, 17, 30, tzinfo=timezone(timedelta(hours=-5)))
    msg = mail.build_message(DRAFT, to_name="Whitfield, Dana", to_email="dana@acme.example",
                             from_name="Alex Morgan", from_email="alex@example.com",
                             date=when, unsent=True)
    path = tmp_path / "draft.eml"
    path.write_bytes(mail.to_bytes(msg))
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF throughout
    back = message_from_bytes(raw, policy=default)
    assert back["To"].addresses[0].display_name == "Whitfield, Dana"
    assert back["To"].addresses[0].addr_spec == "dana@acme.example"
    assert str(back["To"]) == '"Whitfield, Dana" <dana@acme.example>'
    assert str(back["From"]) == "Alex Morgan <alex@example.com>"
    assert str(back["Subject"]) == DRAFT.subject
    assert back["Date"].datetime == when
    assert back["X-Unsent"] == "1"
    assert back["Message-ID"].endswith("@example.com>")
    assert back.get_content_type() == "text/plain"
    assert back.get_content_charset() == "utf-8"
    assert back.get_content().replace("\r\n", "\n") == DRAFT.body  # CRLF on the wire


def test_plain_ascii_drafts_stay_readable() -> None:
    msg = mail.build_message(mail.Draft("Hi", "Plain text.\n"), to_name=None,
                             to_email="a@b.example", date=datetime(2026, 3, 2, tzinfo=UTC))
    raw = mail.to_bytes(msg)
    assert b"Content-Transfer-Encoding: 7bit" in raw and raw.endswith(b"\r\n\r\nPlain text.\r\n")
    assert b"X-Unsent" not in raw and b"From:" not in raw


def test_mailto_link_round_trips() -> None:
    link = mail.mailto_link(DRAFT, "dana@acme.example")
    parts = urlsplit(link)
    assert (parts.scheme, parts.path) == ("mailto", "dana@acme.example")
    assert " " not in link and "\n" not in link
    query = parse_qs(parts.query)
    assert query["subject"] == [DRAFT.subject]
    assert unquote(link.split("&body=")[1]) == DRAFT.body.replace("\n", "\r\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Dear Dana,\n", "note.txt:1: an email draft starts with a line `Subject: ...`"),
        ("Subject:   \n\nbody\n", "note.txt:1: the subject line is empty"),
        ("Subject: Thanks\n\n\n", "note.txt: the draft has a subject but no body"),
    ],
)
def test_draft_text_errors(text: str, message: str) -> None:
    with pytest.raises(mail.MailError) as e:
        mail.Draft.from_text(text, "note.txt")
    assert str(e.value) == message


def test_a_bad_address_is_named() -> None:
    with pytest.raises(mail.MailError) as e:
        mail.build_message(DRAFT, to_name="Dana", to_email="dana at acme",
                           date=datetime(2026, 3, 2, tzinfo=UTC))
    assert str(e.value) == "Dana's email: not an email address: 'dana at acme'"


# -- the password --------------------------------------------------------------------------


def test_password_from_the_environment_first() -> None:
    settings = mail.SmtpSettings("127.0.0.1", user="alex")
    assert mail.smtp_password(settings, {mail.PASSWORD_ENV: "s3cret"}) == "s3cret"
    assert mail.smtp_password(mail.SmtpSettings("127.0.0.1"), {}) is None


def test_password_from_the_keyring() -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            self.store: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            del self.store[(service, username)]

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        settings = mail.SmtpSettings("127.0.0.1", user="alex")
        with pytest.raises(mail.MailError) as e:
            mail.smtp_password(settings, {})
        assert str(e.value) == ("no SMTP password for alex: set FOLLOWUP_SMTP_PASSWORD, or "
                                "store it with `keyring set followup-smtp alex`")
        keyring.set_password(mail.KEYRING_SERVICE, "alex", "from-keyring")
        assert mail.smtp_password(settings, {}) == "from-keyring"
    finally:
        keyring.set_keyring(previous)


# -- a real SMTP server on loopback ----------------------------------------------------------


class Recorder:
    def __init__(self) -> None:
        self.received: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(envelope)
        return "250 2.0.0 queued"


class HangUp:
    """Takes the whole message, then closes the connection instead of answering."""

    def __init__(self) -> None:
        self.received: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(envelope)
        server.transport.close()
        return "250 2.0.0 never seen"


def _login(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    # handled=False: aiosmtpd answers 535 itself (the default, True, leaves the client hanging)
    return AuthResult(success=(data.login, data.password) == (b"alex", b"pw-from-env"),
                      handled=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server(request: pytest.FixtureRequest) -> Iterator[tuple[Any, int]]:
    handler = request.param()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, authenticator=_login,
                            auth_require_tls=False)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def digest(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    db = tmp_path / "f.db"
    run(db, "import", str(CASES / "contract_example.json"))
    run(db, "profile", "--name", "Alex Morgan", "--email", "alex@example.com")
    monkeypatch.setenv("FOLLOWUP_SMTP_PASSWORD", "pw-from-env")
    note = tmp_path / "note.txt"
    note.write_text(DRAFT.text(), encoding="utf-8")
    return db, note


def configure(port: int) -> None:
    for key, value in (("smtp.host", "127.0.0.1"), ("smtp.port", str(port)),
                       ("smtp.starttls", "false"), ("smtp.user", "alex")):
        assert CliRunner().invoke(app, ["config", "set", key, value]).exit_code == 0


@pytest.mark.parametrize("smtp_server", [Recorder], indirect=True)
def test_send_delivers_byte_for_byte_and_logs(setup: tuple[Path, Path],
                                              smtp_server: tuple[Recorder, int]) -> None:
    db, note = setup
    handler, port = smtp_server
    configure(port)
    code, out, err = run(db, "send", "acme", "--to", "dana", "--kind", "thank_you",
                         "--file", str(note), "--today", "2026-03-02", "--yes", "--force")
    assert code == 0, err
    assert len(handler.received) == 1
    envelope = handler.received[0]
    assert envelope.mail_from == "alex@example.com"
    assert envelope.rcpt_tos == ["dana@acme.example"]
    shown = out.split("\n" + "-" * 60 + "\n")[0]
    # What the user confirmed is what the server got, byte for byte (dot-stuffing undone).
    assert envelope.original_content == shown.replace("\n", "\r\n").encode()
    received = message_from_bytes(envelope.original_content, policy=default)
    assert str(received["To"]) == "Dana Whitfield <dana@acme.example>"
    assert received.get_content().replace("\r\n", "\n") == DRAFT.body
    assert "X-Unsent" not in received
    assert out.splitlines()[-1].startswith("Sent to dana@acme.example; logged thank-you note to "
                                           "Dana Whitfield on ")
    touches = [t for t in _export(db)["touches"] if t["kind"] == "thank_you"]
    assert len(touches) == 3 and touches[-1]["note"] == f"sent: {DRAFT.subject}"
    # the touch keeps the Message-ID that went out: the reply is matched by its thread
    assert touches[-1]["message_id"] == received["Message-ID"]


def _export(db: Path) -> dict[str, Any]:
    import json

    code, out, _ = run(db, "export", "acme")
    assert code == 0
    return json.loads(out)  # type: ignore[no-any-return]


@pytest.mark.parametrize("smtp_server", [HangUp], indirect=True)
def test_a_server_that_hangs_up_logs_nothing(setup: tuple[Path, Path],
                                             smtp_server: tuple[HangUp, int]) -> None:
    db, note = setup
    handler, port = smtp_server
    configure(port)
    before = digest(db)
    code, out, err = run(db, "send", "acme", "--to", "dana", "--kind", "thank_you",
                         "--file", str(note), "--yes", "--force")
    assert code == 2
    assert err == (f"error: 127.0.0.1:{port}: the server closed the connection before "
                   "accepting the message\n")
    assert len(handler.received) == 1  # it did get that far
    assert digest(db) == before


@pytest.mark.parametrize("smtp_server", [Recorder], indirect=True)
def test_a_wrong_password_logs_nothing(setup: tuple[Path, Path],
                                       smtp_server: tuple[Recorder, int],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    db, note = setup
    handler, port = smtp_server
    configure(port)
    monkeypatch.setenv("FOLLOWUP_SMTP_PASSWORD", "wrong")
    before = digest(db)
    code, _, err = run(db, "send", "acme", "--to", "dana", "--kind", "thank_you",
                       "--file", str(note), "--yes", "--force")
    assert code == 2 and err.startswith(f"error: 127.0.0.1:{port}: login as alex refused: 535")
    assert handler.received == [] and digest(db) == before


def test_send_needs_confirmation_and_settings(setup: tuple[Path, Path]) -> None:
    db, note = setup
    before = digest(db)
    code, _, err = run(db, "send", "acme", "--to", "dana", "--kind", "thank_you",
                       "--file", str(note), "--force")
    assert (code, err) == (2, "error: smtp.host is not set (followup config set smtp.host "
                              "HOST)\n")
    configure(_free_port())
    code, _, err = run(db, "send", "acme", "--to", "dana", "--kind", "thank_you",
                       "--file", str(note), "--force")
    assert (code, err) == (2, "error: not sent; not a terminal, so confirm with --yes "
                              "(or choose with --opportunity)\n")
    code, _, err = run(db, "send", "acme", "--to", "priya", "--kind", "thank_you",
                       "--file", str(note), "--force", "--yes")
    assert (code, err) == (2, "error: --to: no email address recorded for Priya Raman "
                              "(followup edit acme-analyst)\n")
    assert digest(db) == before


def test_draft_eml_from_the_database(setup: tuple[Path, Path], tmp_path: Path) -> None:
    db, _ = setup
    path = tmp_path / "dana.eml"
    code, out, err = run(db, "draft", "acme", "--kind", "thank_you", "--to", "dana",
                         "--today", "2026-03-02", "--eml", str(path))
    assert code == 0, err
    back = message_from_bytes(path.read_bytes(), policy=default)
    subject = out.splitlines()[0].removeprefix("Subject: ")
    assert str(back["Subject"]) == subject
    assert str(back["To"]) == "Dana Whitfield <dana@acme.example>"
    assert str(back["From"]) == "Alex Morgan <alex@example.com>"
    assert back["X-Unsent"] == "1" and back["Date"].datetime.tzinfo is not None
    assert back.get_content().replace("\r\n", "\n").strip() == \
        out.split("\n", 2)[2].strip()
    assert err.splitlines()[-1].startswith("mailto:dana@acme.example?subject=")


@pytest.mark.parametrize("smtp_server", [Recorder], indirect=True)
def test_send_the_planned_draft_and_refuse_a_lint_error(
        setup: tuple[Path, Path], smtp_server: tuple[Recorder, int], tmp_path: Path) -> None:
    db, _ = setup
    handler, port = smtp_server
    configure(port)
    bad = tmp_path / "bad.txt"
    bad.write_text("Subject: Hi\n\nHey Dana, any news??? Just checking in!!!\n" * 40)
    before = digest(db)
    code, out, err = run(db, "send", "acme", "--file", str(bad), "--today", "2026-03-13",
                         "--yes")
    assert code == 1 and "lint: " in out and " error " in out
    assert err.startswith("error: not sent: lint found ")
    assert handler.received == [] and digest(db) == before
    # No --file: the composer's draft for the plan's next email (a check-in to Dana).
    code, out, err = run(db, "send", "acme", "--today", "2026-03-23", "--yes")
    assert code == 0, err + out
    lint_lines = [line for line in out.splitlines() if line.startswith("lint: ")]
    assert lint_lines and not any(" error " in line for line in lint_lines)
    assert len(handler.received) == 1
    assert out.splitlines()[-1].startswith("Sent to dana@acme.example; logged check-in")
    assert _export(db)["touches"][-1]["kind"] == "check_in"


# -- STARTTLS with a real certificate ----------------------------------------------------------


class Certs:
    """A throwaway CA and a server certificate it signed for 127.0.0.1 and localhost."""

    def __init__(self, folder: Path) -> None:
        import ipaddress

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

        now = datetime.now(UTC)

        def pem(cert: x509.Certificate) -> bytes:
            return cert.public_bytes(serialization.Encoding.PEM)

        def ca(name: str) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
            key = ec.generate_private_key(ec.SECP256R1())
            subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
            cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
                    .public_key(key.public_key()).serial_number(x509.random_serial_number())
                    .not_valid_before(now - timedelta(hours=1))
                    .not_valid_after(now + timedelta(days=1))
                    .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                    .add_extension(x509.KeyUsage(
                        digital_signature=False, content_commitment=False,
                        key_encipherment=False, data_encipherment=False, key_agreement=False,
                        key_cert_sign=True, crl_sign=True, encipher_only=False,
                        decipher_only=False), critical=True)
                    .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                                   critical=False)
                    .sign(key, hashes.SHA256()))
            return cert, key

        ca_cert, ca_key = ca("followup test CA")
        key = ec.generate_private_key(ec.SECP256R1())
        leaf = (x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
                .issuer_name(ca_cert.subject).public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - timedelta(hours=1)).not_valid_after(now + timedelta(days=1))
                .add_extension(x509.SubjectAlternativeName([
                    x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                    critical=False)
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                               critical=False)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                    ca_key.public_key()), critical=False)
                .sign(ca_key, hashes.SHA256()))
        self.cafile = folder / "ca.pem"
        self.cafile.write_bytes(pem(ca_cert))
        self.other_cafile = folder / "other-ca.pem"  # a valid CA, but not the server's
        self.other_cafile.write_bytes(pem(ca("someone else's CA")[0]))
        self.certfile = folder / "server.pem"
        self.certfile.write_bytes(pem(leaf))
        self.keyfile = folder / "server.key"
        self.keyfile.write_bytes(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certs:
    return Certs(tmp_path_factory.mktemp("certs"))


class Watching(Recorder):
    """Records every AUTH the server was sent, and whether TLS was up when it came."""

    def __init__(self) -> None:
        super().__init__()
        self.auth: list[bool] = []  # one entry per AUTH command: encrypted?
        self.logins: list[tuple[bytes, bool]] = []


def _watching_controller(handler: Watching, port: int, **kwargs: Any) -> Controller:
    from aiosmtpd.smtp import SMTP

    class WatchingSMTP(SMTP):
        async def smtp_AUTH(self, arg: str) -> None:
            handler.auth.append(self.session is not None and self.session.ssl is not None)
            await super().smtp_AUTH(arg)

    def login(server: Any, session: Any, envelope: Any, mechanism: str, data: Any
              ) -> AuthResult:
        handler.logins.append((data.login, session.ssl is not None))
        return _login(server, session, envelope, mechanism, data)

    class WatchingController(Controller):
        def factory(self) -> SMTP:
            return WatchingSMTP(self.handler, **self.SMTP_kwargs)

    return WatchingController(handler, hostname="127.0.0.1", port=port, authenticator=login,
                              **kwargs)


@pytest.fixture
def tls_server(certs: Certs) -> Iterator[tuple[Watching, int]]:
    """aiosmtpd offering STARTTLS with the CA-signed certificate, and requiring it."""
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certs.certfile, certs.keyfile)
    handler = Watching()
    port = _free_port()
    controller = _watching_controller(handler, port, tls_context=context,
                                      require_starttls=True)  # auth_require_tls: the default
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


@pytest.fixture
def plain_server() -> Iterator[tuple[Watching, int]]:
    """aiosmtpd without STARTTLS that would take AUTH in the clear."""
    handler = Watching()
    port = _free_port()
    controller = _watching_controller(handler, port, auth_require_tls=False)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def configure_tls(port: int, cafile: Path | None) -> None:
    configure(port)
    settings = [("smtp.starttls", "true")]
    if cafile is not None:
        settings.append(("smtp.cafile", str(cafile)))
    for key, value in settings:
        assert CliRunner().invoke(app, ["config", "set", key, value]).exit_code == 0


def test_starttls_with_a_trusted_certificate_delivers_and_logs(
        setup: tuple[Path, Path], tls_server: tuple[Watching, int], certs: Certs) -> None:
    db, note = setup
    handler, port = tls_server
    configure_tls(port, certs.cafile)
    code, out, err = run(db, "send", "acme", "--to", "dana", "--kind", "thank_you",
                         "--file", str(note), "--today", "2026-03-02", "--yes", "--force")
    assert code == 0, err
    assert handler.auth == [True]  # one AUTH, over the encrypted channel
    assert handler.logins == [(b"alex", True)]
    assert len(handler.received) == 1
    envelope = handler.received[0]
    assert (envelope.mail_from, envelope.rcpt_tos) == ("alex@example.com",
                                                       ["dana@acme.example"])
    shown = out.split("\n" + "-" * 60 + "\n")[0]
    assert envelope.original_content == shown.replace("\n", "\r\n").encode()
    assert out.splitlines()[-1].startswith("Sent to dana@acme.example; logged thank-you note to "
                                           "Dana Whitfield on ")
    touches = [t for t in _export(db)["touches"] if t["kind"] == "thank_you"]
    assert len(touches) == 3 and touches[-1]["note"] == f"sent: {DRAFT.subject}"
    assert "pw-from-env" not in out + err


@pytest.mark.parametrize("trust", ["system", "other CA"])
def test_starttls_with_an_untrusted_certificate_sends_nothing(
        setup: tuple[Path, Path], tls_server: tuple[Watching, int], certs: Certs,
        trust: str) -> None:
    db, note = setup
    handler, port = tls_server
    cafile = certs.other_cafile if trust == "other CA" else None
    configure_tls(port, cafile)
    before = digest(db)
    code, out, err = run(db, "send", "acme", "--to", "dana", "--kind", "thank_you",
                         "--file", str(note), "--yes", "--force")
    assert code == 2
    trusted = f"the CAs in {cafile}" if cafile else "the system's CAs"
    assert err.startswith(f"error: 127.0.0.1:{port}: the server's certificate could not be "
                          f"verified against {trusted} (")
    assert err.endswith("); nothing was sent (smtp.cafile names a CA file to trust)\n")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "pw-from-env" not in out + err
    assert handler.auth == [] and handler.logins == [] and handler.received == []
    assert digest(db) == before


def test_starttls_on_but_not_offered_refuses_before_the_password(
        setup: tuple[Path, Path], plain_server: tuple[Watching, int]) -> None:
    db, note = setup
    handler, port = plain_server
    configure_tls(port, None)
    before = digest(db)
    code, out, err = run(db, "send", "acme", "--to", "dana", "--kind", "thank_you",
                         "--file", str(note), "--yes", "--force")
    assert (code, err) == (2, f"error: 127.0.0.1:{port}: the server does not offer STARTTLS, "
                              "so nothing was sent (turn smtp.starttls off only for a server "
                              "on this machine)\n")
    assert handler.auth == [] and handler.logins == [] and handler.received == []
    assert "pw-from-env" not in out + err
    assert digest(db) == before
    # The same server takes AUTH in the clear when STARTTLS is off: the refusal above was ours.
    configure(port)
    code, _, err = run(db, "send", "acme", "--to", "dana", "--kind", "thank_you",
                       "--file", str(note), "--yes", "--force")
    assert code == 0, err
    assert handler.auth == [False] and len(handler.received) == 1


@pytest.mark.parametrize("content", [None, b"not a certificate\n"])
def test_a_bad_cafile_is_named(setup: tuple[Path, Path], tls_server: tuple[Watching, int],
                               tmp_path: Path, content: bytes | None) -> None:
    db, note = setup
    handler, port = tls_server
    cafile = tmp_path / "ca.pem"
    if content is not None:
        cafile.write_bytes(content)
    configure_tls(port, cafile)
    before = digest(db)
    code, _, err = run(db, "send", "acme", "--to", "dana", "--kind", "thank_you",
                       "--file", str(note), "--yes", "--force")
    expected = (f"error: smtp.cafile: no such file: {cafile}\n" if content is None
                else f"error: smtp.cafile: {cafile}: no PEM certificate in it\n")
    assert (code, err) == (2, expected)
    assert handler.auth == [] and handler.received == [] and digest(db) == before
