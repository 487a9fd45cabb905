"""The one data model of InspectQA: documents, their pages, the chunks cut from them, and search hits.

Everything that crosses a module boundary is one of these dataclasses, so the store, the search,
the CLIs and the app all speak the same language. Offsets are character offsets into `Page.text`,
the cleaned text of one page, which is stored verbatim: `page.text[chunk.start:chunk.end] == chunk.text`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

@dataclass(frozen=True)
class Judgement:
    """One published judgement of an inspection report, with the page it was read from."""

    grade: str  # one of ofsted.grades.GRADES
    page: int


# The fields an editor may set where the product read them wrongly (Store.correct), as a sentence names them.
CORRECTABLE_FIELDS = {"council": "council", "report_type": "report type", "published": "publication date",
                      "inspection_start": "first day of the inspection", "inspection_end": "last day of the inspection"}


@dataclass(frozen=True)
class Correction:
    """One field of a document's metadata that an editor set, with who and when, so that a value no report
    printed is never mistaken for one read from it."""

    editor: str
    at: str                   # ISO 8601, UTC
    read: str | None = None   # what InspectQA had read from the file, for the record


@dataclass
class DocumentMetadata:
    """What a document says about itself. Unknown fields stay None: a grade is never guessed."""

    title: str = ""
    council: str | None = None          # normalised display name, e.g. "Derby City"
    # The council as this report prints it, where the library shows every report of the council by one name (Derby's
    # 2022 report says "Derby", the library "Derby City"): a reference names the work as it names itself.
    printed_council: str | None = None
    publisher: str | None = None        # "Ofsted", a council, a magazine
    author: str | None = None           # a press article's byline as printed ("George Theohari")
    report_type: str = "other"          # one of ofsted.report_types.REPORT_TYPES
    published: str | None = None        # YYYY-MM-DD
    published_source: str | None = None  # where `published` came from: "text", "pdf-metadata", "file-name" or "editor"
    inspection_start: str | None = None  # YYYY-MM-DD
    inspection_end: str | None = None    # YYYY-MM-DD
    judgements: dict[str, Judgement] = field(default_factory=dict)
    acronyms: dict[str, str] = field(default_factory=dict)  # "IRO" -> "independent reviewing officers", as defined
    corrections: dict[str, Correction] = field(default_factory=dict)  # field -> set by an editor (CORRECTABLE_FIELDS)

    @property
    def date(self) -> str | None:
        """When the report speaks from (YYYY-MM-DD): its publication, else the end of its inspection."""
        return self.published or self.inspection_end or self.inspection_start

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    @property
    def years(self) -> set[int]:
        """Every year the report belongs to: inspected or published (a December inspection is often
        published in the new year), so a year in a question or filter finds it either way."""
        return {int(d[:4]) for d in (self.published, self.inspection_start, self.inspection_end) if d}

    @property
    def published_estimated(self) -> bool:
        """The date was neither printed in the report nor stated by its file's name, but estimated from the
        file's own metadata (a PDF's creation date)."""
        return self.published is not None and self.published_source == "pdf-metadata"


@dataclass(frozen=True)
class Page:
    """The cleaned text of one page. `number` is 1-based; None for formats without pages."""

    number: int | None
    text: str
    ocr: bool = False


@dataclass(frozen=True)
class Chunk:
    """A passage: a slice of one page's text, sized to fit the embedding model."""

    doc_id: str
    page: int | None
    start: int
    end: int
    text: str
    ordinal: int = 0          # position of the chunk within its document
    chunk_id: int | None = None
    ocr: bool = False         # its page's text was read by OCR from an image (cited as such)
    end_page: int | None = None  # set when a search widened the passage across a page break (index.search.widening):
                                 # `start` is then on `page`, `end` on `end_page`, and `text` holds both parts


@dataclass
class Document:
    """One ingested file's content. Identical content under several file names is one Document."""

    doc_id: str
    sha256: str
    kind: str                 # pdf, txt, md, docx
    sources: list[str]        # every file path this content was ingested from, first one first
    metadata: DocumentMetadata
    n_pages: int = 0
    n_chunks: int = 0
    added_at: str = ""        # ISO 8601, UTC

    @property
    def source(self) -> str:
        return self.sources[0] if self.sources else ""

    @property
    def title(self) -> str:
        return self.metadata.title

    @property
    def display_title(self) -> str:
        """The title, or the file's name for a document whose title could not be read."""
        return self.metadata.title or self.source.rsplit("/", 1)[-1]


class Match(StrEnum):
    """How well a passage answers the question (index.search.relevance.Evidence.label), shown beside it."""

    STRONG = "strong"
    PARTIAL = "partial"
    WEAK = "weak"


@dataclass(frozen=True)
class Highlight:
    """A span of a hit's text (offsets into `Hit.chunk.text`) that best answers the question."""

    start: int
    end: int


@dataclass
class Hit:
    """One ranked search result."""

    chunk: Chunk
    document: Document
    score: float
    rank: int = 0
    highlights: list[Highlight] = field(default_factory=list)
    match: Match | str = ""   # how well it answers the question ("" before it is judged)
    page_break: int | None = None  # where in chunk.text the next page begins, when the passage runs onto it


@dataclass(frozen=True, kw_only=True)
class Quote:
    """A document's own sentences, verbatim: `text == page.text[start:end]`, or for a quote across a page break
    (`end_page` set), the text of `page` from `start` and of `end_page` up to `end` (index.search.widening
    .passage_text). Built with keywords only: `start` and `end` point into different pages and must not swap."""

    text: str
    citation: str
    document: Document
    page: int | None
    start: int                  # offset into the text of `page`
    end: int                    # offset into the text of `end_page`
    end_page: int | None = None  # the page the quote ends on (the same as `page` unless it runs across a break)
    page_break: int | None = None  # where in `text` the text of `end_page` begins
    ocr: bool = False            # its page was read by OCR

    def to_dict(self) -> dict:
        return {"text": self.text, "citation": self.citation, "doc_id": self.document.doc_id,
                "page": self.page, "end_page": self.end_page, "start": self.start, "end": self.end}
