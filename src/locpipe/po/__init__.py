"""Gettext files: the one reader, the state of an entry, the msgcat-identical writer."""
