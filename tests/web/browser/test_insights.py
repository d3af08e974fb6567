"""The Insights page in Chromium at 1280 px and at a phone's 390 px: nothing wider than the
window, zero axe-core violations, screenshots insights-{wide,phone}.png."""

from __future__ import annotations

from typing import Any

from followup import service
from tests.web.browser.conftest import Server, audit
from tests.web.browser.test_pages import seed
from tests.web.test_web_insights import history


def test_insights_fits_and_passes_axe(server: Server, sized_page: Any) -> None:
    seed(server, extra=False)
    store = server.store()
    service.import_cases(store, history())
    store.close()
    sized_page.goto(server.url + "/insights")
    svg = sized_page.locator("#chart-by_kind svg.bars")
    assert svg.bounding_box()["width"] <= sized_page.viewport_size["width"]
    assert "n = " in sized_page.locator("#chart-outcomes figcaption").inner_text()
    audit(sized_page, "insights")
