"""The one rendering layer: every piece of our markup comes from a template under ``newsroom/``.

The extension's templates live in ``sphinx_newsroom/templates/newsroom/``.  On
``builder-inited`` that folder joins the builder's own template loader, right after the
site's ``templates_path``, so a site replaces any component by a file of the same name,
whatever the theme.  Components are rendered by the builder's own Jinja
environment, which has Sphinx's filters and globals; we add ``_`` (our catalog first) and
the few filters below.  Every template of ours opens with ``{% autoescape true %}``: values
are escaped by Jinja wherever the template is rendered or included, never by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup, escape
from sphinx.jinja2glue import BuiltinTemplateLoader, SphinxFileSystemLoader

from sphinx_newsroom.formatting import join_names
from sphinx_newsroom.locale import newsroom_gettext

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

#: The folder holding ``newsroom/*.html``.
TEMPLATES_DIR = Path(__file__).parent / "templates"

#: The folder of the extension's own static files, and its stylesheet for the components.
STATIC_DIR = Path(__file__).parent / "static"
STYLESHEET = "newsroom-components.css"


def join_markup(items: Iterable[Any]) -> Markup:
    """Join names (text or markup) as "A", "A and B", "A, B and C", in the site's language."""
    joined: Markup = join_names(items, wrap=escape)
    return joined


def fill(pattern: Any, **values: Any) -> Markup:
    """Fill a translated ``%(name)s`` pattern with values; text is escaped, markup kept."""
    return escape(str(pattern)) % {key: escape(value) for key, value in values.items()}


def json_text(data: Any, indent: int | None = None) -> str:
    """Return JSON in which ``<``, ``>`` and ``&`` never appear raw (the same data)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, indent=indent)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_script(data: Any) -> Markup:
    """Return JSON for a ``<script>`` element: ``<``, ``>`` and ``&`` never appear raw."""
    return Markup(json_text(data))


FILTERS = {
    "newsroom_join": join_markup,
    "newsroom_fill": fill,
    "newsroom_json": json_script,
}


def add_static_files(app: Sphinx, config: Config) -> None:
    """On ``config-inited``: serve the components' stylesheet from every HTML page.

    Done before the environment compares the configuration with the last build's, so the
    static path is the same in every build (no spurious rewrites).
    """
    folder = str(STATIC_DIR)
    if folder not in config.html_static_path:
        # A new list: the default one may be shared with other applications.
        config.html_static_path = [*config.html_static_path, folder]


def install_templates(app: Sphinx) -> None:
    """On ``builder-inited``: put our templates, ``_`` and filters into the builder's Jinja."""
    templates = getattr(app.builder, "templates", None)
    if not isinstance(templates, BuiltinTemplateLoader):
        return
    # Right after the site's templates_path: before the themes, whose parent folders are on
    # the path too (``theme/newsroom/listing.html`` would answer for ``newsroom/listing.html``).
    templates.loaders.insert(templates.templatepathlen, SphinxFileSystemLoader(str(TEMPLATES_DIR)))
    # pathchain is what Sphinx checks for templates newer than the output (a rewrite).
    templates.pathchain.append(TEMPLATES_DIR)  # type: ignore[arg-type]
    environment = templates.environment
    if environment.bytecode_cache is None:
        # Compiled templates are kept with the doctrees: an incremental build that writes a
        # few pages does not compile every template again (build state, not output).
        folder = Path(app.doctreedir) / "newsroom-templates"
        folder.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = FileSystemBytecodeCache(str(folder))
    # Templates do not change while Sphinx writes: without this, every lookup (each page's
    # layout and the templates it extends, each rendered list item, calendar row and
    # include) asks the file system whether the file changed since it was loaded.
    environment.auto_reload = False
    environment.globals["_"] = newsroom_gettext
    # Load a template once for a loop (``{% include %}`` in a loop looks it up every time).
    environment.globals["newsroom_template"] = environment.get_template
    environment.filters.update(FILTERS)


def render(builder: Builder, template: str, **data: Any) -> str:
    """Render one of our templates (``newsroom/….html``) with the builder's global context.

    The result is HTML as a plain ``str`` (so that adding it to other text never escapes
    that text); wrap it in :class:`~markupsafe.Markup` to hand it to another template.
    """
    templates = builder.templates
    assert templates is not None, "only builders with templates render newsroom components"
    context = {**getattr(builder, "globalcontext", {}), "_": newsroom_gettext, **data}
    return templates.render(template, context)
