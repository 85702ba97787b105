"""The Sources tab: who is quoted or cited, and how many times."""

from __future__ import annotations

from textual.content import Content

from reader.model import Analysis, Voice
from reader.tui.widgets.side_pane.pane import AnalysisPane, Entry, Heading

UNKNOWN = "Speaker not named"


class SourcesPane(AnalysisPane):
    """Each speaker with how often quoted and cited, most heard first; choosing one goes through their claims."""

    TITLE = "Sources"
    EMPTY = "No quoted or cited source found."

    def entries(self, analysis: Analysis) -> list[Entry | Heading]:
        return [_entry(voice) for voice in analysis.voices]


def _entry(voice: Voice) -> Entry:
    times = voice.quoted + voice.cited
    counts = [f"quoted {voice.quoted}" if voice.quoted else "", f"cited {voice.cited}" if voice.cited else ""]
    prompt = Content.assemble(
        (voice.name or UNKNOWN, "bold"),
        (f"  ×{times}", "$text-muted"),
        "\n  ",
        (" · ".join(part for part in counts if part), "$text-muted"),
    )
    return Entry(subject=voice, prompt=prompt, spans=voice.mentions, stops=voice.claims)
