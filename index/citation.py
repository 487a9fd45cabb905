"""Ready-to-paste references and quotes for briefing papers.

    Ofsted (2025) Derby City: inspection of local authority children's services, p. 4
    "…excerpt…" — Ofsted (2025) Derby City: inspection of local authority children's services, p. 4
"""
from __future__ import annotations

import re

from models import Document, Hit

# How a report type reads in a reference, after the council's name.
REPORT_TYPE_TITLES = {
    "ilacs_standard": "inspection of local authority children's services",
    "ilacs_short": "inspection of local authority children's services",
    "focused_visit": "focused visit to local authority children's services",
    "monitoring_visit": "monitoring visit to local authority children's services",
    "jtai": "joint targeted area inspection",
    "sif": "inspection of services for children in need of help and protection, children looked after and care leavers",
    "safeguarding_lac": "inspection of safeguarding and looked after children services",
    "unannounced_contact_referral": "unannounced inspection of contact, referral and assessment arrangements",
}


def reference_title(document: Document) -> str:
    meta = document.metadata
    if meta.council and meta.report_type in REPORT_TYPE_TITLES:
        return f"{meta.council}: {REPORT_TYPE_TITLES[meta.report_type]}"
    return meta.title or document.source.rsplit("/", 1)[-1]


def reference(document: Document) -> str:
    """The reference-list entry for a document: publisher (year) title."""
    meta = document.metadata
    year = f"({meta.year})" if meta.year else "(n.d.)"
    author = meta.publisher or (meta.council if meta.report_type == "committee_paper" else None)
    return " ".join(part for part in (author, year, reference_title(document)) if part)


def citation(hit: Hit) -> str:
    """The reference with the page the passage is on, and "(OCR text)" where that page was a scan read by
    OCR: its wording may differ from the printed page, so a quote should be checked against it."""
    return reference(hit.document) + pages(hit.chunk.page, hit.chunk.end_page) + (" (OCR text)" if hit.chunk.ocr else "")


def pages(first: int | None, last: int | None = None) -> str:
    """', p. 9', or ', pp. 9–10' for a passage that runs across a page break; nothing for a file without pages."""
    if first is None:
        return ""
    return f", pp. {first}–{last}" if last is not None and last != first else f", p. {first}"


def quote(hit: Hit) -> str:
    """The passage as a clean quotation with its citation, for pasting into a Word briefing."""
    text = re.sub(r"\s+", " ", hit.chunk.text).strip()
    return f"“{text}” — {citation(hit)}"
