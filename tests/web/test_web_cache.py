"""The page and plan caches: a kept page never outlives a write (this app's, or another
process's such as the CLI's), never hands one browser another's CSRF token, and a large
account's Today is paged rather than megabytes."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from followup import service
from followup.core.model import Status
from followup.web import WebSettings, create_app

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from synth import make_cases  # noqa: E402

from tests.web_helpers import TODAY, make_client  # noqa: E402


def _seed(db: str, n: int = 3) -> list[str]:
    store = service.open_store(db)
    cases = list(make_cases(n))
    store.save_cases(cases)
    store.close()
    return [c.opportunity.id for c in cases]


def test_a_write_by_another_process_shows_on_the_next_request(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    db = str(tmp_path / "web.db")
    slugs = _seed(db)
    first = client.get(f"/o/{slugs[0]}")
    assert first.status_code == 200 and ">active<" in first.text
    assert client.get(f"/o/{slugs[0]}").text == first.text  # kept
    other = service.open_store(db)  # another connection, as `followup status` would be
    other.set_status(slugs[0], Status.DORMANT)
    other.close()
    again = client.get(f"/o/{slugs[0]}")
    assert ">dormant<" in again.text
    pipeline = client.get("/pipeline").text
    client.get("/pipeline")
    service.open_store(db).delete(slugs[1])
    assert client.get("/pipeline").text != pipeline


def test_each_browser_gets_its_own_token_from_a_kept_page(tmp_path: Path) -> None:
    app = create_app(WebSettings(db=str(tmp_path / "web.db"), today=TODAY))
    _seed(str(tmp_path / "web.db"))
    one = TestClient(app, base_url="http://127.0.0.1:8765")
    two = TestClient(app, base_url="http://127.0.0.1:8765")
    tokens = []
    for client in (one, one, two):
        page = client.get("/")
        found = set(re.findall(r'name="csrf_token" value="([^"]+)"', page.text)) | set(
            re.findall(r'"x-csrf-token": "([^"]+)"', page.text))
        assert len(found) == 1
        assert found == {client.cookies["followup_csrf"]}
        tokens.append(found.pop())
    assert tokens[0] == tokens[1] != tokens[2]


def test_a_large_today_is_paged(tmp_path: Path) -> None:
    client = make_client(tmp_path, today=date(2026, 3, 3))
    _seed(str(tmp_path / "web.db"), 400)
    page = client.get("/")
    assert page.status_code == 200
    assert len(page.content) < 250_000, len(page.content)
    shown = page.text.count('class="action state-')
    assert shown <= 60
    assert "Show all" in page.text
    every = client.get("/?show=overdue")
    assert every.text.count('class="action state-overdue"') >= page.text.count(
        'class="action state-overdue"')


def test_a_page_kept_for_one_host_is_never_served_to_another(tmp_path: Path) -> None:
    """Issue 20, item 8: Today rendered for 127.0.0.1 was served to `localhost`, whose
    forms then posted to 127.0.0.1 and were refused as cross-site."""
    client = make_client(tmp_path)
    slugs = _seed(str(tmp_path / "web.db"))
    for host in ("127.0.0.1:8765", "localhost:8765", "127.0.0.1:8765"):
        page = client.get(f"/o/{slugs[0]}", headers={"host": host})
        assert page.status_code == 200
        links = set(re.findall(r'(?:action|href)="(http://[^/"]+)/', page.text))
        assert links == {f"http://{host}"}, (host, links)


def test_a_kept_page_answered_before_routing_keeps_every_defence(tmp_path: Path) -> None:
    """Issue 24: a kept page is answered by `PageFront`, before FastAPI routes it; the Host
    check, the CSRF cookie and the security headers still come with it."""
    app = create_app(WebSettings(db=str(tmp_path / "web.db"), today=TODAY))
    slugs = _seed(str(tmp_path / "web.db"))
    one = TestClient(app, base_url="http://127.0.0.1:8765")
    one.get(f"/o/{slugs[0]}")  # rendered and kept
    kept = one.get(f"/o/{slugs[0]}")
    assert kept.status_code == 200 and "set-cookie" not in kept.headers  # it holds one
    assert kept.headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in kept.headers["content-security-policy"]
    foreign = one.get(f"/o/{slugs[0]}", headers={"host": "evil.example"})
    assert foreign.status_code == 400 and slugs[0] not in foreign.text
    fresh = TestClient(app, base_url="http://127.0.0.1:8765")  # a new browser: no cookie
    page = fresh.get(f"/o/{slugs[0]}")
    assert page.status_code == 200 and "followup_csrf=" in page.headers["set-cookie"]
    assert "samesite=strict" in page.headers["set-cookie"].lower()
    assert fresh.cookies["followup_csrf"] in page.text
    assert one.cookies["followup_csrf"] not in page.text
    posted = fresh.post(f"/o/{slugs[0]}/status", data={"status": "dormant"})
    assert posted.status_code == 403  # the kept page changes nothing about CSRF on a POST
