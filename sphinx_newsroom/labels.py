"""The ``label`` directive: opinion, analysis and the other kinds of article."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_newsroom import nodes as nr_nodes
from sphinx_newsroom.locale import _
from sphinx_newsroom.options import NewsroomDirective, TolerantOptions

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator


@dataclass(frozen=True)
class Label:
    """A kind of article: its badge text, optional title suffix and schema.org type."""

    key: str
    text: str
    suffix: str = ""
    schema: str = "NewsArticle"


def _builtin_labels() -> dict[str, Label]:
    # Built at call time so that the texts follow the site's language.
    return {
        "opinion": Label("opinion", _("Opinion"), _("OPINION"), "OpinionNewsArticle"),
        "analysis": Label("analysis", _("Analysis"), "", "AnalysisNewsArticle"),
        "editorial": Label("editorial", _("Editorial"), "", "OpinionNewsArticle"),
        "review": Label("review", _("Review"), "", "ReviewNewsArticle"),
        "sponsored": Label("sponsored", _("Sponsored"), "", "AdvertiserContentArticle"),
        "breaking": Label("breaking", _("Breaking"), "", "NewsArticle"),
    }


def site_labels(config: Config) -> dict[str, Label]:
    """Return the built-in labels with ``newsroom_labels`` merged over them."""
    labels = _builtin_labels()
    for key, entry in config.newsroom_labels.items():
        if entry is None:
            labels.pop(key, None)
            continue
        base = labels.get(key, Label(key, key.replace("-", " ").title()))
        labels[key] = Label(
            key,
            entry.get("text", base.text),
            entry.get("suffix", base.suffix) or "",
            entry.get("schema", base.schema) or "NewsArticle",
        )
    return labels


class LabelDirective(NewsroomDirective):
    """``.. label:: opinion``: mark an article as a kind of piece."""

    required_arguments = 1
    has_content = False
    option_spec = TolerantOptions()

    def run(self) -> list[nodes.Node]:
        self.known_options()
        key = self.arguments[0].strip().lower()
        labels = site_labels(self.config)
        if key not in labels:
            self.warn(
                "label",
                "unknown label %r (known: %s); add it to newsroom_labels",
                key,
                ", ".join(sorted(labels)),
            )
            return []
        node = nr_nodes.label_badge(label=key)
        self.set_source_info(node)
        node += nodes.paragraph("", str(labels[key].text))
        return [node]


class TitleSuffix(SphinxTransform):
    """Append a label's suffix to the headline ("… – OPINION") before titles are collected."""

    default_priority = 500

    def apply(self, **kwargs: object) -> None:
        badge = self.document.next_node(nr_nodes.label_badge)
        if badge is None:
            return
        label = site_labels(self.config).get(badge["label"])
        title = self.document.next_node(nodes.title)
        if label is None or not label.suffix or title is None:
            return
        if title.next_node(nr_nodes.title_suffix) is None:
            title += nr_nodes.title_suffix("", f" – {label.suffix}")


def visit_label_html(self: HTML5Translator, node: nr_nodes.label_badge) -> None:
    label = site_labels(self.builder.config).get(node["label"])
    text = label.text if label else node["label"]
    key = escape(node["label"])
    self.body.append(
        f'<p class="newsroom-label newsroom-label-{key}">'
        f'<span class="p-category">{escape(str(text))}</span></p>\n'
    )
    raise nodes.SkipNode


def visit_title_suffix_html(self: HTML5Translator, node: nr_nodes.title_suffix) -> None:
    self.body.append(f'<span class="newsroom-title-suffix">{escape(node.astext())}</span>')
    raise nodes.SkipNode


def _pass(self: object, node: nodes.Node) -> None:
    pass


def setup_labels(app: Sphinx) -> None:
    """Register the ``label`` directive, its node and the title suffix transform."""
    other = {fmt: (_pass, _pass) for fmt in ("latex", "text", "man", "texinfo")}
    app.add_node(nr_nodes.label_badge, html=(visit_label_html, None), **other)  # type: ignore[arg-type]
    app.add_node(nr_nodes.title_suffix, html=(visit_title_suffix_html, None), **other)  # type: ignore[arg-type]
    app.add_directive("label", LabelDirective)
    app.add_transform(TitleSuffix)
