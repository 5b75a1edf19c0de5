"""The ``correction`` directive: a dated note at the foot of an article.

Its date (``node["date"]``, an aware date-time) is collected into
:attr:`ArticleInfo.corrections`, so it moves the article's ``dateModified``, the feed
entry's ``updated`` and the sitemap's ``lastmod``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from markupsafe import Markup
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_newsroom import nodes as nr_nodes
from sphinx_newsroom.config import settings
from sphinx_newsroom.dates import parse_datetime
from sphinx_newsroom.formatting import display_moment, moment_data
from sphinx_newsroom.locale import _
from sphinx_newsroom.options import NewsroomDirective
from sphinx_newsroom.render import render

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class CorrectionDirective(NewsroomDirective):
    """``.. correction:: 2024-04-21`` with the text of the correction as its body."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        self.known_options()
        node = nr_nodes.correction(classes=["newsroom-correction"])
        self.set_source_info(node)
        node["date"] = self._date()
        self.state.nested_parse(self.content, self.content_offset, node)
        if not node.children:
            self.warn(
                "correction",
                "the correction has no text; write it in the directive's body",
            )
        return [node]

    def _date(self) -> Any:
        value = self.arguments[0] if self.arguments else ""
        try:
            moment = parse_datetime(value, settings(self.config).timezone)
        except ValueError as exc:
            reason = str(exc) if value.strip() else "it has no date"
            self.warn(
                "date",
                "cannot read the correction's date: %s",
                reason,
            )
            return None
        return moment


class CorrectionsAtFoot(SphinxPostTransform):
    """Move each correction to the end of its own article's text.

    In HTML that is the end of the ``e-content`` body that :class:`ArticleStructure` made
    (so it belongs to the entry and to full-text feeds); elsewhere, the end of the
    article's top section.  A book (latex, texinfo, singlehtml) holds many articles in one
    doctree: each correction is placed by its own ancestors, never by the first byline.
    """

    default_priority = 910  # after ArticleStructure

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nr_nodes.correction)):
            foot = _foot(node)
            if foot is not None:
                node.parent.remove(node)
                foot.append(node)


def _foot(node: nodes.Element) -> nodes.Element | None:
    """Return where a correction goes: its article's text, or its article's top section."""
    ancestors = _ancestors(node)
    for ancestor in ancestors:
        if isinstance(ancestor, nodes.container) and "e-content" in ancestor["classes"]:
            return ancestor
    # The article is the outermost section of the correction's own file (a book marks
    # each included file with start_of_file).
    top = None
    for ancestor in ancestors:
        if isinstance(ancestor, (addnodes.start_of_file, nodes.document)):
            break
        if isinstance(ancestor, nodes.section):
            top = ancestor
    return top


def visit_correction_plain(self: Any, node: nr_nodes.correction) -> None:
    """Outside HTML: start the correction's first paragraph with its head, in bold."""
    head = nodes.strong("", correction_heading(node, self.builder.config))
    first = node.children[0] if node.children else None
    if isinstance(first, nodes.paragraph):
        first.insert(0, nodes.Text(" "))
        first.insert(0, head)
    else:
        node.insert(0, nodes.paragraph("", "", head))


def _ancestors(node: nodes.Node) -> list[nodes.Element]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def correction_heading(node: nr_nodes.correction, config: Any) -> str:
    """Return the plain-text head of a correction: "Correction, 21 April 2024:"."""
    if node.get("date") is None:
        return str(_("Correction:"))
    when = display_moment(node["date"], config, with_time=False)
    return str(_("Correction, %(date)s:")) % {"date": when}


def translate_children(self: HTML5Translator, children: list[nodes.Node]) -> Markup:
    """Return the HTML the translator writes for *children*, without keeping it in the page."""
    start = len(self.body)
    for child in children:
        child.walkabout(self)
    html = "".join(self.body[start:])
    del self.body[start:]
    return Markup(html)


def visit_correction_html(self: HTML5Translator, node: nr_nodes.correction) -> None:
    children = list(node.children)
    # The head runs into the first paragraph, as newspapers print it.
    lead: list[nodes.Node] = []
    if children and isinstance(children[0], nodes.paragraph):
        lead = list(children.pop(0).children)
    config = self.builder.config
    data = {
        # The day is shown; the exact moment is in the ``datetime`` attribute.
        "date": moment_data(node["date"], config, with_time=False) if node.get("date") else None,
        "lead": translate_children(self, lead),
        "rest": translate_children(self, children),
    }
    self.body.append(render(self.builder, "newsroom/correction.html", correction=data) + "\n")
    raise nodes.SkipNode


def setup_corrections(app: Sphinx) -> None:
    """Register the ``correction`` directive, its node and its place at the article's foot."""
    # Outside HTML the writers print the head and the text as ordinary paragraphs.
    other = nr_nodes.passed_outside_html(visit_correction_plain)
    app.add_node(nr_nodes.correction, html=(visit_correction_html, None), **other)  # type: ignore[arg-type]
    app.add_directive("correction", CorrectionDirective)
    app.add_post_transform(CorrectionsAtFoot)
