"""Reading one message: what kind of mail it is, its new text, the dates a reply gives.

The header sets are the published ones (RFC 3834, RFC 3464, RFC 2369, Exchange's
X-Auto-Response-Suppress, Zimbra/Sieve X-Autoreply); the phrases are how recruiters write.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.mailbox.reading import (
    decision_date,
    message_ids,
    new_text,
    read_message,
    reply_kind,
    return_date,
    sent_kind,
)

BASE = date(2026, 3, 12)  # a Thursday
ARRIVED = datetime(2026, 3, 12, 13, 5, tzinfo=UTC)  # the server's INTERNALDATE


def mail(headers: str, body: str = "Hello.") -> bytes:
    return ("From: Dana <dana@acme.example>\nTo: alex@example.com\nSubject: Re: hi\n"
            "Date: Thu, 12 Mar 2026 09:00:00 -0400\nMessage-ID: <m1@acme.example>\n"
            + (f"{headers}\n" if headers else "")
            + f"Content-Type: text/plain; charset=utf-8\n\n{body}\n").encode()


@pytest.mark.parametrize(("headers", "why"), [
    ("Auto-Submitted: auto-replied", "auto-reply"),
    ("Auto-Submitted: auto-generated", "auto-reply"),
    ("Auto-Submitted: auto-replied; owner-email=dana@acme.example\nSubject2: x", "auto-reply"),
    ("X-Autoreply: yes", "auto-reply"),
    ("X-Autorespond: Thanks", "auto-reply"),
    ("Precedence: bulk", "newsletter"),
    ("Precedence: list", "newsletter"),
    ("List-Unsubscribe: <mailto:unsub@acme.example>", "newsletter"),
    ("List-Id: <jobs.acme.example>", "newsletter"),
    ("X-Auto-Response-Suppress: All\nX-MS-Exchange-Inbox-Rules-Loop: dana@acme.example",
     "out-of-office"),
    ("Auto-Submitted: auto-replied (vacation)", "out-of-office"),
    ("X-Failed-Recipients: old@acme.example", "bounce"),
    ("Auto-Submitted: no", None),
    ("X-Auto-Response-Suppress: All", None),  # Outlook sets it on ordinary mail too
])
def test_automatic_mail_is_recognised(headers: str, why: str | None) -> None:
    assert read_message(mail(headers), ARRIVED).auto == why


@pytest.mark.parametrize("subject", ["Out of Office: Re: hi", "Automatic reply: Re: hi",
                                     "Abwesenheitsnotiz", "Réponse automatique : hi"])
def test_out_of_office_by_subject(subject: str) -> None:
    raw = mail("").replace(b"Subject: Re: hi", f"Subject: {subject}".encode())
    assert read_message(raw, ARRIVED).auto in ("out-of-office", "auto-reply")


def test_a_bounce_from_mailer_daemon() -> None:
    raw = mail("").replace(b"From: Dana <dana@acme.example>",
                           b"From: MAILER-DAEMON@mx.example.com (Mail Delivery System)")
    assert read_message(raw, ARRIVED).auto == "bounce"


def test_a_no_reply_sender_is_not_a_person() -> None:
    raw = mail("").replace(b"dana@acme.example", b"no-reply@jobs.example")
    assert read_message(raw, ARRIVED).auto == "newsletter"


def test_encoded_headers_and_thread_ids() -> None:
    raw = (b"From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <J.Mueller@Globex.example>\n"
           b"To: =?utf-8?B?TWFyw61h?= <maria@x.example>, bob@y.example\n"
           b"Subject: =?UTF-8?B?WW91ciBhcHBsaWNhdGlvbiDigJMgUE0=?=\n"
           b"Message-ID: <a@b>\nIn-Reply-To: <c@d>\nReferences: <e@f>\n <c@d>\n\nx\n")
    arrived = datetime(2026, 3, 12, 13, 5, tzinfo=UTC)
    m = read_message(raw, arrived)
    assert (m.at, m.dated) == (arrived, "no Date; arrival used")  # never 1969
    assert (m.sender_name, m.sender_email) == ("Jürgen Müller", "j.mueller@globex.example")
    assert m.recipients == (("María", "maria@x.example"), ("", "bob@y.example"))
    assert m.subject == "Your application – PM"
    assert m.in_reply_to == ("<c@d>", "<e@f>")


def test_a_message_without_message_id_gets_a_stable_one() -> None:
    raw = mail("").replace(b"Message-ID: <m1@acme.example>\n", b"")
    first, second = read_message(raw, ARRIVED).message_id, read_message(raw, ARRIVED).message_id
    assert first == second and first.endswith("@no-message-id.invalid>")
    assert message_ids("bare-id@host") == ("<bare-id@host>",)


def test_html_only_mail_is_read_as_text_without_its_quote() -> None:
    raw = (b"From: a@b.example\nSubject: x\nContent-Type: text/html; charset=utf-8\n\n"
           b"<html><style>p{}</style><body><p>We will decide by the 20th.</p>"
           b"<div class=\"gmail_quote\">On Mon someone wrote:<blockquote>by the 30th"
           b"</blockquote></div></body></html>")
    text = read_message(raw, ARRIVED).text
    assert "decide by the 20th" in text and "30th" not in text and "<" not in text


@pytest.mark.parametrize("body", [
    "We will decide by the 20th.\n\nOn Mon, Mar 2, 2026 at 5:28 PM Alex <a@x> wrote:\n"
    "> by the 30th please\n",
    "We will decide by the 20th.\n\n-----Original Message-----\nFrom: Alex\nby the 30th\n",
    "We will decide by the 20th.\n\nFrom: Alex Morgan <a@x>\nSent: Monday\nby the 30th\n",
    "We will decide by the 20th.\n\nAm 02.03.2026 um 17:28 schrieb Alex <a@x>:\n> 30th\n",
    "We will decide by the 20th.\n> by the 30th\n",
])
def test_quoted_history_is_cut(body: str) -> None:
    text = new_text(body)
    assert "20th" in text and "30th" not in text


@pytest.mark.parametrize(("sentence", "expected"), [
    ("We expect to make a decision by the 20th.", date(2026, 3, 20)),
    ("We'll decide by the 5th.", date(2026, 4, 5)),  # the next 5th
    ("We will get back to you early next month.", date(2026, 4, 7)),
    ("You should hear from us mid next month.", date(2026, 4, 15)),
    ("I will let you know by March 25.", date(2026, 3, 25)),
    ("We hope to have news by 25 March.", date(2026, 3, 25)),
    ("We hope to make a decision next Friday.", date(2026, 3, 20)),
    ("Expect an update within two weeks.", date(2026, 3, 26)),
    ("We'll be in touch by the end of next week.", date(2026, 3, 20)),
    ("Our timeline: a decision by 2026-03-31.", date(2026, 3, 31)),
    ("Thanks for your note!", None),
    ("I met the team on the 3rd.", None),  # a date, but not about a decision
    ("I am back on the 20th.", None),  # a return date is not a decision date
])
def test_a_new_decision_date(sentence: str, expected: date | None) -> None:
    assert decision_date(sentence, BASE) == expected


def test_a_return_date() -> None:
    assert return_date("I am out of the office from March 9 and will return on March 16.",
                       BASE) == date(2026, 3, 16)
    assert return_date("I am travelling with limited access.", BASE) is None


@pytest.mark.parametrize(("text", "kind"), [
    ("We are delighted to offer you the position.", "offer"),
    ("We would like to extend an offer.", "offer"),
    ("Please find the offer letter attached.", "offer"),
    ("Unfortunately, we will not be moving forward with your application.", "rejection"),
    ("We have decided to move forward with other candidates.", "rejection"),
    ("The position has been filled.", "rejection"),
    ("We regret to inform you that you were not selected.", "rejection"),
    ("Still finishing interviews; more next week.", "reply"),
])
def test_what_a_reply_says(text: str, kind: str) -> None:
    assert reply_kind(text) == kind


@pytest.mark.parametrize(("text", "kind"), [
    ("Thank you for taking the time to meet with me.", "thank_you"),
    ("Thanks for the conversation this morning.", "thank_you"),
    ("I wanted to check in on the role.", "check_in"),
    ("Following up on my application.", "check_in"),
    ("One last note before I close the loop.", "final"),
    ("See you Friday.", None),
])
def test_what_a_sent_note_is(text: str, kind: str | None) -> None:
    assert sent_kind(text) == kind


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_reading_any_text_never_fails_and_dates_stay_near(text: str) -> None:
    found = decision_date(text, BASE)
    assert found is None or BASE <= found <= date(2027, 3, 13)
    assert len(new_text(text)) <= len(text)
    reply_kind(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_read_as_a_message(raw: bytes) -> None:
    m = read_message(raw, ARRIVED)
    assert m.message_id.startswith("<") and m.message_id.endswith(">")


def test_raw_utf8_headers_are_read_as_utf8() -> None:
    """RFC 6532 (and many mailers without it): 8-bit UTF-8 straight in the headers."""
    raw = "From: Jürgen Müller <jm@globex.example>\nSubject: Grüße\n\nx\n".encode()
    m = read_message(raw, ARRIVED)
    assert (m.sender_name, m.subject) == ("Jürgen Müller", "Grüße")
