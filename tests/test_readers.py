import io

import docx
import pytest

from errors import UnreadableFileError, UnsupportedFileError
from ingest.readers import decode_text, read_file
from tests.conftest import DATA, write


def test_a_real_ofsted_pdf_reads_page_by_page_without_running_headers():
    pages = read_file(DATA / "staffordshire-ilacs-2019.pdf")
    assert [p.number for p in pages] == list(range(1, 11))
    assert "Staffordshire County Council" in pages[0].text
    assert "Inspection of children’s social care services" not in pages[4].text  # the running header


def test_text_and_markdown_files_are_one_page_without_a_number(tmp_path):
    for name in ("note.txt", "note.md"):
        pages = read_file(write(tmp_path / name, "# Title\r\n\r\nBody about supervision.\r\n"))
        assert len(pages) == 1 and pages[0].number is None
        assert pages[0].text == "# Title\n\nBody about supervision."


def test_docx_paragraphs_and_tables_are_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("Report to the Children's Scrutiny Committee")
    document.add_paragraph("Supervision is now monthly for all social workers.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Care leavers", "Good"
    path = tmp_path / "paper.docx"
    document.save(path)
    text = read_file(path)[0].text
    assert "Supervision is now monthly" in text and "Care leavers | Good" in text


@pytest.mark.parametrize("data", [b"\xff\xfeT\x00e\x00s\x00t\x00", "Café".encode("cp1252"), "Café".encode("utf-8")])
def test_text_encodings_people_save_are_decoded(data):
    assert decode_text(data) in ("Test", "Café")


@pytest.mark.parametrize("name, content, reason", [
    ("empty.pdf", b"", "is empty"),
    ("random.pdf", bytes(range(256)) * 4, "not a PDF"),
    ("saved-page.pdf", b"<!DOCTYPE html><html><body>Report not found</body></html>", "a web page saved as .pdf"),
    ("truncated.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n", "damaged PDF"),
    ("broken.docx", b"PK\x03\x04 this is no zip", "not a readable Word file"),
    # Files that are not what their name claims: text must be text.
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "is a PNG image, not text"),
    ("notes.md", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF, not text"),
    ("data.txt", bytes(range(256)) * 16, "is binary data, not text"),
])
def test_broken_files_raise_one_clear_sentence_naming_the_file(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError) as caught:
        read_file(path)
    message = str(caught.value)
    assert name in message and reason in message
    assert "Traceback" not in message and message.endswith(".")


def test_text_with_the_odd_tab_or_form_feed_is_still_text(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text("Item 1\tSupervision\fItem 2\tCare leavers\n" * 50)
    assert "Supervision" in read_file(path)[0].text


def test_unsupported_files_name_the_formats_that_work(tmp_path):
    with pytest.raises(UnsupportedFileError, match="Save it as PDF"):
        read_file(write(tmp_path / "sheet.xlsx", "x"))


def test_a_pdf_without_any_text_is_reported_as_a_scan(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "scan.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(UnreadableFileError, match="no text layer"):
        read_file(path)
