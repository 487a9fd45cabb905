"""Uploads are saved under their content hash; nothing of the client's file name reaches the path."""
import pytest

from app_ui.uploads import for_the_user, max_upload_mb, save_upload
from errors import UploadRefusedError


def test_a_file_is_saved_under_its_hash_with_a_supported_suffix(tmp_path):
    saved = save_upload("../../etc/Report FINAL.PDF", b"%PDF-1.4 content", tmp_path)
    assert saved.path.parent == tmp_path and saved.path.name.endswith(".pdf") and len(saved.path.stem) == 16
    assert saved.path.read_bytes() == b"%PDF-1.4 content" and saved.name == "../../etc/Report FINAL.PDF"


def test_the_same_content_is_one_file(tmp_path):
    assert save_upload("a.txt", b"same", tmp_path).path == save_upload("b.txt", b"same", tmp_path).path
    assert len(list(tmp_path.iterdir())) == 1


@pytest.mark.parametrize("name", ["report.exe", "report.pdf.exe", "noextension", "report.pdf/"])
def test_an_unsupported_kind_is_refused_in_one_sentence(tmp_path, name):
    with pytest.raises(UploadRefusedError, match="not supported"):
        save_upload(name, b"data", tmp_path)
    assert not any(tmp_path.iterdir())


def test_a_file_over_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTQA_MAX_UPLOAD_MB", "1")
    assert max_upload_mb() == 1
    with pytest.raises(UploadRefusedError, match="over the 1 MB limit"):
        save_upload("big.txt", b"x" * (1024 * 1024 + 1), tmp_path)


def test_a_bad_limit_setting_falls_back_to_50_mb(monkeypatch):
    monkeypatch.setenv("INSPECTQA_MAX_UPLOAD_MB", "lots")
    assert max_upload_mb() == 50


def test_messages_name_the_file_as_the_user_knows_it(tmp_path):
    saved = save_upload("my report.pdf", b"%PDF", tmp_path)
    assert for_the_user(f"{saved.path.resolve()}: is damaged.", saved) == "my report.pdf: is damaged."


def test_streamlits_own_upload_limit_is_the_apps_and_errors_stay_on_the_server():
    """Streamlit's upload endpoint takes what server.maxUploadSize allows from anyone who loads the page:
    it must be the app's limit, not Streamlit's 200 MB; error details never reach a browser."""
    import tomllib
    from pathlib import Path

    from app_ui.uploads import DEFAULT_MAX_UPLOAD_MB

    config = tomllib.loads((Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == DEFAULT_MAX_UPLOAD_MB
    assert config["client"]["showErrorDetails"] == "none"
