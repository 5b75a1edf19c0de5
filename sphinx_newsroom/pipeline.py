"""The map of the build: which Sphinx event does what, in which order, and what pages read.

This module alone connects Sphinx events (:data:`EVENTS`) and alone knows what every page
shows from other documents (:data:`PAGE_PARTS`), which the incremental machinery
(``incremental.py``, a leaf that imports no feature) digests to decide what to rewrite.

The data flows one way::

    directives and fields ──▶ ArticleCollector / domains: plain values per document
        ──▶ Newsroom (articles.py): the chain, groups, memoised queries, one clock
        ──▶ page parts (html-page-context, doctree-resolved) and generated pages
            (html-collect-pages), feeds and sitemaps (build-finished)
        ──▶ templates under ``newsroom/`` (render.py) and the output record.

A new feature that shows something from other documents on a page adds a
:class:`PagePart` below; its ``inputs`` are required, so a page can never show a value the
incremental build does not know about.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sphinx_newsroom import incremental
from sphinx_newsroom.article_page import (
    article_tags_inputs,
    resolve_article_tags,
    resolve_lead_image,
)
from sphinx_newsroom.articles import (
    DATA_VERSION,
    check_fields,
    get_newsroom,
    remove_control_characters,
    warn_shared_urls,
    warn_slug_collisions,
)
from sphinx_newsroom.calendar import (
    calendar_inputs,
    compute_calendar,
    remember_names,
    resolve_calendars,
)
from sphinx_newsroom.config import check_config, sources_unpublished
from sphinx_newsroom.feeds import keep_full_text, write_feeds
from sphinx_newsroom.furniture import compute_furniture, furniture_inputs, write_latest_script
from sphinx_newsroom.head import (
    compute_article,
    compute_head,
    compute_language,
    head_inputs,
    remember_locale_facts,
)
from sphinx_newsroom.images import copy_images
from sphinx_newsroom.list_pages import collect_pages, record_pages, start_writing_pages
from sphinx_newsroom.listings import listing_inputs, resolve_article_lists
from sphinx_newsroom.navigation import compute_prev_next, prev_next_inputs, resolve_prev_next
from sphinx_newsroom.redirects import write_redirects
from sphinx_newsroom.related import (
    keep_rankings,
    rank_before_saving,
    rankings_made,
    related_inputs,
    release_rankings,
    resolve_related_lists,
)
from sphinx_newsroom.render import add_static_files, install_templates
from sphinx_newsroom.rst_shortcuts import shortcuts_as_before, take_shortcuts
from sphinx_newsroom.search import stem_once
from sphinx_newsroom.seo import check_policies, check_sharing_image
from sphinx_newsroom.series import resolve_series_nav, series_inputs
from sphinx_newsroom.settings_once import (
    make_settings_once,
    no_stylesheet_lookups,
    settings_as_before,
)
from sphinx_newsroom.sitemaps import write_sitemaps
from sphinx_newsroom.siteurl import share_asset_tags, warn_missing_site_url
from sphinx_newsroom.unpublished import (
    hide_unpublished,
    prune_search_index,
    record_toctrees,
    scrub_inventory,
)

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

ContextHelper = Callable[["Sphinx", str, dict[str, Any], "nodes.document | None"], None]
Resolver = Callable[["Sphinx", "nodes.document", str], None]


def own_document_only(env: BuildEnvironment, pagename: str) -> None:
    """Inputs of a part that shows nothing but the page's own document."""
    return None


@dataclass(frozen=True)
class PagePart:
    """Something pages show, how it gets there, and what it reads from other documents."""

    name: str
    #: What the part shows from other documents, as plain values (required: see above).
    inputs: incremental.PageInputs
    #: Adds template variables on ``html-page-context`` (every HTML page).
    context: ContextHelper | None = None
    #: Fills the part's placeholders on ``doctree-resolved`` (documents only).
    resolve: Resolver | None = None


def _with_builder(helper: Callable[[Any, str, dict[str, Any]], None]) -> ContextHelper:
    """Adapt a ``(builder, pagename, context)`` helper to :data:`ContextHelper`."""

    def adapted(
        app: Sphinx, pagename: str, context: dict[str, Any], doctree: nodes.document | None
    ) -> None:
        helper(app.builder, pagename, context)

    return functools.update_wrapper(adapted, helper)


#: Every part of a page, in the order ``html-page-context`` computes them.
PAGE_PARTS: tuple[PagePart, ...] = (
    # Head metadata first (canonical URL, Open Graph, JSON-LD, feed links): it runs before
    # sphinxext-opengraph, which reads our per-page overrides.
    PagePart("head", head_inputs, context=compute_head),
    PagePart("language", own_document_only, context=compute_language),
    PagePart("article", own_document_only, context=compute_article),
    PagePart("full text", own_document_only, context=keep_full_text),
    PagePart("lead image", own_document_only, resolve=resolve_lead_image),
    PagePart("series", series_inputs, resolve=resolve_series_nav),
    PagePart("tags", article_tags_inputs, resolve=resolve_article_tags),
    PagePart(
        "prev-next",
        prev_next_inputs,
        context=_with_builder(compute_prev_next),
        resolve=resolve_prev_next,
    ),
    PagePart("furniture", furniture_inputs, context=_with_builder(compute_furniture)),
    PagePart(
        "calendar",
        calendar_inputs,
        context=_with_builder(compute_calendar),
        resolve=resolve_calendars,
    ),
    PagePart("related", related_inputs, resolve=resolve_related_lists),
    PagePart("article lists", listing_inputs, resolve=resolve_article_lists),
)


def html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Add every part's template variables to an HTML page (``newsroom_…`` keys)."""
    if app.builder.format != "html":
        return
    for part in PAGE_PARTS:
        if part.context is not None:
            part.context(app, pagename, context, doctree)
    if getattr(app.builder, "implementation", None) is not None:
        # The json and pickle builders write the context itself: plain values only.
        for key in [key for key in context if key.startswith("newsroom_") or key == "_"]:
            context[key] = plain(context[key])


def plain(value: Any) -> Any:
    """Return *value* as JSON data: dataclasses as dicts, moments as ISO text, markup as text."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: plain(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(item) for item in value]
    if callable(value):
        return None
    return str(value)


def doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill the placeholders of every part (lists, calendars, related, prev/next).

    What the parts render shows other documents: it is marked ``no-search``, so that a page
    is found in the search index by its own text, not by its neighbours' titles.
    """
    for part in PAGE_PARTS:
        if part.resolve is not None:
            part.resolve(app, doctree, docname)


def _build_state(env: BuildEnvironment) -> Any:
    """What pages depend on besides config and domains: which articles are listed.

    The day of the build is not part of it: pages show the newest article's day, and the
    news sitemap (written whole every build) the last two days.
    """
    return [a.docname for a in get_newsroom(env).chain]


def _articles(env: BuildEnvironment) -> Any:
    return get_newsroom(env).articles


TRACKING = incremental.Tracking(
    inputs=tuple(part.inputs for part in PAGE_PARTS),
    state=_build_state,
    articles=_articles,
    version=DATA_VERSION,
    made_by_digests=rankings_made,
    keep_made=keep_rankings,
)


def start_tracking(app: Sphinx) -> None:
    """Tell the output record what pages depend on (:data:`TRACKING`)."""
    incremental.track(app, TRACKING)


def freeze_loaded_objects(app: Sphinx, *_args: Any) -> None:
    """On ``config-inited`` and ``builder-inited``: leave what is loaded out of garbage
    collections.

    At ``config-inited`` that is the modules of Sphinx, docutils and the extensions: Sphinx
    unpickles the last build's environment next, which makes enough objects for a full
    collection that would walk them all and find nothing (30 to 40 ms of a build with no
    change at 1,000 articles). At ``builder-inited`` it is that environment (thousands of
    articles' data): every full collection of the build would walk it again and find
    nothing (a tenth of publishing one article at 1,000).  Nothing is garbage yet, so
    nothing is kept alive; reference counting frees them as always, and :func:`unfreeze`
    hands them back to the collector when the build ends (:func:`freeze_for_writing` when
    writing starts, after a build that read many documents one after another).
    """
    gc.freeze()


#: Documents read between two freezes of what reading has made (:func:`freeze_what_was_read`).
FREEZE_EVERY = 100

#: Per application, in this process: ``[documents read, chunks merged]`` (``-j N``).
_reading: weakref.WeakKeyDictionary[Sphinx, list[int]] = weakref.WeakKeyDictionary()


def _collect_and_freeze() -> None:
    if gc.isenabled():
        gc.collect()
        gc.freeze()


def freeze_what_was_read(app: Sphinx, docname: str, source: list[str]) -> None:
    """On ``source-read``: every :data:`FREEZE_EVERY` documents, collect, then freeze.

    Sphinx keeps what it reads (and, reading serially, every doctree until it writes the
    page), so each full collection while reading walks everything read so far: the walks
    add up with the square of the site, 87 of plain Sphinx's 234 s at N = 10,000.
    Collected first, only live objects are frozen (but for the objects of the document
    about to be read); each later collection walks only what was read since.
    """
    counts = _reading.setdefault(app, [0, 0])
    counts[0] += 1
    if counts[0] % FREEZE_EVERY == 0:
        _collect_and_freeze()


def count_merged_chunks(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    """On ``env-merge-info`` (``-j N``): note that workers read, for
    :func:`freeze_what_was_merged`.

    Nothing is frozen while merging: each worker sends back its whole environment, which
    is garbage once merged, and frozen it would stay until the build ends (N = 3,000: 537
    instead of 326 MiB).
    """
    _reading.setdefault(app, [0, 0])[1] += 1


def freeze_what_was_merged(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """On ``env-get-updated``, last: freeze the environment workers read, once merged.

    Read by workers, the merged environment is all that reading made, and it lasts:
    collected once (the workers' environments) and frozen, it is left out of the main
    process's collections from here on: Sphinx's saving of the environment, which comes
    next, no longer sets off a full collection (70 of its 150 ms at N = 1,000 with
    ``-j 2``), nor does writing (at N = 3,000, 0.8 instead of 1.3 s), and it is out of
    the collections of the writing workers it forks.
    """
    counts = _reading.get(app)
    if counts is not None and counts[1]:
        counts[1] = 0
        _collect_and_freeze()
    return []


def freeze_for_writing(app: Sphinx, builder: Any) -> None:
    """On ``write-started``: hand back what reading froze.

    Read serially, the doctrees Sphinx kept to write are garbage once written, and frozen
    garbage is freed only when the build ends (1.2 times the memory): it is all handed
    back.  Read by workers, what they made was frozen once merged
    (:func:`freeze_what_was_merged`).  A build that read fewer than :data:`FREEZE_EVERY`
    documents (publishing an article) froze nothing but the loaded environment, which
    stays frozen (:func:`freeze_loaded_objects`).
    """
    read, _merged = _reading.pop(app, [0, 0])
    if read >= FREEZE_EVERY:
        gc.unfreeze()


def unfreeze(app: Sphinx, exception: BaseException | None) -> None:
    """On ``build-finished`` (also after a failure): undo :func:`freeze_loaded_objects`."""
    _reading.pop(app, None)
    gc.unfreeze()


@dataclass(frozen=True)
class Handler:
    """One row of the event table."""

    event: str
    handler: Callable[..., Any]
    priority: int
    why: str


#: Every Sphinx event the extension handles, in the order they fire.
EVENTS: tuple[Handler, ...] = (
    Handler("config-inited", check_config, 800, "check every newsroom_* value once"),
    Handler("config-inited", sources_unpublished, 800, "no _sources/ with the newsroom theme"),
    Handler("config-inited", add_static_files, 800, "the components' stylesheet"),
    Handler("config-inited", freeze_loaded_objects, 900, "modules out of GC walks"),
    Handler("builder-inited", install_templates, 500, "our templates, _ and filters"),
    Handler("builder-inited", start_tracking, 500, "what the output record digests"),
    Handler("builder-inited", freeze_loaded_objects, 900, "the loaded env out of GC walks"),
    Handler("builder-inited", warn_missing_site_url, 500, "one warning, before reading"),
    Handler("builder-inited", make_settings_once, 500, "docutils settings once, not per doc"),
    Handler("builder-inited", take_shortcuts, 500, "two docutils state machines skipped"),
    Handler("builder-inited", no_stylesheet_lookups, 500, "docutils' own CSS unused in HTML"),
    Handler("source-read", freeze_what_was_read, 100, "what was read out of GC walks"),
    Handler("source-read", remove_control_characters, 500, "no control character anywhere"),
    # Before Sphinx's metadata collector (500), which stores the fields and drops docinfo.
    Handler("doctree-read", check_fields, 400, "unreadable and unknown article fields"),
    Handler("doctree-read", record_toctrees, 500, "toctree entries as written"),
    Handler("env-merge-info", count_merged_chunks, 900, "-j N: workers read, for GC"),
    Handler("env-updated", hide_unpublished, 400, "drafts out of navigation and search"),
    Handler("env-updated", warn_shared_urls, 500, "two documents, one URL"),
    Handler("env-updated", warn_slug_collisions, 500, "two names, one page"),
    Handler("env-updated", check_policies, 500, "policy pages that do not exist"),
    Handler("env-updated", check_sharing_image, 500, "a publisher without a logo"),
    Handler("env-updated", remember_locale_facts, 500, "no locale data loaded to write"),
    Handler("env-updated", remember_names, 500, "calendar names kept: no locale data to write"),
    Handler("env-get-updated", incremental.changed_pages, 900, "pages whose inputs changed"),
    Handler("env-get-updated", rank_before_saving, 950, "-E: rankings in the saved env"),
    Handler("env-get-updated", record_pages, 950, "generated page names, for sitemaps"),
    Handler("env-get-updated", freeze_what_was_merged, 990, "-j N: merged env out of GC"),
    Handler("write-started", freeze_for_writing, 100, "kept doctrees freed once written"),
    Handler("write-started", release_rankings, 500, "rankings kept only as saved"),
    Handler("write-started", start_writing_pages, 500, "-j N: list pages beside documents"),
    Handler("doctree-resolved", doctree_resolved, 500, "fill the page parts' placeholders"),
    Handler("doctree-resolved", stem_once, 500, "search words stemmed once per build"),
    Handler("html-collect-pages", incremental.mark_collected, 100, "note pages are decided"),
    Handler("html-collect-pages", collect_pages, 500, "generated list pages that changed"),
    Handler("html-collect-pages", prune_search_index, 500, "drafts out of searchindex.js"),
    Handler("html-page-context", incremental.begin_pages, 100, "-j N: start list pages"),
    # Before sphinxext-opengraph (priority 500), which reads our per-page overrides.
    Handler("html-page-context", html_page_context, 450, "every part's template variables"),
    Handler("html-page-context", share_asset_tags, 500, "asset tags made once per depth"),
    Handler("build-finished", incremental.stop_writing, 100, "workers of a failed build"),
    Handler("build-finished", write_feeds, 500, "feeds, through the output record"),
    Handler("build-finished", write_sitemaps, 500, "sitemaps, through the output record"),
    Handler("build-finished", write_redirects, 500, "redirect pages at articles' old names"),
    Handler("build-finished", write_latest_script, 500, "the newest articles, for Latest"),
    Handler("build-finished", copy_images, 500, "article images, through the output record"),
    Handler("build-finished", scrub_inventory, 500, "drafts out of objects.inv"),
    Handler("build-finished", incremental.finish_outputs, 900, "delete what is gone, save"),
    Handler("build-finished", unfreeze, 950, "the collector walks everything again"),
    Handler("build-finished", settings_as_before, 950, "Sphinx's own settings function back"),
    Handler("build-finished", shortcuts_as_before, 950, "docutils' own methods back"),
)


def connect_events(app: Sphinx) -> None:
    """Connect every row of :data:`EVENTS`."""
    for row in EVENTS:
        app.connect(row.event, row.handler, priority=row.priority)
