"""The whole loop in a real browser: record an interview through the forms, see the
thank-you notes on Today, draft one, watch the live lint catch "call me back" without a
reload, mark it sent, and find it gone from Today and drawn on the timeline."""

from __future__ import annotations

import re
from typing import Any

from followup import service
from followup.demo import demo_candidate, demo_cases
from tests.web.browser.conftest import Server, shoot
from tests.web_helpers import TODAY


def seed_other_opportunities(server: Server) -> None:
    """The demo's other opportunities, so the pipeline and Today look like a real search."""
    store = server.store()
    cases = [c for c in demo_cases(TODAY) if c.opportunity.id != "acme-analyst"]
    service.import_cases(store, cases)
    store.save_candidate(demo_candidate())
    store.close()


def test_interview_to_thank_you_sent(server: Server, page: Any) -> None:
    from playwright.sync_api import expect

    seed_other_opportunities(server)

    # Add an opportunity through the form.
    page.goto(server.url + "/")
    page.get_by_role("link", name="Add opportunity").click()
    page.get_by_label("Company").fill("Acme Analytics")
    page.get_by_label("Role").fill("Senior Data Analyst")
    page.get_by_label("Field").fill("finance")
    page.get_by_label("Job listing").fill(
        "We are looking for a senior data analyst to own our monthly reporting and move "
        "our pipelines onto dbt.")
    page.get_by_role("button", name="Add the opportunity").click()
    expect(page).to_have_url(re.compile(re.escape(server.url + "/o/acme-analyst")
                                        + r"(\?done=\d+)?$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Acme Analytics")

    # Add an interview; the promised phrase is read back before saving.
    page.get_by_role("link", name="Add an interview").click()
    page.get_by_label("When").fill("2026-03-02 10:00")
    page.get_by_label("With").fill("Dana Whitfield, Priya Raman")
    page.get_by_label("Topics").fill("moving monthly reporting onto dbt")
    page.get_by_label("Decision by").fill("next Wednesday")
    expect(page.locator("#when-echo")).to_contain_text("Promised: Wed 11 Mar")
    page.get_by_label("They'll tell you by").select_option("phone")
    page.get_by_role("button", name="Add the interview").click()
    expect(page).to_have_url(re.compile(re.escape(server.url + "/o/acme-analyst")
                                        + r"(\?done=\d+)?$"))
    expect(page.locator("#interview-r1")).to_contain_text("Wed 11 Mar")

    # Today: a thank-you note to each interviewer.
    page.get_by_role("link", name="Today", exact=True).first.click()
    acme = page.locator("li.action", has=page.get_by_role("link", name="Acme Analytics"))
    thanks = acme.filter(has_text="Thank-you note")
    expect(thanks).to_have_count(2)
    expect(thanks.filter(has_text="Dana Whitfield")).to_have_count(1)
    expect(thanks.filter(has_text="Priya Raman")).to_have_count(1)
    shoot(page, "today")

    # Pipeline: the board by stage.
    page.get_by_role("link", name="Pipeline", exact=True).click()
    expect(page.locator("#stage-interviewing")).to_contain_text("Acme Analytics")
    shoot(page, "pipeline")

    # Compose the note to Dana; type a sentence and watch the finding appear, no reload.
    page.get_by_role("link", name="Today", exact=True).first.click()
    dana = thanks.filter(has_text="Dana Whitfield")
    dana.get_by_role("link", name="Draft it").click()
    expect(page).to_have_url(re.compile(r"/o/acme-analyst/compose\?kind=thank_you&to=dana"))
    editor = page.get_by_label(re.compile("Your message"))
    expect(editor).to_contain_text("Dana")
    page.evaluate("window.__same_page = 'yes'")
    finding = page.locator('li.finding[data-rule="tone.call-me-back"]')
    expect(finding).to_have_count(0)
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\nCould you call me back when you have a moment?")
    expect(finding).to_have_count(1)
    expect(finding).to_contain_text("error")
    expect(page.locator("mark.sev-error", has_text="call me")).to_have_count(1)
    assert page.evaluate("window.__same_page") == "yes"  # no page load happened
    expect(page.locator("#word-count")).to_contain_text("/ 150 words")
    shoot(page, "compose")
    page.get_by_role("button", name="Copy to clipboard").click()
    expect(page.locator("#copied")).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == editor.input_value()

    # With the error still there, Mark sent asks first; fix it (the finding goes away as
    # you type), then mark it sent: gone from Today, drawn on the timeline, and a toast.
    page.expected_status.add(409)  # the "send anyway?" page answers 409
    page.get_by_role("button", name="Mark sent").click()
    expect(page.locator("#send-anyway")).to_be_visible()
    editor = page.get_by_label(re.compile("Your message"))
    editor.fill(editor.input_value().replace(
        "\nCould you call me back when you have a moment?", ""))
    expect(finding).to_have_count(0)
    page.get_by_role("button", name="Mark sent").click()
    expect(page).to_have_url(re.compile(re.escape(server.url) + r"/$"))
    expect(page.locator("#toast")).to_contain_text("Logged a thank-you note by email to Dana")
    expect(thanks).to_have_count(1)
    expect(thanks.filter(has_text="Dana Whitfield")).to_have_count(0)
    expect(thanks.filter(has_text="Priya Raman")).to_have_count(1)
    page.goto(server.url + "/o/acme-analyst")
    touch = page.locator("svg g.touch title")
    expect(touch).to_have_count(1)
    expect(touch).to_have_text(re.compile(r"Thank-you note by email to Dana Whitfield, "
                                          r"Tue 3 Mar 2026 12:00"))
    shoot(page, "opportunity-timeline")


def test_xss_company_renders_as_text(server: Server, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(server.url + "/opportunities/new")
    page.get_by_label("Company").fill("<script>alert(1)</script>")
    page.get_by_label("Role").fill("Analyst")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.get_by_role("button", name="Add the opportunity").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("<script>alert(1)</script>")
    page.goto(server.url + "/pipeline")
    expect(page.locator("#stage-applied")).to_contain_text("<script>alert(1)</script>")
    assert dialogs == []


def test_keyboard_only_reaches_the_forms(server: Server, page: Any) -> None:
    page.goto(server.url + "/opportunities/new")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "company":
            break
    assert page.evaluate("document.activeElement.id") == "company"


def test_every_input_has_a_label_on_every_page(server: Server, page: Any) -> None:
    seed_other_opportunities(server)
    for path in ("/", "/pipeline", "/opportunities/new", "/o/hooli-counsel",
                 "/o/umbrella-manager",  # two interviews: two edit forms, unique ids
                 "/o/hooli-counsel/interviews/new",
                 "/o/globex-executive/compose?kind=thank_you&to=hank"):
        page.goto(server.url + path)
        unlabelled = page.evaluate("""() => [...document.querySelectorAll(
            'input:not([type=hidden]), select, textarea')].filter(e => !e.labels.length)
            .map(e => e.name || e.id)""")
        assert unlabelled == [], path
        ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
        assert len(ids) == len(set(ids)), f"duplicate ids on {path}"
