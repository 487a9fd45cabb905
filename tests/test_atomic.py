"""The one way InspectQA replaces a file: all of the new one, or the old one untouched."""
import pytest

from index.storage.atomic import replaced_atomically, write_atomically


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "users.json"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with replaced_atomically(target) as temporary:
            with open(temporary, "w") as handle:
                handle.write("half of the new")
            raise RuntimeError("the writer crashed")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["users.json"]


def test_a_finished_write_replaces_the_file_readable_by_its_owner_only(tmp_path):
    target = tmp_path / "upload.pdf"
    write_atomically(target, b"%PDF-1.7 new")
    write_atomically(target, b"%PDF-1.7 newer")
    assert target.read_bytes() == b"%PDF-1.7 newer"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["upload.pdf"]
