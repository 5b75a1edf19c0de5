"""Absolute URLs of the published site, for feeds, sitemaps, Open Graph and structured data."""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote, unquote, urlsplit
from weakref import WeakKeyDictionary

from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from sphinx_newsroom.config import POLICIES, settings

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
#: Characters left as they are in the path of an absolute URL (RFC 3986 sub-delims and ``/``).
_URL_SAFE = "/#!$&'()*+,;=:@~"


def site_url(config: Config) -> str:
    """Return ``newsroom_site_url`` (else ``html_baseurl``) ending in ``/``, or ``""``."""
    return settings(config).site_url


def is_web_builder(builder: Builder) -> bool:
    """Return whether *builder* writes a website of pages (``html``, ``dirhtml``)."""
    return (
        isinstance(builder, StandaloneHTMLBuilder)
        and not isinstance(builder, SingleFileHTMLBuilder)
        and not builder.embedded
    )


def page_url(builder: Builder, page: str) -> str:
    """Return the absolute URL of a page (document or generated page), or ``""``."""
    return file_url(builder.config, builder.get_target_uri(page))


def entry_id(config: Config, docname: str, published: date) -> str:
    """Return the id of an article's feed entries: a ``tag:`` URI (RFC 4151), or ``""``.

    Made of the site's host, the day the article was first published and its document
    name, so it stays the same whatever the builder (``html``, ``dirhtml``) or the site
    URL's scheme: feed readers never see a published article as new again.
    """
    host = urlsplit(site_url(config)).hostname
    if not host:
        return ""
    # RFC 4151's "specific" part: path characters, no "#" (that would start a fragment).
    specific = quote(docname, safe="/!$&'()*+,;=:@~")
    return f"tag:{host},{published.isoformat()}:{specific}"


def file_url(config: Config, path: str) -> str:
    """Return the absolute, percent-encoded URL of a file under the output root, or ``""``.

    Every absolute URL we write (canonical links, Open Graph, JSON-LD, feeds, sitemaps)
    comes from here, so ``html`` and ``dirhtml`` encode non-ASCII paths alike.
    """
    base = site_url(config)
    return base + _quoted(path.lstrip("/")) if base else ""


@lru_cache(maxsize=65536)
def _quoted(path: str) -> str:
    """Return a path percent-encoded once (a path already encoded stays as it is)."""
    return quote(unquote(path), safe=_URL_SAFE)


def is_url(ref: str) -> bool:
    return bool(_SCHEME_RE.match(ref)) or ref.startswith("//")


def resource_path(docname: str, ref: str) -> str:
    """Return where an image or file named in *docname* is: a path under the output root.

    ``/path`` is from the root of the source tree; any other path is relative to the
    document's folder.  An absolute URL (``https://…``, ``//host/…``, ``data:…``) is
    returned as it is.  Every image URL of the site (lead image, cards, author photos,
    ``og:image``, JSON-LD) goes through here, so they all name the same file.
    """
    ref = ref.strip()
    if not ref or is_url(ref):
        return ref
    if ref.startswith("/"):
        return posixpath.normpath(ref.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(docname), ref))


def resource_uri(builder: Builder, from_page: str, docname: str, ref: str) -> str:
    """Return the URI of an image or file named in *docname*, usable on page *from_page*."""
    path = resource_path(docname, ref)
    if not path or is_url(path):
        return path
    return relative_uri(builder.get_target_uri(from_page).rsplit("#", 1)[0], path)


def resource_url(config: Config, docname: str, ref: str) -> str:
    """Return the absolute URL of an image or file named in *docname* (``""`` without one).

    Without a site URL, only absolute URLs survive.
    """
    path = resource_path(docname, ref)
    if path.startswith("//"):
        return "https:" + path
    if not path or is_url(path):
        return path
    return file_url(config, path)


def page_link(builder: Builder, from_page: str, to_page: str) -> str:
    """Return a relative link from one page to another; never empty, even to itself."""
    uri = relative_link(builder, from_page, to_page)
    if uri:
        return uri
    target = builder.get_target_uri(to_page).rsplit("#", 1)[0]
    return posixpath.basename(target) or "./"


class _Links(NamedTuple):
    """A builder's page addresses, and the links of the folders written last."""

    #: Each page's address (its target URI).
    addresses: dict[str, str]
    #: By folder of the pages they are on, the links made so far, by the address they lead
    #: to (and the asset tags, see :func:`share_asset_tags`): the folders used last, oldest
    #: first (pages are written folder by folder).
    folders: dict[str, dict[Any, str]]
    #: By folder depth, the asset tags of the pages at that depth whose first folder is
    #: not the asset's (their links only climb to the root and go down from there).
    depths: dict[int, dict[Any, str]]


_BUILDER_LINKS: WeakKeyDictionary[Builder, _Links] = WeakKeyDictionary()

#: How many folders keep their links (a day archive's folder holds one page).
_FOLDERS_KEPT = 64


def _known_links(builder: Builder) -> _Links:
    known = _BUILDER_LINKS.get(builder)
    if known is None:
        known = _BUILDER_LINKS[builder] = _Links({}, {}, {})
    return known


def address(builder: Builder, page: str) -> str:
    """Return ``builder.get_target_uri(page)``, asked of the builder once per page."""
    return _address(_known_links(builder), builder, page)


def _address(known: _Links, builder: Builder, page: str) -> str:
    there = known.addresses.get(page)
    if there is None:
        there = known.addresses[page] = builder.get_target_uri(page)
    return there


def depth(builder: Builder, page: str) -> int:
    """Return how many folders down from the site's root *page*'s page lies.

    Links that climb that many folders up and then down to a page's address are the same
    on every page at one depth (calendars and list items are rendered once for them).
    """
    return _folders(address(builder, page))


def _folders(address: str) -> int:
    """Return how many folders down an address lies (``world/talks.html``: one)."""
    return address.count("/")


def climb(builder: Builder, from_page: str) -> str | None:
    """Return the way from *from_page*'s folder up to the site's root (``../`` a folder).

    A link made of it and a page's address (``../../world/talks.html``) leads where the
    builder's own relative link does, and is the same on every page at that depth.
    ``None`` for a builder that makes links its own way (one page for the whole site) or
    addresses with a fragment.
    """
    if type(builder).get_relative_uri is not Builder.get_relative_uri:
        return None
    here = address(builder, from_page)
    if "#" in here:
        return None
    return "../" * _folders(here)


#: Where the climb to the site's root goes in HTML rendered once for pages at every depth
#: (list items, calendar rows): each page puts its own :func:`climb` in its place.
CLIMB_MARK = "\x00newsroom-up\x00"


def climbed(html: str, up: str) -> str | None:
    """Return *html* rendered with :data:`CLIMB_MARK` with *up* in its place, or ``None``
    when a template changed a link before showing it (``|urlencode``, a slice): the climb
    is not where it would go, and the page must render its own."""
    page_html = str.replace(html, CLIMB_MARK, up)
    if "\x00" in page_html or CLIMB_MARK.strip("\x00") in page_html:
        return None
    return page_html


def relative_link(builder: Builder, from_page: str, to_page: str) -> str:
    """Return ``builder.get_relative_uri(from_page, to_page)``, made once for each folder.

    A relative link depends on the folder of the page it is on and the address it leads
    to (and is empty from a page to itself): every page of a folder shares the links to an
    article, an author, a section.
    """
    if type(builder).get_relative_uri is not Builder.get_relative_uri:
        # A builder of its own ways (one page for the whole site).
        return builder.get_relative_uri(from_page, to_page)
    known = _known_links(builder)
    here = _address(known, builder, from_page)
    there = _address(known, builder, to_page)
    if here == there:
        return ""
    links = _folder_links(known, here)
    link = links.get(there)
    if link is None:
        link = links[there] = relative_uri(here, there)
    return link


def _folder_links(known: _Links, here: str) -> dict[Any, str]:
    """Return the links kept for the folder of the page at address *here*."""
    folder = here.rpartition("/")[0]
    links = known.folders.get(folder)
    if links is None:
        if len(known.folders) >= _FOLDERS_KEPT:
            del known.folders[next(iter(known.folders))]
        links = known.folders[folder] = {}
    return links


def share_asset_tags(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On ``html-page-context``: have the page's stylesheet and script tags made once for
    each folder depth, not once for each page.

    Sphinx's ``css_tag`` and ``js_tag`` read each asset's file (or resolve its path) for
    its checksum on every page: with seven assets that was a sixth of what a generated
    page cost.  A tag depends only on the asset and on where the page is: its link climbs
    from the page's folder to the root and goes down to ``_static``, so all pages at one
    depth share it, but for pages in the asset's own first folder (their link starts
    lower), which share it with their folder.  The files do not change while pages are
    written.  Only Sphinx's own functions are shared: a theme or extension that puts its
    own in the context keeps them.
    """
    builder = app.builder
    if type(builder).get_relative_uri is not Builder.get_relative_uri:
        return  # a builder of its own ways (one page for the whole site)
    known = _known_links(builder)
    here = _address(known, builder, pagename)
    if "#" in here:
        return
    at_depth = known.depths.setdefault(_folders(here), {})
    for name in ("css_tag", "js_tag"):
        make = context.get(name)
        if callable(make) and getattr(make, "__qualname__", "") == _SPHINX_TAGS[name]:
            context[name] = _shared_tag(known, here, at_depth, name, make)


#: The qualified names of Sphinx's own tag functions (made for each page by ``handle_page``).
_SPHINX_TAGS = {
    name: f"StandaloneHTMLBuilder.handle_page.<locals>.{name}" for name in ("css_tag", "js_tag")
}


def _shared_tag(
    known: _Links, here: str, at_depth: dict[Any, str], name: str, make: Callable[[Any], str]
) -> Callable[[Any], str]:
    """Return *make* (Sphinx's tag function of the page at address *here*) with its tags
    kept *at_depth*, or with the page's folder for an asset whose path starts in the
    page's first folder (looked up only then: a day archive's folder holds one page)."""
    top = here.partition("/")[0] + "/"

    def tag(asset: Any) -> str:
        path = getattr(asset, "filename", asset)
        in_folder = not isinstance(path, str) or path.startswith(top)
        links = _folder_links(known, here) if in_folder else at_depth
        try:
            made = links.get((name, asset))
        except TypeError:  # an asset that cannot be a key
            return make(asset)
        if made is None:
            made = links[(name, asset)] = make(asset)
        return made

    return tag  # a plain function, like Sphinx's (the serializing builders leave them out)


def policy_links(builder: Builder, from_page: str | None = None) -> list[dict[str, str]]:
    """Return the publisher's policy pages: key, schema.org property, text and link.

    Each is a URL or a document name in ``newsroom_publisher``; the link is relative to
    *from_page*, or absolute when it is ``None`` (for structured data; ``""`` without a
    site URL).
    """
    links = []
    for key, target in settings(builder.config).publisher.policies.items():
        prop, text = POLICIES[key]
        if is_url(target):
            link = target
        elif target not in builder.env.found_docs:
            continue  # warned about once (seo.check_policies)
        elif from_page is None:
            link = page_url(builder, target)
        else:
            link = page_link(builder, from_page, target)
        links.append({"key": key, "property": prop, "text": str(text), "link": link})
    return links


def warn_missing_site_url(app: Sphinx) -> None:
    """On ``builder-inited``: say once what is left out when the site URL is not set.

    A value that is set but no address was warned about on ``config-inited`` already.
    """
    given = app.config.newsroom_site_url or app.config.html_baseurl
    if is_web_builder(app.builder) and not site_url(app.config) and not given:
        logger.warning(
            "newsroom_site_url (or html_baseurl) is not set, so feeds, sitemaps, canonical "
            "links, og:url/og:image and the URLs in structured data are left out; set "
            "newsroom_site_url = 'https://news.example.org/' in conf.py",
            type="newsroom",
            subtype="config",
        )
