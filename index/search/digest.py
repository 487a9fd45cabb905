"""The answer across the library, in the reports' own words: a digest for a question across councils (every
council whose reports speak to it, each from its latest such report, grouped by what they say) and a timeline
for one council (one entry per report that speaks to it, in date order).

A ranked list of ten passages shows ten councils at best, mostly from whichever reports word the topic most
like the question; a manager asking "how did councils improve supervision?" wants to know which councils'
reports speak to it and what each says now. So every report in the scope is asked, through `FindingOf`, for
its best answer (the searcher's evidence rules and the quote card's sentence rules, index.search.findings):
per council the newest report first, older ones only until one answers, and a few more to fold beneath it.

This module is pure: it walks documents and findings given to it and builds the records the JSON contract and the
app show. What a finding must hold is index.search.ideas; how findings are grouped and labelled, index.search.grouping;
how a report is read for its finding, index.search.findings.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from index.output.citation import cited, reference
from models import Document, Quote
from ofsted import report_types
from ofsted.findings import stance
from ofsted.judgements import area_judgement

EARLIER_KEPT = 2        # older reports of a council that also speak to the topic, folded beneath its latest
ASKED_PER_COUNCIL = 8   # a council's newest reports asked for a finding: an older one speaks of a service long changed
                        # (a council has at most 5 in the dev library); it bounds a digest's work at any library size
ONLY_OLDER = "only under earlier frameworks"   # said beside the digest's count of councils_only_older


@dataclass(frozen=True)
class Finding:
    """One report's answer to the topic: its best whole sentences (a quote) and how well its passage answers
    (index.search.relevance.Evidence.score)."""

    quote: Quote
    score: float
    # The word of the kind the question asks of ("hubs" of "family hubs") where the quote names only another kind of
    # it (a care leavers' hub), which may be the same thing under a council's own name or not: shown apart
    other_kind: str | None = None
    # The name of the report's section the quote sits in ("Children in care"), where its sentences leave to that
    # section's heading which children they are about ("Children's health needs are well met."): a briefing must say so
    section: str | None = None

    @property
    def document(self) -> Document:
        return self.quote.document

    @property
    def citation(self) -> str:
        """The quote's citation, with the section it leans on after its pages (index.output.citation.cited)."""
        quote = self.quote
        return cited(reference(quote.document), quote.page, quote.end_page, quote.ocr, section=self.section)

    def to_dict(self) -> dict:
        """The quote's fields (models.Quote.to_dict) cited with its section, how it judges the topic, the section."""
        return self.quote.to_dict() | {"citation": self.citation, "stance": stance(self.quote.text),
                                       "section": self.section}


FindingOf = Callable[[str], "Finding | None"]   # doc id -> the report's finding, None when it says nothing on it


def _grade(document: Document, judgement: str) -> str | None:
    """The report's grade for the area (or the judgement that covered it then, ofsted.judgements.area_judgement)."""
    found = area_judgement(document.metadata, judgement)
    return found[1].grade if found else None


def _graded_as(document: Document, judgement: str) -> str | None:
    """The judgement the grade is the report's own for ("in_care" for a 2022 report's care leavers)."""
    found = area_judgement(document.metadata, judgement)
    return found[0] if found else None


def _finding_dict(finding: Finding, judgement: str) -> dict:
    document = finding.document
    return finding.to_dict() | {
        "source": document.source, "published": document.metadata.date,
        "report_type": document.metadata.report_type, "grade": _grade(document, judgement),
        "graded_as": _graded_as(document, judgement)}


@dataclass(frozen=True)
class DigestItem:
    """One council's words on the topic: from its latest report that speaks to it (`finding`), with the older
    reports that also do (`earlier`, newest first). A committee paper or press article is an item of its own,
    labelled as what it is."""

    council: str
    finding: Finding
    judgement: str                       # the ILACS judgement area whose grade is shown
    earlier: tuple[Finding, ...] = ()

    @property
    def stance(self) -> str:
        return stance(self.finding.quote.text)

    @property
    def grade(self) -> str | None:
        return _grade(self.finding.document, self.judgement)

    @property
    def superseded(self) -> bool:
        """From a report under a framework Ofsted no longer inspects under (a SIF report of 2013–2018)."""
        return self.finding.document.metadata.report_type in report_types.SUPERSEDED

    @property
    def primary(self) -> bool:
        """An inspection report's own words, not a paper's or an article's account of them."""
        return self.finding.document.metadata.report_type not in report_types.NOT_OFSTED

    def to_dict(self) -> dict:
        return {"council": self.council} | _finding_dict(self.finding, self.judgement) | {
            "earlier": [_finding_dict(f, self.judgement) for f in self.earlier]}


@dataclass(frozen=True)
class DigestGroup:
    label: str
    items: tuple[DigestItem, ...]

    def to_dict(self) -> dict:
        return {"label": self.label, "items": [item.to_dict() for item in self.items]}


@dataclass(frozen=True)
class Digest:
    groups: tuple[DigestGroup, ...]
    councils_searched: int               # councils (and unattributed papers) whose reports were asked
    councils_answering: int              # of those, how many speak to the topic
    judgement: str                       # the judgement area the topic belongs to (its grade is shown per item)

    @property
    def items(self) -> list[DigestItem]:
        return [item for group in self.groups for item in group.items]

    @property
    def councils_only_older(self) -> int:
        """Councils answering only from reports under a framework Ofsted has replaced (ONLY_OLDER; their items are
        grouped under index.search.grouping.OLDER_LABEL): how their services were, their newer reports saying nothing
        on it."""
        return len({item.council for item in self.items if item.primary and item.superseded})

    def to_dict(self) -> dict:
        return {"groups": [g.to_dict() for g in self.groups], "councils_searched": self.councils_searched,
                "councils_answering": self.councils_answering, "councils_only_older": self.councils_only_older,
                "judgement": self.judgement}


@dataclass(frozen=True)
class TimelineEntry:
    finding: Finding
    judgement: str
    also: Finding | None = None   # the report's other side, where the finding is one-sided (FindingReader.other_side)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return (self.finding,) if self.also is None else (self.finding, self.also)

    @property
    def grade(self) -> str | None:
        return _grade(self.finding.document, self.judgement)

    def to_dict(self) -> dict:
        document = self.finding.document
        return {"source": document.source, "doc_id": document.doc_id, "published": document.metadata.date,
                "report_type": document.metadata.report_type, "report_label": report_types.label(document.metadata.report_type),
                "grade": self.grade, "graded_as": _graded_as(document, self.judgement), "reference": reference(document),
                "items": [finding.to_dict() for finding in self.findings]}


@dataclass(frozen=True)
class Timeline:
    council: str
    judgement: str
    entries: tuple[TimelineEntry, ...]   # oldest first
    reports_searched: int = 0

    def to_dict(self) -> dict:
        return {"council": self.council, "judgement": self.judgement, "reports_searched": self.reports_searched,
                "entries": [e.to_dict() for e in self.entries]}


def newest_first(documents: Iterable[Document]) -> list[Document]:
    """Dated reports newest first (by publication, else inspection date), undated ones last."""
    return sorted(documents, key=lambda d: (d.metadata.date or "", d.doc_id), reverse=True)


def council_findings(by_council: Mapping[str, list[Document]], finding_of: FindingOf,
                     names: Mapping[str, str], judgement: str) -> list[DigestItem]:
    """Each council's latest inspection report that speaks to the topic (older ones asked only until one does,
    and EARLIER_KEPT more folded beneath it; its ASKED_PER_COUNCIL newest at most), and each of its other
    documents that does, as an item of its own."""
    items = []
    for council, documents in by_council.items():
        ofsted = [d for d in newest_first(documents) if d.metadata.report_type not in report_types.NOT_OFSTED]
        found = []
        for document in ofsted[:ASKED_PER_COUNCIL]:
            if len(found) > EARLIER_KEPT:
                break
            if (finding := finding_of(document.doc_id)) is not None:
                found.append(finding)
        if found:
            items.append(DigestItem(names.get(council, council), found[0], judgement, tuple(found[1:])))
        for document in newest_first(d for d in documents if d.metadata.report_type in report_types.NOT_OFSTED):
            if (finding := finding_of(document.doc_id)) is not None:
                items.append(DigestItem(names.get(council, council), finding, judgement))
    return items


def timeline_entries(documents: Iterable[Document], finding_of: FindingOf, judgement: str) -> tuple[TimelineEntry, ...]:
    """One entry per dated report that speaks to the topic, oldest first. A document with no date (a press
    cutting) cannot be placed in the story; its words stay among the passages."""
    dated = sorted((d for d in documents if d.metadata.date), key=lambda d: (d.metadata.date, d.doc_id))
    return tuple(TimelineEntry(finding, judgement) for d in dated if (finding := finding_of(d.doc_id)) is not None)


def council_names(documents: Iterable[Document], key_of: Callable[[Document], str]) -> dict[str, str]:
    """One name per council: the one its latest inspection report prints ("Derby City" in 2025 for Derby's
    2022 "Derby" too), else its latest document's."""
    names: dict[str, tuple[bool, str, str]] = {}
    for document in documents:
        council = document.metadata.council
        if not council:
            continue
        rank = (document.metadata.report_type not in report_types.NOT_OFSTED, document.metadata.date or "", council)
        key = key_of(document)
        if key not in names or rank > names[key]:
            names[key] = rank
    return {key: rank[2] for key, rank in names.items()}
