"""Page furniture of the newsroom theme: section navigation, latest articles, edition date."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from sphinx_newsroom.articles import ArticleInfo, Newsroom, get_newsroom, slugify
from sphinx_newsroom.dates import build_now, local_day
from sphinx_newsroom.formatting import display_date, display_moment
from sphinx_newsroom.labels import site_labels
from sphinx_newsroom.urls import taxonomy_page

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: How many articles the "Latest" sidebar lists.
LATEST_COUNT = 5

#: Where an article's rendered body starts (the ``e-content`` container of article_page.py).
_BODY_MARKER = '<div class="e-content'

#: CSS colours a theme option may set: hex, rgb()/hsl()/oklch() and friends, or a name.
_COLOUR_RE = re.compile(
    r"^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla|oklch|oklab|lab|lch)\([0-9.,%/\s-]+\)|[a-zA-Z]+)$"
)


def _as_list(value: Any) -> list[str]:
    """Read a theme option that lists names: a list, or a comma-separated string."""
    if isinstance(value, (list, tuple)):
        items = [str(item) for item in value]
    else:
        items = str(value or "").split(",")
    return [" ".join(item.split()) for item in items if item.strip()]


def _is_true(value: Any) -> bool:
    return str(value).strip().lower() in ("true", "1", "yes", "on")


def section_names(env: BuildEnvironment, order: list[str]) -> list[tuple[str, str]]:
    """Return ``(name, slug)`` of the sections to navigate: *order* first, then the rest A-Z."""
    newsroom = get_newsroom(env)
    key = ("furniture.sections", tuple(order))
    if key not in newsroom._cache:
        newsroom._cache[key] = _section_names(newsroom, order)
    names: list[tuple[str, str]] = newsroom._cache[key]
    return names


def _section_names(newsroom: Newsroom, order: list[str]) -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for article in newsroom.chain:
        if article.section:
            found.setdefault(article.section_slug, article.section)
    wanted = [slugify(name) for name in order]
    first = [slug for slug in dict.fromkeys(wanted) if slug in found]
    rest = sorted((slug for slug in found if slug not in first), key=lambda s: found[s].casefold())
    return [(found[slug], slug) for slug in (*first, *rest)]


def latest_articles(env: BuildEnvironment) -> list[ArticleInfo]:
    """Return the newest listed articles, as many as the "Latest" sidebar shows."""
    return get_newsroom(env).chain[-LATEST_COUNT:][::-1]


def edition_day_text(env: BuildEnvironment) -> tuple[str, str]:
    """Return the build's day in the newsroom's zone: ISO form and display form."""
    day = local_day(build_now(), get_newsroom(env).zone)
    return day.isoformat(), display_date(day, env.config)


def _compute_sections(builder: StandaloneHTMLBuilder, pagename: str, ctx: dict[str, Any]) -> None:
    current_article = get_newsroom(builder.env).articles.get(pagename)
    entries = []
    for name, slug in section_names(builder.env, _as_list(ctx.get("theme_nav_sections"))):
        page = taxonomy_page("sections", slug)
        entries.append(
            {
                "name": name,
                "slug": slug,
                "link": builder.get_relative_uri(pagename, page),
                "current": pagename == page or pagename.startswith(page.removesuffix("index")),
                "active": current_article is not None and current_article.section_slug == slug,
            }
        )
    ctx["newsroom_sections"] = entries


def _compute_latest(builder: StandaloneHTMLBuilder, pagename: str, ctx: dict[str, Any]) -> None:
    config = builder.config
    labels = site_labels(config)
    entries = []
    for article in latest_articles(builder.env):
        assert article.published is not None
        label = labels.get(article.label) if article.label else None
        entries.append(
            {
                "title": article.headline,
                "link": builder.get_relative_uri(pagename, article.docname),
                "datetime": article.published.astimezone(get_newsroom(builder.env).zone)
                .replace(microsecond=0)
                .isoformat(),
                "date": display_moment(article.published, config, with_time=False),
                "label": str(label.text) if label else "",
                "current": article.docname == pagename,
            }
        )
    ctx["newsroom_latest"] = entries


#: Colour options of the theme and the colour used when one is empty or not a CSS colour.
COLOUR_OPTIONS = {"accent_color": "#b3261e", "accent_color_dark": "#ff8a80"}


def _colour(value: Any, option: str) -> str:
    text = str(value or "").strip()
    return text if _COLOUR_RE.match(text) else COLOUR_OPTIONS[option]


def check_theme_options(app: Sphinx, config: Config) -> None:
    """On ``config-inited``: warn once about a colour option that is not a CSS colour."""
    options = config.html_theme_options or {}
    for option, fallback in COLOUR_OPTIONS.items():
        text = str(options.get(option) or "").strip()
        if text and not _COLOUR_RE.match(text):
            logger.warning(
                "html_theme_options[%r] = %r is not a CSS colour; using %s",
                option,
                text,
                fallback,
                type="newsroom",
                subtype="theme",
            )


def _compute_lead_image(builder: StandaloneHTMLBuilder, pagename: str, ctx: dict[str, Any]) -> None:
    article: ArticleInfo | None = ctx.get("newsroom_article")
    ctx["newsroom_lead_image"] = None
    if article is None or not article.image:
        return
    metadata = builder.env.metadata.get(pagename, {})
    src = article.image
    if not re.match(r"^[a-z][a-z0-9+.-]*:", src):
        # A path from the site root (``/_static/…``) or from the article's own folder.
        src = ctx["pathto"](src.lstrip("/"), 1) if src.startswith("/") else src
    ctx["newsroom_lead_image"] = {
        "src": src,
        "alt": " ".join(str(metadata.get("image_alt", metadata.get("image-alt", ""))).split()),
        "caption": " ".join(
            str(metadata.get("image_caption", metadata.get("image-caption", ""))).split()
        ),
    }


def _split_article_body(ctx: dict[str, Any]) -> None:
    """Split an article's body where its text starts, so the lead image can sit between."""
    body = str(ctx.get("body", ""))
    head, marker, rest = body.partition(_BODY_MARKER)
    if not marker or ctx.get("newsroom_article") is None:
        ctx["newsroom_article_head"], ctx["newsroom_article_text"] = "", body
        return
    ctx["newsroom_article_head"], ctx["newsroom_article_text"] = head, marker + rest


def compute_furniture(builder: StandaloneHTMLBuilder, pagename: str, ctx: dict[str, Any]) -> None:
    """Add the theme's page furniture to the template context (``newsroom_…`` keys)."""
    _compute_sections(builder, pagename, ctx)
    _compute_latest(builder, pagename, ctx)
    ctx["newsroom_edition"] = None
    if _is_true(ctx.get("theme_show_edition_date", "true")):
        iso_day, text = edition_day_text(builder.env)
        ctx["newsroom_edition"] = {"datetime": iso_day, "date": text}
    ctx["newsroom_show_calendar"] = _is_true(ctx.get("theme_show_calendar", "true"))
    ctx["newsroom_accent"] = _colour(ctx.get("theme_accent_color"), "accent_color")
    ctx["newsroom_accent_dark"] = _colour(ctx.get("theme_accent_color_dark"), "accent_color_dark")
    publisher = builder.config.newsroom_publisher or {}
    ctx["newsroom_publisher_name"] = str(publisher.get("name") or builder.config.project)
    _compute_lead_image(builder, pagename, ctx)
    _split_article_body(ctx)


def furniture_inputs(env: BuildEnvironment, docname: str) -> Any:
    """What every page's furniture shows from other documents (for incremental rebuilds)."""
    latest = [(a.docname, a.headline, a.published, a.label) for a in latest_articles(env)]
    sections = section_names(env, [])
    return [latest, sections, edition_day_text(env)[0]]


def setup_furniture(app: Sphinx) -> None:
    app.connect("config-inited", check_theme_options)
