"""Waiting on Textual's message queues: when what a widget posted has been handled further up."""

from __future__ import annotations

import asyncio

from textual.dom import DOMNode


async def settled(widget: DOMNode, ancestor: DOMNode) -> None:
    """Wait until every message `widget` has posted so far has gone up to `ancestor` and been handled there.

    A message travels up through the widget's parents, one message queue after another; a callback put
    behind it in each queue runs only once it has gone on. So `space` then `q` in one read of the
    terminal saves the highlight before the app quits.
    """
    path = widget.ancestors_with_self
    for node in path[: path.index(ancestor) + 1]:
        passed = asyncio.Event()
        if node.call_later(passed.set):
            await passed.wait()
