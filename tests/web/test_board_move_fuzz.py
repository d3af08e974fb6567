"""The board's Move (POST /o/{id}/status) attacked (issue 20's bar on today's door): unknown
and hostile ids, a status not in the table or none at all, a `next` leading off the site,
no CSRF token or a foreign Host, and replays (two tabs posting the same move, or an old
move after a newer one). Each refusal is a 4xx with nothing changed; a replay changes
nothing more than the first post did; the redirect never leaves the site. Real SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup import service
from followup.core.caseio import loads
from followup.core.model import Status
from followup.service import open_store
from tests.conftest import sqlite_only
from tests.web_helpers import token

pytestmark = [sqlite_only]
CASES = Path(__file__).parents[1] / "fixtures" / "mailbox" / "cases"


@pytest.fixture
def board(tmp_path: Path) -> tuple[TestClient, str, str]:
    from followup.web import WebSettings, create_app

    db = str(tmp_path / "web.db")
    store = open_store(db)
    for path in sorted(CASES.glob("*.json")):
        service.import_cases(store, [loads(path.read_text(encoding="utf-8"))])
    ref = service.list_cases(store)[0].opportunity.id if hasattr(service, "list_cases") \
        else loads((CASES / "acme.json").read_text()).opportunity.id
    store.close()
    app = create_app(WebSettings(db=db))
    return TestClient(app, base_url="http://127.0.0.1:8765", follow_redirects=False), db, ref


def _status(db: str, ref: str) -> Status:
    store = open_store(db)
    try:
        return service.load_case(store, ref).opportunity.status
    finally:
        store.close()


def _move(client: TestClient, ref: str, **data: str) -> int:
    form = {"csrf_token": token(client, "/pipeline"), "next": "/pipeline", **data}
    return client.post(f"/o/{ref}/status", data=form).status_code


def test_bad_moves_are_refused_and_change_nothing(board: tuple[TestClient, str, str]) -> None:
    client, db, ref = board
    before = _status(db, ref)
    for status in ("", "bogus", "ACTIVE ", "active\r\nX: y", "closed", "x" * 10_000, "\x00"):
        assert _move(client, ref, status=status) == 400, status
        assert _status(db, ref) == before
    for other in ("nope", "..", "../etc", "a" * 5_000, "%00", "acme%0d%0a"):
        assert _move(client, other, status="dormant") in (400, 404), other
    assert _status(db, ref) == before
    csrf = token(client, "/pipeline")
    assert client.post(f"/o/{ref}/status", data={"status": "dormant"}).status_code == 403
    assert client.post(f"/o/{ref}/status", data={"status": "dormant", "csrf_token": csrf},
                       headers={"Host": "evil.example"}).status_code in (400, 403, 421)
    assert _status(db, ref) == before


def test_replays_and_two_tabs_end_with_the_last_move(board: tuple[TestClient, str, str]
                                                     ) -> None:
    client, db, ref = board
    for _ in range(3):  # a double click, a resent form: the same state, no error
        assert _move(client, ref, status="dormant") == 303
        assert _status(db, ref) is Status.DORMANT
    assert _move(client, ref, status="active") == 303  # the second tab, opened earlier
    assert _status(db, ref) is Status.ACTIVE


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40) | st.sampled_from(["//evil.example", "/\\evil.example",
                                               "/\\/evil.example", "https://evil.example",
                                               "/\t/evil.example", "/pipeline\r\nX: y"]))
def test_the_redirect_after_a_move_never_leaves_the_site(
        board: tuple[TestClient, str, str], next_: str) -> None:
    client, _db, ref = board
    answer = client.post(f"/o/{ref}/status", data={
        "csrf_token": token(client, "/pipeline"), "status": "dormant", "next": next_})
    assert answer.status_code == 303
    where = answer.headers["location"]
    assert where.startswith("/") or where.startswith("http://127.0.0.1:8765/"), where
    assert not where.startswith("//") and "\\" not in where[:3] and "\r" not in where
