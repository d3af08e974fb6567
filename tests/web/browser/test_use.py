"""The web app as people use it (issue 23), in Chromium at a phone's width and at 1280 px:
compose keeps one state, a finding selects its words, the keyboard reaches everything
(shortcuts dialog, Undo, focus after an action), the board moves a card, the calendar shows
the weeks ahead, and settings save with one button."""

from __future__ import annotations

import re
from typing import Any

from tests.web.browser.conftest import Server, audit

from .test_pages import seed


def test_compose_banner_buttons_and_findings_agree(server: Server, sized_page: Any) -> None:
    """Mark sent with an error asks first; fixing the text turns the banner and "Mark sent
    anyway" back into "Mark sent" without a reload, and that sends (no 409 after a fix)."""
    from playwright.sync_api import expect

    page = sized_page
    seed(server, extra=False)
    page.goto(server.url + "/o/globex-executive/compose?kind=thank_you&to=hank")
    editor = page.locator("#text")
    expect(editor).to_be_focused()  # the editor, not 9 Tabs away
    draft = editor.input_value()
    editor.fill(draft + "\nCould you call me back?\n")
    expect(page.locator('li.finding[data-rule="tone.call-me-back"]')).to_have_count(1)
    page.expected_status.add(409)  # the question "send anyway?" is a refusal
    page.locator("#mark-sent").click()
    expect(page.locator("#send-anyway")).to_contain_text("1 error in this text")
    expect(page.locator("#mark-sent")).to_have_text("Mark sent anyway")

    editor = page.locator("#text")
    editor.fill(editor.input_value().replace("\nCould you call me back?", ""))
    expect(page.locator('li.finding[data-rule="tone.call-me-back"]')).to_have_count(0)
    expect(page.locator("#send-anyway")).to_have_count(0)
    expect(page.locator("#mark-sent")).to_have_text("Mark sent")
    tally = page.locator("#tally").inner_text()
    assert "error" not in tally or tally.startswith("0 errors")
    with page.expect_response(re.compile(r"/compose/sent$")) as sent:
        page.locator("#mark-sent").click()
    assert sent.value.status == 303
    expect(page.locator("#toast")).to_contain_text("Logged a thank-you note by email to Hank")


def test_a_finding_clicked_selects_its_words(server: Server, sized_page: Any) -> None:
    from playwright.sync_api import expect

    page = sized_page
    seed(server, extra=False)
    page.goto(server.url + "/o/globex-executive/compose?kind=thank_you&to=hank")
    editor = page.locator("#text")
    # A long first paragraph (it wraps in the box) and an emoji before the finding: the
    # selection must still land on the words, whatever the box's line numbers.
    editor.fill("Hi Hank,\n\n" + "I enjoyed our talk 🙂 about the launch plans. " * 6
                + "Could you call me back when you have a moment?\n\nBest,\nAlex\n")
    finding = page.locator('li.finding[data-rule="tone.call-me-back"]')
    expect(finding).to_have_count(1)
    expect(finding.locator(".where")).to_have_text("in paragraph 2")
    finding.locator("[data-select]").click()
    expect(editor).to_be_focused()
    chosen = editor.evaluate("b => b.value.slice(b.selectionStart, b.selectionEnd)")
    assert chosen and chosen == finding.locator("[data-select]").get_attribute("data-excerpt")
    assert "call me" in chosen.lower()
    # The tally and the badges use one word.
    badges = {b.inner_text() for b in page.locator("li.finding .badge").all()}
    assert "info" not in badges and "info" not in page.locator("#tally").inner_text()


def test_the_keyboard_reaches_the_daily_loop(server: Server, sized_page: Any) -> None:
    """`?` opens a modal dialog on screen; x marks the selected card done and the focus lands
    on the next card, where the page was; u undoes it from the toast."""
    from playwright.sync_api import expect

    page = sized_page
    seed(server, extra=False)
    page.goto(server.url + "/")
    page.keyboard.press("?")
    dialog = page.locator("dialog#shortcuts")
    expect(dialog).to_be_visible()
    box = dialog.bounding_box()
    view = page.viewport_size
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= view["height"]
    assert box["x"] > 0 and box["x"] + box["width"] < view["width"]  # a dialog, not a block
    audit(page)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    cards = page.locator("[data-card]")
    before = cards.count()
    page.keyboard.press("j")
    page.keyboard.press("j")
    second = cards.nth(1).get_attribute("id")
    third = cards.nth(2).get_attribute("id")
    assert second and third
    page.keyboard.press("x")
    expect(page.locator("#toast")).to_be_visible()
    expect(cards).to_have_count(before - 1)
    # The focus is on the card that took the done one's place, not on the page's body.
    expect(page.locator(f"#{third}")).to_have_attribute("aria-current", "true")
    focused = page.evaluate("document.activeElement.closest('[data-card]')?.id")
    assert focused == third
    page.keyboard.press("u")
    expect(page.locator("#toast")).to_contain_text("Undone")
    expect(cards).to_have_count(before)


def test_the_board_moves_a_card_by_keyboard(server: Server, sized_page: Any) -> None:
    from playwright.sync_api import expect

    page = sized_page
    seed(server, extra=False)
    page.goto(server.url + "/pipeline")
    card = page.locator("#card-hooli-counsel")
    stage = card.locator("xpath=ancestor::details[1]")
    if not stage.evaluate("d => d.open"):  # a phone opens the first stage only
        stage.locator("xpath=./summary").focus()
        page.keyboard.press("Enter")
    card.locator("details.move summary").focus()
    page.keyboard.press("Enter")
    menu = card.locator("select")
    menu.focus()
    menu.select_option("dormant")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    moved = page.locator("#stage-dormant #card-hooli-counsel")
    expect(moved).to_have_count(1)
    expect(moved).to_have_class(re.compile("moved"))
    expect(moved.locator("[data-primary]")).to_be_focused()
    expect(page.locator("#toast")).to_be_visible()
    audit(page)


def test_the_pipeline_on_a_phone_is_a_list_of_stages(server: Server, sized_page: Any) -> None:
    from playwright.sync_api import expect

    page = sized_page
    page.goto(server.url + "/pipeline")
    expect(page.locator("#pipeline-empty")).to_contain_text("Add an opportunity")
    seed(server, extra=False)
    page.goto(server.url + "/pipeline")
    stages = page.locator("details.stage")
    expect(stages).to_have_count(5)
    opened = [s.evaluate("d => d.open") for s in stages.all()]
    if page.size_name == "phone":
        assert opened.count(True) == 1, opened  # one stage open, the rest counted
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height < 3 * page.viewport_size["height"], f"{height} px tall"
    else:
        assert all(opened)
        tops = {round(s.bounding_box()["y"]) for s in stages.all()}
        assert len(tops) == 1, "five columns side by side"


def test_the_calendar_shows_the_weeks_ahead_and_the_feed(server: Server,
                                                         sized_page: Any) -> None:
    from playwright.sync_api import expect

    page = sized_page
    seed(server, extra=False)
    page.goto(server.url + "/calendar")
    days = page.locator("ol.weeks li.day")
    expect(days).to_have_count(28)
    expect(days.first).to_contain_text("Today")
    assert page.locator("ol.weeks li.interview").count() >= 1
    assert page.locator("ol.weeks li.step").count() >= 1
    page.get_by_role("button", name="Make a subscription address").click()
    address = page.locator("#feed-address").input_value()
    assert re.fullmatch(re.escape(server.url) + r"/calendar/[^/]+\.ics", address)
    feed = page.request.get(address)
    assert feed.status == 200 and b"BEGIN:VCALENDAR" in feed.body()
    audit(page)


def test_settings_save_everything_with_one_button(server: Server, sized_page: Any) -> None:
    from playwright.sync_api import expect

    page = sized_page
    page.goto(server.url + "/settings")
    assert page.locator("form#settings-form button[type=submit]").count() == 1
    page.locator("#policies summary").click()
    hours = "hours after the interview Standard"
    due = page.get_by_role("textbox", name=f"Thank-you note due {hours}")
    latest = page.get_by_role("textbox", name=f"Thank-you note at the latest {hours}")
    # Raised together: each alone would put "due" after "at the latest".
    due.fill("60")
    latest.fill("72")
    page.get_by_label("Your name").fill("Sam Rivera")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#toast")).to_be_visible()
    page.goto(server.url + "/settings")
    page.locator("#policies summary").click()
    assert page.get_by_label("Your name").input_value() == "Sam Rivera"
    assert due.input_value() == "60" and latest.input_value() == "72"
    assert "policy." not in page.locator("main").inner_text()  # words, not config keys
    due.fill("ninety")
    page.expected_status.add(400)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("[role=alert]").first).to_contain_text("ninety")
    page.goto(server.url + "/settings")
    page.locator("#policies summary").click()
    assert due.input_value() == "60", "a refused save writes nothing"
