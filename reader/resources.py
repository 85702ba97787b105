"""Where the files shipped beside the code live, in a checkout and in an installed wheel."""

from pathlib import Path

from reader.errors import ReaderError

_PACKAGE = Path(__file__).resolve().parent


class Damaged(ReaderError):
    """A file shipped with reader (a model, a word list, weights) is missing or damaged: every article would fail the
    same way; the message is one line for the user that says which file, and what to do."""


def _folder(name: str) -> Path:
    # A wheel puts seeds/ and styles/ inside the package; a checkout keeps them at the top level.
    installed = _PACKAGE / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def seeds_dir() -> Path:
    return _folder("seeds")


def styles_dir() -> Path:
    return _folder("styles")


def sample_article() -> Path:
    """The article `reader` opens when given no source."""
    return seeds_dir() / "mexico-seeks-amnesty.txt"


def is_sample(origin: str) -> bool:
    """Whether an article came from the sample, whose path is wherever this copy of reader is installed."""
    return origin == str(sample_article())
