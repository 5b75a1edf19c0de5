"""Sphinx's search index, at a newsroom's scale: each word is stemmed once per build.

Sphinx stems every word of every page it indexes, and remembers the stems only while it
indexes one page: a site of 1,000 articles stemmed its common words a thousand times
each, a quarter of plain Sphinx's full build with the pure-Python Snowball stemmers. A
newsroom's articles share most of their words, so the stems are kept for the whole build
instead.

A stem depends on the word alone, so the index is the same, to the byte. Only the
languages Sphinx itself ships are memoised: a search language of an extension keeps its
own ways.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

#: How many stems are kept (the most recently used): the vocabulary of several thousand
#: articles, a few megabytes at most.
STEMS_KEPT = 1 << 14


def stem_once(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved``: keep the search language's stems for the whole build.

    The builder makes its indexer just before it writes the first page, after the last
    event before writing: the first resolved document is the first moment it is there,
    and before the page is indexed.
    """
    lang = getattr(getattr(app.builder, "indexer", None), "lang", None)
    if lang is None or "stem" in vars(lang):
        return  # no search index, or stems already kept
    if not type(lang).__module__.startswith("sphinx.search"):
        return
    lang.stem = lru_cache(maxsize=STEMS_KEPT)(lang.stem)  # type: ignore[method-assign]
