"""reader: a terminal reading assistant that tells reported fact, quote and opinion apart."""

__version__ = "0.1.0"
