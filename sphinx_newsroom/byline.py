"""The ``byline`` directive: who wrote an article, when, and from where."""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translator

from sphinx_newsroom import nodes as nr_nodes
from sphinx_newsroom.articles import Author, get_newsroom
from sphinx_newsroom.config import settings
from sphinx_newsroom.dates import parse_datetime
from sphinx_newsroom.formatting import display_moment, join_names, moment_data
from sphinx_newsroom.locale import MESSAGE_CATALOG_NAME, _
from sphinx_newsroom.options import NewsroomDirective, TolerantOptions
from sphinx_newsroom.render import render
from sphinx_newsroom.siteurl import is_web_builder, relative_link
from sphinx_newsroom.slugs import clean_text, is_author_key, slugify

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator


_TIME_RE = re.compile(r"\d{1,2}:\d{2}")

#: How alike a plain name must be to a registered author's name to be taken for a typo of
#: it ("Jane Deo" for "Jane Doe"), here and in ``newsroom new``.
NAME_CUTOFF = 0.85


class BylineDirective(NewsroomDirective):
    """``.. byline:: Jane Doe, ali-rahimov`` with ``:date:``, ``:updated:``, ``:dateline:``."""

    # Taken loosely, so that a missing argument or a stray text is one warning of ours and
    # the article stays an article (docutils would drop the whole directive).
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = TolerantOptions(
        date=directives.unchanged,
        updated=directives.unchanged,
        dateline=directives.unchanged,
    )

    def run(self) -> list[nodes.Node]:
        options = self.known_options()
        if self.content:
            self.warn(
                "byline",
                "the byline takes no text (write the article after it, unindented); "
                "the text is left out",
            )
        node = nr_nodes.byline()
        self.set_source_info(node)
        node["authors"] = self._authors()
        node["published"], node["has_time"] = self._date(options.get("date"), required=True)
        node["updated"], node["updated_has_time"] = self._date(options.get("updated"))
        node["dateline"] = clean_text(str(options.get("dateline") or ""))
        if node["published"] and node["updated"] and node["updated"] < node["published"]:
            self.warn("date", f"the byline's :updated: {options['updated']} is before its :date:")
        node += nodes.paragraph("", byline_text(node, self.config))
        return [node]

    def _authors(self) -> list[Author]:
        site = settings(self.config)
        authors: list[Author] = []
        for raw in (self.arguments[0] if self.arguments else "").split(","):
            text = clean_text(raw)
            if not text:
                continue
            if is_author_key(text):
                if text in site.authors:
                    authors.append(Author(site.authors[text].name, text, text))
                    continue
                nearest = difflib.get_close_matches(text, sorted(site.authors), n=1)
                self.warn(
                    "author",
                    "unknown author key %r: %sadd it to newsroom_authors",
                    text,
                    f"did you mean {nearest[0]!r}? Or " if nearest else "",
                )
            profile = site.author_by_name(text)
            if profile is not None:
                authors.append(Author(profile.name, profile.key, profile.key))
                continue
            if not is_author_key(text):
                self._warn_near_name(text)
            authors.append(Author(text, slugify(text)))
        if not authors:
            self.warn("author", "the byline names no author")
        unique = list(dict.fromkeys(authors))
        return unique

    def _warn_near_name(self, name: str) -> None:
        """Warn when a plain name is nearly a registered author's (a second author page)."""
        site = settings(self.config)
        names = {profile.name.casefold(): profile for profile in site.authors.values()}
        close = difflib.get_close_matches(name.casefold(), sorted(names), n=1, cutoff=NAME_CUTOFF)
        if close:
            profile = names[close[0]]
            self.warn(
                "author",
                "the author %r is not in newsroom_authors; did you mean %r (%s)? "
                "If it is someone else, add them to newsroom_authors",
                name,
                profile.name,
                profile.key,
            )

    def _date(self, value: str | None, *, required: bool = False) -> tuple[object, bool]:
        if not value or not value.strip():
            if required:
                self.warn("date", "the byline has no :date:; the article is left out of lists")
            return None, False
        try:
            moment = parse_datetime(value, settings(self.config).timezone)
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


def unpublished_status(builder: Builder, docname: str) -> dict[str, str] | None:
    """Return the "Draft" or "Embargoed until …" notice of an unlisted article, else None."""
    newsroom = get_newsroom(builder.env)
    article = newsroom.articles.get(docname)
    if article is None or newsroom.is_listed(docname):
        return None
    if article.status != "draft" and article.published is not None:
        when = display_moment(article.published, builder.config)
        return {"kind": "embargoed", "text": str(_("Embargoed until %(date)s") % {"date": when})}
    return {"kind": "draft", "text": str(_("Draft"))}


def reading_minutes(config: Config, words: int) -> int:
    """Return the minutes an article of *words* words takes to read (at least one)."""
    return max(1, round(words / settings(config).reading_speed))


def reading_time_text(builder: Builder, docname: str) -> str:
    """Return "4 min read" for an article, or ``""``."""
    article = get_newsroom(builder.env).articles.get(docname)
    if article is None or not article.words:
        return ""
    minutes = reading_minutes(builder.config, article.words)
    text = get_translator(MESSAGE_CATALOG_NAME).ngettext(
        "%(minutes)d min read", "%(minutes)d min read", minutes
    )
    return text % {"minutes": minutes}


def rating_data(builder: Builder, docname: str) -> dict[str, Any] | None:
    """Return a review's rating as the byline shows it: stars and "4 out of 5"."""
    article = get_newsroom(builder.env).articles.get(docname)
    if article is None or article.rating is None:
        return None
    value, best = article.rating
    filled = int(value / best * 5 + 0.5)  # half a star up
    number = f"{value:g}"
    return {
        "stars": "★" * filled + "☆" * (5 - filled),
        "text": str(
            _("Rating: %(value)s out of %(best)s") % {"value": number, "best": f"{best:g}"}
        ),
        "reviewed": article.reviewed,
    }


def visit_byline_html(self: HTML5Translator, node: nr_nodes.byline) -> None:
    builder = self.builder
    config = builder.config
    here = builder.current_docname
    website = is_web_builder(builder)
    data = {
        # Author pages exist on websites only (not in singlehtml or a book).
        "authors": [
            {
                "name": author.name,
                "link": relative_link(builder, here, author.page) if website else "",
            }
            for author in node["authors"]
        ],
        "dateline": node["dateline"],
        "published": None,
        "updated": None,
    }
    if node["published"] is not None:
        data["published"] = moment_data(node["published"], config, with_time=node["has_time"])
    if node["updated"] is not None:
        data["updated"] = moment_data(node["updated"], config, with_time=node["updated_has_time"])
    data["status"] = unpublished_status(builder, here)
    data["reading_time"] = reading_time_text(builder, here)
    data["rating"] = rating_data(builder, here)
    self.body.append(render(builder, "newsroom/byline.html", byline=data) + "\n")
    raise nodes.SkipNode


def setup_byline(app: Sphinx) -> None:
    """Register the ``byline`` directive and node."""
    other = nr_nodes.passed_outside_html()
    app.add_node(nr_nodes.byline, html=(visit_byline_html, None), **other)  # type: ignore[arg-type]
    app.add_directive("byline", BylineDirective)
