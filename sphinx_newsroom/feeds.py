"""Atom and RSS 2.0 feeds of the site, of each section and, optionally, of authors and tags.

Feeds are written on ``build-finished`` by the HTML builders, with the standard library's
ElementTree (which escapes every value by construction), and only when the site URL is
known: feeds carry absolute URLs only.  A feed's ``updated`` is its newest modification,
never the build time, so two builds of the same sources give the same bytes.

Full text (``newsroom_feed_fulltext``): when an article page is written, its rendered body
(the ``e-content`` part, links made absolute) is kept in a file under the doctree folder.
Writing may happen in worker processes, so a file, not memory, carries it to
``build-finished``.  An article page that was not rewritten keeps its earlier file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.utils import format_datetime
from functools import partial
from html import escape, unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from docutils import nodes
from sphinx.util.osutil import relative_uri

from sphinx_newsroom.articles import ArticleInfo, Newsroom, get_newsroom
from sphinx_newsroom.config import settings
from sphinx_newsroom.dates import iso, local_day
from sphinx_newsroom.formatting import local_moment
from sphinx_newsroom.incremental import write_if_changed, write_output
from sphinx_newsroom.locale import _
from sphinx_newsroom.render import json_text
from sphinx_newsroom.seo import article_image, publisher
from sphinx_newsroom.siteurl import entry_id, file_url, is_web_builder, page_url, site_url
from sphinx_newsroom.urls import taxonomy_page

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
BODY_CACHE = "newsroom-feed-bodies"

#: The site's JSON Feed (https://jsonfeed.org/version/1.1): the Atom feed's entries.
JSON_FEED = "feeds/feed.json"
JSON_FEED_TYPE = "application/feed+json"

_URL_ATTR_RE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_OUTER_DIV_RE = re.compile(r"^\s*<div\b[^>]*>(.*)</div>\s*$", re.DOTALL)
_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Feed:
    """One feed: where it lives, its title, the page it mirrors and its entries."""

    folder: str
    title: str
    page: str
    articles: tuple[ArticleInfo, ...]

    @property
    def atom(self) -> str:
        return f"{self.folder}/atom.xml"

    @property
    def rss(self) -> str:
        return f"{self.folder}/rss.xml"


def site_feeds(env: BuildEnvironment) -> list[Feed]:
    """Return every feed of the site: the whole site, sections, optionally authors and tags."""
    return get_newsroom(env).memo(_site_feeds, env.config)


def _site_feeds(newsroom: Newsroom, config: Config) -> list[Feed]:
    site = newsroom.settings
    length = site.feed_length
    name = publisher(config)["name"]
    feeds = [Feed("feeds", name, config.root_doc, tuple(newsroom.newest_first()[:length]))]
    kinds = ["sections"]
    if site.feeds_per_author:
        kinds.append("authors")
    if site.feeds_per_tag:
        kinds.append("tags")
    for kind in kinds:
        for slug, group in sorted(newsroom.groups(kind).items()):
            title = _("%(topic)s – %(site)s") % {"topic": group.name, "site": name}
            page = taxonomy_page(kind, slug)
            feeds.append(Feed(f"{kind}/{slug}", str(title), page, group.articles[:length]))
    return feeds


def linked_feeds(env: BuildEnvironment, pagename: str) -> list[Feed]:
    """Return the feeds a page links to: the site's, and its section's (or topic's)."""
    feeds = site_feeds(env)
    by_folder = {feed.folder: feed for feed in feeds}
    chosen = [feeds[0]]
    article = get_newsroom(env).articles.get(pagename)
    if article is not None:
        folder = f"sections/{article.section_slug}" if article.section else ""
    else:
        folder = "/".join(pagename.split("/")[:2])
    if folder in by_folder and folder != "feeds":
        chosen.append(by_folder[folder])
    return chosen


def feed_links(builder: Builder, pagename: str) -> list[dict[str, str]]:
    """Return the feeds a page links to in its head (``<link rel="alternate">``)."""
    if not is_web_builder(builder) or not site_url(builder.config):
        return []
    here = builder.get_target_uri(pagename)
    links = [
        {"type": media_type, "title": feed.title, "href": relative_uri(here, path)}
        for feed in linked_feeds(builder.env, pagename)
        for path, media_type in (
            (feed.atom, "application/atom+xml"),
            (feed.rss, "application/rss+xml"),
        )
    ]
    site = site_feeds(builder.env)[0]
    links.append(
        {"type": JSON_FEED_TYPE, "title": site.title, "href": relative_uri(here, JSON_FEED)}
    )
    return links


# -- full text -------------------------------------------------------------------------


def _body_cache(app: Sphinx, docname: str) -> Path:
    return Path(app.doctreedir) / BODY_CACHE / f"{docname}.html"


def absolutize(fragment: str, base: str) -> str:
    """Make every ``href`` and ``src`` in an HTML fragment absolute, against *base*."""

    def replace(match: re.Match[str]) -> str:
        url = urljoin(base, unescape(match.group(2)))
        return match.group(1) + escape(url) + match.group(3)

    return _URL_ATTR_RE.sub(replace, fragment)


def _feed_copy(body: nodes.Element) -> nodes.Element:
    """Return a copy of an article's body to render for feeds, without page furniture.

    Its sections go into one untitled section, so that their headings keep the page's
    levels (``h2`` …) rather than starting again at ``h1``.
    """
    copy = body.deepcopy()
    wrapper = nodes.section()
    wrapper.extend(copy.children)
    copy.children = []
    copy += wrapper
    return copy


def keep_body(app: Sphinx, pagename: str, doctree: nodes.document | None) -> None:
    """Keep an article page's rendered body for full-text feeds."""
    if doctree is None or pagename not in get_newsroom(app.env).articles:
        return
    body = next(
        (node for node in doctree.findall(nodes.container) if "e-content" in node["classes"]),
        None,
    )
    if body is None:
        return
    builder: Any = app.builder
    # No "¶" permalinks: they point into the page, not anywhere in a feed reader.
    permalinks, builder.add_permalinks = builder.add_permalinks, False
    try:
        fragment = builder.render_partial(_feed_copy(body))["fragment"]
    finally:
        builder.add_permalinks = permalinks
    inner = _OUTER_DIV_RE.match(fragment)
    html = absolutize(inner.group(1) if inner else fragment, page_url(app.builder, pagename))
    # Build state under the doctree folder, not an output: not recorded.
    write_if_changed(_body_cache(app, pagename), html.strip().encode())


def _full_text(app: Sphinx, article: ArticleInfo) -> str:
    path = _body_cache(app, article.docname)
    return path.read_text(encoding="utf-8") if path.is_file() else ""


# -- XML -------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return _XML_INVALID_RE.sub("", text)


def xml_child(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attributes.items()})
    if text:
        element.text = _clean(text)
    return element


def serialize(root: ET.Element) -> bytes:
    """Return an XML document, indented, UTF-8, with its declaration."""
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{text}\n'.encode()


def _updated(app: Sphinx, feed: Feed) -> Any:
    moments = [a.modified for a in feed.articles if a.modified is not None]
    return max(moments) if moments else get_newsroom(app.env).now


def _entry_id(app: Sphinx, article: ArticleInfo) -> str:
    """Return the entry's ``tag:`` URI: the same in every feed, builder and scheme."""
    assert article.published is not None
    day = local_day(article.published, settings(app.config).timezone)
    return entry_id(app.config, article.docname, day)


def _atom_entry(app: Sphinx, root: ET.Element, article: ArticleInfo) -> None:
    builder, config = app.builder, app.config
    url = page_url(builder, article.docname)
    # Listed articles always have a date.
    assert article.published is not None and article.modified is not None
    entry = xml_child(root, "entry")
    xml_child(entry, "id", _entry_id(app, article))
    xml_child(entry, "title", article.headline)
    xml_child(entry, "updated", iso(local_moment(article.modified, config)))
    xml_child(entry, "published", iso(local_moment(article.published, config)))
    for author in article.authors:
        person = xml_child(entry, "author")
        xml_child(person, "name", author.name)
        xml_child(person, "uri", page_url(builder, author.page))
    xml_child(entry, "link", rel="alternate", type="text/html", href=url)
    for term in (article.section, *article.tags):
        if term:
            xml_child(entry, "category", term=term)
    if article.summary:
        xml_child(entry, "summary", article.summary)
    body = _full_text(app, article) if settings(config).feed_fulltext else ""
    if body:
        xml_child(entry, "content", body, type="html")


def atom_feed(app: Sphinx, feed: Feed) -> bytes:
    """Return the Atom (RFC 4287) document of *feed*."""
    builder, config = app.builder, app.config
    url = file_url(config, feed.atom)
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": settings(config).language_tag})
    xml_child(root, "id", url)
    xml_child(root, "title", feed.title)
    xml_child(root, "updated", iso(local_moment(_updated(app, feed), config)))
    xml_child(root, "link", rel="self", type="application/atom+xml", href=url)
    xml_child(root, "link", rel="alternate", type="text/html", href=page_url(builder, feed.page))
    logo = publisher(config)["logo"]
    if logo:
        xml_child(root, "logo", logo)
    # Entries whose byline names nobody still have an author, as RFC 4287 asks.
    xml_child(xml_child(root, "author"), "name", publisher(config)["name"])
    for article in feed.articles:
        _atom_entry(app, root, article)
    return serialize(root)


def _rss_item(app: Sphinx, channel: ET.Element, article: ArticleInfo) -> None:
    config = app.config
    url = page_url(app.builder, article.docname)
    item = xml_child(channel, "item")
    xml_child(item, "title", article.headline)
    xml_child(item, "link", url)
    xml_child(item, "guid", _entry_id(app, article), isPermaLink="false")
    assert article.published is not None
    xml_child(item, "pubDate", format_datetime(article.published))
    for author in article.authors:
        xml_child(item, "dc:creator", author.name)
    for term in (article.section, *article.tags):
        if term:
            xml_child(item, "category", term)
    if article.summary:
        # RSS readers take a description as HTML: a summary's "<" and "&" are text.
        xml_child(item, "description", str(escape(article.summary)))
    body = _full_text(app, article) if settings(config).feed_fulltext else ""
    if body:
        xml_child(item, "content:encoded", body)


def rss_feed(app: Sphinx, feed: Feed) -> bytes:
    """Return the RSS 2.0 document of *feed*."""
    config = app.config
    root = ET.Element(
        "rss",
        {"version": "2.0", "xmlns:atom": ATOM_NS, "xmlns:dc": DC_NS, "xmlns:content": CONTENT_NS},
    )
    channel = xml_child(root, "channel")
    xml_child(channel, "title", feed.title)
    xml_child(channel, "link", page_url(app.builder, feed.page))
    description = _("The latest articles of %(feed)s") % {"feed": feed.title}
    xml_child(channel, "description", str(description))
    xml_child(channel, "language", settings(config).language_tag)
    xml_child(channel, "lastBuildDate", format_datetime(_updated(app, feed)))
    xml_child(
        channel,
        "atom:link",
        rel="self",
        type="application/rss+xml",
        href=file_url(config, feed.rss),
    )
    logo = publisher(config)["logo"]
    if logo:
        image = xml_child(channel, "image")
        xml_child(image, "url", logo)
        xml_child(image, "title", feed.title)
        xml_child(image, "link", page_url(app.builder, feed.page))
    for article in feed.articles:
        _rss_item(app, channel, article)
    return serialize(root)


def json_feed(app: Sphinx, feed: Feed) -> bytes:
    """Return the JSON Feed 1.1 document of *feed* (the same entries as its Atom feed)."""
    builder, config = app.builder, app.config
    fulltext = settings(config).feed_fulltext
    items = []
    for article in feed.articles:
        assert article.published is not None and article.modified is not None
        item: dict[str, Any] = {
            "id": _entry_id(app, article),
            "url": page_url(builder, article.docname),
            "title": article.headline,
        }
        body = _full_text(app, article) if fulltext else ""
        if body:
            item["content_html"] = body
        # One of the two is required: the summary stands in for the text.
        item["content_text" if not body else "summary"] = article.summary or article.headline
        image = article_image(config, article)
        if image:
            item["image"] = image
        item["date_published"] = iso(local_moment(article.published, config))
        item["date_modified"] = iso(local_moment(article.modified, config))
        item["authors"] = [
            {"name": author.name, "url": page_url(builder, author.page)}
            for author in article.authors
        ]
        tags = [term for term in (article.section, *article.tags) if term]
        if tags:
            item["tags"] = tags
        items.append(item)
    document: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": page_url(builder, feed.page),
        "feed_url": file_url(config, JSON_FEED),
        "language": settings(config).language_tag,
        "authors": [{"name": publisher(config)["name"]}],
    }
    logo = publisher(config)["logo"]
    if logo:
        document["icon"] = logo
    document["items"] = items
    # "<", ">" and "&" never raw, should a reader paste the text into a page.
    return (json_text(document, indent=2) + "\n").encode()


def write_feeds(app: Sphinx, exception: BaseException | None) -> None:
    """On ``build-finished``: write every feed (unchanged files are left alone)."""
    if exception is not None or not is_web_builder(app.builder) or not site_url(app.config):
        return
    # Feeds no longer produced (a section gone, per-tag feeds turned off, no site URL any
    # more) are deleted by the output record, like every file we write.
    feeds = site_feeds(app.env)
    # Feeds of summaries show nothing of a document's rendering: a text edit leaves them.
    full_text = settings(app.config).feed_fulltext
    for feed in feeds:
        write_output(app, feed.atom, partial(atom_feed, app, feed), renders_documents=full_text)
        write_output(app, feed.rss, partial(rss_feed, app, feed), renders_documents=full_text)
    write_output(app, JSON_FEED, partial(json_feed, app, feeds[0]), renders_documents=full_text)


def keep_full_text(
    app: Sphinx, pagename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """On ``html-page-context``: keep an article's body when feeds carry full text."""
    if is_web_builder(app.builder) and site_url(app.config) and settings(app.config).feed_fulltext:
        keep_body(app, pagename, doctree)
