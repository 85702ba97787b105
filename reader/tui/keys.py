"""Every key of the app, gathered from the bindings of the widgets that own them (for help and palette)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import App
from textual.dom import DOMNode


@dataclass(frozen=True)
class KeyAction:
    """An action with the keys that run it, the widget that owns it, and the group it is listed under."""

    group: str
    keys: tuple[str, ...]
    description: str
    action: str
    owner: DOMNode


def key_actions(app: App) -> list[KeyAction]:
    """The described actions of the app and of its own widgets, one per action and group."""
    main = app.screen_stack[0]
    owners: list[DOMNode] = [
        node for node in main.walk_children(with_self=False) if type(node).__module__.startswith("reader.")
    ]
    owners.append(app)
    found: dict[tuple[str, str], KeyAction] = {}
    for owner in owners:
        group = owner.BINDING_GROUP_TITLE or type(owner).__name__
        # DOMNode._bindings holds the merged bindings of the class, keymap applied.
        for key, bindings in owner._bindings.key_to_bindings.items():
            for binding in bindings:
                if not binding.description or binding.system:
                    continue
                slot = (group, binding.action)
                display = app.get_key_display(binding)
                known = found.get(slot)
                if known is None:
                    found[slot] = KeyAction(group, (display,), binding.description, binding.action, owner)
                elif display not in known.keys:
                    found[slot] = KeyAction(group, (*known.keys, display), known.description, known.action, owner)
    return list(found.values())
