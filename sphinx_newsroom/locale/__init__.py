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
from typing import TYPE_CHECKING, Any, NamedTuple

from babel import Locale, UnknownLocaleError
from sphinx.locale import get_translation, get_translator, is_translator_registered

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

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


class LocaleFacts(NamedTuple):
    """What pages take from a language's locale data beyond names: kept with the
    environment (:func:`kept_locale_facts`)."""

    language: str | None
    #: ``"rtl"`` or ``"ltr"``.
    direction: str
    #: The first day of the week, Monday = 0.
    first_weekday: int


def locale_facts(language: str | None) -> LocaleFacts:
    """Return the :class:`LocaleFacts` of Sphinx's ``language``, from Babel's locale data."""
    locale = babel_locale(language)
    direction = "rtl" if locale.text_direction == "rtl" else "ltr"
    return LocaleFacts(language, direction, int(locale.first_week_day))


#: The environment attribute that keeps the :class:`LocaleFacts` between builds.
_KEPT = "newsroom_locale_facts"


def kept_locale_facts(env: BuildEnvironment, language: str | None) -> LocaleFacts:
    """Return the :class:`LocaleFacts` of *language*, as kept in *env* when it is the same.

    Babel finds them in the language's whole locale data, which takes longer to load
    (about 20 ms) than anything else a build that reads nothing does for its two pages
    (their direction, their calendar's first weekday): kept with the environment by
    :func:`keep_locale_facts`, such a build does not load it.
    """
    known = getattr(env, _KEPT, None)
    if isinstance(known, LocaleFacts) and known.language == language:
        return known
    return locale_facts(language)


def keep_locale_facts(env: BuildEnvironment, language: str | None) -> None:
    """Keep the :class:`LocaleFacts` of *language* in *env*, which Sphinx saves."""
    setattr(env, _KEPT, kept_locale_facts(env, language))
