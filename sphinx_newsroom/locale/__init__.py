"""The message catalog of sphinx-newsroom: every string we put in a page goes through ``_``.

Python code uses :data:`_`. Templates call ``_()`` too, but Jinja binds that name to
Sphinx's own catalog; we bind it to :func:`newsroom_gettext` instead, as a global of the
builder's template environment (:func:`install_template_gettext`) and in each page's
context (:func:`compute_locale_context`), so the theme's strings come from our catalog
first and from Sphinx's for everything else. Refresh the catalogs
with ``scripts/update_catalogs.py``.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation, get_translator, is_translator_registered

if TYPE_CHECKING:
    from sphinx.application import Sphinx

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


def text_direction(language: str | None) -> str:
    """Return ``"rtl"`` or ``"ltr"``: the writing direction of Sphinx's ``language``."""
    # Imported here: formatting imports this module for ``_``.
    from sphinx_newsroom.formatting import babel_locale

    return "rtl" if babel_locale(language).text_direction == "rtl" else "ltr"


def install_template_gettext(app: Sphinx) -> None:
    """On ``builder-inited``: make ``_`` in every template use :func:`newsroom_gettext`.

    This also covers components rendered outside a page (article lists, listings).
    """
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is not None:
        environment.globals["_"] = newsroom_gettext


def setup_locale(app: Sphinx) -> None:
    """Bind the templates' ``_`` to our catalog (the catalog itself is added in ``setup``)."""
    app.connect("builder-inited", install_template_gettext)


def compute_locale_context(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """Bind the theme's ``_`` to our catalog and mark right-to-left pages with ``dir``."""
    context["_"] = newsroom_gettext
    context["newsroom_gettext"] = newsroom_gettext
    direction = text_direction(app.config.language)
    context["newsroom_text_direction"] = direction
    if direction == "rtl" and not context.get("html_tag"):
        # basic/layout.html writes ``html_tag`` verbatim in place of its own <html> tag.
        lang = context.get("language") or app.config.language
        root = context.get("content_root", "")
        context["html_tag"] = (
            f'<html lang="{escape(str(lang))}" dir="rtl" data-content_root="{escape(root)}">'
        )
