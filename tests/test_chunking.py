import re

import pytest

from ingest.chunking import PASSAGE_MAX_TOKENS, approximate_token_count, chunk_document, chunk_page
from models import Judgement, Page
from ofsted.reading import ILACS_LABELS, LSCB, SIF_LABELS, SIF_OVERALL
from text.sentences import paragraph_sentence_spans

SENTENCE = "Social workers visit children regularly and managers oversee their plans closely. "


def test_offsets_recover_the_exact_passage_text_from_the_page():
    pages = [Page(1, ("Heading\n\n" + SENTENCE * 30 + "\n\n" + SENTENCE * 12).strip()), Page(2, SENTENCE * 3)]
    chunks = chunk_document("doc", pages)
    assert len(chunks) > 2
    for chunk in chunks:
        page = pages[chunk.page - 1]
        assert page.text[chunk.start:chunk.end] == chunk.text
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))


def test_passages_fit_the_model_and_end_on_sentence_boundaries():
    text = " ".join(f"Sentence number {i} talks about supervision of social workers in teams." for i in range(200))
    for start, end in chunk_page(text, approximate_token_count):
        passage = text[start:end]
        assert approximate_token_count([passage])[0] <= PASSAGE_MAX_TOKENS
        assert passage.startswith("Sentence number") and passage.endswith("teams.")


def test_an_overlong_sentence_is_cut_between_words_not_inside_them():
    text = " ".join(f"word{i}" for i in range(1000))  # a table or list with no full stop
    spans = chunk_page(text, approximate_token_count)
    assert len(spans) > 1
    words = set(text.split())
    for start, end in spans:
        assert set(text[start:end].split()) <= words
        assert approximate_token_count([text[start:end]])[0] <= PASSAGE_MAX_TOKENS


def test_a_new_paragraph_starts_a_new_passage_once_the_passage_is_long_enough():
    first, second = SENTENCE * 9, "A different topic: care leavers have personal advisers who keep in touch. " * 3
    spans = chunk_page(first.strip() + "\n\n" + second, approximate_token_count)
    assert len(spans) == 2


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_pages_give_no_passages(text):
    assert chunk_document("doc", [Page(1, text)]) == []


# A report's page 1 as the cleaner leaves it: cover, judgement table and the first finding run together.
WIGAN_PAGE_1 = (
    "Inspection of Wigan local authority children’s services Inspection dates: 6 to 17 October 2025 Lead inspector: "
    "Jenny-ellen Scotland, His Majesty’s Inspector Judgement Grade The impact of leaders on social work practice with "
    "children and families Good The experiences and progress of children who need help and protection Requires "
    "improvement to be good The experiences and progress of children in care Outstanding The experiences and progress "
    "of children care leavers Outstanding Overall effectiveness Good Services for children and care leavers in Wigan "
    "have been considerably strengthened since the last Ofsted inspection in May 2022, when they were judged to require "
    "improvement overall. Senior and political leaders are committed to continually improving the quality of support "
    "for children, families and care leavers.\n\n"
    "Senior leaders are ambitious for children and have fostered a strong, family-focused and child-centred culture."
)

SIF_PAGE_1 = (
    "Norfolk County Council Inspection of services for children in need of help and protection, children looked after "
    "and care leavers and Review of the effectiveness of the Local Safeguarding Children Board1 Inspection date: 6 July "
    "2015 – 30 July 2015 Report published: 19 October 2015 Children’s services in Norfolk are inadequate There are "
    "widespread or serious failures that mean the welfare of looked after children is not safeguarded and promoted.\n\n"
    "1. Children who need help and protection Requires improvement\n\n"
    "2. Children looked after and achieving permanence Inadequate\n\n"
    "2.1 Adoption performance Requires improvement\n\n"
    "2.2 Experiences and progress of care leavers Inadequate\n\n"
    "3. Leadership, management and governance Requires improvement\n\n"
    "1 Ofsted produces this report under its power to combine reports in accordance with section 152 of the Education "
    "and Inspections Act 2006."
)


def _passages(pages: list[Page]) -> list[tuple[int, str]]:
    chunks = chunk_document("doc", pages)
    for chunk in chunks:   # every passage is still a verbatim slice of its page
        assert pages[chunk.page - 1].text[chunk.start:chunk.end] == chunk.text
    return [(chunk.page, chunk.text) for chunk in chunks]


def test_an_ilacs_cover_and_judgement_table_are_a_passage_apart_from_the_prose_after_them():
    passages = _passages([Page(1, WIGAN_PAGE_1)])
    cover, prose = passages[0][1], passages[1][1]
    assert cover.startswith("Inspection of Wigan") and cover.endswith("Overall effectiveness Good")
    assert prose.startswith("Services for children and care leavers in Wigan have been considerably strengthened")
    assert all("Judgement" not in text and "Inspection dates" not in text for _, text in passages[1:])


def test_a_sif_cover_and_judgement_list_are_passages_apart_from_the_grade_s_wording_and_the_footnote():
    texts = [text for _, text in _passages([Page(1, SIF_PAGE_1)])]
    assert texts == [
        SIF_PAGE_1[:SIF_PAGE_1.index(" There are widespread")],          # cover and overall judgement
        SIF_PAGE_1[SIF_PAGE_1.index("There are widespread"):SIF_PAGE_1.index("\n\n1. Children")],
        SIF_PAGE_1[SIF_PAGE_1.index("1. Children"):SIF_PAGE_1.index("\n\n1 Ofsted")],   # the judgement list
        SIF_PAGE_1[SIF_PAGE_1.index("1 Ofsted"):],
    ]


def test_a_judgement_table_run_over_a_page_break_is_a_passage_on_each_page():
    first, second = WIGAN_PAGE_1.split(" The experiences and progress of children in care Outstanding")
    pages = [Page(1, first), Page(2, "The experiences and progress of children in care Outstanding" + second)]
    passages = _passages(pages)
    assert passages[0] == (1, first)
    assert passages[1] == (2, "The experiences and progress of children in care Outstanding The experiences and "
                              "progress of children care leavers Outstanding Overall effectiveness Good")
    assert passages[2][0] == 2 and passages[2][1].startswith("Services for children and care leavers in Wigan")


def test_a_contents_list_is_a_passage_apart_from_the_prose_on_its_page():
    contents = ("Contents Executive summary 2 The local authority 5 Information about this local authority area 5 "
                "Recommendations 7 Leadership, management and governance 17")
    prose = "Executive summary Services for children have significantly improved over the last 18 months."
    assert [text for _, text in _passages([Page(1, SIF_PAGE_1), Page(2, contents + " " + prose)])][-2:] == [
        contents, prose]


def test_pages_without_front_matter_are_cut_as_before():
    """Prose that quotes front matter's words (a committee paper on a report's judgement grade and its inspection
    dates) is no cover or table: its passages are those of the page cut alone."""
    quoting = ("The report's judgement grade for care leavers was good. The inspection dates: were agreed late. "
               "Children in care Outstanding is what the cabinet hopes for next time. " + SENTENCE * 20)
    pages = [Page(1, quoting), Page(2, ("Heading\n\n" + SENTENCE * 30).strip())]
    for page in pages:
        assert [text for number, text in _passages(pages) if number == page.number] == [
            page.text[start:end] for start, end in chunk_page(page.text, approximate_token_count)]


# What the corpus test counts as front matter and as prose in a passage (see its docstring).
_FRONT_MARKS = re.compile(
    r"Inspection\s+dates?\s*:|Lead\s+(?:social\s+care\s+)?inspectors?\s*:|(?:Report\s+)?published\s*:|"
    r"Reporting\s+inspector|Judgement\s+Grade|(?:^|\n)[ \t]*Contents(?:\s+[A-Z][^\n\d]{2,90}?\s+\d{1,3}\b){3,}",
    re.IGNORECASE)
# Each judgement's table rows as ofsted.reading reads grades from them ("… children in care Good").
ROWS = {key: [row for other, row in ILACS_LABELS + SIF_LABELS if other == key] for key, _ in ILACS_LABELS + SIF_LABELS}
PROSE_WORDS = 8      # a sentence this long, ending in a full stop, is prose (a cover's title or a table row is not)
FRONT_PAGES = 4      # cover, judgement table and contents come first; a SIF report's contents is on page 2 to 4


def _front_marks(text: str) -> list[tuple[int, int]]:
    """Where a passage prints front matter: cover fields, a table heading, a contents list, two or more judgement
    rows (one is a section heading: 'The experiences and progress of care leavers: good'), and an overall or LSCB
    judgement stated beside any of these."""
    marks = [match.span() for match in _FRONT_MARKS.finditer(text)]
    rows = [match.span() for patterns in ROWS.values() for row in patterns for match in row.finditer(text)]
    if len({end for _, end in rows}) >= 2:
        marks += rows
    if marks:
        marks += [match.span() for statement in (SIF_OVERALL, LSCB) for match in statement.finditer(text)]
    return marks


def _prose(text: str) -> list[str]:
    return [text[start:end] for start, end in paragraph_sentence_spans(text)
            if len(text[start:end].split()) >= PROSE_WORDS and text[start:end].rstrip("”’\"')").endswith((".", "?", "!"))]


def _prose_beside_front_matter(text: str) -> list[str]:
    """The prose a passage holds before its first front-matter mark or after its last, if it has any marks."""
    marks = _front_marks(text)
    if not marks:
        return []
    return _prose(text[:min(start for start, _ in marks)]) + _prose(text[max(end for _, end in marks):])


def front_matter_faults(pages: list[Page], judgements: dict[str, Judgement]) -> tuple[list[str], list[str]]:
    """The structure check that tests/test_metadata.py runs over every report and seed of shared/corpus, as the
    whole pipeline stores them (one ingest serves both checks: reading every PDF is most of their time).

    A passage mixes front matter with prose when it prints front matter (a cover field such as "Inspection dates:"
    or "Lead inspector:", a "Judgement Grade" heading, two or more judgement rows as ofsted.reading reads grades, or
    a contents list) and also a sentence of prose (PROSE_WORDS words or more, ending as a sentence does) before its
    first mark of front matter or after its last. Passages past page FRONT_PAGES are not checked: the inspection
    team's names ("Lead inspector: …") at the end of a SIF report are no cover. And every judgement a report prints
    as a table row is printed whole ('label grade') in a passage of its page that holds front matter and no such
    prose: cutting front matter apart never cuts a row from its grade.

    Returns (passages mixing front matter with prose, judgements whose row no front-matter passage prints whole);
    the pages are re-cut here with the tokenizer-free counter (where front matter ends does not depend on size)."""
    return _front_matter_faults(pages, judgements)


def _front_matter_faults(pages: list[Page], judgements: dict[str, Judgement]) -> tuple[list[str], list[str]]:
    """(passages mixing front matter with prose, judgements whose row no front-matter passage prints whole)."""
    chunks = chunk_document("doc", pages)
    mixed = [f"p{chunk.page}: {prose[0][:80]!r} beside {chunk.text[:60]!r}" for chunk in chunks
             if (chunk.page or 1) <= FRONT_PAGES and (prose := _prose_beside_front_matter(chunk.text))]
    unstated = []
    for key, judgement in judgements.items():
        page = next((p.text for p in pages if p.number == judgement.page), "")
        if any(row.search(page) for row in ROWS.get(key, [])) and not any(
                chunk.page == judgement.page and _front_marks(chunk.text) and not _prose_beside_front_matter(chunk.text)
                and any(row.search(chunk.text) for row in ROWS[key]) for chunk in chunks):
            unstated.append(f"{key} p{judgement.page}")
    return mixed, unstated
