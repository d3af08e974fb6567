"""The change log and undo: every write through the store is logged with words and the
state before it; `undo` restores that state, one change at a time, newest first, and
refuses when something outside the log changed the opportunity since."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup import service
from followup.cli import app
from followup.core.model import Channel, Status, TouchKind
from followup.store import Store
from followup.store.changes import UndoError


def _store(tmp_path: Path) -> Store:
    return service.open_store(str(tmp_path / "undo.db"))


def _seed(store: Store) -> str:
    case = service.add_opportunity(store, company="Acme Analytics", role="Data Analyst")
    service.add_person(store, case.opportunity.id, name="Dana Whitfield",
                       email="dana@acme.example.com", contact=True)
    return case.opportunity.id


def test_each_change_is_logged_in_words_and_undone_newest_first(tmp_path: Path) -> None:
    store = _store(tmp_path)
    ref = _seed(store)
    service.log_touch(store, ref, kind=TouchKind.THANK_YOU, channel=Channel.EMAIL,
                      at=datetime(2026, 3, 2, 17, 0), to="dana")
    last = service.last_change(store)
    assert last is not None
    assert last.what == "Logged a thank-you note by email to Dana Whitfield at Acme Analytics"
    store.set_status(ref, Status.DORMANT)
    assert service.last_change(store).what == "Set the status to dormant at Acme Analytics"

    assert service.undo(store).what.startswith("Set the status")
    assert store.load_case(ref).opportunity.status is Status.ACTIVE
    assert service.undo(store).what.startswith("Logged a thank-you")
    assert store.load_case(ref).touches == ()
    assert service.undo(store).what == "Added Dana Whitfield at Acme Analytics"
    assert store.load_case(ref).people == ()
    assert service.undo(store).what == "Added Acme Analytics (Data Analyst)"
    assert store.count() == 0
    with pytest.raises(UndoError, match="nothing to undo"):
        service.undo(store)


def test_a_deletion_comes_back_whole_with_its_snoozes(tmp_path: Path) -> None:
    store = _store(tmp_path)
    ref = _seed(store)
    store.snooze(ref, "check_in", "dana", date(2026, 3, 20))
    assert "Snoozed the check-in to Dana Whitfield" in service.last_change(store).what
    before = store.load_case(ref)
    store.delete(ref)
    assert service.last_change(store).what == "Deleted Acme Analytics (Data Analyst)"
    service.undo(store)
    assert store.load_case(ref) == before
    assert store.snoozes() == {(ref, "check_in", "dana"): date(2026, 3, 20)}
    service.undo(store)  # the snooze itself
    assert store.snoozes() == {}


def test_undo_names_the_change_it_expects(tmp_path: Path) -> None:
    store = _store(tmp_path)
    ref = _seed(store)
    first = service.last_change(store)
    store.set_status(ref, Status.WITHDRAWN if hasattr(Status, "WITHDRAWN") else Status.DORMANT)
    with pytest.raises(UndoError, match="not the latest"):
        service.undo(store, first.id)  # an old toast's button undoes nothing newer


def test_a_write_outside_the_log_blocks_the_undo(tmp_path: Path) -> None:
    from sqlalchemy import text

    store = _store(tmp_path)
    ref = _seed(store)
    with store.engine.begin() as conn:  # e.g. an older version of followup writing directly
        conn.execute(text("UPDATE opportunities SET role = 'Analyst II'"))
    with pytest.raises(UndoError, match="changed since"):
        service.undo(store)
    assert store.load_case(ref).opportunity.role == "Analyst II"


def test_an_import_is_one_change(tmp_path: Path) -> None:
    from followup.demo import demo_cases

    store = _store(tmp_path)
    cases = demo_cases(date(2026, 3, 3))
    service.import_cases(store, cases)
    # All or nothing (issue 12): the cases and the profile they carry are one transaction,
    # so one change, undone at once.
    assert service.last_change(store).what == (
        f"Imported {len(cases)} opportunities; Updated your profile")
    service.undo(store)
    assert store.count() == 0
    assert store.get_candidate().name is None


def test_the_cli_shows_the_change_and_asks(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    store = service.open_store(db)
    ref = _seed(store)
    store.set_status(ref, Status.DORMANT)
    store.close()
    runner = CliRunner()
    refused = runner.invoke(app, ["--db", db, "undo"], input="n\n")
    assert refused.exit_code == 1
    assert "Set the status to dormant at Acme Analytics" in refused.output
    assert service.open_store(db).load_case(ref).opportunity.status is Status.DORMANT
    done = runner.invoke(app, ["--db", db, "undo", "--yes"])
    assert done.exit_code == 0, done.output
    assert "Undone: Set the status to dormant" in done.output
    assert service.open_store(db).load_case(ref).opportunity.status is Status.ACTIVE


def test_the_cli_says_when_there_is_nothing_to_undo(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "empty.db"), "undo", "--yes"])
    assert result.exit_code == 0
    assert "Nothing to undo." in result.output


def test_a_logged_touch_is_undone_even_after_an_edit_rewrote_the_case(tmp_path: Path) -> None:
    """`log` is recorded by what the touch says, not a snapshot (constant time however long
    the history); an edit in between rewrites every row, and undo still finds it."""
    store = _store(tmp_path)
    ref = _seed(store)
    service.log_touch(store, ref, kind=TouchKind.CHECK_IN, channel=Channel.PHONE,
                      at=datetime(2026, 3, 4, 9, 30), to="dana", note="left a voicemail")
    service.log_touch(store, ref, kind=TouchKind.CHECK_IN, channel=Channel.PHONE,
                      at=datetime(2026, 3, 4, 9, 30), to="dana", note="left a voicemail")
    service.add_person(store, ref, name="Priya Raman")
    assert service.undo(store).what == "Added Priya Raman at Acme Analytics"
    assert service.undo(store).what.startswith("Logged a check-in by phone to Dana")
    assert len(store.load_case(ref).touches) == 1  # one of the two identical ones
    service.undo(store)
    assert store.load_case(ref).touches == ()
