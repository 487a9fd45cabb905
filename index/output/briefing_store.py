"""Briefings and conversations kept on the server, per user, so a reload or a restart loses no work.

One SQLite file (`briefings.sqlite`, beside the index folder unless `$INSPECTQA_BRIEFINGS` names another),
separate from the index so rebuilding or replacing the index never touches a manager's briefings. Each
excerpt is stored as plain JSON (index.output.briefing.Excerpt.to_dict); the file's `user_version` is its format
version, and a file from a later InspectQA is refused rather than misread. Every change is one
transaction, so a crash leaves either the old briefing or the new one. A removed excerpt is kept aside
until the next removal or until Undo puts it back; a conversation is kept as its questions and filters
and asked again when it is restored, so it always answers from the library as it is now.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from errors import BriefingStoreError
from index.output import briefing
from index.output.briefing import Basket, Excerpt

BRIEFINGS_ENV = "INSPECTQA_BRIEFINGS"
# 2: an excerpt's source says its kind of report and year, and an excerpt kept with a digest or timeline its grade
# (older InspectQA cannot read those fields, so it refuses the file; files of format 1 read as they were).
FORMAT_VERSION = 2
FIRST_BRIEFING = "My briefing"
MAX_TURNS = 20  # a conversation restored after a reload: its last questions, asked again

_SCHEMA = """
CREATE TABLE IF NOT EXISTS briefings (
    id INTEGER PRIMARY KEY, user TEXT NOT NULL, name TEXT NOT NULL, excerpts TEXT NOT NULL DEFAULT '[]',
    removed TEXT, created TEXT NOT NULL, updated TEXT NOT NULL, UNIQUE (user, name));
CREATE TABLE IF NOT EXISTS users (user TEXT PRIMARY KEY, current_briefing INTEGER, turns TEXT NOT NULL DEFAULT '[]');
"""


@dataclass(frozen=True)
class Briefing:
    id: int
    name: str
    excerpts: Basket
    can_undo: bool      # a removed excerpt is waiting to be put back
    updated: str


@dataclass(frozen=True)
class SavedTurn:
    """A question of the conversation with the filters it was asked with (index.search.searcher.Filters as a dict)."""

    question: str
    filters: dict


def briefings_path(index_folder: str | Path) -> Path:
    """`$INSPECTQA_BRIEFINGS`, else `briefings.sqlite` beside the index folder."""
    explicit = os.environ.get(BRIEFINGS_ENV)
    return Path(explicit) if explicit else Path(index_folder).resolve().parent / "briefings.sqlite"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


_SELECT = "SELECT id, name, excerpts, removed, updated FROM briefings"


class BriefingStore:
    """Each call opens its own short connection, so the app's many sessions (threads) never share one."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Each user's questions and briefings: readable by the server's own user only, as the users file and
        # index are (SQLite gives its -wal and -shm files the database file's permissions).
        os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        with suppress(OSError):   # a file made by an older version, or by hand
            os.chmod(self.path, 0o600)
        try:
            db = sqlite3.connect(self.path, timeout=10)
            try:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version > FORMAT_VERSION:
                    raise BriefingStoreError(f"{self.path} was written by a later InspectQA (format {version}); "
                                             "update InspectQA, or move the file aside to start new briefings.")
                db.execute("PRAGMA journal_mode = WAL")
                db.executescript(_SCHEMA + f"PRAGMA user_version = {FORMAT_VERSION};")
            finally:
                db.close()
        except sqlite3.DatabaseError as exc:
            raise BriefingStoreError(f"{self.path} is not a briefings file InspectQA can read ({exc}); "
                                     "move it aside to start new briefings.") from exc

    @contextmanager
    def _connect(self, write: bool = True) -> Iterator[sqlite3.Connection]:
        """One transaction: a writer takes the write lock at once, so two tabs' changes never interleave."""
        try:
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        except sqlite3.Error as exc:
            raise BriefingStoreError(f"{self.path} cannot be opened ({exc}); check the folder can be written.") from exc
        try:
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            db.close()

    # Briefings

    def briefings(self, user: str) -> list[Briefing]:
        """The user's briefings, most recently changed first; a first, empty one is made for a new user."""
        with self._connect(write=False) as db:
            rows = db.execute(f"{_SELECT} WHERE user = ? ORDER BY updated DESC, id DESC", (user,)).fetchall()
        return [_briefing(row) for row in rows] or [self._first(user)]

    def current(self, user: str) -> Briefing:
        """The briefing Keep adds to: the one the user last chose, else the most recently changed. One read,
        of that briefing alone: the app asks on every run."""
        with self._connect(write=False) as db:
            row = db.execute(f"{_SELECT} WHERE user = ? ORDER BY id = (SELECT current_briefing FROM users "
                             "WHERE user = ?) DESC, updated DESC, id DESC LIMIT 1", (user, user)).fetchone()
        return _briefing(row) if row else self._first(user)

    def _first(self, user: str) -> Briefing:
        """A new user's first, empty briefing (made once, even when two tabs ask at the same moment)."""
        with self._connect() as db:
            if db.execute("SELECT 1 FROM briefings WHERE user = ?", (user,)).fetchone() is None:
                now = _now()
                db.execute("INSERT INTO briefings (user, name, created, updated) VALUES (?, ?, ?, ?)",
                           (user, FIRST_BRIEFING, now, now))
            row = db.execute(f"{_SELECT} WHERE user = ? ORDER BY updated DESC, id DESC LIMIT 1", (user,)).fetchone()
        return _briefing(row)

    def choose(self, user: str, briefing_id: int) -> None:
        with self._connect() as db:
            self._owned(db, user, briefing_id)
            db.execute("INSERT INTO users (user, current_briefing) VALUES (?, ?) "
                       "ON CONFLICT (user) DO UPDATE SET current_briefing = excluded.current_briefing",
                       (user, briefing_id))

    def create(self, user: str, name: str) -> int:
        """A new, empty briefing, which becomes the current one."""
        name = _clean_name(name)
        now = _now()
        with self._connect() as db:
            try:
                cursor = db.execute("INSERT INTO briefings (user, name, created, updated) VALUES (?, ?, ?, ?)",
                                    (user, name, now, now))
            except sqlite3.IntegrityError:
                raise BriefingStoreError(f"You already have a briefing called “{name}”; choose another name.") from None
            new_id = int(cursor.lastrowid)
        self.choose(user, new_id)
        return new_id

    def rename(self, user: str, briefing_id: int, name: str) -> None:
        name = _clean_name(name)
        with self._connect() as db:
            self._owned(db, user, briefing_id)
            try:
                db.execute("UPDATE briefings SET name = ? WHERE id = ?", (name, briefing_id))
            except sqlite3.IntegrityError:
                raise BriefingStoreError(f"You already have a briefing called “{name}”; choose another name.") from None

    def delete(self, user: str, briefing_id: int) -> None:
        with self._connect() as db:
            self._owned(db, user, briefing_id)
            db.execute("DELETE FROM briefings WHERE id = ?", (briefing_id,))

    # Excerpts: each change reads the briefing, applies one of index.output.briefing's operations and writes it back.

    def keep(self, user: str, briefing_id: int, excerpt: Excerpt) -> None:
        self._change(user, briefing_id, lambda basket: briefing.keep(basket, excerpt))

    def move(self, user: str, briefing_id: int, index: int, offset: int) -> None:
        self._change(user, briefing_id, lambda basket: briefing.move(basket, index, offset))

    def replace(self, user: str, briefing_id: int, index: int, excerpt: Excerpt) -> None:
        """The excerpt at `index` with other sentences chosen."""
        self._change(user, briefing_id, lambda basket: briefing.update(basket, index, excerpt)
                     if 0 <= index < len(basket) and basket[index].key == excerpt.key else basket)

    def remove(self, user: str, briefing_id: int, index: int, count: int = 1) -> None:
        """Remove `count` excerpts from `index` (one, or a kept digest's whole table), keeping them aside so Undo can
        put them back where they were."""
        with self._connect() as db:
            basket, _ = self._read(db, user, briefing_id)
            if not 0 <= index < len(basket) or count < 1:
                return
            gone = basket[index:index + count]
            aside = json.dumps({"index": index, "excerpts": [excerpt.to_dict() for excerpt in gone]})
            self._write(db, briefing_id, briefing.remove(basket, index, count), removed=aside)

    def undo_remove(self, user: str, briefing_id: int) -> None:
        with self._connect() as db:
            basket, removed = self._read(db, user, briefing_id)
            if removed is None:
                return
            aside = json.loads(removed)
            # (set aside before a table could be removed whole: one excerpt)
            gone = aside["excerpts"] if "excerpts" in aside else [aside["excerpt"]]
            restored = basket
            for offset, excerpt in enumerate(gone):
                restored = briefing.insert(restored, aside["index"] + offset, Excerpt.from_dict(excerpt))
            self._write(db, briefing_id, restored, removed=None)

    def _change(self, user: str, briefing_id: int, operation: Callable[[Basket], Basket]) -> None:
        with self._connect() as db:
            basket, removed = self._read(db, user, briefing_id)
            self._write(db, briefing_id, operation(basket), removed)

    def _read(self, db: sqlite3.Connection, user: str, briefing_id: int) -> tuple[Basket, str | None]:
        self._owned(db, user, briefing_id)
        excerpts, removed = db.execute("SELECT excerpts, removed FROM briefings WHERE id = ?", (briefing_id,)).fetchone()
        return tuple(Excerpt.from_dict(item) for item in json.loads(excerpts)), removed

    @staticmethod
    def _write(db: sqlite3.Connection, briefing_id: int, basket: Basket, removed: str | None) -> None:
        db.execute("UPDATE briefings SET excerpts = ?, removed = ?, updated = ? WHERE id = ?",
                   (json.dumps([excerpt.to_dict() for excerpt in basket]), removed, _now(), briefing_id))

    @staticmethod
    def _owned(db: sqlite3.Connection, user: str, briefing_id: int) -> None:
        """A user reaches only their own briefings; a deleted or someone else's one reads as gone."""
        if db.execute("SELECT 1 FROM briefings WHERE id = ? AND user = ?", (briefing_id, user)).fetchone() is None:
            raise BriefingStoreError("That briefing is no longer there (it may have been deleted in another tab); "
                                     "choose another one.")

    # The conversation

    def turns(self, user: str) -> list[SavedTurn]:
        with self._connect(write=False) as db:
            row = db.execute("SELECT turns FROM users WHERE user = ?", (user,)).fetchone()
        return [SavedTurn(**item) for item in json.loads(row[0])] if row else []

    def save_turns(self, user: str, turns: list[tuple[str, dict]]) -> None:
        """The conversation as (question, filters) pairs, its last MAX_TURNS kept."""
        saved = json.dumps([asdict(SavedTurn(question, filters)) for question, filters in turns][-MAX_TURNS:])
        with self._connect() as db:
            db.execute("INSERT INTO users (user, turns) VALUES (?, ?) "
                       "ON CONFLICT (user) DO UPDATE SET turns = excluded.turns", (user, saved))


def _briefing(row: tuple) -> Briefing:
    briefing_id, name, excerpts, removed, updated = row
    return Briefing(briefing_id, name, tuple(Excerpt.from_dict(item) for item in json.loads(excerpts)),
                    removed is not None, updated)


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise BriefingStoreError("A briefing needs a name, such as “Scrutiny committee, March”.")
    return name[:120]
