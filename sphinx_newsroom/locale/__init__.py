"""The message catalog of sphinx-newsroom: every string we put in a page goes through ``_``.

Python code uses :data:`_`. Templates call ``_()`` too, but Jinja binds that name to
Sphinx's own catalog; we bind it to :func:`newsroom_gettext` instead, as a global of the
builder's template environment (:func:`install_template_gettext`) and in each page's
context (:func:`compute_locale_context`), so the theme's strings come from our catalog
first and from Sphinx's for everything else. Refresh the catalogs
with ``scripts/update_catalogs.py``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from sphinx.locale import get_translation, get_translator, is_translator_registered

MESSAGE_CATALOG_NAME = "sphinx_newsroom"

#: Translate a message with the site's language (lazily, at render time).
_ = get_translation(MESSAGE_CATALOG_NAME)

_sphinx_ = get_translation("sphinx")


def newsroom_gettext(message: str, *args: Any, **kwargs: Any) -> str:
    """Translate a template string: our catalog first, then Sphinx's.

    Like Jinja's ``_``, extra arguments are ``%`` formatting values.
    """
    text = str(message)
    if is_translator_registered(MESSAGE_CATALOG_NAME):
        translated = get_translator(MESSAGE_CATALOG_NAME).gettext(text)
        if translated == text:
            translated = str(_sphinx_(text))
    else:
        translated = str(_sphinx_(text))
    if kwargs:
        return translated % kwargs
    if args:
        return translated % args
    return translated


@lru_cache(maxsize=32)
def babel_locale(language: str | None) -> Locale:
    """Return the Babel locale of Sphinx's ``language`` (English when unknown)."""
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def text_direction(language: str | None) -> str:
    """Return ``"rtl"`` or ``"ltr"``: the writing direction of Sphinx's ``language``."""
    return "rtl" if babel_locale(language).text_direction == "rtl" else "ltr"
