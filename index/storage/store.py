"""The index on disk: one folder, plain and versioned files, atomic writes.

    index/
      inspectqa.sqlite        documents, file names, pages, chunks (text, offsets, vectors), FTS5 keyword index
      vectors-<generation>.faiss   the dense index, derived from the vectors in SQLite
      ivf-centroids.npy       (large indexes only) the trained coarse quantiser, reused (index.storage.vectors)

SQLite is the single source of truth and every document goes in (or out) in one transaction, so a
crash mid-ingest leaves the previous state. What an editor corrects in a document's metadata (`correct`) is
kept by the content's sha256 in its own table as well as in the document's row, so the same file added again
gets the editor's values back, not the misread ones. The FAISS file is a cache named after the generation
counter it was built from; if it is missing or stale (a crash between commit and file write) it is
rebuilt from SQLite on load. Nothing is pickled.
"""
from __future__ import annotations

import bisect
import contextlib
import fcntl
import json
import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, replace
from datetime import date, datetime, timezone
from pathlib import Path

import numpy as np

from errors import (CorrectionError, DocumentNotFoundError, IndexBusyError, IndexFormatError, IndexNotFoundError,
                    ModelMismatchError, NotADateError, UnknownCouncilError, UnknownReportTypeError)
from index.storage.atomic import replaced_atomically
from index.storage.keywords import TOKENIZER, KeywordScorer
from index.storage.vectors import FILE_PATTERN, VectorIndex
from models import CORRECTABLE_FIELDS, Chunk, Correction, Document, DocumentMetadata, Judgement, Page
from ofsted.councils import ENGLISH_COUNCILS, council_key
from ofsted.report_types import REPORT_TYPES

FORMAT_VERSION = 2   # 2: the corrections table (an index of version 1 is upgraded in place when opened)
DB_NAME = "inspectqa.sqlite"
LOCK_NAME = "writer.lock"
# Passages already stored with the same text (standard paragraphs) are found by this many first characters,
# which an index covers; keep it: the index expression and the query must match for SQLite to use it.
TEXT_START_CHARS = 48

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, added_at TEXT NOT NULL,
    n_pages INTEGER NOT NULL, n_chunks INTEGER NOT NULL,
    title TEXT NOT NULL, council TEXT, report_type TEXT, published TEXT, metadata TEXT NOT NULL
);
CREATE TABLE sources (
    path TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    added_at TEXT NOT NULL
);
CREATE INDEX sources_doc ON sources(doc_id);
CREATE TABLE pages (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    number INTEGER, text TEXT NOT NULL, ocr INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pages_doc ON pages(doc_id, number);
CREATE TABLE chunks (
    chunk_id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, page INTEGER, start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT NOT NULL, vector BLOB NOT NULL
);
CREATE INDEX chunks_doc ON chunks(doc_id);
-- finds passages already indexed with the same text (Store.vectors_for_texts) without reading every row
CREATE INDEX chunks_text_start ON chunks(substr(text, 1, """ + str(TEXT_START_CHARS) + """));
-- 'context' holds the document's title, council and year, so a council named in a question finds its
-- report even where a passage does not repeat the name.
CREATE VIRTUAL TABLE chunks_fts USING fts5(text, context, tokenize = '""" + TOKENIZER + """');
""" + """
-- What editors set in a document's metadata (Store.correct), one row per field, by the content's sha256: it
-- outlives the document's row, so the same content added again (after a delete) gets the editor's values back.
CREATE TABLE IF NOT EXISTS corrections (
    sha256 TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, editor TEXT NOT NULL, corrected_at TEXT NOT NULL,
    PRIMARY KEY (sha256, field)
);
"""
_CORRECTIONS_TABLE = _SCHEMA[_SCHEMA.index("CREATE TABLE IF NOT EXISTS corrections"):]
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _in_runs(chunk_id: int, runs: Sequence[tuple[int, int]]) -> bool:
    """Whether the id falls in one of the sorted runs of chunk ids (first, last)."""
    position = bisect.bisect_right(runs, (chunk_id, float("inf"))) - 1
    return position >= 0 and runs[position][0] <= chunk_id <= runs[position][1]


_POSSESSIVE = r"(?:['’]s?)?"


def _word_forms(word: str, plural: bool) -> str:
    """A name's last word as a pattern that also finds its possessive ("Prevent’s") and, for a name of several
    words, its plural or singular ("Family Hubs" in "the family hub's offer"): a report that prints a name so
    mentions it. A one-word name keeps its form: "prevents" is a verb, not the Prevent duty."""
    if not plural:
        return re.escape(word) + _POSSESSIVE
    stem = word[:-1] if len(word) > 3 and word.lower().endswith("s") and not word.lower().endswith("ss") else word
    return re.escape(stem) + r"(?:e?s)?" + _POSSESSIVE


def metadata_to_json(metadata: DocumentMetadata) -> str:
    return json.dumps(asdict(metadata), ensure_ascii=False, sort_keys=True)


def metadata_from_json(text: str) -> DocumentMetadata:
    data = json.loads(text)
    data["judgements"] = {k: Judgement(**v) for k, v in data.get("judgements", {}).items()}
    data["corrections"] = {k: Correction(**v) for k, v in data.get("corrections", {}).items()}
    known = DocumentMetadata.__dataclass_fields__
    return DocumentMetadata(**{k: v for k, v in data.items() if k in known})


class Store:
    """An open index folder. Reads are safe from many threads; one process writes at a time."""

    def __init__(self, path: Path, connection: sqlite3.Connection):
        self.path = path
        self._db = connection
        self._lock = threading.RLock()
        self._text_index_ready = False  # chunks_text_start made sure of (vectors_for_texts)
        self._keywords = KeywordScorer(connection, self._lock)
        meta = dict(self._db.execute("SELECT key, value FROM meta"))
        self.model_name = meta["model"]
        self.dim = int(meta["dim"])
        self._vectors = VectorIndex(connection, self._lock, path, self.dim)

    # ----- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, model_name: str | None = None, dim: int | None = None,
             create: bool = False) -> "Store":
        """Open an index; with create=True make it (for model_name and dim) if the folder has none.

        A model_name that differs from the one the index was built with is refused: its vectors
        would be meaningless to that model.
        """
        path = Path(path)
        db_path = path / DB_NAME
        if not db_path.exists():
            if not create:
                raise IndexNotFoundError(str(path))
            if model_name is None or dim is None:
                raise ValueError("creating an index needs the model name and dimension")
            path.mkdir(parents=True, exist_ok=True)
            # Under the writer lock: two ingests starting at once into a new folder would otherwise both
            # rename a fresh file into place, and the first would go on writing to one that is gone.
            with open(path / LOCK_NAME, "a+") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not db_path.exists():
                    cls._create(db_path, model_name, dim)
        connection = cls._connect(db_path)
        try:
            meta = dict(connection.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise IndexFormatError(f"The index at {path} is damaged ({exc}). Rebuild it into a new --index folder.") from None
        version = int(meta.get("format_version", 0))
        if version == 1:
            version = cls._upgrade(connection)
        if version != FORMAT_VERSION:
            raise IndexFormatError(
                f"The index at {path} has format version {version}; this InspectQA reads version {FORMAT_VERSION}. "
                "Rebuild it into a new --index folder with python -m ingest."
            )
        store = cls(path, connection)
        if model_name is not None:
            store.require_model(model_name, dim)
        return store

    @staticmethod
    def _connect(db_path: Path) -> sqlite3.Connection:
        connection = sqlite3.connect(db_path, check_same_thread=False, timeout=30, isolation_level=None)
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA busy_timeout = 30000")
        return connection

    @staticmethod
    def _create(db_path: Path, model_name: str, dim: int) -> None:
        """Build the schema in a temporary file and rename it into place, so a half-made index never exists."""
        with replaced_atomically(db_path) as temporary:
            connection = sqlite3.connect(temporary)
            connection.executescript(_SCHEMA)
            connection.executemany("INSERT INTO meta VALUES (?, ?)", [
                ("format_version", str(FORMAT_VERSION)), ("model", model_name), ("dim", str(dim)),
                ("generation", "0"), ("created_at", _now()),
            ])
            connection.commit()
            connection.execute("PRAGMA journal_mode = WAL")
            connection.close()

    @staticmethod
    def _upgrade(connection: sqlite3.Connection) -> int:
        """Version 1 to 2: add the corrections table, in one transaction (nothing else changed)."""
        with _Transaction(connection) as db:
            if db.execute("SELECT value FROM meta WHERE key = 'format_version'").fetchone()[0] == "1":
                db.execute(_CORRECTIONS_TABLE)
                db.execute("UPDATE meta SET value = ? WHERE key = 'format_version'", (str(FORMAT_VERSION),))
        return FORMAT_VERSION

    def require_model(self, model_name: str, dim: int | None = None) -> None:
        """Refuse a model other than the one the vectors were made with."""
        if self.model_name != model_name or (dim is not None and self.dim != dim):
            raise ModelMismatchError(str(self.path), self.model_name, self.dim, model_name)

    def close(self) -> None:
        self._db.close()

    # ----- reading -------------------------------------------------------------------------------
    def generation(self) -> int:
        return int(self._db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])

    def snapshot(self) -> tuple[int, list[Document], list[tuple[int, str, int | None]]]:
        """Generation, documents and chunk locations read in one transaction, so they agree with each
        other even while a writer commits (WAL readers see one consistent state)."""
        with self._lock:
            self._db.execute("BEGIN")
            try:
                return self.generation(), self.documents(), self.chunk_locations()
            finally:
                self._db.execute("COMMIT")

    def documents(self) -> list[Document]:
        with self._lock:
            rows = self._db.execute(
                "SELECT doc_id, sha256, kind, added_at, n_pages, n_chunks, metadata FROM documents ORDER BY added_at, doc_id"
            ).fetchall()
            sources = self._sources_by_doc()
        return [self._document(row, sources.get(row[0], [])) for row in rows]

    def document(self, doc_id: str) -> Document:
        with self._lock:
            row = self._db.execute(
                "SELECT doc_id, sha256, kind, added_at, n_pages, n_chunks, metadata FROM documents WHERE doc_id = ?",
                (doc_id,),
            ).fetchone()
            if row is None:
                raise DocumentNotFoundError(doc_id)
            sources = [r[0] for r in self._db.execute(
                "SELECT path FROM sources WHERE doc_id = ? ORDER BY rowid", (doc_id,))]
        return self._document(row, sources)

    def find_document(self, ref: str) -> Document:
        """A document by id (or unique id prefix), by file path, or by unique file name."""
        with self._lock:
            rows = self._db.execute("SELECT doc_id FROM documents WHERE doc_id LIKE ?", (ref + "%",)).fetchall()
            if not rows:
                rows = self._db.execute(
                    "SELECT DISTINCT doc_id FROM sources WHERE path = ? OR path = ? OR path LIKE ?",
                    (ref, os.path.abspath(ref), "%/" + ref.replace("%", "")),
                ).fetchall()
        if len(rows) != 1:
            raise DocumentNotFoundError(ref)
        return self.document(rows[0][0])

    def doc_id_for_sha(self, sha256: str) -> str | None:
        row = self._db.execute("SELECT doc_id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def doc_id_for_source(self, path: str) -> str | None:
        row = self._db.execute("SELECT doc_id FROM sources WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def pages(self, doc_id: str) -> list[Page]:
        with self._lock:
            rows = self._db.execute(
                "SELECT number, text, ocr FROM pages WHERE doc_id = ? ORDER BY rowid", (doc_id,)).fetchall()
        return [Page(number, text, bool(ocr)) for number, text, ocr in rows]

    def page_text(self, doc_id: str, number: int | None) -> str | None:
        """One page's cleaned text, or None when the document has no such page."""
        with self._lock:
            row = self._db.execute("SELECT text FROM pages WHERE doc_id = ? AND number IS ?", (doc_id, number)).fetchone()
        return row[0] if row else None

    def chunks(self, chunk_ids: Iterable[int]) -> dict[int, Chunk]:
        ids = list(chunk_ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self._lock:
            rows = self._db.execute(
                "SELECT c.chunk_id, c.doc_id, c.page, c.start, c.end, c.text, c.ordinal, coalesce(p.ocr, 0) "
                "FROM chunks c LEFT JOIN pages p ON p.doc_id = c.doc_id AND p.number = c.page "
                f"WHERE c.chunk_id IN ({marks})", ids
            ).fetchall()
        return {r[0]: Chunk(r[1], r[2], r[3], r[4], r[5], ordinal=r[6], chunk_id=r[0], ocr=bool(r[7])) for r in rows}

    def chunk_locations(self) -> list[tuple[int, str, int | None]]:
        """(chunk id, document id, page) of every chunk, for filtering and grouping without the text."""
        with self._lock:
            return self._db.execute("SELECT chunk_id, doc_id, page FROM chunks ORDER BY chunk_id").fetchall()

    def keyword_search(self, terms: Sequence[str], limit: int,
                       chunk_ranges: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, float]]:
        """(chunk_id, BM25 score, higher is better) of the passages holding any of the single-word terms,
        optionally only those within runs of chunk ids (first, last); see index.storage.keywords."""
        return self._keywords.search(terms, limit, chunk_ranges)

    def holds_keyword(self, term: str, chunk_ranges: Sequence[tuple[int, int]] | None = None) -> bool:
        """Whether any passage (within runs of chunk ids, if given) holds the word, as keyword_search
        would find it."""
        return self._keywords.holds(term, chunk_ranges)

    def vectors_for_texts(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors of passages with exactly these texts (boilerplate that many reports share).

        Looked up by the texts' first TEXT_START_CHARS characters, which an index covers (indexes made
        before it had one get it on first use, under the writer lock); without it every row was read: 1.7 s
        per document at 108k passages."""
        wanted = set(texts)
        starts = list(dict.fromkeys(text[:TEXT_START_CHARS] for text in wanted))
        found: dict[str, np.ndarray] = {}
        with self._lock:
            if not self._text_index_ready:
                self._db.execute("CREATE INDEX IF NOT EXISTS chunks_text_start ON chunks(substr(text, 1, "
                                 f"{TEXT_START_CHARS}))")
                self._text_index_ready = True
            for begin in range(0, len(starts), 500):  # under SQLite's bound-parameter limit
                part = starts[begin:begin + 500]
                rows = self._db.execute(
                    f"SELECT text, vector FROM chunks WHERE substr(text, 1, {TEXT_START_CHARS}) "
                    f"IN ({','.join('?' * len(part))})", part)
                found.update((text, np.frombuffer(vector, dtype=np.float32)) for text, vector in rows if text in wanted)
        return found

    def passages_containing(self, *terms: str) -> int:
        """How many passages contain every one of these words anywhere (stemmed as the keyword index stems them)."""
        match = " AND ".join(f'text:"{term}"' for term in terms)
        with self._lock:
            return self._db.execute("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?", (match,)).fetchone()[0]

    def mentions(self, phrase: str, chunk_ranges: Sequence[tuple[int, int]] | None = None,
                 as_written: bool = False) -> bool:
        """Whether any passage (within runs of chunk ids, if given) prints these words as they are
        written, in any case (with as_written, in their case too: "Signs of Safety" as a name): FTS5 finds the
        passages holding their stems in order, and the passage text must then hold the exact words ('Prevent' is
        not 'prevention')."""
        words = re.findall(r"[^\W_]+", phrase)
        if not words or (chunk_ranges is not None and not chunk_ranges):
            return False
        forms = [re.escape(word) + _POSSESSIVE for word in words[:-1]] + [_word_forms(words[-1], len(words) > 1)]
        exact = re.compile(r"\b" + r"\W+".join(forms) + r"\b", 0 if as_written else re.IGNORECASE)
        runs = sorted(chunk_ranges) if chunk_ranges is not None else None  # checked here: a long OR in SQL
        with self._lock:                                                  # is past SQLite's depth limit
            rows = self._db.execute(
                "SELECT c.chunk_id, c.text FROM chunks_fts f JOIN chunks c ON c.chunk_id = f.rowid "
                "WHERE chunks_fts MATCH ?", (f'text:"{" ".join(words)}"',))
            return any(exact.search(text) for chunk_id, text in rows if runs is None or _in_runs(chunk_id, runs))

    def vector_index(self):
        """The FAISS index for the current generation (index.storage.vectors.VectorIndex)."""
        return self._vectors.current()

    def vector_index_kind(self) -> str:
        return self._vectors.kind()

    def dense_search(self, vector: np.ndarray, k: int,
                     chunk_ranges: Sequence[tuple[int, int]] | None = None) -> dict[int, float]:
        """Cosine of the question to its k closest chunks, within runs of chunk ids if given."""
        return self._vectors.search(vector, k, chunk_ranges)

    def vectors(self, chunk_ids: Iterable[int]) -> dict[int, np.ndarray]:
        """The stored vectors of these passages: a digest scores a few passages of every report by meaning,
        most of them past the dense search's depth, without embedding anything again."""
        ids = list(dict.fromkeys(chunk_ids))
        found: dict[int, np.ndarray] = {}
        with self._lock:
            for begin in range(0, len(ids), 500):  # under SQLite's bound-parameter limit
                part = ids[begin:begin + 500]
                rows = self._db.execute(f"SELECT chunk_id, vector FROM chunks WHERE chunk_id IN ({','.join('?' * len(part))})",
                                        part)
                found.update((chunk_id, np.frombuffer(vector, dtype=np.float32)) for chunk_id, vector in rows)
        return found

    def stats(self) -> dict:
        with self._lock:
            one = lambda sql: self._db.execute(sql).fetchone()[0]  # noqa: E731
            return {
                "path": str(self.path), "format_version": FORMAT_VERSION, "model": self.model_name, "dim": self.dim,
                "documents": one("SELECT COUNT(*) FROM documents"), "file_names": one("SELECT COUNT(*) FROM sources"),
                "pages": one("SELECT COUNT(*) FROM pages"), "chunks": one("SELECT COUNT(*) FROM chunks"),
                "generation": self.generation(),
                "bytes_on_disk": sum(f.stat().st_size for f in self.path.iterdir() if f.is_file()),
            }

    def check(self) -> list[str]:
        """Integrity problems, as sentences; an empty list means the index is sound."""
        problems = [f"SQLite: {row[0]}" for row in self._db.execute("PRAGMA integrity_check") if row[0] != "ok"]
        one = lambda sql: self._db.execute(sql).fetchone()[0]  # noqa: E731
        if one("SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.doc_id = d.doc_id)"):
            problems.append("Some documents have no file name.")
        if one("SELECT COUNT(*) FROM documents d WHERE n_chunks != (SELECT COUNT(*) FROM chunks c WHERE c.doc_id = d.doc_id)"):
            problems.append("Some documents are missing chunks (a half-written document).")
        if one("SELECT COUNT(*) FROM chunks") != one("SELECT COUNT(*) FROM chunks_fts"):
            problems.append("The keyword index does not match the chunks.")
        if one(f"SELECT COUNT(*) FROM chunks WHERE length(vector) != {4 * self.dim}"):
            problems.append("Some vectors have the wrong dimension.")
        bad_offsets = one(
            "SELECT COUNT(*) FROM chunks c JOIN pages p ON p.doc_id = c.doc_id AND p.number IS c.page "
            "WHERE substr(p.text, c.start + 1, c.end - c.start) != c.text")
        if bad_offsets:
            problems.append(f"{bad_offsets} chunks do not match their page text at their offsets.")
        if self.vector_index().ntotal != one("SELECT COUNT(*) FROM chunks"):
            problems.append("The vector index does not match the chunks.")
        return problems

    # ----- writing -------------------------------------------------------------------------------
    def add_document(self, document: Document, pages: Sequence[Page], chunks: Sequence[Chunk],
                     vectors: np.ndarray) -> None:
        """Insert a document with everything derived from it, in one transaction."""
        if vectors.shape != (len(chunks), self.dim):
            raise ValueError(f"expected {len(chunks)} vectors of {self.dim}, got {vectors.shape}")
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        with self._lock, self._transaction() as db:
            for path in document.sources:
                self._detach_source(db, path)
            meta = self._corrected(db, document.sha256, document.metadata)   # what an editor set before stands
            context = _context(meta)
            db.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (document.doc_id, document.sha256, document.kind, document.added_at or _now(), len(pages), len(chunks),
                 meta.title, meta.council, meta.report_type, meta.published, metadata_to_json(meta)),
            )
            db.executemany("INSERT INTO sources VALUES (?, ?, ?)", [(p, document.doc_id, _now()) for p in document.sources])
            db.executemany("INSERT INTO pages VALUES (?, ?, ?, ?)",
                           [(document.doc_id, p.number, p.text, int(p.ocr)) for p in pages])
            for chunk, vector in zip(chunks, vectors):
                cursor = db.execute(
                    "INSERT INTO chunks (doc_id, ordinal, page, start, end, text, vector) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (document.doc_id, chunk.ordinal, chunk.page, chunk.start, chunk.end, chunk.text, vector.tobytes()),
                )
                db.execute("INSERT INTO chunks_fts (rowid, text, context) VALUES (?, ?, ?)",
                           (cursor.lastrowid, chunk.text, context))
            self._bump_generation(db)

    def correct(self, doc_id: str, changes: Mapping[str, str], editor: str) -> Document:
        """Set fields of a document's metadata (CORRECTABLE_FIELDS) that were read wrongly or not at all, as the
        named editor, in one transaction; the caller holds the writer lock. Each value is checked first (a real
        date, an English council or one the library holds, a known report type), and nothing is changed unless
        all are. The next search sees the change: the generation moves on, as for a delete."""
        editor = " ".join(editor.split())
        if not editor:
            raise CorrectionError("A correction must name the editor who makes it; nothing was changed.")
        with self._lock, self._transaction() as db:
            row = db.execute("SELECT sha256, metadata FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
            if row is None:
                raise DocumentNotFoundError(doc_id)
            sha256, meta = row[0], metadata_from_json(row[1])
            others = [c for (c,) in db.execute("SELECT DISTINCT council FROM documents WHERE doc_id != ? AND "
                                               "council IS NOT NULL", (doc_id,))]
            checked = checked_changes(meta, changes, others)
            db.executemany(
                "INSERT INTO corrections VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256, field) DO UPDATE SET "
                "value = excluded.value, editor = excluded.editor, corrected_at = excluded.corrected_at",
                [(sha256, name, value, editor, _now()) for name, value in checked.items()])
            meta = self._corrected(db, sha256, meta)
            db.execute("UPDATE documents SET council = ?, report_type = ?, published = ?, metadata = ? WHERE doc_id = ?",
                       (meta.council, meta.report_type, meta.published, metadata_to_json(meta), doc_id))
            db.execute("UPDATE chunks_fts SET context = ? WHERE rowid IN (SELECT chunk_id FROM chunks WHERE doc_id = ?)",
                       (_context(meta), doc_id))
            before = self.generation()
            self._bump_generation(db)
        self._carry_vectors(before)
        return self.document(doc_id)

    def add_source(self, doc_id: str, path: str) -> None:
        """Record another file name for content already in the index (a duplicate, stored once)."""
        with self._lock, self._transaction() as db:
            self._detach_source(db, path)
            db.execute("INSERT INTO sources VALUES (?, ?, ?)", (path, doc_id, _now()))
            self._bump_generation(db)

    def delete_document(self, doc_id: str) -> None:
        with self._lock, self._transaction() as db:
            if not db.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone():
                raise DocumentNotFoundError(doc_id)
            self._delete(db, doc_id)
            self._bump_generation(db)

    @contextlib.contextmanager
    def writer(self, wait_s: float = 600.0):
        """Hold the index's writer lock: one ingest or delete at a time, across processes; readers never wait."""
        with open(self.path / LOCK_NAME, "a+") as handle:
            deadline = time.monotonic() + wait_s
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise IndexBusyError(str(self.path)) from None
                    time.sleep(0.2)
            try:
                yield self
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def flush_vectors(self) -> None:
        """Write the FAISS file for the current generation and drop older ones."""
        self._vectors.flush()

    def _transaction(self):
        return _Transaction(self._db)

    @staticmethod
    def _corrected(db: sqlite3.Connection, sha256: str, meta: DocumentMetadata) -> DocumentMetadata:
        """The metadata with every field an editor set for this content, each recorded with who and when and
        with what had been read (kept from an earlier correction of the same field)."""
        rows = db.execute("SELECT field, value, editor, corrected_at FROM corrections WHERE sha256 = ? ORDER BY field",
                          (sha256,)).fetchall()
        if not rows:
            return meta
        values, corrections = {}, dict(meta.corrections)
        for name, value, editor, at in rows:
            earlier = meta.corrections.get(name)
            corrections[name] = Correction(editor, at, earlier.read if earlier else getattr(meta, name))
            values[name] = value
        if "published" in values:
            values["published_source"] = "editor"
        return replace(meta, **values, corrections=corrections)

    def _carry_vectors(self, before: int) -> None:
        """A correction changes no passage, so the FAISS file of the generation before it serves the one after:
        linked under the new name rather than rebuilt (at 10^7 passages a rebuild would take minutes)."""
        old, new = (self.path / FILE_PATTERN.format(generation=g) for g in (before, before + 1))
        try:
            os.link(old, new)
        except FileExistsError:
            pass
        except OSError:
            return   # no file to carry (or a file system without links): the next load rebuilds it
        self.flush_vectors()

    def _detach_source(self, db: sqlite3.Connection, path: str) -> None:
        """A file name now holding other content leaves its old document, which goes if no name is left."""
        row = db.execute("SELECT doc_id FROM sources WHERE path = ?", (path,)).fetchone()
        if row is None:
            return
        db.execute("DELETE FROM sources WHERE path = ?", (path,))
        if not db.execute("SELECT 1 FROM sources WHERE doc_id = ?", (row[0],)).fetchone():
            self._delete(db, row[0])

    @staticmethod
    def _delete(db: sqlite3.Connection, doc_id: str) -> None:
        db.execute("DELETE FROM chunks_fts WHERE rowid IN (SELECT chunk_id FROM chunks WHERE doc_id = ?)", (doc_id,))
        db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))  # pages, chunks, sources cascade

    @staticmethod
    def _bump_generation(db: sqlite3.Connection) -> None:
        db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")

    def _sources_by_doc(self) -> dict[str, list[str]]:
        sources: dict[str, list[str]] = {}
        for path, doc_id in self._db.execute("SELECT path, doc_id FROM sources ORDER BY rowid"):
            sources.setdefault(doc_id, []).append(path)
        return sources

    @staticmethod
    def _document(row: tuple, sources: list[str]) -> Document:
        doc_id, sha256, kind, added_at, n_pages, n_chunks, metadata = row
        return Document(doc_id, sha256, kind, sources, metadata_from_json(metadata), n_pages, n_chunks, added_at)


def _context(meta: DocumentMetadata) -> str:
    """The keyword index's 'context' column of a document's passages: its title, council and year."""
    return " ".join(str(x) for x in (meta.title, meta.council or "", meta.year or "") if x)


def checked_changes(meta: DocumentMetadata, changes: Mapping[str, str], other_councils: Sequence[str]) -> dict[str, str]:
    """Each change as it will be stored, or a CorrectionError naming the first that cannot be: a date must be a
    real YYYY-MM-DD no later than today, an inspection cannot end before it starts, the council must be an English
    council or another report's (stored as the library, else Ofsted, spells it), the type one of REPORT_TYPES."""
    checked = {}
    for name, value in changes.items():
        if name not in CORRECTABLE_FIELDS:
            raise CorrectionError(f"The {name} of a report cannot be corrected here, only its "
                                  f"{', '.join(CORRECTABLE_FIELDS.values())}; nothing was changed.")
        value = " ".join(str(value).split())
        if name == "council":
            spelling = {council_key(c): c for c in (*ENGLISH_COUNCILS, *other_councils)}   # the library's own last
            if not value or council_key(value) not in spelling:
                raise UnknownCouncilError(value)
            value = spelling[council_key(value)]
        elif name == "report_type":
            if value not in REPORT_TYPES:
                raise UnknownReportTypeError(value, REPORT_TYPES)
        else:
            try:
                day = date.fromisoformat(value) if _ISO_DATE.fullmatch(value) else None
            except ValueError:
                day = None
            if day is None:
                raise NotADateError(CORRECTABLE_FIELDS[name], value)
            if day > datetime.now(timezone.utc).date():
                raise NotADateError(CORRECTABLE_FIELDS[name], value, "is in the future")
        checked[name] = value
    start = checked.get("inspection_start", meta.inspection_start)
    end = checked.get("inspection_end", meta.inspection_end)
    if start and end and end < start:
        raise CorrectionError(f"An inspection cannot end ({end}) before it starts ({start}): correct the "
                              f"{CORRECTABLE_FIELDS['inspection_start']} or the {CORRECTABLE_FIELDS['inspection_end']}; "
                              "nothing was changed.")
    return checked


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error, so a document is in whole or not at all."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db

    def __enter__(self) -> sqlite3.Connection:
        self._db.execute("BEGIN IMMEDIATE")
        return self._db

    def __exit__(self, exc_type, exc, tb) -> None:
        self._db.execute("COMMIT" if exc_type is None else "ROLLBACK")
