"""Write a file so that a crash leaves either the old file or the new one, never half of either.

Every file InspectQA replaces (the index database when created, FAISS vectors, IVF centroids, an upload,
the users file) is written through `replaced_atomically`: a temporary file beside the target, flushed to
disk, then renamed over it in one step, and the folder's entry flushed too.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replaced_atomically(target: Path, suffix: str = "") -> Iterator[str]:
    """A temporary path beside `target` to write to (by any library: sqlite3, faiss, numpy, open). When the
    block ends without error, the file is flushed to disk and renamed over `target`; on an error it is
    removed and `target` is left as it was. `suffix` keeps a name some writers insist on (".npy")."""
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}-", suffix=suffix, dir=target.parent)
    os.close(fd)
    try:
        yield temporary
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, target)
        _flush_folder(target.parent)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def write_atomically(target: Path, data: bytes) -> None:
    """Replace `target` with these bytes in one step."""
    with replaced_atomically(target) as temporary, open(temporary, "wb") as handle:
        handle.write(data)


def _flush_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX keeps it in the folder's entry)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot flush a folder; the rename is still atomic
    finally:
        os.close(fd)
