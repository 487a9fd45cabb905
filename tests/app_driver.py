"""Driving the real app with Streamlit's AppTest: shared by tests/test_app*.py (not a test module itself)."""
import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def start() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception
    return app


def ask(app: AppTest, question: str) -> AppTest:
    app.chat_input[0].set_value(question).run()
    assert not app.exception
    return app


def html(app: AppTest) -> str:
    return "\n".join(element.proto.body for element in app.html)


def quotes(app: AppTest) -> list[str]:
    """The text each passage's Copy quote button puts on the clipboard."""
    return [json.loads(element.proto.json)["text"] for element in app.get("bidi_component")
            if element.key.startswith("copy-") and not element.key.startswith("copy-quote")]


def texts(elements) -> str:
    return "\n".join(element.value for element in elements)
