"""The user's config file: the theme and key remaps, in TOML under the user config dir."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from reader.errors import ReaderError
from reader.folders import user_folder

CONFIG_DIR_VARIABLE = "READER_CONFIG_DIR"
CONFIG_FILE = "config.toml"


class ConfigError(ReaderError):
    """A config file that can't be used; the message is one line for the user."""


@dataclass(frozen=True)
class Config:
    """What the config file sets: a theme, and keys for actions by their binding id."""

    theme: str | None = None
    keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Binding id -> keys, comma-separated (`highlight = "h,x"`); read-only."""
    path: Path | None = None
    """The file it was read from, named in what is wrong with it."""


def config_path() -> Path:
    """$READER_CONFIG_DIR/config.toml, else config.toml in the platform's user config dir; FolderError when
    $READER_CONFIG_DIR cannot be used."""
    return user_folder(CONFIG_DIR_VARIABLE, "config") / CONFIG_FILE


def load_config(path: Path | None = None) -> Config:
    """The config in `path` (by default `config_path()`); no file is no setting."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read {path}: {getattr(error, 'strerror', None) or error}") from None
    import tomllib  # only with a file to read: 6 ms on every launch otherwise, before the text can be drawn

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path} is nested deeper than any config file") from None
    unknown = sorted(set(document) - {"theme", "keys"})
    if unknown:
        raise ConfigError(f"{path}: unknown setting {', '.join(unknown)} (known: theme, keys)")
    theme, keys = document.get("theme"), document.get("keys", {})
    if theme is not None and not isinstance(theme, str):
        raise ConfigError(f"{path}: theme must be a name in quotes, such as \"textual-light\"")
    if not isinstance(keys, dict) or not all(isinstance(value, str) for value in keys.values()):
        raise ConfigError(f"{path}: [keys] must give each action its keys in quotes, such as highlight = \"h\"")
    return Config(theme, MappingProxyType(dict(keys)), path)


Clashes = Callable[[Mapping[str, str]], list[tuple[str, str, str]]]
"""For a keymap, each key it gives to an action where another action already works by that key: (key, the action
it was given to, the other)."""


def check_config(config: Config, themes: set[str], binding_ids: set[str], is_key: Callable[[str], bool],
                 clashes: Clashes) -> None:
    """Raise ConfigError for a theme or an action the app does not have, a key that is none, or one key for two
    actions that work at once, naming the file the config was read from: never `config_path()`, which may point
    elsewhere by now (a config made in code, read from no file, is "the config")."""
    where = config.path or "the config"
    if config.theme is not None and config.theme not in themes:
        raise ConfigError(f"{where}: no theme {config.theme} (choose from {', '.join(sorted(themes))})")
    unknown = sorted(set(config.keys) - binding_ids)
    if unknown:
        raise ConfigError(f"{where}: [keys] has no action {', '.join(unknown)}"
                          f" (the actions: {', '.join(sorted(binding_ids))})")
    empty = sorted(action for action, keys in config.keys.items() if not keys.strip(" ,"))
    if empty:
        raise ConfigError(f"{where}: [keys] gives no key to {', '.join(empty)}")
    for action, keys in config.keys.items():
        for key in (key.strip() for key in keys.split(",")):
            if not is_key(key):
                raise ConfigError(f"{where}: [keys] gives {action} {key!r}, which is no key (name keys as"
                                  " Textual does: x, ctrl+n, question_mark, f5)")
    for key, action, other in clashes(config.keys):
        raise ConfigError(f"{where}: [keys] gives {key} to {action}, which {other} has too: one key does one"
                          f" thing (give {other} another key)")
