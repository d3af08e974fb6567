"""The board's Move from a stale tab (issue 20's "nothing lost"): the card's Move form
carries the case's generation as the page showed it; a move from a page older than the
case (another tab, the CLI, `mail sync` wrote since) is refused with a 409 and the reason
in the toast, nothing written, and the write made since kept. A move from a fresh page is
taken, and Undo still undoes it. Real app, real SQLite file, real HTTP client."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from followup import service
from followup.core.caseio import loads
from followup.core.model import Channel, Status, TouchKind
from followup.service import open_store
from followup.store import Store
from tests.conftest import sqlite_only, table_dump
from tests.web_helpers import token

pytestmark = [sqlite_only]
CASES = Path(__file__).parents[1] / "fixtures" / "mailbox" / "cases"
REF = "acme-analyst"  # Acme Analytics, active, in tests/fixtures/mailbox/cases/acme.json
REFUSED = "Acme Analytics changed since this page was loaded: reload to see the change"


@pytest.fixture
def board(tmp_path: Path) -> tuple[TestClient, str]:
    from followup.web import WebSettings, create_app

    db = str(tmp_path / "web.db")
    store = open_store(db)
    for path in sorted(CASES.glob("*.json")):
        service.import_cases(store, [loads(path.read_text(encoding="utf-8"))])
    store.close()
    app = create_app(WebSettings(db=db))
    return TestClient(app, base_url="http://127.0.0.1:8765", follow_redirects=False), db


def _card_form(page: str, ref: str) -> dict[str, str]:
    """The hidden fields of `ref`'s Move form, as the page shows them."""
    form = re.search(rf'<form method="post" action="[^"]*/o/{ref}/status".*?</form>', page,
                     re.S)
    assert form, f"no Move form for {ref}"
    return {name: html.unescape(value) for name, value in
            re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', form.group(0))}


def _move(client: TestClient, page: str, status: str) -> tuple[int, str]:
    answer = client.post(f"/o/{REF}/status", data={**_card_form(page, REF), "status": status})
    return answer.status_code, answer.headers.get("location", answer.text)


def _with(db: str, write: Callable[[Store], object]) -> None:
    store = open_store(db)
    try:
        write(store)
    finally:
        store.close()


def _case(db: str) -> dict[str, object]:
    from followup.core.caseio import to_dict

    store = open_store(db)
    try:
        return to_dict(service.load_case(store, REF))
    finally:
        store.close()


# Writes another face makes while the board is open in a tab: each changes the generation.
ELSEWHERE: dict[str, Callable[[Store], object]] = {
    "the CLI sets a status": lambda s: service.set_status(s, REF, Status.DORMANT),
    "mail sync logs a reply": lambda s: service.log_touch(
        s, REF, kind=TouchKind.REPLY, channel=Channel.EMAIL, at=datetime(2026, 3, 2, 9, 30),
        from_="Dana", note="Thanks, we will write soon", incoming=True),
    "another tab adds a person": lambda s: service.add_person(s, REF, name="Sam Stale"),
    "another tab edits the role": lambda s: service.edit_opportunity(
        s, REF, role="Lead Data Analyst"),
}


@pytest.mark.parametrize("write", sorted(ELSEWHERE))
def test_a_move_from_a_stale_page_is_refused_and_writes_nothing(
        board: tuple[TestClient, str], write: str) -> None:
    client, db = board
    stale = client.get("/pipeline").text
    _with(db, ELSEWHERE[write])
    since = _case(db)
    rows = table_dump(f"sqlite:///{db}")
    code, body = _move(client, stale, "rejected")
    assert code == 409
    # the reason once, in the toast, escaped; no Undo offered for a change not made
    toast = re.search(r'<div class="toast" id="toast".*?</div>', body, re.S)
    assert toast and REFUSED in html.unescape(toast.group(0))
    assert 'id="undo"' not in body and "Traceback" not in body
    assert f'href="/pipeline#card-{REF}" data-reload>Reload' in toast.group(0)  # a GET
    assert _case(db) == since  # the write made since is kept, whole
    assert table_dump(f"sqlite:///{db}") == rows  # nothing written, not even a log entry


def test_the_refusal_page_is_fresh_and_a_move_from_it_is_taken(
        board: tuple[TestClient, str]) -> None:
    client, db = board
    stale = client.get("/pipeline").text
    _with(db, ELSEWHERE["mail sync logs a reply"])
    code, refused = _move(client, stale, "rejected")
    assert code == 409
    assert _card_form(refused, REF)["generation"] != _card_form(stale, REF)["generation"]
    code, where = _move(client, refused, "rejected")  # the board the 409 showed is current
    assert code == 303 and where.startswith("/pipeline?done=")
    assert _case(db)["opportunity"]["status"] == "rejected"  # type: ignore[index]


def test_a_fresh_move_is_taken_and_undo_brings_the_card_back(
        board: tuple[TestClient, str]) -> None:
    client, db = board
    first = client.get("/pipeline").text
    before = _case(db)
    code, where = _move(client, first, "dormant")
    assert code == 303 and where.startswith("/pipeline?done=")
    after = client.get(where).text
    assert _case(db)["opportunity"]["status"] == "dormant"  # type: ignore[index]
    undo = re.search(r'<form method="post" action="([^"]*/undo)">.*?name="change" value="(\d+)"'
                     r'.*?name="next" value="([^"]*)"', after, re.S)
    assert undo, "the toast offers Undo after a move"
    answer = client.post(undo.group(1), data={"csrf_token": token(client, "/pipeline"),
                                             "change": undo.group(2),
                                             "next": html.unescape(undo.group(3))})
    assert answer.status_code == 303
    assert _case(db) == before  # the card is back, whole
    # the page after Undo is current: a move from it is taken; so is one from the first
    # page, which shows the case exactly as it is again (the generation is its content)
    back = client.get("/pipeline").text
    assert _card_form(back, REF)["generation"] == _card_form(first, REF)["generation"]
    assert _move(client, first, "withdrawn")[0] == 303
    assert _case(db)["opportunity"]["status"] == "withdrawn"  # type: ignore[index]
    # ... and the page from before that move is stale now
    assert _move(client, back, "offer")[0] == 409
    assert _case(db)["opportunity"]["status"] == "withdrawn"  # type: ignore[index]


def test_a_move_without_a_generation_is_taken(board: tuple[TestClient, str]) -> None:
    """A form from a page served before the field existed (or a hand-made post): the
    move is taken as the CLI's `followup status` is; only a stale generation is refused."""
    client, db = board
    page = client.get("/pipeline").text
    form = {k: v for k, v in _card_form(page, REF).items() if k != "generation"}
    answer = client.post(f"/o/{REF}/status", data={**form, "status": "dormant"})
    assert answer.status_code == 303
    assert _case(db)["opportunity"]["status"] == "dormant"  # type: ignore[index]


def test_a_forged_generation_is_refused(board: tuple[TestClient, str]) -> None:
    client, db = board
    page = client.get("/pipeline").text
    before = _case(db)
    for forged in ("0" * 64, "x", "<script>", "a" * 100):
        answer = client.post(f"/o/{REF}/status", data={
            **_card_form(page, REF), "generation": forged, "status": "dormant"})
        assert answer.status_code == 409, forged
        assert "<script>" not in answer.text.split('id="toast"')[1][:400]
    answer = client.post(f"/o/{REF}/status", data={
        **_card_form(page, REF), "generation": "a" * 101, "status": "dormant"})
    assert answer.status_code in (400, 422)  # over the field's cap: a plain refusal
    assert _case(db) == before
