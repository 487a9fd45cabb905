"""A grade as a fact card: council, judgement, the grade on Ofsted's four-point scale, date and citation.

The grade is always written out; its colour and its place on the scale only repeat what the words say,
so it reads the same without colour. Every value that comes from a report is escaped (the metadata
is read from untrusted files). No Streamlit here, so the markup is tested directly.
"""
from __future__ import annotations

from html import escape

from index.output.citation import published_words, readable_date
from index.search.answers import GradeAnswer
from ofsted import report_types
from ofsted.grades import GRADES, grade_label

# (background, text) per grade: Ofsted's usual green-to-red, each pair above WCAG AA contrast.
GRADE_COLOURS = {
    "outstanding": ("#cdebd8", "#0b5a2c"),
    "good": ("#e4f2d4", "#35520f"),
    "requires improvement": ("#fdebc8", "#6e4200"),
    "inadequate": ("#f9d6d5", "#8a1c19"),
}


def _css_class(grade: str) -> str:
    return "iqa-grade-" + grade.replace(" ", "-")


GRADE_STYLE = "<style>" + "".join(
    f".{_css_class(grade)}, .iqa-scale span.{_css_class(grade)} {{ background: {background}; color: {text}; "
    f"border-color: {text}; }}"
    for grade, (background, text) in GRADE_COLOURS.items()
) + """
.iqa-fact-title { font-size: 1.05rem; line-height: 1.35; margin-bottom: 0.35rem; }
.iqa-grade { display: inline-block; font-weight: 700; font-size: 1.25rem; padding: 0.15rem 0.8rem;
             border: 2px solid; border-radius: 0.5rem; margin: 0.1rem 0 0.45rem 0; }
.iqa-scale { display: flex; gap: 0.25rem; flex-wrap: wrap; margin-bottom: 0.45rem; font-size: 0.78rem; }
.iqa-scale span { padding: 0.05rem 0.5rem; border-radius: 0.6rem; background: #f0f2f6; color: #5b6170;
                  border: 1px solid transparent; }
.iqa-scale span[aria-current] { font-weight: 700; }
</style>"""


def grade_badge(grade: str) -> str:
    return f'<span class="iqa-grade {_css_class(grade)}">{escape(grade_label(grade))}</span>'


def _scale(grade: str) -> str:
    """The four grades from worst to best, this one picked out: where the grade sits, in words."""
    steps = []
    for step in reversed(GRADES):
        current = step == grade
        attributes = f' class="{_css_class(step)}" aria-current="true"' if current else ""
        steps.append(f"<span{attributes}>{escape(grade_label(step))}</span>")
    return f'<div class="iqa-scale" aria-label="Ofsted grades, lowest to highest">{"".join(steps)}</div>'


def _dated(answer: GradeAnswer) -> str:
    """When the report is from: its publication, else its inspection (some reports print no publication date)."""
    meta = answer.document.metadata
    if meta.published or not (meta.inspection_end or meta.inspection_start):
        return f"published {published_words(meta)}"
    return f"inspected {readable_date(meta.inspection_end or meta.inspection_start)}"


def grade_card_html(answer: GradeAnswer) -> str:
    meta = answer.document.metadata
    return (
        f'<div class="iqa-meta">Grade from the report\'s judgements · {escape(report_types.label(meta.report_type))}, '
        f'{escape(_dated(answer))}</div>'
        f'<div class="iqa-fact-title"><b>{escape(answer.council)}</b> · {escape(answer.label)}</div>'
        f'{grade_badge(answer.grade)}{_scale(answer.grade)}'
        f'<div class="iqa-meta">{escape(answer.citation)}</div>'
    )
