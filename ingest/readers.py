"""One reader per file format, each returning cleaned `Page`s.

Readers raise `UnreadableFileError` with a reason a manager understands; they never let a library
exception escape, so one bad file never stops a batch.
"""
from __future__ import annotations

import logging
import re
import zipfile
from datetime import date
from dataclasses import dataclass
from pathlib import Path

from errors import UnreadableFileError, UnsupportedFileError
from ingest import ocr
from ingest.cleaning import clean_pdf_pages, clean_plain_text
from models import Page

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md", ".docx")
_TEXT_ENCODINGS = ("utf-8-sig", "cp1252")
# A Word file unpacking to more than this is a zip bomb, not a report (the largest real papers are ~50 MB).
MAX_DOCX_UNPACKED_BYTES = 512 * 1024 * 1024


def kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFileError(str(path), suffix)
    return suffix.lstrip(".")


@dataclass(frozen=True)
class ReadDocument:
    """A file's cleaned pages, and what the file says of itself beyond its text."""

    pages: list[Page]
    created: date | None = None  # a PDF's own creation date (ingest.metadata dates a report by it if need be)


def read_file(path: Path | str) -> list[Page]:
    """Read any supported file into cleaned pages; raise UnreadableFileError if it has no usable text."""
    return read_document(path).pages


def read_document(path: Path | str) -> ReadDocument:
    """read_file, with the file's own creation date where the format keeps one (PDF), read in the same pass."""
    path = Path(path)
    kind = kind_of(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(str(path), f"cannot be opened ({exc.strerror or exc})") from None
    if not data.strip():
        raise UnreadableFileError(str(path), "is empty", "Check the file was saved or downloaded completely.")
    read = _read_pdf(path, data) if kind == "pdf" else ReadDocument(
        (_read_docx if kind == "docx" else _read_text)(path, data))
    if not any(page.text.strip() for page in read.pages):
        raise UnreadableFileError(str(path), "has no text layer (it may be a scan)", ocr.no_text_fix())
    return read


def decode_text(data: bytes) -> str:
    """Decode text files as people save them: UTF-8 (with or without BOM), UTF-16 (with or without BOM),
    Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if (unmarked := _utf16_without_bom(data)) is not None:
        return unmarked
    for encoding in _TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # decodes any bytes


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: mostly English, so every other byte is NUL."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    for encoding, nuls in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if nuls.count(0) > 0.9 * len(nuls):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


# What other kinds of file start with, to name them when one arrives renamed .txt or .md.
_SIGNATURES = ((b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
               (b"%PDF", "a PDF"), (b"PK\x03\x04", "a Word or other zipped file"), (b"MZ", "a Windows program"),
               (b"\x7fELF", "a program"), (b"\xd0\xcf\x11\xe0", "an old-style Office file"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Text has next to no control characters (a stray NUL or two is tolerated); binary data read as text is a
# quarter control characters.
MAX_CONTROL_SHARE = 0.05


def _read_text(path: Path, data: bytes) -> list[Page]:
    """A text file must be text: a binary file renamed .txt would otherwise come back as 'passages' of bytes."""
    what = next((name for signature, name in _SIGNATURES if data.startswith(signature)), None)
    text = decode_text(data)
    if what is None and len(_CONTROL.findall(text[:65536])) > MAX_CONTROL_SHARE * min(len(text), 65536):
        what = "binary data"
    if what is not None:
        raise UnreadableFileError(str(path), f"is {what}, not text", "Add the original document instead.")
    return [Page(number=None, text=clean_plain_text(text))]


def _read_pdf(path: Path, data: bytes) -> ReadDocument:
    import io

    import pypdf
    from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError

    if not data.lstrip().startswith(b"%PDF"):
        head = data[:512].lower()
        what = "a web page saved as .pdf" if b"<html" in head or b"<!doctype" in head else "not a PDF"
        raise UnreadableFileError(str(path), f"is {what}", "Download the report again from its source.")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns on every minor quirk
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("password required")
        raw, scanned = [], []
        for page in reader.pages:
            text = page.extract_text() or ""
            if not text.strip() and (recognised := ocr.read_page_images(page)):
                text = recognised
                scanned.append(len(raw))
            raw.append(text)
        if not any(text.strip() for text in raw):
            _unpack_contents(reader)
    except LimitReachedError:
        raise UnreadableFileError(
            str(path), "has a part that unpacks to far more data than any report",
            "It is damaged or built to be hostile; download it again from its source.") from None
    except FileNotDecryptedError:
        raise UnreadableFileError(
            str(path), "is password-protected", "Save an unprotected copy and add that instead."
        ) from None
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError) as exc:
        raise UnreadableFileError(
            str(path), f"is a damaged PDF ({type(exc).__name__})", "Download or export it again."
        ) from None
    pages = [Page(number=i + 1, text=text, ocr=i in scanned) for i, text in enumerate(clean_pdf_pages(raw))]
    return ReadDocument(pages, creation_date(reader))


def creation_date(reader) -> date | None:
    """A pypdf reader's document creation date (else its modification date). Ofsted makes a report's PDF within
    days of publishing it, so this dates a report that does not print its publication date; None when absent."""
    try:
        info = reader.metadata
        made = info and (info.creation_date or info.modification_date)
    except Exception:  # an odd date string or a damaged trailer: the date is unknown, the text still counts
        return None
    return made.date() if made and 1990 < made.year <= date.today().year else None


def _unpack_contents(reader) -> None:
    """Unpack every page's content stream, raising LimitReachedError for a compression bomb.

    pypdf's text extraction stops at its unpacking limit and quietly returns no text, which would read
    as a scan. Only asked of PDFs without any text, so readable reports pay nothing for it."""
    for page in reader.pages:
        page.get_contents()


def _read_docx(path: Path, data: bytes) -> list[Page]:
    import io

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from lxml.etree import XMLSyntaxError

    try:
        unpacked = sum(item.file_size for item in zipfile.ZipFile(io.BytesIO(data)).infolist())
        if unpacked > MAX_DOCX_UNPACKED_BYTES:
            raise UnreadableFileError(
                str(path), f"unpacks to {unpacked / 2**30:.1f} GB, far more than any real document",
                "It is damaged or built to be hostile; open it in Word and save a fresh copy.")
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as exc:
        raise UnreadableFileError(
            str(path), f"is not a readable Word file ({type(exc).__name__})", "Open it in Word and save it again as .docx."
        ) from None
    blocks = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.append(" | ".join(cell.text.strip() for cell in row.cells))
    return [Page(number=None, text=clean_plain_text("\n\n".join(b for b in blocks if b.strip())))]
