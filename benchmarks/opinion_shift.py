"""Opinion against not, through `reader classify`, on the sets a choice is checked against: CheckThat! English
train (fitted on: for reference), dev (balanced, train's outlets), dev_test (the 2024 test: other outlets and
topics, 25% opinion) and BABE dev (US news: writer's opinion against entirely factual, mixed left out).

Macro-F1 over the two classes, with the share of sentences labelled opinion against the true share.
Reads ../shared/eval (never copied into the repo).

Usage: python benchmarks/opinion_shift.py [--eval DIR] [--model learned|rules] [--sets dev dev_test babe]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SETS = ("train", "dev", "dev_test", "babe")


def read(eval_dir: Path, name: str) -> tuple[list[str], list[bool]]:
    """The sentences of one set and whether each is opinion."""
    if name == "babe":
        with open(eval_dir / "opinion" / "babe_dev.tsv", newline="", encoding="utf-8") as file:
            rows = [row for row in csv.DictReader(file, delimiter="\t") if row["label"] in ("opinion", "factual")]
        return [row["sentence"] for row in rows], [row["label"] == "opinion" for row in rows]
    with open(eval_dir / "subjectivity" / f"{name}_en.tsv", newline="", encoding="utf-8") as file:
        # QUOTE_NONE: sentences hold unbalanced quotation marks; dev has rows without the last column.
        rows = list(csv.reader(file, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    return [row[1] for row in rows], [row[2] == "SUBJ" for row in rows]


def macro_f1(gold: list[bool], guess: list[bool]) -> float:
    scores = []
    for positive in (True, False):
        true = sum(g == positive and p == positive for g, p in zip(gold, guess, strict=True))
        predicted, actual = guess.count(positive), gold.count(positive)
        scores.append(2 * true / (predicted + actual) if predicted + actual else 0.0)
    return sum(scores) / 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared eval folder")
    parser.add_argument("--model", default="learned", choices=["learned", "rules"], help="how opinion is scored")
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS, help="the sets to score")
    args = parser.parse_args()
    from reader.analysis import classify

    print(f"reader classify --model {args.model}: macro-F1, opinion against not (labelled opinion / truly opinion)")
    for name in args.sets:
        texts, gold = read(args.eval, name)
        guess = [sentence.label == "opinion" for sentence in classify(texts, args.model)]
        print(f"  {name:9} {macro_f1(gold, guess):.3f}   ({sum(guess) / len(guess):.0%} / {sum(gold) / len(gold):.0%}"
              f" of {len(texts)})", flush=True)


if __name__ == "__main__":
    main()
