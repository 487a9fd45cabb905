"""Who may use the app and what they may do: roles, password hashes and the users file.

For a council without an identity provider the app signs people in against a users file kept on the
server (`$INSPECTQA_USERS`, default `.streamlit/users.json`). It holds only scrypt hashes, each with its
own random salt, so a copied file does not give the passwords away; it carries a format version so a
later InspectQA can read or refuse it knowingly. With OIDC sign-in (`st.login`) the same two roles come
from the `[access]` section of `.streamlit/secrets.toml` (`oidc_role`).

A password sign-in outlasts a reload or a second tab through a signed token (`make_token`, `check_token`)
that app_ui.signin keeps in a browser cookie: `name.expiry.id.mac`, the name in base64url and the mac an
HMAC-SHA256 under a server key over the rest and the user's password hash, so a new password (a new salt each
time) or removing the user voids it. Signing out lists its id as signed out until it would have expired anyway.
The key and that list sit beside the users file (`users-signin.key`, `users-signed-out.json`), readable by their
owner only; deleting the key signs everyone out.

No Streamlit here, so this is tested on its own. The command line adds, removes and lists users:

    python -m app_ui.users add NAME --role editor     # asks for the password twice
    python -m app_ui.users remove NAME
    python -m app_ui.users list
"""
from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import hmac
import json
import os
import re
import secrets
import sys
import tempfile
import threading
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from errors import AccessDeniedError, InspectQAError, SignInKeyError, UsersFileError
from index.storage.atomic import write_atomically

USERS_ENV = "INSPECTQA_USERS"
DEFAULT_USERS = ".streamlit/users.json"
FORMAT_VERSION = 1

READER, EDITOR = "reader", "editor"
ROLES = (READER, EDITOR)
# Readers ask, read sources and export briefings; only editors change what the library holds.
EDITOR_ACTIONS = {"upload": "add reports", "correct": "correct reports' details", "delete": "delete reports"}

# scrypt at n=2**14, r=8: 16 MiB and tens of milliseconds per guess, OWASP's minimum for scrypt.
SCRYPT_N, SCRYPT_R, SCRYPT_P, SALT_BYTES, KEY_BYTES = 2**14, 8, 1, 16, 32
SCRYPT_MAXMEM = 64 * 1024 * 1024
NAME_PATTERN = re.compile(r"[A-Za-z0-9._@+-]{1,64}")
MIN_PASSWORD_CHARS = 10

# How long one password sign-in lasts in a browser: a long working day (8:00 to 18:00) without signing in again,
# while a copied token is dead before the next day starts.
TOKEN_LIFETIME_S = 10 * 60 * 60
TOKEN_KEY_BYTES, TOKEN_ID_BYTES = 32, 16
SIGNED_OUT_VERSION = 1


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


# Signed sign-in tokens

def make_token(user: User, key: bytes, now: float, lifetime_s: float = TOKEN_LIFETIME_S) -> str:
    """A token that signs `user` in until now + lifetime_s, for as long as their password stays the same.

    Its characters are letters, digits and `-_.` only, so it travels in a cookie as it is."""
    name = base64.urlsafe_b64encode(user.name.encode()).decode().rstrip("=")
    payload = f"{name}.{int(now + lifetime_s)}.{secrets.token_hex(TOKEN_ID_BYTES)}"
    return f"{payload}.{_token_mac(key, payload, user.password_hash)}"


def check_token(token: str, users: Mapping[str, User], key: bytes, now: float,
                signed_out: Collection[str] = ()) -> User | None:
    """The user a token signs in, with their role as the users file has it now; None for a token that is
    malformed, altered, made with another key, expired, signed out, or whose user is removed or has a new password."""
    parsed = _parse_token(token)
    if parsed is None:
        return None
    name, expires, token_id, payload, mac = parsed
    user = users.get(name)
    if user is None or not user.password_hash or not hmac.compare_digest(mac, _token_mac(key, payload, user.password_hash)):
        return None
    return user if now < expires and token_id not in signed_out else None


def token_expiry(token: str) -> int:
    """When a token expires (seconds since 1970), without checking it; 0 for something that is not a token."""
    parsed = _parse_token(token)
    return parsed[1] if parsed else 0


def _token_mac(key: bytes, payload: str, password_hash: str) -> str:
    return hmac.new(key, f"{payload}\n{password_hash}".encode(), hashlib.sha256).hexdigest()


def _parse_token(token: str) -> tuple[str, int, str, str, str] | None:
    """(name, expiry, id, signed part, mac), or None when it is not shaped like a token."""
    parts = token.split(".") if isinstance(token, str) else []
    if (len(parts) != 4 or not re.fullmatch(r"[0-9]{1,12}", parts[1]) or not re.fullmatch(r"[0-9a-f]{1,64}", parts[2])
            or not re.fullmatch(r"[0-9a-f]{64}", parts[3])):
        return None
    try:
        name = base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    return name, int(parts[1]), parts[2], ".".join(parts[:3]), parts[3]


def token_key_path(users_file: Path) -> Path:
    return users_file.with_name(f"{users_file.stem}-signin.key")


def signed_out_path(users_file: Path) -> Path:
    return users_file.with_name(f"{users_file.stem}-signed-out.json")


def token_key(users_file: Path) -> bytes:
    """The server's key for signing tokens, made on first use beside the users file, readable by its owner only.

    It is made under a temporary name and linked into place, which fails if another session made one meanwhile:
    then that one is used, so no token is ever signed with a key that is about to be replaced."""
    path = token_key_path(users_file)
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)  # mode 0600
            try:
                with os.fdopen(fd, "w", encoding="ascii") as handle:
                    handle.write(secrets.token_hex(TOKEN_KEY_BYTES) + "\n")
                    handle.flush()
                    os.fsync(handle.fileno())
                try:
                    os.link(temporary, path)
                except FileExistsError:
                    pass
            finally:
                os.unlink(temporary)
        except OSError as exc:
            raise SignInKeyError(f"The sign-in key {path} cannot be made ({exc.strerror}). Let the user the server runs "
                                 f"as write to {path.parent}, then reload the page.") from None
    return _read_key(path)


def _read_key(path: Path) -> bytes:
    fix = "Delete it and reload the page: InspectQA makes a new one, and everyone signs in again."
    try:
        if os.stat(path).st_mode & 0o077:
            raise SignInKeyError(f"The sign-in key {path} can be read by other users of the server, who could sign in "
                                 f"as anyone with it. {fix}")
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, UnicodeDecodeError, ValueError):
        raise SignInKeyError(f"The sign-in key {path} cannot be read. {fix}") from None
    if len(key) < TOKEN_KEY_BYTES:
        raise SignInKeyError(f"The sign-in key {path} is too short to be one InspectQA made. {fix}")
    return key


def signed_out(users_file: Path, now: float) -> dict[str, int]:
    """The ids of tokens signed out before they expired, with their expiry times."""
    path = signed_out_path(users_file)
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["version"] != SIGNED_OUT_VERSION:
            raise ValueError
        return {str(token_id): int(expires) for token_id, expires in data["tokens"].items() if int(expires) > now}
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        raise SignInKeyError(f"The list of signed-out sign-ins {path} cannot be read. Delete it and the sign-in key "
                             f"{token_key_path(users_file)} beside it, then reload the page: everyone signs in again.") from None


_signing_out = threading.Lock()  # one read-and-rewrite of the signed-out list at a time in this server


def sign_out(users_file: Path, token: str, now: float) -> None:
    """List the token as signed out until it expires, so that a copy of it signs no one in either."""
    parsed = _parse_token(token)
    if parsed is None:
        return
    _, expires, token_id, _, _ = parsed
    path = signed_out_path(users_file)
    with _signing_out:
        tokens = signed_out(users_file, now)
        tokens[token_id] = min(expires, int(now + TOKEN_LIFETIME_S))
        try:
            write_atomically(path, (json.dumps({"version": SIGNED_OUT_VERSION, "tokens": tokens}) + "\n").encode())
        except OSError as exc:
            raise SignInKeyError(f"The sign-out could not be recorded in {path} ({exc.strerror}). Let the user the "
                                 f"server runs as write to {path.parent}.") from None


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
