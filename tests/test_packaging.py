"""The wheel ships every subpackage, the styles and the sample article."""

import shutil
import subprocess
import sys
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


def test_installed_layout_finds_the_sample_and_styles(tmp_path):
    # Lay the package out as a wheel does (seeds/ and styles/ inside reader/), away from the checkout.
    package = tmp_path / "reader"
    shutil.copytree(ROOT / "reader", package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "seeds", package / "seeds")
    shutil.copytree(ROOT / "styles", package / "styles")
    found = subprocess.run(
        [sys.executable, "-c", "from reader import resources as r; print(r.sample_article()); print(r.styles_dir())"],
        cwd=tmp_path, env={"PYTHONPATH": str(tmp_path)}, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert found == [str(package / "seeds" / "mexico-seeks-amnesty.txt"), str(package / "styles")]
    assert Path(found[0]).is_file()
