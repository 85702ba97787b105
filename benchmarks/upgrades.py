"""What the newest releases of reader's dependencies would change: versions, labels, scores, speakers and tests.

Installs the checkout with the newest release of every dependency (the exact pins of pyproject.toml lifted, its
other bounds kept) in a scratch virtualenv, analyses the same articles there and in this environment (which
should be the locked install: `pip install -r requirements-test.lock`), and prints what moved; then runs the
test suite in the scratch environment. Nothing is installed here, nothing in the checkout changes: taking an
upgrade is a decision, made by editing the pins and the locks (see docs/BENCHMARKS.md).

Usage: python benchmarks/upgrades.py [--venv DIR] [--corpus DIR] [--no-tests]
The articles: the sample, tests/data's pages, and PolNeAR dev (../shared/eval/attribution/dev/text) when it is
there, or the .txt files of --corpus.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "attribution" / "dev" / "text"
# What installs, not what runs: a new venv has its own.
_INSTALLERS = {"pip", "setuptools", "wheel"}
# A score moved by less than this is rounding, not a change a reader could see.
SCORE_STEP = 0.005


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, help="the scratch virtualenv (default: a temporary one, removed after)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="a folder of .txt articles to compare")
    parser.add_argument("--no-tests", action="store_true", help="leave out the test suite")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reader-upgrades-") as scratch:
        venv = options.venv or Path(scratch) / "venv"
        newest = install_newest(venv)
        report_versions(locked_versions(), newest)
        articles = corpus(options.corpus)
        print(f"\n== analyses of {len(articles)} articles: this environment against the newest releases")
        before = analyses(Path(sys.executable), articles)
        after = analyses(venv / "bin" / "python", articles)
        report_analyses(articles, before, after)
        if not options.no_tests:
            print("\n== the test suite with the newest releases")
            tests = subprocess.run([str(venv / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                                   cwd=ROOT, capture_output=True, text=True)
            failed = [line for line in tests.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
            print(*failed, tests.stdout.strip().splitlines()[-1] if tests.stdout.strip() else tests.stderr, sep="\n")


def install_newest(venv: Path) -> dict[str, str]:
    """A virtualenv with the checkout and the newest release of each dependency; its versions by package."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [_unpinned(requirement) for requirement in
              [*project["dependencies"], *project["optional-dependencies"]["test"]]]
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "--quiet", "install"]
    subprocess.run([*pip, "--upgrade", *wanted], check=True)
    subprocess.run([*pip, "--no-deps", "--force-reinstall", str(ROOT)], check=True)
    return _versions([str(venv / "bin" / "python"), "-m", "pip", "list", "--format=json"])


def _unpinned(requirement: str) -> str:
    """The requirement without an exact pin ("spacy==3.8.18" -> "spacy"); ranges and extras are kept."""
    return re.sub(r"\s*===?\s*[^,;\s]+", "", requirement).strip()


def locked_versions() -> dict[str, str]:
    """The versions requirements-test.lock installs, by normalised package name."""
    lock = (ROOT / "requirements-test.lock").read_text(encoding="utf-8")
    return {_name(name): version for name, version in re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s\\]+)", lock, re.M)}


def _versions(command: list[str]) -> dict[str, str]:
    listed = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    return {_name(package["name"]): package["version"] for package in listed}


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def report_versions(locked: dict[str, str], newest: dict[str, str]) -> None:
    changed = sorted(name for name in set(locked) - _INSTALLERS if newest.get(name, locked[name]) != locked[name])
    added = sorted(set(newest) - set(locked) - _INSTALLERS - {"reader"})
    print(f"== releases newer than the lock: {len(changed)}")
    for name in changed:
        print(f"  {name:28} {locked[name]:>14} -> {newest[name]}")
    if added:
        print("  new in the tree: " + ", ".join(f"{name} {newest[name]}" for name in added))


def corpus(folder: Path) -> list[Path]:
    """The articles compared: the sample, the test pages, and the corpus folder's .txt files."""
    from reader.resources import sample_article

    return [sample_article(), *sorted((ROOT / "tests" / "data").glob("*.html")), *sorted(folder.glob("*.txt"))]


def analyses(python: Path, articles: list[Path]) -> list[dict | None]:
    """Each article's analysis by `python -m reader analyze` (None for one that failed)."""
    done = subprocess.run([str(python), "-m", "reader", "analyze", *map(str, articles), "--format", "jsonl"],
                          capture_output=True, text=True, cwd=tempfile.gettempdir())
    records = [json.loads(line) for line in done.stdout.splitlines()]
    return [None if "error" in record else record for record in records]


def report_analyses(articles: list[Path], before: list[dict | None], after: list[dict | None]) -> None:
    moved: Counter[str] = Counter()
    examples: list[str] = []
    sentences = 0
    for path, old, new in zip(articles, before, after, strict=True):
        if old is None and new is None:
            continue  # an article no version can read (a page of menus alone)
        if old is None or new is None:
            moved["articles that failed on one side"] += 1
            examples.append(f"{path.name}: {'before' if old is None else 'after'} failed")
            continue
        if [s["text"] for s in old["sentences"]] != [s["text"] for s in new["sentences"]]:
            moved["articles cut into other sentences"] += 1
            examples.append(f"{path.name}: the sentences are cut differently")
            continue
        sentences += len(old["sentences"])
        for was, now in zip(old["sentences"], new["sentences"], strict=True):
            if was["label"] != now["label"]:
                moved["labels"] += 1
                examples.append(f"{path.name} #{was['number']}: {was['label']} {was['confidence']} -> "
                                f"{now['label']} {now['confidence']}  {was['text'][:60]!r}")
            elif abs(was["confidence"] - now["confidence"]) >= SCORE_STEP:
                moved["confidences (same label)"] += 1
            if _speaker(was) != _speaker(now):
                moved["speakers"] += 1
                examples.append(f"{path.name} #{was['number']}: speaker {_speaker(was)!r} -> {_speaker(now)!r}")
        for kind in ("quotes", "entities", "figures"):
            if _listed(old[kind]) != _listed(new[kind]):
                moved[f"articles whose {kind} differ"] += 1
    print(f"{sentences} sentences compared")
    if not moved:
        print("nothing moved")
    for what, count in moved.most_common():
        print(f"  {what}: {count}")
    for line in examples[:40]:
        print("  " + line)
    if len(examples) > 40:
        print(f"  … and {len(examples) - 40} more")


def _speaker(sentence: dict) -> str | None:
    attribution = sentence.get("attribution") or {}
    source = attribution.get("source") or {}
    return source.get("name") or source.get("text")


def _listed(items: list[dict]) -> list[tuple]:
    return [(item.get("start"), item.get("end"), item.get("name") or item.get("text"), item.get("value"))
            for item in items]


if __name__ == "__main__":
    main()
