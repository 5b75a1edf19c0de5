"""What readers look for to trust a story: ``backstory`` and ``sources``.

``.. backstory::`` says how an article was reported and why ("About this story");
``.. sources::`` lists its sources, links or references.  Both are written where the
author puts them, under a heading, and go into the article's structured data
(:attr:`ArticleInfo.backstory`, :attr:`ArticleInfo.citations`: JSON-LD ``backstory`` and
``citation``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_newsroom import nodes as nr_nodes
from sphinx_newsroom.corrections import translate_children
from sphinx_newsroom.locale import _
from sphinx_newsroom.options import NewsroomDirective
from sphinx_newsroom.render import render

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class _BlockDirective(NewsroomDirective):
    """A block of the article's own text, under a heading of ours."""

    has_content = True
    node_class: type[nodes.Element] = nr_nodes.backstory

    def run(self) -> list[nodes.Node]:
        self.known_options()
        node = self.node_class()
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        if not node.children:
            self.warn("trust", "%s has no text; write it in the directive's body", self.name)
            return []
        return [node]


class BackstoryDirective(_BlockDirective):
    """``.. backstory::`` with how the story was reported, and why, as its body."""

    node_class = nr_nodes.backstory


class SourcesDirective(_BlockDirective):
    """``.. sources::`` with a list of the story's sources (links or references)."""

    node_class = nr_nodes.sources


#: Heading and template of each block.
_BLOCKS = {
    "backstory": (lambda: _("About this story"), "newsroom/backstory.html"),
    "sources": (lambda: _("Sources"), "newsroom/sources.html"),
}


def visit_block_html(self: HTML5Translator, node: nodes.Element) -> None:
    kind = node.tagname
    heading, template = _BLOCKS[kind]
    # The heading's id, unique in the page: a second block of a kind gets "-2" and so on.
    same = list(node.document.findall(type(node))) if node.document is not None else [node]
    number = same.index(node) + 1 if node in same else 1
    block = {
        "heading": str(heading()),
        "id": f"newsroom-{kind}-heading" + (f"-{number}" if number > 1 else ""),
        "content": translate_children(self, list(node.children)),
    }
    self.body.append(render(self.builder, template, block=block) + "\n")
    raise nodes.SkipNode


def setup_trust(app: Sphinx) -> None:
    """Register the ``backstory`` and ``sources`` directives and their nodes."""
    other = nr_nodes.passed_outside_html()
    for node_class in (nr_nodes.backstory, nr_nodes.sources):
        app.add_node(node_class, html=(visit_block_html, None), **other)  # type: ignore[arg-type]
    app.add_directive("backstory", BackstoryDirective)
    app.add_directive("sources", SourcesDirective)
