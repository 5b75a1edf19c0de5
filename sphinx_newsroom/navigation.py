"""Chronological previous/next links between articles."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from sphinx_newsroom.articles import ArticleInfo, get_newsroom

if TYPE_CHECKING:
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment


def neighbour_names(env: BuildEnvironment, docname: str) -> tuple[str | None, str | None]:
    """Return the document names of the older and newer article in this article's chain."""
    older, newer = get_newsroom(env).neighbours(docname, env.config.newsroom_prev_next)
    return (older.docname if older else None, newer.docname if newer else None)


def _link(builder: StandaloneHTMLBuilder, pagename: str, article: ArticleInfo | None) -> Any:
    if article is None:
        return None
    return {
        "link": builder.get_relative_uri(pagename, article.docname),
        # Sphinx's own templates treat prev/next titles as markup: give them escaped text.
        "title": escape(article.title),
        "docname": article.docname,
    }


def compute_prev_next(
    builder: StandaloneHTMLBuilder, pagename: str, context: dict[str, Any]
) -> None:
    """Replace Sphinx's toctree-order prev/next with the article chain on article pages."""
    env = builder.env
    newsroom = get_newsroom(env)
    if pagename not in newsroom.articles:
        return
    older, newer = newsroom.neighbours(pagename, env.config.newsroom_prev_next)
    context["prev"] = _link(builder, pagename, older)
    context["next"] = _link(builder, pagename, newer)
    context["newsroom_prev"] = context["prev"]
    context["newsroom_next"] = context["next"]
