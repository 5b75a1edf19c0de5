"""The message catalog of sphinx-newsroom: every string we put in a page goes through ``_``."""

from __future__ import annotations

from sphinx.locale import get_translation

MESSAGE_CATALOG_NAME = "sphinx_newsroom"

#: Translate a message with the site's language (lazily, at render time).
_ = get_translation(MESSAGE_CATALOG_NAME)
