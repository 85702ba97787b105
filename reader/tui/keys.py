"""Every key of the app, gathered from the bindings of the widgets that own them (for help and palette)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import REPLACED_KEYS, Keys, key_to_character
from textual.screen import Screen

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
# Keys by name, without modifiers; a printable key goes by its character or its character's name (question_mark).
_NAMED_KEYS = frozenset(key.value for key in Keys if "+" not in key.value and not key.value.startswith("<"))


@dataclass(frozen=True)
class KeyAction:
    """An action with the keys that run it, the widget that owns it, and the group it is listed under."""

    group: str
    keys: tuple[str, ...]
    description: str
    action: str
    owner: DOMNode


def key_actions(app: App, main: Screen) -> list[KeyAction]:
    """The actions the reader's own classes bind on screen `main` and its widgets, with every key that runs each,
    one per action and group."""
    # The app, then its reading screen, then the widgets: quitting heads the keys that work everywhere, and a
    # widget's keys for the whole screen (Escape around both panes) follow the screen's.
    owners: list[DOMNode] = [app, main] + [
        node for node in main.walk_children(with_self=False) if type(node).__module__.startswith("reader.")
    ]
    found: dict[tuple[str, str], KeyAction] = {}
    for owner in owners:
        group = owner.BINDING_GROUP_TITLE or type(owner).__name__
        own = _own_actions(type(owner))
        # DOMNode._bindings holds the merged bindings of the class, keymap applied, in Textual's order
        # (a screen's tab first); they are listed in the order the reader's classes declare them.
        # The keymap of the config file is applied to the bindings only as they are used: apply it here too.
        bindings_map = owner._bindings.copy()
        bindings_map.apply_keymap(app._keymap)
        described = [
            binding
            for bindings in bindings_map.key_to_bindings.values()
            for binding in bindings
            if binding.action in own and binding.description
        ]
        for binding in sorted(described, key=lambda binding: own.index(binding.action)):
            slot = (group, binding.action)
            display = app.get_key_display(binding)
            known = found.get(slot)
            if known is None:
                found[slot] = KeyAction(group, (display,), binding.description, binding.action, owner)
            elif display not in known.keys:
                found[slot] = KeyAction(group, (*known.keys, display), known.description, known.action, owner)
    return list(found.values())


def _own_actions(kind: type) -> list[str]:
    """The actions bound in the reader's own classes, in the order declared (Textual's are left out of help)."""
    actions: list[str] = []
    for base in reversed(kind.__mro__):
        if base.__module__.startswith("reader."):
            for binding in base.__dict__.get("BINDINGS", []):
                action = binding.action if isinstance(binding, Binding) else binding[1]
                if action not in actions:
                    actions.append(action)
    return actions


def is_key(name: str) -> bool:
    """Whether Textual knows a key by `name` ("x", "ctrl+n", "question_mark", "f5"), so that it can be pressed and
    drawn in the footer."""
    *modifiers, key = name.split("+")
    if not key or not set(modifiers) <= MODIFIERS:
        return False
    if len(key) == 1:
        return key.isprintable() and not key.isspace()
    return key in _NAMED_KEYS or (_character(key) or "\n").isprintable()


def same_key(name: str) -> str:
    """One name for a key however it is written: "?" and "question_mark" are one key."""
    return _character(name) or name


def _character(name: str) -> str | None:
    # Textual shortens a few characters' names (plus for plus_sign, slash for solidus).
    return key_to_character(REPLACED_KEYS.get(name, name))
