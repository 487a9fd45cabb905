"""The real app driven by Streamlit's AppTest: ask, keep, export, upload, delete.

Most tests use a small index built with the fast HashingEmbedder (the app loads its model through
index.opening.load_embedder, patched here); one runs the bundled MiniLM over the shared seed documents.
"""
import io
import json

import docx
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from index.opening import open_for_writing
from index.output.briefing_export import typeset
from ingest.pipeline import ingest_paths
from tests.app_driver import ask, html, quotes, start, texts
from tests.conftest import BURY, DATA, SEEDS

pytestmark = pytest.mark.slow  # the whole app, or several processes, per test: not in the quick loop


def quote_card(app: AppTest) -> str | None:
    """What the "From the report" card's Copy quote button puts on the clipboard, if there is the card."""
    return next((json.loads(element.proto.json)["text"] for element in app.get("bidi_component")
                 if element.key.startswith("copy-quote")), None)


def upload(app: AppTest, *files: tuple[str, bytes]) -> AppTest:
    app.switch_page("app_ui/pages/library.py").run()
    app.file_uploader[0].set_value([(name, data, "application/octet-stream") for name, data in files]).run()
    assert not app.exception
    return app


def test_a_question_is_answered_with_cited_passages(library):
    app = ask(start(), "Is supervision regular in Bury?")
    assert app.chat_message[0].name == "user" and app.chat_message[1].name == "assistant"
    assert '<div class="iqa-head"><b>Bury</b>' in html(app)
    assert "<mark>" in html(app)
    # The passage's marked sentence, never the heading lines above it run into it.
    assert quotes(app)[0].startswith("“Supervision is regular and reflective.” — Bury: inspection")
    assert "1 passage from 1 document" in texts(app.caption)  # a question naming Bury is about Bury's reports
    assert "Read as: supervision regular, in Bury's reports" in texts(app.caption)
    # The report's own sentence, whole, without the heading lines above it.
    assert quote_card(app) == "“Supervision is regular and reflective.” — Bury: inspection of local authority children's services (2023)"


def test_a_follow_up_is_read_in_the_context_of_the_question_before(library):
    app = ask(ask(start(), "supervision in Wigan"), "what about care leavers?")
    assert "Read as: care leavers, in Wigan's reports" in texts(app.caption)
    assert len(app.chat_message) == 4  # both questions and answers stay in the conversation


def test_a_filter_set_after_asking_re_runs_the_question(library):
    app = ask(start(), "supervision")
    assert len(quotes(app)) == 2
    app.multiselect(key="filter_councils").set_value(["Wigan"]).run()
    assert len(quotes(app)) == 1 and "Wigan" in quotes(app)[0]
    assert "Only: Wigan" in texts(app.caption)


def test_an_acronym_in_the_question_is_also_searched_as_the_reports_spell_it(library):
    app = ask(start(), "What do PAs do for care leavers?")
    assert "Also searched as the reports write it: PA = personal advisers" in texts(app.caption)
    assert any("personal advisers" in quote for quote in quotes(app))


def test_report_text_with_script_or_markdown_links_renders_inert(library):
    app = ask(start(), "Wigan pathway plans javascript click")
    page = html(app)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page and "<script" not in page
    assert "[click here](javascript:alert(1))" in page and "<a " not in page
    # Document text never reaches Markdown (the question's own words, escaped, are in "Read as").
    assert all("javascript:" not in element.value for element in (*app.markdown, *app.caption))


def test_keep_then_export_the_briefing_as_docx_and_markdown(library, monkeypatch):
    downloads = {}
    original_add = MediaFileManager.add

    def capture(self, data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        downloads[file_name] = data
        return original_add(self, data, mimetype, coordinates, file_name, is_for_static_download)

    monkeypatch.setattr(MediaFileManager, "add", capture)
    app = ask(start(), "Is supervision regular in Bury?")
    kept_quote = quotes(app)[0]
    app.button(key="keep-0-1").click().run()
    assert app.button(key="keep-0-1").label == "Kept ✓"

    app.switch_page("app_ui/pages/briefing.py").run()
    assert not app.exception
    word = docx.Document(io.BytesIO(downloads["my-briefing.docx"]))
    text = "\n".join(paragraph.text for paragraph in word.paragraphs)
    excerpt, citation = kept_quote.rsplit(" — ", 1)
    assert excerpt in text and f"— {typeset(citation)}" in text and "References" in text
    assert excerpt[1:40] in downloads["my-briefing.md"].decode()


def test_the_basket_reorders_and_removes(library):
    app = ask(start(), "supervision")
    app.button(key="keep-0-1").click().run()
    app.button(key="keep-0-2").click().run()
    first, second = quotes(app)
    app.switch_page("app_ui/pages/briefing.py").run()
    assert first[1:30] in html(app).split('class="iqa-excerpt"')[1]
    app.button(key="down-0").click().run()
    assert second[1:30] in html(app).split('class="iqa-excerpt"')[1]
    app.button(key="remove-0").click().run()
    assert html(app).count('class="iqa-excerpt"') == 1
    app.button(key="undo-remove").click().run()  # Undo puts it back where it was
    assert html(app).count('class="iqa-excerpt"') == 2 and second[1:30] in html(app).split('class="iqa-excerpt"')[1]


def test_the_briefing_and_the_conversation_survive_a_reload(library):
    app = ask(start(), "supervision")
    app.button(key="keep-0-1").click().run()
    app.button(key="keep-0-2").click().run()
    app.multiselect(key="filter_councils").set_value(["Wigan"]).run()
    kept = quotes(app)[0]
    # A reload is a new session: nothing in st.session_state, the same user, the same server files.
    reloaded = start()
    assert reloaded.chat_message[0].text[0].value == "supervision"  # the conversation is asked again
    assert reloaded.multiselect(key="filter_councils").value == ["Wigan"] and quotes(reloaded) == [kept]
    reloaded.switch_page("app_ui/pages/briefing.py").run()
    assert html(reloaded).count('class="iqa-excerpt"') == 2
    reloaded.switch_page("app_ui/pages/ask.py").run()
    reloaded.button(key="new_conversation").click().run()
    assert not start().chat_message


def test_named_briefings_keep_their_own_excerpts(library):
    app = ask(start(), "supervision")
    app.button(key="keep-0-1").click().run()
    app.switch_page("app_ui/pages/briefing.py").run()
    app.text_input(key="briefing_new_name").set_value("Scrutiny committee, March")
    app.button(key="FormSubmitter:briefing_new-Create").click().run()
    assert not app.exception and "This briefing is empty." in texts(app.info)
    assert app.selectbox(key="briefing_choice").format_func(app.selectbox(key="briefing_choice").value) == \
        "Scrutiny committee, March (0 excerpts)"
    app.switch_page("app_ui/pages/ask.py").run()
    app.button(key="keep-0-2").click().run()
    app.switch_page("app_ui/pages/briefing.py").run()
    assert html(app).count('class="iqa-excerpt"') == 1
    assert sorted(app.selectbox(key="briefing_choice").options) == ["My briefing (1 excerpt)", "Scrutiny committee, March (1 excerpt)"]


def test_an_excerpt_can_be_widened_to_its_whole_passage(library):
    app = ask(start(), "Is supervision regular in Bury?")
    app.button(key="keep-0-1").click().run()
    app.switch_page("app_ui/pages/briefing.py").run()
    before = html(app).split('class="iqa-excerpt"')[1]
    whole = next(button for button in app.button if button.key.startswith("whole-"))
    whole.click().run()
    after = html(app).split('class="iqa-excerpt"')[1]
    assert len(after) > len(before) and "managers are available and supportive" in after


def test_an_uploaded_pdf_is_found_by_a_question_at_once(library):
    app = upload(start(), ("staffordshire-ilacs-2019.pdf", (DATA / "staffordshire-ilacs-2019.pdf").read_bytes()))
    assert "staffordshire-ilacs-2019.pdf: added" in texts(app.success)
    # The confirmation says what was read from the report itself, dates in words.
    assert "Recognised: Staffordshire · ILACS " in texts(app.success) and "Overall effectiveness: Good" in texts(app.success)
    assert [path.suffix for path in (library / "uploads").iterdir()] == [".pdf"]
    app.switch_page("app_ui/pages/ask.py").run()
    ask(app, "How was Staffordshire judged for care leavers?")
    assert "<b>Staffordshire</b>" in html(app).split('class="iqa-head"')[1]
    assert ", p. " in quotes(app)[0]


def test_a_broken_file_fails_in_one_sentence_and_the_others_go_in(library):
    app = upload(start(), ("broken.pdf", b"%PDF-1.4 this is not really a pdf"), ("notes.md", b"Derby supervision notes."))
    errors = texts(app.error)
    assert errors.startswith("broken.pdf: ") and "uploads" not in errors and "Traceback" not in errors
    assert "notes.md: added" in texts(app.success)
    assert [path.suffix for path in (library / "uploads").iterdir()] == [".md"]


def test_an_image_renamed_txt_is_refused_in_one_sentence(library):
    app = upload(start(), ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8))
    assert texts(app.error) == "photo.txt: is a PNG image, not text. Add the original document instead."
    assert "2 documents" in texts(app.subheader) and not list((library / "uploads").iterdir())


def test_a_duplicate_upload_is_recognised_and_an_oversized_one_refused(library, monkeypatch):
    monkeypatch.setenv("INSPECTQA_MAX_UPLOAD_MB", "1")
    app = upload(start(), ("bury copy.txt", BURY.encode()), ("huge.txt", b"x" * (1024 * 1024 + 1)))
    assert "bury copy.txt: already in the library (same content as a document there). Recognised: " in texts(app.success)
    assert "huge.txt: the file is 1 MB, over the 1 MB limit" in texts(app.error)
    assert "2 documents" in texts(app.subheader)


def test_the_library_lists_documents_and_deletes_them(library):
    app = start().switch_page("app_ui/pages/library.py").run()
    listing = app.dataframe[0].value
    assert sorted(listing["Council"]) == ["Bury", "Wigan"] and list(listing.columns) == [
        "Title", "Council", "Type", "Published", "Overall", "Inspected", "Set by an editor", "Pages", "Passages", "Added"]
    assert sorted(listing["Published"]) == ["12 May 2023", "3 June 2021"]
    bury = next(option for option in app.multiselect[0].options if option.startswith("Bury"))
    app.multiselect[0].select(bury).run()
    # Nothing goes before the user confirms, and the question names what will go.
    assert "Delete 1 document from the library?" in texts(app.warning) and "Bury: " in texts(app.warning)
    assert "2 documents" in texts(app.subheader)
    app.button(key="delete_cancel").click().run()
    assert "2 documents" in texts(app.subheader) and "Delete 1 document" not in texts(app.warning)
    app.multiselect[0].select(bury).run()
    app.button(key="delete_confirm").click().run()
    assert not app.exception and "1 document" in texts(app.subheader)


def test_without_an_index_the_app_says_so_and_the_first_upload_creates_one(places, fake_model):
    app = start()
    assert "There is no index yet" in texts(app.info)
    app = upload(app, ("bury.txt", BURY.encode()))
    assert "bury.txt: added" in texts(app.success)
    app.switch_page("app_ui/pages/ask.py").run()
    assert "Bury" in quotes(ask(app, "supervision"))[0]


@pytest.mark.model
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is absent")
def test_with_the_real_model_a_theme_question_shows_several_councils(places):
    store, embedder = open_for_writing(places / "index")
    assert not ingest_paths([SEEDS], store, embedder).failures
    app = ask(start(), "how did councils improve supervision?")
    assert html(app).count('class="iqa-head"') >= 3



def test_the_reports_own_sentences_come_first_and_can_be_kept(library):
    app = ask(start(), "Is supervision regular in Bury?")
    assert '<div class="iqa-quote">“Supervision is regular and reflective.”</div>' in html(app)
    app.button(key="keep-quote-0").click().run()
    assert app.button(key="keep-quote-0").label == "Kept ✓"
    app.switch_page("app_ui/pages/briefing.py").run()
    assert "Supervision is regular and reflective." in html(app)


def test_a_council_without_a_report_is_said_so_and_others_are_shown_apart(library):
    app = ask(start(), "How well does Leicester support care leavers?")
    assert "The library has no report on Leicester. Nothing in the library answers this question." in texts(app.warning)
    assert any("Other councils' reports on this topic" in expander.label for expander in app.expander)
    assert quote_card(app) is None


def test_a_programme_the_council_s_reports_never_print_is_said_so_and_its_passages_are_not_called_another_s(library):
    app = ask(start(), "How do Bury's personal advisers work with the Staying Close scheme?")
    assert ("Bury's reports never mention “Staying Close”. Nothing in the library answers this question."
            in texts(app.warning))
    labels = [expander.label for expander in app.expander]
    assert any("The closest passages, which do not answer it" in label for label in labels)
    assert not any("Other councils" in label for label in labels) and quote_card(app) is None


def test_the_start_page_says_what_the_library_holds_and_offers_questions_to_click(library):
    app = start()
    assert "The library holds 2 documents on 2 councils, 2021–2023. Try one of these:" in texts(app.markdown)
    app.button(key="example-0").click().run()
    assert not app.exception and app.chat_message[0].name == "user"
    assert app.chat_message[0].text[0].value == "How have councils improved the supervision of social workers?"


def test_clear_all_filters_shows_every_report_again(library):
    app = ask(start(), "supervision")
    app.multiselect(key="filter_councils").set_value(["Wigan"]).run()
    assert len(quotes(app)) == 1
    app.button(key=next(b.key for b in app.button if b.label == "Clear all filters")).click().run()
    assert len(quotes(app)) == 2 and app.multiselect(key="filter_councils").value == []


def test_after_a_delete_no_screen_shows_or_cites_the_deleted_report(library):
    """Upload messages go, and the latest answer is asked again of the library as it now is."""
    app = upload(start(), ("bolton.txt", b"Bolton: inspection of local authority children's services\n\nPlans are clear.\n"))
    assert "bolton.txt: added" in texts(app.success)
    app.switch_page("app_ui/pages/ask.py").run()
    ask(app, "supervision")
    assert any("Bury" in quote for quote in quotes(app))
    for key in [button.key for button in app.button if button.key and button.key.startswith("keep-0-")]:
        app.button(key=key).click().run()   # every passage kept, Bury's among them
    app.switch_page("app_ui/pages/library.py").run()
    bury = next(option for option in app.multiselect[0].options if option.startswith("Bury"))
    app.multiselect[0].select(bury).run()
    app.button(key="delete_confirm").click().run()
    assert not app.exception and "2 documents" in texts(app.subheader)
    assert "Deleted 1 document" in texts(app.success)
    app.switch_page("app_ui/pages/ask.py").run()
    assert not app.exception and quotes(app) and not any("Bury" in quote for quote in quotes(app))
    app.switch_page("app_ui/pages/briefing.py").run()   # a kept excerpt of it stays, said to be of a deleted report
    assert not app.exception and sum("deleted from the library" in w.value for w in app.warning) == 1


def test_a_council_the_library_lacks_is_said_plainly_beside_the_answer_for_the_others(library):
    app = ask(start(), "How is supervision in Wigan and Leicester?")
    assert not app.exception
    assert [i.value for i in app.info] == [
        "The library has no report on Leicester: this answer is from the other councils' reports."]
    assert "(the library has no report on Leicester)" in texts(app.caption)
