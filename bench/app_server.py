"""Run the real app in a subprocess and drive it with headless Chromium: shared by the browser test,
the screenshot script and the latency measurement.

Chromium comes from Debian (`apt-get install chromium`), never from `playwright install`, so the
browser is the distribution's and no download happens at test time.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.common import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
START_TIMEOUT_S = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_app(index: Path, uploads: Path | None = None) -> Iterator[str]:
    """`streamlit run app.py` on a free port over this index; yields the app's URL once it answers.

    It runs open (INSPECTQA_OPEN=1), like `make run`'s demo, and listens on 127.0.0.1 only: it serves the
    tests and measurements driven from this machine."""
    port = free_port()
    env = dict(os.environ, INSPECTQA_INDEX=str(index), INSPECTQA_UPLOADS=str(uploads or index.parent / "uploads"),
               STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", INSPECTQA_OPEN="1")
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, server)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait_until_healthy(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}: {server.stdout.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not answer at {url} within {START_TIMEOUT_S} s")


@contextmanager
def browser_page(width: int = 1400, height: int = 1000):
    """A Playwright page in Debian's headless Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            yield page
        finally:
            browser.close()


def open_app(page, url: str, timeout_ms: int = 120_000) -> None:
    """Load the app and wait until the model and index are loaded (the chat box is ready)."""
    page.goto(url)
    page.wait_for_selector('[data-testid="stChatInputTextArea"]', timeout=timeout_ms)


def ask(page, question: str, timeout_ms: int = 60_000, shown: str = ".iqa-excerpt") -> float:
    """Type a question, press Enter, and return the seconds until its first passage (or what `shown`
    selects, e.g. the "nothing answers" notice) is on screen."""
    before = page.locator('[data-testid="stChatMessage"]').count()
    box = page.locator('[data-testid="stChatInputTextArea"]')
    box.fill(question)
    started = time.perf_counter()
    box.press("Enter")
    # The new answer is the assistant message after the ones already there; its first excerpt on screen shows it
    # arrived (a grade answer's first passage can sit folded in an expander, present but hidden).
    page.locator('[data-testid="stChatMessage"]').nth(before + 1).locator(f"{shown}:visible").first.wait_for(
        timeout=timeout_ms)
    return time.perf_counter() - started
