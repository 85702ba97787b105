"""How well `reader compare` aligns the claims two reports of one story share: precision and recall at thresholds.

benchmarks/alignment_pairs.json holds articles of PolNeAR train by two outlets on one day about one event, and 20
claims of each A aligned by hand with the sentences of B that report the same thing (or none), by reader's sentence
ids and start offsets; the text stays in ../shared/eval. A predicted pair of a hand-aligned claim is right when its
B is one the hand alignment allows; precision counts the predicted pairs of those 20 claims, recall the claims that
have a counterpart. Pairs 1 and 2 chose the shipped settings; 3 and 4 check them.

--encoder opinion scores the pairs by the cosine of the opinion model's mean token vectors instead of reader's
words, --encoder DIR by a sentence-transformers model in DIR (both need the train extra: onnx, sentence-transformers),
with the same each-other's-best rule. Usage: python benchmarks/alignment.py [--eval DIR] [--encoder opinion|DIR]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
PAIRS = Path(__file__).resolve().with_name("alignment_pairs.json")
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
ENCODER_THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)
"""An encoder's cosines run higher than those of words: the opinion model's are all above 0.7."""
TUNING = (0, 1)
"""The pairs the shipped settings were chosen on (by index); the others only check them."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--encoder", help="'opinion', or a folder holding a sentence-transformers model")
    options = parser.parse_args()
    from reader.alignment import THRESHOLD, align
    from reader.analysis import analyze
    from reader.sources import load

    text = options.eval / "attribution" / "train" / "text"
    pairs = json.loads(PAIRS.read_text(encoding="utf-8"))["pairs"]
    found = []
    for pair in pairs:
        a, b = (analyze(load(str(text / pair[side])), model="rules") for side in ("a", "b"))
        for claim in pair["claims"]:
            if a.sentences[claim["a"]].start != claim["a_start"] or any(
                    b.sentences[number].start != start for number, start in zip(claim["b"], claim["b_starts"],
                                                                                strict=True)):
                raise SystemExit(f"{pair['a']}: the sentences are cut otherwise than when they were aligned by hand")
        found.append((pair, a, b))
    print(f"{len(pairs)} pairs, {sum(len(pair['claims']) for pair in pairs)} claims aligned by hand")
    for number, pair in enumerate(pairs, 1):
        role = "tuning" if number - 1 in TUNING else "check"
        print(f"  {number} ({role}): {pair['event']}: {pair['a']} / {pair['b']}")
    if options.encoder:
        embed = _encoder(options.encoder)
        aligners = {threshold: _by_vectors(embed, threshold) for threshold in ENCODER_THRESHOLDS}
        shipped = None
    else:
        aligners = {threshold: (lambda a, b, threshold=threshold: {pair.a.id: pair.b.id
                                                                   for pair in align(a, b, threshold)})
                    for threshold in sorted({*THRESHOLDS, THRESHOLD})}
        shipped = THRESHOLD
    for threshold, aligner in aligners.items():
        counts = [_count(pair, aligner(a, b)) for pair, a, b in found]
        mark = "  <- reader's threshold" if threshold == shipped else ""
        print(f"threshold {threshold:.2f}: all {_figures(counts)}; tuning {_figures([counts[i] for i in TUNING])};"
              f" check {_figures([c for i, c in enumerate(counts) if i not in TUNING])}{mark}")
        print("    by pair: " + "; ".join(_figures([count]) for count in counts))


def _count(pair: dict, aligned: dict[int, int]) -> tuple[int, int, int]:
    """Right, predicted and expected pairs among the hand-aligned claims of one pair of articles."""
    right = predicted = expected = 0
    for claim in pair["claims"]:
        expected += bool(claim["b"])
        if claim["a"] in aligned:
            predicted += 1
            right += aligned[claim["a"]] in claim["b"]
    return right, predicted, expected


def _figures(counts: Sequence[tuple[int, int, int]]) -> str:
    right, predicted, expected = (sum(column) for column in zip(*counts, strict=True))
    precision = right / predicted if predicted else 1.0
    recall = right / expected if expected else 1.0
    return f"P {precision:.2f} ({right}/{predicted}) R {recall:.2f} ({right}/{expected})"


def _by_vectors(embed: Callable[[list[str]], list[list[float]]], threshold: float):
    """An aligner on the cosine of sentence vectors: each sentence the other's best, at least `threshold`."""

    def aligned(a, b) -> dict[int, int]:
        import numpy

        vectors_a = numpy.array(embed([sentence.text for sentence in a.sentences]))
        vectors_b = numpy.array(embed([sentence.text for sentence in b.sentences]))
        vectors_a /= numpy.linalg.norm(vectors_a, axis=1, keepdims=True)
        vectors_b /= numpy.linalg.norm(vectors_b, axis=1, keepdims=True)
        scores = vectors_a @ vectors_b.T
        best_b, best_a = scores.argmax(axis=1), scores.argmax(axis=0)
        return {row: int(column) for row, column in enumerate(best_b)
                if scores[row, column] >= threshold and best_a[column] == row}

    return aligned


def _encoder(which: str) -> Callable[[list[str]], list[list[float]]]:
    """Sentence vectors: the opinion model's pooled encoder output, or a sentence-transformers model's."""
    if which != "opinion":
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(which, device="cpu")
        return lambda texts: model.encode(texts).tolist()
    import tempfile

    import numpy
    import onnx
    import onnxruntime
    from tokenizers import Tokenizer

    from reader.analysis.opinion.opinion_model import FOLDER, MAX_TOKENS

    graph = onnx.load(str(FOLDER.joinpath("model.onnx")))
    # The mean of the last layer's token vectors, which the model's head turns into log-odds.
    graph.graph.output.append(onnx.helper.make_tensor_value_info("/Div_output_0", onnx.TensorProto.FLOAT,
                                                                 ["batch", 384]))
    with tempfile.NamedTemporaryFile(suffix=".onnx") as file:
        onnx.save(graph, file.name)
        session = onnxruntime.InferenceSession(file.name, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_str(FOLDER.joinpath("tokenizer.json").read_text(encoding="utf-8"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)

    def embed(texts: list[str]) -> list[list[float]]:
        vectors = []
        for text in texts:
            encoded = tokenizer.encode(text)
            inputs = {"input_ids": numpy.array([encoded.ids], dtype=numpy.int64),
                      "attention_mask": numpy.array([encoded.attention_mask], dtype=numpy.int64)}
            vectors.append(session.run(["/Div_output_0"], inputs)[0][0].tolist())
        return vectors

    return embed


if __name__ == "__main__":
    main()
