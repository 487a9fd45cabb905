"""Text for scanned pages: Tesseract OCR of the images on a PDF page, when Tesseract is installed.

Scanned reports are PDFs whose pages are one picture each; pypdf finds no text on them, but it hands
over the embedded images (`page.images`), which is all Tesseract needs. OCR is optional: without the
`tesseract` program such files fail with a "no text layer" message that says how to get them in.
Runs inside the reader's child process, so its time and memory count against that file's limits.
"""
from __future__ import annotations

import functools
import shutil

OCR_LANGUAGE = "eng"
IMAGE_TIMEOUT_S = 60  # one page image; the file's own deadline (ingest.worker) bounds the whole file
MIN_SIDE_PX = 200     # smaller images are logos and rules, not pages of text


@functools.cache
def available() -> bool:
    """pytesseract is importable and the tesseract program is on PATH."""
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return False
    return shutil.which("tesseract") is not None


def no_text_fix() -> str:
    """What to do about a PDF without text: with OCR installed the scan was unreadable; without, install it."""
    if available():
        return "Run it through OCR and add the searchable PDF."
    return ("Ask whoever runs InspectQA to install Tesseract OCR (Debian package tesseract-ocr) and add it "
            "again, or run it through OCR and add the searchable PDF.")


def read_page_images(page) -> str:
    """The recognised text of a pypdf page's images, top to bottom as stored; '' without Tesseract."""
    if not available():
        return ""
    import pytesseract

    texts = []
    for image in page.images:
        picture = image.image
        if picture is None or min(picture.size) < MIN_SIDE_PX:
            continue
        texts.append(pytesseract.image_to_string(picture, lang=OCR_LANGUAGE, timeout=IMAGE_TIMEOUT_S))
    return "\n\n".join(text.strip() for text in texts if text.strip())
