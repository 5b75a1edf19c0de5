"""Page furniture of the newsroom theme: section navigation, latest articles, edition date."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_newsroom.articles import ArticleInfo, Newsroom, get_newsroom
from sphinx_newsroom.config import settings
from sphinx_newsroom.dates import local_day
from sphinx_newsroom.formatting import display_date, moment_data
from sphinx_newsroom.incremental import write_output
from sphinx_newsroom.listings import existing_document
from sphinx_newsroom.render import render
from sphinx_newsroom.siteurl import is_web_builder, page_link, policy_links, relative_link
from sphinx_newsroom.slugs import slugify
from sphinx_newsroom.urls import CORRECTIONS_PAGE, archive_page, taxonomy_page

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
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
                "link": relative_link(builder, pagename, page),
                "current": pagename == page or pagename.startswith(page.removesuffix("index")),
                "active": current_article is not None and current_article.section_slug == slug,
            }
        )
    ctx["newsroom_sections"] = entries


def latest_data(builder: Builder, pagename: str | None) -> list[dict[str, Any]]:
    """Return the "Latest" entries: links relative to *pagename*, or to the site root."""
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
                "link": relative_link(builder, pagename, article.docname)
                if pagename is not None
                else builder.get_target_uri(article.docname),
                "datetime": when["datetime"],
                "date": when["text"],
                "label": str(label.text) if label else "",
                "current": article.docname == pagename,
            }
        )
    return entries


def shows_latest(config: Config, pagename: str) -> bool:
    """Return whether a page carries the "Latest" list and the edition date in its HTML.

    Only the front page does: it changes with every new article anyway.  Every other page
    would be rewritten by each publish (contract section 7), so there the "Latest" block
    fills itself from :data:`LATEST_SCRIPT` and links to the archive without JavaScript.
    """
    return pagename == config.root_doc


def _compute_latest(builder: Builder, pagename: str, ctx: dict[str, Any]) -> None:
    env = builder.env
    if not get_newsroom(env).chain:
        ctx["newsroom_latest"] = None
        ctx["newsroom_corrections"] = ""
        return
    front = shows_latest(builder.config, pagename)
    more = ""
    if is_web_builder(builder):
        target = existing_document(archive_page(), env.found_docs) or archive_page()
        more = page_link(builder, pagename, target)
    ctx["newsroom_corrections"] = ""
    if is_web_builder(builder):
        log = existing_document(CORRECTIONS_PAGE, env.found_docs) or CORRECTIONS_PAGE
        ctx["newsroom_corrections"] = page_link(builder, pagename, log)
    ctx["newsroom_latest"] = {
        "items": latest_data(builder, pagename) if front else [],
        "more": more,
        # Elsewhere the block fills itself from a script: newsroom-latest-data.js.
        "fetch": not front and is_web_builder(builder),
    }


def compute_furniture(builder: Builder, pagename: str, ctx: dict[str, Any]) -> None:
    """Add the theme's page furniture to the template context (``newsroom_…`` keys)."""
    _compute_sections(builder, pagename, ctx)
    _compute_latest(builder, pagename, ctx)
    website = is_web_builder(builder)
    ctx["newsroom_policies"] = policy_links(builder, pagename) if website else []
    ctx["newsroom_edition"] = None
    front = shows_latest(builder.config, pagename)
    if front and _is_true(ctx.get("theme_show_edition_date", "true")):
        iso_day, text = edition_day_text(builder.env)
        ctx["newsroom_edition"] = {"datetime": iso_day, "date": text}
    ctx["newsroom_show_calendar"] = _is_true(ctx.get("theme_show_calendar", "true"))
    site = settings(builder.config)
    ctx["newsroom_accent"] = site.accent
    ctx["newsroom_accent_dark"] = site.accent_dark
    ctx["newsroom_publisher_name"] = site.publisher.name


def furniture_inputs(env: BuildEnvironment, docname: str) -> Any:
    """What a page's furniture shows from other documents (for incremental rebuilds).

    The newest articles and the edition date only on the front page (:func:`shows_latest`).
    """
    newsroom = get_newsroom(env)
    sections = section_names(env, [])
    # The archive link of the "Latest" block: to the site's own page there, if it has one.
    archive = existing_document(archive_page(), env.found_docs)
    corrections = existing_document(CORRECTIONS_PAGE, env.found_docs)
    # Policy pages named as documents are linked while the documents exist.
    policies = sorted(
        target
        for target in newsroom.settings.publisher.policies.values()
        if target in env.found_docs
    )
    shared = [bool(newsroom.chain), sections, archive, corrections, policies]
    if not shows_latest(env.config, docname):
        return shared
    latest = [(a.docname, a.headline, a.published, a.label) for a in latest_articles(env)]
    return [*shared, latest, edition_day_text(env)[0]]


#: Where the "Latest" entries go for the pages that fetch them, in the output folder.
LATEST_SCRIPT = "_static/newsroom-latest-data.js"


def write_latest_script(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished``: write the newest articles for the "Latest" blocks to fetch.

    A small script rather than JSON so that it loads from ``file:`` URLs too; its links are
    relative to the site's root, which the script finds from its own address.
    """
    builder = app.builder
    if exception is not None or not is_web_builder(builder) or not get_newsroom(app.env).chain:
        return

    def script() -> str:
        items = latest_data(builder, None)
        for item in items:
            del item["current"]
        return render(builder, "newsroom/latest-data.js", items=items)

    write_output(app, LATEST_SCRIPT, script, renders_documents=False)
