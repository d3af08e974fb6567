"""A web app that can't be frozen (issue 20, items 2, 7 and 8), against a real server:
`followup serve` as a user starts it, or the same uvicorn settings in this process.

- while an invite is being read, other pages are still served (the reading runs off the
  event loop);
- an upload over the cap is refused by its declared length, before its body is read;
- a client that sends its request a byte at a time is cut off at the deadline;
- SIGTERM stops the server even with a request still arriving;
- `serve --host ::1` prints a URL a browser can open, and answers its own Host.
"""

from __future__ import annotations

import re
import signal
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from followup import service
from followup.web import WebSettings, create_app
from followup.web.server import FORM_BYTES, UPLOAD_BYTES, config
from tests.calendar.test_invite_limits import invite
from tests.web.test_web_serve import free_port, get, start, wait_for


def _cookie_and_token(base: str) -> tuple[str, str]:
    with urllib.request.urlopen(f"{base}/opportunities/new", timeout=30) as r:
        page = r.read().decode()
        cookie = r.headers["set-cookie"].split(";")[0]
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return cookie, found.group(1)


def _multipart(token: str, name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "----followup-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
            f"{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"invite\"; "
            f"filename=\"{name}\"\r\nContent-Type: text/calendar\r\n\r\n").encode() + data + \
        f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """`followup serve` on a database with one opportunity: (base URL, its id)."""
    db = tmp_path / "serve.db"
    store = service.open_store(str(db))
    store.close()
    port = free_port("127.0.0.1")
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "followup", "--db", str(db), "add", "opportunity",
                    "--company", "Acme", "--role", "Analyst"], check=True, capture_output=True,
                   timeout=60)
    proc = start(tmp_path, "--port", str(port))
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/", proc)
        yield base, "acme-analyst"
    finally:
        proc.terminate()
        proc.communicate(timeout=20)


def test_pages_are_served_while_an_invite_is_being_read(served: tuple[str, str]) -> None:
    """An invite of 20,000 attendees takes a second or more to read; meanwhile Today
    answers. Before, the reading ran on the event loop and every request waited for it."""
    base, ref = served
    cookie, token = _cookie_and_token(base)
    body, ctype = _multipart(token, "all-hands.ics", invite(19_990))
    done: dict[str, float] = {}

    def upload() -> None:
        request = urllib.request.Request(f"{base}/o/{ref}/invite", data=body, method="POST",
                                         headers={"Content-Type": ctype, "Cookie": cookie})
        try:
            urllib.request.urlopen(request, timeout=120).read()
        except urllib.error.HTTPError as e:  # refused after reading: too many people
            assert e.code == 400
        done["upload"] = time.monotonic()

    worker = threading.Thread(target=upload)
    worker.start()
    time.sleep(0.3)  # the upload is in: its reading has begun
    status, _ = get(f"{base}/")
    done["today"] = time.monotonic()
    worker.join(timeout=120)
    assert status == 200
    assert done["today"] < done["upload"], "Today waited for the invite to be read"


def test_an_upload_declared_over_the_cap_is_refused_before_its_body(
        served: tuple[str, str]) -> None:
    base, ref = served
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall((f"POST /o/{ref}/invite HTTP/1.1\r\nHost: {host}:{port}\r\n"
                   "Content-Type: multipart/form-data; boundary=x\r\n"
                   f"Content-Length: {UPLOAD_BYTES + 1}\r\n\r\n--x\r\n").encode())
        answer = _response(s)
    assert answer.startswith("HTTP/1.1 413 ") and answer.endswith("Content Too Large")


def _response(s: socket.socket) -> str:
    """One whole HTTP response: the head and its Content-Length of body (TCP may hand the
    two over in separate reads)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    while len(body) < length:
        chunk = s.recv(65536)
        if not chunk:
            break
        body += chunk
    return (head + b"\r\n\r\n" + body).decode("latin-1")


@pytest.fixture
def quick_deadline(tmp_path: Path) -> Iterator[tuple[str, int]]:
    """The server `followup serve` runs, in this process, with a 1 s request deadline."""
    port = free_port("127.0.0.1")
    app = create_app(WebSettings(db=str(tmp_path / "web.db"), port=port))
    server = uvicorn.Server(config(app, "127.0.0.1", port, request_seconds=1.0))
    thread = threading.Thread(target=server.run)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        yield "127.0.0.1", port
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def test_a_client_sending_a_byte_at_a_time_is_cut_off(quick_deadline: tuple[str, int]) -> None:
    host, port = quick_deadline
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\n".encode())
        started = time.monotonic()
        answer = b""
        try:
            for _ in range(40):  # a header line one byte at a time, for up to 8 s
                s.sendall(b"X")
                time.sleep(0.2)
        except OSError:
            pass  # the server closed the connection
        try:
            answer = s.recv(4096)
        except OSError:
            pass
        took = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 408 "), answer
    assert took < 6


def test_a_body_that_never_ends_is_cut_off(quick_deadline: tuple[str, int]) -> None:
    host, port = quick_deadline
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(f"POST /o/x/invite HTTP/1.1\r\nHost: {host}\r\nContent-Type: "
                  "multipart/form-data; boundary=x\r\nContent-Length: 1000\r\n\r\n--x".encode())
        started = time.monotonic()
        s.recv(4096)  # the end of the connection; before, this waited for ever (10 s here)
        took = time.monotonic() - started
    assert took < 6


def test_sigterm_stops_the_server_with_a_request_still_arriving(tmp_path: Path) -> None:
    port = free_port("127.0.0.1")
    proc = start(tmp_path, "--port", str(port))
    try:
        wait_for(f"http://127.0.0.1:{port}/", proc)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(b"POST /o/x/invite HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                      b"multipart/form-data; boundary=x\r\nContent-Length: 100000\r\n\r\n--x")
            time.sleep(0.5)
            proc.send_signal(signal.SIGTERM)
            started = time.monotonic()
            proc.wait(timeout=20)
            took = time.monotonic() - started
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=10)
    assert took < 10


def test_serve_on_ipv6_loopback_prints_a_url_that_works(tmp_path: Path) -> None:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
            port = int(probe.getsockname()[1])
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    proc = start(tmp_path, "--host", "::1", "--port", str(port))
    try:
        url = f"http://[::1]:{port}/"
        wait_for(url, proc)
        assert get(url)[0] == 200
        assert get(url, host="evil.example")[0] == 400
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert f"followup is at {url} (Ctrl-C to stop)" in err


def test_bodies_over_their_cap_are_refused_as_they_stream_in(tmp_path: Path) -> None:
    """No declared length (chunked): counted as it arrives; a form has a smaller cap."""
    from tests.web_helpers import make_client

    client = make_client(tmp_path)

    def chunks(size: int) -> Iterator[bytes]:
        yield b"--x\r\n"
        for _ in range(size // 1_000_000 + 1):
            yield b"a" * 1_000_000

    upload = client.post("/o/x/invite", content=chunks(UPLOAD_BYTES),
                         headers={"content-type": "multipart/form-data; boundary=x"})
    form = client.post("/opportunities", content=chunks(FORM_BYTES),
                       headers={"content-type": "application/x-www-form-urlencoded"})
    assert (upload.status_code, form.status_code) == (413, 413)
    from tests.web.test_web import add_acme

    t = add_acme(client)  # an upload over the form cap but under its own is read
    r = client.post("/o/acme-analyst/invite", data={"csrf_token": t},
                    files={"invite": ("big.ics", b"X" * (FORM_BYTES * 2), "text/calendar")})
    assert r.status_code == 400 and "big.ics: neither an iCalendar file" in r.text


def test_the_zone_bomb_uploaded_is_refused_in_one_line(tmp_path: Path) -> None:
    """The issue's 634-byte invite, uploaded: a 400 page naming what is wrong, at once."""
    from tests.calendar.test_invite_budgets import BOMB, calendar
    from tests.web.test_web import add_acme
    from tests.web_helpers import make_client

    client = make_client(tmp_path)
    t = add_acme(client)
    before = client.get("/o/acme-analyst").text
    r = client.post("/o/acme-analyst/invite", data={"csrf_token": t},
                    files={"invite": ("bomb.ics", calendar(BOMB), "text/calendar")})
    assert r.status_code == 400
    assert ("bomb.ics: the time zone &#39;Custom&#39;: the rule repeats secondly" in r.text)
    assert client.get("/o/acme-analyst").text == before
