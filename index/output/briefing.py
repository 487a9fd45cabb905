"""The briefing: excerpts a manager keeps across questions, each in the report's own whole sentences.

An excerpt is frozen at the moment it is kept (its sentences, their pages, what the reference list says
of the report), so a briefing still exports after its report is deleted or the index is rebuilt, and it
can be saved as plain JSON (index.output.briefing_store). By default the excerpt is the sentences the search
marked as answering the question; the manager can widen it to the whole passage or pick sentences.
A basket is a plain tuple of excerpts and every operation returns a new one.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace

from index.output.citation import cited, quoted, reference
from text.sentences import (NUMBER_MARK, ends_sentence, paragraph_sentence_spans, sentence_spans, starts_item,
                            starts_sentence)
from models import Document, Hit, Quote
from ofsted import report_types

# Characters that Markdown would read as formatting, links or HTML if a report contained them.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
GAP = " … "  # between kept sentences that are not next to each other in the report
LIST_BULLET = "•"   # a kept list's items as a paper sets them out (Copy, Markdown; Word uses its List Bullet style)
# A numbered list's item: its number, as the report prints it ("1. Ensure that …"); sentence_spans reads "1." as a
# sentence of its own, so Excerpt.from_quote joins it to the words it numbers (_numbers_joined).
_NUMBERED_ITEM = re.compile(rf"\s*({NUMBER_MARK})\s+(?=\S)")


@dataclass(frozen=True)
class Source:
    """What a briefing's reference list says of one report, copied from its metadata when kept."""

    doc_id: str
    reference: str                  # Ofsted (2025) Derby City: inspection of local authority children's services
    title: str = ""                 # the report's own title
    council: str | None = None
    inspection_start: str | None = None  # YYYY-MM-DD
    inspection_end: str | None = None
    published: str | None = None
    published_estimated: bool = False   # not printed in the report: from the file's metadata ("c. 8 July 2025")
    kind: str = ""                      # what kind of report it is, in words ("ILACS short inspection")
    year: int | None = None             # its year, as a timeline kept whole names its rows

    @classmethod
    def of(cls, document: Document) -> "Source":
        meta = document.metadata
        return cls(document.doc_id, reference(document), meta.title, meta.council, meta.inspection_start,
                   meta.inspection_end, meta.published, meta.published_estimated, report_types.label(meta.report_type),
                   meta.year)


@dataclass(frozen=True)
class Sentence:
    text: str                 # whitespace collapsed
    page: int | None          # the page it starts on (None for a file without pages)
    end_page: int | None = None  # set when it runs onto the next page


@dataclass(frozen=True)
class Excerpt:
    """Kept sentences of one passage. `page` and `start` place the passage, so a passage kept twice is kept once;
    `chosen` are the indices of the sentences that make the excerpt, `marked` those the search marked."""

    source: Source
    sentences: tuple[Sentence, ...]
    chosen: tuple[int, ...]
    marked: tuple[int, ...]
    page: int | None
    start: int
    ocr: bool = False          # read by OCR from a scan: the citation says so
    verbatim: bool = True      # the report's own words, shown in quotation marks
    table: str | None = None   # kept with a whole digest or timeline: its title; excerpts kept together under one
                               # title are exported as one table (council, what it says, citation)
    section: str | None = None  # the name of the report's section its sentences leave whom they are about to
                                # ("Children in care"), cited after its page (index.search.digest.Finding.section)
    graded: str | None = None   # kept with a digest or timeline: the report's grade for its judgement area, as shown
                                # beside it ("Impact of leaders: Requires improvement"), a column of its table
    since: str | None = None    # kept with a list of councils judged a grade: what a newer report judged the council
                                # since ("Outstanding (2024)"), its table's "Since" column

    @classmethod
    def from_hit(cls, hit: Hit) -> "Excerpt":
        """The passage's whole sentences (a sentence cut off at its edge is left out), the marked ones chosen."""
        text = hit.chunk.text
        spans = paragraph_sentence_spans(text)
        if len(spans) > 1 and not ends_sentence(text, *spans[-1]):
            spans = spans[:-1]
        if len(spans) > 1 and not starts_sentence(text, spans[0][0]):
            spans = spans[1:]
        sentences = tuple(_sentence(text, s, e, hit.chunk.page, hit.chunk.end_page, hit.page_break) for s, e in spans)
        marked = tuple(i for i, (s, e) in enumerate(spans) if any(h.start < e and s < h.end for h in hit.highlights))
        return cls(Source.of(hit.document), sentences, marked or tuple(range(len(spans))), marked,
                   hit.chunk.page, hit.chunk.start, hit.chunk.ocr)

    @classmethod
    def from_quote(cls, quote: Quote, table: str | None = None, council: str | None = None,
                   section: str | None = None, graded: str | None = None) -> "Excerpt":
        """The report's own sentences (index.search.quotes), all of them chosen; `table` when kept as part of a
        digest or timeline (with the grade shown beside it, `graded`), `council` the one name the answer gives the
        council (index.search.digest.council_names), `section` the section cited beside its page."""
        spans = _numbers_joined(quote.text, sentence_spans(quote.text))
        sentences = tuple(_sentence(quote.text, s, e, quote.page, quote.end_page, quote.page_break) for s, e in spans)
        every = tuple(range(len(sentences)))
        source = Source.of(quote.document)
        if council:
            source = replace(source, council=council)
        return cls(source, sentences, every, every, quote.page, quote.start, quote.ocr, table=table, section=section,
                   graded=graded)

    @classmethod
    def statement(cls, document: Document, text: str, page: int | None, start: int, verbatim: bool) -> "Excerpt":
        """One statement kept as it is (a judgement as the report prints it, or in words of our own where the
        page does not print it: then it is not shown as a quotation)."""
        return cls(Source.of(document), (Sentence(" ".join(text.split()), page),), (0,), (0,), page, start,
                   verbatim=verbatim)

    @property
    def key(self) -> tuple[str, int | None, int]:
        return self.source.doc_id, self.page, self.start

    @property
    def text(self) -> str:
        """The chosen sentences in reading order, with an ellipsis where sentences between them are left out; a list's
        item on a line of its own ("◼ The quality of support …" under "◼ Leadership stability …"), as the report sets
        it out, not run into one paragraph."""
        text = ""
        for position, index in enumerate(self.chosen):
            sentence = self.sentences[index].text
            if position and index != self.chosen[position - 1] + 1:
                text += " " + GAP.strip()
            text += ("\n" if position and starts_item(sentence) else " " if position else "") + sentence
        return text

    @property
    def pages(self) -> tuple[int | None, int | None]:
        """First and last page of the chosen sentences."""
        chosen = [self.sentences[i] for i in self.chosen]
        numbers = [n for s in chosen for n in (s.page, s.end_page) if n is not None]
        return (min(numbers), max(numbers)) if numbers else (None, None)

    @property
    def citation(self) -> str:
        return cited(self.source.reference, *self.pages, ocr=self.ocr, section=self.section)

    @property
    def items(self) -> list[tuple[str, str]]:
        """A list's items as (mark, words): a bulleted one's under LIST_BULLET ("The quality of pathway plans …", not
        "◼ The quality …"), a numbered one's under its own number ("1.", "Ensure that …"), when the excerpt is a
        report's list (a sentence of it a bulleted item, or two numbered ones), else none. Each item is whole or marked
        cut ("…") within itself; an item left out between two kept is no cut in either (each is its own quotation)."""
        chosen = [self.sentences[index].text for index in self.chosen]
        numbered = sum(1 for sentence in chosen if _NUMBERED_ITEM.match(sentence)) > 1
        if not any(starts_item(sentence) for sentence in chosen) and not numbered:
            return []
        items: list[tuple[str, str]] = []
        for position, index in enumerate(self.chosen):
            sentence = self.sentences[index].text
            if starts_item(sentence):
                items.append((LIST_BULLET, sentence.lstrip()[1:].strip()))
            elif numbered and (number := _NUMBERED_ITEM.match(sentence)):
                items.append((number.group(1), sentence[number.end():].strip()))
            elif not items:   # the kept part of an item begun before the first sentence kept
                items.append((LIST_BULLET, GAP.strip() + " " + sentence))
            else:   # an item's next sentence, or (after a gap) a later one of the same item
                mark, words = items[-1]
                items[-1] = (mark, words + (GAP.rstrip() if index != self.chosen[position - 1] + 1 else " ") + sentence)
        return [(mark, words) for mark, words in items if words]

    @property
    def shown(self) -> str:
        """The excerpt as a briefing prints it: in quotation marks if verbatim (citation.quoted), our words as they are; a
        list as its items, each quoted on a line of its own after a bullet ("• “The quality of …”"), not the report's
        marks inside one quotation."""
        if self.verbatim and (items := self.items):
            return "\n".join(f"{mark} {quoted(words)}" for mark, words in items)
        return quoted(self.text) if self.verbatim else self.text

    @property
    def quote(self) -> str:
        """What Copy gives and an export prints: the excerpt as shown, then its citation."""
        return f"{self.shown} — {self.citation}"

    def choose(self, indices: Iterable[int]) -> "Excerpt":
        """The same passage with other sentences chosen; out-of-range indices are ignored, none keeps it as it is."""
        chosen = tuple(sorted({i for i in indices if 0 <= i < len(self.sentences)}))
        return replace(self, chosen=chosen) if chosen else self

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Excerpt":
        return cls(Source(**data["source"]), tuple(Sentence(**s) for s in data["sentences"]), tuple(data["chosen"]),
                   tuple(data["marked"]), data["page"], data["start"], data["ocr"], data["verbatim"],
                   data.get("table"), data.get("section"), data.get("graded"), data.get("since"))   # saved before: none


def _numbers_joined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentence spans with a list's number ("1.", read as a sentence of its own) joined to the sentence it numbers."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and re.fullmatch(NUMBER_MARK, text[joined[-1][0]:joined[-1][1]]):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _sentence(text: str, start: int, end: int, page: int | None, end_page: int | None,
              page_break: int | None) -> Sentence:
    """A sentence of a passage with the page(s) it is printed on; `page_break` is where `end_page` begins."""
    if page_break is None or end_page in (None, page):
        return Sentence(" ".join(text[start:end].split()), page)
    if start >= page_break:
        return Sentence(" ".join(text[start:end].split()), end_page)
    return Sentence(" ".join(text[start:end].split()), page, end_page if end > page_break else None)


Basket = tuple[Excerpt, ...]


def keep(basket: Basket, excerpt: Excerpt) -> Basket:
    """Add at the end, unless the passage is already in the basket; kept with a whole digest or timeline, one kept
    on its own before moves into its table (a table leaving out quotes kept first was not the whole digest)."""
    if excerpt.table is not None:
        basket = tuple(kept for kept in basket if not (kept.key == excerpt.key and kept.table is None))
    if any(kept.key == excerpt.key for kept in basket):
        return basket
    return (*basket, excerpt)


def repeats(basket: Basket, excerpt: Excerpt) -> bool:
    """Whether the excerpt quotes a sentence the basket already quotes from the same report (the quote card's
    sentences and the passage they come from, kept one after the other): a paper should not say it twice."""
    chosen = {excerpt.sentences[i].text for i in excerpt.chosen}
    return any(kept.source.doc_id == excerpt.source.doc_id and kept.key != excerpt.key
               and chosen & {kept.sentences[i].text for i in kept.chosen} for kept in basket)


def remove(basket: Basket, index: int, count: int = 1) -> Basket:
    """Without `count` excerpts from `index`: one, or a kept table's rows."""
    return basket[:index] + basket[index + count:]


def insert(basket: Basket, index: int, excerpt: Excerpt) -> Basket:
    """Put an excerpt back where it was (Undo of remove)."""
    return keep(basket, excerpt) if index >= len(basket) else basket[:index] + (excerpt,) + basket[index:]


def move(basket: Basket, index: int, offset: int) -> Basket:
    """Move one excerpt up (offset -1) or down (+1); at either end it stays put."""
    target = index + offset
    if not (0 <= index < len(basket) and 0 <= target < len(basket)):
        return basket
    items = list(basket)
    items[index], items[target] = items[target], items[index]
    return tuple(items)


def update(basket: Basket, index: int, excerpt: Excerpt) -> Basket:
    return basket[:index] + (excerpt,) + basket[index + 1:]


def escape_markdown(text: str) -> str:
    """Text from a report shown literally by any Markdown reader: no links, emphasis or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def cited_sources(basket: Sequence[Excerpt]) -> list[tuple[Source, list[tuple[int | None, int | None]]]]:
    """Each report once, alphabetically by reference, with the page ranges the briefing cites from it."""
    found: dict[str, tuple[Source, list]] = {}
    for excerpt in basket:
        source, ranges = found.setdefault(excerpt.source.reference, (excerpt.source, []))
        if excerpt.pages[0] is not None and excerpt.pages not in ranges:
            ranges.append(excerpt.pages)
    return [found[key] for key in sorted(found, key=str.lower)]
