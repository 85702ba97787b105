"""The engine's labels on the sample, held against a checked-in golden file: what a user sees first.

The file (tests/data/golden/sample.labels.json) keeps, for each sentence of the sample, its label, its confidence
to two decimals and who said it. A change of the engine, the model or a pinned dependency that moves any of them
fails here with a table of what moved. After reviewing a deliberate change, rewrite the file with
`READER_UPDATE_GOLDEN=1 pytest tests/test_golden.py` and commit it with the change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from reader.model import Analysis, Sentence

GOLDEN = Path(__file__).parent / "data" / "golden" / "sample.labels.json"
UPDATE = os.environ.get("READER_UPDATE_GOLDEN") == "1"
# Enough of a sentence to know it in a table of differences.
OPENING = 48


def rows(analysis: Analysis) -> list[dict]:
    """One row per sentence: its opening words, label, confidence to two decimals and speaker."""
    return [
        {
            "number": sentence.number,
            "opening": sentence.text[:OPENING],
            "label": sentence.label,
            "confidence": round(sentence.confidence, 2),
            "speaker": speaker(analysis, sentence),
        }
        for sentence in analysis.sentences
    ]


def speaker(analysis: Analysis, sentence: Sentence) -> str | None:
    """Who said it, as the app shows it: the person's name when known, else the words that name them."""
    quote = analysis.quote_of(sentence.id)
    found = sentence.attribution.speaker if sentence.attribution is not None else None
    if found is None and quote is not None:
        found = quote.speaker
    return None if found is None else found.name or found.text


def moved(expected: list[dict], actual: list[dict]) -> list[str]:
    """The differences as lines a person reads: a sentence's label, confidence or speaker, before and after."""
    if [row["opening"] for row in expected] != [row["opening"] for row in actual]:
        return ["the sentences themselves differ:",
                *(f"  - {row['number']}: {row['opening']}" for row in expected),
                *(f"  + {row['number']}: {row['opening']}" for row in actual)]
    lines = []
    for before, after in zip(expected, actual, strict=True):
        changes = [f"{key} {before[key]!r} -> {after[key]!r}"
                   for key in ("label", "confidence", "speaker") if before[key] != after[key]]
        if changes:
            lines.append(f"sentence {before['number']} ({before['opening']}…): " + "; ".join(changes))
    return lines


def test_the_engine_labels_the_sample_as_its_golden_file_says(sample_analysis):
    actual = rows(sample_analysis)
    if UPDATE:
        GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    differences = moved(expected, actual)
    assert not differences, "the engine moved on the sample:\n" + "\n".join(differences)


def test_a_moved_confidence_is_reported_by_sentence_with_its_old_and_new_value():
    expected = [{"number": 5, "opening": "The administration’s previous", "label": "opinion",
                 "confidence": 0.54, "speaker": None}]
    actual = [{**expected[0], "confidence": 0.59}]
    assert moved(expected, actual) == ["sentence 5 (The administration’s previous…): confidence 0.54 -> 0.59"]
    assert moved(expected, expected) == []
