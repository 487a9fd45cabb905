from ingest.cleaning import clean_pdf_pages, clean_plain_text, reflow, strip_running_lines


TOPICS = ["early help", "care leavers", "fostering", "adoption", "leadership", "supervision"]


def test_running_headers_and_page_numbers_are_removed():
    pages = [
        f"Inspection of Derby City local authority children’s services \n19 to 23 May 2025 {n} \n"
        f"This page is about {topic}. \n{n}"
        for n, topic in enumerate(TOPICS, start=1)
    ]
    cleaned = strip_running_lines(pages)
    for page, topic in zip(cleaned[1:], TOPICS[1:]):
        assert page.strip() == f"This page is about {topic}."


def test_page_one_keeps_a_title_that_the_running_header_repeats():
    header = "Inspection of Bracknell Forest local authority children’s services"
    pages = [f"{header}\nInspection dates: 1 to 5 May 2022\nBody one."] + [
        f"{header}\nThis page is about {topic}.\n{n}" for n, topic in enumerate(TOPICS, start=2)
    ]
    cleaned = strip_running_lines(pages)
    assert cleaned[0].startswith(header)
    assert all(header not in page for page in cleaned[1:])


def test_lines_are_reflowed_into_paragraphs_and_hyphenated_breaks_joined():
    raw = ("1. Children benefit from impactful life-\nstory work and live in caring homes \n"
           "that provide security. \n2. Care leavers are well supported. \n")
    assert reflow(raw) == ("1. Children benefit from impactful life-story work and live in caring homes "
                           "that provide security.\n\n2. Care leavers are well supported.")


def test_a_paragraph_number_stuck_to_the_previous_sentence_moves_to_its_paragraph():
    raw = "Leaders know their services well and improve access. 46.\nManagers oversee cases closely. \n"
    assert reflow(raw) == "Leaders know their services well and improve access.\n\n46. Managers oversee cases closely."


def test_judgement_table_cells_join_into_label_grade_sentences():
    raw = ("Judgement Grade \nThe experiences and progress of \nchildren in care \nOutstanding  \n"
           "Overall effectiveness Outstanding  \n")
    text = clean_pdf_pages([raw])[0]
    assert "The experiences and progress of children in care Outstanding" in text


def test_plain_text_keeps_its_paragraphs_but_loses_nuls_and_crlf():
    assert clean_plain_text("\ufeffTitle\r\n\r\n\r\n\r\nBody\x00 text  \r\n") == "Title\n\nBody text"


def test_a_footnote_marker_on_a_headings_question_mark_goes():
    from ingest.cleaning import clean_pdf_pages

    [page] = clean_pdf_pages(["What needs to improve?1\nThe quality of plans.\nHow old is 12? 14 days."])
    assert page.startswith("What needs to improve?\n") and "12? 14 days" in page


def test_a_heading_line_is_a_paragraph_of_its_own_not_the_start_of_the_next_sentence():
    raw = ("Information about this inspection\nInspectors looked closely at the experiences of children and young\n"
           "people who have been in care.\nInformation about this local authority area2\nThe council is large.\n")
    page = clean_pdf_pages(["Title page", raw])[1]
    assert page.startswith("Information about this inspection\n\nInspectors looked closely at the experiences")
    assert "\n\nInformation about this local authority area\n\nThe council is large." in page


def test_a_line_that_runs_on_is_no_heading_and_a_title_page_keeps_its_title_whole():
    runs_on = "Leaders have worked with\nBarnardo's to plan the service.\n"
    assert reflow(runs_on) == "Leaders have worked with Barnardo's to plan the service."
    title = "Inspection of Rotherham Metropolitan\nBorough Council children’s services\n"
    assert clean_pdf_pages([title])[0] == "Inspection of Rotherham Metropolitan Borough Council children’s services"
