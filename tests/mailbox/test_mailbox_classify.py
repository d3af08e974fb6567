"""The classes of incoming mail (mailbox/classify.py) and the reading budgets, without a server."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.core.limits import text_problem
from followup.mailbox.classify import ATS, CLASSES, PHRASES, classify, relay_of, scores
from followup.mailbox.reading import Mail, Unreadable, read_message

ARRIVED = datetime(2026, 3, 20, 14, tzinfo=UTC)


def mail(text: str, subject: str = "", sender: str = "no-reply@us.greenhouse-mail.io",
         name: str = "Acme", auto: str | None = None) -> Mail:
    return Mail("<m@x>", ARRIVED, name, sender, (), subject, (), auto, text)


@pytest.mark.parametrize("phrase", PHRASES, ids=lambda p: f"{p.cls}:{p.example[:30]}")
def test_every_phrase_family_finds_its_own_example(phrase: object) -> None:
    from followup.mailbox.classify import Phrase

    assert isinstance(phrase, Phrase)
    points, _found = scores("", phrase.example)
    assert points.get(phrase.cls, 0) >= phrase.weight


@pytest.mark.parametrize(("subject", "text", "cls"), [
    ("An update on your application", "We have decided to move forward with other candidates. "
     "Thank you for applying.", "rejection"),
    ("Interview change", "Unfortunately the panel has a conflict. Please select a time that "
     "works for you.", "interview_invite"),  # "unfortunately" alone decides nothing
    ("Application received", "If your profile matches, we will contact you to schedule an "
     "interview.", "application_ack"),  # a conditional promise is no invitation
    ("Your offer", "We are delighted to extend you an offer for the role.", "offer"),
    ("Where things stand", "We are still interviewing and expect to make a decision by "
     "March 27.", "status_update"),
    ("12 new jobs for you", "Recommended jobs for you this week.", "unrelated"),
])
def test_the_class_of_relayed_mail(subject: str, text: str, cls: str) -> None:
    assert classify(mail(text, subject)).cls == cls


def test_a_status_update_carries_the_date_it_names() -> None:
    found = classify(mail("We are still reviewing and expect to make a decision by "
                          "March 27.", "Update"))
    assert (found.cls, found.date) == ("status_update", date(2026, 3, 27))


def test_out_of_office_bounce_and_the_candidates_own_note() -> None:
    assert classify(mail("x", auto="out-of-office")).cls == "auto_reply"
    assert classify(mail("x", auto="bounce")).cls == "bounce"
    assert classify(mail("x"), outgoing=True).cls == "sent"
    # a personal note in a matched thread with no job words is a reply, else unrelated
    plain = mail("See you soon.", sender="dana@gmail.com", name="Dana")
    assert classify(plain, matched=True).cls == "reply"
    assert classify(plain).cls == "unrelated"


@pytest.mark.parametrize("domain", sorted(ATS))
def test_every_ats_domain_and_its_subdomains_are_known(domain: str) -> None:
    assert relay_of(mail("", sender=f"no-reply@{domain}")) == ATS[domain]
    assert relay_of(mail("", sender=f"acme@us.{domain}")) == ATS[domain]
    via_reply_to = Mail("<m@x>", ARRIVED, "", "jobs@acme.example", (), "", (), None, "",
                        relay=f"talent@{domain}")
    assert relay_of(via_reply_to) == ATS[domain]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.text(max_size=600), st.sampled_from(
    [None, "newsletter", "auto-reply", "out-of-office", "bounce"]), st.booleans())
def test_any_mail_gets_one_of_the_contracts_classes(subject: str, text: str,
                                                    auto: str | None, matched: bool) -> None:
    found = classify(mail(text, subject, auto=auto), matched=matched)
    assert found.cls in CLASSES and found.cls != "sent"
    assert found.date is None or date(2026, 3, 20) <= found.date <= date(2027, 3, 21)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_are_read_or_refused_with_a_reason(raw: bytes) -> None:
    """Whatever a message holds, reading it gives a Mail whose values meet the typed limits,
    or `Unreadable` with a reason: never another exception."""
    try:
        m = read_message(b"Date: Fri, 20 Mar 2026 10:00:00 +0000\n" + raw, ARRIVED,
                         latest=date(2036, 3, 20))
    except Unreadable as e:
        assert e.reason
        return
    for line in (m.subject, m.sender_name, m.sender_email, m.message_id):
        assert text_problem(line, line=True) is None, line
    assert text_problem(m.text) is None
