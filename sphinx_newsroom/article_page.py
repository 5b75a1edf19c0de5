"""The structure of an article page: microformats classes and the order of its head."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_newsroom import nodes as nr_nodes
from sphinx_newsroom.articles import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Nodes with this class sit after the article's text, outside ``e-content`` (related lists).
ASIDE_CLASS = "newsroom-aside"


class ArticleStructure(SphinxPostTransform):
    """Give an article's doctree its h-entry shape (HTML only).

    The label badge moves above the headline, the headline becomes ``p-name``, the
    summary becomes ``p-summary``, the body is wrapped in an ``e-content`` container, and
    the previous/next links are placed at the end.
    """

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        byline = self.document.next_node(nr_nodes.byline)
        if byline is None:
            return
        section = self.document.next_node(nodes.section)
        if section is None or not section.children or not isinstance(section[0], nodes.title):
            return
        title = section[0]
        title["classes"].append("p-name")
        head: list[nodes.Node] = [title]
        badge = section.next_node(nr_nodes.label_badge)
        if badge is not None:
            badge.parent.remove(badge)
            head.insert(0, badge)
        byline.parent.remove(byline)
        head.append(byline)
        article = get_domain(self.env).articles.get(self.env.docname)
        explicit_summary = bool(self.env.metadata.get(self.env.docname, {}).get("summary"))
        if article is not None and explicit_summary:
            head.append(
                nodes.paragraph("", article.summary, classes=["p-summary", "newsroom-standfirst"])
            )
        rest = section.children[1:]
        asides = [c for c in rest if isinstance(c, nodes.Element) and ASIDE_CLASS in c["classes"]]
        content = nodes.container(classes=["e-content", "newsroom-article-body"])
        content.extend(child for child in rest if child not in asides)
        if not explicit_summary:
            first = next(iter(content.findall(nodes.paragraph)), None)
            if first is not None:
                first["classes"].append("p-summary")
        del section[:]
        # The previous/next links close the article (navigation.py renders them).
        section.extend([*head, content, *asides, nr_nodes.prev_next()])


def setup_article_page(app: Sphinx) -> None:
    app.add_post_transform(ArticleStructure)
