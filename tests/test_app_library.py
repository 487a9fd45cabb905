"""Correcting a report's details on the Library page, through the real app (AppTest): an editor sets a date and
sees it marked as theirs, a date that cannot be right is refused in a sentence, and a reader sees no control."""
import pytest
from streamlit.testing.v1 import AppTest

from app_ui import users
from app_ui.users import EDITOR, READER, User
from tests.app_driver import APP, ask, html, texts

pytestmark = pytest.mark.slow  # the whole app per test: not in the quick loop

PASSWORDS = {"rita": "reader's long password", "eddie": "editor's long password"}


@pytest.fixture
def with_users(library, monkeypatch):
    monkeypatch.delenv("INSPECTQA_OPEN")
    users.save_users(library / "users.json", {
        "rita": User("rita", READER, users.hash_password(PASSWORDS["rita"])),
        "eddie": User("eddie", EDITOR, users.hash_password(PASSWORDS["eddie"]))})
    return library


def checked(app: AppTest) -> AppTest:
    assert not app.exception
    return app


def library_as(name: str) -> AppTest:
    app = checked(AppTest.from_file(APP, default_timeout=60).run())
    app.text_input(key="signin_form_name").input(name)
    app.text_input(key="signin_form_password").input(PASSWORDS[name])
    return checked(checked(app.button[0].click().run()).switch_page("app_ui/pages/library.py").run())


def row(app: AppTest, council: str) -> dict:
    table = app.dataframe[0].value
    return table[table["Council"] == council].iloc[0].to_dict()


def chooser_of(app: AppTest):
    """The correction's choice of report (keyed by the index's generation), or None where there is none."""
    return next((s for s in app.selectbox if (s.key or "").startswith("correct_doc-")), None)


def correct(app: AppTest, report: str, **values: str) -> AppTest:
    """Choose the report, fill in the form's fields by label, save."""
    chooser = chooser_of(app)
    app = checked(chooser.select(next(o for o in chooser.options if o.startswith(report))).run())
    fields = {field.label: field for field in app.text_input}
    for label, value in values.items():
        fields[label].input(value)
    return checked(next(b for b in app.button if b.label == "Save correction").click().run())


def test_an_editor_corrects_a_date_and_sees_it_marked_as_set_by_an_editor(with_users):
    app = library_as("eddie")
    assert row(app, "Bury")["Published"] == "12 May 2023" and row(app, "Bury")["Set by an editor"] == ""
    app = correct(app, "Bury", **{"Published (YYYY-MM-DD)": "2023-05-15"})
    assert "Bury: inspection of local authority children's services: publication date 15 May 2023, marked as set by " \
           "eddie." in texts(app.success)
    bury = row(app, "Bury")
    assert bury["Published"] == "15 May 2023"
    assert bury["Set by an editor"].startswith("publication date set by eddie on ")
    assert row(app, "Wigan")["Set by an editor"] == ""
    chooser = chooser_of(app)   # still on Bury, under its new label
    assert chooser.options[chooser.index].startswith("Bury") and chooser.options[chooser.index].endswith("(15 May 2023)")
    # The next question cites the corrected date (the searcher's catalogue followed the index's generation).
    ask(checked(app.switch_page("app_ui/pages/ask.py").run()), "How is supervision in Bury?")
    # (the report's own text prints "Published 12 May 2023": the card's "published" is the metadata's)
    assert "Bury · published 15 May 2023" in html(app) and "published 12 May 2023" not in html(app)


def test_a_date_that_cannot_be_right_is_refused_in_a_sentence(with_users):
    app = correct(library_as("eddie"), "Bury", **{"Published (YYYY-MM-DD)": "2023-02-30"})
    assert "“2023-02-30” is not a date for the publication date: give a real date as YYYY-MM-DD" in texts(app.error)
    assert row(app, "Bury")["Published"] == "12 May 2023" and row(app, "Bury")["Set by an editor"] == ""


def test_a_reader_sees_no_correction_control(with_users):
    app = library_as("rita")
    assert "2 documents" in texts(app.subheader)
    assert chooser_of(app) is None and not app.text_input
    assert "Correct a report's details" not in texts(app.subheader)
    assert "Set by an editor" in app.dataframe[0].value.columns   # what editors set is shown to everyone


def test_on_the_open_demo_a_correction_is_marked_as_a_visitors_not_everyones(library):
    """Nobody signs in on the open demo: the record says so rather than naming a user 'everyone'."""
    app = checked(checked(AppTest.from_file(APP, default_timeout=60).run()).switch_page("app_ui/pages/library.py").run())
    app = correct(app, "Bury", **{"Published (YYYY-MM-DD)": "2023-05-15"})
    assert "publication date 15 May 2023, marked as set by a visitor to the open demo." in texts(app.success)
    assert row(app, "Bury")["Set by an editor"].startswith("publication date set by a visitor to the open demo on ")
