"""The Entities tab: people, organisations, places and groups, with their aliases and mentions."""

from __future__ import annotations

from textual.content import Content

from reader.model import Analysis, Entity
from reader.tui.widgets.side_pane.pane import AnalysisPane, Entry, Heading

KIND_TITLES = {
    "person": "People",
    "org": "Organisations",
    "place": "Places",
    "group": "Groups",
    "other": "Other",
}


class EntitiesPane(AnalysisPane):
    """Every entity grouped by kind, most mentioned first; choosing one goes through its mentions."""

    TITLE = "Entities"
    EMPTY = "No named entities found."

    def entries(self, analysis: Analysis) -> list[Entry | Heading]:
        items: list[Entry | Heading] = []
        for kind, title in KIND_TITLES.items():
            group = [entity for entity in analysis.entities if entity.kind == kind]
            if not group:
                continue
            items.append(Heading(f"{title} ({len(group)})"))
            group.sort(key=lambda entity: (-len(entity.mentions), entity.name.casefold()))
            items.extend(_entry(entity) for entity in group)
        return items


def _entry(entity: Entity) -> Entry:
    count = len(entity.mentions)
    prompt = Content.assemble((entity.name, "bold"), (f"  ×{count}", "$text-muted"))
    aliases = [alias for alias in entity.aliases if alias != entity.name]
    if aliases:
        prompt += Content.assemble("\n  ", (" · ".join(aliases), "$text-muted italic"))
    mentions = sorted(entity.mentions, key=lambda mention: mention.start)
    return Entry(
        subject=entity,
        prompt=prompt,
        spans=tuple((mention.start, mention.end) for mention in mentions),
        stops=tuple(mention.start for mention in mentions),
    )
