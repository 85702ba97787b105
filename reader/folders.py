"""Where reader keeps its files for the user: the folder an environment variable names, else the platform's own."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from reader.errors import ReaderError

FolderKind = Literal["config", "state", "data"]

STATE_DIR_VARIABLE = "READER_STATE_DIR"
"""Where reader keeps what it remembers and the reports of its crashes, if not in the platform's user state folder."""


class FolderError(ReaderError):
    """The folder an environment variable names cannot be used; the message is one line for the user."""


def user_folder(variable: str, kind: FolderKind) -> Path:
    """$`variable` when it is set, else reader's folder of that kind for this user (e.g. ~/.config/reader)."""
    configured = os.environ.get(variable)
    if configured:
        try:
            return Path(configured).expanduser()
        except RuntimeError:
            # expanduser cannot find the home of `~someone`.
            user = configured.split("/", 1)[0]
            raise FolderError(f"{variable} is {configured}, but {user} is no user's home") from None
    import platformdirs

    folders = {"config": platformdirs.user_config_dir, "state": platformdirs.user_state_dir,
               "data": platformdirs.user_data_dir}
    return Path(folders[kind]("reader", appauthor=False))
