"""The code stays as clean as it is: ruff's rules, mypy's types and import-linter's layers, as pyproject.toml sets
them, find nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    """`python -m COMMAND` in the checkout, where pyproject.toml holds the tools' settings."""
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing_in_the_code_tests_benchmarks_or_training():
    # Without a cache, so that the test leaves nothing behind in the checkout.
    result = run("ruff", "check", "--no-cache", "reader", "tests", "benchmarks", "training")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_type_errors_in_reader(request: pytest.FixtureRequest, tmp_path: Path):
    # mypy's cache lives in pytest's (.pytest_cache, which git ignores) from one run to the next: a run where little
    # changed takes a second, not ten. mypy compares every file with what its cache was made from, so nothing stale
    # is taken; without pytest's cache (-p no:cacheprovider), a cache of this run's own.
    cache = request.config.cache.mkdir("mypy") if getattr(request.config, "cache", None) else tmp_path / "mypy"
    result = run("mypy", "--cache-dir", str(cache))
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_module_imports_only_from_its_own_layer_or_those_under_it():
    # The contracts are [tool.importlinter] in pyproject.toml; no cache, so that the test leaves nothing behind.
    result = subprocess.run([str(Path(sys.executable).with_name("lint-imports")), "--no-cache"], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_two_modules_of_reader_import_each_other_even_through_others():
    import grimp  # import-linter's own graph of the imports

    graph = grimp.build_graph("reader", cache_dir=None)
    circles = [(module, imported) for module in sorted(graph.modules)
               for imported in sorted(graph.find_modules_directly_imported_by(module))
               if graph.chain_exists(importer=imported, imported=module)]
    assert not circles, circles


def test_no_module_of_reader_is_longer_than_400_lines():
    # STYLE: a module that grows past 400 lines holds more than one idea; split it where its groups part.
    long = {str(path.relative_to(ROOT)): lines for path in (ROOT / "reader").rglob("*.py")
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert not long, long
