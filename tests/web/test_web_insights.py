"""The Insights page over a real SQLite file: the figures with their n, the published
figures with their sources, "no response observed" never called a rejection."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

from followup import service
from followup.core.model import Case, Channel, Direction, Opportunity, Status, Touch, TouchKind
from tests.web_helpers import TODAY, make_client


def history() -> list[Case]:
    """Six closed opportunities: three thank-you notes answered (2, 4, 9 days), two check-ins
    unanswered, one application rejected in 5 days."""
    out = []
    start = datetime(2025, 10, 1, 9, 0)
    for n, (kind, reply, status) in enumerate((
            (TouchKind.THANK_YOU, 2, Status.DORMANT), (TouchKind.THANK_YOU, 4, Status.DORMANT),
            (TouchKind.THANK_YOU, 9, Status.DORMANT), (TouchKind.CHECK_IN, None, Status.DORMANT),
            (TouchKind.CHECK_IN, None, Status.WITHDRAWN),
            (TouchKind.APPLICATION, 5, Status.REJECTED))):
        sent = start + timedelta(days=7 * n)
        touches = [Touch(sent, Direction.OUT, Channel.EMAIL, kind)]
        if reply is not None:
            answer = TouchKind.REJECTION if status is Status.REJECTED else TouchKind.REPLY
            touches.append(Touch(sent + timedelta(days=reply), Direction.IN, Channel.EMAIL,
                                 answer))
        out.append(Case(Opportunity(f"past-{n}", f"Past {n} <Co>", "Analyst", status=status),
                        touches=tuple(touches)))
    return out


def test_the_insights_page_shows_each_figure_with_its_n(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    store = client.app.state.store  # type: ignore[attr-defined]
    service.import_cases(store, history())
    page = client.get("/insights")
    assert page.status_code == 200
    text = re.sub(r"\s+", " ", page.text)
    assert "Follow-ups answered</dt><dd>67%" in text and "n = 6" in text
    assert "Median days to reply</dt><dd>4.5" in text
    assert "no response observed 2" in text and "rejected" not in text.lower().replace(
        "never counted as a rejection", "")
    assert "Thank-you note: 100% answered, 3 of 3 (95% interval 44% to 100%)" in text
    assert "Check-in: 0% answered, 0 of 2 (95% interval 0% to 66%)" in text
    assert "Yesware" in text and "Accountemps" in text and "Greenhouse" in text
    assert 'role="img"' in text and "<desc id=\"outcomes-desc\">" in text
    assert f"as of {TODAY.strftime('%a')}" in text


def test_an_empty_account_has_an_insights_page_too(tmp_path: Path) -> None:
    page = make_client(tmp_path).get("/insights")
    assert page.status_code == 200 and "No answered follow-up yet" in page.text
    assert "Nothing recorded yet." in page.text


def test_a_foreign_host_never_reaches_insights(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    assert client.get("/insights", headers={"Host": "evil.example"}).status_code == 400
