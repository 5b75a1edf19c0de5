"""Slugs and author keys: the one place that says what a URL slug and an author key are."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: An author key: lowercase letters and digits in hyphen-separated runs (``jane-doe``), no
#: leading, trailing or doubled hyphen.  ``newsroom_authors`` keys, bylines and
#: ``newsroom new --author`` all use this pattern.
AUTHOR_KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_author_key(text: str) -> bool:
    """Return whether *text* is written like an author key (``jane-doe``)."""
    return bool(AUTHOR_KEY_RE.match(text))


# Cached: relatedness, furniture and listings slug the same few names millions of times.
@lru_cache(maxsize=8192)
def slugify(text: str) -> str:
    """Return a URL slug: lowercase letters and digits (any script) joined by hyphens."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = re.sub(r"[^\w]+|_", "-", unicodedata.normalize("NFC", stripped).lower())
    return slug.strip("-") or "x"
