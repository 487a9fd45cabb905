"""Password hashes, the users file and role checks (app_ui.users), without Streamlit."""
import json
import stat

import pytest

from app_ui import users
from app_ui.users import EDITOR, READER, AccessDeniedError, User, UsersFileError


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
