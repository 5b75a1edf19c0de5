"""Configuration values of sphinx-newsroom: declared once, typed, described, validated."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sphinx.errors import ConfigError

from sphinx_newsroom.locale import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class ConfigValue:
    """One ``newsroom_*`` setting as declared to Sphinx."""

    name: str
    default: Any
    rebuild: str
    types: tuple[type, ...]
    description: str


#: Every setting of the extension; the documentation's configuration reference is generated
#: from this list, so it cannot drift from the code.
CONFIG_VALUES: tuple[ConfigValue, ...] = (
    ConfigValue(
        "newsroom_site_url",
        "",
        "html",
        (str,),
        "Absolute URL of the published site, e.g. ``https://news.example.org/``. Falls back "
        "to ``html_baseurl``. Feeds, sitemaps, canonical links and Open Graph need it.",
    ),
    ConfigValue(
        "newsroom_publisher",
        {},
        "html",
        (dict,),
        "The publishing organisation: a dict with ``name`` (default: ``project``), ``url`` "
        "and ``logo`` (an absolute URL or a path under the output root).",
    ),
    ConfigValue(
        "newsroom_timezone",
        "UTC",
        "env",
        (str,),
        "IANA time zone of the newsroom, e.g. ``Europe/Berlin``. Dates written without an "
        "offset are in this zone, and archives, the calendar and the previous/next order "
        "place every article by its date converted to it.",
    ),
    ConfigValue(
        "newsroom_authors",
        {},
        "env",
        (dict,),
        "The author registry: key → dict with ``name`` (required), ``url`` (the author's "
        "profile elsewhere), ``bio`` and ``image``. Bylines use the keys.",
    ),
    ConfigValue(
        "newsroom_labels",
        {},
        "env",
        (dict,),
        "Extra or changed labels: key → dict with ``text`` (badge text), ``suffix`` (title "
        "suffix such as ``OPINION``, empty for none) and ``schema`` (the schema.org type). "
        "Merged over the built-in labels; a key mapped to ``None`` removes a built-in label.",
    ),
    ConfigValue(
        "newsroom_week_start",
        None,
        "html",
        (str, type(None)),
        'First day of the calendar week, a weekday name such as ``"sunday"`` or '
        '``"monday"``; unset takes the locale\'s own.',
    ),
    ConfigValue(
        "newsroom_prev_next",
        "site",
        "html",
        (str,),
        'Scope of the previous/next article links: ``"site"`` (all articles) or '
        '``"section"`` (articles of the same section).',
    ),
    ConfigValue(
        "newsroom_related_limit",
        4,
        "html",
        (int,),
        "How many articles a ``related`` block lists unless its ``:limit:`` says otherwise.",
    ),
    ConfigValue(
        "newsroom_related_weights",
        {},
        "html",
        (dict,),
        "Weights of the relatedness score, merged over the defaults "
        '``{"tag": 80, "section": 30, "author": 20}``.',
    ),
    ConfigValue(
        "newsroom_page_size",
        20,
        "html",
        (int,),
        "Articles per page of a generated list (archives, author, section, tag, label pages).",
    ),
    ConfigValue(
        "newsroom_feed_length",
        20,
        "html",
        (int,),
        "Entries in each Atom and RSS feed.",
    ),
    ConfigValue(
        "newsroom_feed_fulltext",
        False,
        "html",
        (bool,),
        "Put each article's full text (its rendered body, links made absolute) in the feeds "
        "besides its summary.",
    ),
    ConfigValue(
        "newsroom_feeds_per_author",
        False,
        "html",
        (bool,),
        "Also write an Atom and an RSS feed for each author: ``authors/<slug>/atom.xml``.",
    ),
    ConfigValue(
        "newsroom_feeds_per_tag",
        False,
        "html",
        (bool,),
        "Also write an Atom and an RSS feed for each tag: ``tags/<slug>/atom.xml``.",
    ),
)

_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def validate_config(app: Sphinx, config: Config) -> None:
    """Check the ``newsroom_*`` values on ``config-inited`` and say how to fix a bad one."""
    try:
        ZoneInfo(config.newsroom_timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        msg = _(
            "newsroom_timezone = %r is not an IANA time zone name; use one such as "
            "'UTC', 'Europe/Berlin' or 'Asia/Baku'."
        ) % (config.newsroom_timezone,)
        raise ConfigError(msg) from exc
    week_start = config.newsroom_week_start
    if week_start is not None and str(week_start).lower() not in WEEKDAYS:
        msg = _("newsroom_week_start = %r is not a weekday name; use one of %s or leave it unset.")
        raise ConfigError(msg % (week_start, ", ".join(repr(d) for d in WEEKDAYS)))
    if config.newsroom_prev_next not in ("site", "section"):
        msg = _("newsroom_prev_next = %r: use 'site' or 'section'.")
        raise ConfigError(msg % (config.newsroom_prev_next,))
    for key, entry in config.newsroom_authors.items():
        if not _KEY_RE.match(str(key)):
            msg = _(
                "newsroom_authors key %r: an author key is lowercase letters, digits and "
                "hyphens, e.g. 'jane-doe'."
            )
            raise ConfigError(msg % (key,))
        if not isinstance(entry, dict) or not entry.get("name"):
            msg = _(
                "newsroom_authors[%r] needs a dict with at least a 'name', "
                "e.g. {'name': 'Jane Doe'}."
            )
            raise ConfigError(msg % (key,))
    for key, entry in config.newsroom_labels.items():
        if entry is not None and not isinstance(entry, dict):
            msg = _("newsroom_labels[%r] must be a dict (text, suffix, schema) or None.")
            raise ConfigError(msg % (key,))
    for name in ("newsroom_related_limit", "newsroom_page_size", "newsroom_feed_length"):
        if int(getattr(config, name)) < 1:
            raise ConfigError(_("%s must be a positive whole number.") % name)


def setup_config(app: Sphinx) -> None:
    """Declare every ``newsroom_*`` value."""
    for value in CONFIG_VALUES:
        app.add_config_value(
            value.name,
            value.default,
            value.rebuild,  # type: ignore[arg-type]
            types=value.types,
            description=value.description,
        )
    app.connect("config-inited", validate_config, priority=800)
