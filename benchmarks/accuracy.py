"""How well the analysis labels sentences, finds quotes and speakers, entities and figures.

Reads ../shared/eval (never copied into the repo). Usage: python benchmarks/accuracy.py [--eval DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def seed(eval_dir: Path) -> None:
    """Seed article: sentence labels (16 of 17 scored), every listed entity and figure found."""
    raise NotImplementedError


def subjectivity(eval_dir: Path, split: str) -> None:
    """CheckThat! subjectivity: opinion = SUBJ; per-class P/R/F1, confusion, macro-F1."""
    raise NotImplementedError


def attribution(eval_dir: Path) -> None:
    """PolNeAR dev: quote F1, attributed F1, speaker accuracy, as ../shared/eval/README.md scores them."""
    raise NotImplementedError


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared eval folder")
    parser.add_argument("--only", choices=["seed", "subjectivity", "attribution"], help="run one part")
    parser.add_argument("--split", default="dev", choices=["train", "dev"], help="subjectivity split to report")
    args = parser.parse_args()
    if args.only in (None, "seed"):
        seed(args.eval)
    if args.only in (None, "subjectivity"):
        subjectivity(args.eval, args.split)
    if args.only in (None, "attribution"):
        attribution(args.eval)


if __name__ == "__main__":
    main()
