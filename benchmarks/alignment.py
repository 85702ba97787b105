"""How well `reader compare` aligns the claims two reports of one story share: precision and recall at thresholds.

benchmarks/alignment_pairs.json holds articles of PolNeAR train by two outlets on one day about one event, and 20
claims of each A aligned by hand with the sentence of B that reports the same thing (or none), by reader's sentence
ids and start offsets; the text stays in ../shared/eval. A predicted pair of a hand-aligned claim is right when its
B is one the hand alignment allows; precision counts the predicted pairs of those 20 claims, recall the claims that
have a counterpart. Usage: python benchmarks/alignment.py [--eval DIR] [--model learned|rules]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
PAIRS = Path(__file__).resolve().with_name("alignment_pairs.json")
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--model", choices=("learned", "rules"), default="rules",
                        help="the opinion model (labels do not change the alignment; rules is quicker)")
    options = parser.parse_args()
    from reader.analysis import analyze
    from reader.compare import THRESHOLD, align
    from reader.sources import load

    text = options.eval / "attribution" / "train" / "text"
    pairs = json.loads(PAIRS.read_text(encoding="utf-8"))["pairs"]
    found = []
    for pair in pairs:
        a, b = (analyze(load(str(text / pair[side])), model=options.model) for side in ("a", "b"))
        for claim in pair["claims"]:
            if a.sentences[claim["a"]].start != claim["a_start"] or any(
                    b.sentences[number].start != start for number, start in zip(claim["b"], claim["b_starts"],
                                                                                strict=True)):
                raise SystemExit(f"{pair['a']}: the sentences are cut otherwise than when they were aligned by hand")
        found.append((pair, a, b))
    print(f"{len(pairs)} pairs, {sum(len(pair['claims']) for pair in pairs)} claims aligned by hand")
    for threshold in sorted({*THRESHOLDS, THRESHOLD}):
        right = predicted = expected = 0
        for pair, a, b in found:
            aligned = {alignment.a.id: alignment.b.id for alignment in align(a, b, threshold)}
            for claim in pair["claims"]:
                expected += bool(claim["b"])
                if claim["a"] in aligned:
                    predicted += 1
                    right += aligned[claim["a"]] in claim["b"]
        precision = right / predicted if predicted else 1.0
        recall = right / expected if expected else 1.0
        mark = "  <- reader's threshold" if threshold == THRESHOLD else ""
        print(f"threshold {threshold:.2f}: precision {precision:.2f} ({right}/{predicted}),"
              f" recall {recall:.2f} ({right}/{expected}){mark}")


if __name__ == "__main__":
    main()
