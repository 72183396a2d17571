"""Gettext catalogues as translators get them: templates, merges, similar text."""
