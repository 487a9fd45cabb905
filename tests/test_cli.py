"""The command-line contract other tools depend on, driven in-process with the fast test embedder."""
import json

import pytest

import index.__main__ as index_cli
import ingest.__main__ as ingest_cli
from tests.conftest import HashingEmbedder, write

CONTRACT = {"rank": int, "score": float, "text": str, "source": str, "title": str, "citation": str,
            "doc_id": str, "start": int, "end": int}


@pytest.fixture(autouse=True)
def fake_model(monkeypatch):
    monkeypatch.setattr("index.opening.load_embedder", lambda name=None: HashingEmbedder())


@pytest.fixture
def built(tmp_path, capsys):
    write(tmp_path / "docs" / "bury.txt", "Bury children's services. Supervision is regular and reflective. " * 4)
    write(tmp_path / "docs" / "wigan.md", "Wigan care leavers have personal advisers who stay in touch. " * 4)
    index = str(tmp_path / "index")
    assert ingest_cli.main([str(tmp_path / "docs"), "--index", index, "--quiet"]) == 0
    capsys.readouterr()
    return index


def test_search_json_follows_the_contract(built, capsys):
    assert index_cli.main(["search", "--index", built, "--json", "--k", "5", "supervision"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["query"] == "supervision" and result["results"]
    for hit in result["results"]:
        for field, kind in CONTRACT.items():
            assert isinstance(hit[field], kind), field
        assert hit["page"] is None  # text files have no pages
        for start, end in hit["highlights"]:
            assert 0 <= start < end <= len(hit["text"])
    assert result["results"][0]["source"].endswith("bury.txt")
    assert [h["rank"] for h in result["results"]] == list(range(1, len(result["results"]) + 1))
    assert result["answerable"] is True and result["read_as"] and {h["match"] for h in result["results"]} <= {
        "strong", "partial", "weak"}
    quote = result["quote"]
    assert quote and set(quote) == {"text", "citation", "doc_id", "page", "end_page", "start", "end"}
    assert quote["text"] in result["results"][0]["text"]


def test_search_says_when_nothing_answers(built, capsys):
    assert index_cli.main(["search", "--index", built, "--json", "how many potholes were repaired?"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["answerable"] is False and result["quote"] is None
    assert index_cli.main(["search", "--index", built, "how many potholes were repaired?"]) == 0
    assert "Nothing in the library answers this question." in capsys.readouterr().out


def test_jsonl_answers_each_line_in_order_with_latency(built, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("supervision\ncare leavers advisers\n"))
    assert index_cli.main(["search", "--index", built, "--jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["query"] for line in lines] == ["supervision", "care leavers advisers"]
    assert all(line["latency_ms"] >= 0 for line in lines)
    assert lines[1]["results"][0]["source"].endswith("wigan.md")


def test_jsonl_keeps_each_answer_on_one_line_whatever_line_separators_a_report_holds(tmp_path, capsys, monkeypatch):
    import io

    write(tmp_path / "docs" / "odd.txt", "Supervision is regular.\u2028Managers check it.\u2029Plans\u0085are clear. " * 3)
    index = str(tmp_path / "index")
    assert ingest_cli.main([str(tmp_path / "docs"), "--index", index, "--quiet"]) == 0
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("supervision\nplans\n"))
    assert index_cli.main(["search", "--index", index, "--jsonl"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 2 and "\\u2028" in out  # escaped, where a raw one would split the line
    assert "Managers" in json.loads(out.splitlines()[0])["results"][0]["text"]


def test_ingest_names_every_file_it_skips_for_its_type(tmp_path, capsys):
    write(tmp_path / "docs" / "ok.txt", "Supervision is regular.")
    (tmp_path / "docs" / "report.pdf.exe").write_bytes(b"MZ")
    (tmp_path / "docs" / "report\u202etxt.exe").write_bytes(b"MZ")  # shows as "reportexe.txt" unescaped
    (tmp_path / "docs" / ".DS_Store").write_bytes(b"\0")
    assert ingest_cli.main([str(tmp_path / "docs"), "--index", str(tmp_path / "index"), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "skipped 2 files that are not PDF, Word, text or Markdown: " in out
    assert "report.pdf.exe" in out and "report\\u202etxt.exe" in out and "\u202e" not in out
    assert ".DS_Store" not in out


def test_list_delete_stats_and_check(built, capsys):
    assert index_cli.main(["list", "--index", built, "--json"]) == 0
    documents = json.loads(capsys.readouterr().out)
    assert sorted(d["source"].rsplit("/", 1)[-1] for d in documents) == ["bury.txt", "wigan.md"]
    assert {"doc_id", "title", "council", "report_type", "published", "published_source",
            "judgements"} <= documents[0].keys()

    assert index_cli.main(["delete", "--index", built, "bury.txt"]) == 0
    assert index_cli.main(["stats", "--index", built, "--json"]) == 0
    assert '"documents": 1' in capsys.readouterr().out
    assert index_cli.main(["check", "--index", built]) == 0
    assert "sound" in capsys.readouterr().out


def test_ingest_exit_status_is_1_when_a_file_fails_and_names_it(tmp_path, capsys):
    write(tmp_path / "ok.txt", "Supervision is regular.")
    (tmp_path / "broken.pdf").write_bytes(b"not a pdf")
    assert ingest_cli.main([str(tmp_path), "--index", str(tmp_path / "index"), "--quiet"]) == 1
    captured = capsys.readouterr()
    assert "broken.pdf" in captured.err and "1 added" in captured.out


def test_bad_arguments_exit_2(capsys):
    with pytest.raises(SystemExit) as exited:
        index_cli.main(["search", "--k", "0", "question"])
    assert exited.value.code == 2


def test_searching_a_missing_index_prints_one_sentence_not_a_traceback(tmp_path, capsys):
    assert index_cli.main(["search", "--index", str(tmp_path / "none"), "question"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: No index at") and "Traceback" not in err


def test_councils_lists_each_council_with_its_grades(tmp_path, capsys):
    from tests.conftest import DATA

    index = str(tmp_path / "index")
    assert ingest_cli.main([str(DATA / "staffordshire-ilacs-2019.pdf"), "--index", index, "--quiet"]) == 0
    capsys.readouterr()
    assert index_cli.main(["councils", "--index", index, "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["council"] == "Staffordshire"
    assert row["reports"][0]["grades"]["overall_effectiveness"] in ("good", "requires improvement")
    assert index_cli.main(["search", "--index", index, "--json", "How was Staffordshire rated overall?"]) == 0
    answer = json.loads(capsys.readouterr().out)["answer"]
    assert answer["grade"] == row["reports"][0]["grades"]["overall_effectiveness"] and answer["page"] == 1
    # What the report found: its grade, then its passages in order, with no match label to print.
    assert index_cli.main(["search", "--index", index, "--k", "2", "What did Ofsted find in Staffordshire?"]) == 0
    printed = capsys.readouterr().out
    assert "Read as: what Staffordshire's 2019 report found" in printed and "Answer: Overall effectiveness" in printed
    assert " 1. " in printed and "[ match]" not in printed and "p. 1\n" in printed


def test_a_rerun_over_unchanged_files_never_loads_the_model(built, tmp_path, monkeypatch, capsys):
    def refuse(name=None):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr("index.opening.load_embedder", refuse)
    assert ingest_cli.main([str(tmp_path / "docs"), "--index", built, "--quiet"]) == 0
    assert capsys.readouterr().out.startswith("0 added")


def test_an_image_renamed_txt_is_refused_in_one_sentence_and_the_rest_are_indexed(tmp_path, capsys):
    write(tmp_path / "docs" / "ok.txt", "Supervision is regular.")
    (tmp_path / "docs" / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    assert ingest_cli.main([str(tmp_path / "docs"), "--index", str(tmp_path / "index"), "--quiet"]) == 1
    captured = capsys.readouterr()
    assert "photo.txt: is a PNG image, not text" in captured.err and "1 added" in captured.out
    assert "Traceback" not in captured.err
    assert index_cli.main(["search", "--index", str(tmp_path / "index"), "--json", "IHDR"]) == 0
    assert "photo.txt" not in capsys.readouterr().out


def test_a_reader_that_stops_early_ends_the_search_quietly(built, tmp_path, monkeypatch, capsys):
    """`python -m index search … | head -1`: the closed pipe ends the command with status 0, no traceback."""
    class ClosedPipe:
        def __init__(self):
            self.sink = open(tmp_path / "sink", "w")

        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self):
            return self.sink.fileno()

    monkeypatch.setattr("sys.stdout", ClosedPipe())
    assert index_cli.main(["search", "--index", built, "--json", "supervision"]) == 0
    assert capsys.readouterr().err == ""
