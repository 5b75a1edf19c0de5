"""Redirect pages: an article's former names (``:aliases:``) send readers to its new URL.

Each alias gets a small page at the URL the old document had, under ``html`` and
``dirhtml`` alike: a ``refresh`` to the article, a link for readers and crawlers that do
not follow it, ``rel=canonical`` and ``noindex``.  They are written through the output
record, so a redirect page goes when its alias does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from sphinx_newsroom.articles import get_newsroom
from sphinx_newsroom.config import settings
from sphinx_newsroom.incremental import write_output
from sphinx_newsroom.listings import existing_document
from sphinx_newsroom.render import render
from sphinx_newsroom.sitemaps import generated_pages
from sphinx_newsroom.siteurl import page_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: The builders whose pages have URLs that an old link can name.
REDIRECT_BUILDERS = ("html", "dirhtml")


def redirects(app: Sphinx) -> dict[str, str]:
    """Return every alias that gets a redirect page, and the article it sends readers to.

    An alias that is the name of a document or a generated page, or that an article
    claimed first (in document order), is a warning and gets no page.
    """
    env = app.env
    newsroom = get_newsroom(env)
    taken = set(env.found_docs) | set(generated_pages(app))
    found: dict[str, str] = {}
    for docname in sorted(newsroom.articles):
        article = newsroom.articles[docname]
        if not article.aliases or not newsroom.is_listed(docname):
            continue  # a draft has no address to send anyone to yet
        for alias in article.aliases:
            page = existing_document(alias, taken) or existing_document(alias + "/index", taken)
            if page is not None or alias in found:
                logger.warning(
                    "the alias %r is already %s; it gets no redirect page",
                    alias,
                    f"the page {page!r}" if page else f"an alias of {found[alias]!r}",
                    type="newsroom",
                    subtype="field",
                    location=(docname, article.lineno or None),
                )
                continue
            found[alias] = docname
    return found


def write_redirects(app: Sphinx, exception: BaseException | None) -> None:
    """On ``build-finished``: write a redirect page at each alias (unchanged ones are kept)."""
    builder = app.builder
    if exception is not None or builder.name not in REDIRECT_BUILDERS:
        return
    assert isinstance(builder, StandaloneHTMLBuilder)  # dirhtml is one too
    newsroom = get_newsroom(app.env)
    language = settings(app.config).language_tag
    outdir = Path(builder.outdir)
    for alias, docname in redirects(app).items():
        link = relative_uri(builder.get_target_uri(alias), builder.get_target_uri(docname))
        html = render(
            builder,
            "newsroom/redirect.html",
            redirect={
                "title": newsroom.articles[docname].headline,
                "link": link or "./",
                "canonical": page_url(builder, docname) or link,
                "language": language,
            },
        )
        path = Path(builder.get_outfilename(alias)).relative_to(outdir)
        write_output(app, path.as_posix(), html + "\n")
