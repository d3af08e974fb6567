"""The Inbox page in Chromium at 390 and 1280 px (issue 23): a person types the mailbox's
server, login and password into the form, saves, presses Sync now and sees the mail it
logged, against the real Dovecot the mailbox tests start. The password goes to the keyring
(an in-memory one: CI has no Secret Service) and never back into the page."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from followup import service
from followup.core.caseio import loads
from tests import mailbox_server
from tests.conftest import sqlite_only
from tests.keyring_memory import MemoryKeyring, installed
from tests.mailbox.conftest import dovecot, needs_dovecot  # noqa: F401 - the fixture
from tests.web.browser.conftest import Server, audit, serve, shoot
from tests.web.browser.test_seen import look

FIXTURES = Path(__file__).parents[2] / "fixtures" / "mailbox"
pytestmark = [needs_dovecot, sqlite_only]


@pytest.fixture
def mail_server(tmp_path: Path) -> Iterator[Server]:
    yield from serve(tmp_path, date(2026, 3, 26))  # the fixture mailbox's today


def test_a_person_sets_up_the_mailbox_and_sees_synced_mail(
        mail_server: Server, sized_page: Any, dovecot: mailbox_server.Dovecot) -> None:  # noqa: F811
    from playwright.sync_api import expect

    store = mail_server.store()
    for path in sorted((FIXTURES / "cases").glob("*.json")):
        service.import_cases(store, [loads(path.read_text(encoding="utf-8"))])
    store.close()
    user = f"web{uuid.uuid4().hex[:8]}"
    dovecot.add_user(user)
    for folder in ("Sent", "INBOX"):
        for p in sorted((FIXTURES / folder).glob("*.eml")):
            dovecot.deliver(folder, p.read_bytes(), user=user)

    page = sized_page
    with installed() as ring:
        assert isinstance(ring, MemoryKeyring)
        page.goto(mail_server.url + "/inbox")
        expect(page.locator("#sync-now")).to_have_count(0)
        expect(page.locator("#mail-setup")).to_have_attribute("open", "")
        audit(page, "inbox-setup")
        # A wrong port first: named beside its field, the rest kept, nothing saved.
        page.get_by_label("IMAP server").fill("127.0.0.1")
        page.get_by_label("Port").fill("one-four-three")
        page.get_by_label("Login").fill(user)
        page.get_by_label("Security").select_option("none")
        page.get_by_label("Password").fill(mailbox_server.PASSWORD)
        page.expected_status.add(400)
        page.get_by_role("button", name="Save the mailbox").click()
        expect(page.locator("#port-error")).to_contain_text("not a TCP port")
        expect(page.get_by_label("Login")).to_have_value(user)
        expect(page.get_by_label("Password")).to_have_value("")  # never sent back
        assert ring.secrets == {}

        page.get_by_label("Port").fill(str(dovecot.port))
        page.get_by_label("Password").fill(mailbox_server.PASSWORD)
        page.get_by_role("button", name="Save the mailbox").click()
        expect(page.locator("#mail-saved")).to_contain_text("Login checked: it works.")
        expect(page.locator("#mail-where")).to_contain_text(f"Reading {user} at 127.0.0.1")
        assert ring.secrets == {("followup-imap", user): mailbox_server.PASSWORD}
        assert mailbox_server.PASSWORD not in page.content()

        sync = page.get_by_role("button", name="Sync now")
        sync.focus()  # the keyboard is enough
        page.keyboard.press("Enter")
        expect(page.locator("#sync-report")).to_contain_text("Read 22 new messages")
        shown = page.locator("#mail-logged li")  # logged and queued, each with its reason
        expect(shown.first).to_contain_text("logged")
        passed = page.locator("#mail-skipped li")  # the rest behind a disclosure
        assert shown.count() + passed.count() == 22
        expect(passed.first).not_to_be_visible()
        page.locator("#mail-passed > summary").click()
        expect(passed.first).to_be_visible()
        assert look(page) == []  # no word broken, nothing cut off
        page.evaluate("scrollTo(0, 0)")
        shoot(page, f"inbox-synced-top-{page.size_name}", full=False)
        expect(page.locator(".inbox-item").first).to_be_visible()  # what it was unsure of
        audit(page, "inbox-synced")
