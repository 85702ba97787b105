"""The Sources tab: who is quoted or cited, and how many times."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.content import Content

from reader.model import Analysis, Speaker
from reader.tui.marks import speaker_name
from reader.tui.widgets.side_pane.pane import AnalysisPane, Entry, Heading

UNKNOWN = "Speaker not named"


@dataclass
class _Tally:
    name: str
    quoted: int = 0
    cited: int = 0
    spans: set[tuple[int, int]] = field(default_factory=set)
    stops: set[int] = field(default_factory=set)


class SourcesPane(AnalysisPane):
    """Each source with how often it is quoted and cited; choosing one goes through its claims."""

    TITLE = "Sources"
    EMPTY = "No quoted or cited source found."

    def entries(self, analysis: Analysis) -> list[Entry | Heading]:
        tallies = tally_sources(analysis)
        ordered = sorted(
            tallies.values(),
            key=lambda tally: (tally.name == UNKNOWN, -(tally.quoted + tally.cited), tally.name.casefold()),
        )
        return [_entry(tally) for tally in ordered]


def tally_sources(analysis: Analysis) -> dict[str, _Tally]:
    """Quotes and attributed sentences counted per source, with where each one is."""
    tallies: dict[str, _Tally] = {}

    def tally(source: Speaker | None) -> _Tally:
        name = speaker_name(source).strip() if source is not None else UNKNOWN
        found = tallies.setdefault(name.casefold(), _Tally(name))
        if source is not None:
            found.spans.add((source.start, source.end))
        return found

    quoted_sentences: set[int] = set()
    for quote in analysis.quotes:
        found = tally(quote.speaker)
        found.quoted += 1
        found.stops.add(quote.start)
        quoted_sentences.update(quote.sentence_ids)
    for sentence in analysis.sentences:
        if sentence.attribution is None or sentence.id in quoted_sentences:
            continue
        found = tally(sentence.attribution.speaker)
        found.cited += 1
        found.stops.add(sentence.start)
    return tallies


def _entry(tally: _Tally) -> Entry:
    times = tally.quoted + tally.cited
    counts = [f"quoted {tally.quoted}" if tally.quoted else "", f"cited {tally.cited}" if tally.cited else ""]
    prompt = Content.assemble(
        (tally.name, "bold"),
        (f"  ×{times}", "$text-muted"),
        "\n  ",
        (" · ".join(part for part in counts if part), "$text-muted"),
    )
    return Entry(
        subject=tally,
        prompt=prompt,
        spans=tuple(sorted(tally.spans)),
        stops=tuple(sorted(tally.stops)),
    )
