"""The briefing basket and its exports: every excerpt with its citation, then a reference list."""
import io

import docx
import pytest

from index import briefing
from index.briefing import Excerpt
from index.citation import quote
from models import Chunk, Document, DocumentMetadata, Hit


def hit(council="Derby City", page=4, start=0, text="Supervision is  regular\nand reflective.", year="2025"):
    meta = DocumentMetadata(title=f"{council} ILACS", council=council, publisher="Ofsted", report_type="ilacs_standard",
                            published=f"{year}-03-01")
    document = Document(council.lower()[:16], "sha", "pdf", [f"/reports/{council}.pdf"], meta)
    return Hit(Chunk(document.doc_id, page, start, start + len(text), text), document, 0.9)


def test_an_excerpt_is_the_clean_quote_with_its_citation():
    excerpt = Excerpt.from_hit(hit())
    assert excerpt.text == "Supervision is regular and reflective."
    assert excerpt.citation == "Ofsted (2025) Derby City: inspection of local authority children's services, p. 4"
    assert excerpt.quote == quote(hit())


def test_keep_ignores_a_passage_already_kept_and_remove_and_move_reorder():
    a, b, c = (Excerpt.from_hit(hit(start=s)) for s in (0, 100, 200))
    basket = briefing.keep(briefing.keep(briefing.keep(briefing.keep((), a), b), c), a)
    assert basket == (a, b, c)
    assert briefing.move(basket, 2, -1) == (a, c, b)
    assert briefing.move(basket, 0, -1) == basket and briefing.move(basket, 2, 1) == basket
    assert briefing.remove(basket, 1) == (a, c)


def test_references_list_each_document_once_alphabetically():
    basket = tuple(Excerpt.from_hit(h) for h in (hit("Wigan", start=1), hit("Bury"), hit("Wigan", start=2)))
    assert briefing.references(basket) == [
        "Ofsted (2025) Bury: inspection of local authority children's services",
        "Ofsted (2025) Wigan: inspection of local authority children's services",
    ]


def test_markdown_export_has_quotes_citations_and_references_with_report_text_made_inert():
    hostile = hit(text="See [x](javascript:alert(1)) and <script>alert(2)</script> *now*.")
    markdown = briefing.to_markdown((Excerpt.from_hit(hostile), Excerpt.from_hit(hit("Bury"))))
    assert "> — Ofsted (2025) Derby City: inspection of local authority children's services, p. 4" in markdown
    assert "\\[x\\](javascript:alert(1))" in markdown and "\\<script\\>" in markdown and "\\*now\\*" in markdown
    assert markdown.index("## References") < markdown.index("- Ofsted (2025) Bury")


@pytest.mark.parametrize("basket_size", [0, 2])
def test_docx_export_opens_in_word_with_excerpts_citations_and_references(basket_size):
    basket = tuple(Excerpt.from_hit(hit(c)) for c in ("Derby City", "Bury")[:basket_size])
    document = docx.Document(io.BytesIO(briefing.to_docx(basket)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "References" in text
    for excerpt in basket:
        assert f"“{excerpt.text}”" in text and f"— {excerpt.citation}" in text and excerpt.reference in text
