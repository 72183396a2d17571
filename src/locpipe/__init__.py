"""locpipe: localise Markdown articles through gettext catalogues."""

__version__ = "0.1.0"
