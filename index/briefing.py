"""The briefing basket: excerpts a manager keeps across questions, and their export to Word and Markdown.

An excerpt is frozen at the moment it is kept (text, citation, reference), so a basket still exports
after its document is deleted or the index is rebuilt. The basket is a plain tuple of excerpts and
every operation returns a new one, which is what the app keeps in its session state.
"""
from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.citation import citation, reference
from models import Hit

if TYPE_CHECKING:
    from index.quotes import Quote

DEFAULT_TITLE = "Briefing: excerpts from inspection reports"
# Characters that Markdown would read as formatting, links or HTML if a report contained them.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


@dataclass(frozen=True)
class Excerpt:
    text: str          # the passage, whitespace collapsed
    citation: str      # reference with page: Ofsted (2025) Derby City: …, p. 4
    reference: str     # the reference-list entry of its document
    doc_id: str
    page: int | None
    start: int         # character offsets into the page, which identify the passage
    end: int

    @classmethod
    def from_hit(cls, hit: Hit) -> "Excerpt":
        text = " ".join(hit.chunk.text.split())
        return cls(text, citation(hit), reference(hit.document), hit.document.doc_id, hit.chunk.page,
                   hit.chunk.start, hit.chunk.end)

    @classmethod
    def from_quote(cls, quote: "Quote") -> "Excerpt":
        """The report's own sentences (index.quotes), kept as they are printed."""
        return cls(" ".join(quote.text.split()), quote.citation, reference(quote.document), quote.document.doc_id,
                   quote.page, quote.start, quote.end)

    @property
    def key(self) -> tuple[str, int | None, int]:
        """Identifies the passage, so the same passage found by two questions is kept once."""
        return self.doc_id, self.page, self.start

    @property
    def quote(self) -> str:
        return f"“{self.text}” — {self.citation}"


Basket = tuple[Excerpt, ...]


def keep(basket: Basket, excerpt: Excerpt) -> Basket:
    """Add at the end, unless the passage is already in the basket."""
    if any(kept.key == excerpt.key for kept in basket):
        return basket
    return (*basket, excerpt)


def remove(basket: Basket, index: int) -> Basket:
    return basket[:index] + basket[index + 1:]


def move(basket: Basket, index: int, offset: int) -> Basket:
    """Move one excerpt up (offset -1) or down (+1); at either end it stays put."""
    target = index + offset
    if not (0 <= index < len(basket) and 0 <= target < len(basket)):
        return basket
    items = list(basket)
    items[index], items[target] = items[target], items[index]
    return tuple(items)


def references(basket: Sequence[Excerpt]) -> list[str]:
    """The reference list: each document once, alphabetically, as reference lists are."""
    return sorted({excerpt.reference for excerpt in basket}, key=str.lower)


def escape_markdown(text: str) -> str:
    """Text from a report shown literally by any Markdown reader: no links, emphasis or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def to_markdown(basket: Sequence[Excerpt], title: str = DEFAULT_TITLE) -> str:
    lines = [f"# {escape_markdown(title)}", ""]
    for excerpt in basket:
        lines += [f"> “{escape_markdown(excerpt.text)}”", ">", f"> — {escape_markdown(excerpt.citation)}", ""]
    lines += ["## References", ""]
    lines += [f"- {escape_markdown(entry)}" for entry in references(basket)]
    return "\n".join(lines) + "\n"


def to_docx(basket: Sequence[Excerpt], title: str = DEFAULT_TITLE) -> bytes:
    """A Word document: each excerpt as a quotation with its citation beneath, then the references."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.add_heading(title, level=1)
    for excerpt in basket:
        document.add_paragraph(f"“{excerpt.text}”", style="Quote")
        cited = document.add_paragraph(f"— {excerpt.citation}")
        cited.paragraph_format.space_after = Pt(12)
    document.add_heading("References", level=2)
    for entry in references(basket):
        document.add_paragraph(entry, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
