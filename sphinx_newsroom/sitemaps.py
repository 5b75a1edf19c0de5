"""``sitemap.xml`` (every page), ``news-sitemap.xml`` (Google News: the last two days) and
``robots.txt`` naming them.

They are written on ``build-finished`` by the HTML builders when the site URL is known: the
news sitemap only when it has an article (an empty one is not valid), ``robots.txt`` only
when the site is at the root of its host and has no ``robots.txt`` of its own.
The page list is derived from the environment (every document, minus articles that are
not listed) and the names of the generated pages, not from the pages seen while writing:
with parallel writing those are seen in other processes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sphinx_newsroom.articles import ArticleInfo, get_newsroom
from sphinx_newsroom.config import settings
from sphinx_newsroom.dates import iso
from sphinx_newsroom.feeds import serialize, xml_child
from sphinx_newsroom.formatting import local_moment
from sphinx_newsroom.incremental import write_output
from sphinx_newsroom.listings import get_listings
from sphinx_newsroom.render import render
from sphinx_newsroom.seo import publisher
from sphinx_newsroom.siteurl import file_url, is_web_builder, page_url, site_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"

#: Google News reads articles of the last two days, at most 1,000 per sitemap.
NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000


def generated_pages(app: Sphinx) -> list[str]:
    """Return the names of the generated pages (archives, authors, sections, tags, labels)."""
    # list_pages.py records them per output folder on ``env-updated``, before any writing.
    return list(get_listings(app.env).generated.get(str(app.builder.outdir), ()))


def sitemap_pages(app: Sphinx) -> list[str]:
    """Return every page of the site in the sitemap, sorted: documents and generated pages."""
    newsroom = get_newsroom(app.env)
    hidden = {name for name, article in newsroom.articles.items() if not newsroom.is_listed(name)}
    pages = (set(app.env.found_docs) - hidden) | set(generated_pages(app))
    return sorted(pages, key=lambda page: (page != app.config.root_doc, page))


def sitemap(app: Sphinx) -> bytes:
    """Return ``sitemap.xml``: each page's URL and, for articles, its last modification."""
    articles = get_newsroom(app.env).articles
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for page in sitemap_pages(app):
        url = xml_child(root, "url")
        xml_child(url, "loc", page_url(app.builder, page))
        article = articles.get(page)
        if article is not None and article.modified is not None:
            xml_child(url, "lastmod", iso(local_moment(article.modified, app.config)))
    return serialize(root)


def news_articles(app: Sphinx) -> list[ArticleInfo]:
    """Return the listed articles of the last two days before the build, newest first."""
    newsroom = get_newsroom(app.env)
    since = newsroom.now - NEWS_WINDOW
    recent = [a for a in newsroom.chain if a.published is not None and a.published >= since]
    return newsroom.newest_first(recent)[:NEWS_LIMIT]


def news_sitemap(app: Sphinx, articles: list[ArticleInfo]) -> bytes:
    """Return ``news-sitemap.xml`` of *articles* (:func:`news_articles`), in the Google
    News sitemap format."""
    config = app.config
    language = settings(config).language_tag.lower()
    name = publisher(config)["name"]
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS, "xmlns:news": NEWS_NS})
    for article in articles:
        assert article.published is not None  # listed articles always have a date
        url = xml_child(root, "url")
        xml_child(url, "loc", page_url(app.builder, article.docname))
        news = xml_child(url, "news:news")
        source = xml_child(news, "news:publication")
        xml_child(source, "news:name", name)
        xml_child(source, "news:language", language)
        xml_child(news, "news:publication_date", iso(local_moment(article.published, config)))
        xml_child(news, "news:title", article.headline)
    return serialize(root)


def write_sitemaps(app: Sphinx, exception: BaseException | None) -> None:
    """On ``build-finished``: write both sitemaps (unchanged files are left alone)."""
    if exception is not None or not is_web_builder(app.builder) or not site_url(app.config):
        return
    write_output(app, "sitemap.xml", partial(sitemap, app), renders_documents=False)
    written = ["sitemap.xml"]
    # An empty <urlset> fails the sitemaps.org schema: with no article of the last two
    # days there is no news sitemap (the output record deletes the last one).  Made in
    # every build, unlike the files made only when something was read: the two days move
    # on with the clock alone, in a scheduled build that reads nothing (a few articles).
    recent = news_articles(app)
    if recent:
        write_output(app, "news-sitemap.xml", news_sitemap(app, recent))
        written.append("news-sitemap.xml")
    if _writes_robots(app):
        urls = [file_url(app.config, name) for name in written]
        write_output(app, "robots.txt", render(app.builder, "newsroom/robots.txt", sitemaps=urls))


def _writes_robots(app: Sphinx) -> bool:
    """Return whether to write ``robots.txt``: the site is at the root of its host, and the
    site has no ``robots.txt`` of its own (in ``html_extra_path``)."""
    if urlsplit(site_url(app.config)).path not in ("", "/"):
        return False  # crawlers only read /robots.txt
    confdir = Path(app.confdir)
    return not any(
        (confdir / folder / "robots.txt").is_file() for folder in app.config.html_extra_path
    )
