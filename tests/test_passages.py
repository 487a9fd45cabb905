"""Passages reach the page as escaped text; only our own <mark> and layout tags are markup."""
from text.words import plural, plural_of
from app_ui.passages import document_heading, grouped_by_document, marked, page_html, passage_html, quote_html
from index.output.grades import judgement_hit
from index.output.citation import readable_date
from index.search.quotes import quote_of
from models import Chunk, Highlight, Hit, Judgement
from tests.conftest import make_report

PLAIN = {"publisher": None, "report_type": "other"}  # DocumentMetadata's own defaults


def hit(text, doc_id="d1", highlights=()):
    document = make_report(doc_id, "Bury", title="<b>T</b>", kind="txt", sha256="sha", source="/x.txt", **PLAIN)
    return Hit(Chunk(doc_id, 3, 0, len(text), text), document, 0.5, highlights=list(highlights))


def test_document_text_is_escaped_and_highlights_marked():
    text = "Intro. <script>alert(1)</script> [x](javascript:alert(1)) best sentence."
    html = marked(text, [Highlight(text.index("best"), len(text))])
    assert "<script" not in html and "&lt;script&gt;" in html
    assert html.endswith("<mark>best sentence.</mark>")


def test_overlapping_or_out_of_range_highlights_do_not_break_the_text():
    assert marked("abcdef", [Highlight(0, 3), Highlight(2, 5), Highlight(4, 99)]) == "<mark>abc</mark><mark>de</mark><mark>f</mark>"


def test_the_card_says_the_page_and_the_match_in_words():
    found = hit("Some text.")
    found.match = "partial"
    html = passage_html(found)
    assert "Page 3" in html and "partial match" in html


def test_counts_read_as_words():
    assert (plural(1, "report"), plural(10, "passage")) == ("1 report", "10 passages")
    assert [plural_of(noun) for noun in ("academy", "model", "hubs", "children", "staff", "day", "approach")] == [
        "academies", "models", "hubs", "children", "staff", "days", "approaches"]


def test_dates_read_as_people_write_them():
    assert readable_date("2019-03-11") == "11 March 2019" and readable_date(None) == "date unknown"


def test_hits_are_grouped_by_report_in_order_of_first_appearance():
    hits = [hit("a", "d1"), hit("b", "d2"), hit("c", "d1")]
    assert [[h.chunk.text for h in group] for group in grouped_by_document(hits)] == [["a", "c"], ["b"]]


TABLE = ("Judgement Grade The impact of leaders on social work practice with children and families Outstanding "
         "The experiences and progress of care leavers Requires improvement to be good Overall effectiveness Good "
         "Children's services in Bury are good.")


def bury_report():
    """A report whose judgement table (TABLE) prints three of its judgements."""
    judgements = {"impact_of_leaders": Judgement("outstanding", 1), "care_leavers": Judgement("requires improvement", 1),
                  "overall_effectiveness": Judgement("good", 1)}
    return make_report("d1", "Bury", judgements=judgements, title="", sha256="sha", source="/x.pdf", **PLAIN)


def test_a_judgement_table_in_a_passage_is_shown_as_a_table():
    text, document = TABLE, bury_report()
    found = Hit(Chunk("d1", 1, 0, len(text), text), document, 0.5,
                highlights=[Highlight(0, len(text) - 5), Highlight(text.index("Children's"), len(text))])
    html = passage_html(found)
    assert ("<tr><td>The experiences and progress of care leavers</td><td>Requires improvement to be good</td></tr>"
            in html and "<tr><td>Overall effectiveness</td><td>Good</td></tr>" in html)
    assert "Judgement Grade" not in html.split("<table")[0]  # the table's own header line is not repeated as text
    assert html.endswith("<mark>Children&#x27;s services in Bury are good.</mark></div>")
    # With fewer than three judgements printed, the passage is text as usual.
    assert "<table" not in passage_html(Hit(Chunk("d1", 1, 0, 30, text[:120]), document, 0.5))


def test_a_heading_the_pdf_ran_on_after_a_sentence_is_shown_on_its_own_line():
    text = ("Some care leavers cannot move on because of a lack of such provision. The impact of leaders on social "
            "work practice with children and families: good")
    html = marked(text, [Highlight(0, text.index("provision.") + 10)])
    assert html.endswith("such provision.</mark>\n\nThe impact of leaders on social work practice with children and "
                         "families: good")
    # ... where a mark ends or starts on it too
    heading = text.index("The impact")
    assert "\n\nThe impact" in marked(text, [Highlight(0, heading)]) and "\n\nThe impact" in marked(
        text, [Highlight(heading, len(text))])
    # a sentence that names an area and a grade is no heading
    prose = "Leaders are strong. Adoption performance is good. Children are identified early."
    assert marked(prose, []) == prose


def test_the_source_view_shows_a_judgement_table_as_a_table_with_the_judgement_marked():
    page, document = "Inspection of Bury " + TABLE, bury_report()
    start = page.index("The experiences")
    end = page.index(" Overall")
    html = page_html(page, judgement_hit(document, "care_leavers", page))
    assert page[start:end] == judgement_hit(document, "care_leavers", page).chunk.text
    assert ('<tr class="iqa-marked"><td>The experiences and progress of care leavers</td>'
            '<td>Requires improvement to be good</td></tr>') in html
    assert "<tr><td>Overall effectiveness</td><td>Good</td></tr>" in html  # only the kept judgement is marked
    assert "<mark>" not in html  # the mark is the row's, not a run of words
    assert html.startswith('<div class="iqa-page"><div class="iqa-page-text">Inspection of Bury</div><table')


def test_a_publication_date_not_printed_in_the_report_reads_as_an_estimate():
    document = make_report("d", "Bury", "2025-01-29", title="T", sha256="s", source="/x.pdf",
                           published_source="pdf-metadata", **PLAIN)
    assert "Published c. 29 January 2025" in document_heading(document)
    document.metadata.published_source = "text"
    assert "Published 29 January 2025" in document_heading(document)


def test_a_passages_heading_says_what_kind_of_report_it_is_beside_its_date():
    old = make_report("n", "Norfolk", "2015-10-19", title="T", report_type="sif", published_source="text", publisher=None)
    assert ">SIF inspection (2013–2018) · Published 19 October 2015<" in document_heading(old)


def test_a_quoted_list_shows_one_item_a_line_escaped():
    text = "◼ The response to <homeless> 16-year-olds.\n\n◼ Oversight of\nplans."
    html = quote_html(quote_of(hit(text), 0, len(text)))
    assert "“◼ The response to &lt;homeless&gt; 16-year-olds.<br>◼ Oversight of plans.”" in html


def test_a_sentence_grading_practice_good_is_no_judgement_table():
    """Sutton's "… is mostly regular, reflective, comprehensive and of good quality." was drawn as a table of five
    identical rows (every judgement graded good); only lines that state their own judgement make a table."""
    from index.output.grades import judgement_table
    from tests.conftest import make_report

    sutton = make_report("s", "Sutton", "2025-07-29", {key: "good" for key in
                         ("overall_effectiveness", "impact_of_leaders", "help_and_protection", "in_care", "care_leavers")})
    sentence = ("Practitioners report this to be helpful. Management oversight and supervision in Sutton is mostly "
                "regular, reflective, comprehensive and of good quality. Practitioners value it.")
    assert judgement_table(sentence, sutton) == []
    table = ("Judgement Grade\nThe impact of leaders on social work practice with children and families Good\n"
             "The experiences and progress of children who need help and protection Good\n"
             "The experiences and progress of children in care Good\n"
             "The experiences and progress of care leavers Good\nOverall effectiveness Good\n")
    assert len(judgement_table(table, sutton)) == 5


def test_a_cover_above_the_judgement_table_is_shown_as_what_the_report_is_never_marked():
    from app_ui.passages import with_judgement_table

    derby = make_report("d", "Derby City", "2025-07-08", {key: "outstanding" for key in
                        ("overall_effectiveness", "impact_of_leaders", "help_and_protection", "in_care", "care_leavers")},
                        title="Inspection of Derby City local authority children’s services")
    cover = ("Inspection of Derby City local authority children’s services\nInspection dates: 19 to 23 May 2025\n"
             "Lead inspector: Margaret Burke, His Majesty’s Inspector\n")
    table = ("Judgement Grade\nThe impact of leaders on social work practice with children and families Outstanding\n"
             "The experiences and progress of care leavers Outstanding\nOverall effectiveness Outstanding\n")
    html = with_judgement_table(cover + table, [Highlight(0, len(cover))], derby, "iqa-excerpt", mark_rows=False)
    # Its fields, one after another; the title, which the card's heading already gives, not again.
    assert html.startswith('<div class="iqa-meta">Inspection dates: 19 to 23 May 2025 · Lead inspector: Margaret Burke')
    assert "<mark>" not in html and "<table" in html


def test_keeping_a_judgement_table_keeps_its_rows_as_judgements_never_the_cover_or_cells_run_together():
    from index.output.grades import passage_excerpt

    derby = make_report("d", "Derby City", "2025-07-08", {key: "outstanding" for key in
                        ("overall_effectiveness", "impact_of_leaders", "help_and_protection", "in_care", "care_leavers")})
    text = ("Inspection of Derby City local authority children’s services\nInspection dates: 19 to 23 May 2025\n"
            "Judgement Grade\nThe impact of leaders on social work practice with children and families Outstanding\n"
            "The experiences and progress of care leavers Outstanding\nOverall effectiveness Outstanding\n")
    excerpt = passage_excerpt(Hit(Chunk("d", 1, 0, len(text), text), derby, 0.5))
    assert excerpt.text == ("The impact of leaders on social work practice with children and families: Outstanding. "
                            "The experiences and progress of care leavers: Outstanding. Overall effectiveness: Outstanding.")
    assert not excerpt.verbatim and "Inspection dates" not in excerpt.quote


def test_a_digest_item_cites_the_section_its_sentences_leave_whom_they_are_about_to():
    from app_ui.passages import digest_item_html
    from index.search.digest import DigestItem, Finding
    from models import Quote
    report = make_report("d", "Derby", "2025-07-08", report_type="ilacs_standard")
    text = "Children's health needs are well met."
    finding = Finding(quote=Quote(text=text, citation="", document=report, page=6, start=0, end=len(text)), score=0.9,
                      section="Children in care")
    html = digest_item_html(DigestItem(council="Derby", finding=finding, judgement="in_care"))
    assert ", p. 6, section: Children in care</div>" in html
    assert "section:" not in digest_item_html(DigestItem(council="Derby", finding=Finding(
        quote=finding.quote, score=0.9), judgement="in_care"))
