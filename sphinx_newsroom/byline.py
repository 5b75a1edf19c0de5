"""The ``byline`` directive: who wrote an article, when, and from where."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives

from sphinx_newsroom import nodes as nr_nodes
from sphinx_newsroom.articles import Author, slugify
from sphinx_newsroom.dates import iso, parse_datetime, site_timezone
from sphinx_newsroom.formatting import display_moment, join_names, local_moment
from sphinx_newsroom.locale import _
from sphinx_newsroom.options import NewsroomDirective, TolerantOptions

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator


_KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TIME_RE = re.compile(r"\d{1,2}:\d{2}")


class BylineDirective(NewsroomDirective):
    """``.. byline:: Jane Doe, ali-rahimov`` with ``:date:``, ``:updated:``, ``:dateline:``."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec = TolerantOptions(
        date=directives.unchanged_required,
        updated=directives.unchanged,
        dateline=directives.unchanged,
    )

    def run(self) -> list[nodes.Node]:
        options = self.known_options()
        node = nr_nodes.byline()
        self.set_source_info(node)
        node["authors"] = self._authors()
        node["published"], node["has_time"] = self._date(options.get("date"), required=True)
        node["updated"], node["updated_has_time"] = self._date(options.get("updated"))
        node["dateline"] = " ".join(str(options.get("dateline") or "").split())
        if node["published"] and node["updated"] and node["updated"] < node["published"]:
            self.warn("date", f"the byline's :updated: {options['updated']} is before its :date:")
        node += nodes.paragraph("", byline_text(node, self.config))
        return [node]

    def _authors(self) -> list[Author]:
        registry = self.config.newsroom_authors
        by_name = {str(entry["name"]).casefold(): key for key, entry in registry.items()}
        authors: list[Author] = []
        for raw in self.arguments[0].split(","):
            text = " ".join(raw.split())
            if not text:
                continue
            if _KEY_RE.match(text):
                if text in registry:
                    authors.append(Author(str(registry[text]["name"]), text, text))
                    continue
                self.warn("author", f"unknown author key {text!r}: add it to newsroom_authors")
            key = by_name.get(text.casefold())
            if key is not None:
                authors.append(Author(str(registry[key]["name"]), key, key))
            else:
                authors.append(Author(text, slugify(text)))
        if not authors:
            self.warn("author", "the byline names no author")
        unique = list(dict.fromkeys(authors))
        return unique

    def _date(self, value: str | None, *, required: bool = False) -> tuple[object, bool]:
        if not value or not value.strip():
            if required:
                self.warn("date", "the byline has no :date:; the article is left out of lists")
            return None, False
        try:
            moment = parse_datetime(value, site_timezone(self.config.newsroom_timezone))
        except ValueError as exc:
            self.warn("date", f"cannot read the date {value.strip()!r}: {exc}")
            return None, False
        return moment, bool(_TIME_RE.search(value))


def byline_text(node: nr_nodes.byline, config: Config) -> str:
    """Return the byline as plain text, for builders other than HTML."""
    names = join_names([author.name for author in node["authors"]])
    parts = [_("By %(authors)s") % {"authors": names}] if names else []
    if node["dateline"]:
        parts.append(node["dateline"])
    if node["published"] is not None:
        parts.append(display_moment(node["published"], config, with_time=node["has_time"]))
    if node["updated"] is not None:
        when = display_moment(node["updated"], config, with_time=node["updated_has_time"])
        parts.append(_("Updated %(date)s") % {"date": when})
    return " · ".join(str(part) for part in parts)


def time_html(moment: datetime, config: Config, css_class: str, *, with_time: bool = True) -> str:
    """Return a ``<time>`` element for an article date."""
    local = local_moment(moment, config)
    return (
        f'<time class="{css_class}" datetime="{escape(iso(local))}">'
        f"{escape(display_moment(moment, config, with_time=with_time))}</time>"
    )


def visit_byline_html(self: HTML5Translator, node: nr_nodes.byline) -> None:
    config = self.builder.config
    links = []
    for author in node["authors"]:
        href = self.builder.get_relative_uri(self.builder.current_docname, author.page)
        links.append(
            f'<a class="p-author h-card" rel="author" href="{escape(href)}">'
            f"{escape(author.name)}</a>"
        )
    html = ['<div class="newsroom-byline">']
    if links:
        by = escape(str(_("By %(authors)s"))) % {"authors": join_names(links)}
        html.append(f'<p class="newsroom-byline-authors">{by}</p>')
    meta = []
    if node["dateline"]:
        meta.append(f'<span class="newsroom-dateline">{escape(node["dateline"])}</span>')
    if node["published"] is not None:
        meta.append(
            time_html(node["published"], config, "dt-published", with_time=node["has_time"])
        )
    if node["updated"] is not None:
        stamp = time_html(node["updated"], config, "dt-updated", with_time=node["updated_has_time"])
        meta.append(
            '<span class="newsroom-updated">'
            + escape(str(_("Updated %(date)s"))) % {"date": stamp}
            + "</span>"
        )
    if meta:
        separator = '<span class="newsroom-sep" aria-hidden="true"> · </span>'
        html.append(f'<p class="newsroom-byline-meta">{separator.join(meta)}</p>')
    html.append("</div>\n")
    self.body.append("".join(html))
    raise nodes.SkipNode


def _pass(self: object, node: nodes.Node) -> None:
    pass


def setup_byline(app: Sphinx) -> None:
    """Register the ``byline`` directive and node."""
    other = {fmt: (_pass, _pass) for fmt in ("latex", "text", "man", "texinfo")}
    app.add_node(nr_nodes.byline, html=(visit_byline_html, None), **other)  # type: ignore[arg-type]
    app.add_directive("byline", BylineDirective)
