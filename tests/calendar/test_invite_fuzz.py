"""Invite text fuzzed (Hypothesis): real fixtures mutated; every one is read or refused with a
`FollowupError` in one line, never a traceback; through the CLI, exit 0 or 2 and nothing written
on a refusal. The larger run is `scripts/fuzz_invites.py` (see the README)."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from followup.calendar import ical
from followup.cli import app
from followup.core.errors import FollowupError
from tests.invite_mutations import FILES, mutate

NY = ZoneInfo("America/New_York")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FILES), st.randoms(use_true_random=False))
def test_a_mutated_invite_is_read_or_refused_in_one_line(path: Path, rnd: random.Random) -> None:
    data = mutate(path.read_bytes(), rnd)
    try:
        invite = ical.parse_invite(data, "x.ics", zone=NY, zone_name="America/New_York",
                                   me=["alex@example.com"])
    except FollowupError as e:
        assert str(e) and "\n" not in str(e)
        return
    assert ical.FIRST_YEAR - 1 <= invite.start.year <= ical.LAST_YEAR + 1
    assert all(len(p.name) <= ical.MAX_NAME and p.name.isprintable() for p in invite.people)
    assert len(invite.uid) <= ical.MAX_UID


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_are_refused_in_one_line(data: bytes) -> None:
    try:
        ical.parse_invite(b"BEGIN:VCALENDAR\n" + data, "x.ics", zone=NY,
                          zone_name="America/New_York")
    except FollowupError as e:
        assert "\n" not in str(e)


def digest(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FILES), st.randoms(use_true_random=False))
def test_import_invite_exits_0_or_2(path: Path, rnd: random.Random) -> None:
    import tempfile

    folder = Path(tempfile.mkdtemp())
    db, file = folder / "f.db", folder / "x.ics"
    file.write_bytes(mutate(path.read_bytes(), rnd))
    runner = CliRunner()
    runner.invoke(app, ["--db", str(db), "profile", "--email", "alex@example.com"])
    before = digest(db)
    result = runner.invoke(app, ["--db", str(db), "import-invite", str(file), "--yes",
                                 "--company", "Acme", "--role", "Analyst", "--tz", "UTC"])
    assert result.exit_code in (0, 2), result.exception
    if result.exit_code == 2:
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
        assert digest(db) == before


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_a_hostile_invite_is_refused_in_one_line_or_read(rnd: random.Random) -> None:
    """Recurrence bombs, deep nesting, huge lines, countless MIME parts (issue 20): the
    larger run with time and memory per input is `scripts/fuzz_invites.py --hostile`."""
    from tests.invite_mutations import hostile

    _, data = hostile(rnd)
    try:
        ical.parse_invite(data, "x.ics", zone=NY, zone_name="America/New_York")
    except FollowupError as e:
        assert str(e) and "\n" not in str(e)
