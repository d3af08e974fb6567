"""touch.message_id through the case file and the store (CONTRACT.md), and migration 0007."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from followup.core import caseio
from followup.core.errors import CaseFileError, FollowupError
from followup.core.model import Channel, Direction, Touch, TouchKind
from followup.store import Store
from followup.store.migrate import HEAD, upgrade

CASE = Path(__file__).parents[1] / "cases" / "contract_example.json"


def _case_dict() -> dict:
    return json.loads(CASE.read_text())


def test_message_id_round_trips_through_the_case_file() -> None:
    data = _case_dict()
    data["touches"][2]["message_id"] = "<CAH9r-1@mail.gmail.com>"
    case = caseio.from_dict(data)
    assert case.touches[2].message_id == "<CAH9r-1@mail.gmail.com>"
    assert caseio.from_dict(caseio.to_dict(case)) == case
    assert caseio.to_dict(case)["touches"][2]["message_id"] == "<CAH9r-1@mail.gmail.com>"
    assert "message_id" not in caseio.to_dict(case)["touches"][0]


@pytest.mark.parametrize("value", ["CAH9r-1@mail.gmail.com", "<no-at-sign>", "<a b@c>", ""])
def test_a_bad_message_id_is_named(value: str) -> None:
    data = _case_dict()
    data["touches"][0]["message_id"] = value
    with pytest.raises(CaseFileError) as e:
        caseio.from_dict(data)
    assert "touches[0].message_id" in str(e.value)


def test_two_touches_of_a_case_cannot_share_a_message_id() -> None:
    data = _case_dict()
    data["touches"][0]["message_id"] = data["touches"][1]["message_id"] = "<x@y>"
    with pytest.raises(CaseFileError, match=r"touches\[1\].message_id: duplicate"):
        caseio.from_dict(data)


def test_no_two_touches_of_an_account_share_one(db_url: str) -> None:
    store = Store.open(db_url)
    data = _case_dict()
    data["touches"][0]["message_id"] = "<same@acme.example>"
    store.save_case(caseio.from_dict(data))
    other = _case_dict()
    other["opportunity"]["id"] = "acme-2"
    other["touches"][1]["message_id"] = "<same@acme.example>"
    with pytest.raises(FollowupError, match="already logged in acme-analyst"):
        store.save_case(caseio.from_dict(other))
    assert store.count() == 1  # nothing of the second case was written
    touch = Touch(at=datetime(2026, 3, 14), direction=Direction.IN, channel=Channel.EMAIL,
                  kind=TouchKind.REPLY, message_id="<same@acme.example>")
    with pytest.raises(FollowupError, match="already logged"):
        store.add_touch("acme-analyst", touch)
    store.add_touch("acme-analyst", replace(touch, message_id="<new@acme.example>"))
    ids = [t.message_id for t in store.load_case("acme-analyst").touches]
    assert ids.count("<new@acme.example>") == 1
    # a whole-case rewrite keeps the ids (update_case deletes and re-inserts)
    store.update_case("acme-analyst", lambda c: replace(c, opportunity=replace(
        c.opportunity, role="Lead Analyst")))
    assert [t.message_id for t in store.load_case("acme-analyst").touches] == ids
    # another account may hold the same Message-ID
    Store(store.engine, account="student-2").save_case(caseio.from_dict(data))


def test_a_database_at_0004_upgrades_to_0007_keeping_its_touches(db_url: str) -> None:
    engine = create_engine(db_url)
    upgrade(engine, "0004")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO accounts (id, name, created_at) "
                          "VALUES (1, 'default', '2026-01-01 00:00:00')"))
        conn.execute(text(
            "INSERT INTO opportunities (id, account_id, slug, company, role, status, send_letter,"
            " created_at) VALUES (1, 1, 'old-job', 'Old Co', 'Clerk', 'active', false,"
            " '2026-01-01 00:00:00')"))
        conn.execute(text(
            "INSERT INTO touches (opportunity_id, at, direction, channel, kind, note) VALUES"
            " (1, '2026-03-02 17:30:00', 'out', 'email', 'thank_you', 'kept')"))
    Store.open(db_url)
    with engine.connect() as conn:
        assert str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar()) \
            == HEAD
        tables = set(inspect(conn).get_table_names())
    engine.dispose()
    assert {"mail_folders", "mail_messages", "mail_reviews"} <= tables
    (touch,) = Store.open(db_url).load_case("old-job").touches
    assert (touch.note, touch.message_id) == ("kept", None)


def test_sync_outcomes_and_the_review_queue_on_any_database(db_url: str) -> None:
    """The sync's writes (store/mailbox.py) without a server: fixture messages read and
    decided as the sync does, saved in one batch, accepted from the queue."""
    from followup.mailbox.reading import read_message
    from followup.service import inbox
    from followup.store import mailbox as sm

    fixtures = Path(__file__).parents[1] / "fixtures" / "mailbox"
    store = Store.open(db_url)
    for path in sorted((fixtures / "cases").glob("*.json")):
        store.save_case(caseio.loads(path.read_text(), str(path)))
    index = inbox._index(store, set())
    outcomes = []
    for folder, name in (("Sent", "01-thank-you-dana.eml"), ("INBOX", "01-reply-dana-new-date.eml"),
                         ("INBOX", "05-rejection-initech.eml"), ("INBOX", "10-bounce.eml")):
        mail = read_message((fixtures / folder / name).read_bytes())
        outcomes.append(inbox.decide_message(mail, index, in_sent=folder == "Sent",
                                             zone=inbox._zone("America/New_York")))
    assert [o.outcome for o in outcomes] == ["logged", "logged", "queued", "skipped"]
    sm.save_batch(store, "INBOX", 7, 4, outcomes)
    sm.save_batch(store, "INBOX", 7, 4, outcomes)  # a batch redone after a crash: no-op
    assert sm.folder_state(store, "INBOX") == (7, 4)
    touches = store.load_case("acme-analyst").touches
    assert [t.message_id for t in touches].count("<CAH9r-reply-dana-0312@mail.gmail.com>") == 1
    waiting = {r.message_id: r for r in sm.reviews(store)}
    assert waiting["<CAH9r-reply-dana-0312@mail.gmail.com>"].new_by == date(2026, 3, 20)
    rejection = waiting["<rej-8812@careers.initech.example>"]
    assert (rejection.status, rejection.sender_email) == ("rejected", "careers@initech.example")
    inbox.accept(store, waiting["<CAH9r-reply-dana-0312@mail.gmail.com>"].id)
    reply = next(t for t in store.load_case("acme-analyst").touches
                 if t.message_id == "<CAH9r-reply-dana-0312@mail.gmail.com>")
    assert reply.new_by == date(2026, 3, 20)
    inbox.accept(store, rejection.id)
    initech = store.load_case("initech-pm")
    assert initech.opportunity.status.value == "rejected"
    assert any(p.email == "careers@initech.example" for p in initech.people)
    assert sm.reviews(store) == []


def test_a_nul_in_an_encoded_subject_is_stored_on_any_database(db_url: str) -> None:
    """Issue 20 item 1: on PostgreSQL a sent note whose RFC 2047 subject held NUL stopped the
    sync at every run (PostgreSQL refuses NUL in text). Values from mail are cleaned to the
    limits of typed ones before they reach any store, and the log keeps the cleaned subject."""
    from datetime import UTC

    from followup.core.limits import text_problem
    from followup.mailbox.reading import read_message
    from followup.service import inbox
    from followup.store import mailbox as sm

    fixtures = Path(__file__).parents[1] / "fixtures" / "mailbox"
    store = Store.open(db_url)
    for path in sorted((fixtures / "cases").glob("*.json")):
        store.save_case(caseio.loads(path.read_text(), str(path)))
    raw = (b"From: Alex Morgan <alex.morgan@example.com>\nTo: Dana <dana@acme.example>\n"
           b"Message-ID: <nul@example.com>\nDate: Mon, 02 Mar 2026 17:00:00 -0500\n"
           b"Subject: =?utf-8?B?VGhhbmsgeW91AA==?=\nContent-Type: text/plain\n\n"
           b"Thank you for the interview\x00 today.\n")
    mail = read_message(raw, datetime(2026, 3, 2, 22, tzinfo=UTC))
    assert "\x00" not in mail.subject + mail.text
    outcome = inbox.decide_message(mail, inbox._index(store, set()), in_sent=True,
                                   zone=inbox._zone("America/New_York"))
    assert outcome.outcome == "logged" and outcome.touch is not None
    assert outcome.touch.note is not None and text_problem(outcome.touch.note, line=True) is None
    sm.save_batch(store, "Sent", 1, 1, [outcome])
    (entry,) = sm.log(store)
    assert (entry.subject, entry.decision, entry.cls) == ("Thank you", "logged", "sent")


def test_a_batch_the_store_refuses_is_saved_message_by_message(db_url: str) -> None:
    """One outcome the store refuses (here a Message-ID already on a touch typed elsewhere)
    costs that message alone: it is recorded as skipped with the store's reason, the others
    in the batch are written, and the folder's high-water mark moves past them all."""
    from followup.service import inbox
    from followup.store import mailbox as sm
    from followup.store.mailbox import Outcome

    store = Store.open(db_url)
    case = caseio.from_dict(_case_dict())
    taken = replace(case.touches[0], message_id="<taken@x>")
    store.save_case(replace(case, touches=(taken, *case.touches[1:])))
    slug = case.opportunity.id
    at = datetime(2026, 3, 20, 9, 0)

    def logged(mid: str) -> Outcome:
        touch = Touch(at=at, direction=Direction.IN, channel=Channel.EMAIL,
                      kind=TouchKind.REPLY, note="hi", message_id=mid)
        return Outcome(mid, "logged", slug, None, "reply", touch=touch, at=at, cls="reply",
                       reason="test")

    good, clash = logged("<fresh@x>"), replace(logged("<taken@x>"), message_id="<other@x>")
    clash = replace(clash, touch=replace(clash.touch, message_id="<taken@x>")
                    if clash.touch else None)
    inbox._save(store, "INBOX", 9, [1, 2, 3], [(1, good), (2, clash)])
    assert sm.folder_state(store, "INBOX") == (9, 3)
    log = {e.message_id: e for e in sm.log(store)}
    assert log["<fresh@x>"].decision == "logged"
    refused = log["<other@x>"]
    assert refused.decision == "skipped" and "store refused it" in (refused.reason or "")
    assert "already logged" in (refused.reason or "")
    ids = [t.message_id for t in store.load_case(slug).touches]
    assert ids.count("<fresh@x>") == 1 and ids.count("<taken@x>") == 1
