"""Live lint as a person feels it: from the last keystroke to the finding on screen.

`followup serve` runs in a child process on 127.0.0.1 (a free port) with the demo data;
Debian's chromium (headless, through Playwright) opens a thank-you draft, types a sentence
the linter flags one key at a time at a typist's pace, and the page itself records with
`performance.now()` the last key's `input` event and each time htmx has drawn a new
`#findings` with the time its request was sent; the figure is the first drawing of a
request sent after the last key (the final text's findings on screen). Repeated `--runs` times; the
median and the spread are printed (and returned to run.py).

    python bench/live_lint.py --runs 15
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from web_load import _wait_up, free_port  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PHRASE = " Could you call me back?"
WATCH = """() => {
  window.lastKey = 0; window.swaps = [];
  const box = document.getElementById('text');
  box.addEventListener('input', () => { window.lastKey = performance.now(); });
  let asked = 0;  // when the request being answered was sent
  document.body.addEventListener('htmx:beforeRequest', () => { asked = performance.now(); });
  document.body.addEventListener('htmx:afterSettle', e => {
    if (e.target.id === 'findings') window.swaps.push([asked, performance.now()]);
  });
}"""
# The first answer drawn after the last key: what the person waits for once they stop.
FELT = """() => new Promise(resolve => setTimeout(() => {
  // An answer to a request sent before the last key shows an older text: not counted.
  const after = window.swaps.filter(([asked]) => asked >= window.lastKey);
  const shown = document.querySelector('#findings li[data-rule="tone.call-me-back"]');
  resolve(after.length && shown ? after[0][1] - window.lastKey : -1);
}, 1500))"""


def measure(runs: int = 15) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        from datetime import date

        from followup import service
        from followup.demo import demo_candidate, demo_cases

        port = free_port()
        db = str(Path(tmp) / "lint.db")
        store = service.open_store(db)
        service.import_cases(store, demo_cases(date(2026, 3, 3)))
        store.save_candidate(demo_candidate())
        store.close()
        env = {**os.environ, "FOLLOWUP_HOME": tmp, "FOLLOWUP_DB": db, "TZ": "UTC"}
        followup = str(Path(sys.executable).parent / "followup")
        server = subprocess.Popen([followup, "serve", "--port", str(port),
                                   "--today", "2026-03-03"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _wait_up(port, server)
            times: list[float] = []
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                            args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page()
                for _ in range(runs):
                    page.goto(f"http://127.0.0.1:{port}/o/globex-executive/compose"
                              "?kind=thank_you&to=hank")
                    page.locator("#text").focus()
                    page.keyboard.press("Control+End")
                    page.evaluate(WATCH)
                    page.keyboard.type(PHRASE, delay=90)  # about 130 words a minute
                    felt = float(page.evaluate(FELT))
                    if felt < 0:
                        raise SystemExit("the finding never showed after the last key")
                    times.append(felt)
                browser.close()
        finally:
            server.terminate()
            server.wait(10)
    return {"runs": runs, "median_ms": statistics.median(times), "min_ms": min(times),
            "max_ms": max(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    started = time.monotonic()
    result = measure(args.runs)
    print(f"live lint, last keystroke to finding on screen: median {result['median_ms']:.0f} ms "
          f"(min {result['min_ms']:.0f}, max {result['max_ms']:.0f}; {result['runs']} runs, "
          f"{time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
