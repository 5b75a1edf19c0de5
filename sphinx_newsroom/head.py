"""What newsroom adds to every page's head: metadata, feed links, the text direction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_newsroom.articles import get_newsroom
from sphinx_newsroom.config import settings
from sphinx_newsroom.feeds import feed_links, linked_feeds
from sphinx_newsroom.locale import keep_locale_facts, kept_locale_facts, newsroom_gettext
from sphinx_newsroom.render import render
from sphinx_newsroom.seo import head_data

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def compute_head(
    app: Sphinx, pagename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Add canonical URL, Open Graph, JSON-LD and feed links (``newsroom/head.html``)."""
    head = head_data(app, pagename, context, doctree)
    head["feeds"] = feed_links(app.builder, pagename)
    html = render(app.builder, "newsroom/head.html", head=head)
    context["metatags"] = str(context.get("metatags") or "") + html + "\n"


def head_inputs(env: BuildEnvironment, pagename: str) -> Any:
    """What a page's head shows from other documents: the feeds it links to."""
    return [(feed.folder, feed.title) for feed in linked_feeds(env, pagename)]


def remember_locale_facts(app: Sphinx, env: BuildEnvironment) -> None:
    """On ``env-updated``: keep the site language's writing direction and first weekday
    in the environment, so that a build that reads nothing loads no locale data."""
    keep_locale_facts(env, settings(app.config).language)


def compute_language(
    app: Sphinx, pagename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Bind templates' ``_`` to our catalog and mark right-to-left pages with ``dir``."""
    context["_"] = newsroom_gettext
    context["newsroom_gettext"] = newsroom_gettext
    direction = kept_locale_facts(app.env, settings(app.config).language).direction
    context["newsroom_text_direction"] = direction
    if direction == "rtl" and not context.get("html_tag"):
        lang = context.get("language") or settings(app.config).language_tag
        root = context.get("content_root", "")
        context["html_tag"] = str(
            render(app.builder, "newsroom/html-tag.html", lang=lang, root=root)
        )


def compute_article(
    app: Sphinx, pagename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Give templates the page's article (``newsroom_article``) and its label."""
    article = get_newsroom(app.env).articles.get(pagename)
    context["newsroom_article"] = article
    if article is not None and article.label:
        context["newsroom_label"] = settings(app.config).labels.get(article.label)
    hasdoc = context.get("hasdoc")
    if callable(hasdoc):
        context["newsroom_has_about"] = hasdoc("about")
        if article is not None or "newsroom_listing" in context:
            # Sphinx's layout links an "about" document as the page's rel="author" ("About
            # these documents"): on an article its authors are the byline's, and a list
            # page has none. Templates that link the about page use newsroom_has_about.
            context["hasdoc"] = lambda name: name != "about" and hasdoc(name)
