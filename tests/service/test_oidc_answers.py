"""A hostile identity provider cannot hold the centre's server: every answer read from it
(metadata, keys, tokens) is capped in size and in total time, and refused in one line.

The provider here is a real HTTP server on loopback (the edge of the outside world), written
to misbehave as a broken or malicious one would: an endless chunked body, a huge declared
length, a body dripped a byte at a time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from followup.service import oidc

Handler = Callable[[BaseHTTPRequestHandler], None]


def endless(h: BaseHTTPRequestHandler) -> None:
    """A chunked JSON body that never ends."""
    h.send_response(200)
    h.send_header("content-type", "application/json")
    h.send_header("transfer-encoding", "chunked")
    h.end_headers()
    chunk = b'{"a": "' + b"x" * 65_000
    try:
        while True:
            h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    except OSError:
        return


def declared_huge(h: BaseHTTPRequestHandler) -> None:
    """A declared 5 GB body (the cap refuses it before reading a byte of it)."""
    h.send_response(200)
    h.send_header("content-type", "application/json")
    h.send_header("content-length", str(5 * 10**9))
    h.end_headers()
    try:
        h.wfile.write(b"{" * 1000)
    except OSError:
        return


def drip(h: BaseHTTPRequestHandler) -> None:
    """A small body sent one byte every 50 ms, each read well within the read timeout."""
    h.send_response(200)
    h.send_header("content-type", "application/json")
    h.send_header("content-length", "100000")
    h.end_headers()
    try:
        for _ in range(100_000):
            h.wfile.write(b" ")
            h.wfile.flush()
            time.sleep(0.05)
    except OSError:
        return


@pytest.fixture
def provider() -> Iterator[Callable[[Handler], oidc.OidcClient]]:
    servers: list[ThreadingHTTPServer] = []

    def start(answer: Handler) -> oidc.OidcClient:
        class One(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                answer(self)

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), One)
        server.daemon_threads = True
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}{oidc.WELL_KNOWN}"
        return oidc.OidcClient(oidc.Provider.configured("Hostile", url, "centre", "s3cret"))

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("answer, words", [
    (endless, "over 1,000,000 bytes"),
    (declared_huge, "5,000,000,000 bytes"),
])
def test_an_oversized_answer_is_refused_in_one_line(
        provider: Callable[[Handler], oidc.OidcClient], answer: Handler, words: str) -> None:
    with pytest.raises(oidc.ProviderUnavailable) as refused:
        provider(answer).metadata()
    message = str(refused.value)
    assert message.startswith("the identity provider's metadata: ")
    assert words in message
    assert "\n" not in message


def test_a_dripped_answer_is_cut_off_at_the_deadline(
        provider: Callable[[Handler], oidc.OidcClient], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oidc, "HTTP_DEADLINE", 0.5)  # the drip would take 83 minutes
    with pytest.raises(oidc.ProviderUnavailable, match="still coming after 0 s"):
        provider(drip).metadata()


def test_a_well_formed_answer_under_the_cap_is_read_whole(
        provider: Callable[[Handler], oidc.OidcClient]) -> None:
    """The cap must not cut a legitimate answer: metadata padded to nearly the cap is read,
    then checked as metadata (here: refused for serving another issuer, past the read)."""
    def big(h: BaseHTTPRequestHandler) -> None:
        body = (b'{"issuer": "https://elsewhere.example", "pad": "'
                + b"p" * (oidc.MAX_ANSWER - 100) + b'"}')
        h.send_response(200)
        h.send_header("content-type", "application/json")
        h.send_header("content-length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    with pytest.raises(oidc.ProviderUnavailable) as refused:
        provider(big).metadata()
    assert "bytes" not in str(refused.value)  # read whole; refused for what it says


def test_a_compressed_answer_cannot_expand_past_the_cap(
        provider: Callable[[Handler], oidc.OidcClient]) -> None:
    """50 KB of gzip that would expand to 50 MB of JSON: cut off at the cap, decoded."""
    import gzip

    bomb = gzip.compress(b'{"a": "' + b"0" * 50_000_000, compresslevel=9)

    def gzipped(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("content-type", "application/json")
        h.send_header("content-encoding", "gzip")
        h.send_header("content-length", str(len(bomb)))
        h.end_headers()
        try:
            h.wfile.write(bomb)
        except OSError:
            return

    with pytest.raises(oidc.ProviderUnavailable, match="over 1,000,000 bytes"):
        provider(gzipped).metadata()
