"""Fit the stance model shipped as reader/analysis/voices/stance_weights.txt on PolNeAR's training articles.

reader attributes a sentence by its reporting cues (attribution.py). Where it finds none, the stance
model weighs each predicate with a holder (stances.py: "Trump responded by …", "Other officials weighed in") and
takes the likeliest as the holder's view when its probability reaches the threshold. It is a logistic
regression over the predicate's features; a predicate is a positive example when it lies in a gold Cue span
whose Source its holder overlaps. The regularisation and the threshold are chosen together by 5-fold
cross-validation over train articles, on what the benchmark scores: the speaker over every gold-sourced
sentence, keeping the precision of "attributed" within a point of the cues' own. Dev is scored once and only
reported. Articles are parsed once and cached in --work, outside the repo.

Usage: python training/stances.py [--eval DIR] [--work DIR]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from spacy.tokens import Doc, DocBin

from reader import nlp
from reader.analysis import segment, voices
from reader.analysis.voices import attribution, quotation_marks, stances

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
DEFAULT_WORK = ROOT.parent / "stance-work"
WEIGHTS = ROOT / "reader" / "analysis" / "voices" / "stance_weights.txt"
STRENGTHS = (0.03, 0.1, 0.3, 1.0)
THRESHOLDS = tuple(round(0.3 + 0.05 * step, 2) for step in range(13))
SEEN = 5
"""How many training stances a feature must occur in to be weighed: rarer ones only fit the training articles."""
PRECISION_GIVEN = 0.01
"""How much of the cues' precision for "attributed" a threshold may give up for more speakers."""

sys.path.insert(0, str(ROOT / "benchmarks"))
import accuracy  # noqa: E402  (the benchmark's own reading of the gold, so that both count alike)


@dataclass
class Sentence:
    article: int
    gold: bool
    """Attributed (or quoted) in gold."""
    sourced: bool
    """Attributed in gold to a named source: the sentences the speaker figure counts."""
    cued: bool
    """Attributed by reader's cues; where not, the stance model may name who holds a view."""
    cued_right: bool
    stances: list[int]
    """Indices of the sentence's stances in the split's lists."""


@dataclass
class Split:
    sentences: list[Sentence]
    features: list[dict[str, float]]
    labels: list[bool]
    """Whether each stance is a gold cue of its holder."""
    right: list[bool]
    """Whether each stance's holder is a gold source of its sentence (what the speaker figure counts)."""
    groups: list[int]


def parsed(eval_dir: Path, split: str, work: Path) -> list[tuple[str, Doc]]:
    """The split's articles, parsed by reader's pipeline (cached in `work`)."""
    folder = eval_dir / "attribution" / split
    names = sorted(path.stem for path in (folder / "text").glob("*.txt"))
    cache = work / f"{split}.spacy"
    if not cache.exists():
        work.mkdir(parents=True, exist_ok=True)
        texts = [(folder / "text" / f"{name}.txt").read_text(encoding="utf-8") for name in names]
        docs = DocBin()
        for doc in nlp.parse_many(texts):
            docs.add(doc)
        docs.to_disk(cache)
    return list(zip(names, DocBin().from_disk(cache).get_docs(nlp.pipeline().vocab), strict=True))


def read(eval_dir: Path, split: str, work: Path) -> Split:
    found = Split([], [], [], [], [])
    for article, (name, doc) in enumerate(parsed(eval_dir, split, work)):
        gold = accuracy._polnear_attributions(
            (eval_dir / "attribution" / split / "attributions" / f"{name}.ann").read_text(encoding="utf-8"))
        regions = accuracy._quoted_regions(doc.text)
        segments = segment.sentences(doc, segment.paragraphs(doc.text))
        index = quotation_marks.index(doc.text, segments)
        cued = voices.find(doc, segments, index, held=False).attributions
        for place, attributed in zip(segments, cued, strict=True):
            category, sources = accuracy._gold_sentence(place, gold, regions)
            speaker = attributed.speaker if attributed is not None else None
            sentence = Sentence(article, category != "none", category != "none" and bool(sources),
                                attributed is not None, speaker is not None and _overlaps(speaker, sources), [])
            for stance in attribution.held_views(doc, place.start, place.end, index):
                sentence.stances.append(len(found.features))
                found.features.append(dict.fromkeys(stance.features, 1.0))
                found.labels.append(_gold_cue(stance, gold))
                found.right.append(_overlaps(stance.holder, sources))
                found.groups.append(article)
            found.sentences.append(sentence)
    return found


def _overlaps(speaker, spans: list[tuple[int, int]]) -> bool:
    return any(start < speaker.end and end > speaker.start for start, end in spans)


def _gold_cue(stance: stances.Stance, gold: list[dict[str, list[tuple[int, int]]]]) -> bool:
    at = stance.predicate.idx
    return any(_overlaps(stance.holder, roles.get("Source", []))
               for roles in gold if any(start <= at < end for start, end in roles.get("Cue", [])))


@dataclass(frozen=True)
class Figures:
    precision: float
    recall: float
    speakers: float

    @property
    def f1(self) -> float:
        return 2 * self.precision * self.recall / max(self.precision + self.recall, 1e-9)

    def __str__(self) -> str:
        return (f"attributed P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}, "
                f"speaker over gold-sourced {self.speakers:.3f}")


def figures(split: Split, probabilities: numpy.ndarray | None, threshold: float) -> Figures:
    """The benchmark's attribution figures when sentences without a cue take their likeliest stance from
    `threshold`."""
    predicted = both = right = 0
    for sentence in split.sentences:
        attributed, speaker = sentence.cued, sentence.cued_right
        if not sentence.cued and sentence.stances and probabilities is not None:
            best = max(sentence.stances, key=lambda i: probabilities[i])
            if probabilities[best] >= threshold:
                attributed, speaker = True, split.right[best]
        predicted += attributed
        both += attributed and sentence.gold
        right += speaker and sentence.sourced
    gold = sum(sentence.gold for sentence in split.sentences)
    sourced = sum(sentence.sourced for sentence in split.sentences)
    return Figures(both / max(predicted, 1), both / max(gold, 1), right / max(sourced, 1))


def out_of_fold(split: Split, strength: float) -> numpy.ndarray:
    probabilities = numpy.zeros(len(split.labels))
    for train, held in GroupKFold(n_splits=5).split(split.features, split.labels, split.groups):
        vectors, model = fit([split.features[i] for i in train], [split.labels[i] for i in train], strength)
        probabilities[held] = model.predict_proba(vectors.transform([split.features[i] for i in held]))[:, 1]
    return probabilities


def fit(features: list[dict[str, float]], labels: list[bool], strength: float):
    counts = Counter(name for found in features for name in found)
    vectors = DictVectorizer().fit([{name: 1.0 for name, count in counts.items() if count >= SEEN}])
    model = LogisticRegression(C=strength, max_iter=2000)
    model.fit(vectors.transform(features), labels)
    return vectors, model


def write(vectors: DictVectorizer, model: LogisticRegression, threshold: float, strength: float) -> None:
    rows = sorted(((name, weight) for name, weight in zip(vectors.feature_names_, model.coef_[0], strict=True)
                   if abs(weight) >= 0.001), key=lambda row: -abs(row[1]))
    lines = [f"# Weights of the stance model (stances.py), fitted by training/stances.py on PolNeAR train (C "
             f"{strength}): the bias, the threshold chosen by cross-validation, then a feature and its weight a line.",
             f"bias {model.intercept_[0]:.4f}", f"threshold {threshold}"]
    lines += [f"{name} {weight:.4f}" for name, weight in rows]
    WEIGHTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared eval folder")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="where the parsed articles are cached")
    arguments = parser.parse_args()
    train = read(arguments.eval, "train", arguments.work)
    print(f"train: {len(train.sentences)} sentences, {len(train.labels)} stances, {sum(train.labels)} gold cues")
    cues_only = figures(train, None, 1.0)
    print(f"cues alone, train: {cues_only}")
    best: tuple[float, float, float] | None = None
    for strength in STRENGTHS:
        probabilities = out_of_fold(train, strength)
        for threshold in THRESHOLDS:
            found = figures(train, probabilities, threshold)
            allowed = found.precision >= cues_only.precision - PRECISION_GIVEN
            print(f"C {strength:<5} threshold {threshold:.2f}: {found}{'' if allowed else '  (precision lost)'}")
            if allowed and (best is None or found.speakers > best[0]):
                best = (found.speakers, strength, threshold)
    assert best is not None, "no threshold keeps the precision (the highest ones take no stance at all)"
    _, strength, threshold = best
    vectors, model = fit(train.features, train.labels, strength)
    write(vectors, model, threshold, strength)
    print(f"chosen by cross-validation on train: C {strength}, threshold {threshold}; wrote {WEIGHTS}")
    dev = read(arguments.eval, "dev", arguments.work)
    print(f"cues alone, dev: {figures(dev, None, 1.0)}")
    probabilities = model.predict_proba(vectors.transform(dev.features))[:, 1]
    print(f"with stances, dev: {figures(dev, probabilities, threshold)}")


if __name__ == "__main__":
    main()
