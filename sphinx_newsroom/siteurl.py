"""Absolute URLs of the published site, for feeds, sitemaps, Open Graph and structured data."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def site_url(config: Config) -> str:
    """Return ``newsroom_site_url`` (else ``html_baseurl``) ending in ``/``, or ``""``."""
    value = str(config.newsroom_site_url or config.html_baseurl or "").strip()
    return value.rstrip("/") + "/" if value else ""


def is_web_builder(builder: Builder) -> bool:
    """Return whether *builder* writes a website of pages (``html``, ``dirhtml``)."""
    return (
        isinstance(builder, StandaloneHTMLBuilder)
        and not isinstance(builder, SingleFileHTMLBuilder)
        and not builder.embedded
    )


def page_url(builder: Builder, page: str) -> str:
    """Return the absolute URL of a page (document or generated page), or ``""``."""
    base = site_url(builder.config)
    return base + builder.get_target_uri(page) if base else ""


def file_url(config: Config, path: str) -> str:
    """Return the absolute URL of a file under the output root, or ``""``."""
    base = site_url(config)
    return base + path.lstrip("/") if base else ""


def resource_url(config: Config, docname: str, ref: str) -> str:
    """Return the absolute URL of an image or file given in a document.

    An absolute URL stays as it is; ``/path`` is under the output root; any other path is
    relative to the document's folder.  Without a site URL, only absolute URLs survive.
    """
    ref = ref.strip()
    if not ref or "://" in ref:
        return ref
    if ref.startswith("//"):
        return "https:" + ref
    if ref.startswith("/"):
        return file_url(config, ref)
    return file_url(config, posixpath.normpath(posixpath.join(posixpath.dirname(docname), ref)))


def write_if_changed(path: Path, data: bytes) -> None:
    """Write *data* to *path* unless the file already holds exactly that."""
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def warn_missing_site_url(app: Sphinx) -> None:
    """On ``builder-inited``: say once what is left out when the site URL is not set."""
    if is_web_builder(app.builder) and not site_url(app.config):
        logger.warning(
            "newsroom_site_url (or html_baseurl) is not set, so feeds, sitemaps, canonical "
            "links, og:url/og:image and the URLs in structured data are left out; set "
            "newsroom_site_url = 'https://news.example.org/' in conf.py",
            type="newsroom",
            subtype="config",
        )
