"""An editor's correction of a report's council, type and dates (Store.correct): checked, stored as the editor's,
seen by the next search, kept when the same file is added again, and cited as stated (no "c.")."""
import io
import shutil
import sqlite3
from datetime import datetime

import pytest

from errors import CorrectionError, NotADateError, UnknownCouncilError, UnknownReportTypeError
from index.output.briefing import Excerpt
from index.output.briefing_export import references, to_docx, to_markdown
from index.output.citation import citation, published_words, set_by_editor
from index.search.searcher import Filters
from index.storage.store import DB_NAME, FORMAT_VERSION, Store
from index.storage.vectors import VectorIndex
from ingest.pipeline import ingest_paths
from models import Chunk, Hit
from tests.conftest import BURY, DATA, add_report, write

STAFFORDSHIRE = DATA / "staffordshire-ilacs-2019.pdf"   # its 2019 report prints no publication date


@pytest.fixture
def report(tmp_path, store, embedder):
    """The Staffordshire report under a hashed-looking name, as an upload is kept: its date only estimated."""
    path = tmp_path / "files" / "aea8cf6c9b2d30b8.pdf"
    path.parent.mkdir()
    shutil.copy(STAFFORDSHIRE, path)
    assert not ingest_paths([path], store, embedder).failures
    return path


@pytest.fixture
def estimated(store):
    """The same report's metadata as ingest reads it, without reading the file (fast)."""
    return add_report(store, None, "aea8cf6c9b2d30b8", "Staffordshire", "2019-03-07", pages=["Supervision is regular."],
                      report_type="ilacs_short", published_source="pdf-metadata", inspection_start="2019-02-04",
                      inspection_end="2019-02-08")


def corrected(store: Store, doc_id: str, changes: dict, editor: str = "eddie"):
    with store.writer():
        return store.correct(doc_id, changes, editor)


def test_a_correction_is_stored_as_the_editors_and_seen_by_the_next_search(report, store, searcher):
    (document,) = searcher.catalogue().documents.values()
    assert (document.metadata.published, document.metadata.published_source) == ("2019-03-07", "pdf-metadata")
    assert document.metadata.report_type == "ilacs_short"
    corrected(store, document.doc_id, {"published": "2019-02-26", "report_type": "ilacs_standard",
                                       "council": "Staffordshire County Council"})

    meta = Store.open(store.path).document(document.doc_id).metadata   # as stored on disk
    assert (meta.published, meta.published_source, meta.published_estimated) == ("2019-02-26", "editor", False)
    assert (meta.report_type, meta.council) == ("ilacs_standard", "Staffordshire")   # spelled as Ofsted does
    assert set(meta.corrections) == {"published", "report_type", "council"}
    assert meta.corrections["published"].read == "2019-03-07" and meta.corrections["report_type"].read == "ilacs_short"
    assert meta.corrections["published"].editor == "eddie"
    assert datetime.fromisoformat(meta.corrections["published"].at).tzinfo is not None
    assert set_by_editor(meta).startswith("council, report type and publication date set by eddie on ")

    # The searcher's catalogue follows the generation, as after a delete: the filters see the new type at once.
    now = searcher.catalogue().documents[document.doc_id].metadata
    assert (now.published, now.report_type) == ("2019-02-26", "ilacs_standard")
    response = searcher.ask("supervision of social workers", Filters(report_types=("ilacs_standard",)))
    assert response.hits and {hit.document.metadata.published for hit in response.hits} == {"2019-02-26"}
    assert store.check() == []


def test_a_correction_carries_the_vector_file_forward_rather_than_rebuilding_it(estimated, store, searcher,
                                                                                monkeypatch):
    doc_id = store.documents()[0].doc_id
    store.flush_vectors()
    before = store.generation()

    def no_rebuild(self):
        raise AssertionError("the FAISS index was rebuilt for a change that moved no passage")

    monkeypatch.setattr(VectorIndex, "_build", no_rebuild)
    corrected(store, doc_id, {"published": "2019-02-26"})
    assert [f.name for f in store.path.glob("vectors-*.faiss")] == [f"vectors-{before + 1}.faiss"]
    assert Store.open(store.path).vector_index().ntotal == store.documents()[0].n_chunks
    assert searcher.ask("supervision").hits


def test_adding_the_same_file_again_keeps_the_editors_correction(report, store, embedder, tmp_path):
    doc_id = store.documents()[0].doc_id
    corrected(store, doc_id, {"published": "2019-02-26"})

    def published() -> tuple[str, str]:
        (document,) = store.documents()
        return document.metadata.published, document.metadata.published_source

    assert ingest_paths([report], store, embedder).count("unchanged") == 1
    copy = shutil.copy(report, tmp_path / "files" / "staffordshire again.pdf")
    assert ingest_paths([copy], store, embedder).count("duplicate") == 1
    assert published() == ("2019-02-26", "editor")
    # Deleted and added again: the row is new, the editor's value comes back over the estimate read afresh.
    with store.writer():
        store.delete_document(doc_id)
    assert ingest_paths([report], store, embedder).count("added") == 1
    assert published() == ("2019-02-26", "editor")
    assert store.documents()[0].metadata.corrections["published"].read == "2019-03-07"
    assert store.check() == []


def test_a_changed_file_is_new_content_and_is_read_afresh(tmp_path, store, embedder):
    path = write(tmp_path / "docs" / "bury.txt", BURY)
    ingest_paths([path], store, embedder)
    corrected(store, store.documents()[0].doc_id, {"published": "2023-05-15"})
    write(path, BURY + "\nA later paragraph.\n")
    assert ingest_paths([path], store, embedder).count("replaced") == 1
    (document,) = store.documents()
    assert (document.metadata.published, document.metadata.published_source) == ("2023-05-12", "text")
    assert document.metadata.corrections == {}


@pytest.mark.parametrize(("changes", "error", "words"), [
    ({"published": "2019-02-30"}, NotADateError, "“2019-02-30” is not a date for the publication date"),
    ({"published": "26/02/2019"}, NotADateError, "give a real date as YYYY-MM-DD"),
    ({"inspection_start": "20190204"}, NotADateError, "for the first day of the inspection"),
    ({"published": "2999-01-01"}, NotADateError, "is in the future"),
    ({"inspection_end": "2019-01-01"}, CorrectionError, "An inspection cannot end (2019-01-01) before it starts"),
    ({"published": "2019-02-26", "council": "Narnia"}, UnknownCouncilError,
     "“Narnia” is neither an English council"),
    ({"council": ""}, UnknownCouncilError, "is neither an English council"),
    ({"report_type": "inspection"}, CorrectionError, "use one of ilacs_standard, ilacs_short"),
    ({"title": "Another title"}, CorrectionError, "The title of a report cannot be corrected here"),
])
def test_a_correction_that_cannot_be_right_is_refused_in_a_sentence_and_changes_nothing(estimated, store, changes,
                                                                                        error, words):
    document, generation = store.documents()[0], store.generation()
    with pytest.raises(error) as refused:
        corrected(store, document.doc_id, changes)
    message = str(refused.value)
    assert words in message and message.endswith("nothing was changed.") and "\n" not in message
    assert store.documents()[0].metadata == document.metadata and store.generation() == generation


def test_a_correction_names_its_editor(estimated, store):
    with pytest.raises(CorrectionError, match="must name the editor"):
        corrected(store, store.documents()[0].doc_id, {"published": "2019-02-26"}, editor="  ")


def test_a_council_another_report_holds_is_accepted_as_that_report_spells_it(estimated, store):
    add_report(store, None, "jersey", "States of Jersey", "2024-03-01", pages=["Children in Jersey."],
               report_type="other")
    doc_id = next(d.doc_id for d in store.documents() if d.doc_id != "jersey")
    assert corrected(store, doc_id, {"council": "states of jersey"}).metadata.council == "States of Jersey"
    with pytest.raises(UnknownReportTypeError):
        corrected(store, doc_id, {"report_type": "Ofsted"})


def test_an_index_of_format_version_1_is_upgraded_in_place_when_opened(estimated, store):
    with sqlite3.connect(store.path / DB_NAME) as db:
        db.execute("DROP TABLE corrections")
        db.execute("UPDATE meta SET value = '1' WHERE key = 'format_version'")
    reopened = Store.open(store.path)
    assert reopened.stats()["format_version"] == FORMAT_VERSION == 2
    corrected(reopened, reopened.documents()[0].doc_id, {"published": "2019-02-26"})
    assert reopened.documents()[0].metadata.published_source == "editor"


def test_citations_and_exports_state_an_editors_date_without_c(store):
    """An estimated date is left out of a council's paper; once an editor states it, it is cited as a fact."""
    report = add_report(store, None, "s2019", "Stafford", "2019-03-07", pages=["Supervision is regular and helpful."],
                        published_source="pdf-metadata", inspection_start="2019-02-04", inspection_end="2019-02-08")

    def hit() -> Hit:
        document = store.document(report.doc_id)
        return Hit(Chunk(document.doc_id, 1, 0, 35, "Supervision is regular and helpful."), document, 1.0)

    assert published_words(hit().document.metadata) == "c. 7 March 2019"
    assert "Published" not in references((Excerpt.from_hit(hit()),))[0]

    corrected(store, report.doc_id, {"published": "2019-02-26", "council": "Staffordshire"})
    excerpt = Excerpt.from_hit(hit())
    assert published_words(hit().document.metadata) == "26 February 2019"
    assert citation(hit()) == ("Ofsted (2019) Staffordshire: inspection of local authority children’s services, p. 1")
    markdown = to_markdown((excerpt,))
    assert "Published 26 February 2019." in markdown and "c. " not in markdown and "Stafford:" not in markdown
    import docx

    word = "\n".join(p.text for p in docx.Document(io.BytesIO(to_docx((excerpt,)))).paragraphs)
    assert "Inspected 4 to 8 February 2019. Published 26 February 2019." in word and "c. " not in word
    assert "— Ofsted (2019) Staffordshire: inspection of local authority children’s services, p. 1" in word
