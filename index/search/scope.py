"""Which reports a question is about: a named council, year or kind of document chooses them; it does
not add score.

"What did inspectors say about care leavers in Lewisham?" is a question about Lewisham's reports, ranked
by care leavers alone: when the council's name scored, Lewisham's cover page (its name, the year, the
inspection dates) came first. The year, where given, picks the report; otherwise the latest report that
covers the topic comes first, for each council named (`latest_reports` here, used by
index.search.ranking.latest_first). A council the library holds no report on is said so, not answered from
other councils' reports; so is a kind of document named that the library lacks ("Derby's select committee").
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from index.search.query import QueryAnalysis, QuestionKind
from models import Document
from ofsted import report_types
from ofsted.councils import council_key, council_name
from ofsted.judgements import label

@dataclass(frozen=True)
class Scope:
    doc_ids: set[str] | None       # the reports searched; None: every report the filters admit
    by_name: bool = False          # chosen by a council or kind of document the question names
    words: str | None = None       # "Derby's 2025 report", for the app and the JSON
    note: str | None = None        # why nothing here can answer it, in one sentence
    whole_report: bool = False     # one report, read in order: what it found is what is asked


def _names(names: list[str], joined_by: str = "or") -> str:
    """'Leicester', 'Kent or Essex', 'Derby, Leeds and Wigan'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {joined_by} {names[-1]}"


def choose_scope(query: QueryAnalysis, documents: Mapping[str, Document], council_keys: Mapping[str, str],
                 admitted: set[str] | None) -> Scope:
    """The reports to search for this question, within those the filters admit."""
    candidates = set(documents) if admitted is None else set(admitted)
    if query.missing_councils and not query.council_keys:
        return Scope(admitted, note=f"The library has no report on {_names(query.missing_councils)}.")
    if not query.council_keys and not query.report_types:
        return Scope(admitted)
    chosen = {d for d in candidates if council_keys.get(d) in query.council_keys} if query.council_keys else candidates
    if query.council_keys and not chosen:
        names = _names([council_name(key) for key in query.council_keys])
        return Scope(set(), True, names, f"No report on {names} is among the reports the filters allow.")
    kinds = {d for d in chosen if documents[d].metadata.report_type in query.report_types}
    if kinds:
        chosen = kinds
    kind_missing = None   # "Derby's select committee", and Derby has no committee paper: said, not answered
    if query.report_types and not kinds:
        named = _council_names(query, documents, chosen)
        what = f"{report_types.PLURALS.get(query.report_types[0], 'papers')}{f' on {named}' if named else ''}"
        kind_missing = (f"The library has no {what}." if admitted is None
                        else f"The reports the filters allow include no {what}.")
    in_years = {d for d in chosen if documents[d].metadata.years & set(query.years)}
    if in_years:
        chosen = in_years
    if query.kind == QuestionKind.SUMMARY:  # "what did Ofsted find in Wigan's latest inspection?": that one report
        latest = latest_inspection(chosen, documents)
        if latest is not None:
            year = documents[latest].metadata.year
            return Scope({latest}, True, f"{_council_names(query, documents, {latest})}'s {year} report",
                         whole_report=True)
    if not query.council_keys and not kinds:
        return Scope(admitted, note=kind_missing)
    what = (report_types.PLURALS.get(query.report_types[0], "papers") if kinds
            else f"{' and '.join(str(y) for y in query.years)} report" if in_years
            else "reports")
    named = _council_names(query, documents, chosen)
    return Scope(chosen, True, f"{named}'s {what}" if named else what, note=kind_missing)


def _council_names(query: QueryAnalysis, documents: Mapping[str, Document], chosen: set[str]) -> str | None:
    """The councils named, one name each however their reports print it ("Leeds" and "Leeds City" are Leeds)."""
    by_key: dict[str, str] = {}
    for council in sorted(documents[d].metadata.council for d in chosen if documents[d].metadata.council):
        key = council_key(council)
        by_key[key] = min(by_key.get(key, council), council, key=len)
    councils = sorted(by_key.values())
    return _names(councils, "and") if query.council_keys and councils else None


def latest_inspection(doc_ids: set[str], documents: Mapping[str, Document]) -> str | None:
    """The most recent of these that is Ofsted's own report (not a committee paper or press article)."""
    dated = [d for d in doc_ids if documents[d].metadata.date and documents[d].metadata.report_type not in report_types.NOT_OFSTED]
    return max(dated, key=lambda d: (documents[d].metadata.date, d), default=None)


def latest_reports(doc_ids: set[str], documents: Mapping[str, Document]) -> set[str]:
    """Each council's most recent of these reports (by publication, else inspection date); none for a
    council one of whose documents has no date (a press cutting), since then which is latest cannot be told."""
    by_council: dict[str, list[str]] = {}   # documents of no council (a kind of document named) as one
    for doc_id in doc_ids:
        council = documents[doc_id].metadata.council
        by_council.setdefault(council_key(council) if council else "", []).append(doc_id)
    dated = {d: documents[d].metadata.date for d in doc_ids}
    return {max(ids, key=lambda d: (dated[d], d)) for ids in by_council.values() if all(dated[d] for d in ids)}


def without_names(query: QueryAnalysis) -> str:
    """The question without the councils it names, read as its analysis read them (ofsted.councils
    .held_council_mentions: "&", everyday names, possessives): inside their reports, the names say nothing."""
    text = query.text
    for start, end in sorted(set(query.council_written), reverse=True):   # (two successors share one name's span)
        text = text[:start] + " " + text[end:]
    return " ".join(text.split())


def grade_list_question(grade: str | None, judgement: str, years: list[int]) -> str:
    """"which councils were judged outstanding for care leavers (2024 reports)?": how the search reads, and the
    app says, a question for the councils given one grade (conversation.read_in_context writes follow-ups so)."""
    when = f" ({' and '.join(str(y) for y in years)} reports)" if years else ""
    return f"which councils were judged {grade} for {label(judgement).lower()}{when}?"


def describe(query: QueryAnalysis, scope: Scope) -> str:
    """How the question was read, in words: "how was Derby rated for children in care (2025 report)?"; with the
    councils it names that the library has no report on, said, so that none is left out unremarked."""
    read = _described(query, scope)
    if query.missing_councils and query.council_keys:
        read += f" (the library has no report on {_names(query.missing_councils, 'and')})"
    return read


def _described(query: QueryAnalysis, scope: Scope) -> str:
    years = f" ({' and '.join(str(y) for y in query.years)} report)" if query.years else ""
    if query.kind == QuestionKind.RATING:
        councils = _names([council_name(key) for key in query.council_keys], "and")
        judged = label(query.graded_judgement).lower()
        return f"how {'were' if len(query.council_keys) > 1 else 'was'} {councils} rated for {judged}{years}?"
    if scope.whole_report:
        return f"what {scope.words} found"
    if query.kind == QuestionKind.GRADE_LIST:
        return grade_list_question(query.grade, query.graded_judgement, query.years)
    topic = "what needs to improve" if query.asks_improvements and scope.by_name else " ".join(query.topic_terms)
    if scope.words:
        return f"{topic}, in {scope.words}" if topic else f"anything in {scope.words}"
    topic = topic or query.text
    return f"{topic}, across councils" if query.kind == QuestionKind.THEME else topic
