"""The code stays as clean as it is: ruff's rules and mypy's types, as pyproject.toml sets them, find nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    """`python -m COMMAND` in the checkout, where pyproject.toml holds the tools' settings."""
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing_in_the_code_tests_benchmarks_or_training():
    # Without a cache, so that the test leaves nothing behind in the checkout.
    result = run("ruff", "check", "--no-cache", "reader", "tests", "benchmarks", "training")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_type_errors_in_reader(tmp_path: Path):
    # A cache of its own: nothing written into the checkout, and no stale result from an earlier run.
    result = run("mypy", "--cache-dir", str(tmp_path / "mypy"))
    assert result.returncode == 0, result.stdout + result.stderr
