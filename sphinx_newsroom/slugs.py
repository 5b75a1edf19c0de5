"""Slugs, author keys and clean names: what a URL slug, an author key and a name may hold."""

from __future__ import annotations

import hashlib
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


#: The longest slug, in UTF-8 bytes: a slug is a folder name, and file systems allow 255.
MAX_SLUG_BYTES = 100


# Cached: relatedness, furniture and listings slug the same few names millions of times.
@lru_cache(maxsize=8192)
def slugify(text: str) -> str:
    """Return a URL slug: lowercase letters and digits (any script) joined by hyphens.

    A slug longer than :data:`MAX_SLUG_BYTES` is cut and given a short hash of the whole,
    so that two long names that start alike still get two pages.
    """
    slug = _full_slug(text)
    if len(slug.encode()) <= MAX_SLUG_BYTES:
        return slug
    suffix = hashlib.blake2b(slug.encode(), digest_size=4).hexdigest()
    cut = slug.encode()[: MAX_SLUG_BYTES - len(suffix) - 1].decode(errors="ignore")
    return f"{cut.rstrip('-')}-{suffix}"


def has_slug(text: str) -> bool:
    """Return whether *text* has a letter or digit to make a slug of ("—" has none)."""
    return bool(_full_slug(text, fallback=""))


def is_cut(text: str) -> bool:
    """Return whether *text* is too long for a slug of its own (see :func:`slugify`)."""
    return len(_full_slug(text).encode()) > MAX_SLUG_BYTES


def _full_slug(text: str, fallback: str = "x") -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = re.sub(r"[^\w]+|_", "-", unicodedata.normalize("NFC", stripped).lower())
    return slug.strip("-") or fallback


#: Control characters (but tab and newline), which no title, name or meta tag may carry.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """Return *text* without control characters (tabs and line ends stay)."""
    return _CONTROL_RE.sub("", text)


def clean_text(text: str) -> str:
    """Return *text* on one line, without control characters."""
    return " ".join(strip_controls(text).split())
