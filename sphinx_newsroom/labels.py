"""The ``label`` directive: opinion, analysis and the other kinds of article."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_newsroom import nodes as nr_nodes
from sphinx_newsroom.config import settings
from sphinx_newsroom.options import NewsroomDirective
from sphinx_newsroom.render import render

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class LabelDirective(NewsroomDirective):
    """``.. label:: opinion``: mark an article as a kind of piece."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.known_options()
        key = self.arguments[0].strip().lower() if self.arguments else ""
        labels = settings(self.config).labels
        if not key:
            self.warn("label", "the label directive names no label, e.g. .. label:: opinion")
            return []
        if key not in labels:
            nearest = difflib.get_close_matches(key, sorted(labels), n=1, cutoff=0.6)
            self.warn(
                "label",
                "unknown label %r (known: %s)%s; or add it to newsroom_labels",
                key,
                ", ".join(sorted(labels)),
                f"; did you mean {nearest[0]!r}?" if nearest else "",
            )
            return []
        if any(self.state.document.findall(nr_nodes.label_badge)):
            self.warn("label", "an article has one label; this second one is left out")
            return []
        node = nr_nodes.label_badge(label=key)
        self.set_source_info(node)
        node += nodes.paragraph("", str(labels[key].text))
        return [node]


class TitleSuffix(SphinxTransform):
    """Append a label's suffix to the headline ("… – OPINION") before titles are collected."""

    default_priority = 500

    def apply(self, **kwargs: object) -> None:
        badge = nr_nodes.first(self.document, nr_nodes.label_badge)
        if badge is None:
            return
        label = settings(self.config).labels.get(badge["label"])
        title = nr_nodes.first(self.document, nodes.title)
        if label is None or not label.suffix or title is None:
            return
        if nr_nodes.first(title, nr_nodes.title_suffix) is None:
            title += nr_nodes.title_suffix("", f" – {label.suffix}")


def visit_label_html(self: HTML5Translator, node: nr_nodes.label_badge) -> None:
    label = settings(self.builder.config).labels.get(node["label"])
    data = {"key": node["label"], "text": str(label.text) if label else node["label"]}
    self.body.append(render(self.builder, "newsroom/label.html", label=data) + "\n")
    raise nodes.SkipNode


def visit_title_suffix_html(self: HTML5Translator, node: nr_nodes.title_suffix) -> None:
    self.body.append(render(self.builder, "newsroom/title-suffix.html", suffix=node.astext()))
    raise nodes.SkipNode


def setup_labels(app: Sphinx) -> None:
    """Register the ``label`` directive, its node and the title suffix transform."""
    other = nr_nodes.passed_outside_html()
    app.add_node(nr_nodes.label_badge, html=(visit_label_html, None), **other)  # type: ignore[arg-type]
    app.add_node(nr_nodes.title_suffix, html=(visit_title_suffix_html, None), **other)  # type: ignore[arg-type]
    app.add_directive("label", LabelDirective)
    app.add_transform(TitleSuffix)
