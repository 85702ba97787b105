"""The Markdown report of an analysis: every sentence with its label and reasons, then the people and figures."""

from __future__ import annotations

from reader.markdown import escape as _escape
from reader.model import LABELS, Analysis, Cue, Sentence, sentence_number


def markdown(analysis: Analysis) -> str:
    """A readable Markdown report of one analysis."""
    article = analysis.article
    lines = [f"# {_escape(article.title or article.origin)}", ""]
    lines.append(f"Source: {_escape(article.origin)}  ")
    if article.author:
        lines.append(f"Author: {_escape(article.author)}  ")
    if article.date:
        lines.append(f"Date: {_escape(article.date)}  ")
    tally = ", ".join(f"{analysis.counts[label]} {label}" for label in LABELS)
    lines += [f"Sentences: {len(analysis.sentences)} ({tally})", ""]

    lines += ["## Sentences", ""]
    paragraph = None
    for sentence in analysis.sentences:
        if paragraph is not None and sentence.paragraph != paragraph:
            lines.append("")
        paragraph = sentence.paragraph
        lines += _sentence(sentence)
    lines.append("")

    lines += ["## Quotes", ""]
    for quote in analysis.quotes:
        speaker = (quote.speaker.name or quote.speaker.text) if quote.speaker else "unknown speaker"
        lines.append(f"- {_escape(speaker)}: {_escape(_one_line(quote.text))}")
    if not analysis.quotes:
        lines.append("None found.")
    lines.append("")

    lines += ["## Entities", ""]
    if analysis.entities:
        lines += ["| Name | Kind | Also called | Mentions |", "| --- | --- | --- | ---: |"]
        for entity in analysis.entities:
            aliases = ", ".join(_escape(alias) for alias in entity.aliases)
            lines.append(f"| {_escape(entity.name)} | {entity.kind} | {aliases} | {len(entity.mentions)} |")
    else:
        lines.append("None found.")
    lines.append("")

    lines += ["## Figures", ""]
    if analysis.figures:
        lines += ["| Figure | Kind | Value | Sentence |", "| --- | --- | ---: | ---: |"]
        for figure in analysis.figures:
            lines.append(f"| {_escape(figure.text)} | {figure.kind} | {_escape(figure.normalised)}"
                         f" | {sentence_number(figure.sentence_id)} |")
    else:
        lines.append("None found.")
    lines.append("")
    return "\n".join(lines)


def _sentence(sentence: Sentence) -> list[str]:
    lines = [f"- **{sentence.label}** {sentence.confidence:.2f} — {_escape(_one_line(sentence.text))}"]
    if sentence.cues:
        lines.append(f"  - cues: {'; '.join(_cue(cue) for cue in sentence.cues)}")
    if sentence.attribution:
        speaker = sentence.attribution.speaker
        who = (speaker.name or speaker.text) if speaker else "unnamed speaker"
        cue = _escape(sentence.attribution.cue.text)
        if sentence.attribution.held:
            lines.append(f"  - a view of {_escape(who)} (“{cue}”)")
        else:
            lines.append(f"  - attributed to {_escape(who)} by “{cue}”")
    return lines


def _cue(cue: Cue) -> str:
    return f"{cue.kind} “{_escape(cue.text)}”"


def _one_line(text: str) -> str:
    return " ".join(text.split())

