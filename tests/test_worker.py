"""The child process that reads files: a hang fails one file, and the next file is read by a fresh child."""
import os

import pytest

from errors import UnreadableFileError
from ingest.pipeline import find_files
from ingest.worker import IsolatedReader, ReadResult, ReadTask
from tests.conftest import write


def task(path, kind="txt"):
    return ReadTask(str(path), path, "0" * 64, kind)


@pytest.mark.slow
def test_a_file_that_hangs_the_reader_fails_alone_and_the_next_one_is_read(tmp_path):
    pipe = tmp_path / "hangs.txt"
    os.mkfifo(pipe)  # reading a pipe with no writer blocks forever, like a pypdf hang
    good = write(tmp_path / "good.txt", "Care leavers have personal advisers.")
    with IsolatedReader(timeout_s=3) as reader:
        results = list(reader.read_all([task(pipe), task(good)]))
    (_, hung), (_, read) = results
    assert isinstance(hung, UnreadableFileError) and "took longer than 3 s" in str(hung)
    assert isinstance(read, ReadResult) and read.pages[0].text == "Care leavers have personal advisers."


def test_errors_come_back_as_sentences_naming_the_source(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"\x00" * 100)
    with IsolatedReader() as reader:
        ((_, result),) = list(reader.read_all([task(broken, "pdf")]))
    assert isinstance(result, UnreadableFileError) and str(result).startswith(str(broken))


def test_pipes_inside_a_folder_are_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    write(tmp_path / "real.txt", "text")
    assert [path.name for _, path in find_files([tmp_path])] == ["real.txt"]
    assert list(find_files([tmp_path / "pipe.txt"])) == [(str(tmp_path / "pipe.txt"), None)]


def test_a_file_that_needs_more_memory_than_the_cap_fails_alone(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(1 << 30)  # 1 GB of NULs, sparse on disk: reading it needs 1 GB in the child
    good = write(tmp_path / "good.txt", "Care leavers have personal advisers.")
    with IsolatedReader(memory_mb=256) as reader:
        (_, refused), (_, read) = list(reader.read_all([task(huge), task(good)]))
    assert isinstance(refused, UnreadableFileError) and "needs more memory" in str(refused)
    assert isinstance(read, ReadResult)

