"""What one question gets back: the one answer the CLI, the app and bench/ all show.

`Searcher.ask` builds it; nobody rebuilds an answer their own way. `to_dict` is the JSON contract of
`python -m index search --json` (keep these field names).
"""
from __future__ import annotations

from dataclasses import dataclass

from index.output.results import hit_to_dict
from index.search.answers import GradeAnswer, GradeList
from index.search.conversation import Reading
from index.search.digest import Digest, Timeline
from index.search.query import QueryAnalysis
from models import Quote
from models import Hit


@dataclass
class Response:
    reading: Reading                   # the question as asked, and as searched (with the previous turn)
    query: QueryAnalysis               # how the searched text was read
    hits: list[Hit]                    # ranked passages; when not answerable, the closest ones
    answerable: bool                   # whether anything in the library answers the question
    read_as: str                       # how the question was read, in words
    scope: str | None = None           # which reports were searched, in words ("Derby's 2025 report")
    note: str | None = None            # one sentence on why nothing answers ("The library has no report on Leicester.")
    grade: GradeAnswer | None = None
    grade_list: GradeList | None = None
    quote: Quote | None = None         # the report's own sentences that answer it
    seconds: float = 0.0
    in_reading_order: bool = False     # hits are one report's passages as it prints them, not ranked
    current_first: bool = False        # across councils: today's inspections' passages first (ranking.current_first)
    digest: Digest | None = None       # a question across councils: each council's own words, grouped
    timeline: Timeline | None = None   # one council over time: one entry per report, oldest first

    def cited_reports(self) -> set[str]:
        """Every report (doc id) the answer quotes or cites: passages, quote, grade card or list, digest, timeline."""
        cited = {hit.document.doc_id for hit in self.hits}
        cited |= {self.quote.document.doc_id} if self.quote else set()
        cited |= {self.grade.document.doc_id} if self.grade else set()
        cited |= {r.document.doc_id for r in self.grade_list.reports} if self.grade_list else set()
        cited |= {f.document.doc_id for item in self.digest.items for f in (item.finding, *item.earlier)} if self.digest else set()
        cited |= {e.finding.document.doc_id for e in self.timeline.entries} if self.timeline else set()
        return cited

    def to_dict(self) -> dict:
        return {"query": self.reading.question, "read_as": self.read_as, "scope": self.scope,
                "answerable": self.answerable, "note": self.note,
                "answer": self.grade.to_dict() if self.grade else None,
                "grade_list": self.grade_list.to_dict() if self.grade_list else None,
                "quote": self.quote.to_dict() if self.quote else None,
                "in_reading_order": self.in_reading_order, "current_first": self.current_first,
                "digest": self.digest.to_dict() if self.digest else None,
                "timeline": self.timeline.to_dict() if self.timeline else None,
                "results": [hit_to_dict(h) for h in self.hits]}
