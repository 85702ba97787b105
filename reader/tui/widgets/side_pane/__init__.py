"""The side pane and its tabs."""

from reader.tui.widgets.side_pane.pane import AnalysisPane, Entry, EntryPane, Heading
from reader.tui.widgets.side_pane.side_pane import SidePane

__all__ = ["AnalysisPane", "Entry", "EntryPane", "Heading", "SidePane"]
