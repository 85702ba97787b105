"""The JSON Schema of reader.analysis/1 ships with the package and describes what `reader analyze` prints."""

from __future__ import annotations

import copy
import json
from typing import get_args

import jsonschema
import pytest

from reader.cli import main
from reader.model import LABELS, SCHEMA, EntityKind, FigureKind


@pytest.fixture
def sample_document(sample_analysis) -> dict:
    return sample_analysis.to_json()


def analysis_of(capsys, source: str) -> dict:
    assert main(["analyze", "--format", "json", source]) == 0
    return json.loads(capsys.readouterr().out)


def assert_valid(validator: jsonschema.Draft202012Validator, document: dict) -> None:
    errors = [f"{error.json_path}: {error.message}" for error in validator.iter_errors(document)]
    assert errors == []


def test_schema_names_the_labels_and_kinds_of_the_model(validator):
    definitions = validator.schema["$defs"]
    assert validator.schema["title"] == SCHEMA
    assert set(definitions["label"]["enum"]) == set(LABELS)
    assert set(definitions["entity"]["properties"]["kind"]["enum"]) == set(get_args(EntityKind))
    assert set(definitions["figure"]["properties"]["kind"]["enum"]) == set(get_args(FigureKind))


def test_analysis_of_the_sample_article_follows_the_schema(validator, capsys, seed_path):
    document = analysis_of(capsys, str(seed_path))
    assert_valid(validator, document)
    assert document["sentences"] and document["entities"] and document["figures"]


def test_analysis_of_an_html_page_follows_the_schema(validator, capsys, data_dir):
    assert_valid(validator, analysis_of(capsys, str(data_dir / "council-bridge.html")))


def test_each_jsonl_line_follows_the_schema(validator, capsys, seed_path, data_dir):
    assert main(["analyze", "--format", "jsonl", str(seed_path), str(data_dir / "council-bridge.html")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    for line in lines:
        assert_valid(validator, json.loads(line))


@pytest.mark.parametrize(
    "damage",
    [
        lambda document: document["sentences"][0].update(label="fact"),
        lambda document: document["sentences"][0].pop("cues"),
        lambda document: document["source"].update(sha256="not-a-hash"),
        lambda document: document["entities"][0].update(kind="animal"),
        lambda document: document["figures"][0].update(start=-1),
        lambda document: document.update(schema="reader.analysis/2"),
        lambda document: next(sentence for sentence in document["sentences"] if sentence["cues"])["cues"][0].update(
            push="strong"),
    ],
)
def test_schema_rejects_a_broken_document(validator, sample_document, damage):
    assert validator.is_valid(sample_document)
    document = copy.deepcopy(sample_document)
    damage(document)
    assert not validator.is_valid(document)


def test_every_opinion_cue_says_how_far_it_pushed_the_score(sample_document):
    cues = [cue for sentence in sample_document["sentences"] for cue in sentence["cues"]]
    opinion_cues = [cue for cue in cues if cue["kind"] not in ("quote", "attribution")]
    assert opinion_cues and all(isinstance(cue["push"], float) and cue["push"] != 0 for cue in opinion_cues)
    assert all(cue["push"] is None for cue in cues if cue["kind"] in ("quote", "attribution"))
