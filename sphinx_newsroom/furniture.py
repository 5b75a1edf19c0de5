"""Page furniture of the newsroom theme: section navigation, latest articles, edition date."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_newsroom.articles import ArticleInfo, Newsroom, get_newsroom
from sphinx_newsroom.config import settings
from sphinx_newsroom.dates import local_day
from sphinx_newsroom.formatting import display_date, moment_data
from sphinx_newsroom.slugs import slugify
from sphinx_newsroom.urls import taxonomy_page

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: How many articles the "Latest" sidebar lists.
LATEST_COUNT = 5


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
    return get_newsroom(env).memo(_section_names, tuple(order))


def _section_names(newsroom: Newsroom, order: tuple[str, ...]) -> list[tuple[str, str]]:
    found = {slug: group.name for slug, group in newsroom.groups("sections").items()}
    wanted = [slugify(name) for name in order]
    first = [slug for slug in dict.fromkeys(wanted) if slug in found]
    rest = sorted((slug for slug in found if slug not in first), key=lambda s: found[s].casefold())
    return [(found[slug], slug) for slug in (*first, *rest)]


def latest_articles(env: BuildEnvironment) -> list[ArticleInfo]:
    """Return the newest listed articles, as many as the "Latest" sidebar shows."""
    return get_newsroom(env).chain[-LATEST_COUNT:][::-1]


def edition_day_text(env: BuildEnvironment) -> tuple[str, str]:
    """Return the edition's day, ISO form and display form: the newest article's day.

    Not the day of the build: a scheduled rebuild on another day with nothing new must
    not rewrite every page (contract section 7).  A site with no article yet shows the
    build's day.
    """
    newsroom = get_newsroom(env)
    newest = newsroom.chain[-1].published if newsroom.chain else None
    day = local_day(newest or newsroom.now, newsroom.zone)
    return day.isoformat(), display_date(day, env.config)


def _compute_sections(builder: Builder, pagename: str, ctx: dict[str, Any]) -> None:
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


def _compute_latest(builder: Builder, pagename: str, ctx: dict[str, Any]) -> None:
    config = builder.config
    labels = settings(config).labels
    entries = []
    for article in latest_articles(builder.env):
        assert article.published is not None
        label = labels.get(article.label) if article.label else None
        when = moment_data(article.published, config, with_time=False)
        entries.append(
            {
                "title": article.headline,
                "link": builder.get_relative_uri(pagename, article.docname),
                "datetime": when["datetime"],
                "date": when["text"],
                "label": str(label.text) if label else "",
                "current": article.docname == pagename,
            }
        )
    ctx["newsroom_latest"] = entries


def compute_furniture(builder: Builder, pagename: str, ctx: dict[str, Any]) -> None:
    """Add the theme's page furniture to the template context (``newsroom_…`` keys)."""
    _compute_sections(builder, pagename, ctx)
    _compute_latest(builder, pagename, ctx)
    ctx["newsroom_edition"] = None
    if _is_true(ctx.get("theme_show_edition_date", "true")):
        iso_day, text = edition_day_text(builder.env)
        ctx["newsroom_edition"] = {"datetime": iso_day, "date": text}
    ctx["newsroom_show_calendar"] = _is_true(ctx.get("theme_show_calendar", "true"))
    site = settings(builder.config)
    ctx["newsroom_accent"] = site.accent
    ctx["newsroom_accent_dark"] = site.accent_dark
    ctx["newsroom_publisher_name"] = site.publisher.name


def furniture_inputs(env: BuildEnvironment, docname: str) -> Any:
    """What every page's furniture shows from other documents (for incremental rebuilds)."""
    latest = [(a.docname, a.headline, a.published, a.label) for a in latest_articles(env)]
    sections = section_names(env, [])
    return [latest, sections, edition_day_text(env)[0]]
