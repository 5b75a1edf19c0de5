"""sphinx-newsroom: a news site generator for Sphinx (extension and ``newsroom`` theme)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_newsroom.article_page import setup_article_page
from sphinx_newsroom.articles import DATA_VERSION, setup_articles
from sphinx_newsroom.byline import setup_byline
from sphinx_newsroom.calendar import setup_calendar
from sphinx_newsroom.config import setup_config
from sphinx_newsroom.corrections import setup_corrections
from sphinx_newsroom.labels import setup_labels
from sphinx_newsroom.listings import setup_listings
from sphinx_newsroom.live import setup_live
from sphinx_newsroom.locale import MESSAGE_CATALOG_NAME
from sphinx_newsroom.navigation import setup_navigation
from sphinx_newsroom.pipeline import connect_events
from sphinx_newsroom.related import setup_related
from sphinx_newsroom.render import STYLESHEET
from sphinx_newsroom.series import setup_series
from sphinx_newsroom.trust import setup_trust
from sphinx_newsroom.unpublished import setup_unpublished

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"

THEME_PATH = Path(__file__).parent / "theme" / "newsroom"


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the newsroom extension and theme."""
    app.add_message_catalog(MESSAGE_CATALOG_NAME, str(Path(__file__).parent / "locale"))
    # Registrations: config values, domains, directives, nodes and transforms.
    setup_config(app)
    setup_articles(app)
    setup_byline(app)
    setup_labels(app)
    setup_article_page(app)
    setup_navigation(app)
    setup_calendar(app)
    setup_related(app)
    setup_listings(app)
    setup_corrections(app)
    setup_trust(app)
    setup_series(app)
    setup_live(app)
    setup_unpublished(app)
    # The components' stylesheet, on every HTML page whatever the theme.
    app.add_css_file(STYLESHEET, priority=150)  # before themes (200): they may refine it
    # Every event handler, in one table (pipeline.EVENTS).
    connect_events(app)
    app.add_html_theme("newsroom", str(THEME_PATH))
    return {
        "version": __version__,
        "env_version": DATA_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
