"""An answer on screen: one card per report, its best passage first, the rest of that report folded away.

Grouping by report keeps a question about councils in general from showing one long report ten times.
Each passage can be kept for the briefing, checked against its page of the source, or copied with
its citation. A question asking for a council's grade gets the grade itself first, as a fact card read
from the report's judgements, with the same three actions.
"""
from __future__ import annotations

import mimetypes
from dataclasses import replace
from pathlib import Path

import streamlit as st

from app_ui import session
from app_ui.copy_button import copy_button
from app_ui.grade_card import grade_card_html
from app_ui.passages import (digest_item_html, document_heading, grouped_by_document, page_html, passage_html,
                              quote_html, timeline_entry_html)
from index.output.briefing import Excerpt, escape_markdown
from index.output.briefing_export import SINCE_HEADING, run_text
from index.output.citation import published_words
from index.output.grades import grade_excerpt, graded_words, judgement_hit, passage_excerpt, since_words
from index.search.answers import GradeAnswer, GradeList
from index.search.digest import ONLY_OLDER, Digest, Finding, Timeline
from models import Quote
from index.search.searcher import Filters, Searcher
from models import Document, Hit
from ofsted import report_types
from ofsted.grades import grade_label
from ofsted.judgements import label, short_label
from text.words import plural, speak


def filters_caption(filters: Filters, searcher: Searcher) -> str:
    documents = searcher.catalogue().documents
    grades = " or ".join(grade_label(g) for g in filters.grades)
    judged = f"{grades} for {label(filters.judgement).lower()}" if grades else ""
    parts = [", ".join(filters.councils), ", ".join(str(y) for y in filters.years),
             ", ".join(report_types.label(t) for t in filters.report_types), judged,
             ", ".join(documents[d].title if d in documents else d for d in filters.doc_ids)]
    return "; ".join(part for part in parts if part)


def render_answer(turn: session.Turn, turn_no: int, searcher: Searcher) -> None:
    response = turn.response
    st.caption(f"Read as: {escape_markdown(response.read_as)}")
    if not response.cited_reports() <= searcher.catalogue().documents.keys():
        st.warning("This earlier answer cites a report that has since been deleted from the library; ask again "
                   "for an answer from the reports it holds now.", icon=":material/delete:")
    if response.query.missing_councils and response.query.council_keys:   # answered for the others: said plainly
        st.info(f"The library has no report on {escape_markdown(' or '.join(response.query.missing_councils))}: "
                "this answer is from the other councils' reports.", icon=":material/info:")
    if turn.filters != Filters():
        st.caption(f"Only: {escape_markdown(filters_caption(turn.filters, searcher))}")
    if also := searcher.catalogue().glossary.terms_named(response.reading.searched):
        st.caption("Also searched as the reports write it: " + escape_markdown(
            "; ".join(f"{acronym} = {words}" for acronym, words, _ in also)))
    if response.grade is not None:
        _grade_card(response.grade, turn_no, searcher)
    if response.grade_list is not None:
        _grade_list(response.grade_list, turn_no, searcher)
    if not response.hits and not response.grade and not response.grade_list:
        st.info(" ".join(part for part in (response.note, "No passages found. Try other words, or clear the filters "
                                           "in the sidebar.") if part))
        return
    if not response.answerable:
        st.warning(" ".join(part for part in (response.note, "Nothing in the library answers this question.") if part),
                   icon=":material/search_off:")
        if response.hits:
            heading = ("Other councils' reports on this topic" if response.query.missing_councils
                       else "The closest passages, which do not answer it")
            with st.expander(f"{heading} ({plural(len(response.hits), 'passage')})"):
                _passages(response.hits, turn_no, searcher, response.seconds)
        return
    if response.timeline is not None and response.timeline.entries:
        _timeline_card(response.timeline, turn_no)
    if response.digest is not None and response.digest.groups:
        _digest_card(response.digest, response.reading.question, turn_no)
    elif response.digest is not None:   # asked across councils, and no council's sentence says it as asked
        st.info(f"No report of the {plural(response.digest.councils_searched, 'council')} searched says this as "
                "asked; the passages closest to it follow.", icon=":material/info:")
    if response.quote is not None and not (response.timeline and response.timeline.entries):
        _quote_card(response.quote, turn_no)   # a timeline's last entry says it already
    if response.hits:
        _passages(response.hits, turn_no, searcher, response.seconds,
                  "in the order it prints them" if response.in_reading_order
                  else "today's inspections first, then earlier ones, then papers and articles, each best first"
                  if response.current_first
                  else "best first")


def _kind_word(documents: list[Document]) -> str:
    """'report' for Ofsted's reports, 'document' once a paper or an article is among them."""
    return "report" if all(d.metadata.report_type not in report_types.NOT_OFSTED for d in documents) else "document"


def _passages(hits: list[Hit], turn_no: int, searcher: Searcher, seconds: float, order: str = "best first") -> None:
    groups = grouped_by_document(hits)
    kind = _kind_word([g[0].document for g in groups])
    st.caption(f"{plural(len(hits), 'passage')} from {plural(len(groups), kind)}, {order} ({seconds:.2f} s).")
    for group in groups:
        with st.container(border=True):
            st.html(document_heading(group[0].document))
            _passage(group[0], f"{turn_no}-{group[0].rank}", searcher)
            if len(group) > 1:
                more = len(group) - 1
                with st.expander(f"{more} more passage{'s' if more > 1 else ''} from this {_kind_word([group[0].document])}"):
                    for hit in group[1:]:
                        st.divider()
                        _passage(hit, f"{turn_no}-{hit.rank}", searcher)


def _quote_card(quote: Quote, turn_no: int) -> None:
    """The report's own sentences that answer the question, above the passages, to keep or copy as they are."""
    excerpt = Excerpt.from_quote(quote)
    with st.container(border=True):
        st.html(quote_html(quote))
        keep_column, copy_column, _ = st.columns([1.1, 1.1, 3.2], vertical_alignment="center")
        if excerpt.key in session.kept_keys():
            keep_column.button("Kept ✓", key=f"keep-quote-{turn_no}", disabled=True, width="stretch")
        else:
            keep_column.button("Keep", key=f"keep-quote-{turn_no}", on_click=session.keep, args=(excerpt,),
                               width="stretch", help="Add these sentences to the briefing basket")
        with copy_column:
            copy_button(excerpt.quote, key=f"copy-quote-{turn_no}")


SHOWN_PER_GROUP = 3   # councils shown in each digest group before "N more councils"


def _keep_button(excerpt: Excerpt, key: str, column) -> None:
    if excerpt.key in session.kept_keys():
        column.button("Kept ✓", key=f"keep-{key}", disabled=True, width="stretch")
    else:
        column.button("Keep", key=f"keep-{key}", on_click=session.keep, args=(excerpt,), width="stretch",
                      help="Add these sentences to the briefing basket")


def _card_head(summary: str, judgement: str | None, everything: list[Excerpt], what: str, key: str) -> None:
    """A digest's, timeline's or grade list's first line: what it holds, whose grades it shows (a judgement's, where
    they are of one), Keep all (one Word table) and Copy all (its rows, each with its citation)."""
    head, keep_all, copy_all = st.columns([4.2, 1.2, 1.2], vertical_alignment="center")
    head.markdown(summary + (f"; grades are for {escape_markdown(short_label(judgement).lower())}." if judgement else ""))
    if everything and {excerpt.key for excerpt in everything} <= session.kept_keys():
        keep_all.button("All kept ✓", key=key, disabled=True, width="stretch")
    else:
        keep_all.button("Keep all", key=key, on_click=session.keep_all, args=(everything, what), width="stretch",
                        help=f"Add all of {what} to the briefing, exported to Word as one table")
    if everything:
        with copy_all:
            copy_button(run_text(everything), key=f"copy-{key}", label="Copy all")


def _digest_card(digest: Digest, question: str, turn_no: int) -> None:
    """Every council whose reports speak to the question, each in its latest report's own words, grouped by what
    they say: readable in a minute (each group folded after its first few councils); keep one or all."""
    asked = question.strip()
    title = f"{asked[:1].upper()}{asked[1:]} — each council's latest report that speaks to it"   # the Word file's heading
    accounts = sum(1 for item in digest.items if not item.primary)   # a paper's or article's item beside its council's
    also = f", and {accounts} {'paper or article' if accounts == 1 else 'papers or articles'} about them" if accounts else ""
    older = f" ({digest.councils_only_older} {ONLY_OLDER})" if digest.councils_only_older else ""
    with st.container(border=True):
        _card_head(f"**What councils' reports say** · {plural(digest.councils_answering, 'council')} of "
                   f"{digest.councils_searched} searched {speak(digest.councils_answering)} to "
                   f"it{older}, each from its latest report that does{also}",
                   digest.judgement, [Excerpt.from_quote(item.finding.quote, table=title, council=item.council,
                                                         section=item.finding.section,
                                                         graded=graded_words(item.finding.document, digest.judgement))
                                      for item in digest.items], "the digest", f"keep-digest-{turn_no}")
        for g, group in enumerate(digest.groups):
            st.markdown(f"**{escape_markdown(group.label)}** · {plural(len({i.council for i in group.items}), 'council')}")
            for i, item in enumerate(group.items[:SHOWN_PER_GROUP]):
                _finding_row(digest_item_html(item), item.finding, item.council, f"d{turn_no}-{g}-{i}", digest.judgement)
            if len(group.items) > SHOWN_PER_GROUP:
                rest = group.items[SHOWN_PER_GROUP:]
                with st.expander(f"{len(rest)} more on {group.label.lower()}"):   # councils' reports, papers or articles
                    for i, item in enumerate(rest, start=SHOWN_PER_GROUP):
                        _finding_row(digest_item_html(item), item.finding, item.council, f"d{turn_no}-{g}-{i}",
                                     digest.judgement)


def _timeline_card(timeline: Timeline, turn_no: int) -> None:
    """One council's reports that speak to the topic, oldest first, each with its grade and its own sentences."""
    title = f"{timeline.council}: what each report said, oldest first"
    with st.container(border=True):
        _card_head(f"**{escape_markdown(timeline.council)} over time** · {plural(len(timeline.entries), 'report')} "
                   f"of {timeline.reports_searched} {speak(len(timeline.entries))} to it, oldest first", timeline.judgement,
                   [Excerpt.from_quote(f.quote, table=title, council=timeline.council,
                                       section=f.section, graded=graded_words(f.document, timeline.judgement))
                    for e in timeline.entries for f in e.findings],
                   "the timeline", f"keep-timeline-{turn_no}")
        for i, entry in enumerate(timeline.entries):
            for j, finding in enumerate(entry.findings):   # its other side beneath, where it has one
                _finding_row(timeline_entry_html(entry, finding), finding, timeline.council,
                             f"t{turn_no}-{i}" + (f"-{j}" if j else ""), timeline.judgement)


def _finding_row(html: str, finding: Finding, council: str, key: str, judgement: str) -> None:
    """One council's or report's sentences, with Keep beside them (kept with the grade the card shows beside it)."""
    text, keep_column = st.columns([5.2, 0.9], vertical_alignment="top")
    text.html(html)
    _keep_button(Excerpt.from_quote(finding.quote, council=council, section=finding.section,
                                    graded=graded_words(finding.document, judgement)), key, keep_column)


def page_text(searcher: Searcher, doc_id: str, number: int | None) -> str:
    return searcher.store.page_text(doc_id, number) or ""


def _grade_list(listing: GradeList, turn_no: int, searcher: Searcher) -> None:
    """"Which councils were judged outstanding for care leavers?": the councils, from report metadata; or
    "How were Derby and Wigan rated for care leavers?": each council named with its grade. Keep all keeps each
    council's grade as a statement with its page (grade_excerpt), exported as one table."""
    with st.container(border=True):
        if listing.grade is None:
            summary = (f"**{escape_markdown(listing.label)}**, each council's grade from the report the question "
                       "names, or its latest (a council with no graded report in the library is left out)")
            title = f"{listing.label}: each council's grade"
            rows = [{"Council": r.council, "Grade": grade_label(r.grade)}
                    | ({"For": r.label} if any(x.label != listing.label for x in listing.reports) else {})
                    for r in listing.reports]   # (care leavers before 2023: "Children in care and care leavers")
        else:
            changed = sum(1 for r in listing.reports if listing.later(r))
            summary = (f"**Councils judged {escape_markdown(grade_label(listing.grade))} for "
                       f"{escape_markdown(listing.label.lower())}** · {len(listing.reports)} councils, each from "
                       "its latest report with that grade"
                       + (f"; {changed} graded since by a newer report, as “Since” says" if changed else ""))
            title = f"Councils judged {grade_label(listing.grade)} for {listing.label.lower()}"
            rows = [{"Council": r.council} for r in listing.reports]
        # what each council was judged by a newer report, shown and kept ("Outstanding (2024)")
        laters = [(listing.later(r), listing.newer_ungraded(r)) if listing.grade is not None else (None, None)
                  for r in listing.reports]
        since = [since_words(later and later.grade, later and later.document, newer) or None for later, newer in laters]
        everything = [replace(grade_excerpt(r.document, r.judgement, r.label,
                                            page_text(searcher, r.document.doc_id, r.page)), table=title, since=later)
                      for r, later in zip(listing.reports, since)]
        _card_head(summary, None, everything, "the grades", f"keep-grades-{turn_no}")
        table = [row | {"Published": published_words(r.document.metadata)} for row, r in zip(rows, listing.reports)]
        if any(since):
            table = [row | {SINCE_HEADING: later or "—"} for row, later in zip(table, since)]
        st.dataframe([row | {"Citation": r.citation} for row, r in zip(table, listing.reports)], hide_index=True,
                     width="stretch")


def _grade_card(answer: GradeAnswer, turn_no: int, searcher: Searcher) -> None:
    text = page_text(searcher, answer.document.doc_id, answer.page)
    hit = judgement_hit(answer.document, answer.judgement, text)
    excerpt = grade_excerpt(answer.document, answer.judgement, answer.label, text)
    with st.container(border=True):
        st.html(grade_card_html(answer))
        _actions(excerpt, hit, f"grade-{turn_no}", searcher, marked="judgement")


def _passage(hit: Hit, key: str, searcher: Searcher) -> None:
    st.html(passage_html(hit))
    _actions(passage_excerpt(hit), hit, key, searcher)


def _actions(excerpt: Excerpt, hit: Hit, key: str, searcher: Searcher, marked: str = "passage") -> None:
    """Keep, Source and Copy under a passage or a grade: Keep and Copy take the same whole sentences (the
    marked ones), with their citation."""
    keep_column, source_column, copy_column, _ = st.columns([1.1, 1, 1.1, 2.2], vertical_alignment="center")
    if excerpt.key in session.kept_keys():
        keep_column.button("Kept ✓", key=f"keep-{key}", disabled=True, width="stretch")
    else:
        keep_column.button("Keep", key=f"keep-{key}", on_click=session.keep, args=(excerpt,), width="stretch",
                           help="Add this excerpt to the briefing basket")
    if source_column.button("Source", key=f"source-{key}", width="stretch",
                            help="Read it on its page, or download the original file"):
        show_source(hit, searcher, marked)
    with copy_column:
        copy_button(excerpt.quote, key=f"copy-{key}")


@st.dialog("Source", width="large")
def show_source(hit: Hit, searcher: Searcher, marked: str = "passage") -> None:
    """The hit's page with the hit (a passage, or the words stating a judgement) marked; an empty hit (a
    grade the page does not print) marks nothing."""
    document = hit.document
    st.html(document_heading(document))
    text = page_text(searcher, document.doc_id, hit.chunk.page)
    marking = f"; the {marked} is marked." if hit.chunk.text else "."
    st.caption(f"Page {hit.chunk.page}{marking}" if hit.chunk.page else f"The whole text{marking}")
    if text:
        st.html(page_html(text, hit))
    source = Path(document.source)
    if source.is_file():
        st.download_button(
            f"Download the original {document.kind.upper()}", data=source.read_bytes(),
            file_name=source.name, on_click="ignore",
            mime=mimetypes.guess_type(source.name)[0] or "application/octet-stream",
        )
    else:
        st.caption("The original file is no longer where it was added from; the page text above is what was indexed.")
