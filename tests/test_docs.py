"""Documentation checked against the code, and against itself: each page that states what the code does (the
settings table in docs/operating.md, the commands and JSON contract in docs/cli.md, docs/tuning.md) is compared with
the code, every relative link in README.md and docs/ leads somewhere, and the README stays short."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ["app.py", "errors.py", "models.py", "index", "ingest", "app_ui"]
DOCS = ROOT / "docs"
README_MAX_LINES = 200


def _read(page: str) -> str:
    return (ROOT / page).read_text(encoding="utf-8")


def _section(page: str, heading: str) -> str:
    """The text under a heading of `page`, up to the next heading of the same level or higher."""
    text = _read(page)
    match = re.search(rf"^(#+) {re.escape(heading)}\s*$", text, re.MULTILINE)
    assert match, f"{page} has no heading {heading!r}"
    end = re.search(rf"^#{{1,{len(match.group(1))}}} ", text[match.end():], re.MULTILINE)
    return text[match.end(): match.end() + end.start() if end else len(text)]


def test_the_settings_table_lists_every_setting_the_code_reads():
    read = set()
    for place in PRODUCT:
        files = [ROOT / place] if place.endswith(".py") else (ROOT / place).rglob("*.py")
        for path in files:
            read |= set(re.findall(r"\bINSPECTQA_[A-Z0-9_]+\b", path.read_text(encoding="utf-8")))
    table = {row.split("`")[1] for row in _section("docs/operating.md", "Settings").splitlines()
             if row.startswith("| `INSPECTQA_")}
    assert len(read) >= 10  # the search found the settings (it cannot pass by finding none)
    assert read - table == set(), "settings the settings table (docs/operating.md) does not list"
    assert table - read == set(), "settings docs/operating.md lists that the code no longer reads"


def test_every_key_a_search_answer_emits_is_in_the_json_contract():
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
    contract = _section("docs/cli.md", "JSON contract")
    assert len(keys) > 30
    assert {key for key in keys if f'"{key}"' not in contract} == set(), "JSON keys the contract (docs/cli.md) does not name"


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
    embedder = (ROOT / "index" / "storage" / "embedder.py").read_text(encoding="utf-8")   # storage has no circle
    assert not re.search(r"^\s*(?:from|import)\s.*onnx_model", embedder, re.MULTILINE)
    assert imports("ingest")   # the check read something


def _help(*command: str) -> str:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", *command, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_command_line_subcommand_and_option_is_in_the_cli_page():
    """The CLIs are documented where a user looks (docs/cli.md): a new subcommand or option fails here until it is."""
    page = _read("docs/cli.md")
    missing = set()
    for module, subcommands in (("index", ("search", "list", "delete", "correct", "councils", "stats", "check")),
                                ("ingest", ()), ("app_ui.users", ("add", "remove", "list"))):
        helps = [_help(module)] + [_help(module, sub) for sub in subcommands]
        listed = set(re.findall(r"\{([a-z,]+)\}", helps[0])[0].split(",")) if subcommands else set()
        assert listed <= set(subcommands), f"{module} has subcommands this test does not know: {listed - set(subcommands)}"
        for sub in subcommands:
            if f"{module} {sub}" not in page and f"-m {module} {sub}" not in page:
                missing.add(f"python -m {module} {sub}")
        for text in helps:
            missing |= {f"{module} {option}" for option in re.findall(r"(?<![\w-])--[a-z][a-z-]+", text)
                        if option != "--help" and option not in page}
    assert missing == set(), "command-line parts docs/cli.md does not document"


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


def _pages() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


def _without_code_blocks(text: str) -> str:
    text = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
    return "\n".join(line for line in text.splitlines() if not line.startswith("    "))


def _prose(text: str) -> str:
    """The text a reader sees as prose: fenced and indented code blocks and inline code left out, so a report's
    `[x](javascript:…)` quoted in a page is not taken for a link."""
    return re.sub(r"`[^`\n]*`", "", _without_code_blocks(text))


def _anchors(path: Path) -> set[str]:
    """GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces to hyphens, repeats numbered."""
    seen: dict[str, int] = {}
    anchors = set()
    text = _without_code_blocks(path.read_text(encoding="utf-8"))
    for heading in re.findall(r"^#{1,6} +(.+?)\s*#*\s*$", text, re.MULTILINE):
        heading = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "")
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        anchors.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
        seen[slug] = seen.get(slug, 0) + 1
    return anchors


def _links(path: Path) -> list[str]:
    """The relative targets of a page's Markdown links and images (no scheme, not an e-mail address)."""
    targets = re.findall(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)", _prose(path.read_text(encoding="utf-8")))
    return [t for t in targets if not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", t)]


def test_every_relative_link_in_the_docs_leads_to_a_file_and_heading_that_exist():
    broken, checked = [], 0
    for page in _pages():
        for target in _links(page):
            checked += 1
            file, _, anchor = target.partition("#")
            goal = (page.parent / file).resolve() if file else page
            where = f"{page.relative_to(ROOT)}: {target}"
            if not goal.exists():
                broken.append(f"{where} (no such file)")
            elif anchor and (goal.is_dir() or goal.suffix != ".md" or anchor not in _anchors(goal)):
                broken.append(f"{where} (no such heading)")
    assert checked > 20   # the search found the links (it cannot pass by finding none)
    assert broken == []


def test_the_readme_stays_short_and_maps_every_docs_page():
    """README.md is the way in, not the manual: under README_MAX_LINES lines, with a link to every page in docs/."""
    readme = _read("README.md")
    assert len(readme.splitlines()) < README_MAX_LINES
    linked = {(ROOT / t.partition("#")[0]).resolve() for t in _links(ROOT / "README.md")}
    pages = sorted(DOCS.glob("*.md"))
    assert len(pages) >= 5
    assert [p.name for p in pages if p.resolve() not in linked] == [], "docs pages the README's map leaves out"


def test_every_pointer_to_a_section_names_a_heading_that_exists():
    """Code and pages point at a section by page and heading ((docs/operating.md, "Sign-in and roles"), bench/RESULTS.md,
    "Digest and timeline"): each must name a heading of that page, or the start of one, so moving a section moves
    its pointers too."""
    pointer = re.compile(r"\b(README(?:\.md)?|docs/[\w-]+\.md|bench/RESULTS\.md)`?, \\?[\"“]([^\"”\\\n]+)\\?[\"”]")
    sources = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
    for place in PRODUCT + ["ofsted", "text", "bench"]:
        sources += [ROOT / place] if place.endswith(".py") else sorted((ROOT / place).rglob("*.py"))
    dangling, found = [], 0
    for source in sources:
        for page, name in pointer.findall(source.read_text(encoding="utf-8")):
            found += 1
            page = "README.md" if page.startswith("README") else page
            headings = re.findall(r"^#{1,6} +(.+?)\s*$", _without_code_blocks(_read(page)), re.MULTILINE)
            if not any(h == name or (h.startswith(name) and h[len(name)] in " :(") for h in headings):
                dangling.append(f"{source.relative_to(ROOT)}: {page}, “{name}”")
    assert found > 10   # the search found the pointers (it cannot pass by finding none)
    assert dangling == []
