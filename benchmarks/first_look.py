"""How often the app's first look (labels shown before spaCy has loaded) agrees with the full analysis.

A first look is right when its labels are the ones the full analysis gives a moment later: what the reader sees
change is what it got wrong. Over PolNeAR articles (../shared/eval, never copied into the repo), each article's
whole text is given a first look and analysed in full; for every sentence of the full analysis, the first look's
sentence over the same words is compared with it. `--fit` chooses the sentence model's opinion cut-off on the
train split, as first_look.OPINION_LOG_ODDS holds it; then the split asked for is scored once.

    python benchmarks/first_look.py [--split dev] [--fit] [--articles N]
"""

from __future__ import annotations

import argparse
import statistics
from collections import Counter
from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "attribution"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--fit", action="store_true", help="choose the opinion cut-off on train first")
    parser.add_argument("--articles", type=int, default=0, help="only the first N articles (0: all)")
    arguments = parser.parse_args()
    if arguments.fit:
        fit(_articles("train", arguments.articles))
    score(_articles(arguments.split, arguments.articles), arguments.split)


def _articles(split: str, limit: int) -> list:
    from reader.model import Article

    paths = sorted((EVAL / split / "text").glob("*.txt"))
    paths = paths[:limit] if limit else paths
    return [Article(path.read_text(encoding="utf-8"), path.stem, str(path)) for path in paths]


def _pairs(articles: list):
    """Per article, each full-analysis sentence with the first look's sentence over the same words (or None)."""
    from reader.analysis import analyze
    from reader.analysis.first_look import first_look

    for article in articles:
        looked = {(sentence.start, sentence.end): sentence for sentence in first_look(article, 0, len(article.text))}
        for sentence in analyze(article).sentences:
            yield sentence, looked.get((sentence.start, sentence.end))


def fit(articles: list) -> None:
    """The log-odds cut-off at which the first look's opinion agrees best with the full analysis's, on train."""
    from reader.analysis.first_look import OPINION_LOG_ODDS
    from reader.analysis.opinion import opinion_model

    model = opinion_model.load()
    scored = [(full.label == "opinion", looked.text) for full, looked in _pairs(articles)
              if looked is not None and looked.label != "quote" and full.label != "quote"
              and looked.scores["opinion"] > 0]
    odds = model.log_odds([text for _, text in scored])
    print(f"fit on {len(articles)} train articles, {len(scored)} sentences the first look scores:")
    best = max((_macro_f1([(truth, value > cut) for (truth, _), value in zip(scored, odds, strict=True)]), cut)
               for cut in (step / 10 for step in range(-40, 21)))
    print(f"  best cut-off {best[1]:+.1f} (macro-F1 against the full labels {best[0]:.3f});"
          f" first_look.OPINION_LOG_ODDS is {OPINION_LOG_ODDS:+.1f}")


def _macro_f1(pairs: list[tuple[bool, bool]]) -> float:
    scores = []
    for positive in (True, False):
        hits = sum(1 for truth, guess in pairs if truth == positive and guess == positive)
        guessed = sum(1 for _, guess in pairs if guess == positive)
        actual = sum(1 for truth, _ in pairs if truth == positive)
        scores.append(2 * hits / (guessed + actual) if guessed + actual else 1.0)
    return statistics.mean(scores)


def score(articles: list, split: str) -> None:
    agreed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    same_cut = 0
    pairs = list(_pairs(articles))
    for full, looked in pairs:
        total[full.label] += 1
        same_cut += looked is not None
        agreed[full.label] += looked is not None and looked.label == full.label
    print(f"{split}: {len(articles)} articles, {len(pairs)} sentences of the full analysis")
    print(f"  the first look cuts {same_cut / len(pairs):.3f} of them at the same words")
    print(f"  and gives {sum(agreed.values()) / len(pairs):.3f} of them the same cut and label")
    for kind in ("reported", "quote", "opinion"):
        if total[kind]:
            print(f"    {kind:<9} {agreed[kind] / total[kind]:.3f} of {total[kind]}")


if __name__ == "__main__":
    main()
