"""A real IMAP server for the mailbox tests: Debian's Dovecot 2.3, from a config in a temp dir.

Dovecot runs as root (this is CI's and the developer machine's user) with its login process as
`dovenull` and mail access as `nobody`, on a free loopback port, with one static test user and
a maildir laid out by hand: INBOX, and `Sent` marked `\\Sent` by SPECIAL-USE as Gmail, Outlook
and Fastmail mark theirs. `ssl = yes` with a throwaway certificate, so plain, STARTTLS and
implicit TLS can all be tested; plain-text login is allowed on loopback.

`scripts/setup-dovecot.sh` (run by `make test`) installs dovecot-imapd when it is missing; when
it can't be installed or started here, the tests that need it are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

DOVECOT = "/usr/sbin/dovecot"
USER = "alex"
PASSWORD = "imap-test-secret"
TOKEN = "ya29.test-token."  # + the user: what the fake introspection endpoint accepts

OAUTH2 = """\
introspection_mode = post
introspection_url = http://127.0.0.1:{port}/introspect
username_attribute = username
active_attribute = active
active_value = true
"""

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
instance_name = followup-test-{port}
log_path = {root}/dovecot.log
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
auth_verbose = yes
default_login_user = dovenull
default_internal_user = nobody
default_internal_group = nogroup
mail_uid = nobody
mail_gid = nogroup
first_valid_uid = 1
mail_location = maildir:{root}/mail/%u:LAYOUT=fs
imap_idle_notify_interval = 1 secs
mailbox_idle_check_interval = 1 secs
passdb {{
  driver = static
  args = password={password}
  mechanisms = plain login
}}
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/oauth2.conf.ext
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={root}/home/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def available() -> str | None:
    """None when Dovecot can be used here, else why not (the skip reason)."""
    if not os.path.exists(DOVECOT):
        return f"{DOVECOT} is missing (scripts/setup-dovecot.sh installs dovecot-imapd)"
    if os.geteuid() != 0:
        return "the Dovecot fixture runs Dovecot as root (login as dovenull, mail as nobody)"
    return None


def _introspection_server() -> object:
    """RFC 7662 token introspection, as Google's and Microsoft's stand-in: Dovecot's oauth2
    passdb POSTs `token=...`; `TOKEN + user` is active for that user, nothing else is."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import parse_qs

    class Introspect(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            token = parse_qs(body).get("token", [""])[0]
            answer = {"active": "true", "username": token[len(TOKEN):]} \
                if token.startswith(TOKEN) and len(token) > len(TOKEN) else {"active": "false"}
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Introspect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _cert(root: Path) -> Path:
    """A self-signed certificate for 127.0.0.1/localhost; returns the PEM the client trusts."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([
                x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    (root / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    pem = root / "cert.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return pem


@dataclass
class Dovecot:
    """One running Dovecot; `deliver` drops messages into a folder's maildir."""

    root: Path
    port: int = 0
    tls_port: int = 0
    cafile: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    counter: int = field(default=0)
    oauth: object = None  # the introspection HTTP server (the OAuth provider's edge)

    def maildir(self, user: str = USER) -> Path:
        return self.root / "mail" / user

    def folder_dir(self, folder: str, user: str = USER) -> Path:
        return self.maildir(user) if folder == "INBOX" else self.maildir(user) / folder

    def add_user(self, user: str) -> None:
        """A mailbox of its own (any login works with the static passdb): one per test."""
        for folder in ("INBOX", "Sent"):
            for part in ("cur", "new", "tmp"):
                (self.folder_dir(folder, user) / part).mkdir(parents=True, exist_ok=True)
        self._chown()

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        for sub in ("run", "state", "home", "mail"):
            (self.root / sub).mkdir(exist_ok=True)
        self.cafile = _cert(self.root)
        for folder in ("INBOX", "Sent"):
            for part in ("cur", "new", "tmp"):
                (self.folder_dir(folder) / part).mkdir(parents=True, exist_ok=True)
        self.port, self.tls_port = free_port(), free_port()
        self.oauth = _introspection_server()
        (self.root / "oauth2.conf.ext").write_text(
            OAUTH2.format(port=self.oauth.server_address[1]))  # type: ignore[attr-defined]
        conf = self.root / "dovecot.conf"
        conf.write_text(CONFIG.format(root=self.root, port=self.port, tls_port=self.tls_port,
                                      password=PASSWORD))
        self._chown()
        self.process = subprocess.Popen([DOVECOT, "-F", "-c", str(conf)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                err = (self.process.stderr.read() if self.process.stderr else b"").decode()
                log = self.root / "dovecot.log"
                logged = log.read_text() if log.exists() else ""
                raise RuntimeError(f"dovecot exited: {err} {logged}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("dovecot did not answer within 15 s")

    def _chown(self) -> None:
        """Mail and home belong to `nobody`, as `mail_uid` says."""
        import pwd

        nobody = pwd.getpwnam("nobody")
        os.chmod(self.root, 0o711)  # root's own dir (see `start`): nobody may pass through
        for top in (self.root / "mail", self.root / "home"):
            for dirpath, _dirs, files in os.walk(top):
                os.chown(dirpath, nobody.pw_uid, nobody.pw_gid)
                for f in files:
                    os.chown(os.path.join(dirpath, f), nobody.pw_uid, nobody.pw_gid)

    def stop(self) -> None:
        if self.oauth is not None:
            self.oauth.shutdown()  # type: ignore[attr-defined]
            self.oauth = None
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def deliver(self, folder: str, raw: bytes, *, seen: bool = True,
                received: float | None = None, user: str = USER, new: bool = False) -> Path:
        """Write one message into the folder as a client would have left it: `cur/` with
        `:2,S` for a read message, `:2,` for an unread one (flags live in the file name);
        `new=True`: in `new/`, as a delivery agent leaves mail no client has seen yet."""
        self.counter += 1
        stamp = int(received if received is not None else time.time())
        name = f"{stamp}.M{self.counter}P{os.getpid()}.followup-test"
        if not new:
            name += f":2,{'S' if seen else ''}"
        path = self.folder_dir(folder, user) / ("new" if new else "cur") / name
        path.write_bytes(raw.replace(b"\r\n", b"\n"))
        os.utime(path, (stamp, stamp))
        self._chown_one(path)
        return path

    def deliver_many(self, folder: str, messages: Iterable[bytes], user: str = USER) -> None:
        for raw in messages:
            self.deliver(folder, raw, user=user)

    @staticmethod
    def _chown_one(path: Path) -> None:
        import pwd

        nobody = pwd.getpwnam("nobody")
        os.chown(path, nobody.pw_uid, nobody.pw_gid)

    def snapshot(self, user: str = USER) -> dict[str, str]:
        """Every message file (name, flags included) and a hash of its bytes: what a
        read-only client must leave exactly as it was."""
        import hashlib

        out: dict[str, str] = {}
        for folder in ("INBOX", "Sent"):
            for part in ("cur", "new"):
                d = self.folder_dir(folder, user) / part
                for f in sorted(d.iterdir()):
                    out[f"{folder}/{part}/{f.name}"] = hashlib.sha256(f.read_bytes()).hexdigest()
        return out


def start(root: Path | None = None) -> Dovecot:
    """A server in `root`, else in a new dir under the system temp dir (pytest's own are
    0700 all the way up, which `nobody` cannot pass)."""
    import tempfile

    server = Dovecot(root or Path(tempfile.mkdtemp(prefix="followup-dovecot-")))
    server.start()
    return server


def remove(server: Dovecot) -> None:
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)


def synthetic(n: int, seed: int = 7, *, start: int = 0) -> Iterable[bytes]:
    """`n` plausible messages for volume (the kill test, the bench): about 90% personal
    mail, shops and newsletters, 10% from the fixture cases' people and companies (a
    mailbox in which the job search is a part, not the whole); ids unique per (seed, i)."""
    import random

    rng = random.Random(seed)
    senders = [("Chris", "chris.friend@gmail.com"), ("Mom", "mom@example.net"),
               ("Store", "orders@shop.example"), ("News", "news@acme.example"),
               ("Pat", "pat@example.org"), ("Bank", "alerts@bank.example"),
               ("Sam", "sam.neighbour@outlook.com"), ("Club", "club@running.example"),
               ("Dana Whitfield", "dana@acme.example"), ("Jane Roe", "jane.roe@globex.example")]
    weights = [20, 15, 15, 15, 10, 10, 5, 5, 3, 2]
    words = ("report dinner invoice project weekend update meeting dashboard review "
             "travel photos schedule budget draft ticket").split()
    for i in range(start, start + n):
        name, email = rng.choices(senders, weights)[0]
        day = 1 + i % 28
        body = " ".join(rng.choice(words) for _ in range(rng.randint(20, 120)))
        extra = "Precedence: bulk\nList-Unsubscribe: <https://acme.example/u>\n" \
            if email.startswith("news@") else ""
        yield (f"From: {name} <{email}>\nTo: alex.morgan@example.com\n"
               f"Subject: {rng.choice(words).title()} {i}\n"
               f"Date: Mon, {day} Feb 2026 10:{i % 60:02d}:00 -0500\n"
               f"Message-ID: <synthetic-{seed}-{i}@volume.example>\n{extra}"
               f"Content-Type: text/plain; charset=utf-8\n\n{body}\n").encode()
