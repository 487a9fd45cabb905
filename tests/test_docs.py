"""Documentation checked against the code: the README's settings table names every setting the product reads."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ["app.py", "errors.py", "models.py", "index", "ingest", "app_ui"]


def test_the_readme_configuration_table_lists_every_setting_the_code_reads():
    read = set()
    for place in PRODUCT:
        files = [ROOT / place] if place.endswith(".py") else (ROOT / place).rglob("*.py")
        for path in files:
            read |= set(re.findall(r"\bINSPECTQA_[A-Z0-9_]+\b", path.read_text(encoding="utf-8")))
    table = {row.split("`")[1] for row in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
             if row.startswith("| `INSPECTQA_")}
    assert len(read) >= 10  # the search found the settings (it cannot pass by finding none)
    assert read - table == set(), "settings the README's configuration table does not list"
    assert table - read == set(), "settings the README lists that the code no longer reads"


def _json_contract() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text[text.index("### JSON contract"):text.index("## Scaling out")]


def test_every_key_a_search_answer_emits_is_in_the_readme_json_contract():
    from index.search.digest import Digest, DigestGroup, DigestItem, Finding, Timeline, TimelineEntry
    from models import Quote
    from tests.conftest import make_report

    report = make_report("d1", "Derby", "2025-01-01", {"impact_of_leaders": "good"})
    finding = Finding(Quote(text="Supervision is regular.", citation="cited", document=report, page=1, start=0, end=23), 0.7)
    digest = Digest((DigestGroup("Regular supervision", (DigestItem("Derby", finding, "impact_of_leaders", (finding,)),)),),
                    1, 1, "impact_of_leaders").to_dict()
    timeline = Timeline("Derby", "impact_of_leaders", (TimelineEntry(finding, "impact_of_leaders"),), 1).to_dict()
    keys = set(digest) | set(digest["groups"][0]) | set(digest["groups"][0]["items"][0]) | set(timeline)
    keys |= set(timeline["entries"][0]) | set(timeline["entries"][0]["items"][0])
    from index.search.response import Response
    keys |= set(Response.__dataclass_fields__) - {"reading", "query", "hits", "grade", "grade_list", "seconds"}
    keys |= {"query", "answer", "grade_list", "results"}
    contract = _json_contract()
    assert len(keys) > 30
    assert {key for key in keys if f'"{key}"' not in contract} == set(), "JSON keys the README's contract does not name"


def test_imports_run_one_way():
    """Reading a file knows nothing of questions: ingest/ imports nothing from index/search/ (nor index/ from
    ingest/); citing and exporting (index/output/) knows nothing of how a question is searched; and the neutral
    modules (ofsted/, text/) import neither."""
    def imports(folder: str) -> set[str]:
        found = set()
        for path in (ROOT / folder).rglob("*.py"):
            found |= set(re.findall(r"^\s*(?:from|import)\s+([\w.]+)", path.read_text(encoding="utf-8"), re.MULTILINE))
        return found

    assert not {m for m in imports("ingest") if m.startswith("index.search")}
    assert not {m for m in imports("index") if m.startswith("ingest")}
    assert not {m for m in imports("index/output") if m.startswith("index.search")}   # no cycle with search
    for neutral in ("ofsted", "text"):
        assert not {m for m in imports(neutral) if m.startswith(("index", "ingest", "app_ui"))}, neutral
    assert imports("ingest")   # the check read something


def _help(*command: str) -> str:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", *command, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_command_line_subcommand_and_option_is_in_the_readme():
    """The CLIs are documented where a user looks (the README's command-line section and Ray section): a new
    subcommand or option fails here until it is."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = set()
    for module, subcommands in (("index", ("search", "list", "delete", "correct", "councils", "stats", "check")),
                                ("ingest", ()), ("app_ui.users", ("add", "remove", "list"))):
        helps = [_help(module)] + [_help(module, sub) for sub in subcommands]
        listed = set(re.findall(r"\{([a-z,]+)\}", helps[0])[0].split(",")) if subcommands else set()
        assert listed <= set(subcommands), f"{module} has subcommands this test does not know: {listed - set(subcommands)}"
        for sub in subcommands:
            if f"{module} {sub}" not in readme and f"-m {module} {sub}" not in readme:
                missing.add(f"python -m {module} {sub}")
        for text in helps:
            missing |= {f"{module} {option}" for option in re.findall(r"(?<![\w-])--[a-z][a-z-]+", text)
                        if option != "--help" and option not in readme}
    assert missing == set(), "command-line parts the README does not document"


def test_every_tuning_value_has_its_reason_and_the_docs_page_is_made_from_the_code():
    """docs/tuning.md lists every number that tunes an answer, read from its module (index.search.tuning); a number
    without a reason, or a page out of step, fails here: regenerate it with `python -m index.search.tuning >
    docs/tuning.md`."""
    from index.search.tuning import markdown, tuning_values

    values = tuning_values(ROOT)
    assert len(values) > 40
    assert [name for _, name, _, reason in values if not reason.strip()] == []
    assert (ROOT / "docs" / "tuning.md").read_text(encoding="utf-8") == markdown(ROOT)


def test_every_error_class_lives_in_the_errors_module():
    """One errors module (as pypdf has): a manager's message is written in one place, in one style."""
    outside = []
    for folder in ("ofsted", "text", "ingest", "index", "app_ui"):
        for path in (ROOT / folder).rglob("*.py"):
            outside += [f"{path.relative_to(ROOT)}: {name}" for name in
                        re.findall(r"^class\s+(\w+)\([\w.]*(?:Error|Exception)\)", path.read_text(encoding="utf-8"), re.MULTILINE)]
    assert outside == []
    assert re.search(r"^class AccessDeniedError\(", (ROOT / "errors.py").read_text(encoding="utf-8"), re.MULTILINE)
