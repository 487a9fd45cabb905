"""Access control through the real app (AppTest): who gets in, and what each role can do.

Sign-in by name and password against a users file (and its cookie across reloads: the tests stand in for
the browser's connection, see BrowserConnection), OIDC through `st.login` (AppTest stands in for the
identity provider with `app.user`), the open demo mode, and refusal when none of them is set up.
"""
import json

import pytest
from streamlit.testing.v1 import AppTest

from app_ui import signin, users
from app_ui.users import EDITOR, READER, User
from tests.app_driver import APP, ask, html, texts

pytestmark = pytest.mark.slow  # the whole app, or several processes, per test: not in the quick loop

PASSWORDS = {"rita": "reader's long password", "eddie": "editor's long password"}
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-cookie-secret",
        "client_id": "inspectqa", "client_secret": "test-client-secret",
        "server_metadata_url": "https://login.example.org/.well-known/openid-configuration"}


@pytest.fixture
def closed(library, monkeypatch):
    """The test library with sign-in required: no open flag."""
    monkeypatch.delenv("INSPECTQA_OPEN")
    return library


@pytest.fixture
def with_users(closed):
    path = closed / "users.json"  # INSPECTQA_USERS, set by the places fixture
    users.save_users(path, {"rita": User("rita", READER, users.hash_password(PASSWORDS["rita"])),
                            "eddie": User("eddie", EDITOR, users.hash_password(PASSWORDS["eddie"]))})
    return closed


def checked(app: AppTest) -> AppTest:
    assert not app.exception
    return app


def sign_in(name: str, password: str) -> AppTest:
    app = checked(AppTest.from_file(APP, default_timeout=60).run())
    app.text_input(key="signin_form_name").input(name)
    app.text_input(key="signin_form_password").input(password)
    return checked(app.button[0].click().run())


def library_page(app: AppTest) -> AppTest:
    return checked(app.switch_page("app_ui/pages/library.py").run())


def can_change_library(app: AppTest) -> bool:
    return bool(app.get("file_uploader")) or bool(app.multiselect) or any(b.label == "Delete" for b in app.button)


def test_without_sign_in_or_the_open_flag_the_app_refuses_and_says_how_to_set_it_up(closed):
    app = checked(AppTest.from_file(APP, default_timeout=60).run())
    message = texts(app.error)
    assert "Sign-in is not set up" in message and "python -m app_ui.users add" in message and "INSPECTQA_OPEN=1" in message
    assert not app.chat_input and not can_change_library(app)
    app = library_page(app)  # asking for a page directly gets the same refusal
    assert "Sign-in is not set up" in texts(app.error) and not app.subheader and not can_change_library(app)


def test_the_open_flag_lets_everyone_in_with_a_banner_on_every_page(library):
    app = checked(AppTest.from_file(APP, default_timeout=60).run())
    assert "Open demo" in texts(app.warning) and app.chat_input
    assert "Open demo" in texts(library_page(app).warning) and can_change_library(app)


def test_a_wrong_password_or_unknown_name_is_refused(with_users):
    for name, password in (("rita", "not rita's password"), ("nobody", PASSWORDS["rita"]), ("rita", "")):
        app = sign_in(name, password)
        assert "That name and password do not match" in texts(app.error)
        assert not app.chat_input


def test_a_reader_asks_but_cannot_see_upload_or_delete(with_users):
    app = sign_in("Rita", PASSWORDS["rita"])
    assert "Signed in as rita (reader)" in texts(app.sidebar.caption)
    ask(app, "How is supervision in Bury?")
    assert "Bury" in html(app)
    app = library_page(app)
    assert "2 documents" in texts(app.subheader) and not can_change_library(app)
    assert "adding and deleting them is for editors" in texts(app.caption)


def test_an_editor_uploads_and_deletes(with_users):
    app = library_page(sign_in("eddie", PASSWORDS["eddie"]))
    app.get("file_uploader")[0].set_value([("notes.md", b"Derby supervision notes.", "text/markdown")])
    app = checked(app.run())
    assert "notes.md: added" in texts(app.success) and "3 documents" in texts(app.subheader)
    app = checked(app.multiselect[0].select(next(o for o in app.multiselect[0].options if o.startswith("Bury"))).run())
    checked(app.button(key="delete_confirm").click().run())
    assert "2 documents" in texts(app.subheader)


def test_an_editor_demoted_mid_session_cannot_delete_from_the_form_already_on_screen(with_users):
    app = library_page(sign_in("eddie", PASSWORDS["eddie"]))
    app = checked(app.multiselect[0].select(next(o for o in app.multiselect[0].options if o.startswith("Bury"))).run())
    path = with_users / "users.json"
    known = users.load_users(path)
    users.save_users(path, {**known, "eddie": User("eddie", READER, known["eddie"].password_hash)})
    app = checked(app.button(key="delete_confirm").click().run())
    assert "2 documents" in texts(app.subheader) and not can_change_library(app)


def test_signing_out_returns_to_the_sign_in_form(with_users):
    app = sign_in("rita", PASSWORDS["rita"])
    app = checked(app.sidebar.button(key="sign-out").click().run())
    assert not app.chat_input and app.text_input(key="signin_form_name")


class BrowserConnection:
    """What a browser sends when it connects: AppTest cannot seed `st.context.cookies`, so the tests stand in
    for the connection (streamlit.runtime.session_manager.ClientContext)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}
        self.headers: list[tuple[str, str]] = []
        self.remote_ip = None


@pytest.fixture
def browser(monkeypatch):
    connection = BrowserConnection()
    monkeypatch.setattr("streamlit.runtime.context._get_client_context", lambda: connection)
    return connection


def cookie_written(app: AppTest) -> dict | None:
    """The cookie this run's page writes in the browser: name, value and max_age; None when it writes none."""
    written = [json.loads(e.proto.json) for e in app.get("bidi_component") if e.key == "signin-cookie"]
    return written[0] if written else None


def reload(browser: BrowserConnection, app: AppTest) -> AppTest:
    """A reload or a second tab: a new session, presenting the cookie the last page wrote (if it wrote one)."""
    written = cookie_written(app)
    if written is not None:
        browser.cookies[written["name"]] = written["value"]
    return checked(AppTest.from_file(APP, default_timeout=60).run())


def test_a_password_sign_in_lasts_across_reloads_and_tabs_until_sign_out(with_users, browser):
    app = sign_in("rita", PASSWORDS["rita"])
    written = cookie_written(app)
    assert written["name"] == signin.TOKEN_COOKIE and users.TOKEN_LIFETIME_S - 60 < written["max_age"] <= users.TOKEN_LIFETIME_S
    second = reload(browser, app)
    assert "Signed in as rita (reader)" in texts(second.sidebar.caption) and second.chat_input
    assert not can_change_library(library_page(second)) and cookie_written(second) is None
    stolen = dict(browser.cookies)

    second = checked(second.sidebar.button(key="sign-out").click().run())
    assert cookie_written(second) == {"name": signin.TOKEN_COOKIE, "value": "", "max_age": 0}
    assert not second.chat_input and second.text_input(key="signin_form_name")
    assert not checked(app.run()).chat_input   # the first tab, at its next click
    browser.cookies.update(stolen)              # a copy of the token made before the sign-out
    assert not reload(browser, second).chat_input


def test_an_editor_stays_an_editor_after_a_reload_and_a_new_password_ends_the_sign_in(with_users, browser):
    app = reload(browser, sign_in("eddie", PASSWORDS["eddie"]))
    assert "Signed in as eddie (editor)" in texts(app.sidebar.caption) and can_change_library(library_page(app))
    path = with_users / "users.json"
    users.save_users(path, {**users.load_users(path), "eddie": User("eddie", EDITOR, users.hash_password("a new long password"))})
    assert not checked(app.run()).chat_input
    assert not reload(browser, app).chat_input


def test_an_altered_sign_in_cookie_gets_the_sign_in_form(with_users, browser):
    token = cookie_written(sign_in("rita", PASSWORDS["rita"]))["value"]
    name, expires, token_id, mac = token.split(".")
    for altered in (f"{name}.{int(expires) + 86400}.{token_id}.{mac}", "<script>", "a.b.c.d"):
        browser.cookies[signin.TOKEN_COOKIE] = altered
        app = checked(AppTest.from_file(APP, default_timeout=60).run())
        assert not app.chat_input and app.text_input(key="signin_form_name")


def test_a_hostile_upload_name_never_reaches_the_file_system(with_users):
    app = library_page(sign_in("eddie", PASSWORDS["eddie"]))
    name = "../../escape\n$(touch pwned);`id` <b>x</b>.md"
    app.get("file_uploader")[0].set_value([(name, b"Derby supervision notes.", "text/markdown")])
    app = checked(app.run())
    assert "added" in texts(app.success)
    saved = list((with_users / "uploads").iterdir())
    assert len(saved) == 1 and len(saved[0].stem) == 16 and saved[0].suffix == ".md"
    assert not (with_users.parent / "escape").exists() and not list(with_users.rglob("*pwned*"))


def oidc_app(user: dict, access: dict) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.secrets["auth"], app.secrets["access"] = AUTH, access
    app.user = user
    return checked(app.run())


def test_oidc_asks_to_sign_in_then_gives_each_listed_address_its_role(closed):
    access = {"editors": ["jane@council.gov.uk"], "readers": ["@council.gov.uk"]}
    app = oidc_app({"is_logged_in": False}, access)
    assert any(b.label == "Sign in" for b in app.button) and not app.chat_input
    editor = library_page(oidc_app({"is_logged_in": True, "email": "jane@council.gov.uk"}, access))
    assert can_change_library(editor)
    reader = oidc_app({"is_logged_in": True, "email": "sam@council.gov.uk"}, access)
    assert reader.chat_input and not can_change_library(library_page(reader))
    stranger = oidc_app({"is_logged_in": True, "email": "someone@example.com"}, access)
    assert "not on InspectQA's list of users" in texts(stranger.error) and not stranger.chat_input


def test_repeated_failed_sign_ins_lock_the_name_even_against_the_right_password(with_users, caplog):
    from app_ui import signin

    signin._throttle.clear()  # the count is the server's, shared by every session: start this test from none
    try:
        for _ in range(5):
            assert "That name and password do not match" in texts(sign_in("Eddie", "a wrong guess").error)
        app = sign_in("eddie", PASSWORDS["eddie"])
        assert "Too many failed sign-ins" in texts(app.error) and "Try again in 30 seconds" in texts(app.error)
        assert not app.chat_input
        assert any("failed tries in a row for name 'eddie'" in r.getMessage() for r in caplog.records)
        assert sign_in("rita", PASSWORDS["rita"]).chat_input  # another name is not held up
    finally:
        signin._throttle.clear()


def test_a_broken_users_file_tells_visitors_whom_to_ask_and_the_log_what_to_fix(with_users, caplog):
    path = with_users / "users.json"
    path.write_text('{"users": [{"name": "zebedee", "role": "boss"', encoding="utf-8")   # cut short
    app = checked(AppTest.from_file(APP, default_timeout=60).run())
    shown = texts(app.error)
    assert "Sign-in is not available" in shown and str(path) not in shown and "zebedee" not in shown
    assert str(path) in caplog.text
