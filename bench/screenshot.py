"""Save screenshots of the app's main screens, for a developer to look at after changing the UI.

    python -m bench.screenshot [--index DIR] [--out bench/out/screenshots]

Starts `streamlit run app.py` on a free port over the index (default: $INSPECTQA_INDEX or data/index),
drives headless Chromium through a short session (a theme question, a question about one council, a
follow-up, a grade question with its fact card, keeping the grade and a passage, opening a source, the
briefing, the Compare page and a grade opened from it, the library) and saves one PNG per step. Needs Debian's chromium and the playwright package (requirements-dev.txt).
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path

from bench.app_server import ask, browser_page, open_app, running_app
from index.output.briefing_store import BRIEFINGS_ENV

TALL = 2400  # Streamlit scrolls inside its main block, so a tall window is how a whole answer gets in one picture
SETTLE_MS = 1500  # let components and fonts finish drawing before a picture

QUESTIONS = ("how did councils improve supervision?",
             "What did Ofsted say about care leavers in Norfolk?",
             "what about supervision?",
             "How well do IROs challenge care plans?",
             "How was Derby rated for care leavers?")
ROW_PX = 35  # st.dataframe's row height, header included: where to click a cell of the Compare table
SOURCE_DIALOG = '[role="dialog"] .iqa-page'
TABLE = '[data-testid="stDataFrame"]'


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    from index.opening import index_path

    parser = argparse.ArgumentParser(prog="python -m bench.screenshot", description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None, help="index folder (default: $INSPECTQA_INDEX or data/index)")
    parser.add_argument("--out", type=Path, default=Path("bench/out/screenshots"), help="folder for the PNG files")
    args = parser.parse_args(argv)
    args.index = (args.index or index_path()).resolve()
    return args


@contextlib.contextmanager
def _environment(name: str, value: str):
    """The variable set for the app started inside (bench.app_server.running_app copies the environment)."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    saved = []

    def shot(page, name: str, once_shown: str | None = None) -> None:
        """Save the screen as the next PNG, once `once_shown` (a CSS selector) is on it, if given."""
        if once_shown:
            page.wait_for_selector(once_shown, timeout=30_000)
        path = args.out / f"{len(saved) + 1}-{name}.png"
        page.wait_for_timeout(SETTLE_MS)
        page.screenshot(path=str(path))
        saved.append(path)

    # A first visit: its own uploads folder and briefings file, not a conversation or briefing an earlier run (or
    # another index in the same folder) left beside the index.
    with tempfile.TemporaryDirectory() as uploads, _environment(BRIEFINGS_ENV, str(Path(uploads) / "briefings.sqlite")), \
            running_app(args.index, Path(uploads) / "files") as url, browser_page(height=TALL) as page:
        open_app(page, url)
        shot(page, "ask-empty")
        for number, question in enumerate(QUESTIONS, start=1):
            seconds = ask(page, question)
            print(f"{seconds:.2f} s  {question}")
            shot(page, f"answer-{number}")
        keep = page.get_by_role("button", name="Keep", exact=True)
        for _ in range(2):
            keep.first.click()
            page.wait_for_timeout(800)
        page.get_by_role("button", name="Source", exact=True).last.click()
        shot(page, "source", once_shown=SOURCE_DIALOG)
        page.keyboard.press("Escape")
        page.get_by_role("link", name="Briefing").click()
        shot(page, "briefing", once_shown=".iqa-excerpt")
        page.get_by_role("link", name="Compare").click()
        shot(page, "compare", once_shown=TABLE)
        box = page.locator(TABLE).bounding_box()
        page.mouse.click(box["x"] + box["width"] * 0.62, box["y"] + ROW_PX * 2.5)  # a grade of the second council
        shot(page, "compare-source", once_shown=SOURCE_DIALOG)
        page.keyboard.press("Escape")
        page.get_by_role("link", name="Library").click()
        shot(page, "library", once_shown=TABLE)
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
