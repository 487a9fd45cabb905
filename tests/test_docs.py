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
