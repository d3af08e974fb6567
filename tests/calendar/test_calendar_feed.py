"""The calendar that stays in sync: the exported file's SEQUENCE and LAST-MODIFIED, and the
subscription feed served by a real uvicorn on a loopback port, fetched with httpx."""

from __future__ import annotations

import hashlib
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import icalendar
import pytest
import uvicorn
import vobject
from typer.testing import CliRunner

from followup import service
from followup.cli import app
from followup.core import caseio
from followup.core.model import Channel, TouchKind
from followup.store import Store
from followup.web import WebSettings, create_app
from tests.conftest import CASES


def events(data: bytes) -> dict[str, tuple[int, datetime, date]]:
    """UID -> (SEQUENCE, LAST-MODIFIED, day), read by icalendar and checked against vobject."""
    cal = icalendar.Calendar.from_ical(data)
    ours = {str(e["UID"]): (int(e["SEQUENCE"]), e.decoded("LAST-MODIFIED"),
                            e.decoded("DTSTART")) for e in cal.walk("VEVENT")}
    theirs = {e.uid.value: (int(e.sequence.value), e.last_modified.value, e.dtstart.value)
              for e in vobject.readOne(data.decode()).vevent_list}
    assert ours == theirs
    return ours


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def test_moved_events_carry_a_new_sequence_and_last_modified(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "s.db"))
    service.import_cases(store, [caseio.loads((CASES / "contract_example.json").read_text())])
    first = service.plan_calendar(service.Context(store, date(2026, 3, 13)),
                                  now=datetime(2026, 3, 13, 8, 0, tzinfo=UTC))
    again = service.plan_calendar(service.Context(store, date(2026, 3, 13)),
                                  now=datetime(2026, 3, 13, 9, 30, tzinfo=UTC))
    assert again.data == first.data and again.etag == first.etag  # nothing moved
    ((uid, (seq, modified, day)),) = events(first.data).items()
    assert (seq, modified, day) == (0, datetime(2026, 3, 13, 8, 0, tzinfo=UTC), date(2026, 3, 23))
    service.log_touch(store, "acme", kind=TouchKind.REPLY, channel=Channel.EMAIL,
                      at=datetime(2026, 3, 18, 9, 0), from_="dana", new_by=date(2026, 3, 27))
    moved = service.plan_calendar(service.Context(store, date(2026, 3, 18)),
                                  now=datetime(2026, 3, 18, 10, 0, tzinfo=UTC))
    assert events(moved.data) == {uid: (1, datetime(2026, 3, 18, 10, 0, tzinfo=UTC),
                                        date(2026, 3, 30))}
    assert moved.last_modified == datetime(2026, 3, 18, 10, 0, tzinfo=UTC)
    store.close()


def test_an_overdue_action_sits_on_today_so_its_alarm_rings(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    run(db, "import", str(CASES / "contract_example.json"))
    code, out, _ = run(db, "calendar", "export", "--today", "2026-03-25")  # due on the 23rd
    cal = icalendar.Calendar.from_ical(out.encode())
    (event,) = cal.walk("VEVENT")
    assert event.decoded("DTSTART") == date(2026, 3, 25)
    assert str(event["DESCRIPTION"]).startswith("Overdue: it was due 2026-03-23.")
    assert str(event.walk("VALARM")[0].decoded("TRIGGER")) == "9:00:00"


# -- the feed, served for real -------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    db = tmp_path / "web.db"
    run(db, "import", str(CASES / "contract_example.json"))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(
        create_app(WebSettings(db=str(db), port=port, today=date(2026, 3, 13))),
        host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    try:
        yield f"http://127.0.0.1:{port}", db
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_the_feed_answers_304_the_second_time(served: tuple[str, Path]) -> None:
    base, db = served
    code, url, err = run(db, "calendar", "feed", "--port", base.rsplit(":", 1)[1])
    assert code == 0 and url.startswith(f"{base}/calendar/") and url.endswith(".ics\n")
    url = url.strip()
    with httpx.Client(timeout=10) as client:
        first = client.get(url)
        assert first.status_code == 200
        assert first.headers["content-type"] == "text/calendar; charset=utf-8"
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        ((_, (seq, _, day)),) = events(first.content).items()
        assert (seq, day) == (0, date(2026, 3, 23))
        second = client.get(url, headers={"If-None-Match": etag})
        assert (second.status_code, second.content) == (304, b"")
        assert second.headers["etag"] == etag
        by_date = client.get(url, headers={"If-Modified-Since": modified})
        assert by_date.status_code == 304
        stale = client.get(url, headers={"If-None-Match": '"something-else"',
                                         "If-Modified-Since": modified})
        assert stale.status_code == 200  # If-None-Match wins (RFC 9110 13.2.2)
        assert client.get(f"{base}/calendar/not-the-secret.ics").status_code == 404
        assert client.get(url, headers={"Host": "attacker.example"}).status_code == 400
    # The database holds only the secret's hash.
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")
    with sqlite3.connect(db) as conn:
        dump = "\n".join(conn.iterdump())
    assert secret not in dump and hashlib.sha256(secret.encode()).hexdigest() in dump


def test_the_feed_address_is_shown_once_and_rotates(served: tuple[str, Path]) -> None:
    base, db = served
    port = base.rsplit(":", 1)[1]
    old = run(db, "calendar", "feed", "--port", port)[1].strip()
    code, out, _ = run(db, "calendar", "feed")
    assert code == 0 and out.startswith("A feed address exists (made ") and "--rotate" in out
    new = run(db, "calendar", "feed", "--rotate", "--port", port)[1].strip()
    assert new != old
    with httpx.Client(timeout=10) as client:
        assert client.get(old).status_code == 404
        assert client.get(new).status_code == 200
