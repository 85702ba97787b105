"""Entity precision on real news: what reader lists for 10 PolNeAR dev articles, against our hand-checked kinds.

Runs only where the shared evaluation data sits beside the repo (../shared/eval); skips elsewhere.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from reader.analysis import analyze_many
from reader.model import Article

CHECKED = Path(__file__).parent / "data" / "entities_checked.json"
ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "attribution" / "dev" / "text"
KINDS = ("person", "org", "place")
LOWEST_PRECISION = 0.95


@pytest.fixture(scope="module")
def listed() -> dict[str, dict[str, str]]:
    """Each checked article's entities as reader lists them: name -> kind."""
    if not ARTICLES.is_dir():
        pytest.skip(f"no evaluation data at {ARTICLES}")
    names = sorted(json.loads(CHECKED.read_text(encoding="utf-8"))["articles"])
    # Offsets and text as the accuracy benchmark reads them: the .txt decoded as UTF-8, no title.
    articles = [Article((ARTICLES / name).read_bytes().decode("utf-8"), None, name) for name in names]
    return {
        name: {entity.name: entity.kind for entity in analysis.entities}
        for name, analysis in zip(names, analyze_many(articles), strict=True)
    }


@pytest.mark.parametrize("kind", KINDS)
def test_entities_listed_on_real_news_are_of_the_kind_shown(listed, kind):
    checked = json.loads(CHECKED.read_text(encoding="utf-8"))["articles"]
    shown = right = 0
    wrong: dict[str, list[str]] = defaultdict(list)
    for article, entities in listed.items():
        for name, listed_kind in entities.items():
            if listed_kind != kind:
                continue
            shown += 1
            truth = checked[article].get(name, "not in the checked list")
            if truth == kind:
                right += 1
            else:
                wrong[article].append(f"{name!r} is {truth}")
    assert shown, f"no {kind} listed at all"
    assert right / shown >= LOWEST_PRECISION, f"{kind} precision {right}/{shown}; wrong: {dict(wrong)}"
