"""The screens of the reading app: the reading screen, and the dialogs and help over it."""
