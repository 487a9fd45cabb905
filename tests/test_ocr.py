"""Scanned pages are read by Tesseract, marked as OCR text, and cited as such."""
import pytest

from index.output.citation import citation
from ingest import ocr
from ingest.pipeline import ingest_paths
from ingest.readers import read_file
from tests import hostile

pytestmark = pytest.mark.skipif(not ocr.available(), reason="Tesseract OCR is not installed (apt-get install tesseract-ocr)")


def test_an_image_only_page_is_read_by_ocr_and_marked(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(hostile.scanned_pdf())
    (page,) = read_file(path)
    assert page.ocr and page.number == 1
    assert "Supervision is regular." in page.text and "Care leavers have advisers." in page.text


def test_pages_with_a_text_layer_are_not_ocred(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(hostile.good_pdf())
    assert not any(page.ocr for page in read_file(path))


def test_a_passage_from_a_scanned_page_is_cited_as_ocr_text(tmp_path, store, searcher, embedder):
    (tmp_path / "scan.pdf").write_bytes(hostile.scanned_pdf())
    (tmp_path / "typed.pdf").write_bytes(hostile.good_pdf())
    ingest_paths([tmp_path], store, embedder)
    hits = {h.document.source.rsplit("/", 1)[-1]: h for h in searcher.search("supervision regular", k=5)}
    assert citation(hits["scan.pdf"]).endswith(", p. 1 (OCR text)")
    assert "OCR" not in citation(hits["typed.pdf"])
