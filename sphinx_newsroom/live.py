"""Live coverage: an article that grows by dated updates (``:coverage: live|ended``).

``.. live-update:: 2024-04-20 10:15`` (optional ``:title:``, the update as its body) adds
an update.  The page shows the updates newest first, each with its time and an anchor;
while the coverage is ``live`` the article carries a "Live" badge.  The updates are
collected into :attr:`ArticleInfo.updates`: the newest moves ``dateModified``, the feed
entry's ``updated`` and the sitemap's ``lastmod``, and ``seo.py`` makes the article a
``LiveBlogPosting``.  Its place among the articles stays that of its first publication.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_newsroom import nodes as nr_nodes
from sphinx_newsroom.config import settings
from sphinx_newsroom.corrections import translate_children
from sphinx_newsroom.dates import parse_datetime
from sphinx_newsroom.formatting import display_moment, local_moment, moment_data
from sphinx_newsroom.options import NewsroomDirective, TolerantOptions
from sphinx_newsroom.render import render
from sphinx_newsroom.slugs import clean_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: The values of an article's ``:coverage:`` field.
COVERAGE = ("live", "ended")

_TAKEN_IDS = "newsroom_live_update_ids"


class LiveUpdateDirective(NewsroomDirective):
    """``.. live-update:: 2024-04-20 10:15`` with an optional ``:title:`` and the update."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = TolerantOptions(title=directives.unchanged)

    def run(self) -> list[nodes.Node]:
        options = self.known_options()
        node = nr_nodes.live_update(classes=["newsroom-live-update"])
        self.set_source_info(node)
        node["date"] = self._date()
        node["title"] = clean_text(str(options.get("title") or ""))
        node["ids"] = [self._anchor(node["date"])]
        self.state.nested_parse(self.content, self.content_offset, node)
        if not node.children:
            self.warn("live", "the live update has no text; write it in the directive's body")
        return [node]

    def _date(self) -> Any:
        value = self.arguments[0] if self.arguments else ""
        try:
            return parse_datetime(value, settings(self.config).timezone)
        except ValueError as exc:
            reason = str(exc) if value.strip() else "it has no time"
            self.warn("date", "cannot read the live update's time: %s", reason)
            return None

    def _anchor(self, moment: Any) -> str:
        """Return the update's anchor, ``update-2024-04-20-1015``, unique in its page."""
        if moment is None:
            base = "update"
        else:
            base = local_moment(moment, self.config).strftime("update-%Y-%m-%d-%H%M")
        taken = self.env.temp_data.setdefault(_TAKEN_IDS, set())
        assert isinstance(taken, set)
        anchor, number = base, 1
        while anchor in taken:
            number += 1
            anchor = f"{base}-{number}"
        taken.add(anchor)
        return anchor


class LiveUpdatesNewestFirst(SphinxPostTransform):
    """Put the updates of each block of the text newest first, whatever order they were
    written in (an update without a readable time goes last)."""

    default_priority = 905  # after ArticleStructure (900), before the corrections (910)

    def run(self, **kwargs: Any) -> None:
        by_parent: dict[int, list[nodes.Element]] = {}
        for found in self.document.findall(nr_nodes.live_update):
            by_parent.setdefault(id(found.parent), []).append(found)
        for updates in by_parent.values():
            parent = updates[0].parent
            if len(updates) < 2 or parent is None:
                continue
            start = parent.index(updates[0])
            for update in updates:
                parent.remove(update)
            for offset, update in enumerate(sorted(updates, key=_newest_first)):
                parent.insert(start + offset, update)


def _newest_first(node: nodes.Element) -> tuple[int, float]:
    date = node.get("date")
    return (0, -date.timestamp()) if date is not None else (1, 0.0)


def update_heading(node: nodes.Element, config: Any) -> str:
    """Return an update's plain-text head: its time, and its title where it has one."""
    when = display_moment(node["date"], config) if node.get("date") is not None else ""
    return " — ".join(part for part in (when, node.get("title", "")) if part)


def visit_live_update_html(self: HTML5Translator, node: nodes.Element) -> None:
    config = self.builder.config
    update = {
        "id": node["ids"][0] if node["ids"] else "",
        "time": moment_data(node["date"], config) if node.get("date") is not None else None,
        "title": node.get("title", ""),
        "content": translate_children(self, list(node.children)),
    }
    self.body.append(render(self.builder, "newsroom/live-update.html", update=update) + "\n")
    raise nodes.SkipNode


def visit_live_update_plain(self: Any, node: nodes.Element) -> None:
    """Outside HTML: the update's time and title as a bold first paragraph."""
    heading = update_heading(node, self.builder.config)
    if heading:
        node.insert(0, nodes.paragraph("", "", nodes.strong("", heading)))


def setup_live(app: Sphinx) -> None:
    """Register the ``live-update`` directive, its node and its order."""
    # Outside HTML the time and title lead the update, in bold.
    other = nr_nodes.passed_outside_html(visit_live_update_plain)
    app.add_node(nr_nodes.live_update, html=(visit_live_update_html, None), **other)  # type: ignore[arg-type]
    app.add_directive("live-update", LiveUpdateDirective)
    app.add_post_transform(LiveUpdatesNewestFirst)
