"""Files from the browser, saved where the ingest pipeline can read them, named only by their content.

The client's file name is never part of a path: a file is stored as `<sha256[:16]><suffix>` in the
uploads folder, the suffix chosen from the supported ones (it is what tells the readers the format).
Saving the same content twice writes one file, and the pipeline then recognises it as already indexed.
No Streamlit here, so this is tested on its own.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from errors import UploadRefusedError
from index.storage.atomic import write_atomically
from ingest.readers import SUPPORTED_SUFFIXES

UPLOADS_ENV = "INSPECTQA_UPLOADS"
DEFAULT_UPLOADS = "data/uploads"
MAX_UPLOAD_ENV = "INSPECTQA_MAX_UPLOAD_MB"
DEFAULT_MAX_UPLOAD_MB = 50


@dataclass(frozen=True)
class SavedUpload:
    name: str      # the client's file name, for messages only
    path: Path     # where it was saved, named by content


def uploads_dir() -> Path:
    return Path(os.environ.get(UPLOADS_ENV) or DEFAULT_UPLOADS)


def max_upload_mb() -> int:
    """The configured size limit, never above Streamlit's own (server.maxUploadSize in .streamlit/config.toml,
    what its upload endpoint accepts from anyone); a value that is not a positive whole number falls back to
    the default."""
    import streamlit as st

    setting = os.environ.get(MAX_UPLOAD_ENV, "")
    wanted = int(setting) if setting.isdigit() and int(setting) > 0 else DEFAULT_MAX_UPLOAD_MB
    return min(wanted, int(st.get_option("server.maxUploadSize")))


def allowed_suffix(name: str) -> str:
    """One of the supported suffixes, picked by comparison so nothing of `name` itself is returned."""
    lowered = name.lower()
    for suffix in SUPPORTED_SUFFIXES:
        if lowered.endswith(suffix):
            return suffix
    raise UploadRefusedError(
        f"{name}: this kind of file is not supported. Add PDF, Word (.docx), plain text (.txt) or Markdown (.md) files."
    )


def save_upload(name: str, data: bytes, folder: Path | None = None, limit_mb: int | None = None) -> SavedUpload:
    """Check size and format, then write the bytes atomically under their content hash."""
    limit_mb = limit_mb or max_upload_mb()
    if len(data) > limit_mb * 1024 * 1024:
        raise UploadRefusedError(
            f"{name}: the file is {len(data) / 1024 / 1024:.0f} MB, over the {limit_mb} MB limit. "
            f"Split it, or ask for the limit ({MAX_UPLOAD_ENV}) to be raised."
        )
    suffix = allowed_suffix(name)
    folder = folder or uploads_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{hashlib.sha256(data).hexdigest()[:16]}{suffix}"
    if not target.exists():
        write_atomically(target, data)
    return SavedUpload(name, target)


def for_the_user(message: str, upload: SavedUpload) -> str:
    """A pipeline message names the saved path; the user knows the file by the name they gave it."""
    return message.replace(str(upload.path.resolve()), upload.name).replace(str(upload.path), upload.name)
