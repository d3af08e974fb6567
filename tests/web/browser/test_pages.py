"""Every page and state in Chromium at 1280 px and at a phone's 390 px, in light and dark:
nothing wider than the window, zero axe-core violations, and a screenshot of each into
docs/screenshots (the README links them)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from followup import service
from followup.demo import demo_candidate, demo_cases
from tests.web.browser.conftest import Server, _page, audit
from tests.web_helpers import TODAY

PAGES = [
    ("today", "/"),
    ("pipeline", "/pipeline"),
    ("pipeline-search", "/pipeline?q=acme"),
    ("opportunity", "/o/acme-analyst"),
    ("opportunity-two-interviews", "/o/umbrella-manager"),
    ("add-opportunity", "/opportunities/new"),
    ("add-interview", "/o/hooli-counsel/interviews/new"),
    ("compose-email", "/o/globex-executive/compose?kind=thank_you&to=hank"),
    ("compose-call-script", "/o/acme-analyst/compose?kind=check_in&to=dana&channel=phone"),
    ("compose-letter", "/o/wayne-accountant/compose?kind=letter&to=lucius&channel=letter"),
    ("settings", "/settings"),
    ("calendar", "/calendar"),
    ("inbox", "/inbox"),
    ("not-found", "/o/no-such-thing"),
]


def seed(server: Server, extra: bool = True) -> None:
    store = server.store()
    service.import_cases(store, demo_cases(TODAY))
    store.save_candidate(demo_candidate())
    if extra:  # nobody recorded: "Draft it" asks who it is for
        service.add_opportunity(store, company="Nobody Yet Inc", role="Analyst")
    store.close()


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[n for n, _ in PAGES])
def test_every_page_fits_and_passes_axe(server: Server, sized_page: Any, name: str,
                                        path: str) -> None:
    seed(server)
    if name == "not-found":
        sized_page.expected_status.add(404)
    sized_page.goto(server.url + path)
    audit(sized_page, name)


def test_the_states_between_pages(server: Server, sized_page: Any) -> None:
    """The empty Today (onboarding), the recipient form, a toast with Undo, the shortcuts
    list, a confirmation open, Mark sent with errors, a field error."""
    from playwright.sync_api import expect

    page = sized_page
    page.goto(server.url + "/")
    expect(page.locator("#onboarding")).to_contain_text("Add your first opportunity")
    audit(page, "today-empty")
    seed(server)

    page.goto(server.url + "/o/nobody-analyst/compose?kind=application_follow_up")
    expect(page.locator("#no-recipient")).to_be_visible()
    audit(page, "compose-no-recipient")

    page.goto(server.url + "/o/acme-analyst")
    page.get_by_role("button", name="Mark done").first.click()
    expect(page.locator("#toast")).to_contain_text("Logged a check-in by phone to Dana")
    audit(page, "toast")

    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_be_visible()
    audit(page, "shortcuts")
    page.keyboard.press("Escape")

    page.locator("#interview-r1 details.confirm summary").click()
    expect(page.get_by_role("button", name="Yes, remove r1")).to_be_visible()
    audit(page)

    page.goto(server.url + "/o/globex-executive/compose?kind=thank_you&to=hank")
    page.get_by_label("Your message to hank@globex.example").fill(
        "Hi Hank,\n\nCould you call me back?\n")
    page.expected_status.update({400, 409})
    page.locator("#mark-sent").click()
    expect(page.locator("#send-anyway")).to_be_visible()
    audit(page, "compose-send-anyway")

    page.goto(server.url + "/settings")
    page.get_by_label("Time zone").fill("Mars/Olympus")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#p-timezone-error")).to_contain_text("not a time zone")
    audit(page, "settings-error")


@pytest.fixture(params=[(1280, 800), (390, 844)], ids=["wide", "phone"])
def dark_page(browser: Any, request: Any) -> Iterator[Any]:
    width, height = request.param
    yield from _page(browser, width, height, "wide" if width > 500 else "phone", "dark")


def test_dark_mode_passes_axe(server: Server, dark_page: Any) -> None:
    seed(server)
    dark_page.expected_status.add(404)
    for name, path in PAGES:
        dark_page.goto(server.url + path)
        audit(dark_page, f"{name}-dark" if name in ("today", "opportunity", "compose-email")
              else None)


def test_nothing_scrolls_sideways_at_320_px(server: Server, browser: Any) -> None:
    """The narrowest phones: the nav bar wraps, "Today is ..." fits, every page stays
    inside the window (axe runs at the other widths)."""
    seed(server)
    for page in _page(browser, 320, 640, "narrow"):
        page.expected_status.add(404)
        for _, path in PAGES:
            page.goto(server.url + path)
            scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            assert scroll <= inner, f"{path}: {scroll} px wide at {inner} px"
            date_box = page.locator("header.top .date").bounding_box()
            assert date_box is not None and date_box["x"] + date_box["width"] <= inner
            assert date_box["height"] < 30, "the date wraps onto several lines"
