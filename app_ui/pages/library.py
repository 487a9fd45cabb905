"""Library: add reports (drag and drop, several at once), see what the index holds, correct a report's details
where they were read wrongly, and delete reports.

Uploads are processed as soon as they arrive, one file at a time with its own progress line, and are
searchable on the Ask page straight away (the shared Searcher follows the index's generation); so is a
correction. Adding, correcting and deleting are for editors: readers see the list only, and each action checks
the role again before changing anything (app_ui.signin.require).
"""
from datetime import datetime
from pathlib import Path

import streamlit as st

from app_ui import resources, signin
from text.words import plural
from app_ui.uploads import for_the_user, max_upload_mb, save_upload, uploads_dir
from errors import InspectQAError, UploadRefusedError
from index.output.briefing import escape_markdown
from index.output.citation import published_words, readable_date, readable_dates, set_by_editor
from index.output.grades import overall_words, recognised
from index.search.searcher import Searcher
from ingest.pipeline import FileOutcome, ingest_paths
from ingest.readers import SUPPORTED_SUFFIXES
from models import CORRECTABLE_FIELDS, Document
from ofsted import report_types

ROW_PX, TABLE_MAX_PX = 35, 560  # show every document up to about fifteen, then scroll
OUTCOME_WORDS = {
    "added": "added", "replaced": "added, replacing an older version",
    "unchanged": "already in the library", "duplicate": "already in the library (same content as a document there)",
}


def ingest_upload(name: str, data: bytes, searcher: Searcher) -> tuple[str, str]:
    """Save and ingest one file while showing its progress; return (state, message) to remember."""
    shown = escape_markdown(name)
    with st.status(f"{shown}: reading…") as status:
        try:
            saved = save_upload(name, data)
        except UploadRefusedError as exc:
            status.update(label=escape_markdown(str(exc)), state="error")
            return "error", str(exc)
        def on_chunks(done: int, total: int) -> None:
            status.update(label=f"{shown}: embedding passages, {100 * done // total}%…")

        outcomes: list[FileOutcome] = []
        try:
            ingest_paths([saved.path], searcher.store, searcher.embedder, on_file=outcomes.append,
                         on_chunks=on_chunks)
        except InspectQAError as exc:  # the index busy past the wait, or the reader could not start
            status.update(label=escape_markdown(str(exc)), state="error")
            return "error", str(exc)
        outcome = outcomes[0]
        if outcome.status == "failed":
            message = for_the_user(outcome.message, saved)
            saved.path.unlink(missing_ok=True)
            status.update(label=escape_markdown(message), state="error")
            return "error", message
        message = f"{name}: {OUTCOME_WORDS[outcome.status]}"
        if outcome.status in ("added", "replaced"):
            message += f", {plural(outcome.pages, 'page')}, {plural(outcome.chunks, 'passage')}"
        message += "."   # a sentence each: "… already in the library (same content as a document there). Recognised: …"
        if outcome.doc_id and (document := searcher.store.document(outcome.doc_id)) is not None:
            message += f" Recognised: {recognised(document)}."
        status.update(label=escape_markdown(message), state="complete")
        return "success", message


def upload_section() -> None:
    limit = max_upload_mb()
    generation = st.session_state.setdefault("uploader_generation", 0)
    files = st.file_uploader(
        "Add reports (PDF, Word, text or Markdown)",  # the uploader itself states the size limit
        type=[suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES], accept_multiple_files=True,
        max_upload_size=limit, key=f"uploader-{generation}",
    )
    if files:
        try:
            signin.require("upload")
            searcher = resources.searcher_for_writing()
        except InspectQAError as exc:
            st.error(escape_markdown(str(exc)))
            return
        progress = st.progress(0.0, text=f"Adding {len(files)} file{'s' if len(files) > 1 else ''}…")
        results = []
        for done, file in enumerate(files, start=1):
            results.append(ingest_upload(file.name, file.getvalue(), searcher))
            progress.progress(done / len(files), text=f"{done} of {len(files)} files done")
        st.session_state["upload_results"] = results
        st.session_state["uploader_generation"] = generation + 1  # an empty uploader on the next run
        st.rerun()
    for state, message in st.session_state.get("upload_results", []):
        (st.success if state == "success" else st.error)(escape_markdown(message))


def delete(searcher: Searcher, doc_ids: list[str], labels: dict[str, str]) -> None:
    """Remove documents, and the uploaded copies of their files, which were kept only for the index."""
    signin.require("delete")
    uploads = uploads_dir().resolve()
    with searcher.store.writer(wait_s=30):  # waits for an ingest that is writing; IndexBusyError after that
        for doc_id in doc_ids:
            document = searcher.store.document(doc_id)
            searcher.store.delete_document(doc_id)
            for source in map(Path, document.sources):
                if source.parent.resolve() == uploads:
                    source.unlink(missing_ok=True)
        searcher.store.flush_vectors()
    st.session_state["filter_documents"] = []
    st.session_state.pop("upload_results", None)   # "added … Recognised: Reading" no longer holds
    # Said once, on the page as it now is (a toast was gone before the page had settled).
    st.session_state["delete_result"] = (f"Deleted {plural(len(doc_ids), 'document')}: "
                                         f"{'; '.join(labels.get(d, d) for d in doc_ids)}.")


def _added(iso: str) -> str:
    """When a document was added, in the server's words: '26 November 2025, 14:05'."""
    try:
        return f"{datetime.fromisoformat(iso):%-d %B %Y, %H:%M}"
    except ValueError:
        return iso


OPEN_DEMO_EDITOR = "a visitor to the open demo"   # who set a correction where nobody signs in


def correction_section(searcher: Searcher, documents: dict[str, Document], labels: dict[str, str]) -> None:
    """One report's council, type and dates, to set where they were read wrongly; each change is recorded as the
    editor's (Store.correct), and a value that cannot be right is refused with a sentence saying why."""
    st.subheader("Correct a report's details", anchor=False)
    st.caption("Where InspectQA read a report's council, type or dates wrongly, or only estimated a date the "
               "report does not print, set them here: the table marks them as set by you.")
    result = st.session_state.pop("correction_result", None)
    if result:
        (st.success if result[0] == "success" else st.error)(escape_markdown(result[1]))
    # Keyed by the index's generation: a label names the report's council and date, which a correction changes,
    # so a new chooser is made for the new labels, open on the report chosen before.
    last = st.session_state.get("correct_doc_last")
    doc_id = st.selectbox("Report to correct", list(labels), format_func=lambda i: labels.get(i, i),
                          index=list(labels).index(last) if last in labels else None, placeholder="Choose a report",
                          key=f"correct_doc-{searcher.catalogue().generation}")
    st.session_state["correct_doc_last"] = doc_id
    if doc_id not in documents:
        return
    meta = documents[doc_id].metadata
    estimate = meta.published if meta.published_estimated else None
    shown = {"council": meta.council or "", "report_type": meta.report_type,
             "published": "" if estimate else meta.published or "",   # an estimate is for the editor to state
             "inspection_start": meta.inspection_start or "", "inspection_end": meta.inspection_end or ""}
    with st.form(f"correct-{doc_id}", border=False):
        given = {"council": st.text_input("Council", shown["council"],
                                          placeholder="As Ofsted prints it, e.g. Telford and Wrekin")}
        types = report_types.REPORT_TYPES
        given["report_type"] = st.selectbox("Report type", types, format_func=report_types.label,
                                            index=types.index(meta.report_type) if meta.report_type in types else None)
        dates = st.columns(3)
        given["published"] = dates[0].text_input(
            "Published (YYYY-MM-DD)", shown["published"], placeholder=f"c. {estimate}" if estimate else "YYYY-MM-DD",
            help=f"Not printed in the report: estimated as {readable_date(estimate)} from the file. Give the "
                 "date it was published to cite it." if estimate else None)
        given["inspection_start"] = dates[1].text_input("Inspection began (YYYY-MM-DD)", shown["inspection_start"],
                                                        placeholder="YYYY-MM-DD")
        given["inspection_end"] = dates[2].text_input("Inspection ended (YYYY-MM-DD)", shown["inspection_end"],
                                                      placeholder="YYYY-MM-DD")
        submitted = st.form_submit_button("Save correction", type="primary")
    if not submitted:
        return
    changes = {name: (value or "").strip() for name, value in given.items() if (value or "").strip() != shown[name]
               and (value or "").strip()}   # a field left empty stays as it was
    if not changes:
        st.info("Nothing was changed: no field differs from what the library holds.")
        return
    try:
        signin.require("correct")
        with searcher.store.writer(wait_s=30):   # one writer at a time, as for an upload or a delete
            corrected = searcher.store.correct(doc_id, changes, signin.visitor_name() or OPEN_DEMO_EDITOR)
    except InspectQAError as exc:
        st.session_state["correction_result"] = ("error", str(exc))
    else:
        st.session_state.pop("upload_results", None)   # "added … Recognised: …" may no longer hold
        said = ", ".join(f"{CORRECTABLE_FIELDS[name]} {_shown_value(name, getattr(corrected.metadata, name))}"
                         for name in CORRECTABLE_FIELDS if name in changes)
        st.session_state["correction_result"] = (
            "success", f"{corrected.display_title}: {said}, marked as set by {signin.visitor_name() or OPEN_DEMO_EDITOR}.")
    st.rerun()


def _shown_value(name: str, value: str | None) -> str:
    if name == "report_type":
        return report_types.label(value or "other")
    return readable_date(value) if name != "council" else value or ""


def document_list(searcher: Searcher) -> None:
    documents = sorted(searcher.catalogue().documents.values(), key=lambda d: d.added_at, reverse=True)   # one name each
    st.subheader(plural(len(documents), "document"))
    if not documents:
        return
    # Dates as words ("8 July 2025", "not stated"): a date column shows a missing date as a raw "None". What an
    # editor set is said so, by whom and when: it was not read from the report.
    st.dataframe(
        [{"Title": d.display_title, "Council": d.metadata.council or "not identified",
          "Type": report_types.SHORT_LABELS.get(d.metadata.report_type, report_types.label(d.metadata.report_type)),
          "Published": published_words(d.metadata) if d.metadata.published else "not stated",
          "Overall": overall_words(d) or "—",
          "Inspected": readable_dates(d.metadata.inspection_start, d.metadata.inspection_end) or "not stated",
          "Set by an editor": set_by_editor(d.metadata),
          "Pages": d.n_pages, "Passages": d.n_chunks, "Added": _added(d.added_at)} for d in documents],
        hide_index=True, width="stretch", height=min(ROW_PX * (len(documents) + 1) + 3, TABLE_MAX_PX),
        # (what a report is, when and how it was judged first: they fit beside the sidebar at 1280 px)
        column_config={"Title": st.column_config.TextColumn(width=200),   # a title says which report it is
                       "Overall": st.column_config.TextColumn(
                           width=165,   # "Requires improvement" whole
                           help="Overall effectiveness, read from the report's judgement table (each area's grade: "
                                "Compare); \"none given\" where a report judges areas but gives no overall grade"),
                       "Set by an editor": st.column_config.TextColumn(
                           width="small",
                           help="Details an editor corrected where InspectQA read them wrongly, by whom and when")},
    )
    if not (signin.may("correct") or signin.may("delete")):
        return
    labels = {d.doc_id: f"{d.metadata.council or 'Unknown council'}: {d.display_title} "
                        f"({published_words(d.metadata)})" for d in documents}
    repeated = {label for label in labels.values() if list(labels.values()).count(label) > 1}
    labels = {d.doc_id: labels[d.doc_id] + (f" · {Path(d.source).name}" if labels[d.doc_id] in repeated else "")
              for d in documents}   # two documents alike but for their files: told apart by the file's name
    if signin.may("correct"):
        correction_section(searcher, {d.doc_id: d for d in documents}, labels)
    if not signin.may("delete"):
        return
    # A new key after each delete or cancel: the browser keeps a widget's chosen chips by its key, even once the
    # document they name has gone.
    if deleted := st.session_state.pop("delete_result", None):
        st.success(escape_markdown(deleted))
    generation = st.session_state.setdefault("delete_generation", 0)
    chosen = st.multiselect("Delete documents", list(labels), format_func=lambda i: labels.get(i, i),
                            placeholder="Choose documents to remove from the index", key=f"delete_chosen_{generation}",
                            select_all=False)  # deleting everything at one click is not offered
    if not chosen:
        return
    # Ask first, naming what will go: a deleted report must be uploaded again to be searched.
    names = "".join(f"\n- {escape_markdown(labels[doc_id])}" for doc_id in chosen if doc_id in labels)
    st.warning(f"Delete {plural(len(chosen), 'document')} from the library? They will no longer be searched, "
               f"and uploaded copies are removed:{names}")
    confirm_column, cancel_column, _ = st.columns([1.2, 1, 3])
    if confirm_column.button(f"Delete {plural(len(chosen), 'document')}", type="primary", key="delete_confirm"):
        try:
            delete(searcher, chosen, labels)
        except InspectQAError as exc:
            st.error(escape_markdown(str(exc)))
        else:
            _clear_delete_choice()
            st.rerun()
    cancel_column.button("Cancel", key="delete_cancel", on_click=_clear_delete_choice)


def _clear_delete_choice() -> None:
    generation = st.session_state.get("delete_generation", 0)
    st.session_state.pop(f"delete_chosen_{generation}", None)
    st.session_state["delete_generation"] = generation + 1


st.title("Library")
if signin.may("upload"):
    upload_section()
else:
    st.caption("You can read and export from these reports; adding and deleting them is for editors.")
current = resources.searcher()
if current is None:
    st.info("There is no index yet: the first reports added here create it." if signin.may("upload") else
            "There are no reports yet: ask an editor to add some.")
else:
    document_list(current)
