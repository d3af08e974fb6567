"""What a person sees, not only that nothing scrolls sideways: on every page at a phone's
390 px and at 1280 px, in light and in dark,

- no word is broken across two lines (each word's line boxes, measured with a Range: a word
  narrower than the page's column must sit on one line; a break after a hyphen or a slash
  is fair);
- no text is cut off by a box that hides its overflow, and no select cuts its chosen option;
- in the timeline no label overlaps another label or a mark, none leaves the chart, a line
  that crosses a label is painted under it, and on a phone the lane names and today are in
  view when the page opens;
- on Today the first primary action is on screen without scrolling.

The pipeline of five 63 px columns at 390 px ("Appl/ied", company names one letter a line)
is what the first check was written against (issue 23).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser.conftest import Server, _page

from .test_pages import PAGES, seed

MORE_PAGES = [("insights", "/insights"),
              ("pipeline-one-stage", "/pipeline?stage=interviewing")]

# The measuring code runs in the page: an object of three methods (seen.js).
SEEN = (Path(__file__).parent / "seen.js").read_text(encoding="utf-8")


def measure(page: Any, method: str) -> Any:
    return page.evaluate(f"({SEEN}).{method}()")


COMBOS = [(390, 844, "light"), (390, 844, "dark"), (1280, 800, "light"), (1280, 800, "dark")]


@pytest.fixture(params=COMBOS, ids=[f"{w}-{s}" for w, _, s in COMBOS])
def seen_page(browser: Any, request: Any) -> Iterator[Any]:
    width, height, scheme = request.param
    yield from _page(browser, width, height, "phone" if width < 500 else "wide", scheme)


def look(page: Any) -> list[str]:
    """Everything on the page as it stands that a person would call broken."""
    page.wait_for_load_state("load")
    seen = measure(page, "text")
    problems = [f"broken word: {b}" for b in seen["broken"]]
    problems += [f"cut off: {c}" for c in seen["cut"]]
    problems += measure(page, "timeline")
    if page.viewport_size["width"] < 500:
        problems += measure(page, "inView")
    return problems


def test_every_page_reads_whole(server: Server, seen_page: Any) -> None:
    seed(server)
    seen_page.expected_status.add(404)
    problems: dict[str, list[str]] = {}
    for name, path in PAGES + MORE_PAGES:
        seen_page.goto(server.url + path)
        found = look(seen_page)
        if found:
            problems[name] = found[:6]
    assert not problems, "\n".join(f"{n}: {p}" for n, ps in problems.items() for p in ps)


def test_the_states_read_whole(server: Server, seen_page: Any) -> None:
    """The states between pages: empty Today, the shortcuts dialog, a toast, Mark sent with
    errors, every pipeline stage opened."""
    from playwright.sync_api import expect

    page = seen_page
    page.goto(server.url + "/")
    assert look(page) == []
    page.goto(server.url + "/pipeline")
    assert look(page) == [], "the empty pipeline"
    seed(server)
    page.goto(server.url + "/pipeline")
    for stage in page.locator("details.stage").all():
        stage.evaluate("d => d.open = true")
    assert look(page) == [], "every stage open"
    for path in ("/", "/o/acme-analyst", "/o/umbrella-manager", "/settings"):
        page.goto(server.url + path)  # every disclosure open: why, edit forms, policies
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert look(page) == [], f"{path} with every disclosure open"
    page.goto(server.url + "/o/acme-analyst")
    page.get_by_role("button", name="Mark done").first.click()
    expect(page.locator("#toast")).to_be_visible()
    # Mark done is a plain form post: the toast shows on the new page as soon as it is
    # parsed, and app.js (deferred) adds the "?" key a moment later; a key pressed in
    # between is lost (the flake seen under load), so wait for the page to finish loading.
    page.wait_for_load_state("load")
    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_be_visible()
    assert look(page) == []
    page.keyboard.press("Escape")
    page.goto(server.url + "/o/globex-executive/compose?kind=thank_you&to=hank")
    page.locator("#text").fill("Hi Hank,\n\nCould you call me back?\n")
    page.expected_status.update({400, 409})
    page.locator("#mark-sent").click()
    expect(page.locator("#send-anyway")).to_be_visible()
    assert look(page) == []


def test_today_shows_its_first_action_without_scrolling(server: Server,
                                                        seen_page: Any) -> None:
    seed(server)
    seen_page.goto(server.url + "/")
    first = seen_page.locator("#overdue [data-primary], #due [data-primary]").first
    box = first.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= seen_page.viewport_size["height"], (
        f"the first primary action is at y={box['y']:.0f}, below the fold")
