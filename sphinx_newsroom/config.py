"""Configuration values of sphinx-newsroom: declared once, typed, described, validated."""

from __future__ import annotations

import re
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sphinx.errors import ConfigError
from sphinx.util import logging

from sphinx_newsroom.locale import _, babel_locale
from sphinx_newsroom.slugs import is_author_key

if TYPE_CHECKING:
    from babel import Locale
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

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
        "The publishing organisation: a dict with ``name`` (default: ``project``), ``url``, "
        "``logo`` (an absolute URL or a path under the output root; Google's article results "
        "ask for it, and a site URL without a logo is a warning), and the policy pages a "
        "newsroom publishes, each a URL or a document name: ``mission``, ``masthead``, "
        "``ethics_policy``, ``corrections_policy``, ``fact_checking_policy``, "
        "``unnamed_sources_policy``, ``diversity_policy``, ``ownership_funding`` and "
        "``feedback_policy``. They go into the publisher's JSON-LD and the newsroom theme's "
        'footer; with ``feedback_policy``, every article links it as "Report an error".',
    ),
    ConfigValue(
        "newsroom_default_image",
        "",
        "html",
        (str,),
        "The image of articles that have none of their own, for link previews and search "
        "results (``og:image``, ``twitter:image``, JSON-LD ``image``): an absolute URL or a "
        "path under the output root, e.g. ``_static/share.png``. Unset, the publisher's "
        "``logo`` stands in.",
    ),
    ConfigValue(
        "newsroom_reading_speed",
        230,
        "html",
        (int,),
        "Words a minute for the reading time in the byline (Chinese and Japanese text is "
        "counted by characters).",
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
        "profile elsewhere), ``bio``, ``image``, ``job_title`` (their role), ``knows_about`` "
        "(a list of fields of expertise) and ``same_as`` (a list of profile URLs). Bylines "
        "use the keys; the author's page and structured data show the rest.",
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


# -- the typed settings: validated once, read through :func:`settings` ----------------------


@dataclass(frozen=True)
class Label:
    """A kind of article: its badge text, optional title suffix and schema.org type."""

    key: str
    text: str
    suffix: str = ""
    schema: str = "NewsArticle"


@dataclass(frozen=True)
class AuthorProfile:
    """An entry of the author registry (``newsroom_authors``)."""

    key: str
    name: str
    url: str = ""
    bio: str = ""
    image: str = ""
    #: Role at the newsroom ("Energy correspondent").
    job_title: str = ""
    #: Fields of expertise.
    knows_about: tuple[str, ...] = ()
    #: Profiles elsewhere (the author's site, social accounts).
    same_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class Publisher:
    """The publishing organisation (``newsroom_publisher``); ``logo`` as configured."""

    name: str
    url: str = ""
    logo: str = ""
    #: Its published policies: key of :data:`POLICIES` → a URL or a document name.
    policies: Mapping[str, str] = field(default_factory=dict)


#: The policy pages a newsroom publishes (``newsroom_publisher`` keys), in the order the
#: footer lists them: the schema.org property of ``NewsMediaOrganization`` and the
#: link's text.
POLICIES: dict[str, tuple[str, str]] = {
    "mission": ("publishingPrinciples", _("Mission")),
    "masthead": ("masthead", _("Masthead")),
    "ethics_policy": ("ethicsPolicy", _("Ethics policy")),
    "corrections_policy": ("correctionsPolicy", _("Corrections policy")),
    "fact_checking_policy": ("verificationFactCheckingPolicy", _("Fact-checking policy")),
    "unnamed_sources_policy": ("unnamedSourcesPolicy", _("Unnamed sources policy")),
    "diversity_policy": ("diversityPolicy", _("Diversity policy")),
    "ownership_funding": ("ownershipFundingInfo", _("Ownership and funding")),
    "feedback_policy": ("actionableFeedbackPolicy", _("Feedback policy")),
}


DEFAULT_WEIGHTS: dict[str, float] = {"tag": 80.0, "section": 30.0, "author": 20.0}

#: Colour options of the newsroom theme and the colour used when one is not a CSS colour.
COLOUR_OPTIONS = {"accent_color": "#b3261e", "accent_color_dark": "#ff8a80"}

#: CSS colours a theme option may set: hex, rgb()/hsl()/oklch() and friends, or a name.
_COLOUR_RE = re.compile(
    r"^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla|oklch|oklab|lab|lch)\([0-9.,%/\s-]+\)|[a-zA-Z]+)$"
)


def builtin_labels() -> dict[str, Label]:
    """Return the built-in labels (texts translated lazily, in the site's language)."""
    return {
        "opinion": Label("opinion", _("Opinion"), _("OPINION"), "OpinionNewsArticle"),
        "analysis": Label("analysis", _("Analysis"), "", "AnalysisNewsArticle"),
        "editorial": Label("editorial", _("Editorial"), "", "OpinionNewsArticle"),
        "review": Label("review", _("Review"), "", "ReviewNewsArticle"),
        "sponsored": Label("sponsored", _("Sponsored"), "", "AdvertiserContentArticle"),
        "breaking": Label("breaking", _("Breaking"), "", "NewsArticle"),
        "fact-check": Label("fact-check", _("Fact check"), "", "NewsArticle"),
        "background": Label("background", _("Background"), "", "BackgroundNewsArticle"),
        "reportage": Label("reportage", _("Reportage"), "", "ReportageNewsArticle"),
        "satire": Label("satire", _("Satire"), _("SATIRE"), "SatiricalArticle"),
    }


@dataclass(frozen=True)
class Settings:
    """Every ``newsroom_*`` value, checked and converted once (see :func:`settings`)."""

    site_url: str
    publisher: Publisher
    default_image: str
    reading_speed: int
    timezone: ZoneInfo
    authors: Mapping[str, AuthorProfile]
    labels: Mapping[str, Label]
    week_start: int | None
    prev_next: str
    related_limit: int
    related_weights: Mapping[str, float]
    page_size: int
    feed_length: int
    feed_fulltext: bool
    feeds_per_author: bool
    feeds_per_tag: bool
    language: str
    accent: str = COLOUR_OPTIONS["accent_color"]
    accent_dark: str = COLOUR_OPTIONS["accent_color_dark"]
    _authors_by_name: Mapping[str, str] = field(default_factory=dict, repr=False)

    @property
    def locale(self) -> Locale:
        """Return the Babel locale of the site's language (English when unknown)."""
        return babel_locale(self.language)

    @property
    def language_tag(self) -> str:
        """Return the site's language as a BCP 47 tag (``en``, ``pt-BR``) for every output."""
        return (self.language or "en").replace("_", "-")

    def author_by_name(self, name: str) -> AuthorProfile | None:
        """Return the registry entry whose name is *name* (ignoring case), if any."""
        key = self._authors_by_name.get(name.casefold())
        return self.authors[key] if key is not None else None


def _fail(message: object, *args: object) -> ConfigError:
    """Return the ConfigError of a translated *message* (``_("…")``) filled with *args*."""
    return ConfigError(str(message) % args if args else str(message))


def _positive_int(config: Config, name: str) -> int:
    value = getattr(config, name)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _fail(_("%s = %r: use a positive whole number, e.g. 20."), name, value)
    return value


def _flag(config: Config, name: str) -> bool:
    value = getattr(config, name)
    if not isinstance(value, bool):
        raise _fail(_("%s = %r: use True or False."), name, value)
    return value


def _string(config: Config, name: str) -> str:
    value = getattr(config, name)
    if not isinstance(value, str):
        raise _fail(_("%s = %r: use a text, e.g. '_static/share.png'."), name, value)
    return value.strip()


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _timezone(config: Config) -> ZoneInfo:
    name = config.newsroom_timezone
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise _fail(
            _(
                "newsroom_timezone = %r is not an IANA time zone name; use one such as "
                "'UTC', 'Europe/Berlin' or 'Asia/Baku'."
            ),
            name,
        ) from exc


def _week_start(config: Config) -> int | None:
    value = config.newsroom_week_start
    if value is None or value == "":
        return None
    if not isinstance(value, str) or value.strip().lower() not in WEEKDAYS:
        raise _fail(
            _("newsroom_week_start = %r is not a weekday name; use one of %s or leave it unset."),
            value,
            ", ".join(repr(d) for d in WEEKDAYS),
        )
    return WEEKDAYS.index(value.strip().lower())


def _publisher(config: Config) -> Publisher:
    entry = config.newsroom_publisher
    if not isinstance(entry, Mapping):
        raise _fail(
            _(
                "newsroom_publisher = %r: use a dict such as "
                "{'name': 'The Courier', 'url': 'https://news.example.org/', "
                "'logo': '_static/logo.png'}."
            ),
            entry,
        )
    unknown = sorted(set(entry) - {"name", "url", "logo", *POLICIES})
    if unknown:
        raise _fail(
            _("newsroom_publisher has no key %r; its keys are name, url, logo and %s."),
            unknown[0],
            ", ".join(POLICIES),
        )
    return Publisher(
        name=_text(entry.get("name")) or _text(config.project),
        url=_text(entry.get("url")),
        logo=_text(entry.get("logo")),
        policies={key: _text(entry[key]) for key in POLICIES if _text(entry.get(key))},
    )


#: The two ways a ``key → entry`` setting can be wrong: not a dict, or a badly written key.
_KEYED_MESSAGES = {
    "newsroom_authors": (
        _(
            "newsroom_authors = %r: use a dict of author key to entry, "
            "e.g. {'jane-doe': {'name': 'Jane Doe'}}."
        ),
        _(
            "newsroom_authors key %r: an author key is lowercase letters and digits "
            "joined by single hyphens, e.g. 'jane-doe'."
        ),
    ),
    "newsroom_labels": (
        _(
            "newsroom_labels = %r: use a dict of label key to entry, "
            "e.g. {'obituary': {'text': 'Obituary'}}."
        ),
        _(
            "newsroom_labels key %r: a label key is lowercase letters and digits "
            "joined by hyphens, e.g. 'fact-check'."
        ),
    ),
}


def _keyed(config: Config, name: str) -> Mapping[str, Any]:
    """Return a ``key → entry`` setting after checking it is a dict keyed like ``jane-doe``."""
    value = getattr(config, name)
    not_a_dict, bad_key = _KEYED_MESSAGES[name]
    if not isinstance(value, Mapping):
        raise _fail(not_a_dict, type(value).__name__)
    for key in value:
        if not isinstance(key, str) or not is_author_key(key):
            raise _fail(bad_key, key)
    return value


def _authors(config: Config) -> dict[str, AuthorProfile]:
    registry = _keyed(config, "newsroom_authors")
    authors = {}
    for key, entry in registry.items():
        if not isinstance(entry, Mapping) or not _text(entry.get("name")):
            raise _fail(
                _(
                    "newsroom_authors[%r] needs a dict with at least a 'name', "
                    "e.g. {'name': 'Jane Doe'}."
                ),
                key,
            )
        authors[key] = AuthorProfile(
            key,
            _text(entry["name"]),
            url=_text(entry.get("url")),
            bio=_text(entry.get("bio")),
            image=_text(entry.get("image")),
            job_title=_text(entry.get("job_title")),
            knows_about=_texts(key, "knows_about", entry.get("knows_about")),
            same_as=_texts(key, "same_as", entry.get("same_as")),
        )
    return authors


def _texts(key: str, field_name: str, value: object) -> tuple[str, ...]:
    """Read a list of texts of an author entry (one text is a list of one)."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise _fail(
            _("newsroom_authors[%r][%r] = %r: use a list of texts, e.g. ['Energy', 'Oil']."),
            key,
            field_name,
            value,
        )
    return tuple(text for text in (_text(item) for item in value) if text)


def _labels(config: Config) -> dict[str, Label]:
    entries = _keyed(config, "newsroom_labels")
    labels = builtin_labels()
    for key, entry in entries.items():
        if entry is None:
            labels.pop(key, None)
            continue
        if not isinstance(entry, Mapping) or any(
            name not in ("text", "suffix", "schema") or not isinstance(value, (str, type(None)))
            for name, value in entry.items()
        ):
            raise _fail(
                _(
                    "newsroom_labels[%r] = %r: use a dict of strings with 'text', 'suffix' and "
                    "'schema' (each optional), or None to remove a built-in label."
                ),
                key,
                entry,
            )
        base = labels.get(key, Label(key, key.replace("-", " ").title()))
        labels[key] = Label(
            key,
            entry.get("text") or base.text,
            entry["suffix"] or "" if "suffix" in entry else base.suffix,
            entry.get("schema") or base.schema,
        )
    return labels


def _weights(config: Config) -> dict[str, float]:
    given = config.newsroom_related_weights
    if not isinstance(given, Mapping):
        raise _fail(_("newsroom_related_weights = %r: use a dict such as {'tag': 80}."), given)
    weights = dict(DEFAULT_WEIGHTS)
    for key, value in given.items():
        if key not in DEFAULT_WEIGHTS:
            raise _fail(
                _("newsroom_related_weights has no weight %r; the weights are %s."),
                key,
                ", ".join(repr(k) for k in DEFAULT_WEIGHTS),
            )
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _fail(
                _("newsroom_related_weights[%r] = %r: a weight is a number, e.g. 80."), key, value
            )
        weights[key] = float(value)
    return weights


def _prev_next(config: Config) -> str:
    if config.newsroom_prev_next not in ("site", "section"):
        raise _fail(
            _("newsroom_prev_next = %r: use 'site' or 'section'."), config.newsroom_prev_next
        )
    return str(config.newsroom_prev_next)


def _site_url(config: Config) -> str:
    value = config.newsroom_site_url or config.html_baseurl or ""
    if not isinstance(value, str):
        raise _fail(
            _("newsroom_site_url = %r: use a URL such as 'https://news.example.org/'."), value
        )
    value = value.strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        logger.warning(
            "newsroom_site_url = %r is not an http(s) address such as "
            "'https://news.example.org/'; it is ignored, as if it were not set",
            value,
            type="newsroom",
            subtype="config",
        )
        return ""
    return value.rstrip("/") + "/"


def _colour(config: Config, option: str) -> str:
    """Return a colour theme option, warning once (and using the default) if it is no colour."""
    options = config.html_theme_options if isinstance(config.html_theme_options, Mapping) else {}
    text = _text(options.get(option))
    if text and not _COLOUR_RE.match(text):
        logger.warning(
            "html_theme_options[%r] = %r is not a CSS colour; using %s",
            option,
            text,
            COLOUR_OPTIONS[option],
            type="newsroom",
            subtype="theme",
        )
        return COLOUR_OPTIONS[option]
    return text or COLOUR_OPTIONS[option]


def build_settings(config: Config) -> Settings:
    """Check every ``newsroom_*`` value and return them typed; raise a helpful ConfigError."""
    authors = _authors(config)
    return Settings(
        site_url=_site_url(config),
        publisher=_publisher(config),
        default_image=_string(config, "newsroom_default_image"),
        reading_speed=_positive_int(config, "newsroom_reading_speed"),
        timezone=_timezone(config),
        authors=authors,
        labels=_labels(config),
        week_start=_week_start(config),
        prev_next=_prev_next(config),
        related_limit=_positive_int(config, "newsroom_related_limit"),
        related_weights=_weights(config),
        page_size=_positive_int(config, "newsroom_page_size"),
        feed_length=_positive_int(config, "newsroom_feed_length"),
        feed_fulltext=_flag(config, "newsroom_feed_fulltext"),
        feeds_per_author=_flag(config, "newsroom_feeds_per_author"),
        feeds_per_tag=_flag(config, "newsroom_feeds_per_tag"),
        language=str(config.language or "en"),
        accent=_colour(config, "accent_color"),
        accent_dark=_colour(config, "accent_color_dark"),
        _authors_by_name={entry.name.casefold(): key for key, entry in authors.items()},
    )


# One Settings per Config object, made on ``config-inited`` and dropped with the Config.
_settings: weakref.WeakKeyDictionary[Config, Settings] = weakref.WeakKeyDictionary()


def settings(config: Config) -> Settings:
    """Return the checked, typed ``newsroom_*`` settings of *config* (the one accessor)."""
    found = _settings.get(config)
    if found is None:
        found = _settings[config] = build_settings(config)
    return found


def check_config(app: Sphinx, config: Config) -> None:
    """On ``config-inited``: check the settings once; a bad value stops with a ConfigError."""
    _settings.pop(config, None)
    settings(config)


def sources_unpublished(app: Sphinx, config: Config) -> None:
    """On ``config-inited``: with the newsroom theme, Sphinx copies no document's source
    into ``_sources/`` unless ``conf.py`` or ``-D`` sets ``html_copy_source``.

    The theme links no page to its source, and an article's source may hold what its page
    does not show (comments for the desk, notes on sources): copied, it would be
    published at an address anyone can guess from the page's.  Other themes show a
    "source" link and keep Sphinx's default.
    """
    if config.html_theme != "newsroom" or "html_copy_source" in config.overrides:
        return
    if "html_copy_source" not in getattr(config, "_raw_config", {}):
        config.html_copy_source = False


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
