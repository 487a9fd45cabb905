"""The app in a real browser: headless Chromium (Debian's) driven by Playwright over `streamlit run`.

Skipped only when /usr/bin/chromium or the playwright package is missing (see requirements-dev.txt).
The screenshot goes to $INSPECTQA_SCREENSHOTS (a folder) or the test's tmp folder.
"""
import importlib.util
import os
from pathlib import Path

import pytest

from bench.app_server import CHROMIUM, ask, browser_page, open_app, running_app
from tests.conftest import SEEDS

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
    pytest.mark.skipif(importlib.util.find_spec("playwright") is None, reason="needs playwright (requirements-dev.txt)"),
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is absent"),
]


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory):
    from index.opening import open_for_writing
    from ingest.pipeline import ingest_paths

    index = tmp_path_factory.mktemp("browser") / "index"
    store, embedder = open_for_writing(index)
    assert not ingest_paths([SEEDS], store, embedder).failures
    store.close()
    return index


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
