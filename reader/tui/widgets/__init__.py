"""The widgets of the reading app."""
