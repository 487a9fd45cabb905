"""The gate in front of every page: who is using the app, and with which role.

`gate()` runs in app.py before navigation, so no page, and nothing that loads the index, runs for
someone who has not signed in. Which sign-in applies, first match wins:

1. OIDC through Streamlit's `st.login`, when `.streamlit/secrets.toml` has an `[auth]` section; roles
   come from its `[access]` section (app_ui.users.oidc_role).
2. Name and password, when the users file exists (`python -m app_ui.users add NAME --role editor`). The
   sign-in lasts a working day (users.TOKEN_LIFETIME_S) across reloads and tabs: a signed token
   (users.make_token) goes into a cookie (SameSite=Strict, Path=/, Secure over https, Max-Age to the token's
   expiry) that a few lines of script in the page write (a components.v2 component runs in the page, not an
   iframe) and that Streamlit reads when a tab connects (`st.context.cookies`). Script-written cookies cannot be
   HttpOnly, so a stolen token signs its user in elsewhere, but only until it expires, the user signs out (the
   server lists it as signed out) or their password changes or they are removed. (`st.query_params` would
   show the token in the address bar, history and shared links, and a second tab would not have it.)
3. Open, with a banner on every page, only when the server was started with INSPECTQA_OPEN=1 (`make run`
   for the local demo): everyone is an editor.
Otherwise the app says how to set up sign-in and stops. The role is worked out again on every run, so a
user removed or demoted in the users file loses their rights at their next click, and pages check it
before changing anything (`require`), not only when deciding what to show. Repeated failed password
sign-ins for one name or from one client are refused for a while (app_ui.throttle).
"""
from __future__ import annotations

import logging
import os
import time

import streamlit as st

from app_ui import users
from app_ui.throttle import SignInThrottle, in_words
from errors import InspectQAError
from index.output.briefing import escape_markdown

log = logging.getLogger(__name__)
OPEN_ENV = "INSPECTQA_OPEN"
OPEN_VISITOR = "everyone"   # who an open demo's visitor is: an editor with no name of their own
_VISITOR = "signin_visitor"      # the User this run belongs to, set by gate() on every run
_TOKEN = "signin_token"          # password sign-in: this session's token; "" once signed out
_COOKIE_DUE = "signin_cookie"    # the cookie to write on this run: a new token, or "" to delete it
TOKEN_COOKIE = "inspectqa_signin"

NOT_CONFIGURED = f"""**Sign-in is not set up, so InspectQA will not open.** The reports concern children, so
the app only runs without sign-in when that is asked for explicitly. Whoever runs the server can:

- use the council's identity provider (Microsoft Entra ID, Google, Okta…): add an `[auth]` section to
  `.streamlit/secrets.toml` (see docs/operating.md, "Sign-in and roles");
- or give people a name and password: `python -m app_ui.users add NAME --role editor` (or `--role reader`),
  then reload this page;
- or, for a demonstration on one computer only, start the app with `{OPEN_ENV}=1` (`make run` does).
"""
OPEN_BANNER = ("Open demo: sign-in is not set up, so anyone who can reach this address can read, add and delete "
               "reports. Set up sign-in before real use (docs/operating.md, \"Sign-in and roles\").")

# Runs in the page on the run after a sign-in or sign-out; the cookie is sent on the next connection (a reload,
# a new tab) and read there with st.context.cookies.
_COOKIE_JS = """
export default function ({ data }) {
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${data.name}=${data.value}; Max-Age=${data.max_age}; Path=/; SameSite=Strict${secure}`;
}
"""
_cookie_writer = st.components.v2.component("inspectqa_signin_cookie", js=_COOKIE_JS)
_COOKIE_HIDDEN = "<style>.st-key-signin-cookie { display: none; }</style>"   # it draws nothing: no empty gap either


def gate() -> None:
    """Decide who this run belongs to, or show the way in and stop the run."""
    if _oidc_configured():
        visitor = _oidc_visitor()
    elif users.users_path().exists():
        visitor = _password_visitor()
    elif os.environ.get(OPEN_ENV) == "1":
        st.warning(OPEN_BANNER, icon=":material/lock_open:")
        visitor = users.User(OPEN_VISITOR, users.EDITOR)
    else:
        st.error(NOT_CONFIGURED, icon=":material/lock:")
        st.stop()
    st.session_state[_VISITOR] = visitor


def visitor() -> users.User:
    """Who this run belongs to (set by gate(), which runs first on every page)."""
    return st.session_state[_VISITOR]


def visitor_name() -> str | None:
    """The signed-in user's name, for what they author or set; None on the open demo, where nobody signed in."""
    name = st.session_state[_VISITOR].name
    return None if name == OPEN_VISITOR else name


def may(action: str) -> bool:
    """Whether this run's user may do `action`: pages use it to leave out what the user cannot use."""
    return users.may(st.session_state[_VISITOR].role, action)


def require(action: str) -> None:
    """Raise AccessDeniedError unless this run's user may do `action`: called before any change is made."""
    users.require(st.session_state[_VISITOR].role, action)


def _oidc_configured() -> bool:
    return st.secrets.load_if_toml_exists() and "auth" in st.secrets


def _oidc_visitor() -> users.User:
    if not st.user.get("is_logged_in"):
        _oidc_sign_in()
        st.stop()
    email = st.user.get("email")
    role = users.oidc_role(email, st.secrets.get("access", {}))
    if role is None:
        st.error(f"{escape_markdown(str(email))} is not on InspectQA's list of users. Ask whoever runs InspectQA "
                 "to add it under `readers` or `editors` in the `[access]` section of secrets.toml.")
        if st.button("Sign out"):
            st.logout()
        st.stop()
    visitor = users.User(str(email), role)
    _signed_in_sidebar(visitor, st.logout)
    return visitor


def _oidc_sign_in() -> None:
    """One button per provider: `[auth]` itself, or each named `[auth.NAME]` section when there are some."""
    st.title("InspectQA")
    st.write("Sign in with your council account to ask questions of the inspection reports.")
    providers = [name for name, value in st.secrets["auth"].items() if hasattr(value, "keys")]
    for provider in providers or [None]:
        label = f"Sign in with {provider}" if provider else "Sign in"
        if st.button(label, key=f"sign-in-{provider}", type="primary"):
            st.login(provider)


def _password_visitor() -> users.User:
    path, now = users.users_path(), time.time()
    try:
        known = users.load_users(path)
        key = users.token_key(path)
        signed_out = users.signed_out(path, now)
    except InspectQAError as exc:
        # The files' paths and the names in them are the server's business, not a visitor's: the log says which
        # file and what to do; the page says whom to ask.
        log.error("%s", exc)
        st.error("Sign-in is not available: the server's sign-in files cannot be used. Ask whoever runs InspectQA "
                 "to check the server's log.")
        st.stop()
    # This session's own token once it has one; else the cookie the browser sent when it connected.
    token = st.session_state.get(_TOKEN, st.context.cookies.get(TOKEN_COOKIE, ""))
    visitor = users.check_token(token, known, key, now, signed_out) if token else None
    if visitor is None:
        st.session_state[_TOKEN] = ""   # a token that fails once never passes again: not the cookie either
        _write_cookie()
        _password_form(known, key)
        st.stop()
    st.session_state[_TOKEN] = token
    _write_cookie()
    _signed_in_sidebar(visitor, _sign_out)
    return visitor


def _password_form(known: dict[str, users.User], key: bytes) -> None:
    st.title("InspectQA")
    if not known:
        st.error("No one can sign in yet: the users file is empty. Add someone with: "
                 "`python -m app_ui.users add NAME --role editor`")
        return
    with st.form("sign-in"):
        name = st.text_input("Name", key="signin_form_name")
        password = st.text_input("Password", type="password", key="signin_form_password")
        if st.form_submit_button("Sign in", type="primary"):
            throttle, client = _throttle(), st.context.ip_address
            wait = throttle.attempt(name, client)  # counted as failed until it succeeds
            if wait:
                st.error(f"Too many failed sign-ins for this name or from this computer. Try again in "
                         f"{in_words(wait)}. If you have forgotten your password, ask whoever runs InspectQA "
                         "to reset it.")
                return
            user = users.authenticate(known, name, password)
            if user is None:
                throttle.failed(name, client)
                st.error("That name and password do not match. Check them, or ask whoever runs InspectQA to "
                         "reset your password.")
            else:
                throttle.succeeded(name, client)
                st.session_state[_TOKEN] = st.session_state[_COOKIE_DUE] = users.make_token(user, key, time.time())
                st.rerun()


@st.cache_resource
def _throttle() -> SignInThrottle:
    """One count of failed sign-ins for the whole server, shared by every browser session."""
    return SignInThrottle()


def _sign_out() -> None:
    """End this sign-in everywhere: the token is listed as signed out on the server (other tabs, and any copy,
    are refused at their next run) and the cookie is deleted from this browser."""
    token = st.session_state.get(_TOKEN)
    st.session_state[_TOKEN] = st.session_state[_COOKIE_DUE] = ""
    if token:
        try:
            users.sign_out(users.users_path(), token, time.time())
        except InspectQAError as exc:
            log.error("%s", exc)


def _write_cookie() -> None:
    """Write the cookie a sign-in or sign-out of this session left due, once."""
    token = st.session_state.pop(_COOKIE_DUE, None)
    if token is None:
        return
    max_age = max(0, users.token_expiry(token) - int(time.time())) if token else 0
    st.html(_COOKIE_HIDDEN)   # style only: Streamlit puts it where it takes no room
    _cookie_writer(data={"name": TOKEN_COOKIE, "value": token, "max_age": max_age}, key="signin-cookie")


def _signed_in_sidebar(visitor: users.User, sign_out) -> None:
    with st.sidebar:
        st.caption(f"Signed in as {escape_markdown(visitor.name)} ({visitor.role})")
        st.button("Sign out", key="sign-out", on_click=sign_out)
