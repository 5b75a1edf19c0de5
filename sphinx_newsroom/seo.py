"""Search and sharing metadata in every page's head: JSON-LD, Open Graph, canonical link.

Everything goes into ``context["metatags"]`` (which every theme derived from ``basic``
renders in the head) and the canonical URL into ``context["pageurl"]`` (which ``basic``
turns into ``<link rel="canonical">``, once).  When ``sphinxext-opengraph`` is loaded it
writes the ``og:*`` tags of documents; we then only hand it our values through the page's
metadata fields (its per-page overrides) and write the ``article:*`` tags it does not know.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape, unescape
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from sphinx_newsroom.articles import ArticleInfo, Author, get_newsroom
from sphinx_newsroom.config import settings
from sphinx_newsroom.dates import iso
from sphinx_newsroom.formatting import local_moment
from sphinx_newsroom.siteurl import (
    is_web_builder,
    page_url,
    policy_links,
    resource_url,
    site_url,
)
from sphinx_newsroom.slugs import slugify
from sphinx_newsroom.urls import taxonomy_page

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

logger = logging.getLogger(__name__)

OPENGRAPH_EXTENSION = "sphinxext.opengraph"

_TAG_RE = re.compile(r"<[^>]*>")


def publisher(config: Config) -> dict[str, str]:
    """Return the publisher's ``name``, ``url`` and absolute ``logo`` (empty when unknown)."""
    entry = settings(config).publisher
    return {
        "name": entry.name,
        "url": entry.url or site_url(config),
        "logo": resource_url(config, "", entry.logo) if entry.logo else "",
    }


def _organization(builder: Builder) -> dict[str, Any]:
    info = publisher(builder.config)
    organization: dict[str, Any] = {"@type": "NewsMediaOrganization", "name": info["name"]}
    if info["url"]:
        organization["url"] = info["url"]
    if info["logo"]:
        organization["logo"] = {"@type": "ImageObject", "url": info["logo"]}
    for policy in policy_links(builder):
        if policy["link"]:
            organization[policy["property"]] = policy["link"]
    return organization


def _person(builder: Builder, author: Author) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": author.name}
    url = page_url(builder, author.page)
    if url:
        person["url"] = url
    profile = settings(builder.config).authors.get(author.key) if author.key else None
    if profile is None:
        return person
    same_as = [url for url in (profile.url, *profile.same_as) if url]
    if same_as:
        person["sameAs"] = same_as[0] if len(same_as) == 1 else same_as
    if profile.job_title:
        person["jobTitle"] = profile.job_title
    if profile.knows_about:
        person["knowsAbout"] = list(profile.knows_about)
    image = resource_url(builder.config, "", profile.image) if profile.image else ""
    if "://" in image:
        person["image"] = image
    return person


def _stamp(moment: Any, config: Config) -> str:
    return iso(local_moment(moment, config))


def article_image(config: Config, article: ArticleInfo) -> str:
    """Return the absolute URL of the article's image, or ``""``.

    Its own image, else ``newsroom_default_image``, else the publisher's logo: link
    previews and Google's article results want an image for every article.
    """
    if article.image:
        image = resource_url(config, article.docname, article.image)
    elif settings(config).default_image:
        image = resource_url(config, "", settings(config).default_image)
    else:
        image = publisher(config)["logo"]
    return image if "://" in image else ""


def _number(value: float) -> float | int:
    """Return a whole number as an int (4, not 4.0), any other as it is."""
    return int(value) if value.is_integer() else value


def article_json_ld(builder: Builder, article: ArticleInfo, url: str) -> dict[str, Any]:
    """Return the schema.org ``NewsArticle`` (or the label's type) of an article at *url*."""
    config = builder.config
    label = settings(config).labels.get(article.label) if article.label else None
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": label.schema if label else "NewsArticle",
        "headline": article.headline,
    }
    if url:
        data["url"] = url
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": url}
    if article.published is not None:
        data["datePublished"] = _stamp(article.published, config)
    if article.modified is not None:
        data["dateModified"] = _stamp(article.modified, config)
    data["author"] = [_person(builder, author) for author in article.authors]
    data["publisher"] = _organization(builder)
    image = article_image(config, article)
    if image:
        data["image"] = [image]
    if article.coverage:
        _live_blog(data, article, url, config)
    if article.dateline:
        data["dateline"] = article.dateline
    if article.words:
        data["wordCount"] = article.words
    if article.corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "datePublished": _stamp(when, config), "text": text}
            for when, text in article.corrections
        ]
    if article.reviewed:
        data["itemReviewed"] = {"@type": "CreativeWork", "name": article.reviewed}
    if article.rating is not None:
        value, best = article.rating
        data["reviewRating"] = {
            "@type": "Rating",
            "ratingValue": _number(value),
            "bestRating": _number(best),
            "worstRating": 0,
        }
    if article.backstory:
        data["backstory"] = article.backstory
    if article.citations:
        data["citation"] = list(article.citations)
    if article.series:
        series: dict[str, Any] = {"@type": "CreativeWorkSeries", "name": article.series}
        series_url = page_url(builder, taxonomy_page("series", slugify(article.series)))
        if series_url:
            series["url"] = series_url
        data["isPartOf"] = series
    if article.section:
        data["articleSection"] = article.section
    if article.tags:
        data["keywords"] = list(article.tags)
    if article.summary:
        data["description"] = article.summary
    if config.language:
        data["inLanguage"] = settings(config).language_tag
    return data


def _live_blog(data: dict[str, Any], article: ArticleInfo, url: str, config: Config) -> None:
    """Make *data* a ``LiveBlogPosting``: its coverage times and its updates, newest first."""
    data["@type"] = "LiveBlogPosting"
    if article.published is not None:
        data["coverageStartTime"] = _stamp(article.published, config)
    if article.coverage == "ended" and article.modified is not None:
        data["coverageEndTime"] = _stamp(article.modified, config)
    updates = []
    for when, title, text, anchor in article.updates:
        update: dict[str, Any] = {
            "@type": "BlogPosting",
            "headline": title or article.headline,
            "datePublished": _stamp(when, config),
            "articleBody": text,
        }
        if url:
            update["url"] = f"{url}#{anchor}"
        updates.append(update)
    data["liveBlogUpdate"] = updates


def front_page_json_ld(builder: Builder) -> dict[str, Any]:
    """Return the ``WebSite`` and its publishing organisation for the front page."""
    config = builder.config
    base = site_url(config)
    organization = _organization(builder)
    website: dict[str, Any] = {"@type": "WebSite", "name": publisher(config)["name"]}
    if base:
        organization["@id"] = base + "#organization"
        website["@id"] = base + "#website"
        website["url"] = base
        website["publisher"] = {"@id": organization["@id"]}
    else:
        website["publisher"] = organization
    if config.language:
        website["inLanguage"] = settings(config).language_tag
    return {"@context": "https://schema.org", "@graph": [website, organization]}


def _page_title(context: dict[str, Any]) -> str:
    """Return the page's title as plain text (Sphinx gives it as HTML)."""
    return " ".join(unescape(_TAG_RE.sub("", str(context.get("title") or ""))).split())


def _site_name(config: Config) -> str:
    """Return ``og:site_name``: sphinxext-opengraph's ``ogp_site_name`` when set, else ours."""
    theirs = getattr(config, "ogp_site_name", None)  # exists only when that extension is loaded
    if theirs is False:
        return ""
    return theirs if isinstance(theirs, str) and theirs else publisher(config)["name"]


def open_graph(
    builder: Builder, url: str, context: dict[str, Any], article: ArticleInfo | None
) -> dict[str, str]:
    """Return the ``og:*`` properties of a page (empty values left out)."""
    config = builder.config
    properties = {
        "og:type": "article" if article else "website",
        "og:title": article.headline if article else _page_title(context),
        "og:description": article.summary if article else "",
        "og:url": url,
        "og:image": article_image(config, article) if article else "",
        "og:site_name": _site_name(config),
    }
    return {key: value for key, value in properties.items() if value}


def twitter_card(properties: dict[str, str]) -> dict[str, str]:
    """Return the ``twitter:*`` names of a page: a large card when it has an image."""
    return {"twitter:card": "summary_large_image" if "og:image" in properties else "summary"}


def article_properties(builder: Builder, article: ArticleInfo) -> list[tuple[str, str]]:
    """Return the ``article:*`` properties of an article, in order, repeated where many."""
    config = builder.config
    properties: list[tuple[str, str]] = []
    if article.published is not None:
        properties.append(("article:published_time", _stamp(article.published, config)))
    if article.modified is not None:
        properties.append(("article:modified_time", _stamp(article.modified, config)))
    for author in article.authors:
        url = page_url(builder, author.page)
        if url:
            properties.append(("article:author", url))
    if article.section:
        properties.append(("article:section", article.section))
    properties.extend(("article:tag", tag) for tag in article.tags)
    return properties


@lru_cache(maxsize=1)
def _opengraph_escapes_markup() -> bool:
    """Return whether sphinxext-opengraph escapes ``&`` and ``<`` in values it writes."""
    try:
        from sphinxext.opengraph import make_tag  # type: ignore[import-not-found]

        return "&amp;" in make_tag("p", "&") and "&lt;" in make_tag("p", "<")
    except Exception:
        return False


def _opengraph_writes(app: Sphinx, context: dict[str, Any], doctree: nodes.document | None) -> bool:
    """Return whether sphinxext-opengraph will write this page's ``og:*`` tags."""
    if OPENGRAPH_EXTENSION not in app.extensions or doctree is None:
        return False
    fields = context.get("meta") or {}
    return app.builder.name != "epub" and "ogp_disable" not in fields


def _hand_to_opengraph(context: dict[str, Any], properties: dict[str, str]) -> None:
    """Give sphinxext-opengraph our values as per-page overrides (it writes them once)."""
    if _opengraph_escapes_markup():
        values = dict(properties)
    else:
        values = {key: escape(value, quote=False) for key, value in properties.items()}
    # A copy: the page's metadata dict may be the environment's own.
    context["meta"] = {**(context.get("meta") or {}), **values}


def head_data(
    app: Sphinx, pagename: str, context: dict[str, Any], doctree: nodes.document | None
) -> dict[str, Any]:
    """Return what ``newsroom/head.html`` adds to a page's head: canonical URL aside, the
    robots and description tags, Open Graph and ``article:*`` properties and JSON-LD.

    Also sets ``pageurl`` (``basic/layout.html`` writes the one canonical link from it) and
    hands the ``og:*`` values to sphinxext-opengraph when it writes this page's tags.
    """
    head: dict[str, Any] = {"properties": [], "names": [], "json_ld": None, "feeds": []}
    if not is_web_builder(app.builder):
        return head
    builder = app.builder
    newsroom = get_newsroom(app.env)
    article = newsroom.articles.get(pagename)
    # A draft (or future, or undated) article is not published yet: it has no public URL
    # to announce, and asks not to be indexed.
    unpublished = article is not None and not newsroom.is_listed(pagename)
    url = "" if unpublished else page_url(builder, pagename)
    context["pageurl"] = url or None
    head["noindex"] = article is not None and not url
    if (
        article is not None
        and article.summary
        and 'name="description"' not in str(context.get("metatags", ""))
    ):
        head["description"] = article.summary
    properties = open_graph(builder, url, context, article)
    head["names"] = list(twitter_card(properties).items())
    if _opengraph_writes(app, context, doctree):
        _hand_to_opengraph(context, properties)
    else:
        head["properties"].extend(properties.items())
    if article is not None:
        head["properties"].extend(article_properties(builder, article))
        head["json_ld"] = article_json_ld(builder, article, url)
    elif pagename == app.config.root_doc:
        head["json_ld"] = front_page_json_ld(builder)
    return head


def check_sharing_image(app: Sphinx, env: Any) -> None:
    """On ``env-updated``: one warning when the publisher has no logo.

    Google's article results ask for the publisher's logo, and the logo is the last
    fallback of an article's image for link previews: without it (and without
    ``newsroom_default_image``) an article with no image of its own has none at all.
    Only where there is structured data to complete: a web builder and a site URL.
    """
    if not is_web_builder(app.builder) or not site_url(app.config):
        return
    config = settings(app.config)
    if config.publisher.logo:
        return
    bare = 0
    if not config.default_image:
        newsroom = get_newsroom(env)
        bare = sum(1 for info in newsroom.articles.values() if not info.image)
    logger.warning(
        "newsroom_publisher has no 'logo': the structured data of every article names a "
        "publisher without one%s; set newsroom_publisher = {'name': ..., "
        "'logo': '_static/logo.png'}",
        f", and {bare} article(s) without an image of their own have no image for link "
        "previews (newsroom_default_image is not set either)"
        if bare
        else "",
        type="newsroom",
        subtype="config",
    )


def check_policies(app: Sphinx, env: Any) -> None:
    """On ``env-updated``: warn of a policy page that is neither a URL nor a document."""
    for key, target in settings(app.config).publisher.policies.items():
        if "://" not in target and target not in env.found_docs:
            logger.warning(
                "newsroom_publisher[%r] = %r is neither a URL nor a document of the site; "
                "the link is left out",
                key,
                target,
                type="newsroom",
                subtype="config",
            )
