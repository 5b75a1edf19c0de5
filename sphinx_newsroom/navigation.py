"""Chronological previous/next links between articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from markupsafe import escape

from sphinx_newsroom import nodes as nr_nodes
from sphinx_newsroom.articles import ArticleInfo, get_newsroom
from sphinx_newsroom.render import render
from sphinx_newsroom.siteurl import is_web_builder, relative_link

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def neighbours(
    env: BuildEnvironment, docname: str
) -> tuple[ArticleInfo | None, ArticleInfo | None]:
    """Return the older and newer article in this article's chain (``newsroom_prev_next``)."""
    newsroom = get_newsroom(env)
    return newsroom.neighbours(docname, newsroom.settings.prev_next)


def prev_next_inputs(env: BuildEnvironment, docname: str) -> Any:
    """What an article page shows of its neighbours (for incremental builds)."""
    if docname not in get_newsroom(env).articles:
        return None
    return [(a.docname, a.headline) if a else None for a in neighbours(env, docname)]


def _link(builder: Builder, pagename: str, article: ArticleInfo | None) -> Any:
    if article is None:
        return None
    return {
        "link": relative_link(builder, pagename, article.docname),
        "title": article.headline,
        "docname": article.docname,
    }


def compute_prev_next(builder: Builder, pagename: str, context: dict[str, Any]) -> None:
    """Replace Sphinx's toctree-order prev/next with the article chain on article pages."""
    if pagename not in get_newsroom(builder.env).articles:
        return
    older, newer = neighbours(builder.env, pagename)
    context["newsroom_prev"] = _link(builder, pagename, older)
    context["newsroom_next"] = _link(builder, pagename, newer)
    for key, link in (("prev", context["newsroom_prev"]), ("next", context["newsroom_next"])):
        # Sphinx's own templates treat prev/next titles as markup: give them escaped text.
        context[key] = {**link, "title": escape(link["title"])} if link else None


def resolve_prev_next(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved``: render the article's previous/next links at its foot."""
    builder = app.builder
    for node in list(doctree.findall(nr_nodes.prev_next)):
        if not is_web_builder(builder):
            # One page (singlehtml) or a book: there is no other page to go to.
            node.parent.remove(node)
            continue
        older, newer = neighbours(app.env, docname)
        html = render(
            builder,
            "newsroom/prev-next.html",
            newsroom_prev=_link(builder, docname, older),
            newsroom_next=_link(builder, docname, newer),
        )
        node.parent.replace(node, nr_nodes.rendered(html))


def setup_navigation(app: Sphinx) -> None:
    """Register the previous/next placeholder (placed by article_page.ArticleStructure)."""
    skip = nr_nodes.skipped_everywhere()
    app.add_node(nr_nodes.prev_next, **skip)  # type: ignore[arg-type]
