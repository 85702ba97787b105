"""Fit the opinion model's weights on the CheckThat! training sentences and write opinion_weights.txt.

Fits on train only (never dev): a logistic regression over the features of reader.analysis.opinion,
classes weighted to balance, with a light L2 penalty; prints 5-fold cross-validated macro-F1 on train.
Usage: python benchmarks/tune_opinion.py [--eval DIR] [--write]
"""

from __future__ import annotations

import argparse
import csv
import math
import random
from pathlib import Path

from reader.analysis import opinion, opinion_features

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
WEIGHTS = Path(opinion.__file__).with_name("opinion_weights.txt")
HEADER = ("# Weights of the opinion model (logistic regression over the features in opinion/signals.py), "
          "fitted by benchmarks/tune_opinion.py on the CheckThat! English training sentences.")


def read_split(eval_dir: Path, split: str) -> list[tuple[str, bool]]:
    """(sentence, is SUBJ) rows of one subjectivity split."""
    with open(eval_dir / "subjectivity" / f"{split}_en.tsv", newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(row[1], row[2] == "SUBJ") for row in rows[1:] if len(row) >= 3]


def feature_rows(lines: list[str]) -> list[list[float]]:
    """The model's feature values for each line, read as one sentence the way classify reads it."""
    return [[values[name] for name in opinion.FEATURES] for values, *_ in opinion_features(lines)]


def fit(table: list[list[float]], gold: list[bool], penalty: float = 0.02, rounds: int = 3000) -> list[float]:
    """Bias and weights of a class-balanced, L2-penalised logistic regression, by gradient descent."""
    positives = sum(gold)
    weight_of = {True: len(gold) / (2 * positives), False: len(gold) / (2 * (len(gold) - positives))}
    width = len(table[0])
    theta = [0.0] * (width + 1)
    rate = 0.5
    for _ in range(rounds):
        gradient = [0.0] * (width + 1)
        for row, label in zip(table, gold, strict=True):
            error = (_sigmoid(_log_odds(theta, row)) - label) * weight_of[label]
            gradient[0] += error
            for index, value in enumerate(row, 1):
                gradient[index] += error * value
        for index in range(width + 1):
            regular = penalty * theta[index] if index else 0.0
            theta[index] -= rate * (gradient[index] / len(gold) + regular)
    return theta


def predict(theta: list[float], row: list[float]) -> bool:
    return _sigmoid(_log_odds(theta, row)) >= opinion.THRESHOLD


def macro_f1(gold: list[bool], guess: list[bool]) -> float:
    scores = []
    for cls in (True, False):
        hits = sum(g == cls and p == cls for g, p in zip(gold, guess, strict=True))
        precision = hits / max(sum(p == cls for p in guess), 1)
        recall = hits / max(sum(g == cls for g in gold), 1)
        scores.append(2 * precision * recall / (precision + recall) if hits else 0.0)
    return sum(scores) / 2


def cross_validate(table: list[list[float]], gold: list[bool], folds: int = 5) -> float:
    order = list(range(len(gold)))
    random.Random(7).shuffle(order)
    guess = [False] * len(gold)
    for fold in range(folds):
        held = set(order[fold::folds])
        theta = fit([r for i, r in enumerate(table) if i not in held], [g for i, g in enumerate(gold) if i not in held])
        for index in held:
            guess[index] = predict(theta, table[index])
    return macro_f1(gold, guess)


def _log_odds(theta: list[float], row: list[float]) -> float:
    """The bias plus each feature value by its weight: theta holds the bias first, then one weight a feature."""
    return theta[0] + sum(w * x for w, x in zip(theta[1:], row, strict=True))


def _sigmoid(value: float) -> float:
    return 1 / (1 + math.exp(-value))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared eval folder")
    parser.add_argument("--write", action="store_true", help="write the fitted weights into the package")
    args = parser.parse_args()
    rows = read_split(args.eval, "train")
    table = feature_rows([text for text, _ in rows])
    gold = [subjective for _, subjective in rows]
    print(f"train 5-fold macro-F1 {cross_validate(table, gold):.3f}")
    theta = fit(table, gold)
    print(f"train fit macro-F1 {macro_f1(gold, [predict(theta, row) for row in table]):.3f}")
    lines = [f"bias {theta[0]:.3f}"] + [f"{name} {w:.3f}" for name, w in zip(opinion.FEATURES, theta[1:], strict=True)]
    print("\n".join(lines))
    if args.write:
        WEIGHTS.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS}")


if __name__ == "__main__":
    main()
