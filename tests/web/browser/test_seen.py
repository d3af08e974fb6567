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
from typing import Any

import pytest

from tests.web.browser.conftest import Server, _page

from .test_pages import PAGES, seed

MORE_PAGES = [("inbox", "/inbox"), ("calendar", "/calendar"),
              ("pipeline-one-stage", "/pipeline?stage=interviewing")]

# One pass over the page's text: the words that wrap inside themselves and the text that a
# box cuts off. Runs in the page; returns short descriptions a failing test prints.
SEEN_JS = r"""() => {
  const broken = [], cut = [];
  const hiddenish = 'svg, script, style, noscript, textarea, select, option, template, .visually-hidden, [hidden], [aria-hidden="true"]';
  function blockOf(el) {
    let e = el;
    while (e && getComputedStyle(e).display.startsWith('inline') && getComputedStyle(e).display !== 'inline-block'
           && getComputedStyle(e).display !== 'inline-flex' && getComputedStyle(e).display !== 'inline-grid') e = e.parentElement;
    return e || document.body;
  }
  function innerWidth(e) {
    const s = getComputedStyle(e);
    return e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!el || el.closest(hiddenish) || !node.data.trim()) continue;
    if (!el.getClientRects().length) continue;
    let tiny = false;  // inside a visually hidden box (for screen readers only)
    for (let a = el; a; a = a.parentElement) { const b = a.getBoundingClientRect(); if (b.width <= 2 || b.height <= 2) { tiny = true; break; } }
    if (tiny) continue;
    const re = /[^\s\-\u2010-\u2014\/]+[\-\u2010-\u2014\/]?/g;
    let m;
    while ((m = re.exec(node.data))) {
      const word = m[0].replace(/[\-\u2010-\u2014\/]$/, '');
      if (word.length < 2) continue;
      const r = document.createRange();
      r.setStart(node, m.index); r.setEnd(node, m.index + word.length);
      const rects = Array.from(r.getClientRects()).filter(x => x.width > 0.5);
      const lines = new Set(rects.map(x => Math.round(x.bottom)));
      if (lines.size < 2) continue;
      const width = rects.reduce((s, x) => s + x.width, 0);
      const box = blockOf(el);
      // Longer than the page's column (a long address on a phone): it has to break somewhere.
      if (width > innerWidth(document.querySelector('main') || document.body) - 1) continue;
      broken.push(`"${word}" on ${lines.size} lines in <${box.tagName.toLowerCase()} class="${box.className}"> ${Math.round(innerWidth(box))} px wide`);
    }
    // Cut off: an ancestor that hides overflow and a text rect outside it.
    const r = document.createRange(); r.selectNodeContents(node);
    const rects = Array.from(r.getClientRects()).filter(x => x.width > 0.5);
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (!/hidden|clip/.test(s.overflowX + s.overflowY)) continue;
      const b = a.getBoundingClientRect();
      if (b.width <= 2 || b.height <= 2) break;  // visually hidden, for screen readers
      if (rects.some(x => x.left < b.left - 1 || x.right > b.right + 1 || x.top < b.top - 1 || x.bottom > b.bottom + 1))
        cut.push(`"${node.data.trim().slice(0, 40)}" is cut by <${a.tagName.toLowerCase()} class="${a.className}">`);
      break;
    }
  }
  // A select shows its chosen option whole.
  const canvas = document.createElement('canvas').getContext('2d');
  document.querySelectorAll('select').forEach(sel => {
    if (!sel.getClientRects().length || sel.closest('[hidden], .visually-hidden')) return;
    const s = getComputedStyle(sel);
    canvas.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const opt = sel.options[sel.selectedIndex];
    if (!opt) return;
    const need = canvas.measureText(opt.text).width + parseFloat(s.paddingLeft) + 20;
    if (need > sel.clientWidth + 1)
      cut.push(`select #${sel.id}: "${opt.text}" needs ${Math.round(need)} px, has ${sel.clientWidth}`);
  });
  return {broken, cut};
}"""

# The timeline as drawn: labels, marks and lines in screen coordinates.
TIMELINE_JS = r"""() => {
  const out = [];
  document.querySelectorAll('figure.timeline svg.chart').forEach(svg => {
    const box = svg.getBoundingClientRect();
    const texts = Array.from(svg.querySelectorAll('text')).map(t => ({t, r: t.getBoundingClientRect(), s: t.textContent}));
    const marks = Array.from(svg.querySelectorAll('circle, rect.tl-interview')).map(m => ({m, r: m.getBoundingClientRect()}));
    const verticals = Array.from(svg.querySelectorAll('g.promised line, g.today line')).map(l => l.getBoundingClientRect());
    const hit = (a, b, pad = 0.5) => a.left < b.right - pad && b.left < a.right - pad && a.top < b.bottom - pad && b.top < a.bottom - pad;
    texts.forEach((a, i) => {
      if (a.r.left < box.left - 1 || a.r.right > box.right + 1 || a.r.top < box.top - 1 || a.r.bottom > box.bottom + 1)
        out.push(`label "${a.s}" leaves the chart`);
      texts.slice(i + 1).forEach(b => { if (hit(a.r, b.r)) out.push(`labels "${a.s}" and "${b.s}" overlap`); });
      marks.forEach(m => { if (m.m.parentNode !== a.t.parentNode && hit(a.r, m.r)) out.push(`label "${a.s}" covers a mark`); });
      const s = getComputedStyle(a.t);
      const haloed = s.paintOrder.startsWith('stroke') && s.stroke !== 'none' && parseFloat(s.strokeWidth) >= 2;
      verticals.forEach(v => {
        const line = {left: v.left - 1, right: v.right + 1, top: v.top, bottom: v.bottom};
        if (hit(a.r, line) && !haloed) out.push(`a date line runs through "${a.s}"`);
      });
    });
  });
  return out;
}"""

# On a phone the chart opens with the lane names and today's line in view.
IN_VIEW_JS = r"""() => {
  const out = [];
  document.querySelectorAll('figure.timeline .scroll').forEach(scroller => {
    const view = scroller.getBoundingClientRect();
    if (!scroller.querySelector('.lanes text')) out.push('no lane names pinned beside the chart');
    const inside = r => r.left >= view.left - 1 && r.right <= view.right + 1;
    scroller.querySelectorAll('.lanes text').forEach(t => {
      if (!inside(t.getBoundingClientRect())) out.push(`lane name "${t.textContent}" is out of view`);
    });
    const today = scroller.querySelector('g.today line');
    if (today && !inside(today.getBoundingClientRect())) out.push('today is out of view');
  });
  return out;
}"""

COMBOS = [(390, 844, "light"), (390, 844, "dark"), (1280, 800, "light"), (1280, 800, "dark")]


@pytest.fixture(params=COMBOS, ids=[f"{w}-{s}" for w, _, s in COMBOS])
def seen_page(browser: Any, request: Any) -> Iterator[Any]:
    width, height, scheme = request.param
    yield from _page(browser, width, height, "phone" if width < 500 else "wide", scheme)


def look(page: Any) -> list[str]:
    """Everything on the page as it stands that a person would call broken."""
    page.wait_for_load_state("load")
    seen = page.evaluate(SEEN_JS)
    problems = [f"broken word: {b}" for b in seen["broken"]]
    problems += [f"cut off: {c}" for c in seen["cut"]]
    problems += page.evaluate(TIMELINE_JS)
    if page.viewport_size["width"] < 500:
        problems += page.evaluate(IN_VIEW_JS)
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
    page.goto(server.url + "/o/acme-analyst")
    page.get_by_role("button", name="Mark done").first.click()
    expect(page.locator("#toast")).to_be_visible()
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
