"""The ``html-page-context`` handler: a thin orchestrator over each feature's helper."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_newsroom.articles import get_newsroom
from sphinx_newsroom.calendar import compute_calendar
from sphinx_newsroom.feeds import compute_feed_links
from sphinx_newsroom.furniture import compute_furniture
from sphinx_newsroom.labels import site_labels
from sphinx_newsroom.locale import compute_locale_context
from sphinx_newsroom.navigation import compute_prev_next
from sphinx_newsroom.seo import compute_seo

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder


def _compute_article(
    builder: StandaloneHTMLBuilder, pagename: str, context: dict[str, Any]
) -> None:
    article = get_newsroom(builder.env).articles.get(pagename)
    context["newsroom_article"] = article
    if article is not None and article.label:
        context["newsroom_label"] = site_labels(builder.config).get(article.label)


def html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    builder = app.builder
    if builder.format != "html":
        return
    # Head metadata first: canonical URL, Open Graph, JSON-LD, then the feed links.
    compute_seo(app, pagename, context, doctree)
    compute_feed_links(app, pagename, context, doctree)
    compute_locale_context(app, pagename, context)
    _compute_article(builder, pagename, context)  # type: ignore[arg-type]
    compute_prev_next(builder, pagename, context)  # type: ignore[arg-type]
    compute_furniture(builder, pagename, context)  # type: ignore[arg-type]
    compute_calendar(builder, pagename, context)


def setup_context(app: Sphinx) -> None:
    # Before sphinxext-opengraph (priority 500), which reads our per-page overrides.
    app.connect("html-page-context", html_page_context, priority=450)
