"""The mailbox sync against a real IMAP server (Dovecot, tests/mailbox_server.py).

The fixture mailbox (tests/fixtures/mailbox) says in each message's `X-Fixture-Expect` what
the sync must make of it; these tests check every one through the CLI (`mail sync`,
`inbox --format json`, `export`), then that the mailbox is byte for byte unchanged, that a
second sync is a no-op, and that a sync killed with SIGKILL resumes without duplicates.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests import mailbox_server
from tests.conftest import sqlite_only, table_dump
from tests.mailbox.conftest import World, needs_dovecot

FIXTURES = Path(__file__).parents[1] / "fixtures" / "mailbox"
TODAY = "2026-03-26"

pytestmark = [needs_dovecot, sqlite_only]


def _expectations() -> list[tuple[str, str, str]]:
    """(folder, Message-ID, expectation) for every fixture message."""
    out = []
    for folder in ("Sent", "INBOX"):
        for path in sorted((FIXTURES / folder).glob("*.eml")):
            head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
            fields = dict(line.split(": ", 1) for line in head.splitlines()
                          if ": " in line and not line.startswith((" ", "\t")))
            out.append((folder, fields["Message-ID"], fields["X-Fixture-Expect"]))
    return out


def _fill(server: mailbox_server.Dovecot, user: str) -> None:
    server.add_user(user)
    for folder in ("Sent", "INBOX"):
        for n, path in enumerate(sorted((FIXTURES / folder).glob("*.eml"))):
            server.deliver(folder, path.read_bytes(), seen=n % 2 == 0, user=user)


@pytest.fixture
def world(dovecot: mailbox_server.Dovecot, tmp_path: Path,
          monkeypatch: pytest.MonkeyPatch) -> World:
    user = f"alex{uuid.uuid4().hex[:8]}"
    _fill(dovecot, user)
    monkeypatch.setenv("FOLLOWUP_IMAP_PASSWORD", mailbox_server.PASSWORD)
    w = World(dovecot, user, tmp_path / "f.db", Path(os.environ["FOLLOWUP_HOME"]))
    for case in sorted((FIXTURES / "cases").glob("*.json")):
        w.cli("import", str(case))
    w.cli("mail", "setup", "--host", "127.0.0.1", "--port", str(dovecot.port), "--user", user,
          "--security", "none")
    return w


def _remember_maria_draft(w: World) -> None:
    """The draft `followup draft --eml` wrote for María: its Message-ID is on record."""
    from followup.service import inbox
    from followup.store import Store

    store = Store.open(str(w.db))
    raw = (FIXTURES / "Sent" / "04-draft-sent-maria.eml").read_bytes()
    inbox.remember_draft(store, "umbrella-designer", "maria", "thank_you", raw)
    store.close()


def test_every_fixture_ends_where_it_says(world: World) -> None:
    _remember_maria_draft(world)
    report = world.sync()
    assert report["folders"] == {"Sent": 6, "INBOX": 16}
    items = {i["message_id"]: i for i in world.inbox()}
    exports = {slug: world.export(slug) for slug in (
        "acme-analyst", "globex-engineer", "initech-pm", "umbrella-designer", "hooli-analyst",
        "hooli-scientist")}
    logged = {t["message_id"]: (slug, t) for slug, e in exports.items() for t in e["touches"]
              if "message_id" in t}
    for folder, mid, expect in _expectations():
        main, *extras = [x.strip() for x in expect.split(";")]
        word, *args = main.split()
        where = f"{folder} {mid}: {expect}"
        if word == "logged":
            assert mid in logged, where
            slug, touch = logged[mid]
            assert (touch["kind"], slug) == (args[0], args[1]), where
            assert touch.get("person") == (args[2] if len(args) > 2 else None), where
            assert touch["direction"] == ("out" if folder == "Sent" else "in"), where
        elif word == "matched":  # typed by hand before: the same touch, now with its id
            slug, touch = logged[mid]
            assert (slug, touch["person"], touch["note"]) == (args[0], args[1], "typed by hand")
            outs = [t for t in exports[slug]["touches"] if t["direction"] == "out"
                    and t.get("person") == args[1]]
            assert len(outs) == 1, where
        elif word == "queued":
            assert mid in items and mid not in logged, where
            assert items[mid]["opportunity"] == args[0], where
        else:
            assert word in ("skipped", "unrelated"), where
            assert mid not in logged and mid not in items, where
        for extra in extras:
            key, value = extra.split()
            field = {"new_by": "new_by", "status": "status", "snooze": "snooze_until"}[key]
            assert items[mid][field] == value, where
    # unknown senders are listed with their address
    html_only = items["<20260318.html-only.jane@globex.example>"]
    assert (html_only["name"], html_only["address"], html_only["from"]) == (
        "Jane Roe", "jane.roe@globex.example", "jane.roe@globex.example")
    # a message in the thread of a logged one names the person even from a personal address
    assert logged["<CAJ4-personal-dana-0314@mail.gmail.com>"][1]["person"] == "dana"
    # times are the candidate's (America/New_York), from the Date header
    assert logged["<0c1d2e3f-ty-dana@example.com>"][1]["at"] == "2026-03-02T17:28"
    # the quoted history is not read: the reply's date is the 20th, not April 30
    assert items["<CAH9r-reply-dana-0312@mail.gmail.com>"]["new_by"] == "2026-03-20"


def test_the_mailbox_is_byte_for_byte_unchanged(world: World) -> None:
    fresh = (FIXTURES / "INBOX" / "01-reply-dana-new-date.eml").read_bytes().replace(
        b"<CAH9r-reply-dana-0312@mail.gmail.com>", b"<just-delivered@acme.example>")
    world.server.deliver("INBOX", fresh, new=True, user=world.user)  # \Recent, in new/
    before = world.server.snapshot(world.user)
    assert any(name.endswith(":2,") for name in before)  # unread mail stays unread
    assert any("/new/" in name for name in before)  # and new mail stays new
    world.sync()
    world.sync()
    assert world.server.snapshot(world.user) == before


def test_a_second_sync_reads_nothing_and_writes_nothing(world: World) -> None:
    first = world.sync()
    assert first["bodies_read"] > 0
    dump = table_dump(f"sqlite:///{world.db}")
    second = world.sync()
    assert second["folders"] == {"Sent": 0, "INBOX": 0}
    assert second["bodies_read"] == 0 and second["counts"] == {}
    assert table_dump(f"sqlite:///{world.db}") == dump


def test_new_mail_is_read_incrementally(world: World) -> None:
    world.sync()
    reply = (FIXTURES / "INBOX" / "01-reply-dana-new-date.eml").read_bytes()
    reply = reply.replace(b"<CAH9r-reply-dana-0312@mail.gmail.com>", b"<later-1@acme.example>")
    world.server.deliver("INBOX", reply, seen=False, user=world.user)
    again = world.sync()
    assert again["folders"] == {"Sent": 0, "INBOX": 1}
    assert again["counts"] == {"logged": 1}
    touches = world.export("acme-analyst")["touches"]
    assert [t["message_id"] for t in touches].count("<later-1@acme.example>") == 1


def test_accept_and_ignore_are_remembered(world: World) -> None:
    world.sync()
    items = {i["message_id"]: i for i in world.inbox()}
    offer = items["<DM6PR-offer-maria@umbrella.example>"]
    out = world.cli("inbox", "accept", str(offer["id"])).stdout
    assert "status offer" in out
    assert world.export("umbrella-designer")["opportunity"]["status"] == "offer"
    hooli = items["<hooli-kim-0312@hooli.example>"]
    world.cli("inbox", "accept", str(hooli["id"]), "--opportunity", "hooli-scientist")
    assert [t.get("message_id") for t in world.export("hooli-scientist")["touches"]] == [
        "<hooli-kim-0312@hooli.example>"]
    assert world.export("hooli-analyst")["touches"] == []
    jane = items["<20260318.html-only.jane@globex.example>"]
    world.cli("inbox", "accept", str(jane["id"]))
    globex = world.export("globex-engineer")
    assert any(p["name"] == "Jane Roe" and p["email"] == "jane.roe@globex.example"
               for p in globex["people"])  # the unknown sender is now recorded
    newsletter_free = items["<bh-2026-0311-77@bridgehire.example>"]
    world.cli("inbox", "ignore", str(newsletter_free["id"]))
    again = world.cli("inbox", "accept", str(newsletter_free["id"]), ok=False)
    assert again.exit_code == 2 and "already ignored" in again.output
    left = {i["message_id"] for i in world.inbox()}
    assert not left & {offer["message_id"], hooli["message_id"], jane["message_id"],
                       newsletter_free["message_id"]}
    # a later sync, even after a UIDVALIDITY change (every UID read again), never asks again
    conn = sqlite3.connect(world.db)
    conn.execute("UPDATE mail_folders SET uidvalidity = uidvalidity + 1")
    conn.commit()
    conn.close()
    world.sync()
    assert {i["message_id"] for i in world.inbox()} == left


def test_setup_errors_are_one_line_and_write_nothing(world: World,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    config = world.home / "config.toml"
    before = config.read_text()
    bad = world.cli("mail", "setup", "--host", "127.0.0.1", "--port", "99999", "--user", "x",
                    "--security", "none", ok=False)
    assert bad.exit_code == 2 and "--port" in bad.output
    wrong = world.cli("mail", "setup", "--host", "127.0.0.1", "--port", "1", "--user", "x",
                      "--security", "ssl", ok=False)
    assert wrong.exit_code == 2 and "--security" in wrong.output
    monkeypatch.setenv("FOLLOWUP_IMAP_PASSWORD", "not-the-password")
    refused = world.cli("mail", "setup", "--host", "127.0.0.1", "--port",
                        str(world.server.port), "--user", "someone-else", "--security", "none",
                        ok=False)
    assert refused.exit_code == 2 and "login as someone-else refused" in refused.output
    assert len(refused.output.strip().splitlines()) == 1
    assert config.read_text() == before  # nothing saved
    assert mailbox_server.PASSWORD not in before  # the password never is
    for path in world.db.parent.glob("f.db*"):
        assert mailbox_server.PASSWORD.encode() not in path.read_bytes()


def test_tls_and_starttls_with_a_verified_certificate(world: World) -> None:
    server = world.server
    for port, security in ((server.tls_port, "tls"), (server.port, "starttls")):
        world.cli("mail", "setup", "--host", "127.0.0.1", "--port", str(port), "--user",
                  world.user, "--security", security, "--cafile", str(server.cafile))
        assert world.sync()["folders"]["INBOX"] in (16, 0)
    untrusted = world.cli("mail", "setup", "--host", "127.0.0.1", "--port",
                          str(server.tls_port), "--user", world.user, "--security", "tls",
                          ok=False)
    assert untrusted.exit_code == 2 and "certificate" in untrusted.output


def _subprocess_sync(w: World, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "followup", "--db", str(w.db), "mail",
                             "sync", "--today", TODAY], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _committed(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM mail_messages").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_a_killed_sync_resumes_without_duplicates(world: World) -> None:
    world.server.deliver_many("INBOX", mailbox_server.synthetic(600), user=world.user)
    env = {**os.environ, "FOLLOWUP_MAIL_BATCH": "25"}
    killed_at = []
    for wait_for in (1, 150):  # kill once early, once midway, each with SIGKILL
        proc = _subprocess_sync(world, env)
        deadline = time.monotonic() + 60
        while _committed(world.db) < wait_for and proc.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.01)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        killed_at.append(_committed(world.db))
    done = _subprocess_sync(world, env)
    assert done.wait(120) == 0, done.stderr.read() if done.stderr else ""
    conn = sqlite3.connect(world.db)
    ids = [r[0] for r in conn.execute("SELECT message_id FROM touches WHERE message_id "
                                      "IS NOT NULL")]
    reviews = [r[0] for r in conn.execute("SELECT message_id FROM mail_reviews")]
    seen = conn.execute("SELECT count(*) FROM mail_messages").fetchone()[0]
    conn.close()
    assert len(ids) == len(set(ids)) and len(reviews) == len(set(reviews))
    assert seen == 6 + 16 + 600  # every message read exactly once in the end
    assert killed_at[0] < seen  # the first kill really was mid-sync
    # the same outcome as one uninterrupted sync
    fresh = World(world.server, world.user, world.db.with_name("fresh.db"), world.home)
    for case in sorted((FIXTURES / "cases").glob("*.json")):
        fresh.cli("import", str(case))
    fresh.sync()
    conn = sqlite3.connect(fresh.db)
    fresh_ids = sorted(r[0] for r in conn.execute(
        "SELECT message_id FROM touches WHERE message_id IS NOT NULL"))
    conn.close()
    assert sorted(ids) == fresh_ids


def test_a_reply_to_a_draft_we_wrote_is_matched_by_its_thread(world: World,
                                                              tmp_path: Path) -> None:
    """`followup draft --eml` records the draft's Message-ID; the reply, from an address
    never recorded, is logged by its In-Reply-To alone."""
    eml = tmp_path / "check-in.eml"
    world.cli("draft", "globex-engineer", "--kind", "check_in", "--to", "juergen",
              "--today", "2026-03-12", "--eml", str(eml))
    from email import message_from_bytes

    draft_id = message_from_bytes(eml.read_bytes())["Message-ID"]
    reply = (f"From: J. Mueller <jm.private@gmx.de>\nTo: alex.morgan@example.com\n"
             f"Subject: Re: your note\nDate: Thu, 19 Mar 2026 10:00:00 +0100\n"
             f"Message-ID: <reply-to-draft@gmx.de>\nIn-Reply-To: {draft_id}\n"
             f"References: {draft_id}\nContent-Type: text/plain; charset=utf-8\n\n"
             f"Thanks, we will decide by March 27.\n").encode()
    world.server.deliver("INBOX", reply, user=world.user)
    world.sync()
    touches = world.export("globex-engineer")["touches"]
    (touch,) = [t for t in touches if t.get("message_id") == "<reply-to-draft@gmx.de>"]
    assert (touch["direction"], touch["kind"]) == ("in", "reply")
    item = next(i for i in world.inbox() if i["message_id"] == "<reply-to-draft@gmx.de>")
    assert item["new_by"] == "2026-03-27"
    world.cli("inbox", "accept", str(item["id"]))
    touches = world.export("globex-engineer")["touches"]
    assert [t.get("new_by") for t in touches
            if t.get("message_id") == "<reply-to-draft@gmx.de>"] == ["2026-03-27"]


def test_the_inbox_page_lists_accepts_and_ignores_with_csrf(world: World) -> None:
    from fastapi.testclient import TestClient

    from followup.web import WebSettings, create_app
    from tests.web_helpers import token

    world.sync()
    client = TestClient(create_app(WebSettings(db=str(world.db))),
                        base_url="http://127.0.0.1:8765", follow_redirects=False)
    page = client.get("/inbox")
    assert page.status_code == 200
    assert "jane.roe@globex.example" in page.text and "Undelivered Mail" not in page.text
    assert "&lt;tom@bridgehire.example&gt;" in page.text  # escaped, not markup
    items = {i["message_id"]: i for i in world.inbox()}
    offer = items["<DM6PR-offer-maria@umbrella.example>"]["id"]
    refused = client.post(f"/inbox/{offer}/accept", data={"opportunity": "umbrella-designer"})
    assert refused.status_code in (400, 403)
    assert world.export("umbrella-designer")["opportunity"]["status"] == "active"
    csrf = token(client, "/inbox")
    done = client.post(f"/inbox/{offer}/accept",
                       data={"opportunity": "umbrella-designer", "csrf_token": csrf})
    assert done.status_code == 303
    assert world.export("umbrella-designer")["opportunity"]["status"] == "offer"
    agency = items["<bh-2026-0311-77@bridgehire.example>"]["id"]
    client.post(f"/inbox/{agency}/ignore", data={"csrf_token": csrf})
    page = client.get("/inbox").text
    assert f'id="item-{offer}"' not in page and f'id="item-{agency}"' not in page


def test_watch_syncs_again_when_mail_arrives(world: World) -> None:
    """`mail sync --watch`: after the first sync it waits in IMAP IDLE; new mail is read
    within seconds, without polling from our side."""
    proc = subprocess.Popen([sys.executable, "-m", "followup", "--db", str(world.db), "mail",
                             "sync", "--watch", "--today", TODAY], env=dict(os.environ),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while _committed(world.db) < 22 and time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            time.sleep(0.1)
        assert _committed(world.db) == 22
        reply = (FIXTURES / "INBOX" / "01-reply-dana-new-date.eml").read_bytes().replace(
            b"<CAH9r-reply-dana-0312@mail.gmail.com>", b"<while-watching@acme.example>")
        world.server.deliver("INBOX", reply, seen=False, user=world.user)
        deadline = time.monotonic() + 90
        while _committed(world.db) < 23 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _committed(world.db) == 23
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise
    assert code == 0
    touches = world.export("acme-analyst")["touches"]
    assert [t.get("message_id") for t in touches].count("<while-watching@acme.example>") == 1


def test_xoauth2_login_with_an_access_token(world: World,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Gmail and Microsoft 365 take SASL XOAUTH2 with the user's own OAuth client's access
    token; here Dovecot's oauth2 passdb checks it against an RFC 7662 introspection endpoint.
    The token comes from FOLLOWUP_IMAP_TOKEN (or the keyring), never from the config file."""
    monkeypatch.delenv("FOLLOWUP_IMAP_PASSWORD")
    monkeypatch.setenv("FOLLOWUP_IMAP_TOKEN", "ya29.expired")
    args = ["mail", "setup", "--host", "127.0.0.1", "--port", str(world.server.port),
            "--user", world.user, "--security", "none", "--auth", "xoauth2"]
    refused = world.cli(*args, ok=False)
    assert refused.exit_code == 2 and "refused" in refused.output
    token = mailbox_server.TOKEN + world.user
    monkeypatch.setenv("FOLLOWUP_IMAP_TOKEN", token)
    assert "Login checked" in world.cli(*args).stdout
    assert world.sync()["folders"] == {"Sent": 6, "INBOX": 16}
    assert token not in (world.home / "config.toml").read_text()
    assert not [p for p in world.db.parent.glob("f.db*") if token.encode() in p.read_bytes()]
    monkeypatch.delenv("FOLLOWUP_IMAP_TOKEN")
    missing = world.cli("mail", "sync", ok=False)
    assert missing.exit_code == 2 and "FOLLOWUP_IMAP_TOKEN" in missing.output


def test_a_sync_is_in_the_change_log(world: World) -> None:
    """What a sync logged can be taken back with `followup undo`, like a touch typed by
    hand; the message is not logged again by the next sync (the user decided)."""
    world.sync()
    before = [t.get("message_id") for t in world.export("acme-analyst")["touches"]]
    assert "<CAH9r-reply-dana-0312@mail.gmail.com>" in before
    out = world.cli("undo", "--yes").stdout
    assert "Undone" in out
    world.sync()
    after = [t.get("message_id") for t in world.export("acme-analyst")["touches"]]
    # the last batch (INBOX) is taken back; the Sent folder's batch before it stays
    assert "<CAH9r-reply-dana-0312@mail.gmail.com>" not in after
    assert "<0c1d2e3f-ty-dana@example.com>" in after


def test_a_reply_from_an_unknown_address_in_our_thread_is_the_person_we_wrote_to(
        world: World) -> None:
    """Issue 22: the interviewer answers from a personal address with another display name,
    in the thread of our thank-you: logged for Dana, and the address offered to her record."""
    reply = (b"From: DW <dw.home@fastmail.com>\nTo: alex.morgan@example.com\n"
             b"Subject: Re: Thank you for today\nDate: Tue, 3 Mar 2026 21:00:00 -0500\n"
             b"Message-ID: <personal-reply-dw@fastmail.com>\n"
             b"In-Reply-To: <0c1d2e3f-ty-dana@example.com>\n"
             b"References: <0c1d2e3f-ty-dana@example.com>\n"
             b"Content-Type: text/plain; charset=utf-8\n\nLovely to meet you too, Alex.\n")
    world.server.deliver("INBOX", reply, user=world.user)
    world.sync()
    (touch,) = [t for t in world.export("acme-analyst")["touches"]
                if t.get("message_id") == "<personal-reply-dw@fastmail.com>"]
    assert (touch["kind"], touch["person"]) == ("reply", "dana")
    (entry,) = [e for e in world.log() if e["message_id"] == "<personal-reply-dw@fastmail.com>"]
    assert (entry["decision"], entry["class"], entry["person"]) == ("logged", "reply", "dana")
    item = next(i for i in world.inbox() if i["message_id"] == entry["message_id"])
    assert item["new_address"] == "dw.home@fastmail.com"
    out = world.cli("inbox", "accept", str(item["id"])).stdout
    assert "recorded dw.home@fastmail.com for Dana Whitfield" in out
    people = {p["id"]: p for p in world.export("acme-analyst")["people"]}
    assert people["dana"]["email"] == "dw.home@fastmail.com"
    touches = [t for t in world.export("acme-analyst")["touches"]
               if t.get("message_id") == entry["message_id"]]
    assert len(touches) == 1  # accepting logs nothing twice


def test_a_thank_you_that_promises_a_check_in_is_a_thank_you(world: World) -> None:
    """Issue 22: "check in" in a thank-you's last line no longer outranks its subject and
    opening; the day (right after the interview) agrees."""
    note = (b"From: Alex Morgan <alex.morgan@example.com>\nTo: Priya Raman <priya@acme.example>\n"
            b"Subject: Thanks, Priya\nDate: Mon, 2 Mar 2026 19:10:00 -0500\n"
            b"Message-ID: <ty-priya-checkin-later@example.com>\n"
            b"Content-Type: text/plain; charset=utf-8\n\n"
            b"Hi Priya,\n\nThank you for the conversation about the analytics team today.\n"
            b"I enjoyed hearing about the dashboard rebuild.\n\n"
            b"I'll check in next week if I haven't heard by then.\n\nAlex\n")
    world.server.deliver("Sent", note, user=world.user)
    world.sync()
    (touch,) = [t for t in world.export("acme-analyst")["touches"]
                if t.get("message_id") == "<ty-priya-checkin-later@example.com>"]
    assert (touch["kind"], touch["person"], touch["direction"]) == ("thank_you", "priya", "out")
    (entry,) = [e for e in world.log()
                if e["message_id"] == "<ty-priya-checkin-later@example.com>"]
    assert (entry["class"], entry["decision"]) == ("sent", "logged")


def test_mail_log_lists_every_message_read_newest_first(world: World) -> None:
    assert world.cli("mail", "log").stdout.startswith("No mail read yet")
    world.sync()
    log = world.log()
    assert len(log) == 6 + 16  # every message, skipped ones included
    ats = [e["at"] for e in log]
    assert ats == sorted(ats, reverse=True)
    assert set(log[0]) == {"message_id", "at", "from", "subject", "class", "opportunity",
                           "person", "date", "decision", "reason"}
    from followup.mailbox.classify import CLASSES

    assert {e["class"] for e in log} <= set(CLASSES)
    assert {e["decision"] for e in log} <= {"logged", "queued", "skipped"}
    bounce = next(e for e in log if e["class"] == "bounce")
    assert bounce["decision"] == "skipped" and bounce["reason"]
    assert len(world.log()) == len(log)
    limited = world.cli("mail", "log", "--format", "json", "--limit", "3").stdout
    assert limited.count('"message_id"') == 3
    bad = world.cli("mail", "log", "--limit", "0", ok=False)
    assert bad.exit_code == 2 and "--limit" in bad.output
