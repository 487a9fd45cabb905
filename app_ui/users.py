"""Who may use the app and what they may do: roles, password hashes and the users file.

For a council without an identity provider the app signs people in against a users file kept on the
server (`$INSPECTQA_USERS`, default `.streamlit/users.json`). It holds only scrypt hashes, each with its
own random salt, so a copied file does not give the passwords away; it carries a format version so a
later InspectQA can read or refuse it knowingly. With OIDC sign-in (`st.login`) the same two roles come
from the `[access]` section of `.streamlit/secrets.toml` (`oidc_role`).

No Streamlit here, so this is tested on its own. The command line adds, removes and lists users:

    python -m app_ui.users add NAME --role editor     # asks for the password twice
    python -m app_ui.users remove NAME
    python -m app_ui.users list
"""
from __future__ import annotations

import argparse
import getpass
import hashlib
import hmac
import json
import os
import re
import secrets
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from errors import InspectQAError
from index.storage.atomic import write_atomically

USERS_ENV = "INSPECTQA_USERS"
DEFAULT_USERS = ".streamlit/users.json"
FORMAT_VERSION = 1

READER, EDITOR = "reader", "editor"
ROLES = (READER, EDITOR)
# Readers ask, read sources and export briefings; only editors change what the library holds.
EDITOR_ACTIONS = {"upload": "add reports", "delete": "delete reports"}

# scrypt at n=2**14, r=8: 16 MiB and tens of milliseconds per guess, OWASP's minimum for scrypt.
SCRYPT_N, SCRYPT_R, SCRYPT_P, SALT_BYTES, KEY_BYTES = 2**14, 8, 1, 16, 32
SCRYPT_MAXMEM = 64 * 1024 * 1024
NAME_PATTERN = re.compile(r"[A-Za-z0-9._@+-]{1,64}")
MIN_PASSWORD_CHARS = 10


class AccessDeniedError(InspectQAError):
    """Someone signed in tried something their role does not allow."""


class UsersFileError(InspectQAError):
    """The users file cannot be used as it is; the message says how to put it right."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    password_hash: str = ""  # empty for someone signed in through the identity provider


def may(role: str, action: str) -> bool:
    return action not in EDITOR_ACTIONS or role == EDITOR


def require(role: str, action: str) -> None:
    """Refuse an editor's action to anyone else, whatever the page showed them."""
    if not may(role, action):
        raise AccessDeniedError(
            f"Only editors can {EDITOR_ACTIONS[action]}; you are signed in as a {role}. "
            "Ask whoever runs InspectQA to give you the editor role."
        )


def hash_password(password: str) -> str:
    """`scrypt$n$r$p$salt$key` in hex: the parameters travel with the hash so they can be raised later."""
    salt = secrets.token_bytes(SALT_BYTES)
    key = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=KEY_BYTES,
                         maxmem=SCRYPT_MAXMEM)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${key.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """True only for the right password; a malformed stored hash matches nothing."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        expected = bytes.fromhex(key)
        computed = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                                  dklen=len(expected), maxmem=SCRYPT_MAXMEM)
    except ValueError:
        return False
    return scheme == "scrypt" and hmac.compare_digest(computed, expected)


# Checked against when the name is unknown, so a wrong name costs as long as a wrong password and the
# timing does not tell which names exist.
_DECOY_HASH = hash_password(secrets.token_hex(16))


def authenticate(users: Mapping[str, User], name: str, password: str) -> User | None:
    user = users.get(name.strip().lower())
    if user is None:
        verify_password(password, _DECOY_HASH)
        return None
    return user if verify_password(password, user.password_hash) else None


def users_path() -> Path:
    return Path(os.environ.get(USERS_ENV) or DEFAULT_USERS)


def load_users(path: Path) -> dict[str, User]:
    """The users in the file, by name; a file this version cannot read is refused, never half-read."""
    fix = "Restore it from a backup, or move it aside and add the users again with: python -m app_ui.users add NAME"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise UsersFileError(f"The users file {path} cannot be read. {fix}") from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        version = data.get("version") if isinstance(data, dict) else None
        raise UsersFileError(
            f"The users file {path} has format version {version!r}; this InspectQA reads version {FORMAT_VERSION}. "
            f"Use the InspectQA that wrote it, or: {fix}"
        )
    try:
        users = {name: User(name, entry["role"], entry["password"]) for name, entry in data["users"].items()}
    except (KeyError, TypeError, AttributeError):
        raise UsersFileError(f"The users file {path} is damaged. {fix}") from None
    for user in users.values():
        if user.role not in ROLES:
            raise UsersFileError(f"In the users file {path}, {user.name} has the role {user.role!r}; "
                                 f"use one of {', '.join(ROLES)}: python -m app_ui.users add {user.name} --role reader")
    return users


def save_users(path: Path, users: Mapping[str, User]) -> None:
    """Write the whole file atomically and readable by its owner only: a crash leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"version": FORMAT_VERSION,
            "users": {u.name: {"role": u.role, "password": u.password_hash} for u in sorted(users.values(),
                                                                                           key=lambda u: u.name)}}
    write_atomically(path, (json.dumps(data, indent=2) + "\n").encode("utf-8"))


def valid_name(name: str) -> str:
    """The name as stored: lower case, so sign-in does not depend on how it is typed."""
    name = name.strip().lower()
    if not NAME_PATTERN.fullmatch(name):
        raise UsersFileError(f"{name!r} cannot be a user name: use up to 64 letters, digits and . _ @ + - only.")
    return name


def _matches(email: str, entries) -> bool:
    """An entry is an address, or `@domain` for everyone at that domain."""
    email = email.lower()
    for entry in entries if isinstance(entries, (list, tuple)) else [entries]:
        entry = str(entry).strip().lower()
        if email == entry or (entry.startswith("@") and email.endswith(entry)):
            return True
    return False


def oidc_role(email: str | None, access: Mapping) -> str | None:
    """The role of someone the identity provider signed in, from secrets.toml's `[access]` section.

    Listed under `editors`: editor. Without a `readers` list, everyone the provider signs in reads (limit
    who can sign in at the provider); with one, only those it lists. None means not allowed in.
    """
    if not email:
        return None
    if _matches(email, access.get("editors", [])):
        return EDITOR
    if "readers" not in access or _matches(email, access["readers"]):
        return READER
    return None


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Same password again: ") != password:
            raise UsersFileError("The two passwords differ; nothing was changed. Run the command again.")
    if len(password) < MIN_PASSWORD_CHARS:
        raise UsersFileError(f"Use a password of at least {MIN_PASSWORD_CHARS} characters; nothing was changed.")
    return password


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app_ui.users", description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, default=None, help=f"users file (default ${USERS_ENV}, else {DEFAULT_USERS})")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add a user, or set a user's password and role")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, default=READER)
    add.add_argument("--password-stdin", action="store_true", help="read the password from one line of input")
    commands.add_parser("remove", help="remove a user").add_argument("name")
    commands.add_parser("list", help="list users and their roles")
    args = parser.parse_args(argv)
    path = args.file or users_path()
    try:
        users = load_users(path) if path.exists() else {}
        if args.command == "list":
            for user in sorted(users.values(), key=lambda u: u.name):
                print(f"{user.name}\t{user.role}")
            return 0
        name = valid_name(args.name)
        if args.command == "remove":
            if users.pop(name, None) is None:
                raise UsersFileError(f"There is no user {name} in {path}; nothing was changed.")
            save_users(path, users)
            print(f"Removed {name} from {path}.")
            return 0
        users[name] = User(name, args.role, hash_password(_read_password(args.password_stdin)))
        save_users(path, users)
        print(f"{name} can now sign in as {'an' if args.role == EDITOR else 'a'} {args.role} (saved in {path}).")
        return 0
    except InspectQAError as exc:
        print(exc, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
