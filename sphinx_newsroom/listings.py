"""The ``article-list`` directive, and the article lists that generated pages share with it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from markupsafe import Markup
from sphinx.util import logging

from sphinx_newsroom import nodes as nr_nodes
from sphinx_newsroom.articles import ArticleInfo, DocumentDataDomain, Newsroom, get_newsroom
from sphinx_newsroom.config import settings
from sphinx_newsroom.dates import iso
from sphinx_newsroom.formatting import display_moment, local_moment
from sphinx_newsroom.incremental import digest
from sphinx_newsroom.locale import _
from sphinx_newsroom.options import NewsroomDirective, TolerantOptions
from sphinx_newsroom.render import render
from sphinx_newsroom.siteurl import (
    CLIMB_MARK,
    address,
    climb,
    climbed,
    is_url,
    is_web_builder,
    page_link,
    resource_path,
    resource_uri,
)
from sphinx_newsroom.slugs import clean_text, slugify

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


logger = logging.getLogger(__name__)

STYLES = ("summary", "titles", "cards")


@dataclass(frozen=True)
class ListSpec:
    """What one ``article-list`` shows: its filters (combined with AND), limit and style."""

    section: str = ""
    tag: str = ""
    author: str = ""
    label: str = ""
    limit: int | None = None
    style: str = "summary"
    title: str = ""
    #: Only featured articles (``:featured:``), else the newest when none passes.
    featured: bool = False
    #: Only the parts of one series (``:series:``), oldest first.
    series: str = ""

    def matches(self, article: ArticleInfo) -> bool:
        """Return whether *article* passes every filter of this list."""
        return (
            _matches_section(article, self.section)
            and _matches_tag(article, self.tag)
            and _matches_author(article, self.author)
            and (not self.label or article.label == self.label.lower())
            and (not self.series or _matches_series(article, self.series))
        )


def _same(value: str, wanted: str) -> bool:
    return value.casefold() == wanted.casefold() or slugify(value) == slugify(wanted)


def _matches_section(article: ArticleInfo, wanted: str) -> bool:
    return not wanted or (bool(article.section) and _same(article.section, wanted))


def _matches_tag(article: ArticleInfo, wanted: str) -> bool:
    return not wanted or any(_same(tag, wanted) for tag in article.tags)


def _matches_series(article: ArticleInfo, wanted: str) -> bool:
    return bool(article.series) and _same(article.series, wanted)


def _matches_author(article: ArticleInfo, wanted: str) -> bool:
    if not wanted:
        return True
    return any(
        author.key == wanted or author.slug == wanted or _same(author.name, wanted)
        for author in article.authors
    )


def select_articles(newsroom: Newsroom, spec: ListSpec, default_limit: int) -> list[ArticleInfo]:
    """Return the listed articles that *spec* shows, newest first, at most its limit.

    A series is listed in reading order, oldest part first.  A ``:featured:`` list shows
    the featured articles among those that pass its filters, and the newest of them when
    none is featured: a front page's lead story is never empty.
    """
    chosen = [article for article in newsroom.newest_first() if spec.matches(article)]
    if spec.featured:
        chosen = [article for article in chosen if article.featured] or chosen
    if spec.series:
        chosen.reverse()
    return chosen[: spec.limit or default_limit]


class ListingsDomain(DocumentDataDomain):
    """Plain data of lists: each document's ``article-list`` specs, and generated pages."""

    name = "newsroom-listings"
    label = "Newsroom listings"
    data_version = 2
    per_document = ("lists",)
    initial_data: ClassVar[dict[str, Any]] = {"lists": {}, "generated": {}}

    @property
    def lists(self) -> dict[str, list[ListSpec]]:
        """Return the ``article-list`` specs of each document, in document order."""
        return self.data["lists"]

    @property
    def generated(self) -> dict[str, list[str]]:
        """Return, per output folder, the names of the generated pages (see list_pages.py)."""
        return self.data["generated"]

    def add_list(self, docname: str, spec: ListSpec) -> None:
        self.lists.setdefault(docname, []).append(spec)


def get_listings(env: BuildEnvironment) -> ListingsDomain:
    """Return this build's :class:`ListingsDomain`."""
    domain = env.get_domain(ListingsDomain.name)
    assert isinstance(domain, ListingsDomain)
    return domain


class ArticleListDirective(NewsroomDirective):
    """``.. article-list::``: the newest listed articles that pass every filter given.

    Filters ``:section:``, ``:tag:``, ``:author:`` (key, name or slug) and ``:label:``;
    ``:limit:`` (default ``newsroom_page_size``), ``:style:`` and an optional ``:title:``.
    """

    has_content = False
    option_spec = TolerantOptions(
        section=directives.unchanged,
        tag=directives.unchanged,
        author=directives.unchanged,
        label=directives.unchanged,
        limit=directives.unchanged,
        style=directives.unchanged,
        title=directives.unchanged,
        featured=directives.unchanged,
        series=directives.unchanged,
    )

    def run(self) -> list[nodes.Node]:
        options = self.known_options()
        spec = ListSpec(
            section=_text(options.get("section")),
            tag=_text(options.get("tag")),
            author=_text(options.get("author")),
            label=_text(options.get("label")).lower(),
            limit=self._limit(options.get("limit")),
            style=self._style(options.get("style")),
            title=_text(options.get("title")),
            featured=self._yes("featured", options),
            series=_text(options.get("series")),
        )
        self._check_filters(spec)
        get_listings(self.env).add_list(self.env.docname, spec)
        node = nr_nodes.article_list(spec=spec)
        self.set_source_info(node)
        return [node]

    def _check_filters(self, spec: ListSpec) -> None:
        """Warn about a label or author key the site does not have (the list would be empty)."""
        site = settings(self.config)
        if spec.label and spec.label not in site.labels:
            nearest = difflib.get_close_matches(spec.label, sorted(site.labels), n=1)
            self.warn(
                "option",
                "article-list :label: %r is no label of the site (labels: %s)%s",
                spec.label,
                ", ".join(sorted(site.labels)),
                f"; did you mean {nearest[0]!r}?" if nearest else "",
            )

    def _yes(self, name: str, options: dict[str, Any]) -> bool:
        """Return a yes/no option: given alone or as ``yes``, it is on."""
        if name not in options:
            return False
        value = _text(options[name]).lower()
        if value in ("", "yes", "true", "on"):
            return True
        if value not in ("no", "false", "off"):
            self.warn(
                "option", "article-list :%s: %r is neither yes nor no; taken as no", name, value
            )
        return False

    def _limit(self, value: str | None) -> int | None:
        if value is None or not value.strip():
            return None
        try:
            limit = int(value.strip())
        except ValueError:
            limit = 0
        if limit < 1:
            self.warn(
                "option", "article-list :limit: %r is not a positive whole number; ignored", value
            )
            return None
        return limit

    def _style(self, value: str | None) -> str:
        style = _text(value).lower() or "summary"
        if style not in STYLES:
            self.warn(
                "option",
                "article-list :style: %r is unknown (use %s); 'summary' is used",
                style,
                ", ".join(STYLES),
            )
            return "summary"
        return style


def _text(value: object) -> str:
    return " ".join(str(value or "").split())


def existing_document(page: str, found_docs: Set[str]) -> str | None:
    """Return the document that already has *page*'s URL (``x/index`` or ``x``), if any."""
    for docname in (page, page.removesuffix("/index")):
        if docname in found_docs:
            return docname
    return None


def _item_text(newsroom: Newsroom, article: ArticleInfo, config: Config) -> dict[str, Any]:
    """Return what an article's list item shows on any page (no links): once per build."""
    assert article.published is not None
    label = newsroom.settings.labels.get(article.label) if article.label else None
    return {
        "docname": article.docname,
        "title": article.headline,
        "datetime": iso(local_moment(article.published, config)),
        "date": display_moment(article.published, config, with_time=False),
        "summary": article.summary,
        "label": {"key": label.key, "text": str(label.text)} if label else None,
        "section": article.section,
    }


def _author_pages(newsroom: Newsroom, article: ArticleInfo, builder: Builder) -> list[Any]:
    """Return the name of each author of *article* and the page to link it to ("": none).

    Author pages exist on websites only; the site's own document at an author page's URL
    wins over the generated page.
    """
    website = is_web_builder(builder)
    found_docs = builder.env.found_docs
    return [
        (
            author.name,
            (existing_document(author.page, found_docs) or author.page) if website else "",
        )
        for author in article.authors
    ]


class ListItem(dict[str, Any]):
    """One article of a list: what ``newsroom/article-list-item.html`` shows of it.

    ``{{ item }}`` renders that template once for every list that shows the article in
    the same style: its links climb to the site's root and down again
    (``../../world/talks.html``), so they are the same from every page but for the climb,
    which each page puts in. A template may read the fields itself too (``item.title``,
    ``item.link`` …).
    """

    __slots__ = ("_builder", "_level", "_marked", "_style", "_up")

    def __init__(
        self,
        builder: Builder,
        data: dict[str, Any],
        style: str,
        level: int,
        shared: tuple[str, dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(data)
        self._builder = builder
        self._style = style
        self._level = level
        #: The climb to the root of this page, and the item with the climb's mark in its place.
        self._up: str = shared[0] if shared else ""
        self._marked: dict[str, Any] | None = shared[1] if shared else None

    def __html__(self) -> Markup:
        rendered = get_newsroom(self._builder.env).memo(_rendered_items)
        marked = self._marked
        shown = self if marked is None else marked
        key = (
            shown["docname"],
            shown["link"],
            tuple(author["link"] for author in shown["authors"]),
            shown["image"],
            self._style,
            self._level,
        )
        html = rendered.get(key)
        if html is None:
            html = rendered[key] = self._render(shown)
        if marked is None:
            return html
        page_html = climbed(html, self._up)
        return self._render(self) if page_html is None else Markup(page_html)

    def __repr__(self) -> str:
        # Sphinx writes a repr of every html-page-context's arguments to its debug log:
        # a list page's items in full made those 0.34 s instead of 0.20 s at 1,000 articles.
        return f"<{type(self).__name__} {self.get('docname')!r} {self._style}>"

    def _render(self, item: dict[str, Any]) -> Markup:
        the_list = {"style": self._style, "item_level": self._level}
        return Markup(render(self._builder, _ITEM_TEMPLATE, item=item, nl=the_list))


_ITEM_TEMPLATE = "newsroom/article-list-item.html"


def _rendered_items(newsroom: Newsroom) -> dict[tuple[Any, ...], Markup]:
    """Items rendered so far this build (about one rendering of each article a list style,
    a few hundred bytes each)."""
    return {}


#: An item as a page shows it, and where its links climb to the root: the climb and the
#: item with :data:`~sphinx_newsroom.siteurl.CLIMB_MARK` for it.
_Item = tuple[dict[str, Any], tuple[str, dict[str, Any]] | None]


def list_items(builder: Builder, from_page: str, articles: Iterable[ArticleInfo]) -> list[_Item]:
    """Return each article's item on *from_page*, and where links climb to the site's root
    (see :func:`~sphinx_newsroom.siteurl.climb`), the climb and the item with
    :data:`~sphinx_newsroom.siteurl.CLIMB_MARK` for it."""
    config = builder.config
    newsroom = get_newsroom(builder.env)
    up = climb(builder, from_page)
    items: list[_Item] = []
    for article in articles:
        pages = newsroom.memo(_author_pages, article, builder)
        text = newsroom.memo(_item_text, article, config)
        if up is None:
            authors = [
                {"name": name, "link": page_link(builder, from_page, page) if page else ""}
                for name, page in pages
            ]
            link = page_link(builder, from_page, article.docname)
            image = resource_uri(builder, from_page, article.docname, article.image)
            items.append(({**text, "link": link, "authors": authors, "image": image}, None))
            continue
        down = newsroom.memo(_down, article, builder)
        items.append((_climbed(text, down, up), (up, _climbed(text, down, CLIMB_MARK))))
    return items


def _down(newsroom: Newsroom, article: ArticleInfo, builder: Builder) -> dict[str, Any]:
    """Return the addresses an article's item links to, from the site's root.

    An author without a page has ``None``; so has the image when it is an absolute URL
    or none (``"url"`` is the image as it is shown then).
    """
    path = resource_path(article.docname, article.image)
    return {
        "link": address(builder, article.docname),
        "authors": [
            (name, address(builder, page) if page else None)
            for name, page in _author_pages(newsroom, article, builder)
        ],
        "image": path if path and not is_url(path) else None,
        "url": path,
    }


def _climbed(text: dict[str, Any], down: dict[str, Any], up: str) -> dict[str, Any]:
    """Return an item whose links climb *up* to the root, then *down* to their page."""
    image = down["image"]
    return {
        **text,
        "link": up + down["link"] or "./",
        "authors": [
            {"name": name, "link": "" if there is None else up + there or "./"}
            for name, there in down["authors"]
        ],
        "image": down["url"] if image is None else up + image,
    }


def _item_digest(newsroom: Newsroom, article: ArticleInfo, builder: Builder) -> str:
    """Return a digest of what :func:`list_items` shows of *article* on any page.

    That is the fields :func:`_item_text` formats (the configuration that formats them is in
    the build state, so they need no formatting here), the authors with the pages they link
    to, and the image.
    """
    return digest(
        [
            article.docname,
            article.headline,
            article.published,
            article.summary,
            article.label,
            article.section,
            _author_pages(newsroom, article, builder),
            article.image,
        ]
    )


def _item_digests(newsroom: Newsroom, builder: Builder) -> dict[str, str]:
    """Return the item digests made so far this build, by document (filled as lists ask)."""
    return {}


def list_inputs(builder: Builder, articles: Iterable[ArticleInfo], **options: Any) -> list[Any]:
    """Return what :func:`list_context` would show of *articles*, cheaply, for digests.

    That is the *options* and a digest of each article's item, made once per build: the
    links an item has follow from the page it is on and the names it holds.
    """
    newsroom = get_newsroom(builder.env)
    made = newsroom.memo(_item_digests, builder)
    items = []
    for article in articles:
        item = made.get(article.docname)
        if item is None:
            item = made[article.docname] = _item_digest(newsroom, article, builder)
        items.append(item)
    return [options, items]


def list_context(
    builder: Builder,
    from_page: str,
    articles: Iterable[ArticleInfo],
    *,
    style: str = "summary",
    heading: str = "",
    heading_level: int = 2,
    feed_name: str = "",
) -> dict[str, Any]:
    """Return the ``newsroom_list`` data that ``newsroom/article-list.html`` renders.

    *feed_name* names the list as a microformats2 ``h-feed`` (the page's title, or the
    list's heading).
    """
    # Cards and summaries are headed items; a titles list is a compact list of links.
    item_level = min(heading_level + 1 if heading else heading_level, 6)
    if style == "titles":
        item_level = 0
    items = [
        ListItem(builder, item, style, item_level, shared)
        for item, shared in list_items(builder, from_page, articles)
    ]
    return {
        "style": style,
        "heading": heading,
        "heading_level": min(heading_level, 6),
        "item_level": item_level,
        "articles": items,
        "feed_name": feed_name or heading,
        "empty_text": str(_("No articles yet.")),
    }


def render_article_list(builder: Builder, list_data: dict[str, Any]) -> str:
    """Render ``newsroom_list`` data with ``newsroom/article-list.html``."""
    return str(render(builder, "newsroom/article-list.html", newsroom_list=list_data))


def _section_depth(node: nodes.Node) -> int:
    depth = 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return depth


def _plain_list(spec: ListSpec, articles: list[ArticleInfo]) -> list[nodes.Node]:
    """Return a bullet list of titles, for builders other than HTML."""
    result: list[nodes.Node] = []
    if spec.title:
        result.append(nodes.rubric("", spec.title))
    if not articles:
        result.append(nodes.paragraph("", str(_("No articles yet."))))
        return result
    bullets = nodes.bullet_list()
    for article in articles:
        bullets += nodes.list_item("", nodes.paragraph("", article.headline))
    result.append(bullets)
    return result


def _check_filters(newsroom: Newsroom, spec: ListSpec, node: nodes.Element) -> None:
    """Warn about a section or author that no article of the site has (an empty list)."""
    everyone = newsroom.articles.values()
    checks = (
        ("section", spec.section, _matches_section, {a.section for a in everyone}),
        ("author", spec.author, _matches_author, {x.slug for a in everyone for x in a.authors}),
        ("series", spec.series, _matches_series, {a.series for a in everyone}),
    )
    for option, wanted, matches, known in checks:
        if not wanted or any(matches(article, wanted) for article in everyone):
            continue
        names = sorted(name for name in known if name)
        nearest = difflib.get_close_matches(wanted, names, n=1)
        logger.warning(
            "article-list :%s: %r matches no article (%s)%s",
            option,
            wanted,
            ", ".join(names) or "no articles yet",
            f"; did you mean {nearest[0]!r}?" if nearest else "",
            type="newsroom",
            subtype="option",
            location=node,
        )


def _page_title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return clean_text(title.astext()) if title is not None else ""


def resolve_article_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On ``doctree-resolved``: fill each ``article-list`` from the collected articles."""
    newsroom = get_newsroom(app.env)
    builder = app.builder
    for node in list(doctree.findall(nr_nodes.article_list)):
        spec: ListSpec = node["spec"]
        articles = select_articles(newsroom, spec, settings(app.config).page_size)
        _check_filters(newsroom, spec, node)
        if builder.format != "html":
            node.replace_self(_plain_list(spec, articles))
            continue
        data = list_context(
            builder,
            docname,
            articles,
            style=spec.style,
            heading=spec.title,
            heading_level=_section_depth(node) + 1,
            # Its own heading, else the page's title (an h-feed's name).
            feed_name=spec.title or _page_title(app.env, docname),
        )
        html = render_article_list(builder, data)
        node.replace_self(nr_nodes.rendered(html))


def listing_inputs(env: BuildEnvironment, docname: str) -> Any:
    """What a page's article lists show from other documents (for incremental rebuilds)."""
    specs = get_listings(env).lists.get(docname)
    if not specs:
        return None
    newsroom = get_newsroom(env)
    return [
        [
            (
                a.docname,
                a.headline,
                a.summary,
                a.published,
                a.label,
                a.authors,
                a.image,
            )
            for a in select_articles(newsroom, spec, newsroom.settings.page_size)
        ]
        for spec in specs
    ]


def setup_listings(app: Sphinx) -> None:
    """Register the ``article-list`` directive, its placeholder node and the list data."""
    app.add_node(nr_nodes.article_list, **nr_nodes.skipped_everywhere())  # type: ignore[arg-type]
    app.add_domain(ListingsDomain)
    app.add_directive("article-list", ArticleListDirective)
