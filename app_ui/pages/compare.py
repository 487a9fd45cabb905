"""Compare: each council's latest graded inspection side by side, and one council's grades over time.

The table holds grade ranks (4 outstanding … 1 inadequate) and shows them as words on their colour, so a
column sorts from best to worst rather than alphabetically. Selecting a grade opens the page of the
report that prints it, with the judgement marked. The chart of one council's grades over time follows the
council chosen under the table and nothing else: sorting the table by a column makes the grid select its
first row's council cell, which is no choice of the user's (tests/test_app_compare_page.py).
"""
import altair as alt
import pandas as pd
import streamlit as st

from app_ui import resources
from app_ui.answer import page_text, show_source
from app_ui.grade_card import GRADE_COLOURS
from index.output.compare import (UNGRADED_RANK, CouncilRow, GradePoint, cell_words, grade_history, latest_judgements,
                                  most_reported)
from index.output.grades import judgement_hit
from index.search.searcher import Searcher
from ofsted import report_types
from ofsted.grades import GRADE_OF_RANK, GRADES, RANK, grade_label
from ofsted.judgements import ILACS_JUDGEMENTS, SHORT_LABELS

ROW_PX, TABLE_MAX_PX = 35, 600
GRADE_COLUMNS = [SHORT_LABELS[key] for key in ILACS_JUDGEMENTS]
JUDGEMENT_OF_COLUMN = dict(zip(GRADE_COLUMNS, ILACS_JUDGEMENTS))
COLUMN_HEADINGS = {"Overall effectiveness": "Overall", "Impact of leaders": "Leaders",
                   "Help and protection": "Help & protection", "Children in care": "In care",
                   "Care leavers": "Care leavers"}
# On the chart, each judgement's line sits a little above or below the grade it marks, so five judgements
# with one grade show as five lines rather than one.
LINE_OFFSET = {label: (2 - position) * 0.08 for position, label in enumerate(GRADE_COLUMNS)}
AXIS_LABELS = " : ".join(f"datum.value == {RANK[grade]} ? '{grade_label(grade)}'" for grade in GRADES) + " : ''"


# The areas a timeline can follow from here, as a button says them and as the question asks them.
TIMELINE_AREAS = (("Help and protection", "help and protection"), ("Children in care", "children in care"),
                  ("Care leavers", "care leavers"), ("Leaders and supervision", "leadership and supervision"))


def _cell_style(rank) -> str:
    if pd.isna(rank) or rank == UNGRADED_RANK:
        return "color: #5b6170"
    background, text = GRADE_COLOURS[GRADE_OF_RANK[rank]]
    return f"background-color: {background}; color: {text}"


def table(rows: list[CouncilRow]):
    """The grades before the report type, so a narrow window cuts off the least needed column."""
    frame = pd.DataFrame([
        {"Council": row.council, "Date": pd.to_datetime(row.latest.date, errors="coerce"),
         **{SHORT_LABELS[key]: RANK[cell.grade] if (cell := row.latest.cells.get(key)) else UNGRADED_RANK
            for key in ILACS_JUDGEMENTS},
         "Report": report_types.SHORT_LABELS.get(row.latest.document.metadata.report_type,
                                          report_types.label(row.latest.document.metadata.report_type))}
        for row in rows
    ]).astype({column: "Int64" for column in GRADE_COLUMNS})
    return (frame.style.format(cell_words, subset=GRADE_COLUMNS, na_rep="—")
            .map(_cell_style, subset=GRADE_COLUMNS))


def _selected_cell(cells: list[tuple[int, str]], rows: list[CouncilRow], searcher: Searcher) -> None:
    """Open a newly selected grade's page once: a rerun with the same selection must not reopen it. The chart's
    council is not changed here: after a sort the grid selects a cell of its own accord."""
    chosen = tuple(cells[0]) if cells else None
    if chosen == st.session_state.get("compare_handled"):
        return
    st.session_state["compare_handled"] = chosen
    if chosen is None:
        return
    row, column = rows[chosen[0]], chosen[1]
    cell = row.latest.cells.get(JUDGEMENT_OF_COLUMN.get(column))
    if cell is not None:
        document = row.latest.document
        hit = judgement_hit(document, cell.judgement, page_text(searcher, document.doc_id, cell.page))
        show_source(hit, searcher, marked="judgement")


def history_chart(points: list[GradePoint]) -> alt.Chart:
    frame = pd.DataFrame([
        {"Date": pd.to_datetime(point.date), "Judgement": SHORT_LABELS[point.judgement],
         "Grade": grade_label(point.grade), "Report": report_types.label(point.document.metadata.report_type),
         "Page": point.page, "Level": point.rank + LINE_OFFSET[SHORT_LABELS[point.judgement]]}
        for point in points
    ])
    # A tick at each report's date: a council has a handful of graded reports, and one report alone gets no
    # tick on a time axis otherwise.
    dates = [alt.DateTime(year=day.year, month=day.month, date=day.day) for day in sorted(set(frame["Date"]))]
    return alt.Chart(frame).mark_line(point=alt.OverlayMarkDef(size=90, filled=True)).encode(
        x=alt.X("Date:T", title="Report date", scale=alt.Scale(padding=40),
                axis=alt.Axis(values=dates, format="%b %Y", labelOverlap="greedy", grid=False)),
        y=alt.Y("Level:Q", title=None, scale=alt.Scale(domain=[0.6, 4.4], nice=False),
                axis=alt.Axis(values=list(RANK.values()), labelExpr=AXIS_LABELS, labelLimit=200)),
        color=alt.Color("Judgement:N", sort=GRADE_COLUMNS, legend=alt.Legend(orient="right", title=None)),
        # The same legend for colour and shape, so Vega merges them into one (different settings conflict).
        shape=alt.Shape("Judgement:N", sort=GRADE_COLUMNS, legend=alt.Legend(orient="right", title=None)),
        tooltip=["Judgement", "Grade", alt.Tooltip("Date:T", format="%-d %B %Y"), "Report", "Page"],
    ).properties(height=240)


st.title("Compare councils")
searcher = resources.searcher()
if searcher is None:
    st.info("There is no index yet. Add reports on the Library page to compare councils.")
    st.stop()
rows = latest_judgements(searcher.catalogue().documents.values())
if not rows:
    st.info("No report in the library has judgements yet: add Ofsted inspection reports on the Library page.")
    st.stop()

st.caption("Each council's latest graded inspection; an older framework's equivalent judgements fill the same "
           "columns; “RI” is requires improvement to be good; “none given”, the report gives no such grade (Ofsted's "
           "2026 framework gives no overall one). Sort by a column's header. Select a grade to "
           "read it on its page; choose a council below to chart its grades.")
event = st.dataframe(
    table(rows), key="compare_table", on_select="rerun", selection_mode="single-cell", hide_index=True,
    width="stretch", height=min(ROW_PX * (len(rows) + 1) + 3, TABLE_MAX_PX),
    # Narrow columns with short headings (the full name on hover), so all seven fit beside the sidebar at 1280 px,
    # and the council's whole name ("Bath and North East Somerset", "Cheshire West and Chester") in the pinned one
    # ("RI": ofsted.grades.SHORT_GRADES, as councils and inspectors abbreviate it, explained above).
    column_config={"Council": st.column_config.TextColumn(width=190, pinned=True),
                   **{column: st.column_config.NumberColumn(COLUMN_HEADINGS[column], alignment="left", width=100,
                                                            help=column) for column in GRADE_COLUMNS},
                   "Date": st.column_config.DateColumn(
                       format="D MMM YYYY", width=86,
                       help="Published; the inspection's last day where the report gives no date"),
                   "Report": st.column_config.TextColumn(width=98, help="The kind of inspection")},
)
_selected_cell(event.selection.cells, rows, searcher)

st.subheader("Grades over time")
councils = [row.council for row in rows]
if st.session_state.get("compare_council") not in councils:
    st.session_state["compare_council"] = most_reported(rows, searcher.catalogue().documents.values())
council = st.selectbox("Council", councils, key="compare_council")
points = grade_history(searcher.catalogue().documents.values(), council)
if points:
    st.altair_chart(history_chart(points), width="stretch")
else:
    st.caption("None of this council's graded reports has a publication date to place it in time.")

# The chart's grades, then what each report said: a timeline (index.search.digest) of one area, asked on the Ask page.
st.caption(f"What {council}'s reports said, report by report, oldest first:")
for column, (area, words) in zip(st.columns(len(TIMELINE_AREAS)), TIMELINE_AREAS):
    if column.button(area, key=f"timeline-{area}", width="stretch",
                     help=f"Ask how inspectors' findings on {words} in {council} changed over time"):
        st.session_state["example_question"] = f"How have inspectors' findings on {words} in {council} changed over time?"
        st.switch_page("app_ui/pages/ask.py")
