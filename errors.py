"""Every error a user can meet, each with one sentence that names the file and says what to do.

The CLIs and the app catch `InspectQAError` and print `str(error)`; anything else is a bug.
"""
from __future__ import annotations

import re

# Control characters, lone surrogates, and the bidirectional controls that make "report\u202etxt.exe" print as
# "reportexe.txt".
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown_path(path: str) -> str:
    """A file name as it can be printed on one line: newlines, other control characters and bytes that are
    not text (a non-UTF-8 name arrives as lone surrogates) shown as escapes, so a message stays one sentence
    and a name cannot disguise its real ending."""
    return _UNPRINTABLE.sub(_escape, path)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return match.group().encode("unicode_escape").decode()


class InspectQAError(Exception):
    """Base class: the message is a complete sentence a manager can act on."""


class UnreadableFileError(InspectQAError):
    """One input file could not be read; the rest of a batch still goes in."""

    def __init__(self, path: str, reason: str, fix: str = ""):
        self.path, self.reason, self.fix = str(path), reason, fix
        message = f"{shown_path(self.path)}: {reason}"
        super().__init__(f"{message}. {fix}" if fix else f"{message}.")


class UnsupportedFileError(UnreadableFileError):
    def __init__(self, path: str, suffix: str):
        super().__init__(
            path,
            f"'{suffix or 'no extension'}' files are not supported",
            "Save it as PDF, Word (.docx), plain text (.txt) or Markdown (.md) and add it again.",
        )


class IndexNotFoundError(InspectQAError):
    def __init__(self, path: str):
        super().__init__(
            f"No index at {path}. Build one first with: python -m ingest FILES --index {path}"
        )


class IndexBusyError(InspectQAError):
    def __init__(self, path: str):
        super().__init__(
            f"Another ingest or delete is still writing to the index at {path}. Wait for it to finish and try again."
        )


class IndexFormatError(InspectQAError):
    """The index directory exists but was written by another version or is damaged."""


class ModelMismatchError(InspectQAError):
    def __init__(self, path: str, index_model: str, index_dim: int, wanted_model: str):
        super().__init__(
            f"The index at {path} was built with the embedding model '{index_model}' ({index_dim} dimensions), "
            f"not '{wanted_model}'. Search it with --model '{index_model}', or rebuild it into a new --index folder."
        )


class ModelLoadError(InspectQAError):
    def __init__(self, model: str, reason: str):
        super().__init__(
            f"Could not load the embedding model '{model}': {reason}. "
            "Give a local model folder with --model (or INSPECTQA_MODEL), or leave both unset for the bundled model."
        )


class DocumentNotFoundError(InspectQAError):
    def __init__(self, ref: str):
        super().__init__(
            f"No document matches '{ref}'. Run 'python -m index list' to see document ids and file names."
        )


class CorrectionError(InspectQAError):
    """An editor's correction of a report's details that cannot be stored as given; nothing was changed."""


class NotADateError(CorrectionError):
    def __init__(self, what: str, value: str, reason: str = "is not a date"):
        super().__init__(f"“{value}” {reason} for the {what}: give a real date as YYYY-MM-DD, e.g. 2025-07-08; "
                         "nothing was changed.")


class UnknownCouncilError(CorrectionError):
    def __init__(self, name: str):
        super().__init__(f"“{name}” is neither an English council nor the council of another report in the library: "
                         "give the council's name as Ofsted prints it, e.g. Telford and Wrekin; nothing was changed.")


class UnknownReportTypeError(CorrectionError):
    def __init__(self, value: str, known: tuple[str, ...]):
        super().__init__(f"“{value}” is not a report type InspectQA knows: use one of {', '.join(known)}; "
                         "nothing was changed.")


class BriefingStoreError(InspectQAError):
    """The briefings file cannot be used, or a briefing cannot be named as asked; the message says why."""


class AccessDeniedError(InspectQAError):
    """Someone signed in tried something their role does not allow."""


class UsersFileError(InspectQAError):
    """The users file cannot be used as it is; the message says how to put it right."""


class UploadRefusedError(InspectQAError):
    """A file refused before it is saved: too large, or a format the readers do not take."""


class RayUnavailableError(InspectQAError):
    """Ray is not installed, or the cluster named cannot be joined."""


class SignInKeyError(InspectQAError):
    """The server's sign-in key or its list of signed-out tokens cannot be used; the message says what to do."""
