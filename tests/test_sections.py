"""ofsted.sections: which judgement's section of a report a sentence sits in, read from the body's headings
as pypdf gives them (each form below is one the dev corpus prints)."""
from __future__ import annotations

import pytest

from ofsted.sections import ANY_SECTION, HELP_AND_PROTECTION_IN_CARE, Sections

ILACS_PAGE_1 = ("Judgement Grade The impact of leaders on social work practice with children "
                "and families Good The experiences and progress of children who need help and protection Good The "
                "experiences and progress of children in care Outstanding The experiences and progress of care leavers "
                "Requires improvement to be good Overall effectiveness Good\n\nCare leavers told inspectors they feel "
                "listened to.")
SIF_PAGE_1 = ("Children's services in Sutton are good\n\n1. Children who need help and protection Good\n\n"
              "2. Children looked after and achieving permanence Good\n\n2.1 Adoption performance Good\n\n"
              "2.2 Experiences and progress of care leavers Requires improvement\n\n"
              "3. Leadership, management and governance Good\n\nContents\n\nThe experiences and progress of children "
              "who need help and protection 9 The experiences and progress of children looked after and achieving "
              "permanence 14 Leadership, management and governance 24")


def keys(*pages: str) -> list[str | None]:
    sections = Sections(enumerate(pages, start=1))
    return [sections.at(number, len(text)) for number, text in enumerate(pages, start=1)]


def test_a_judgement_table_and_a_contents_list_start_no_section():
    assert keys(ILACS_PAGE_1) == [None]
    assert keys(SIF_PAGE_1) == [None]


@pytest.mark.parametrize("heading, key", [
    ("The experiences and progress of children in care: good", "in_care"),
    ("The experiences of children in care: outstanding", "in_care"),           # "and progress" dropped
    ("The experiences and progress of children in care and care leavers are: Good", "in_care"),   # judged together
    ("The experiences and progress of children in care and care leavers requires improvement to be good.", "in_care"),
    ("The experiences and progress of care leavers: requires improvement to be good", "care_leavers"),
    ("The experiences and progress of children care leavers: good", "care_leavers"),   # (sic), 2025-26
    ("The impact of leaders on social work practice with children and families: inadequate", "impact_of_leaders"),
    ("The experiences and progress of children who need help and protection Good Access to help is swift.",
     "help_and_protection"),                                                       # SIF, its first sentence after
    ("The experiences and progress of children looked after and achieving permanence Good Summary Children", "in_care"),
    ("Leadership, management and governance Outstanding Summary The DCS", "impact_of_leaders"),
    ("The graded judgement about the experience and progress of care leavers is that it requires improvement",
     "care_leavers"),
    ("The graded judgement about the experiences and progress of care leavers is that they require improvement",
     "care_leavers"),
    ("The graded judgement for adoption performance is that it is outstanding", "adoption_performance"),
    (("Key Judgement Judgement Grade The experiences and progress of children looked after and achieving permanence "
      "Inadequate"), "in_care"),                                                   # SIF 2014's boxed heading
    ("The Local Safeguarding Children Board is good", "lscb"),
    ("The Local Safeguarding Children Board (LSCB)", "lscb"),
    ("The Local Safeguarding Children Board requires improvement", "lscb"),
])
def test_a_body_heading_starts_its_section(heading, key):
    assert keys(f"Leaders know the service well.\n\n{heading}\n\n12. Most children are seen often.") == [key]


@pytest.mark.parametrize("before", ["support from 18 to 25. ", "ourselves.’ ", "(outcome 4, national framework) "])
@pytest.mark.parametrize("heading, key", [
    ("The experiences and progress of children in care: good\n\n15. Children", "in_care"),
    ("The experiences and progress of children looked after and achieving permanence Good Summary Decisions are "
     "timely.", "in_care"),
    ("The graded judgment about the experiences and progress of care leavers is inadequate\n\n100. The local",
     "care_leavers")])
def test_a_heading_pypdf_ran_on_after_a_sentence_still_starts_one(before, heading, key):
    assert keys(f"Care leavers are supported {before}{heading}") == [key]


@pytest.mark.parametrize("text", [
    "Inspectors found that the experiences and progress of children in care are good overall, and most live well.",
    "Children are celebrated. Adoption performance is good. Children are identified early for adoption.",
    "The council has strengthened its work.\n\nAdoption performance is good. Children are identified early.",
    "Summary of findings. Leadership, management and governance require improvement. Leaders know this.",
    "The Local Safeguarding Children Board (LSCB) has strong links with the council and meets monthly.",
    "Leaders are stable.\n\nThe Local Safeguarding Children Board chair challenges partners well.",
])
def test_a_sentence_that_states_a_grade_or_names_a_board_starts_no_section(text):
    assert keys(text) == [None]


@pytest.mark.parametrize("heading", [
    "The experiences and progress of children who need help and protection: requires improvement to be good.\n\n"
    "1. Most",
    "The experiences and progress of care leavers: good\n\n30. Care leavers"])
def test_a_colon_headings_full_stop_comes_before_its_numbered_paragraph(heading):
    assert keys(f"Leaders know the service well.\n\n{heading}")[0] is not None


def test_a_list_of_an_earlier_inspections_grades_starts_no_section():
    page = ("At its last inspection in 2015 the local authority was judged inadequate.\n\n"
            "Children who need help and protection: Inadequate.\n"
            "Children looked after and achieving permanence: Requires improvement.\n\n"
            "Leaders have since made progress.")
    assert keys(page) == [None]
    assert keys("The judgements were: Overall effectiveness: Inadequate.\n\nChildren who need help and protection: "
                "Inadequate.\n\nLocal leadership\n\nThe director has been in post since 2017.") == [None]


def test_each_offset_lies_in_the_last_section_begun_before_it_across_pages():
    help_page = "Summary.\n\nThe experiences and progress of children who need help and protection: good\n\n" \
                "1. Parents' mental health is assessed well."
    care_page = "3. Strategy meetings are timely.\n\nThe experiences and progress of care leavers: good\n\n" \
                "20. Personal advisers know young people well."
    sections = Sections([(2, help_page), (3, care_page)])
    assert sections.at(1, 0) is None and sections.at(2, 0) is None
    assert sections.at(2, help_page.index("Parents")) == "help_and_protection"
    assert sections.at(3, 0) == "help_and_protection"                # the section runs on over the page break
    assert sections.at(3, care_page.index("Personal")) == "care_leavers"
    assert sections.children_at(3, care_page.index("Personal")) == {"care_leavers": 1.0}
    assert sections.children_at(2, help_page.index("Parents")) == {"in_care": HELP_AND_PROTECTION_IN_CARE}
    assert sections.children_at(2, 0) == {"in_care": ANY_SECTION, "care_leavers": ANY_SECTION}   # the summary


def test_children_in_care_and_care_leavers_judged_together_are_both_groups():
    sections = Sections([(4, "The experiences and progress of children in care and care leavers: good\n\n17. Most.")])
    assert sections.children_at(4, 80) == {"in_care": 0.5, "care_leavers": 0.5}
    assert sections.covers("in_care") == {"in_care", "care_leavers"}
    assert sections.in_area(4, 80, "care_leavers") and sections.opening("care_leavers") is None


def test_a_file_without_headings_has_no_sections():
    sections = Sections([(None, "Minutes of the corporate parenting board. Care leavers spoke about housing.")])
    assert len(sections) == 0 and sections.at(None, 10) is None
    assert sections.children_at(None, 10) == {"in_care": ANY_SECTION, "care_leavers": ANY_SECTION}


def test_a_section_is_the_reports_word_on_its_judgement_area():
    text = ("The experiences and progress of children in care and care leavers: good\n\n"
            "17. Foster carers are supported.\n\n"
            "The impact of leaders on social work practice with children and families: good\n\n"
            "40. Supervision is regular.")
    sections = Sections([(5, text)])
    carers, supervision = text.index("Foster"), text.index("Supervision")
    assert sections.in_area(5, carers, "in_care") and sections.in_area(5, carers, "care_leavers")
    assert not sections.in_area(5, carers, "impact_of_leaders")
    assert sections.in_area(5, supervision, "impact_of_leaders") and not sections.in_area(5, 0, "help_and_protection")


def test_adoption_is_part_of_children_looked_after():
    sections = Sections([(9, "The graded judgement for adoption performance is that it is good\n\n40. Adopters wait.")])
    assert sections.in_area(9, 60, "in_care") and sections.children_at(9, 60) == {"in_care": 0.5, "care_leavers": 0.5}


def test_a_sections_opening_is_where_its_heading_ends():
    page = ("The experiences and progress of children in care: good\n\n17. Most children thrive.\n\n"
            "The experiences and progress of care leavers: good\n\n30. Care leavers do well.\n\n"
            "The impact of leaders on social work practice with children and families: good\n\n40. Leaders are strong.")
    sections = Sections([(6, page)])
    page_number, offset = sections.opening("in_care")
    assert page_number == 6 and page[offset:].lstrip().startswith("17. Most children thrive.")
    assert page[sections.opening("care_leavers")[1]:].lstrip().startswith("30. Care leavers")
    assert page[sections.opening("impact_of_leaders")[1]:].lstrip().startswith("40. Leaders")


def test_a_sections_extent_runs_to_the_next_heading():
    page = ("The experiences and progress of children in care and care leavers: good\n\n17. Most children thrive.\n\n"
            "The impact of leaders on social work practice with children and families: good\n\n40. Leaders are strong.")
    sections = Sections([(6, page)])
    (start_page, start), end = sections.extent("care_leavers")   # judged with children in care: that section
    assert start_page == 6 and page[start:end[1]].strip() == "17. Most children thrive."
    assert sections.extent("impact_of_leaders")[1] is None and sections.extent("help_and_protection") is None


def test_the_boards_heading_and_its_grade_on_the_next_line_are_no_list():
    page = ("Leaders are strong.\n\nThe Local Safeguarding Children Board (LSCB)\n\n"
            "The Local Safeguarding Children Board is good\n\nExecutive summary\n\nThe board is independent.")
    assert keys(page) == ["lscb"]


def test_the_safeguarding_boards_section_speaks_of_neither_group():
    page = "Leaders are strong.\n\nThe Local Safeguarding Children Board is good\n\n80. Adult mental health is seen."
    sections = Sections([(30, page)])
    assert sections.children_at(30, page.index("Adult")) == {}
