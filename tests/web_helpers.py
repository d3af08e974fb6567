"""Shared by the web tests: an app on a real SQLite file, and a client that knows its token."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from followup.web import WebSettings, create_app

TODAY = date(2026, 3, 3)  # a Tuesday: the day after the interview in the examples


def make_client(tmp_path: Path, today: date = TODAY) -> TestClient:
    app = create_app(WebSettings(db=str(tmp_path / "web.db"), today=today))
    return TestClient(app, base_url="http://127.0.0.1:8765", follow_redirects=False)


def token(client: TestClient, path: str = "/opportunities/new") -> str:
    """The CSRF token a page carries in its forms (and its cookie)."""
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, "the page has no CSRF field"
    return found.group(1)


def post(client: TestClient, path: str, data: dict[str, str]) -> object:
    return client.post(path, data={**data, "csrf_token": token(client)})
