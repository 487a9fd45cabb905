"""The app in a real browser: headless Chromium (Debian's) driven by Playwright over `streamlit run`.

Skipped only when /usr/bin/chromium or the playwright package is missing (see requirements-dev.txt).
The screenshot goes to $INSPECTQA_SCREENSHOTS (a folder) or the test's tmp folder.
"""
import importlib.util
import os
import re
import time
from pathlib import Path

import pytest

from bench.app_server import CHROMIUM, ask, browser_page, open_app, running_app
from tests.conftest import SEEDS

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
    pytest.mark.skipif(importlib.util.find_spec("playwright") is None, reason="needs playwright (requirements-dev.txt)"),
]
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is absent")


def built_index(folder: Path, tmp_path_factory) -> Path:
    """An index of every file in the folder, with the real bundled model."""
    from index.opening import open_for_writing
    from ingest.pipeline import ingest_paths

    index = tmp_path_factory.mktemp(folder.name) / "index"
    store, embedder = open_for_writing(index)
    assert not ingest_paths([folder], store, embedder).failures
    store.close()
    return index


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory):
    return built_index(SEEDS, tmp_path_factory)


@needs_seeds
def test_a_question_in_the_browser_shows_cited_passages(seed_index, tmp_path):
    shots = Path(os.environ.get("INSPECTQA_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    with running_app(seed_index) as url, browser_page() as page:
        open_app(page, url)
        ask(page, "how did councils improve supervision?")
        # A theme question shows several councils; cards arrive one by one after the first.
        page.locator('[data-testid="stChatMessage"] .iqa-head').nth(2).wait_for(timeout=30_000)
        page.get_by_role("button", name="Keep", exact=True).nth(2).wait_for(timeout=30_000)
        assert page.locator("mark").count() >= 1
        page.screenshot(path=str(shots / "browser-answer.png"), full_page=True)
    assert (shots / "browser-answer.png").stat().st_size > 10_000  # speed is measured by bench/latency.py


DEMO = Path(__file__).resolve().parents[1] / "corpus" / "ofsted"


@pytest.fixture(scope="module")
def demo_index(tmp_path_factory):
    return built_index(DEMO, tmp_path_factory)


def in_view(page, locator) -> bool:
    """Whether the element's top comes inside the browser window (a new answer opens at its top) within
    ten seconds, the longest the app holds it there while the answer is laid out (app_ui.scroll)."""
    for _ in range(100):
        box = locator.bounding_box()
        if box is not None and 0 <= box["y"] < page.viewport_size["height"]:
            return True
        page.wait_for_timeout(100)
    return False


def test_quote_ready_answers_in_the_browser(demo_index, tmp_path):
    """The report's own words on top, "nothing answers" said plainly, a rating follow-up keeps its kind."""
    shots = Path(os.environ.get("INSPECTQA_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    with running_app(demo_index) as url, browser_page(1280, 720) as page:
        requests, console_errors = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
        open_app(page, url)
        ask(page, "what did inspectors say about the quality of plans in Sutton?", shown=".iqa-quote")
        quote = page.locator(".iqa-quote").last.inner_text()
        assert "Plans are child focused" in quote or "plans" in quote.lower()
        assert page.get_by_text("Read as: plans, in Sutton's reports").count() >= 1
        assert in_view(page, page.locator(".iqa-quote").last)
        page.screenshot(path=str(shots / "browser-quote.png"))

        ask(page, "what is the council's policy on parking permits?", shown='[data-testid="stAlert"]')
        assert page.get_by_text("Nothing in the library answers this question.").last.is_visible()
        assert in_view(page, page.get_by_text("Nothing in the library answers this question.").last)
        page.screenshot(path=str(shots / "browser-nothing-answers.png"))

        ask(page, "How was Derby rated for care leavers in 2025?", shown=".iqa-fact-title")
        ask(page, "what about children in care?", shown=".iqa-fact-title")
        card = page.locator('[data-testid="stChatMessage"]').last.locator(".iqa-fact-title").inner_text()
        assert "Derby" in card and "Children in care" in card
        assert page.get_by_text("Read as: how was Derby rated for children in care (2025 report)?").count() == 1
        assert in_view(page, page.locator(".iqa-fact-title").last)
        page.screenshot(path=str(shots / "browser-follow-up.png"))

        # A council filter, then Clear all filters: the next question searches every report again (a deleted
        # widget key left the browser sending the filter back).
        page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
        page.get_by_role("option", name="Sutton").click()
        page.keyboard.press("Escape")
        page.get_by_role("button", name="Clear all filters").click()
        page.get_by_role("button", name="Clear all filters").wait_for(state="detached", timeout=30_000)
        ask(page, "how did councils improve supervision?", shown=".iqa-item")
        assert "Only:" not in page.locator('[data-testid="stChatMessage"]').last.inner_text()
    # Nothing the page loads comes from another host (no telemetry, web fonts or icons), and nothing fails.
    assert [u for u in requests if not u.startswith((url, "data:", "blob:"))] == []
    assert console_errors == []


def test_a_briefing_survives_a_reload_exports_and_the_app_fits_the_window(demo_index, tmp_path, monkeypatch):
    """Keep three excerpts, reload: they are still there; the Word export reads back as a council's document;
    deleting asks first; Compare's seven columns fit beside the sidebar at 1280 px; screenshots at two sizes."""
    import docx
    from playwright.sync_api import expect

    shots = Path(os.environ.get("INSPECTQA_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("INSPECTQA_BRIEFINGS", str(tmp_path / "briefings.sqlite"))  # this test's own briefings
    requests, console = [], []
    with running_app(demo_index) as url, browser_page(1280, 720) as page:
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        open_app(page, url)
        ask(page, "how did councils improve supervision?")
        for kept in range(1, 4):
            page.get_by_role("button", name="Keep", exact=True).first.click()
            page.get_by_role("button", name="Kept ✓").nth(kept - 1).wait_for(timeout=30_000)

        page.reload()
        open_app(page, url)
        page.locator('[data-testid="stChatMessage"] .iqa-excerpt').first.wait_for(timeout=60_000)  # asked again
        assert in_view(page, page.locator('[data-testid="stChatMessage"]').last)  # opened at the answer's top
        page.screenshot(path=str(shots / "reload-ask-1280.png"))
        page.get_by_role("link", name="Briefing (3)").click()
        # The Ask page's passages share the excerpt style: wait for the Briefing page's own caption first.
        page.get_by_text("3 excerpts, in the order they will be exported").wait_for(timeout=30_000)
        expect(page.locator(".iqa-excerpt")).to_have_count(3, timeout=30_000)
        page.get_by_role("button", name="Export .md").wait_for(timeout=30_000)
        page.screenshot(path=str(shots / "briefing-1280.png"), full_page=True)

        with page.expect_download() as download:
            page.get_by_role("button", name="Export .docx").click()
        word = docx.Document(download.value.path())
        section = word.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        quotes = [p.text for p in word.paragraphs if p.style.name == "Quote"]
        assert len(quotes) == 3 and all(q.startswith("“") and q.rstrip("”")[-1] in ".!?:;" for q in quotes)
        assert [p.style.name for p in word.paragraphs].count("Caption") == 3
        assert word.core_properties.title == "My briefing" and word.core_properties.author == "InspectQA"
        assert any(p.text.startswith("Ofsted (") and "Published" in p.text for p in word.paragraphs)

        page.get_by_role("button", name="Delete", exact=True).click()
        page.get_by_text("will be deleted. This cannot be undone.").wait_for()
        page.screenshot(path=str(shots / "briefing-delete-asks-1280.png"))
        page.get_by_role("button", name="Cancel").click()
        page.get_by_text("will be deleted").wait_for(state="hidden")
        expect(page.locator(".iqa-excerpt")).to_have_count(3)

        # By keyboard, focus follows the excerpt moved: a second Enter moves it on, not the one moved into its place
        texts = page.locator(".iqa-excerpt").all_inner_texts()
        page.locator(".st-key-down-0 button").first.focus()
        page.keyboard.press("Enter")
        expect(page.locator(".st-key-down-1 button").first).to_be_focused(timeout=30_000)
        page.keyboard.press("Enter")
        expect(page.locator(".iqa-excerpt").nth(2)).to_have_text(texts[0], timeout=30_000)
        expect(page.locator(".iqa-excerpt").nth(0)).to_have_text(texts[1])
        expect(page.locator(".st-key-up-2 button").first).to_be_focused(timeout=30_000)   # at the end: its ↑ Up
        # ... and after Remove, on Undo (at the page's top), which puts it back
        page.locator(".st-key-remove-2 button").first.focus()
        page.keyboard.press("Enter")
        expect(page.get_by_role("button", name="Undo")).to_be_focused(timeout=30_000)
        page.keyboard.press("Enter")
        expect(page.locator(".iqa-excerpt")).to_have_count(3, timeout=30_000)

        page.get_by_role("link", name="Compare").click()
        grid = page.locator('[data-testid="stDataFrame"] .dvn-scroller').first
        grid.wait_for(timeout=30_000)
        page.locator('[data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"]').first.wait_for(timeout=30_000)
        page.screenshot(path=str(shots / "compare-1280.png"), full_page=True)
        widths = grid.evaluate("element => [element.scrollWidth, element.clientWidth]")
        assert widths[0] <= widths[1] + 1, widths  # no column off-screen
        # The first click on a grade opens its page with the judgement marked (the table is a canvas:
        # the click goes to the first row's "Overall" cell, below the header, in the third column).
        box = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
        page.mouse.click(box["x"] + 190 + 86 + 40, box["y"] + 35 + 17)   # past Council (190 px) and Date (86)
        page.get_by_text("the judgement is marked").wait_for(timeout=15_000)
        # The page's judgement table is shown as a table, the chosen judgement's row marked.
        assert "Overall effectiveness" in page.locator("tr.iqa-marked").inner_text(timeout=15_000)
        page.screenshot(path=str(shots / "compare-grade-opened-1280.png"))
        page.keyboard.press("Escape")

    with running_app(demo_index) as url, browser_page(1920, 1080) as page:
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        open_app(page, url)
        page.locator('[data-testid="stChatMessage"] .iqa-excerpt').first.wait_for(timeout=60_000)
        assert in_view(page, page.locator('[data-testid="stChatMessage"]').last)
        page.screenshot(path=str(shots / "ask-1920.png"))
        # Each page's screenshot waits for what it is of: the briefing's export buttons, Compare's chart,
        # the Library's table.
        for name, shown, shot in (
                ("Briefing (3)", page.get_by_role("button", name="Export .md"), "briefing-1920.png"),
                ("Compare", page.locator('[data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"]'),
                 "compare-1920.png"),
                ("Library", page.get_by_text("Delete documents"), "library-1920.png")):
            page.get_by_role("link", name=name).click()
            shown.first.wait_for(timeout=30_000)
            page.wait_for_timeout(1000)  # the data grid draws on a canvas after its frame appears
            page.screenshot(path=str(shots / shot), full_page=True)
    assert [u for u in requests if not u.startswith((url.rsplit(":", 1)[0], "data:", "blob:"))] == []
    assert [line for line in console if line.startswith(("error", "warning"))] == []


def _overlap(a: dict, b: dict) -> bool:
    """Whether two of Playwright's bounding boxes overlap."""
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] \
        and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


def test_the_answer_across_the_library_in_the_browser(demo_index, tmp_path, monkeypatch):
    """A theme question opens on the digest (every council's own words, grouped, with grades), kept whole it
    exports to Word as one table; one council over time opens on its timeline, oldest report first."""
    import docx

    shots = Path(os.environ.get("INSPECTQA_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("INSPECTQA_BRIEFINGS", str(tmp_path / "briefings.sqlite"))
    requests = []
    with running_app(demo_index) as url, browser_page(1400, 2000) as page:
        page.on("request", lambda request: requests.append(request.url))
        open_app(page, url)
        ask(page, "how did councils improve supervision?", shown=".iqa-item")
        heading = page.get_by_text("What councils' reports say").last
        heading.wait_for(timeout=30_000)
        summary = page.locator('[data-testid="stChatMessage"]').last.inner_text()
        answering = re.search(r"(\d+) councils? of 7 searched speak", summary)   # 8 reports, Derby's two are one council
        assert answering and int(answering.group(1)) >= 4
        items = page.locator('[data-testid="stChatMessage"]').last.locator(".iqa-item")
        for _ in range(100):   # drawn one by one after the card's head
            if items.count() >= 4:
                break
            page.wait_for_timeout(100)
        assert items.count() >= 4
        assert "Impact of leaders: " in summary and "Leadership, management and governance: " in summary  # SIF names it so
        heading.scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "browser-digest.png"))
        page.get_by_role("button", name="Keep", exact=True).first.click()   # its toast leaves Keep all free
        toast = page.locator('[data-testid="stToast"]').first
        toast.wait_for(timeout=30_000)
        assert not _overlap(toast.bounding_box(), page.get_by_role("button", name="Keep all").first.bounding_box())
        page.get_by_role("button", name="Keep all").first.click()
        page.get_by_role("button", name="All kept ✓").first.wait_for(timeout=30_000)   # says so, no second click
        kept = int(re.search(r"\((\d+)\)", page.get_by_role("link", name=re.compile("Briefing")).inner_text()).group(1))
        assert kept >= 4

        ask(page, "How has Derby's support for care leavers changed over time?", shown=".iqa-item")
        page.get_by_text("Derby City over time").wait_for(timeout=30_000)
        message = page.locator('[data-testid="stChatMessage"]').last
        shown = int(re.search(r"(\d+) reports? of \d+ speaks? to it", message.inner_text()).group(1))
        entries = message.locator(".iqa-item")

        def years() -> list[str]:   # one item per report, and its other side beneath it where it has one
            return [entries.nth(i).inner_text()[:4] for i in range(entries.count())]

        for _ in range(100):   # the card's head is drawn first, its entries one by one after it
            if len(set(years())) >= shown:
                break
            page.wait_for_timeout(100)
        assert len(set(years())) == shown
        assert years() == sorted(years()) and {"2022", "2025"} <= set(years())
        page.get_by_text("Derby City over time").scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "browser-timeline.png"))

        page.get_by_role("link", name=re.compile("Briefing")).click()
        page.get_by_role("button", name="Export .docx").wait_for(timeout=30_000)
        # the digest kept whole is shown under its title, as the one table the Word file will hold
        page.get_by_text(re.compile(rf"{kept} rows, exported as one table")).wait_for(timeout=30_000)
        with page.expect_download() as download:
            page.get_by_role("button", name="Export .docx").click()
        word = docx.Document(download.value.path())
        [table] = word.tables
        assert [c.text for c in table.rows[0].cells] == ["Council", "Grade", "What it says", "Citation"]
        assert len(table.rows) == kept + 1
        assert all(row.cells[2].text.startswith("“") and row.cells[3].text.startswith("Ofsted (") for row in table.rows[1:])
        assert any(row.cells[1].text.startswith("Impact of leaders: ") for row in table.rows[1:])
        # the table goes at one click, and comes back with Undo
        page.get_by_role("button", name="Remove table").click()
        page.get_by_role("link", name="Briefing (0)").wait_for(timeout=30_000)
        page.get_by_role("button", name="Undo").click()
        page.get_by_role("link", name=f"Briefing ({kept})").wait_for(timeout=30_000)
    assert [u for u in requests if not u.startswith((url, "data:", "blob:"))] == []


AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"   # `make test` installs it
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def wcag_violations(page) -> list[str]:
    """axe-core's WCAG 2.2 A and AA violations on the page as it stands, one line each."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']} {v['nodes'][0].get('failureSummary', '')[:160]}"
            for v in result["violations"]]


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is absent: `make test` installs it with npm (package.json)")
def test_every_page_meets_wcag_2_2_aa_and_works_with_the_keyboard_alone(demo_index, tmp_path, monkeypatch):
    """Councils must meet WCAG 2.2 AA: axe-core finds nothing on the start page, an answer with its digest, Compare,
    Library and Briefing (the muted captions and a disabled filter's label were too faint); and a question, a Keep
    and a Word export take the keyboard alone."""
    monkeypatch.setenv("INSPECTQA_BRIEFINGS", str(tmp_path / "briefings.sqlite"))
    with running_app(demo_index) as url, browser_page(1400, 1200) as page:
        open_app(page, url)
        page.wait_for_timeout(2000)   # the start page's examples and captions drawn
        found = {"start": wcag_violations(page)}
        _tab_to(page, lambda tag, label, text: tag == "TEXTAREA")
        page.keyboard.type("how did councils improve supervision?")
        page.keyboard.press("Enter")
        page.locator(".iqa-item").first.wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        found["answer"] = wcag_violations(page)
        _tab_to(page, lambda tag, label, text: tag == "BUTTON" and text == "Keep")
        page.keyboard.press("Enter")
        page.get_by_role("link", name=re.compile(r"Briefing \([1-9]")).wait_for(timeout=30_000)
        page.keyboard.press("Shift+Tab")
        _tab_to(page, lambda tag, label, text: tag == "A" and "Briefing" in text)
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Export .docx").wait_for(timeout=30_000)
        _tab_to(page, lambda tag, label, text: text == "Export .docx")
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        assert download.value.suggested_filename.endswith(".docx")
        for name, shown in (("Compare", '[data-testid="stDataFrame"]'), ("Library", '[data-testid="stDataFrame"]'),
                            ("Briefing", '[data-testid="stMain"]')):
            page.get_by_role("link", name=re.compile(name)).click()
            page.locator(shown).first.wait_for(timeout=30_000)
            page.wait_for_timeout(2000)
            found[name] = wcag_violations(page)
    assert {page_name: lines for page_name, lines in found.items() if lines} == {}


def _tab_to(page, wanted, limit: int = 150) -> None:
    """Press Tab until the focused element is the one wanted (tag, label, text, test id, link): keyboard only."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => { const e = document.activeElement; return [e.tagName, "
                                "e.getAttribute('aria-label') || '', (e.innerText || '').trim()] }")
        if wanted(*focused):
            return
    raise AssertionError(f"Tab never reached it in {limit} presses")


def test_a_password_sign_in_survives_a_reload_and_a_second_tab_until_sign_out(tmp_path, monkeypatch):
    """Sign in with a name and password, reload, open a second tab: still signed in (the cookie carries a signed
    token); sign out: the cookie is gone and a reload, in either tab, asks to sign in again."""
    from app_ui import signin, users

    monkeypatch.setenv("INSPECTQA_USERS", str(tmp_path / "users.json"))   # takes precedence over the open demo
    monkeypatch.setenv("INSPECTQA_BRIEFINGS", str(tmp_path / "briefings.sqlite"))
    users.save_users(tmp_path / "users.json", {"rita": users.User("rita", users.READER, users.hash_password("rita's long password"))})
    requests, console = [], []
    with running_app(tmp_path / "index") as url, browser_page() as first:   # no index: the sidebar is enough here
        context = first.context.browser.new_context()   # browser_page's page has a context of its own: tabs share one
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        signed_in = "Signed in as rita (reader)"
        page.goto(url)
        page.get_by_role("textbox", name="Name").fill("rita")
        page.get_by_role("textbox", name="Password").fill("rita's long password")
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text(signed_in).wait_for(timeout=30_000)
        page.wait_for_timeout(1000)   # the page's script writes the cookie once the run's elements arrive
        [cookie] = [c for c in page.context.cookies() if c["name"] == signin.TOKEN_COOKIE]
        assert cookie["sameSite"] == "Strict" and cookie["path"] == "/" and not cookie["secure"]   # plain http here
        assert users.TOKEN_LIFETIME_S - 120 < cookie["expires"] - time.time() <= users.TOKEN_LIFETIME_S

        page.reload()
        page.get_by_text(signed_in).wait_for(timeout=30_000)
        second = context.new_page()
        second.goto(url)
        second.get_by_text(signed_in).wait_for(timeout=30_000)

        page.get_by_role("button", name="Sign out").click()
        page.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
        page.wait_for_timeout(1000)
        assert [c for c in page.context.cookies() if c["name"] == signin.TOKEN_COOKIE] == []
        for tab in (page, second):
            tab.reload()
            tab.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
            assert tab.get_by_text(signed_in).count() == 0
    assert [u for u in requests if not u.startswith((url, "data:", "blob:"))] == []
    assert [line for line in console if line.startswith("error")] == []
