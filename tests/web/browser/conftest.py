"""A real server and a real browser: uvicorn on 127.0.0.1 (a free port, in a thread) against
a temporary SQLite file, driven by Debian's chromium through Playwright (headless).

`scripts/setup-browser.sh` (run by `make test`) installs chromium; `playwright install` is
never used.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from followup.service import open_store
from followup.store import Store
from tests.web_helpers import TODAY

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).parents[2] / "artifacts" / "screenshots"
# The README's committed copies are refreshed only on request (FOLLOWUP_SCREENSHOTS=docs,
# `make screenshots`), so a test run never leaves the checkout changed.
SCREENSHOTS = (Path(__file__).parents[3] / "docs" / "screenshots"
               if os.environ.get("FOLLOWUP_SCREENSHOTS") == "docs" else ARTIFACTS)
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WIDTHS = {"wide": (1280, 800), "phone": (390, 844)}


@dataclass
class Server:
    url: str
    db: str

    def store(self) -> Store:
        return open_store(self.db)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    yield from serve(tmp_path)


def serve(tmp_path: Path, today: date = TODAY) -> Iterator[Server]:
    """The app on a free loopback port, in a thread, as of `today`."""
    import uvicorn

    from followup.web import WebSettings, create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # the kernel picks a free port; no race with another test
    port = sock.getsockname()[1]
    db = str(tmp_path / "browser.db")
    app = create_app(WebSettings(db=db, port=port, today=today))
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.02)
    try:
        yield Server(f"http://127.0.0.1:{port}", db)
    finally:
        srv.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/setup-browser.sh (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    yield from _page(browser, 1280, 900)


@pytest.fixture(params=sorted(WIDTHS), ids=sorted(WIDTHS))
def sized_page(browser: Any, request: Any) -> Iterator[Any]:
    """A page at 1280x800 and again at a phone's 390x844."""
    width, height = WIDTHS[request.param]
    yield from _page(browser, width, height, request.param)


def _page(browser: Any, width: int, height: int, name: str = "wide",
          scheme: str = "light") -> Iterator[Any]:
    context = browser.new_context(viewport={"width": width, "height": height},
                                  locale="en-US", timezone_id="UTC", color_scheme=scheme,
                                  permissions=["clipboard-read", "clipboard-write"])
    pg = context.new_page()
    pg.size_name = name
    pg.expected_status = set()  # a test visiting an error page on purpose adds its status
    pg.set_default_timeout(10_000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield pg
    context.close()
    errors = [e for e in errors if not any(f"status of {n} " in e for n in pg.expected_status)]
    assert not errors, f"the browser reported errors: {errors}"


def shoot(page: Any, name: str, full: bool = True) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    return path


def audit(page: Any, name: str | None = None) -> None:
    """The page as it stands: nothing wider than the screen, zero axe-core violations
    (the vendored axe.min.js, injected here: the app's CSP would refuse a script tag), and
    with `name` a full-page screenshot NAME-{wide,phone}.png (SCREENSHOTS)."""
    page.wait_for_load_state("load")
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert scroll <= inner, f"{page.url}: {scroll} px wide in a {inner} px window"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
    }""")
    assert result == [], f"{page.url}: axe-core found {result}"
    if name:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{page.size_name}.png"), full_page=True)
