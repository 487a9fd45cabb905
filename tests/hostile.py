"""Hostile input files, built in code into a folder: what managers' inboxes and attackers will send.

Every case is made from a few lines of Python (a hand-written PDF, pypdf, Pillow, python-docx, zipfile)
so no binary blob is committed and each file's hostility is readable here. `CASES` pairs each file with
what InspectQA must do with it: go in (`fails=None`), or fail with one sentence containing `fails`.
`ocr_dependent` cases go in when Tesseract is installed and fail as "no text layer" when it is not.
"""
from __future__ import annotations

import io
import os
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BODY = ("Inspection of Hostileshire children's services. Supervision of social workers is regular and "
        "reflective. Care leavers have personal advisers who stay in touch.")


# ----- a minimal PDF writer: exact control over objects, streams and the cross-reference table -----
def _pdf(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"", xref_shift: int = 0) -> bytes:
    """Objects numbered from 1 with a correct xref table (offsets moved by xref_shift to break it)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % (offset + xref_shift) for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, trailer_extra, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _text_ops(lines: list[str]) -> bytes:
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    body = b"".join(b"(%s) Tj T*\n" % line.encode("latin-1") for line in escaped)
    return b"BT /F1 11 Tf 14 TL 50 780 Td\n" + body + b"ET"


def text_pdf(pages: list[list[str]]) -> bytes:
    """A well-formed PDF: each page a list of lines in Helvetica."""
    n = len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, lines in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * i))
        objects.append(_stream(_text_ops(lines)))
    return _pdf(objects)


def good_pdf() -> bytes:
    return text_pdf([[BODY[:90], BODY[90:]], ["Page two. The local authority tracks every child's plan."]])


def truncated_pdf() -> bytes:
    data = good_pdf()
    return data[: len(data) // 3]  # cut inside the first page's content stream: no xref, no trailer


def broken_xref_pdf() -> bytes:
    """Every cross-reference offset points 7 bytes off; readers must rebuild the table or give up."""
    return _shift_xref(good_pdf(), 7)


def _shift_xref(data: bytes, shift: int) -> bytes:
    head, _, tail = data.partition(b"xref\n")
    lines = tail.split(b"\n")
    fixed = [b"%010d 00000 n " % (int(line[:10]) + shift) if line.endswith(b" n ") else line for line in lines]
    return head + b"xref\n" + b"\n".join(fixed)


def page_tree_loop_pdf() -> bytes:
    """The page tree's only kid is the tree itself: a naive walk never ends."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                 b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"])


def flate_bomb_pdf(gigabytes: float = 2.0) -> bytes:
    """One page whose FlateDecode content stream is ~2 MB on disk and inflates to gigabytes of zeros.

    A full flush resets the compressor, so every megabyte of zeros compresses to the same ~1 KB segment:
    the bomb is built by repetition in milliseconds instead of compressing gigabytes.
    """
    compressor, megabytes = zlib.compressobj(9, zlib.DEFLATED, -15), int(gigabytes * 1024)
    segment = compressor.compress(bytes(1 << 20)) + compressor.flush(zlib.Z_FULL_FLUSH)
    adler = ((megabytes << 20) % 65521) << 16 | 1  # adler32 of n zero bytes
    data = b"\x78\xda" + segment * megabytes + compressor.flush() + adler.to_bytes(4, "big")
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 _stream(data, b"/Filter /FlateDecode ")])


def long_line_pdf(megabytes: int = 3) -> bytes:
    """One page whose text is a single line of several megabytes, with no sentence ends."""
    words = "supervision reflective advisers placement stability " * (megabytes * 1024 * 1024 // 52)
    return text_pdf([[words]])


def blank_pages_pdf(count: int = 5000) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(width=595, height=842)
    return _written(writer)


def encrypted_pdf(user_password: str) -> bytes:
    """RC4 (pypdf needs no extra crypto package for it); an empty user password opens without asking."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(good_pdf())))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    return _written(writer)


def scanned_pdf() -> bytes:
    """A page that is only a picture of text, as a scanner makes it."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1700, 500), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=48)
    for row, line in enumerate(("Scanned report for Hostileshire.", "Supervision is regular.",
                                "Care leavers have advisers.")):
        draw.text((60, 60 + row * 130), line, fill=0, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=150)
    return buffer.getvalue()


def _written(writer) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# ----- Word files -----
def good_docx(text: str = BODY) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def corrupt_docx() -> bytes:
    data = good_docx()
    return data[: len(data) // 2]  # the zip's central directory is gone


def zip_bomb_docx(gigabytes: float = 2.0) -> bytes:
    """A real .docx whose document.xml unpacks to gigabytes (of spaces) from a few MB on disk.

    As in flate_bomb_pdf, one compressed megabyte is repeated; the zip is written by hand with the true
    sizes and CRC, so the archive is valid and only its size is hostile.
    """
    source = zipfile.ZipFile(io.BytesIO(good_docx()))
    members = {}
    for name in source.namelist():
        data = source.read(name)
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        if name != "word/document.xml":
            members[name] = (zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())
            continue
        head, tail, megabytes = data[:-len(b"</w:document>")], b"</w:document>", int(gigabytes * 1024)
        block = b" " * (1 << 20)
        deflated = (compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
                    + (compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)) * megabytes
                    + compressor.compress(tail) + compressor.flush())
        crc = zlib.crc32(head)
        for _ in range(megabytes):
            crc = zlib.crc32(block, crc)
        members[name] = (zlib.crc32(tail, crc), len(head) + megabytes * len(block) + len(tail), deflated)
    return _zip(members)


def _zip(members: dict[str, tuple[int, int, bytes]]) -> bytes:
    """A zip of already-deflated members: name -> (crc32, uncompressed size, raw deflate data)."""
    out, directory = bytearray(), bytearray()
    for name, (crc, size, data) in members.items():
        encoded = name.encode()
        directory += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(data), size,
                                 len(encoded), 0, 0, 0, 0, 0, len(out)) + encoded
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0)
        out += encoded + data
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(out), 0)
    return bytes(out + directory + end)


# ----- text files -----
def random_bytes(size: int = 64 * 1024, seed: int = 5) -> bytes:
    return random.Random(seed).randbytes(size)


SCRIPT_MARKDOWN = (
    "# Hostileshire scrutiny note\n\n"
    "<script>alert('x')</script> Inspectors praised the fostering service.\n\n"
    "<img src=x onerror=\"alert(document.cookie)\"> Placement stability improved.\n\n"
    "[Read the full report](javascript:alert(1)) for the judgement on care leavers.\n")


@dataclass(frozen=True)
class Case:
    name: str                    # file name inside the batch folder ("sub/../x" places it via a path)
    make: Callable[[], bytes]
    fails: str | None            # substring of the one-sentence failure; None: the file goes in
    ocr_dependent: bool = False


CASES = [
    Case("zero-bytes.pdf", lambda: b"", "is empty"),
    Case("truncated.pdf", truncated_pdf, "damaged PDF"),
    Case("random-bytes.pdf", random_bytes, "not a PDF"),
    Case("random-after-header.pdf", lambda: b"%PDF-1.7\n" + random_bytes(seed=6), "damaged PDF"),
    Case("broken-xref.pdf", broken_xref_pdf, None),  # pypdf rebuilds the table: the text is still there
    Case("encrypted-user-password.pdf", lambda: encrypted_pdf("let-me-in"), "password-protected"),
    Case("encrypted-owner-only.pdf", lambda: encrypted_pdf(""), None),  # opens without a password
    Case("scanned.pdf", scanned_pdf, "no text layer", ocr_dependent=True),
    Case("blank-5000-pages.pdf", blank_pages_pdf, "no text layer"),
    Case("one-3mb-line.pdf", long_line_pdf, None),
    Case("page-tree-loop.pdf", page_tree_loop_pdf, "damaged PDF"),
    Case("flate-bomb.pdf", flate_bomb_pdf, "unpacks to far more data"),
    Case("latin-1.txt", lambda: ("Café report: the bébé unit. " + BODY).encode("latin-1"), None),
    Case("utf-16.txt", lambda: ("UTF-16 note. " + BODY).encode("utf-16"), None),
    Case("utf-16-no-bom.txt", lambda: ("Unmarked UTF-16 note: it’s read. " + BODY).encode("utf-16-le"), None),
    Case("nul-bytes.txt", lambda: ("NUL\x00 bytes\x00 inside. " + BODY).encode(), None),
    Case("corrupt.docx", corrupt_docx, "not a readable Word file"),
    Case("zip-bomb.docx", zip_bomb_docx, "unpacks to"),
    Case("script.md", lambda: SCRIPT_MARKDOWN.encode(), None),
    Case("script.html", lambda: f"<html><body>{SCRIPT_MARKDOWN}</body></html>".encode(), "not supported"),
    Case("sub/../dot-dot.txt", lambda: b"Dot-dot path note. " + BODY.encode(), None),
    Case("new\nline.txt", lambda: b"Newline name note. " + BODY.encode(), None),
    Case("semi; rm -rf ~ $(reboot) `id` | & > < * ? ' \".txt", lambda: b"Shell name note. " + BODY.encode(), None),
    Case("n" * 251 + ".txt", lambda: b"Long name note. " + BODY.encode(), None),
    Case("nine-million-characters.txt", lambda: (BODY + "\n\n").encode() * (9_000_000 // len(BODY)),
         "more than any report"),
    Case("copy-a.txt", lambda: b"Duplicate content note. " + BODY.encode(), None),
    Case("copy-b.txt", lambda: b"Duplicate content note. " + BODY.encode(), None),
]

# A name that is not valid UTF-8 (Latin-1 bytes from an old file share): Python sees a lone surrogate.
UNDECODABLE_NAME = os.fsdecode(b"caf\xe9-report.txt")


def build(folder: Path, cases: list[Case] = CASES) -> dict[str, Path]:
    """Write every case into folder; returns name -> the path as a user would pass it."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for case in cases:
        path = folder / case.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(case.make())
        paths[case.name] = path
    return paths


class DyingEmbedder:
    """The test embedder, except that it kills its process on a passage saying so: a Ray worker lost
    mid-file (tests/test_ray.py). Here, not in the test module, so Ray's workers can import it by name."""

    def __init__(self):
        from tests.conftest import HashingEmbedder

        self._inner = HashingEmbedder()
        self.name, self.dim, self.max_tokens = self._inner.name, self._inner.dim, self._inner.max_tokens

    def count_tokens(self, texts):
        return self._inner.count_tokens(texts)

    def embed(self, texts, on_batch=None):
        if any("KILL THE WORKER" in text for text in texts):
            os._exit(1)
        return self._inner.embed(texts, on_batch)

    def embed_query(self, text):
        return self._inner.embed_query(text)
