"""The board, moved by hand (issue 23): a card dragged to another stage's column (native
HTML5 drag and drop, Chromium's own) lands there and stays after a reload; a drop on Closed
asks which way; a drop the records overrule says why and changes nothing; Undo in the toast
puts the card back; the Move menu does all this without a mouse. At 390 and 1280 px."""

from __future__ import annotations

from typing import Any

from followup.web.views import STAGE_DROPS
from tests.web.browser.conftest import Server, audit
from tests.web.browser.test_seen import look

from .test_pages import seed


def _open(page: Any, stage: str) -> None:
    """On a phone the stages are closed disclosures: open the one to look into."""
    column = page.locator(f"#stage-{stage}")
    if not column.evaluate("d => d.open"):
        column.locator("xpath=./summary").click()


def _drag(page: Any, card: str, stage: str) -> None:
    """Drag the card onto a stage's heading. On a phone the other stages are folded first,
    as a person would, and the page scrolled so the card and the heading are on one screen
    (Playwright's drag does not scroll the page while the button is held)."""
    source = page.locator(f"#card-{card}")
    if page.size_name == "phone":
        home = source.evaluate("c => c.closest('details.stage').id")
        for column in page.locator("details.stage").all():
            if column.get_attribute("id") != home and column.evaluate("d => d.open"):
                column.locator("xpath=./summary").click()
    # Both on screen (a hand on a phone would let the page scroll while dragging).
    page.evaluate("""([a, b]) => {
        const r = [a, b].map(s => document.querySelector(s).getBoundingClientRect());
        const top = Math.min(r[0].top, r[1].top), bottom = Math.max(r[0].bottom, r[1].bottom);
        scrollBy(0, (top + bottom) / 2 - innerHeight / 2);
    }""", [f"#card-{card}", f"#stage-{stage} > summary"])
    source.drag_to(page.locator(f"#stage-{stage} > summary"))


def test_a_dragged_card_moves_and_undo_puts_it_back(server: Server, sized_page: Any) -> None:
    from playwright.sync_api import expect

    page = sized_page
    seed(server, extra=False)
    page.goto(server.url + "/pipeline")
    home = page.locator("#card-hooli-counsel").evaluate(
        "c => c.closest('details.stage').dataset.stage")
    assert home != "dormant"
    _open(page, home)
    _drag(page, "hooli-counsel", "dormant")
    moved = page.locator("#stage-dormant #card-hooli-counsel")
    expect(moved).to_have_count(1)
    expect(page.locator("#toast")).to_be_visible()
    audit(page, "pipeline-dragged")
    page.reload()  # the move is saved: the card is under Dormant on a fresh page
    expect(page.locator("#stage-dormant #card-hooli-counsel")).to_have_count(1)
    expect(page.locator(f"#stage-{home} #card-hooli-counsel")).to_have_count(0)
    assert look(page) == []  # no word broken, nothing cut off
    store = server.store()
    assert store.load_case("hooli-counsel").opportunity.status.value == "dormant"
    store.close()

    _drag(page, "hooli-counsel", home)  # back to active: the planner places it again
    expect(page.locator(f"#stage-{home} #card-hooli-counsel")).to_have_count(1)
    page.locator("#toast").get_by_role("button", name="Undo").click()
    expect(page.locator("#toast")).to_contain_text("Undone")
    expect(page.locator("#stage-dormant #card-hooli-counsel")).to_have_count(1)


def test_a_drop_on_closed_asks_and_one_the_records_overrule_says_why(
        server: Server, sized_page: Any) -> None:
    from playwright.sync_api import expect

    page = sized_page
    seed(server, extra=False)
    page.goto(server.url + "/pipeline")
    card = page.locator("#card-hooli-counsel")
    home = card.evaluate("c => c.closest('details.stage').dataset.stage")
    _open(page, home)
    active = [s for s, status in STAGE_DROPS.items() if status == "active" and s != home]
    _drag(page, "hooli-counsel", active[0])
    expect(page.locator("#board-note")).to_contain_text(
        "Hooli is already active, so it stays where its records put it")
    expect(page.locator(f"#stage-{home} #card-hooli-counsel")).to_have_count(1)
    store = server.store()
    assert store.load_case("hooli-counsel").opportunity.status.value == "active"
    store.close()

    _drag(page, "hooli-counsel", "closed")
    expect(page.locator("#board-note")).to_contain_text("How did Hooli close?")
    menu = card.locator("select[name=status]")
    expect(menu).to_be_focused()  # the keyboard carries on from here
    menu.select_option("withdrawn")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#stage-closed #card-hooli-counsel")).to_have_count(1)
    expect(page.locator("#toast")).to_be_visible()


def test_a_drag_from_a_stale_board_is_refused_and_reload_shows_the_change(
        server: Server, sized_page: Any) -> None:
    """Issue 20's "nothing lost": the board open in a tab, someone else writes to the case
    (the CLI, `mail sync`, another tab); a drag from the old board is refused with the
    reason in the toast, the write made since kept; the toast's Reload (or the browser's)
    shows the change, and a drag from there is taken."""
    from playwright.sync_api import expect

    from followup import service

    page = sized_page
    page.expected_status.add(409)
    seed(server, extra=False)
    page.goto(server.url + "/pipeline")
    home = page.locator("#card-hooli-counsel").evaluate(
        "c => c.closest('details.stage').dataset.stage")
    store = server.store()
    service.add_person(store, "hooli-counsel", name="Sam Since")  # while the tab is open
    store.close()
    _open(page, home)
    _drag(page, "hooli-counsel", "dormant")
    toast = page.locator("#toast")
    expect(toast).to_contain_text(
        "Hooli changed since this page was loaded: reload to see the change")
    expect(toast.get_by_role("button", name="Undo")).to_have_count(0)
    assert page.url.endswith("/pipeline#card-hooli-counsel")  # a reload GETs the board
    audit(page, "pipeline-stale-move")
    store = server.store()
    case = store.load_case("hooli-counsel")
    assert case.opportunity.status.value == "active"  # nothing written by the refused move
    assert "Sam Since" in [p.name for p in case.people]  # the write made since is kept
    store.close()

    toast.get_by_role("link", name="Reload").click()
    expect(page.locator("#toast")).to_have_count(0)
    _open(page, home)
    _drag(page, "hooli-counsel", "dormant")  # from a current board: taken
    expect(page.locator("#stage-dormant #card-hooli-counsel")).to_have_count(1)
    expect(page.locator("#toast")).to_contain_text("dormant")
