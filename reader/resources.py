"""Where the files shipped beside the code live, in a checkout and in an installed wheel."""

from importlib.resources import files
from pathlib import Path


def _folder(package: str, checkout_name: str) -> Path:
    checkout = Path(__file__).resolve().parent.parent / checkout_name
    if checkout.is_dir():
        return checkout
    return Path(str(files(package)))


def seeds_dir() -> Path:
    return _folder("reader.seeds", "seeds")


def styles_dir() -> Path:
    return _folder("reader.styles", "styles")


def sample_article() -> Path:
    """The article `reader` opens when given no source."""
    return seeds_dir() / "mexico-seeks-amnesty.txt"
