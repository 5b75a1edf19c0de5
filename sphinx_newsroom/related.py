"""The ``related`` directive: "You might also like", chosen by hand and by relatedness.

Relatedness of a candidate to an article (contract, section 2) is the sum of:

* for each shared tag, ``weights["tag"]`` times the tag's rarity,
  ``log(1 + N / df) / log(1 + N)``, where *N* is the number of listed articles and *df*
  the number of them carrying the tag: 1 for a tag only one article has, falling smoothly
  (but never to 0) as a tag is carried by a larger share of all articles;
* ``weights["section"]`` for the same section;
* ``weights["author"]`` for each shared author.

Only candidates sharing a tag or the section qualify. They are ordered by score, then by
closeness in time to the article, then newer first, then by document name.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join, logging

from sphinx_newsroom import nodes as nr_nodes
from sphinx_newsroom.article_page import ASIDE_CLASS, WEBSITE_BUILDERS
from sphinx_newsroom.articles import ArticleInfo, DocumentDataDomain, Newsroom, get_newsroom
from sphinx_newsroom.config import settings
from sphinx_newsroom.dates import iso
from sphinx_newsroom.formatting import display_date, local_moment, moment_data
from sphinx_newsroom.locale import _
from sphinx_newsroom.options import NewsroomDirective, TolerantOptions
from sphinx_newsroom.render import render
from sphinx_newsroom.slugs import slugify

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RelatedEntry:
    """One document named in a ``related`` body: the name resolved, as written, and where."""

    docname: str
    text: str
    #: ``path:line`` of the entry in its source file.
    location: str


@dataclass(frozen=True)
class RelatedRequest:
    """One ``related`` directive, as plain values."""

    docname: str
    entries: tuple[RelatedEntry, ...] = ()
    limit: int | None = None


def related_weights(config: Config) -> dict[str, float]:
    """Return the score weights: ``newsroom_related_weights`` merged over the defaults."""
    return dict(settings(config).related_weights)


# Scoring --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Features:
    """What relatedness compares, computed once per article and build."""

    tags: frozenset[str]
    section: str
    authors: frozenset[str]
    timestamp: float


def _features(article: ArticleInfo) -> _Features:
    return _Features(
        frozenset(slugify(tag) for tag in article.tags),
        article.section_slug,
        frozenset(author.slug for author in article.authors),
        article.published.timestamp() if article.published is not None else 0.0,
    )


@dataclass(frozen=True)
class _Index:
    """The listed articles' features, and who carries each tag and section."""

    features: dict[str, _Features]
    by_tag: dict[str, tuple[str, ...]]
    by_section: dict[str, tuple[str, ...]]
    rarity: dict[str, float]


def _index(newsroom: Newsroom) -> _Index:
    return newsroom.memo(_make_index)


def _make_index(newsroom: Newsroom) -> _Index:
    features = {article.docname: _features(article) for article in newsroom.chain}
    by_tag: dict[str, list[str]] = {}
    by_section: dict[str, list[str]] = {}
    for docname, feature in features.items():
        for slug in feature.tags:
            by_tag.setdefault(slug, []).append(docname)
        if feature.section:
            by_section.setdefault(feature.section, []).append(docname)
    total = len(features)
    return _Index(
        features,
        {slug: tuple(names) for slug, names in by_tag.items()},
        {slug: tuple(names) for slug, names in by_section.items()},
        {
            slug: math.log(1 + total / len(names)) / math.log(1 + total)
            for slug, names in by_tag.items()
        },
    )


def tag_rarity(newsroom: Newsroom) -> dict[str, float]:
    """Return the rarity factor (0, 1] of every tag carried by a listed article."""
    return _index(newsroom).rarity


def relatedness(
    article: ArticleInfo,
    candidate: ArticleInfo,
    rarity: dict[str, float],
    weights: Mapping[str, float],
) -> float | None:
    """Return how related *candidate* is to *article*, or ``None`` if it does not qualify."""
    return _score(_features(article), _features(candidate), rarity, weights)


def _score(
    mine: _Features, theirs: _Features, rarity: dict[str, float], weights: Mapping[str, float]
) -> float | None:
    shared_tags = sorted(mine.tags & theirs.tags)
    same_section = bool(mine.section) and mine.section == theirs.section
    if not shared_tags and not same_section:
        return None
    score = sum(weights["tag"] * rarity.get(slug, 1.0) for slug in shared_tags)
    score += weights["section"] if same_section else 0.0
    score += weights["author"] * len(mine.authors & theirs.authors)
    return score


def ranked_candidates(
    newsroom: Newsroom,
    article: ArticleInfo,
    weights: Mapping[str, float],
    count: int | None = None,
) -> list[ArticleInfo]:
    """Return the listed articles related to *article*, best first (the best *count*).

    The same scores as :func:`relatedness`, added up along the index of who carries each
    tag and section, so that only articles sharing one are looked at at all.
    """
    index = _index(newsroom)
    mine = index.features.get(article.docname) or _features(article)
    scores: dict[str, float] = {}
    tag_weight = weights["tag"]
    # Tags in sorted order, as relatedness() adds them: the same sums, to the last bit.
    for slug in sorted(mine.tags):
        term = tag_weight * index.rarity.get(slug, 1.0)
        for name in index.by_tag.get(slug, ()):
            scores[name] = scores.get(name, 0) + term
    if mine.section:
        section_weight = weights["section"]
        for name in index.by_section.get(mine.section, ()):
            scores[name] = scores.get(name, 0) + section_weight
    scores.pop(article.docname, None)
    author_weight = weights["author"]
    features = index.features
    keys = []
    for name, score in scores.items():
        theirs = features[name]
        score += author_weight * len(mine.authors & theirs.authors)
        distance = abs(theirs.timestamp - mine.timestamp) if article.published else 0.0
        # Rounded so that sums of the same weights in another order still tie.
        keys.append((-round(score, 9), distance, -theirs.timestamp, name))
    best = sorted(keys) if count is None else heapq.nsmallest(count, keys)
    return [newsroom.articles[key[-1]] for key in best]


def _entry_problem(newsroom: Newsroom, request: RelatedRequest, entry: RelatedEntry) -> str:
    if entry.docname == request.docname:
        return "self"
    if entry.docname not in newsroom.articles:
        return "not-article"
    if not newsroom.is_listed(entry.docname):
        return "unlisted"
    return ""


def resolve_related(
    newsroom: Newsroom, request: RelatedRequest
) -> tuple[list[ArticleInfo], list[tuple[RelatedEntry, str]]]:
    """Return a block's articles (named ones first, then the best others) and bad entries.

    Cached per build: the digest pass after reading and the page itself ask the same.
    """
    return newsroom.memo(_resolve, request)


def _resolve(
    newsroom: Newsroom, request: RelatedRequest
) -> tuple[list[ArticleInfo], list[tuple[RelatedEntry, str]]]:
    weights = newsroom.settings.related_weights
    limit = request.limit or newsroom.settings.related_limit
    chosen: dict[str, ArticleInfo] = {}
    problems: list[tuple[RelatedEntry, str]] = []
    for entry in request.entries:
        problem = _entry_problem(newsroom, request, entry)
        if problem:
            problems.append((entry, problem))
        elif entry.docname not in chosen and len(chosen) < limit:
            chosen[entry.docname] = newsroom.articles[entry.docname]
    article = newsroom.articles.get(request.docname)
    if article is not None and len(chosen) < limit:
        for candidate in ranked_candidates(newsroom, article, weights, limit + len(chosen)):
            chosen.setdefault(candidate.docname, candidate)
            if len(chosen) >= limit:
                break
    return list(chosen.values()), problems


# The directive --------------------------------------------------------------------------------


class RelatedDomain(DocumentDataDomain):
    """The ``related`` directives of each document, as plain :class:`RelatedRequest` values."""

    name = "newsroom-related"
    label = "Newsroom related articles"
    data_version = 1
    per_document = ("requests",)
    initial_data: ClassVar[dict[str, Any]] = {"requests": {}}

    @property
    def requests(self) -> dict[str, list[RelatedRequest]]:
        return self.data["requests"]

    def add_request(self, request: RelatedRequest) -> None:
        self.requests.setdefault(request.docname, []).append(request)


def _related_domain(env: BuildEnvironment) -> RelatedDomain:
    domain = env.get_domain(RelatedDomain.name)
    assert isinstance(domain, RelatedDomain)
    return domain


class RelatedDirective(NewsroomDirective):
    """``.. related::`` with document names in its body, ``:limit:`` and ``:title:``."""

    has_content = True
    option_spec = TolerantOptions(limit=directives.unchanged, title=directives.unchanged)

    def run(self) -> list[nodes.Node]:
        options = self.known_options()
        docname = self.env.docname
        request = RelatedRequest(docname, tuple(self._entries()), self._limit(options))
        _related_domain(self.env).add_request(request)
        title = " ".join(str(options.get("title") or "").split())
        node = nr_nodes.related_list(classes=[ASIDE_CLASS], request=request, title=title)
        self.set_source_info(node)
        return [node]

    def _limit(self, options: dict[str, Any]) -> int | None:
        raw = str(options.get("limit") or "").strip()
        if not raw:
            return None
        if raw.isdigit() and int(raw) > 0:
            return int(raw)
        self.warn(
            "related",
            "related :limit: %r is not a positive whole number; using newsroom_related_limit",
            raw,
        )
        return None

    def _entries(self) -> Iterable[RelatedEntry]:
        suffixes = tuple(self.config.source_suffix)
        for index, line in enumerate(self.content):
            text = line.strip()
            if not text:
                continue
            name = text
            for suffix in suffixes:
                if name.endswith(suffix):
                    name = name.removesuffix(suffix)
                    break
            # Like toctree entries: relative to this document, or absolute with a leading "/";
            # else from the source root ("world/2024/talks" from any folder).
            docname = docname_join(self.env.docname, name)
            if docname not in self.env.found_docs and not name.startswith("/"):
                from_root = docname_join("index", name)
                if from_root in self.env.found_docs:
                    docname = from_root
            yield RelatedEntry(docname, text, self._entry_location(index))

    def _entry_location(self, index: int) -> str:
        if type(self.state).__module__.startswith("myst_parser"):
            # MyST counts content offsets from the directive's own line.
            source, line = self.get_source_info()
            return f"{source}:{(line or 0) + self.content_offset + index + 1}"
        # reStructuredText offsets are absolute (0-based), and map to included files too.
        found = self.state_machine.get_source_and_line(self.content_offset + index + 1)
        if found[0] is None or found[1] is None:  # past the end of the input
            return self.get_location()
        return f"{found[0]}:{found[1]}"


class RelatedPlacement(SphinxPostTransform):
    """Lift ``related`` blocks to the article's top section, so they sit outside its text.

    Runs before :class:`~sphinx_newsroom.article_page.ArticleStructure` (priority 900), which
    keeps the top section's asides out of ``e-content``.
    """

    default_priority = 880
    builders = WEBSITE_BUILDERS

    def run(self, **kwargs: Any) -> None:
        if self.document.next_node(nr_nodes.byline) is None:
            return
        section = self.document.next_node(nodes.section)
        if section is None:
            return
        for node in list(section.findall(nr_nodes.related_list)):
            if node.parent is not section:
                node.parent.remove(node)
                section.append(node)


# Rendering ------------------------------------------------------------------------------------


def related_html(
    builder: Builder, pagename: str, title: str, ident: str, articles: list[ArticleInfo]
) -> str:
    """Return the "You might also like" block from ``newsroom/related.html``."""
    config = builder.config
    data = {
        "id": ident,
        "title": title,
        "articles": [
            {
                "title": article.headline,
                "link": builder.get_relative_uri(pagename, article.docname),
                "published": (
                    moment_data(article.published, config, with_time=False)
                    if article.published is not None
                    else None
                ),
            }
            for article in articles
        ],
    }
    return str(render(builder, "newsroom/related.html", related=data))


def related_nodes(
    builder: Builder, pagename: str, title: str, articles: list[ArticleInfo]
) -> nodes.Element:
    """Return the block as plain doctree nodes, for builders other than HTML."""
    items = nodes.bullet_list()
    for article in articles:
        uri = builder.get_relative_uri(pagename, article.docname)
        paragraph = nodes.paragraph()
        paragraph += nodes.reference("", article.headline, internal=True, refuri=uri)
        if article.published is not None:
            day = local_moment(article.published, builder.config).date()
            paragraph += nodes.Text(f" ({display_date(day, builder.config)})")
        items += nodes.list_item("", paragraph)
    block = nodes.container(classes=["newsroom-related"])
    block += nodes.rubric("", title)
    block += items
    return block


def _unique_id(doctree: nodes.document, taken: set[str]) -> str:
    number = 1
    while True:
        ident = "newsroom-related" if number == 1 else f"newsroom-related-{number}"
        if ident not in doctree.ids and ident not in taken:
            taken.add(ident)
            return ident
        number += 1


def _warn_entry(env: BuildEnvironment, entry: RelatedEntry, problem: str) -> None:
    if problem == "self":
        reason = "names the article itself"
    elif problem == "unlisted":
        article = get_newsroom(env).articles[entry.docname]
        if article.published is None:
            reason = "has no date that could be read"
        elif article.status == "draft":
            reason = "is a draft"
        else:
            reason = "is not published yet"
    elif entry.docname in env.found_docs:
        reason = "is not an article (it has no byline)"
    else:
        reason = "is not a document"
    logger.warning(
        "related entry %r (%s) %s; it is skipped",
        entry.text,
        entry.docname,
        reason,
        type="newsroom",
        subtype="related",
        location=entry.location,
    )


def resolve_related_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved``: replace each ``related`` placeholder by its list."""
    placeholders = list(doctree.findall(nr_nodes.related_list))
    if not placeholders:
        return
    newsroom = get_newsroom(app.env)
    taken: set[str] = set()
    for node in placeholders:
        request: RelatedRequest = node["request"]
        articles, problems = resolve_related(newsroom, request)
        for entry, problem in problems:
            _warn_entry(app.env, entry, problem)
        if not articles:
            node.parent.remove(node)
            continue
        title = node["title"] or str(_("You might also like"))
        if app.builder.format == "html":
            html = related_html(app.builder, docname, title, _unique_id(doctree, taken), articles)
            new: nodes.Element = nr_nodes.rendered(html)
        else:
            new = related_nodes(app.builder, docname, title, articles)
        # Not replace_self: it would copy the placeholder's classes onto a wrapping <div>.
        node.parent.replace(node, new)


def related_inputs(env: BuildEnvironment, docname: str) -> Any:
    """What a page's related blocks list (names, titles, dates), for incremental rebuilds."""
    requests = _related_domain(env).requests.get(docname)
    if not requests:
        return None
    newsroom = get_newsroom(env)
    return [
        [
            (a.docname, a.headline, iso(a.published) if a.published else "")
            for a in resolve_related(newsroom, request)[0]
        ]
        for request in requests
    ]


def setup_related(app: Sphinx) -> None:
    """Register the ``related`` directive, its placeholder, placement and resolver."""
    skip = nr_nodes.skipped_everywhere()
    app.add_node(nr_nodes.related_list, **skip)  # type: ignore[arg-type]
    app.add_domain(RelatedDomain)
    app.add_directive("related", RelatedDirective)
    app.add_post_transform(RelatedPlacement)
