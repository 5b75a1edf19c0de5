"""Series: an article's place in a multi-part story ("Part 2 of 5"), linked to its parts.

Authors write ``:series: Name`` on each part; the parts are the listed articles of that
series in order of publication.  The series pages themselves (``series/<slug>/`` and the
index) are planned with the other taxonomies in ``list_pages.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_newsroom import nodes as nr_nodes
from sphinx_newsroom.articles import ArticleInfo, get_newsroom
from sphinx_newsroom.listings import existing_document
from sphinx_newsroom.render import render
from sphinx_newsroom.siteurl import is_web_builder, page_link
from sphinx_newsroom.slugs import slugify
from sphinx_newsroom.urls import taxonomy_page

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def series_parts(env: BuildEnvironment, docname: str) -> tuple[str, list[ArticleInfo]] | None:
    """Return the name of an article's series and its listed parts, oldest first.

    ``None`` when the article has no series, or is not listed itself (a draft part shows
    no "Part N of M": it has no place in the order yet).
    """
    newsroom = get_newsroom(env)
    article = newsroom.articles.get(docname)
    if article is None or not article.series or not newsroom.is_listed(docname):
        return None
    group = newsroom.groups("series").get(slugify(article.series))
    if group is None:
        return None
    return group.name, list(reversed(group.articles))


def series_page(env: BuildEnvironment, name: str) -> str:
    """Return the page of a series: the generated one, or the document that has its URL."""
    page = taxonomy_page("series", slugify(name))
    return existing_document(page, env.found_docs) or page


def series_inputs(env: BuildEnvironment, docname: str) -> Any:
    """What an article's series line shows: the series' name and its parts, in order."""
    found = series_parts(env, docname)
    if found is None:
        return None
    name, parts = found
    return [name, series_page(env, name), [(part.docname, part.headline) for part in parts]]


def resolve_series_nav(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved``: render "Part N of M" and the neighbouring parts' links."""
    builder = app.builder
    for node in list(doctree.findall(nr_nodes.series_nav)):
        found = series_parts(app.env, docname) if is_web_builder(builder) else None
        if found is None:
            node.parent.remove(node)
            continue
        name, parts = found
        number = [part.docname for part in parts].index(docname) + 1

        html = render(
            builder,
            "newsroom/series.html",
            series={
                "name": name,
                "link": page_link(builder, docname, series_page(app.env, name)),
                "number": number,
                "total": len(parts),
                "previous": _part(builder, docname, parts, number - 2),
                "next": _part(builder, docname, parts, number),
            },
        )
        node.parent.replace(node, nr_nodes.rendered(html))


def _part(
    builder: Any, docname: str, parts: list[ArticleInfo], index: int
) -> dict[str, str] | None:
    """Return the title and link of part *index* (from 0), or ``None`` past either end."""
    if not 0 <= index < len(parts):
        return None
    return {
        "title": parts[index].headline,
        "link": page_link(builder, docname, parts[index].docname),
    }


def setup_series(app: Sphinx) -> None:
    """Register the series placeholder (placed by article_page.ArticleStructure)."""
    app.add_node(nr_nodes.series_nav, **nr_nodes.skipped_everywhere())  # type: ignore[arg-type]
