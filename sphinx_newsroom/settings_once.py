"""Docutils' settings for the documents read: made once per build, not once per document.

Sphinx 9 reads every document with docutils settings made afresh: an option parser of
every option of the reader and the parser, with the ``docutils.conf`` files read again.
That is about a millisecond a document (a second at 1,000 articles, a tenth of a second
for every hundred read), all of it the same for every document of a build. Sphinx 8 made
them once per source type.

While a newsroom builds, :func:`make_settings_once` has Sphinx take each document's
settings from an option parser made once for the same reader, parser and defaults:
``get_default_values()`` of that parser, which is what Sphinx's own ``_get_settings``
returns from a new one. Each document gets its own values, with its own list of
dependencies (which Sphinx reads back) and its own copy of every list, so nothing one
document sets reaches another. :func:`settings_as_before` puts Sphinx's function back
when the build ends, so nothing outlives the build. A Sphinx without that function (8.x)
is left alone.

Writing, docutils' HTML translator looks up the paths of its own stylesheets
(``minimal.css`` and ``plain.css``, searched for on disk) each time Sphinx makes one, six
times a document (its body, its title, its table of contents, its neighbours' titles):
6,015 times and 0.77 s in a build of 1,000 articles (timed on a busy machine), for a
part of docutils' output that Sphinx's HTML builders never use (the head is the theme's).
:func:`no_stylesheet_lookups` leaves those paths out of the settings of HTML writing.
"""

from __future__ import annotations

import warnings
import weakref
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import sphinx.util.docutils as sphinx_docutils
from docutils.frontend import OptionParser
from docutils.utils import DependencyList
from sphinx.builders.html import StandaloneHTMLBuilder

if TYPE_CHECKING:
    from docutils.frontend import Values
    from sphinx.application import Sphinx

#: Sphinx's own function, as Sphinx defines it (``None`` where it does not: Sphinx 8).
_SPHINX_GET_SETTINGS: Callable[..., Values] | None = getattr(sphinx_docutils, "_get_settings", None)

#: The builds whose documents take their settings from :class:`SettingsOnce`.
_builds: weakref.WeakSet[Sphinx] = weakref.WeakSet()


def _component_key(component: Any) -> tuple[Any, ...]:
    """What a component's options depend on: its class and the specs it declares."""
    kind = component if isinstance(component, type) else type(component)
    specs = (
        getattr(component, name, None)
        for name in ("settings_spec", "settings_defaults", "settings_default_overrides")
    )
    return (kind, getattr(component, "config_section", None), *(id(spec) for spec in specs))


class SettingsOnce:
    """Stands for Sphinx's ``_get_settings``: one option parser per reader, parser and
    defaults, and fresh values from it for each call."""

    def __init__(self) -> None:
        #: By the components and ``read_config_files``: the defaults the parser was made
        #: with, the parser, and the components (which keep the ids in the key valid).
        self._parsers: dict[tuple[Any, ...], tuple[dict[str, Any], OptionParser, Any]] = {}

    def __call__(
        self, *components: Any, defaults: Mapping[str, Any], read_config_files: bool = False
    ) -> Values:
        key = (tuple(_component_key(c) for c in components), read_config_files)
        found = self._parsers.get(key)
        if found is None or found[0] != defaults:
            with warnings.catch_warnings():
                # The frontend.OptionParser class will be replaced by an argparse one.
                warnings.simplefilter("ignore", DeprecationWarning)
                parser = OptionParser(
                    components=components, defaults=defaults, read_config_files=read_config_files
                )
            found = self._parsers[key] = (dict(defaults), parser, components)
        values = found[1].get_default_values()
        # The parser's defaults hold one list of dependencies: each document needs its
        # own, which Sphinx reads back. One written to a file (``record_dependencies`` in a
        # docutils.conf) is made by a new parser each time, as Sphinx does.
        dependencies = values.record_dependencies
        if not isinstance(dependencies, DependencyList) or dependencies.file is not None:
            del self._parsers[key]
            assert _SPHINX_GET_SETTINGS is not None
            return _SPHINX_GET_SETTINGS(
                *components, defaults=defaults, read_config_files=read_config_files
            )
        values.record_dependencies = DependencyList()
        # Lists are a document's own too, as from a new parser.
        for name, value in vars(values).items():
            if isinstance(value, list):
                setattr(values, name, list(value))
        return values


def make_settings_once(app: Sphinx) -> None:
    """On ``builder-inited``: have every document this build reads take its docutils
    settings from :class:`SettingsOnce` (Sphinx 9)."""
    if _SPHINX_GET_SETTINGS is None or not hasattr(sphinx_docutils, "_parse_str_to_doctree"):
        return
    _builds.add(app)
    if not isinstance(sphinx_docutils._get_settings, SettingsOnce):
        sphinx_docutils._get_settings = SettingsOnce()


def settings_as_before(app: Sphinx, exception: BaseException | None) -> None:
    """On ``build-finished`` (also after a failure): give Sphinx its own function back
    once no newsroom build is under way."""
    _builds.discard(app)
    if _SPHINX_GET_SETTINGS is not None and not _builds:
        sphinx_docutils._get_settings = _SPHINX_GET_SETTINGS


#: The docutils setting that names the stylesheets docutils' HTML writer links or embeds.
_STYLESHEETS = "stylesheet_path"


def no_stylesheet_lookups(app: Sphinx) -> None:
    """On ``builder-inited``: no stylesheet for docutils' HTML translator to look up.

    The documents are written with settings made from ``env.settings`` (where Sphinx lets
    extensions put docutils settings), and parts of them (titles, tables of contents)
    with settings the HTML builder made for them, as it was made.
    """
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder):
        app.env.settings.pop(_STYLESHEETS, None)  # an environment an HTML build saved
        return
    app.env.settings[_STYLESHEETS] = ""
    publisher = getattr(builder, "_publisher", None)  # Sphinx 8
    for values in (getattr(builder, "_settings", None), getattr(publisher, "settings", None)):
        if values is not None and hasattr(values, _STYLESHEETS):
            setattr(values, _STYLESHEETS, "")
