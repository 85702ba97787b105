"""The wheel ships every subpackage, the styles and the sample article."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_for_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "reader").rglob("__init__.py")
    }
    assert on_disk <= listed


def test_styles_and_sample_ship_as_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert config["package-dir"] == {"reader.styles": "styles", "reader.seeds": "seeds"}
    assert list((ROOT / "styles").glob("*.tcss")) and list((ROOT / "seeds").glob("*.txt"))
