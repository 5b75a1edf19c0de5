"""Doctree nodes of sphinx-newsroom."""

from __future__ import annotations

from typing import TypeVar

from docutils import nodes

N = TypeVar("N", bound=nodes.Node)


class byline(nodes.General, nodes.Element):
    """An article's byline: authors, dates and dateline, as attributes."""


class label_badge(nodes.General, nodes.Element):
    """An article's label (opinion, analysis, …) shown as a badge."""


class title_suffix(nodes.Inline, nodes.TextElement):
    """The label's suffix appended to the headline ("– OPINION")."""


class correction(nodes.General, nodes.Element):
    """A dated correction note at the foot of an article."""


class backstory(nodes.General, nodes.Element):
    """ "About this story": how an article was reported and why (``backstory``)."""


class sources(nodes.General, nodes.Element):
    """The sources of an article: links or references (``sources``)."""


class post_calendar(nodes.General, nodes.Element):
    """Placeholder of a ``post-calendar``: its month, filled in when the page is written."""


class related_list(nodes.General, nodes.Element):
    """Placeholder of a ``related`` block: its entries and limit, filled in when written."""


class article_list(nodes.General, nodes.Element):
    """Placeholder of an ``article-list``: its filters and style, filled in when written."""


class prev_next(nodes.General, nodes.Element):
    """Placeholder of an article's previous/next links, filled in when the page is written."""


class lead_image(nodes.General, nodes.Element):
    """Placeholder of an article's lead image (its ``image`` field), filled in when written."""


class live_update(nodes.General, nodes.Element):
    """One dated update of live coverage (``live-update``): ``date``, ``title``, its text."""


class series_nav(nodes.General, nodes.Element):
    """Placeholder of an article's "Part 2 of 5" line of its series, filled in when written."""


class article_tags(nodes.General, nodes.Element):
    """Placeholder of an article's tags, linked to their pages, filled in when written."""


class article_entry(nodes.General, nodes.Element):
    """An article's whole text: the ``<article class="h-entry">`` of newsroom/article.html."""


class rendered(nodes.raw):
    """HTML of a part rendered from a template, showing other documents.

    Unlike ``raw`` it is written as it is (no wrapping ``<span>`` for its classes), and its
    class ``no-search`` keeps it out of the search index: a page is found by its own text.
    """

    def __init__(self, html: str) -> None:
        super().__init__("", html, format="html", classes=["no-search"])


#: The formats our nodes must be known to (a node without a visitor breaks a writer).
FORMATS = ("html", "latex", "text", "man", "texinfo")


def skip_node(self: object, node: nodes.Node) -> None:
    """Visitor of a node that writes nothing (a placeholder already resolved or left out)."""
    raise nodes.SkipNode


def pass_node(self: object, node: nodes.Node) -> None:
    """Visitor of a node whose children are written as they are."""


def skipped_everywhere() -> dict[str, tuple[object, None]]:
    """Return ``add_node`` visitors that skip a placeholder in every format."""
    return {fmt: (skip_node, None) for fmt in FORMATS}


def passed_outside_html(visit: object = pass_node) -> dict[str, tuple[object, object]]:
    """Return ``add_node`` visitors that write a node's children as they are, but in HTML.

    *visit* may first add a plain head to the node (a correction's date, an update's time).
    """
    return {fmt: (visit, pass_node) for fmt in FORMATS if fmt != "html"}


def first(node: nodes.Node, kind: type[N]) -> N | None:
    """Return the first node of class *kind* in *node* (*node* itself first), or ``None``.

    What ``node.next_node(kind)`` returns where *node* is not itself of that class, at a
    third of the cost: ``next_node`` leaves ``include_self`` out, and then docutils walks
    the tree on its slow path, a generator per node; ``findall`` has a fast one.  Every
    article is searched a dozen times so (a byline, a label, a title).
    """
    return next(node.findall(kind), None)  # type: ignore[arg-type]
