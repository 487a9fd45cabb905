"""One reader per file format, each returning cleaned `Page`s.

Readers raise `UnreadableFileError` with a reason a manager understands; they never let a library
exception escape, so one bad file never stops a batch.
"""
from __future__ import annotations

import logging
import zipfile
from pathlib import Path

from errors import UnreadableFileError, UnsupportedFileError
from ingest.cleaning import clean_pdf_pages, clean_plain_text
from models import Page

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md", ".docx")
_TEXT_ENCODINGS = ("utf-8-sig", "cp1252")


def kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFileError(str(path), suffix)
    return suffix.lstrip(".")


def read_file(path: Path | str) -> list[Page]:
    """Read any supported file into cleaned pages; raise UnreadableFileError if it has no usable text."""
    path = Path(path)
    kind = kind_of(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(str(path), f"cannot be opened ({exc.strerror or exc})") from None
    if not data.strip():
        raise UnreadableFileError(str(path), "is empty", "Check the file was saved or downloaded completely.")
    pages = {"pdf": _read_pdf, "docx": _read_docx}.get(kind, _read_text)(path, data)
    if not any(page.text.strip() for page in pages):
        raise UnreadableFileError(
            str(path), "has no text layer (it may be a scan)", "Run it through OCR and add the searchable PDF."
        )
    return pages


def decode_text(data: bytes) -> str:
    """Decode text files as people save them: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in _TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # decodes any bytes


def _read_text(path: Path, data: bytes) -> list[Page]:
    return [Page(number=None, text=clean_plain_text(decode_text(data)))]


def _read_pdf(path: Path, data: bytes) -> list[Page]:
    import io

    import pypdf
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    if not data.lstrip().startswith(b"%PDF"):
        head = data[:512].lower()
        what = "a web page saved as .pdf" if b"<html" in head or b"<!doctype" in head else "not a PDF"
        raise UnreadableFileError(str(path), f"is {what}", "Download the report again from its source.")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns on every minor quirk
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("password required")
        raw = [page.extract_text() or "" for page in reader.pages]
    except FileNotDecryptedError:
        raise UnreadableFileError(
            str(path), "is password-protected", "Save an unprotected copy and add that instead."
        ) from None
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError) as exc:
        raise UnreadableFileError(
            str(path), f"is a damaged PDF ({type(exc).__name__})", "Download or export it again."
        ) from None
    return [Page(number=i + 1, text=text) for i, text in enumerate(clean_pdf_pages(raw))]


def _read_docx(path: Path, data: bytes) -> list[Page]:
    import io

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFileError(
            str(path), f"is not a readable Word file ({type(exc).__name__})", "Open it in Word and save it again as .docx."
        ) from None
    blocks = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.append(" | ".join(cell.text.strip() for cell in row.cells))
    return [Page(number=None, text=clean_plain_text("\n\n".join(b for b in blocks if b.strip())))]
