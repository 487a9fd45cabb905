"""The briefing: excerpts in whole sentences, saved per user on the server, exported as Word and Markdown."""
import io
import json
import sqlite3
from dataclasses import replace
from datetime import datetime, timezone

import docx
import pytest

from errors import BriefingStoreError
from index.output import briefing
from index.output.briefing import Excerpt
from index.output.briefing_export import references, to_docx, to_markdown, typeset
from index.output.briefing_store import BriefingStore, briefings_path
from models import Quote
from models import Chunk, Highlight, Hit
from tests.conftest import make_report

TODAY = datetime(2026, 3, 2, tzinfo=timezone.utc)


def document(council="Derby City", year="2025"):
    return make_report(council.lower()[:16], council, f"{year}-07-08", title="{council} ILACS", sha256="sha",
                       source="/reports/{council}.pdf", inspection_start=f"{year}-05-12",
                       inspection_end=f"{year}-05-23")


def hit(council="Derby City", page=4, start=0, text="Supervision is  regular\nand reflective.", highlights=(),
        end_page=None, page_break=None):
    doc = document(council)
    chunk = Chunk(doc.doc_id, page, start, start + len(text), text, end_page=end_page)
    return Hit(chunk, doc, 0.9, highlights=[Highlight(*h) for h in highlights], page_break=page_break)


PASSAGE = ("council should prioritise their spending on early help. Plans are clear. Managers check them. "
           "Visits are regular. Leaders have a plan to improve the quality of")


def test_a_passage_is_kept_in_whole_sentences_with_the_marked_ones_chosen():
    marked = (PASSAGE.index("Plans"), PASSAGE.index("Managers") - 1)
    excerpt = Excerpt.from_hit(hit(text=PASSAGE, highlights=[marked]))
    # The sentence cut at the start and the one cut at the end are not part of the excerpt at all.
    assert [s.text for s in excerpt.sentences] == ["Plans are clear.", "Managers check them.", "Visits are regular."]
    assert excerpt.text == "Plans are clear."
    assert excerpt.quote == "“Plans are clear.” — Ofsted (2025) Derby City: inspection of local authority children’s services, p. 4"
    assert excerpt.choose([0, 2]).text == "Plans are clear. … Visits are regular."
    assert excerpt.choose([0, 1, 2]).text == "Plans are clear. Managers check them. Visits are regular."
    assert excerpt.choose([]) == excerpt and excerpt.choose([7]) == excerpt


def test_the_citation_gives_the_pages_of_the_chosen_sentences():
    text = "Plans are clear. Managers check\nthem. Visits are regular."
    breaks = text.index("them.")
    excerpt = Excerpt.from_hit(hit(text=text, page=9, end_page=10, page_break=breaks))
    assert excerpt.citation.endswith(", pp. 9–10")
    assert excerpt.choose([0]).citation.endswith(", p. 9")
    assert excerpt.choose([2]).citation.endswith(", p. 10")
    assert excerpt.choose([1]).citation.endswith(", pp. 9–10")


def test_a_quote_across_a_page_break_is_kept_with_both_pages():
    text = "Plans are clear.\nVisits are regular."
    quote = Quote(text=text, citation="", document=document(), page=9, start=30, end=19, end_page=10,
                  page_break=text.index("Visits"))
    excerpt = Excerpt.from_quote(quote)
    assert excerpt.text == "Plans are clear. Visits are regular." and excerpt.citation.endswith(", pp. 9–10")
    assert excerpt.choose([1]).citation.endswith(", p. 10") and excerpt.key == ("derby city", 9, 30)


def test_keep_ignores_a_passage_already_kept_and_remove_insert_and_move_reorder():
    a, b, c = (Excerpt.from_hit(hit(start=s)) for s in (0, 100, 200))
    basket = briefing.keep(briefing.keep(briefing.keep(briefing.keep((), a), b), c), a)
    assert basket == (a, b, c)
    assert briefing.move(basket, 2, -1) == (a, c, b)
    assert briefing.move(basket, 0, -1) == basket and briefing.move(basket, 2, 1) == basket
    assert briefing.remove(basket, 1) == (a, c)
    assert briefing.insert((a, c), 1, b) == basket and briefing.insert((a, b), 5, c) == basket


def test_an_excerpt_round_trips_through_json():
    excerpt = Excerpt.from_hit(hit(text=PASSAGE, highlights=[(60, 70)]))
    assert Excerpt.from_dict(json.loads(json.dumps(excerpt.to_dict()))) == excerpt


def test_references_list_each_report_once_with_dates_and_the_pages_cited():
    basket = tuple(Excerpt.from_hit(h) for h in (hit("Wigan", start=1, page=9), hit("Bury"), hit("Wigan", start=2, page=4)))
    assert references(basket) == [
        "Ofsted (2025) Bury: inspection of local authority children’s services. Inspected 12 to 23 May "
        "2025. Published 8 July 2025. Page cited: 4.",
        "Ofsted (2025) Wigan: inspection of local authority children’s services. Inspected 12 to 23 May "
        "2025. Published 8 July 2025. Pages cited: 4, 9.",
    ]


def test_markdown_export_has_quotes_citations_and_references_with_report_text_made_inert():
    hostile = hit(text="See [x](javascript:alert(1)) and <script>alert(2)</script> *now*.")
    markdown = to_markdown((Excerpt.from_hit(hostile), Excerpt.from_hit(hit("Bury"))), "Scrutiny, March", "jo", TODAY)
    assert markdown.startswith("# Scrutiny, March\n\n*2 excerpts · prepared by jo · 2 March 2026*")
    assert "> — Ofsted (2025) Derby City: inspection of local authority children’s services, p. 4" in markdown
    assert "\\[x\\](javascript:alert(1))" in markdown and "\\<script\\>" in markdown and "\\*now\\*" in markdown
    assert markdown.index("## References") < markdown.index("- Ofsted (2025) Bury")


@pytest.mark.parametrize("basket_size", [0, 2])
def test_docx_export_is_a4_with_words_own_styles_properties_and_references(basket_size):
    basket = tuple(Excerpt.from_hit(hit(c)) for c in ("Derby City", "Bury")[:basket_size])
    word = docx.Document(io.BytesIO(to_docx(basket, "Scrutiny committee, March", "jo.bloggs", TODAY)))
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert word.core_properties.title == "Scrutiny committee, March" and word.core_properties.author == "jo.bloggs"
    styled = [(p.style.name, p.text) for p in word.paragraphs]
    assert styled[0] == ("Title", "Scrutiny committee, March") and styled[1][0] == "Subtitle"
    assert ("Heading 1", "References") in styled
    for excerpt in basket:
        assert ("Quote", f"“{excerpt.text}”") in styled and ("Caption", f"— {typeset(excerpt.citation)}") in styled
    assert sum(style == "Normal" for style, _ in styled) == basket_size  # one reference each


def test_a_grade_kept_without_its_printed_words_is_not_shown_as_a_quotation():
    excerpt = Excerpt.statement(document(), "Care leavers: Good", 1, -1, verbatim=False)
    assert excerpt.quote.startswith("Care leavers: Good — Ofsted (2025)")
    assert "“" not in to_markdown((excerpt,)) and "“" not in "".join(
        p.text for p in docx.Document(io.BytesIO(to_docx((excerpt,)))).paragraphs)


# The store

def test_briefings_are_kept_per_user_and_survive_reopening(tmp_path):
    path = tmp_path / "briefings.sqlite"
    store = BriefingStore(path)
    first = store.current("ana")
    assert first.name == "My briefing" and first.excerpts == ()
    a, b, c = (Excerpt.from_hit(hit(start=s)) for s in (0, 100, 200))
    for excerpt in (a, b, c, a):
        store.keep("ana", first.id, excerpt)
    march = store.create("ana", "  Scrutiny   committee, March ")
    store.keep("ana", march, c)
    reopened = BriefingStore(path)  # a server restart
    assert reopened.current("ana").name == "Scrutiny committee, March"
    assert {br.name: br.excerpts for br in reopened.briefings("ana")} == {
        "Scrutiny committee, March": (c,), "My briefing": (a, b, c)}
    assert reopened.current("ben").excerpts == ()  # another user sees only their own
    with pytest.raises(BriefingStoreError, match="no longer there"):
        reopened.keep("ben", first.id, a)


def test_remove_can_be_undone_and_moves_and_sentence_choices_are_saved(tmp_path):
    store = BriefingStore(tmp_path / "b.sqlite")
    current = store.current("ana")
    a, b, c = (Excerpt.from_hit(hit(start=s, text=PASSAGE)) for s in (0, 100, 200))
    for excerpt in (a, b, c):
        store.keep("ana", current.id, excerpt)
    store.remove("ana", current.id, 1)
    assert store.current("ana").excerpts == (a, c) and store.current("ana").can_undo
    store.undo_remove("ana", current.id)
    assert store.current("ana").excerpts == (a, b, c) and not store.current("ana").can_undo
    store.move("ana", current.id, 0, 1)
    store.replace("ana", current.id, 0, b.choose([2]))
    assert store.current("ana").excerpts == (b.choose([2]), a, c)
    store.remove("ana", current.id, 1, 2)   # a kept table's rows, all at once
    assert store.current("ana").excerpts == (b.choose([2]),)
    store.undo_remove("ana", current.id)
    assert store.current("ana").excerpts == (b.choose([2]), a, c)


def test_an_excerpt_set_aside_before_tables_could_be_removed_whole_is_still_put_back(tmp_path):
    import json
    import sqlite3
    store = BriefingStore(tmp_path / "b.sqlite")
    current = store.current("ana")
    a, b = (Excerpt.from_hit(hit(start=s, text=PASSAGE)) for s in (0, 100))
    store.keep("ana", current.id, a)
    with sqlite3.connect(tmp_path / "b.sqlite") as db:   # as the store wrote an Undo's excerpt before
        db.execute("UPDATE briefings SET removed = ? WHERE id = ?",
                   (json.dumps({"index": 0, "excerpt": b.to_dict()}), current.id))
    store.undo_remove("ana", current.id)
    assert store.current("ana").excerpts == (b, a)


def test_names_are_checked_and_delete_and_rename_work(tmp_path):
    store = BriefingStore(tmp_path / "b.sqlite")
    first = store.current("ana").id
    with pytest.raises(BriefingStoreError, match="already have a briefing called “My briefing”"):
        store.create("ana", "My briefing")
    with pytest.raises(BriefingStoreError, match="needs a name"):
        store.rename("ana", first, "   ")
    second = store.create("ana", "Cabinet")
    store.rename("ana", second, "Cabinet, April")
    store.delete("ana", first)
    assert [b.name for b in store.briefings("ana")] == ["Cabinet, April"]


def test_the_conversation_keeps_its_last_questions(tmp_path):
    store = BriefingStore(tmp_path / "b.sqlite")
    store.save_turns("ana", [(f"question {n}", {"councils": ["Derby"]}) for n in range(25)])
    saved = BriefingStore(tmp_path / "b.sqlite").turns("ana")
    assert len(saved) == 20 and saved[-1].question == "question 24" and saved[0].filters == {"councils": ["Derby"]}
    assert store.turns("ben") == []


def test_a_briefings_file_of_the_format_before_reads_as_it_was_and_is_marked_as_this_one(tmp_path):
    import json

    from index.output.briefing_store import FORMAT_VERSION
    from models import Quote
    from tests.conftest import make_report

    path = tmp_path / "briefings.sqlite"
    store = BriefingStore(path)
    derby = make_report("d", "Derby City", "2025-07-07")
    kept = Excerpt.from_quote(Quote(text="Plans are clear.", citation="", document=derby, page=5, start=0, end=16))
    store.keep("ana", store.current("ana").id, kept)
    with sqlite3.connect(path) as db:   # as format 1 wrote it: no kind, year or grade
        saved = json.loads(db.execute("SELECT excerpts FROM briefings").fetchone()[0])
        for excerpt in saved:
            del excerpt["source"]["kind"], excerpt["source"]["year"], excerpt["graded"]
        db.execute("UPDATE briefings SET excerpts = ?", (json.dumps(saved),))
        db.execute("PRAGMA user_version = 1")
    [read] = BriefingStore(path).current("ana").excerpts
    assert read.text == "Plans are clear." and read.citation == kept.citation and read.source.year is None
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == FORMAT_VERSION == 2


def test_a_file_from_a_later_version_or_not_a_database_is_refused_in_a_sentence(tmp_path):
    later = tmp_path / "later.sqlite"
    with sqlite3.connect(later) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(BriefingStoreError, match="later InspectQA"):
        BriefingStore(later)
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BriefingStoreError, match="move it aside"):
        BriefingStore(garbage)


def test_the_briefings_file_lives_beside_the_index_unless_configured(tmp_path, monkeypatch):
    monkeypatch.delenv("INSPECTQA_BRIEFINGS", raising=False)
    assert briefings_path(tmp_path / "data" / "index") == tmp_path / "data" / "briefings.sqlite"
    monkeypatch.setenv("INSPECTQA_BRIEFINGS", str(tmp_path / "elsewhere.sqlite"))
    assert briefings_path(tmp_path / "data" / "index") == tmp_path / "elsewhere.sqlite"


def test_the_briefings_file_is_readable_by_its_owner_only(tmp_path):
    import stat

    from index.output.briefing_store import BriefingStore

    path = tmp_path / "briefings.sqlite"
    BriefingStore(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o644)   # made by an older version
    BriefingStore(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_digest_kept_whole_exports_as_one_table_and_old_briefings_still_read(tmp_path):
    import docx
    import io

    from index.output.briefing_export import to_docx, to_markdown
    from models import Quote
    from tests.conftest import make_report

    derby, wigan = make_report("d", "Derby City", "2025-07-07"), make_report("w", "Wigan", "2025-11-25")
    table = "How did councils improve supervision? — what each council's latest report says"
    kept = tuple(Excerpt.from_quote(Quote(text=text, citation="", document=report, page=4, start=0, end=len(text)), table=table, council=report.metadata.council)
                 for report, text in ((derby, "Supervision practices have improved."),
                                      (wigan, "Supervision is regular | and reflective.")))
    single = Excerpt.from_quote(Quote(text="Plans are clear.", citation="", document=derby, page=5, start=0, end=16))
    word = docx.Document(io.BytesIO(to_docx((single,) + kept)))
    [exported] = word.tables
    assert [[c.text for c in row.cells] for row in exported.rows] == [
        ["Council", "What it says", "Citation"],
        ["Derby City", "“Supervision practices have improved.”", typeset(kept[0].citation)],
        ["Wigan", "“Supervision is regular | and reflective.”", typeset(kept[1].citation)]]
    assert [p.text for p in word.paragraphs if p.style.name == "Quote"] == ["“Plans are clear.”"]
    markdown = to_markdown((single,) + kept)
    assert "| Wigan | “Supervision is regular \\| and reflective.” |" in markdown
    # an excerpt kept on its own after the table is under a heading of its own, not the table's
    after = docx.Document(io.BytesIO(to_docx(kept + (single,))))
    assert [(p.style.name, p.text) for p in after.paragraphs if p.style.name in ("Heading 2", "Quote")] == [
        ("Heading 2", table), ("Heading 2", "Other excerpts"), ("Quote", "“Plans are clear.”")]
    assert "**Other excerpts**" in to_markdown(kept + (single,)) and "Other excerpts" not in markdown
    saved = single.to_dict()
    del saved["table"], saved["section"]   # a briefing saved before tables and sections
    assert Excerpt.from_dict(saved) == single


def test_a_digest_or_timeline_kept_whole_shows_its_grades_and_a_timeline_its_reports_not_one_council_again():
    import io

    import docx

    from index.output.briefing import keep
    from index.output.briefing_export import to_docx, to_markdown
    from models import Quote
    from tests.conftest import make_report

    def kept(report, text, table, graded):
        quote = Quote(text=text, citation="", document=report, page=4, start=0, end=len(text))
        return Excerpt.from_quote(quote, table=table, council=report.metadata.council, graded=graded)

    d22 = make_report("d22", "Derby City", "2022-05-11", report_type="ilacs_short")
    d25 = make_report("d25", "Derby City", "2025-07-07", report_type="ilacs_standard")
    wigan = make_report("w", "Wigan", "2025-11-25", report_type="ilacs_standard")
    digest = (kept(d25, "Care leavers thrive.", "Care leavers", "Care leavers: Outstanding"),
              kept(wigan, "Care leavers are seen often.", "Care leavers", "Care leavers: Good"))
    timeline = (kept(d22, "Advisers are persistent.", "Derby City over time", "Children in care and care leavers: Good"),
                kept(d25, "Care leavers thrive.", "Derby City over time", "Care leavers: Outstanding"))
    word = docx.Document(io.BytesIO(to_docx(digest + timeline)))
    across, over_time = ([[c.text for c in row.cells] for row in t.rows] for t in word.tables)
    assert across[0] == ["Council", "Grade", "What it says", "Citation"]
    assert across[1][:3] == ["Derby City", "Care leavers: Outstanding", "“Care leavers thrive.”"]
    assert over_time[0] == ["Report", "Grade", "What it says", "Citation"]
    assert [row[:2] for row in over_time[1:]] == [["2022, ILACS short inspection", "Children in care and care leavers: Good"],
                                                  ["2025, ILACS standard inspection", "Care leavers: Outstanding"]]
    assert [round(cell.width.mm) for cell in word.tables[0].rows[1].cells] == [28, 30, 62, 40]
    assert "| Report | Grade | What it says | Citation |" in to_markdown(timeline)
    # a timeline kept before excerpts recorded their report's year and kind names its rows by the council, as it did
    older = tuple(replace(e, source=replace(e.source, year=None, kind="")) for e in timeline)
    assert "| Council | Grade | What it says | Citation |" in to_markdown(older)
    # Copy all gives the same rows as paragraphs a paper can take: title, then each row with its grade and citation
    from index.output.briefing_export import run_text
    copied = run_text(digest).split("\n\n")
    assert copied[0] == "Care leavers"
    assert copied[1].startswith("Derby City (Care leavers: Outstanding): “Care leavers thrive.” — Ofsted (2025) ")
    assert copied[2].startswith("Wigan (Care leavers: Good): “Care leavers are seen often.” — ") and copied[2].endswith("p. 4\n")
    assert run_text(timeline).split("\n\n")[1].startswith("2022, ILACS short inspection (Children in care and care")
    # a quote kept on its own before moves into the table when the whole digest is kept
    loose = Excerpt.from_quote(Quote(text="Care leavers thrive.", citation="", document=d25, page=4, start=0, end=20))
    basket = keep(keep((), loose), digest[0])
    assert basket == (digest[0],)


def test_a_kept_finding_cites_the_section_its_sentences_leave_whom_they_are_about_to():
    import io

    import docx

    from index.output.briefing_export import to_docx
    from models import Quote
    from tests.conftest import make_report

    derby = make_report("d", "Derby City", "2025-07-07", title="Inspection of Derby", report_type="ilacs_standard")
    quote = Quote(text="Children's health needs are well met.", citation="", document=derby, page=6, start=0, end=37)
    kept = Excerpt.from_quote(quote, table="Health needs", council="Derby City", section="Children in care")
    assert kept.citation.endswith(", p. 6, section: Children in care")
    assert Excerpt.from_dict(kept.to_dict()) == kept
    [table] = docx.Document(io.BytesIO(to_docx((kept,)))).tables
    assert table.rows[1].cells[2].text.endswith("section: Children in care")


def test_the_word_file_is_british_english_in_one_font_without_a_stock_thumbnail_or_a_repeated_title():
    import io
    import zipfile

    import docx
    from docx.oxml.ns import qn

    from index.output.briefing_export import to_docx
    from models import Quote
    from tests.conftest import make_report

    report = make_report("l", "Lewisham", "2024-01-31", title="Inspection of Lewisham local authority children's services",
                         report_type="ilacs_standard")
    excerpt = Excerpt.from_quote(Quote(text="Plans are clear.", citation="", document=report, page=5, start=0, end=16))
    data = to_docx((excerpt,))
    word = docx.Document(io.BytesIO(data))
    normal = word.styles["Normal"].element.rPr
    assert normal.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    assert word.styles["Normal"].font.name == "Arial"
    assert not [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if "thumbnail" in n]
    [entry] = [p.text for p in word.paragraphs if p.style.name == "Normal" and p.text.startswith("Ofsted")]
    assert entry.count("Lewisham") == 1 and "'" not in entry, entry
    [caption] = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert "children’s" in caption and "'" not in caption, caption


def test_a_title_that_adds_only_the_councils_formal_name_is_not_repeated_in_the_reference():
    from index.output.briefing_export import references
    from models import Quote
    from tests.conftest import make_report

    sutton = make_report("s", "Sutton", "2025-07-29", report_type="ilacs_standard",
                         title="Inspection of London Borough of Sutton local authority children’s services")
    [entry] = references((Excerpt.from_quote(Quote(text="Plans are clear.", citation="", document=sutton, page=5,
                                                   start=0, end=16)),))
    assert "London Borough" not in entry and entry.count("inspection of local authority children’s services") == 1, entry


def test_keeping_the_quote_and_its_passage_is_said_to_repeat():
    from models import Quote

    passage = Excerpt.from_hit(hit(text=PASSAGE, highlights=[(0, 10)]))
    first = passage.sentences[passage.chosen[0]].text
    quote = Excerpt.from_quote(Quote(text=first, citation="", document=document(), page=4, start=1, end=1 + len(first)))
    assert briefing.repeats((passage,), quote)
    assert not briefing.repeats((passage,), passage) and not briefing.repeats((), quote)


def test_an_excerpt_in_our_words_is_not_set_as_a_quotation_in_word():
    import io

    import docx

    from models import Document, DocumentMetadata

    report = Document(doc_id="d", sha256="s", kind="pdf", sources=["/d.pdf"], metadata=DocumentMetadata(council="Derby"))
    ours = Excerpt.statement(report, "Care leavers: Outstanding", 1, -1, verbatim=False)
    word = docx.Document(io.BytesIO(to_docx((ours,))))
    assert [(p.style.name, p.text) for p in word.paragraphs if p.text == "Care leavers: Outstanding"] == [
        ("Normal", "Care leavers: Outstanding")]


def test_a_quotation_within_a_quote_is_nested_not_doubled():
    from index.output.citation import quoted
    from models import Quote
    from tests.conftest import make_report

    # a report quoting a child: shown “‘We have …’”, never “"We have …" (the text and its offsets stay the report's)
    assert quoted('"We have been helped a lot," said one care leaver.') == "“‘We have been helped a lot,’ said one care leaver.”"
    assert quoted("The “front door” (\"MASH\") works. It’s good.") == "“The ‘front door’ (‘MASH’) works. It’s good.”"
    assert quoted('It was—"amazing"; inspectors:"I feel safe".') == "“It was—‘amazing’; inspectors:‘I feel safe’.”"
    text = '"We have been helped," said one.'
    excerpt = Excerpt.from_quote(Quote(text=text, citation="", document=make_report("d", "Derby"), page=2, start=0,
                                       end=len(text)))
    assert excerpt.quote.startswith("“‘We have been helped,’ said one.” — ") and excerpt.text == text


def test_a_lists_items_stay_on_lines_of_their_own_in_both_exports():
    from index.output.briefing_export import to_docx, to_markdown
    from models import Quote
    from tests.conftest import make_report

    text = "◼ The quality of support for care leavers.\n\n◼ Risks to care leavers' welfare."
    excerpt = Excerpt.from_quote(Quote(text=text, citation="", document=make_report("d", "Harrow", "2025-03-04"),
                                       page=2, start=0, end=len(text)))
    assert excerpt.text == "◼ The quality of support for care leavers.\n◼ Risks to care leavers' welfare."
    # set out as a paper lists them: each item quoted after a bullet (Word's own List Bullet), not the report's marks
    # inside one quotation
    word = docx.Document(io.BytesIO(to_docx((excerpt,))))
    assert [p.text for p in word.paragraphs if p.style.name == "List Bullet"] == [
        "“The quality of support for care leavers.”", "“Risks to care leavers' welfare.”"]
    assert not [p for p in word.paragraphs if p.style.name == "Quote"]
    assert "> • “The quality of support for care leavers.”  \n> • “Risks to care leavers' welfare.”" in to_markdown((excerpt,))
    assert excerpt.quote.startswith("• “The quality of support for care leavers.”\n• “Risks")   # Copy quote
    assert excerpt.text.startswith("◼ The quality")   # what the report prints stays the excerpt's text


def test_a_digest_item_kept_alone_exports_with_its_grade():
    from index.output.briefing_export import to_docx, to_markdown
    from models import Quote
    from tests.conftest import make_report

    text = "Care leavers are supported well."
    excerpt = Excerpt.from_quote(Quote(text=text, citation="", document=make_report("g", "Gateshead", "2025-01-29"),
                                       page=9, start=0, end=len(text)), graded="Care leavers: Good")
    word = docx.Document(io.BytesIO(to_docx((excerpt,))))
    assert [p.text for p in word.paragraphs if p.style.name == "Caption"][0].endswith(", p. 9 (Care leavers: Good)")
    assert "p. 9 (Care leavers: Good)" in to_markdown((excerpt,))


@pytest.mark.parametrize("chosen, shown", [
    ((0, 1, 2, 3), "• “First item. It goes on.”\n• “Second item.”\n• “Third item.”"),
    ((0, 3), "• “First item.”\n• “Third item.”"),   # an item left out is no cut in the one before it
    ((2,), "• “Second item.”"),                     # one item: its own quotation, without the report's mark
    ((1, 2), "• “… It goes on.”\n• “Second item.”"),   # an item kept from its second sentence
])
def test_a_lists_kept_items_are_each_a_quotation_after_a_bullet(chosen, shown):
    from models import Quote
    from tests.conftest import make_report
    text = "◼ First item. It goes on.\n\n◼ Second item.\n\n◼ Third item."
    excerpt = Excerpt.from_quote(Quote(text=text, citation="", document=make_report("d", "Harrow", "2025-03-04"),
                                       page=2, start=0, end=len(text)))
    assert excerpt.choose(chosen).shown == shown
    plain = Excerpt.from_quote(Quote(text="Plans are good.", citation="", document=make_report("d", "Harrow"), page=2,
                                     start=0, end=15))
    assert plain.items == [] and plain.shown == "“Plans are good.”"


def test_a_grade_list_kept_whole_keeps_what_each_council_was_judged_since():
    from index.output.briefing_export import run_text, to_docx, to_markdown
    from tests.conftest import make_report

    def kept(council, since):
        statement = Excerpt.statement(make_report(council[:2], council, "2016-06-27"),
                                      f"Overall effectiveness in {council}: Inadequate", 1, -1, verbatim=False)
        return replace(statement, table="Councils judged Inadequate for overall effectiveness", since=since)

    grades = (kept("Bromley", "Outstanding (2024)"), kept("Derby", None))
    word = docx.Document(io.BytesIO(to_docx(grades)))
    [grid] = word.tables
    assert [c.text for c in grid.rows[0].cells] == ["Council", "What it says", "Since", "Citation"]
    assert [row.cells[2].text for row in grid.rows[1:]] == ["Outstanding (2024)", "—"]
    assert sum(round(cell.width.mm) for cell in grid.rows[1].cells) == 160
    assert "| Council | What it says | Since | Citation |" in to_markdown(grades)
    assert "Overall effectiveness in Bromley: Inadequate — Ofsted (2016) " in run_text(grades)
    assert run_text(grades).split("\n\n")[1].endswith(" Since: Outstanding (2024).")
    assert "Since" not in run_text(grades).split("\n\n")[2]
    assert Excerpt.from_dict(grades[0].to_dict()) == grades[0]


def test_a_numbered_list_kept_keeps_its_numbers_each_item_quoted():
    """Bracknell Forest 2017's recommendations: "1." is read as a sentence of its own, and joined to its words."""
    from index.output.briefing_export import to_docx
    from models import Quote
    from tests.conftest import make_report
    text = "1. Ensure plans are reviewed.\n\n2. Ensure visits happen. They are recorded.\n\n3. Improve life-story books."
    excerpt = Excerpt.from_quote(Quote(text=text, citation="", document=make_report("b", "Bracknell Forest", "2017-06-01"),
                                       page=7, start=0, end=len(text)))
    assert [s.text for s in excerpt.sentences][:2] == ["1. Ensure plans are reviewed.", "2. Ensure visits happen."]
    assert excerpt.shown == ("1. “Ensure plans are reviewed.”\n2. “Ensure visits happen. They are recorded.”\n"
                             "3. “Improve life-story books.”")
    word = docx.Document(io.BytesIO(to_docx((excerpt,))))
    assert [p.text for p in word.paragraphs if p.style.name == "List Paragraph"][0] == "1. “Ensure plans are reviewed.”"
    # one numbered paragraph is a finding, not a list: quoted as it is
    one = Excerpt.from_quote(Quote(text="12. Children are seen.", citation="", document=make_report("b", "Bracknell Forest"),
                                   page=7, start=0, end=22))
    assert one.items == [] and one.shown == "“12. Children are seen.”"
