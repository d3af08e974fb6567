"""Matching a message to an opportunity, most certain first (no server: `Mail` values)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from followup.core import caseio
from followup.core.model import Direction, TouchKind
from followup.mailbox.matching import (
    FREEMAIL,
    Index,
    Known,
    guess_sent_kind,
    match_headers,
    match_text,
)
from followup.mailbox.reading import Mail

CASES = Path(__file__).parents[1] / "fixtures" / "mailbox" / "cases"


def index(known: dict[str, Known] | None = None) -> Index:
    cases = [caseio.loads(p.read_text(), str(p)) for p in sorted(CASES.glob("*.json"))]
    return Index.build(cases, {"alex.morgan@example.com"}, known or {})


def mail(sender: tuple[str, str] = ("", "x@y.example"),
         to: tuple[tuple[str, str], ...] = (("Alex", "alex.morgan@example.com"),),
         thread: tuple[str, ...] = (), text: str = "", subject: str = "") -> Mail:
    return Mail("<m@x>", datetime(2026, 3, 12, 14, tzinfo=UTC), sender[0], sender[1], to,
                subject, thread, None, text)


def test_the_thread_wins_over_everything() -> None:
    idx = index({"<ours@example.com>": Known("globex-engineer", "juergen", "check_in")})
    found = match_headers(mail(("Dana Whitfield", "dana@acme.example"),
                               thread=("<ours@example.com>",)), idx, Direction.IN)
    assert found is not None and (found.outcome, found.opportunity) == ("log",
                                                                       "globex-engineer")


def test_a_recorded_address_is_certain_unless_it_is_on_two_opportunities() -> None:
    idx = index()
    dana = match_headers(mail(("Dana", "Dana@Acme.example".lower())), idx, Direction.IN)
    assert dana is not None and (dana.outcome, dana.opportunity, dana.person) == (
        "log", "acme-analyst", "dana")
    kim = match_headers(mail(("Kim", "recruiting@hooli.example")), idx, Direction.IN)
    assert kim is not None and kim.outcome == "queue"
    assert set(kim.choices) == {"hooli-analyst", "hooli-scientist"}


def test_the_company_domain_from_its_people_or_its_name() -> None:
    idx = index()
    jane = match_headers(mail(("Jane", "jane@eu.globex.example")), idx, Direction.IN)
    assert jane is not None and (jane.outcome, jane.opportunity) == ("queue",
                                                                     "globex-engineer")
    initech = match_headers(mail(("", "careers@initech.example")), idx, Direction.IN)
    assert initech is not None and initech.opportunity == "initech-pm"
    sent = match_headers(mail(("Alex", "alex.morgan@example.com"),
                              to=(("", "talent@globex.example"),)), idx, Direction.OUT)
    assert sent is not None and sent.outcome == "log"  # you wrote to them: certain


def test_freemail_is_never_a_company_domain() -> None:
    idx = index()
    assert "gmail.com" in FREEMAIL and idx.domain_opportunities("gmail.com") == set()
    assert match_headers(mail(("Chris", "chris@gmail.com")), idx, Direction.IN) is None


def test_names_only_ever_queue() -> None:
    idx = index()
    by_name = match_text(mail(("María José García", "mj@gmail.com")), idx, Direction.IN)
    assert by_name is not None and (by_name.outcome, by_name.opportunity) == (
        "queue", "umbrella-designer")
    by_text = match_text(mail(("Tom", "tom@agency.example"),
                              text="You are talking to Acme Analytics, I hear."), idx,
                         Direction.IN)
    assert by_text is not None and by_text.opportunity == "acme-analyst"
    assert match_text(mail(text="Acme is a word in cartoons."), idx, Direction.IN) is None


def test_a_sent_notes_kind_from_its_words_then_the_plan() -> None:
    idx = index()
    acme = idx.cases["acme-analyst"]
    at = datetime(2026, 3, 2, 17)
    neutral = mail(text="Hi Dana, great to meet you.")
    assert guess_sent_kind(neutral, acme, at, None, "dana") is TouchKind.THANK_YOU
    later = datetime(2026, 3, 13, 9)
    assert guess_sent_kind(neutral, acme, later, None, "dana") is TouchKind.CHECK_IN
    closing = mail(text="One last note from me before I close the loop.")
    assert guess_sent_kind(closing, acme, later, None, "dana") is TouchKind.FINAL
    ours = Known("acme-analyst", "dana", "final")
    assert guess_sent_kind(neutral, acme, at, ours, "dana") is TouchKind.FINAL
