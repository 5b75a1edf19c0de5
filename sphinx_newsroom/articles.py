"""The article model: plain values collected from every document, kept in the environment."""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from docutils import nodes
from sphinx.domains import Domain
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util import logging

from sphinx_newsroom import nodes as nr_nodes
from sphinx_newsroom.config import Settings, settings
from sphinx_newsroom.dates import build_now
from sphinx_newsroom.incremental import OWN_PAGE_ONLY, Fingerprinted
from sphinx_newsroom.slugs import clean_text, has_slug, is_cut, slugify, strip_controls

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: Bump when :class:`ArticleInfo` changes shape, so old pickled environments are discarded.
DATA_VERSION = 6


T = TypeVar("T")


@dataclass(frozen=True)
class Author:
    """One author of a byline: a registry key, or a plain name."""

    name: str
    slug: str
    key: str = ""

    @property
    def page(self) -> str:
        """Return the page name of the author's page on this site."""
        return f"authors/{self.slug}/index"


@dataclass(frozen=True)
class ArticleInfo(Fingerprinted):
    """What the site knows about one article, as plain values."""

    docname: str
    title: str
    headline: str
    authors: tuple[Author, ...]
    published: datetime | None
    updated: datetime | None = None
    dateline: str = ""
    section: str = ""
    tags: tuple[str, ...] = ()
    summary: str = ""
    image: str = ""
    label: str = ""
    status: str = "published"
    lineno: int = 0
    corrections: tuple[tuple[datetime, str], ...] = ()
    #: Words of its text (Chinese and Japanese characters count one each).  Only its own
    #: page shows them, so digests leave them out (:data:`~.incremental.OWN_PAGE_ONLY`).
    words: int = field(default=0, metadata=OWN_PAGE_ONLY)
    #: "About this story" (``backstory``), as text.
    backstory: str = ""
    #: Its sources (``sources``): the URL of each, else its text.
    citations: tuple[str, ...] = ()
    #: A review's work (``:reviewed:``) and rating (``:rating:``, value and best).
    reviewed: str = ""
    rating: tuple[float, float] | None = None
    #: A featured story (``:featured: yes``): lists with ``:featured:`` show these.
    featured: bool = False
    #: The series it is a part of (``:series:``), as written.
    series: str = ""
    #: The document names it had before (``:aliases:``), each given a redirect page.
    aliases: tuple[str, ...] = ()
    #: Live coverage (``:coverage: live`` or ``ended``; empty for a plain story).
    coverage: str = ""
    #: Its live updates, newest first: time, title, text and anchor.
    updates: tuple[tuple[datetime, str, str, str], ...] = ()

    @cached_property  # asked for millions of times by relatedness and the furniture
    def section_slug(self) -> str:
        return slugify(self.section) if self.section else ""

    @property
    def modified(self) -> datetime | None:
        """Return the last change: the newest of updated and the corrections' dates."""
        moments = [m for m in (self.published, self.updated) if m is not None]
        moments.extend(when for when, _text in self.corrections)
        moments.extend(update[0] for update in self.updates)
        return max(moments) if moments else None

    def is_listed(self, now: datetime) -> bool:
        """Return whether the article appears in lists, feeds, archives and chains."""
        return self.published is not None and self.status != "draft" and self.published <= now

    def sort_key(self) -> tuple[datetime, str]:
        """Chronological order: by minute, ties by document name."""
        assert self.published is not None
        return (self.published.replace(second=0, microsecond=0), self.docname)


@dataclass(frozen=True)
class Group:
    """Articles that share a section, tag or author: the name to show, and the articles."""

    slug: str
    name: str
    articles: tuple[ArticleInfo, ...]


@dataclass
class Newsroom:
    """Queries over all collected articles of one build, computed once and cached.

    ``now`` is the one clock of the build (``SOURCE_DATE_EPOCH`` when set): every feature
    that asks what is published, or what day it is, asks it here.
    """

    articles: dict[str, ArticleInfo]
    settings: Settings
    now: datetime
    _memo: dict[tuple[Callable[..., Any], tuple[Any, ...]], Any] = field(
        default_factory=dict, repr=False
    )

    @property
    def zone(self) -> ZoneInfo:
        return self.settings.timezone

    def memo(self, function: Callable[..., T], *args: Any) -> T:
        """Return ``function(self, *args)``, computed once per build for the same arguments.

        The memo lives as long as this object, which is made anew whenever an article or
        the configuration changes, so a value can never outlive what it was derived from.
        """
        key = (function, args)
        if key not in self._memo:
            self._memo[key] = function(self, *args)
        value: T = self._memo[key]
        return value

    def memoised(self, function: Callable[..., T], *args: Any) -> T | None:
        """Return what :meth:`memo` computed for these arguments in this build, if it did."""
        value: T | None = self._memo.get((function, args))
        return value

    @cached_property
    def chain(self) -> list[ArticleInfo]:
        """Return the listed articles, oldest first."""
        listed = [a for a in self.articles.values() if a.is_listed(self.now)]
        return sorted(listed, key=ArticleInfo.sort_key)

    @cached_property
    def _position(self) -> dict[str, int]:
        return {article.docname: index for index, article in enumerate(self.chain)}

    @cached_property
    def _section_chains(self) -> dict[str, list[ArticleInfo]]:
        chains: dict[str, list[ArticleInfo]] = {}
        for article in self.chain:
            chains.setdefault(article.section_slug, []).append(article)
        return chains

    def neighbours(
        self, docname: str, scope: str = "site"
    ) -> tuple[ArticleInfo | None, ArticleInfo | None]:
        """Return the previous (older) and next (newer) listed article of *docname*."""
        article = self.articles.get(docname)
        if article is None or docname not in self._position:
            return None, None
        chain = self.chain if scope == "site" else self._section_chains[article.section_slug]
        index = self._position[docname] if scope == "site" else chain.index(article)
        older = chain[index - 1] if index > 0 else None
        newer = chain[index + 1] if index + 1 < len(chain) else None
        return older, newer

    def is_listed(self, docname: str) -> bool:
        return docname in self._position

    def newest_first(self, articles: Iterable[ArticleInfo] | None = None) -> list[ArticleInfo]:
        """Return *articles* (default: every listed one) newest first."""
        chosen = self.chain if articles is None else sorted(articles, key=ArticleInfo.sort_key)
        return list(reversed(chosen))

    def groups(self, kind: str) -> dict[str, Group]:
        """Return the listed articles grouped by section, tag, author or label.

        *kind* is ``"sections"``, ``"tags"``, ``"authors"``, ``"labels"`` (named by the
        label's key: the pages take the badge text from the settings) or ``"series"``.

        Keys are slugs; spellings that share a slug ("Oil", "oil") are one group, named by
        the most used spelling (ties: the first in sorted order).  Articles are newest first.
        Pages, feeds and lists all take their names from here.
        """
        return self.memo(_groups, kind)


def _values(kind: str, article: ArticleInfo) -> Iterable[tuple[str, str]]:
    if kind == "sections":
        return [(article.section_slug, article.section)] if article.section else []
    if kind == "tags":
        return [(slugify(tag), tag) for tag in article.tags]
    if kind == "authors":
        return [(author.slug, author.name) for author in article.authors]
    if kind == "labels":
        return [(slugify(article.label), article.label)] if article.label else []
    if kind == "series":
        return [(slugify(article.series), article.series)] if article.series else []
    raise ValueError(kind)


def _groups(newsroom: Newsroom, kind: str) -> dict[str, Group]:
    names: dict[str, list[str]] = {}
    members: dict[str, list[ArticleInfo]] = {}
    for article in newsroom.newest_first():
        spellings: dict[str, str] = {}
        for slug, name in _values(kind, article):
            spellings.setdefault(slug, name)
        for slug, name in spellings.items():
            names.setdefault(slug, []).append(name)
            members.setdefault(slug, []).append(article)
    groups = {}
    for slug, used in names.items():
        counts = Counter(used)
        name = min(counts, key=lambda text: (-counts[text], text))
        groups[slug] = Group(slug, name, tuple(members[slug]))
    return groups


class DocumentDataDomain(Domain):
    """A domain of plain values kept per document: purged and merged by document.

    Every key of :attr:`per_document` is a dict ``docname → value`` in ``self.data``.
    """

    #: The keys of ``self.data`` that map document names to values.
    per_document: ClassVar[tuple[str, ...]] = ()

    def clear_doc(self, docname: str) -> None:
        for key in self.per_document:
            self.data[key].pop(docname, None)
        self.changed()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in self.per_document:
            for docname in docnames:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]
        self.changed()

    def changed(self) -> None:
        """Called when a document's values were removed or merged in."""


class NewsroomDomain(DocumentDataDomain):
    """Holds the collected :class:`ArticleInfo` of every document; purged and merged by doc."""

    name = "newsroom"
    label = "Newsroom"
    data_version = DATA_VERSION
    initial_data: ClassVar[dict[str, Any]] = {"articles": {}}
    per_document = ("articles",)
    _newsroom: Newsroom | None = None

    @property
    def articles(self) -> dict[str, ArticleInfo]:
        return self.data["articles"]

    def changed(self) -> None:
        self._newsroom = None

    def add_article(self, article: ArticleInfo) -> None:
        self.articles[article.docname] = article
        self._newsroom = None

    def newsroom(self) -> Newsroom:
        """Return the query object over the current articles (cached until they change)."""
        cached = self._newsroom
        if cached is None:
            cached = Newsroom(
                articles=dict(self.articles),
                settings=settings(self.env.config),
                now=build_now(),
            )
            self._newsroom = cached
        return cached


def get_domain(env: BuildEnvironment) -> NewsroomDomain:
    """Return this build's :class:`NewsroomDomain`."""
    domain = env.get_domain(NewsroomDomain.name)
    assert isinstance(domain, NewsroomDomain)
    return domain


def get_newsroom(env: BuildEnvironment) -> Newsroom:
    """Return the cached queries over every collected article."""
    return get_domain(env).newsroom()


def _first_paragraph(section: nodes.Element) -> str:
    """Return the text of the first body paragraph (the summary when none is given)."""
    furniture = (nr_nodes.byline, nr_nodes.label_badge, nr_nodes.correction)
    for paragraph in section.findall(nodes.paragraph):
        if any(isinstance(parent, furniture) for parent in _ancestors(paragraph)):
            continue
        text = clean_text(paragraph.astext())
        if text:
            return text
    return ""


def _ancestors(node: nodes.Node) -> Iterable[nodes.Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _split_list(value: str) -> tuple[str, ...]:
    """Split comma-separated tags; MyST front matter lists arrive as JSON text."""
    items: list[Any] = value.split(",")
    if value.lstrip().startswith("["):
        try:
            parsed = json.loads(value)
        except ValueError:
            pass
        else:
            if isinstance(parsed, list):
                items = [str(item) for item in parsed if isinstance(item, (str, int, float))]
    seen: dict[str, None] = {}
    for raw in items:
        item = clean_text(str(raw))
        if item:
            seen.setdefault(item, None)
    return tuple(seen)


class ArticleCollector(EnvironmentCollector):
    """Collect an :class:`ArticleInfo` from every document that has a ``byline``.

    The data itself lives in :class:`NewsroomDomain`, which Sphinx purges and merges per
    document; this collector fills it when a document is read.
    """

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        # NewsroomDomain.clear_doc, which Sphinx calls on every purge, drops the article.
        pass

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        # NewsroomDomain.merge_domaindata already took the other process's articles.
        pass

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        docname = env.docname
        bylines = list(doctree.findall(nr_nodes.byline))
        if not bylines:
            _warn_article_parts(doctree)
            return
        byline = bylines[0]
        for extra in bylines[1:]:
            logger.warning(
                "a second byline in one article is ignored; an article has one byline",
                type="newsroom",
                subtype="byline",
                location=extra,
            )
        metadata = env.metadata.setdefault(docname, {})
        # Articles are found through lists, archives and feeds, not a toctree: Sphinx need
        # not warn that one is in no toctree (and navigation need not list hundreds).
        metadata.setdefault("orphan", True)
        title_node = nr_nodes.first(doctree, nodes.title)
        title = clean_text(title_node.astext()) if title_node else docname
        headline = title
        if title_node is not None:
            suffix = nr_nodes.first(title_node, nr_nodes.title_suffix)
            if suffix is not None:
                headline = clean_text(
                    "".join(
                        child.astext()
                        for child in title_node.children
                        if not isinstance(child, nr_nodes.title_suffix)
                    )
                )
        label_node = nr_nodes.first(doctree, nr_nodes.label_badge)
        section_node = nr_nodes.first(doctree, nodes.section) or doctree
        summary = clean_text(str(metadata.get("summary", ""))) or _first_paragraph(section_node)
        status = str(metadata.get("status", "published")).strip().lower() or "published"
        section = clean_text(str(metadata.get("section", "")))
        tags = _split_list(str(metadata.get("tags", "")))
        series = clean_text(str(metadata.get("series", "")))
        names = [section, series, *tags, *(author.name for author in byline["authors"])]
        # A name with no letter or digit cannot have a page: it is left out (and warned of).
        section = section if has_slug(section) else ""
        tags = tuple(tag for tag in tags if has_slug(tag))
        for name in names:
            if name and not has_slug(name):
                logger.warning(
                    "%r has no letter or digit to make its page's URL of; write a name",
                    name,
                    type="newsroom",
                    subtype="slug",
                    location=byline,
                )
            elif name and is_cut(name):
                logger.warning(
                    "%r is too long for a file name: its page's URL is cut to %s/",
                    name[:60] + "…",
                    slugify(name),
                    type="newsroom",
                    subtype="slug",
                    location=byline,
                )
        get_domain(env).add_article(
            ArticleInfo(
                docname=docname,
                title=title,
                headline=headline,
                authors=tuple(byline["authors"]),
                published=byline["published"],
                updated=byline["updated"],
                dateline=byline["dateline"],
                section=section,
                tags=tags,
                summary=summary,
                image=str(metadata.get("image", "")).strip(),
                label=label_node["label"] if label_node is not None else "",
                status=status,
                lineno=byline.line or 0,
                words=count_words(_body_text(section_node)),
                reviewed=clean_text(str(metadata.get("reviewed", ""))),
                rating=_rating(metadata, byline),
                featured=_flag(metadata, "featured", byline),
                series=series if has_slug(series) else "",
                aliases=_aliases(str(metadata.get("aliases", "")), docname, byline),
                coverage=_coverage(metadata, byline),
                updates=_updates(doctree, byline["published"]),
                backstory=" ".join(
                    clean_text(node.astext()) for node in doctree.findall(nr_nodes.backstory)
                ),
                citations=tuple(
                    citation
                    for node in doctree.findall(nr_nodes.sources)
                    for citation in _citations(node)
                ),
                corrections=tuple(
                    (node["date"], node.astext())
                    for node in doctree.findall(nr_nodes.correction)
                    if node.get("date") is not None
                ),
            )
        )


#: The fields an article may carry (contract section 1), and Sphinx's own.
ARTICLE_FIELDS = frozenset(
    {
        "section",
        "tags",
        "summary",
        "image",
        "image_alt",
        "image_caption",
        "image_credit",
        # A review: the work reviewed, and the rating it gets ("4/5").
        "reviewed",
        "rating",
        # Newsroom formats (contract section 9).
        "featured",
        "series",
        "aliases",
        "coverage",
    }
)

_RATING_RE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:/\s*(\d+(?:[.,]\d+)?))?\s*$")


def parse_rating(text: str) -> tuple[float, float] | None:
    """Return ``(value, best)`` of a rating such as ``4/5`` or ``3.5 / 5`` (best 5 if left
    out), or ``None`` when it is not one."""
    match = _RATING_RE.match(text)
    if match is None:
        return None
    value = float(match.group(1).replace(",", "."))
    best = float((match.group(2) or "5").replace(",", "."))
    return (value, best) if 0 <= value <= best and best > 0 else None


SPHINX_FIELDS = frozenset({"orphan", "nosearch", "no-search", "tocdepth", "nocomments"})


#: Scripts written without spaces between words: each character counts as a word.
_CHARACTER_WORDS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

#: Parts of an article that are not its text: headline, byline, badge, corrections …
_NOT_TEXT = (
    nodes.title,
    nr_nodes.byline,
    nr_nodes.label_badge,
    nr_nodes.correction,
    nr_nodes.backstory,
    nr_nodes.sources,
    nodes.comment,
    nodes.raw,
    nodes.system_message,
)


def _rating(metadata: dict[str, Any], byline: nodes.Element) -> tuple[float, float] | None:
    text = clean_text(str(metadata.get("rating", "")))
    if not text:
        return None
    rating = parse_rating(text)
    if rating is None:
        logger.warning(
            "the field :rating: %r is not a rating such as 4/5; it is left out",
            text,
            type="newsroom",
            subtype="field",
            location=byline,
        )
    return rating


_YES = frozenset({"yes", "true", "on", "1"})
_NO = frozenset({"no", "false", "off", "0", ""})


def _flag(metadata: dict[str, Any], name: str, byline: nodes.Element) -> bool:
    """Return a yes/no field (``:featured: yes``); anything else is a warning and "no"."""
    value = metadata.get(name, "")
    text = clean_text(str(value)).lower() if not isinstance(value, bool) else str(value).lower()
    if text in _YES:
        return True
    if text not in _NO:
        logger.warning(
            "the field :%s: %r is neither yes nor no; it is taken as no",
            name,
            text,
            type="newsroom",
            subtype="field",
            location=byline,
        )
    return False


def _updates(
    doctree: nodes.document, published: datetime | None
) -> tuple[tuple[datetime, str, str, str], ...]:
    """Return an article's live updates, newest first: time, title, text and anchor.

    An update dated before the article itself is a warning (and is kept: the time is the
    author's to fix, and the update is still news).
    """
    found = []
    for node in doctree.findall(nr_nodes.live_update):
        when = node.get("date")
        if when is None:
            continue  # warned about by the directive
        if published is not None and when < published:
            logger.warning(
                "the live update's time %s is before the article's own (%s)",
                when.isoformat(),
                published.isoformat(),
                type="newsroom",
                subtype="date",
                location=node,
            )
        found.append((when, node["title"], clean_text(node.astext()), node["ids"][0]))
    return tuple(sorted(found, key=lambda update: update[0], reverse=True))


def _coverage(metadata: dict[str, Any], byline: nodes.Element) -> str:
    """Return an article's ``:coverage:``: ``live``, ``ended`` or empty (a plain story)."""
    text = clean_text(str(metadata.get("coverage", ""))).lower()
    if text and text not in ("live", "ended"):
        logger.warning(
            "the field :coverage: %r is neither live nor ended; the article is a plain story",
            text,
            type="newsroom",
            subtype="field",
            location=byline,
        )
        return ""
    return text


def _aliases(value: str, docname: str, byline: nodes.Element) -> tuple[str, ...]:
    """Return the former document names of an article (``:aliases: old/name, other``).

    Written from the source root, with or without a leading ``/`` or a file suffix; a name
    that cannot be a document name of the site (``..``, a URL) is a warning.
    """
    found: list[str] = []
    for raw in _split_list(value):
        name = raw.strip().strip("/")
        name = re.sub(r"\.(rst|md|txt|html)$", "", name)
        parts = name.split("/")
        if not name or "://" in raw or any(part in ("", ".", "..") for part in parts):
            logger.warning(
                "the alias %r is not a document name such as world/old-name; it is left out",
                raw,
                type="newsroom",
                subtype="field",
                location=byline,
            )
        elif name != docname and name not in found:
            found.append(name)
    return tuple(found)


def _citations(node: nodes.Element) -> list[str]:
    """Return the sources of a ``sources`` block: each item's link, else its text."""
    items: list[nodes.Element] = [*node.findall(nodes.list_item)]
    items = items or [*node.findall(nodes.paragraph)]
    found = []
    for item in items:
        links = [ref.get("refuri", "") for ref in item.findall(nodes.reference)]
        link = next((uri for uri in links if "://" in uri), "")
        found.append(link or clean_text(item.astext()))
    return [text for text in found if text]


def count_words(text: str) -> int:
    """Return how many words *text* has, counting a Chinese or Japanese character as one."""
    if text.isascii():  # most articles: no need to look for characters twice
        return len(text.split())
    characters = len(_CHARACTER_WORDS.findall(text))
    return characters + len(_CHARACTER_WORDS.sub(" ", text).split())


def _body_text(section: nodes.Node) -> str:
    """Return the text an article's reader reads: not its headline, byline or notes."""
    parts = []
    for text in section.findall(nodes.Text):
        parent = text.parent
        while parent is not None and not isinstance(parent, _NOT_TEXT):
            parent = parent.parent
        if parent is None:
            parts.append(text.astext())
    return " ".join(parts)


def check_fields(app: Sphinx, doctree: nodes.document) -> None:
    """On ``doctree-read``, before Sphinx stores them: check an article's fields.

    A value docutils could not parse (it holds docutils' own message, with the machine's
    path) is left out with a warning instead of becoming a section, tag or summary; an
    unknown field name is a warning that names the nearest known one.
    """
    if nr_nodes.first(doctree, nr_nodes.byline) is None:
        return
    docinfo = nr_nodes.first(doctree, nodes.docinfo)
    if docinfo is None:
        return
    for entry in list(docinfo.findall(nodes.field)):
        name = entry[0].astext().strip()
        problems = list(entry[1].findall(nodes.system_message))
        if problems:
            first = problems[0].children[0] if problems[0].children else None
            logger.warning(
                "the field :%s: could not be read (%s); it is left out",
                name,
                " ".join(first.astext().split()) if first else "docutils could not parse it",
                type="newsroom",
                subtype="field",
                location=entry,
            )
            _drop_field(app, entry, name)
        elif _not_text(app, name, entry[1].astext()):
            logger.warning(
                "the front matter field %s is not text (%s); it is left out",
                name,
                entry[1].astext(),
                type="newsroom",
                subtype="field",
                location=(app.env.docname, entry.line or 1),
            )
            _drop_field(app, entry, name)
        elif not _known_field(name):
            known = name.replace("-", "_")
            # docutils reads :status: itself (a bibliographic field), so it is no field here.
            fields = sorted(ARTICLE_FIELDS | {"status"})
            nearest = difflib.get_close_matches(known, fields, n=1, cutoff=0.6)
            logger.warning(
                "unknown field :%s: on an article (fields: %s)%s",
                name,
                ", ".join(fields),
                f"; did you mean :{nearest[0]}:?" if nearest else "",
                type="newsroom",
                subtype="field",
                location=entry,
            )


def _drop_field(app: Sphinx, entry: nodes.Element, name: str) -> None:
    """Remove a field from the docinfo and from what MyST may already have stored."""
    entry.parent.remove(entry)
    app.env.metadata.get(app.env.docname, {}).pop(name, None)


def _not_text(app: Sphinx, name: str, value: str) -> bool:
    """Return whether a MyST front matter value was no string (MyST writes it as JSON)."""
    if not str(app.env.doc2path(app.env.docname)).endswith(".md"):
        return False
    value = value.strip()
    if name in ("tags", "aliases") and value.startswith("["):
        return False  # a YAML list of tags or former names
    return value in ("null", "true", "false") or value.startswith(("{", "["))


def _known_field(name: str) -> bool:
    """Return whether a field is ours, Sphinx's or another extension's (``og:…``)."""
    return (
        name.replace("-", "_") in ARTICLE_FIELDS
        or name in SPHINX_FIELDS
        or ":" in name
        or name.startswith("ogp")
    )


def remove_control_characters(app: Sphinx, docname: str, source: list[str]) -> None:
    """On ``source-read``: remove control characters, which no page, feed or tag may carry."""
    source[0] = strip_controls(source[0])


def _warn_article_parts(doctree: nodes.document) -> None:
    """Warn about parts of an article on a page that is none (it has no byline)."""
    parts: dict[type[nodes.Element], tuple[str, str]] = {  # what it is, warning subtype
        nr_nodes.label_badge: ("label", "label"),
        nr_nodes.correction: ("correction", "correction"),
        nr_nodes.related_list: ("related", "related"),
        nr_nodes.live_update: ("live update", "live"),
    }
    for node_class, (name, subtype) in parts.items():
        for node in doctree.findall(node_class):
            logger.warning(
                "a %s belongs to an article, and this page has no byline: "
                "add a byline (.. byline:: Name with :date:) or remove the %s",
                name,
                name,
                type="newsroom",
                subtype=subtype,
                location=node,
            )


def warn_slug_collisions(app: Sphinx, env: BuildEnvironment) -> None:
    """On ``env-updated``: warn when different names share one page ("C++" and "C#").

    Spellings that differ in case or accents only ("Oil", "oil") are one name; others that
    make the same slug would silently share a tag, section or author page.
    """
    newsroom = get_newsroom(env)
    for kind in ("sections", "tags", "authors"):
        seen: dict[str, dict[str, ArticleInfo]] = {}
        for article in sorted(newsroom.articles.values(), key=lambda a: a.docname):
            for slug, name in _values(kind, article):
                seen.setdefault(slug, {}).setdefault(name.casefold(), article)
        for slug, spellings in sorted(seen.items()):
            if len(spellings) < 2:
                continue
            folded = sorted(spellings)
            article = spellings[folded[1]]
            names = [_spelling(kind, spellings[key], slug) for key in folded]
            logger.warning(
                "the %s %s share one page, %s/%s/; rename one of them",
                kind,
                " and ".join(repr(name) for name in names),
                kind,
                slug,
                type="newsroom",
                subtype="slug",
                location=(article.docname, article.lineno),
            )


def _spelling(kind: str, article: ArticleInfo, slug: str) -> str:
    """Return how *article* spells the section, tag or author that has *slug*."""
    return next(name for key, name in _values(kind, article) if key == slug)


def warn_shared_urls(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn when an article and another document would be written to the same URL.

    With ``dirhtml``, ``world/talks.rst`` and ``world/talks/index.rst`` both become
    ``world/talks/``; one page would silently replace the other.
    """
    builder = app.builder
    if builder.format != "html":
        return
    articles = get_domain(env).articles
    for docname in sorted(articles):
        for other in (f"{docname}/index", docname.removesuffix("/index")):
            if other == docname or other not in env.found_docs:
                continue
            if builder.get_target_uri(other) != builder.get_target_uri(docname):
                continue
            if other in articles and other < docname:
                continue  # warned once, from the first of the two
            logger.warning(
                "this article and %r claim the same URL %r; rename one of them",
                other,
                builder.get_target_uri(docname),
                type="newsroom",
                subtype="url",
                location=(docname, articles[docname].lineno),
            )


def setup_articles(app: Sphinx) -> None:
    """Register the domain that stores articles and the collector that fills it."""
    app.add_domain(NewsroomDomain)
    app.add_env_collector(ArticleCollector)
