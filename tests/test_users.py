"""Password hashes, the users file, role checks and sign-in tokens (app_ui.users), without Streamlit."""
import base64
import json
import re
import stat

import pytest

from app_ui import users
from app_ui.users import EDITOR, READER, User
from errors import AccessDeniedError, UsersFileError
from errors import SignInKeyError


def test_a_password_verifies_only_against_its_own_hash_and_each_hash_has_its_own_salt():
    first, second = users.hash_password("correct horse battery"), users.hash_password("correct horse battery")
    assert first != second and first.startswith("scrypt$")
    assert users.verify_password("correct horse battery", first)
    assert not users.verify_password("correct horse batterY", first)
    assert "correct horse" not in first


@pytest.mark.parametrize("stored", ["", "plain-text-password", "scrypt$16384$8$1$zz$zz", "md5$1$2$3$00$00"])
def test_a_malformed_stored_hash_matches_nothing(stored):
    assert not users.verify_password("anything", stored)


def test_sign_in_needs_a_known_name_and_its_password():
    known = {"alice": User("alice", EDITOR, users.hash_password("alice's long password"))}
    assert users.authenticate(known, " Alice ", "alice's long password") == known["alice"]
    assert users.authenticate(known, "alice", "wrong password") is None
    assert users.authenticate(known, "mallory", "alice's long password") is None


def test_readers_ask_and_export_and_only_editors_change_the_library():
    for action in ("ask", "export"):
        assert users.may(READER, action) and users.may(EDITOR, action)
    for action in ("upload", "delete"):
        assert users.may(EDITOR, action) and not users.may(READER, action)
        users.require(EDITOR, action)
        with pytest.raises(AccessDeniedError, match="Only editors can .*Ask whoever runs InspectQA"):
            users.require(READER, action)


def test_the_cli_writes_a_versioned_owner_only_file_without_the_password(tmp_path, monkeypatch, capsys):
    path = tmp_path / "secrets" / "users.json"
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("a long enough password\n"))
    assert users.main(["--file", str(path), "add", "Bob", "--role", "editor", "--password-stdin"]) == 0
    data = json.loads(path.read_text())
    assert data["version"] == users.FORMAT_VERSION and data["users"]["bob"]["role"] == EDITOR
    assert "a long enough password" not in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["users.json"]  # no temporary file left behind
    assert users.authenticate(users.load_users(path), "bob", "a long enough password")
    assert users.main(["--file", str(path), "list"]) == 0 and "bob\teditor" in capsys.readouterr().out
    assert users.main(["--file", str(path), "remove", "bob"]) == 0 and users.load_users(path) == {}


def test_the_cli_refuses_a_short_password_and_a_name_that_is_not_a_plain_word(tmp_path, monkeypatch, capsys):
    path = tmp_path / "users.json"
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("short\n"))
    assert users.main(["--file", str(path), "add", "carol", "--password-stdin"]) == 1
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("a long enough password\n"))
    assert users.main(["--file", str(path), "add", "../carol", "--password-stdin"]) == 1
    assert not path.exists()
    assert "at least" in capsys.readouterr().err


@pytest.mark.parametrize("content", ['{"version": 2, "users": {}}', "not json", '{"version": 1, "users": []}',
                                     '{"version": 1, "users": {"x": {"role": "admin", "password": ""}}}'])
def test_a_users_file_this_version_cannot_read_is_refused_with_a_way_out(tmp_path, content):
    path = tmp_path / "users.json"
    path.write_text(content)
    with pytest.raises(UsersFileError, match="users file"):
        users.load_users(path)


def test_oidc_roles_come_from_the_access_section():
    access = {"editors": ["jane@council.gov.uk"], "readers": ["@council.gov.uk"]}
    assert users.oidc_role("Jane@Council.gov.uk", access) == EDITOR
    assert users.oidc_role("sam@council.gov.uk", access) == READER
    assert users.oidc_role("sam@evilcouncil.gov.uk", access) is None
    assert users.oidc_role("sam@example.com", access) is None
    assert users.oidc_role(None, access) is None
    assert users.oidc_role("anyone@example.com", {}) == READER  # no readers list: the provider decides who


# Signed sign-in tokens: what carries a password sign-in across reloads and tabs for a working day.

KEY, OTHER_KEY, NOW = bytes(range(32)), bytes(range(1, 33)), 1_750_000_000.0
ALICE = User("alice", EDITOR, users.hash_password("alice's long password"))


def test_a_token_signs_its_user_in_with_the_role_the_users_file_gives_now():
    token = users.make_token(ALICE, KEY, NOW)
    assert users.check_token(token, {"alice": ALICE}, KEY, NOW + 60) == ALICE
    demoted = User("alice", READER, ALICE.password_hash)
    assert users.check_token(token, {"alice": demoted}, KEY, NOW + 60) == demoted
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", token) and "alice's long password" not in token


def test_a_token_ends_with_the_working_day():
    token = users.make_token(ALICE, KEY, NOW)
    assert users.check_token(token, {"alice": ALICE}, KEY, NOW + users.TOKEN_LIFETIME_S - 1) == ALICE
    assert users.check_token(token, {"alice": ALICE}, KEY, NOW + users.TOKEN_LIFETIME_S) is None
    assert 8 * 3600 <= users.TOKEN_LIFETIME_S <= 12 * 3600  # a working day, over before the next one starts


def flipped(hex_text: str) -> str:
    return hex_text[:-1] + ("0" if hex_text[-1] != "0" else "1")


def test_an_altered_token_signs_no_one_in():
    known = {"alice": ALICE, "bob": User("bob", READER, users.hash_password("bob's long password"))}
    name, expires, token_id, mac = users.make_token(ALICE, KEY, NOW).split(".")
    bob = base64.urlsafe_b64encode(b"bob").decode().rstrip("=")
    for altered in (f"{bob}.{expires}.{token_id}.{mac}",                      # another user's name
                    f"{name}.{int(expires) + 86400}.{token_id}.{mac}",        # a later expiry
                    f"{name}.{expires}.{flipped(token_id)}.{mac}",            # another id
                    f"{name}.{expires}.{token_id}.{flipped(mac)}",
                    f"{name}.{expires}.{token_id}", "", "....", "alice", f"{name}.{expires}x.{token_id}.{mac}",
                    f"{name}.{expires}.{token_id}.{mac[:-1]}é", f"é.{expires}.{token_id}.{mac}"):
        assert users.check_token(altered, known, KEY, NOW) is None, altered


def test_removing_the_user_or_changing_their_password_ends_their_tokens():
    token = users.make_token(ALICE, KEY, NOW)
    assert users.check_token(token, {}, KEY, NOW) is None
    same_password_again = User("alice", EDITOR, users.hash_password("alice's long password"))  # `add` once more
    assert users.check_token(token, {"alice": same_password_again}, KEY, NOW) is None


def test_a_token_made_with_another_key_signs_no_one_in():
    assert users.check_token(users.make_token(ALICE, OTHER_KEY, NOW), {"alice": ALICE}, KEY, NOW) is None


def test_a_signed_out_token_signs_no_one_in_until_it_would_have_expired_and_the_list_then_forgets_it(tmp_path):
    users_file = tmp_path / "users.json"
    token, other = users.make_token(ALICE, KEY, NOW), users.make_token(ALICE, KEY, NOW)
    users.sign_out(users_file, token, NOW + 60)
    listed = users.signed_out(users_file, NOW + 60)
    assert users.check_token(token, {"alice": ALICE}, KEY, NOW + 60, listed) is None
    assert users.check_token(other, {"alice": ALICE}, KEY, NOW + 60, listed) == ALICE  # another browser's sign-in
    assert stat.S_IMODE(users.signed_out_path(users_file).stat().st_mode) == 0o600
    assert users.signed_out(users_file, NOW + users.TOKEN_LIFETIME_S) == {}


def test_the_key_is_made_once_beside_the_users_file_for_its_owner_only(tmp_path):
    users_file = tmp_path / "users.json"
    key = users.token_key(users_file)
    path = users.token_key_path(users_file)
    assert len(key) == users.TOKEN_KEY_BYTES and path.parent == tmp_path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert users.token_key(users_file) == key and [p.name for p in tmp_path.iterdir()] == [path.name]


def test_a_key_others_can_read_or_a_damaged_one_is_refused_with_a_way_out(tmp_path):
    users_file = tmp_path / "users.json"
    users.token_key(users_file)
    path = users.token_key_path(users_file)
    path.chmod(0o644)
    with pytest.raises(SignInKeyError, match="can be read by other users.*Delete it"):
        users.token_key(users_file)
    path.chmod(0o600)
    path.write_text("not a key")
    with pytest.raises(SignInKeyError, match="cannot be read.*Delete it"):
        users.token_key(users_file)
    users.signed_out_path(users_file).write_text("{")
    with pytest.raises(SignInKeyError, match="signed-out.*Delete it"):
        users.signed_out(users_file, NOW)
