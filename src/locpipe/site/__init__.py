"""Editions for a site build: figures, publishing, front matter, the manifest."""
