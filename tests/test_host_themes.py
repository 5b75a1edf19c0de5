"""The newsroom components in any Sphinx theme (design section 8, and the drafts of section 6).

The ``host-themes`` root (a small news site: front page, two section pages, articles over
two months, a draft and an embargoed article, a featured article and a three-part series)
is built once per theme of
``HOST_THEMES`` (newsroom, alabaster, furo, sphinx-rtd-theme, pydata-sphinx-theme,
sphinx-book-theme), each with the sidebar settings a site keeping that theme would use.

Without a browser, every build must be free of warnings, and no draft or embargoed
article may reach the search index, another page's navigation or a sidebar, while its
own page says "Draft" or "Embargoed until …" (and, a step beyond the letter of the
contract, no other published file, such as Sphinx's inventory, may name it). The
generated pages use the host theme's layout, and docs/using-another-theme.rst shows the
very settings built here. The newsroom formats of section 9 work in each: a series part
says "Part N of M" inside its article with links to its neighbours and the series page,
and the front page's lead story and series list are there and lead where they should.
Live coverage too: the updates sit inside the article's text, newest first, each time
linking its own anchor, and the article carries a visible "Live" badge.

In headless Chromium (``/usr/bin/chromium``, marked ``browser``), an article, a series
part, a live article, the front page and a generated tag page are checked in light and dark (the
browser's colour scheme and the theme's own switch), at 375 and 1280 px: axe finds no
serious or critical violation (the badge and the update times included), nothing
overflows sideways, and the components are styled (measured from computed styles and
boxes, not from class names).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import textwrap
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from helpers import screenshots_module

REPO = Path(__file__).resolve().parent.parent
SOURCE = Path(__file__).parent / "roots" / "test-host-themes"
ARTIFACTS = REPO / "test-artifacts" / "host-themes"


shots = screenshots_module()

THEMES = list(shots.HOST_THEMES)
#: The build moment of the tests (tests/conftest.py): 2026-11-27 12:00 UTC.
SOURCE_DATE_EPOCH = "1795780800"

#: The articles that must not be published yet: their document, headline, a sentence of
#: the body, words found nowhere else on the site, and what their own page says.
UNPUBLISHED = {
    "draft": {
        "doc": "business/ferry-operators-merger",
        "title": "Ferry operators weigh a merger of their fleets",
        "sentence": "Kranich Lines and Blauwal Shipping",
        "words": ("kranich", "blauwal", "merger"),
        "notice": re.compile(r"\bDraft\b"),
    },
    "embargoed": {
        "doc": "world/lake-summit-communique",
        "title": "Lake summit agrees a shared water plan",
        "sentence": "Ministers signed the Ostwasser accord",
        "words": ("ostwasser", "summit"),
        "notice": re.compile(r"Embargoed until\s+\S.*2026"),
    },
}

#: The pages of each kind under test (``html`` builder paths).
PAGES = {
    "article": "world/why-the-lake-needs-a-treaty.html",  # label, related, sidebar calendar
    "series": "world/shrinking-shore-part-2.html",  # "Part 2 of 3" with both neighbours
    "live": "world/autumn-storm-live.html",  # a Live badge and three updates
    "front": "index.html",  # two article lists (one of cards) and a post-calendar
    "generated": "tags/water/index.html",  # a generated list page in the host's layout
}
WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")
#: The width at which axe runs (once per page and scheme, to keep the time down): the
#: widest, where every theme shows its sidebars, so the sidebar blocks are checked too.
AXE_WIDTH = 1280
#: Serious or critical axe violations of a host theme's own markup (outside every newsroom
#: component), in the installed versions, that we neither cause nor can fix: theme →
#: rule ids. They are ignored there; any other violation fails, and so does any violation
#: inside a newsroom component, whatever its cause.
HOST_OWN_VIOLATIONS: dict[str, set[str]] = {
    # The footer's #888 on white (3.54:1).
    "alabaster": {"color-contrast"},
    # Its link colour #2980b9 on #fcfcfc (4.19:1: breadcrumbs, the "Built with Sphinx"
    # footer, where the links also differ from the text by colour alone), white on
    # #2980b9 in the mobile header (4.3:1), the footer's #808080 (3.84:1).
    "sphinx_rtd_theme": {"color-contrast", "link-in-text-block"},
    # The expand buttons of the sidebar's table of contents: a <summary> with no text.
    "sphinx_book_theme": {"summary-name"},
}
#: Themes whose label is a newspaper kicker (coloured capitals over the headline) rather
#: than a badge: design section 8 asks for "a badge that looks like a badge" in the host
#: themes; the newsroom theme has a look of its own.
KICKER_THEMES = {"newsroom"}
#: Whether an element is part of what the extension renders (or of the newsroom theme).
OURS = """selector => {
    const el = document.querySelector(selector);
    return !!(el && el.closest("[class*='newsroom'], .h-entry, .h-card"));
}"""


# -- building ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built() -> Iterator[dict[str, tuple[Path, str]]]:
    """Build the root once with each theme, in parallel: theme → (outdir, warnings)."""
    with tempfile.TemporaryDirectory(prefix="newsroom-host-themes-") as tmp:

        def build(theme: str) -> tuple[str, tuple[Path, str]]:
            outdir = Path(tmp) / theme / "html"
            return theme, (outdir, shots.build_with_theme(SOURCE, outdir, theme))

        # Module fixtures run before conftest's function-scoped clock: set it here.
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
            with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
                sites = dict(pool.map(build, THEMES))
        yield sites


def _html_pages(outdir: Path) -> Iterator[Path]:
    for path in sorted(outdir.rglob("*.html")):
        if path.relative_to(outdir).parts[0] not in ("_static", "_sources", "_images"):
            yield path


def _visible_text(path: Path) -> str:
    """The text of the page's body that a reader sees (no hidden or screen-reader-only text)."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    body = soup.body
    assert body is not None
    for element in body.find_all(["script", "style", "template", "noscript"]):
        element.decompose()
    for element in body.find_all(True):
        if not element.decomposed and _hidden_itself(element):
            element.decompose()
    return " ".join(body.get_text(" ").split())


_HIDING_CLASSES = {"visually-hidden", "sr-only", "screen-reader-text", "hidden"}


def _hidden_itself(element: Any) -> bool:
    """Whether the markup of *element* itself hides it from sighted readers."""
    classes = set(element.get("class") or ())
    style = (element.get("style") or "").replace(" ", "")
    return (
        element.has_attr("hidden")
        or element.get("aria-hidden") == "true"
        or bool(classes & _HIDING_CLASSES)
        or "display:none" in style
    )


def _hidden(element: Any) -> bool:
    """Whether *element* or one of its ancestors is hidden (see :func:`_visible_text`)."""
    return any(
        _hidden_itself(node)
        for node in (element, *element.parents)
        if node.name not in (None, "[document]")
    )


def _search_index(outdir: Path) -> tuple[str, dict[str, Any]]:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return text, json.loads(text[text.index("(") + 1 : text.rindex(")")])


@pytest.mark.parametrize("theme", THEMES)
def test_builds_without_warnings(built: dict[str, tuple[Path, str]], theme: str) -> None:
    outdir, warnings = built[theme]
    assert warnings == "", f"{theme} build warned:\n{warnings}"
    for path in PAGES.values():
        assert (outdir / path).is_file(), path


@pytest.mark.parametrize("kind", ["draft", "embargoed"])
@pytest.mark.parametrize("theme", THEMES)
def test_unpublished_article_stays_out_of_navigation_and_search(
    built: dict[str, tuple[Path, str]], theme: str, kind: str
) -> None:
    outdir, _ = built[theme]
    article = UNPUBLISHED[kind]
    own_page = outdir / f"{article['doc']}.html"
    assert own_page.is_file(), "an unpublished article is still built"
    slug = article["doc"].rsplit("/", 1)[1]
    leaks = []
    for path in _html_pages(outdir):
        if path == own_page:
            continue
        html = path.read_text(encoding="utf-8")
        for what in (article["title"], article["sentence"], slug):
            if what in html:
                leaks.append(f"{path.relative_to(outdir)}: {what!r}")
    assert leaks == [], f"the {kind} article shows up on other pages ({theme}): {leaks}"

    raw, index = _search_index(outdir)
    assert article["doc"] not in index["docnames"], f"the {kind} article is in the search index"
    assert article["title"] not in raw, f"the {kind} article's title is in searchindex.js"
    # Not even as a term that points nowhere: the words of an unpublished story are news.
    searchable = {
        term.lower(): (table, docs)
        for table in ("terms", "titleterms")
        for term, docs in index[table].items()
    }
    found = {word: searchable[word] for word in article["words"] if word in searchable}
    assert found == {}, f"words of the {kind} article are in searchindex.js ({theme}): {found}"


def _published_text(path: Path) -> str:
    """A published file as text (Sphinx's inventory, ``objects.inv``, unpacked)."""
    data = path.read_bytes()
    if path.name == "objects.inv":
        data = zlib.decompress(data.partition(b"zlib.\n")[2])
    return data.decode("utf-8", errors="replace")


@pytest.mark.parametrize("theme", THEMES)
def test_unpublished_articles_are_named_by_no_other_published_file(
    built: dict[str, tuple[Path, str]], theme: str
) -> None:
    """Beyond pages and the search index: no file of the output folder names them.

    The inventory (``objects.inv``, read by intersphinx and by search tools), feeds,
    sitemaps and any record the build leaves in the folder a site publishes would tell
    a reader that the story exists and where it will be. Only the article's own page and
    its own source copy (``_sources/…``, at an address as unguessable as the page's) may.
    """
    outdir, _ = built[theme]
    leaks = []
    for kind, article in UNPUBLISHED.items():
        own = (f"{article['doc']}.html", f"_sources/{article['doc']}.rst")  # .rst[.txt]
        slug = article["doc"].rsplit("/", 1)[1]
        for path in sorted(p for p in outdir.rglob("*") if p.is_file()):
            relative = path.relative_to(outdir).as_posix()
            if relative.startswith(own) or path.suffix in (".png", ".svg", ".woff", ".woff2"):
                continue
            text = _published_text(path)
            found = [w for w in (article["title"], article["sentence"], slug) if w in text]
            if found:
                leaks.append(f"{relative}: {kind} {found}")
    assert leaks == [], f"published files name unpublished articles ({theme}): {leaks}"


@pytest.mark.parametrize("theme", THEMES)
def test_unpublished_pages_say_so(built: dict[str, tuple[Path, str]], theme: str) -> None:
    outdir, _ = built[theme]
    for kind, article in UNPUBLISHED.items():
        text = _visible_text(outdir / f"{article['doc']}.html")
        assert article["notice"].search(text), f"the {kind} page does not say so ({theme})"
    # A published article says neither.
    text = _visible_text(outdir / PAGES["article"])
    assert "Embargoed" not in text
    assert not re.search(r"\bDraft\b", text)


DOCS_PAGE = REPO / "docs" / "using-another-theme.rst"
_CONF_BLOCK = re.compile(
    r"^\.\. code-block:: python\n   :caption: conf\.py \((\w+)\)\n\n((?:   .*\n|\n)+)", re.MULTILINE
)


def test_docs_show_the_settings_the_tests_build_with() -> None:
    """The conf.py of each theme in docs/using-another-theme.rst is what these tests build."""
    shown = {}
    for theme, block in _CONF_BLOCK.findall(DOCS_PAGE.read_text(encoding="utf-8")):
        namespace: dict[str, Any] = {}
        exec(textwrap.dedent(block), namespace)
        shown[theme] = {
            name: value for name, value in namespace.items() if name.startswith("html_")
        }
    tested = {
        theme: {name: value for name, value in settings.items() if value != {}}
        for theme, settings in shots.HOST_THEMES.items()
    }
    assert shown == tested


def _assets(path: Path) -> tuple[list[str], bool]:
    """The stylesheets of a page (file names) and whether it has a search form."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    sheets = [
        link["href"].split("?")[0].rsplit("/", 1)[-1]
        for link in soup.find_all("link", rel="stylesheet")
    ]
    search = soup.find("form", action=re.compile(r"search")) is not None
    return sheets, search


@pytest.mark.parametrize("theme", THEMES)
def test_generated_pages_use_the_host_layout(
    built: dict[str, tuple[Path, str]], theme: str
) -> None:
    outdir, _ = built[theme]
    about = _assets(outdir / "about.html")
    assert "newsroom-components.css" in about[0]
    for page in (
        PAGES["generated"],
        "sections/world/index.html",
        "archive/2026/11/index.html",
        "series/index.html",
        "series/the-shrinking-shore/index.html",
    ):
        assert _assets(outdir / page) == about, page


#: The series of the root, its parts in reading order: document and headline.
SERIES = "The Shrinking Shore"
PARTS = [
    ("world/shrinking-shore-part-1", "The shore retreats by a metre a year"),
    ("world/shrinking-shore-part-2", "Reed beds that held the bank together"),
    ("world/shrinking-shore-part-3", "What the towns can still save"),
]
#: The featured article: older than three others, so it leads only because it is featured.
FEATURED = "Fishing cooperatives agree to split next year\u2019s quota"


def _follow(outdir: Path, page: Path, href: str) -> Path:
    """The file a relative link of *page* leads to (it must exist)."""
    target = (page.parent / href.split("#")[0]).resolve()
    if target.is_dir():
        target = target / "index.html"
    assert target.is_file(), f"{page.relative_to(outdir)}: the link {href} leads nowhere"
    return target


def _headline(path: Path) -> str:
    """The headline of an article page (without the theme's permalink sign)."""
    name = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("h1 .p-name")
    assert name is not None, path
    return " ".join(name.get_text(" ").split())


@pytest.mark.parametrize("theme", THEMES)
def test_series_nav_in_each_part(built: dict[str, tuple[Path, str]], theme: str) -> None:
    """Each part says "Part N of 3" inside its article, linked to its neighbours and series."""
    outdir, _ = built[theme]
    for number, (doc, _title) in enumerate(PARTS, start=1):
        page = outdir / f"{doc}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        (nav,) = soup.select(".newsroom-series")
        assert nav.find_parent("article", class_="h-entry") is not None, "not in the article"
        main = soup.find("main") or soup.find(attrs={"role": "main"})
        assert main is not None and nav in main.descendants, "not in the main content"
        assert f"Part {number} of 3: {SERIES}" in _visible_text(page)
        position = nav.select_one(".newsroom-series-position a")
        assert position.get_text() == SERIES
        series_page = _follow(outdir, page, position["href"])
        assert series_page == outdir / "series" / "the-shrinking-shore" / "index.html"
        neighbours = {
            li["class"][0]: (li.a.get_text(), _headline(_follow(outdir, page, li.a["href"])))
            for li in nav.select("li")
        }
        expected = {}
        if number > 1:
            expected["newsroom-series-previous"] = (PARTS[number - 2][1],) * 2
        if number < 3:
            expected["newsroom-series-next"] = (PARTS[number][1],) * 2
        assert neighbours == expected, f"part {number} ({theme})"
    # The series page lists the parts oldest first, inside the host theme's page.
    series = BeautifulSoup(
        (outdir / "series" / "the-shrinking-shore" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    listed = [a.get_text() for a in series.select(".newsroom-article-list a.p-name")]
    assert listed == [title for _, title in PARTS]
    # An article of no series has no series line.
    article = (outdir / PAGES["article"]).read_text(encoding="utf-8")
    assert "newsroom-series" not in article


@pytest.mark.parametrize("theme", THEMES)
def test_lead_story_and_series_list_on_the_front_page(
    built: dict[str, tuple[Path, str]], theme: str
) -> None:
    outdir, _ = built[theme]
    front = outdir / PAGES["front"]
    soup = BeautifulSoup(front.read_text(encoding="utf-8"), "html.parser")
    lists = {
        " ".join(heading.get_text().split()): [
            (a.get_text(), a["href"]) for a in block.select("a.p-name")
        ]
        for block in soup.select(".newsroom-article-list")
        if (heading := block.select_one(".newsroom-article-list-heading")) is not None
    }
    assert [title for title, _ in lists["Lead story"]] == [FEATURED]
    assert [title for title, _ in lists[SERIES]] == [title for _, title in PARTS]
    # The lead is the first list of the page, before the newer stories.
    first = soup.select_one(".newsroom-article-list a.p-name")
    assert first is not None and first.get_text() == FEATURED
    for title, href in lists["Lead story"] + lists[SERIES]:
        assert _headline(_follow(outdir, front, href)) == title


#: The live article of the root and its updates as written (oldest first): local time
#: (``datetime`` of the page, Europe/Berlin), title (none for the second) and a sentence.
LIVE = "world/autumn-storm-live"
LIVE_UPDATES = [
    ("2026-11-16T08:10:00+01:00", "Ferries stay at their piers", "Neither the morning ferry"),
    ("2026-11-16T13:45:00+01:00", None, "A gust of 94 kilometres an hour"),
    (
        "2026-11-17T07:20:00+01:00",
        "Wind eases, but the piers stay closed",
        "The wind dropped overnight.",
    ),
]


@pytest.mark.parametrize("theme", THEMES)
def test_live_updates_newest_first_in_the_article(
    built: dict[str, tuple[Path, str]], theme: str
) -> None:
    """The updates are in the article's text, newest first, each time linking its anchor;
    a visible "Live" badge is in the article's head."""
    outdir, _ = built[theme]
    page = outdir / f"{LIVE}.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    assert main is not None
    (article,) = main.select("article.h-entry")
    (text,) = article.select(".e-content")

    (badge,) = soup.select(".newsroom-live-badge")
    assert badge in article.descendants, "the Live badge is not in the article"
    assert badge not in text.descendants, "the Live badge is in the article's text"
    assert " ".join(badge.get_text().split()) == "Live"
    assert not _hidden(badge), "the Live badge is hidden"
    headline = article.select_one("h1 .p-name")
    assert headline is not None
    assert badge.find_parent("section") == headline.find_parent("section"), "not in its head"

    updates = soup.select(".newsroom-live-update")
    assert len(updates) == len(LIVE_UPDATES)
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    found = []
    for update in updates:
        assert update in text.descendants, f"update {update.get('id')} is not in the text"
        assert not _hidden(update)
        anchor = update["id"]
        assert ids.count(anchor) == 1, f"the anchor {anchor} is not unique in the page"
        (link,) = update.select(".newsroom-live-update-time a[href]")
        assert link["href"] == f"#{anchor}", "the time does not link its own update"
        time = link.find("time")
        assert time is not None and time.get_text().strip()
        title = update.select_one(".newsroom-live-update-title")
        found.append(
            (
                time["datetime"],
                " ".join(title.get_text().split()) if title else None,
                " ".join(update.get_text(" ").split()),
            )
        )
    newest_first = sorted(LIVE_UPDATES, reverse=True)
    assert [(when, title) for when, title, _ in found] == [
        (when, title) for when, title, _ in newest_first
    ], f"updates not newest first ({theme})"
    for (_, _, shown), (_, _, sentence) in zip(found, newest_first, strict=True):
        assert sentence in shown
    # The text before the updates stays first; the updates are in it in one run.
    paragraphs = text.find_all(["p", "section"], recursive=False)
    assert paragraphs[0].name == "p" and "westerly storm" in paragraphs[0].get_text()
    # Articles not covered live have no badge and no updates.
    for other in (PAGES["article"], PAGES["series"]):
        assert "newsroom-live" not in (outdir / other).read_text(encoding="utf-8"), other


# -- in the browser ---------------------------------------------------------------------

requires_chromium = pytest.mark.skipif(
    not Path(shots.CHROMIUM).exists(), reason=f"no Chromium at {shots.CHROMIUM}"
)


@pytest.fixture(scope="module")
def base_urls(built: dict[str, tuple[Path, str]]) -> Iterator[dict[str, str]]:
    """Serve each theme's site on its own port of 127.0.0.1."""
    with ExitStack() as stack:
        yield {
            theme: stack.enter_context(shots.serve(outdir)) for theme, (outdir, _) in built.items()
        }


@pytest.fixture(scope="module")
def browser(chromium: Any) -> Any:
    return chromium


@pytest.fixture
def open_page(browser: Any, base_urls: dict[str, str]) -> Iterator[Any]:
    """Open a page of a theme's site at a width, in a colour scheme (browser and theme)."""
    contexts: list[Any] = []

    def _open(theme: str, path: str, width: int, scheme: str) -> Any:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        shots.open_in_scheme(page, base_urls[theme] + path, scheme)
        return page

    yield _open
    for context in contexts:
        context.close()


#: Measures the components on the page from computed styles and boxes.
MEASURE = """() => {
    const px = value => parseFloat(value) || 0;
    const shown = el => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
    };
    const box = el => {
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return {
            display: s.display,
            color: s.color,
            background: s.backgroundColor,
            border: px(s.borderTopWidth) + px(s.borderRightWidth)
                + px(s.borderBottomWidth) + px(s.borderLeftWidth),
            padding: px(s.paddingLeft) + px(s.paddingRight),
            left: r.left, right: r.right, width: r.width,
        };
    };
    const labels = [...document.querySelectorAll(".newsroom-label")].filter(shown).map(el => ({
        where: el.closest("li") ? "list" : "article",
        boxes: [el, ...el.querySelectorAll(".p-category")].map(box),
        parent: el.parentElement.getBoundingClientRect().width,
        around: getComputedStyle(el.parentElement).color,
    }));
    const calendars = [...document.querySelectorAll("table.newsroom-calendar-month")]
        .filter(shown).map(table => ({
            where: table.closest(".newsroom-sidebar-block") ? "sidebar" : "page",
            display: getComputedStyle(table).display,
            header: [...table.querySelectorAll("thead th")].map(box),
            cells: [...table.querySelectorAll("tbody td")].map(td => getComputedStyle(td).display),
            rows: [...table.querySelectorAll("tbody tr")].map(tr => tr.children.length),
            // Cells whose day number or weekday breaks over two lines (a crushed grid).
            wrapped: [...table.querySelectorAll("th, td")].filter(cell => {
                const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    if (!node.textContent.trim()) continue;
                    const range = document.createRange();
                    range.selectNodeContents(node);
                    if (range.getClientRects().length > 1) return true;
                }
                return false;
            }).map(cell => cell.textContent.trim()),
            width: table.getBoundingClientRect().width,
            right: table.getBoundingClientRect().right,
            container: table.parentElement.getBoundingClientRect().right,
        }));
    const related = [...document.querySelectorAll(".newsroom-related-item")].filter(shown)
        .map(li => {  // where the date starts within its item
            const t = li.querySelector("time");
            return t ? box(t).left - li.getBoundingClientRect().left : null;
        });
    const items = [...document.querySelectorAll(".newsroom-article-list-item")].filter(shown)
        .map(li => ({
            listStyle: getComputedStyle(li).listStyleType,
            display: getComputedStyle(li).display,
            marker: getComputedStyle(li, "::marker").content,
        }));
    const series = [...document.querySelectorAll(".newsroom-series")].filter(shown)
        .map(nav => ({
            inArticle: !!nav.closest("article"),
            right: nav.getBoundingClientRect().right,
            container: nav.parentElement.getBoundingClientRect().right,
            // Each link: shown, and told apart from the text around it (underline or colour).
            links: [...nav.querySelectorAll("a")].map(a => ({
                shown: shown(a),
                underlined: getComputedStyle(a).textDecorationLine.includes("underline"),
                color: getComputedStyle(a).color,
                around: getComputedStyle(a.parentElement).color,
            })),
        }));
    const badges = [...document.querySelectorAll(".newsroom-live-badge")].filter(shown)
        .map(el => ({
            inArticle: !!el.closest("article"),
            box: box(el),
            parent: el.parentElement.getBoundingClientRect().width,
        }));
    const updates = [...document.querySelectorAll(".newsroom-live-update")].filter(shown)
        .map(section => {
            const a = section.querySelector(".newsroom-live-update-time a");
            const time = section.querySelector("time");
            return {
                inText: !!section.closest("article .e-content"),
                datetime: time ? time.getAttribute("datetime") : null,
                right: section.getBoundingClientRect().right,
                container: section.parentElement.getBoundingClientRect().right,
                link: a && {
                    shown: shown(a),
                    own: a.getAttribute("href") === "#" + section.id,
                    underlined: getComputedStyle(a).textDecorationLine.includes("underline"),
                    color: getComputedStyle(a).color,
                    around: getComputedStyle(section).color,
                },
            };
        });
    return {
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
        labels, calendars, related, items, series, badges, updates,
    };
}"""


def _transparent(colour: str) -> bool:
    return colour in ("transparent", "") or bool(re.fullmatch(r"rgba\(.*,\s*0\)", colour))


def _component_problems(found: dict[str, Any], kind: str, width: int, theme: str) -> list[str]:
    """What is wrong with the measured components: an empty list when all is well."""
    problems = []
    if found["scroll"] > found["inner"]:
        problems.append(f"horizontal overflow: scrollWidth {found['scroll']} > {found['inner']}")

    if not found["labels"] and kind != "live":  # the live article has no label
        problems.append("no visible label badge")
    for label in found["labels"]:
        styled = [
            b
            for b in label["boxes"]
            if not _transparent(b["background"]) or (b["border"] > 0 and b["padding"] > 0)
        ]
        if theme in KICKER_THEMES:  # a kicker: set apart from the text by its colour
            styled = [b for b in label["boxes"] if b["color"] != label["around"]]
        if not styled:
            problems.append(f"label ({label['where']}) has no background and no bordered padding")
        elif all(b["width"] >= 0.9 * label["parent"] for b in styled):
            problems.append(
                f"label ({label['where']}) is a full-width {styled[0]['display']}: "
                f"{styled[0]['width']:.0f} of {label['parent']:.0f} px"
            )

    if kind == "front" and not any(c["where"] == "page" for c in found["calendars"]):
        problems.append("the front page's calendar is not visible")
    for calendar in found["calendars"]:
        where = f"calendar ({calendar['where']})"
        if calendar["display"] != "table" or set(calendar["cells"]) - {"table-cell"}:
            problems.append(f"{where} is not a table grid: {calendar['display']}")
        widths = [th["width"] for th in calendar["header"]]
        if len(widths) != 7 or set(calendar["rows"]) != {7}:
            problems.append(
                f"{where} has not seven columns: {len(widths)}, rows {calendar['rows']}"
            )
        elif max(widths) - min(widths) > 1:
            problems.append(f"{where} columns differ in width: {[round(w, 1) for w in widths]}")
        if calendar["wrapped"]:
            problems.append(f"{where} breaks cells over lines: {calendar['wrapped'][:7]}")
        if calendar["right"] > calendar["container"] + 1:
            problems.append(
                f"{where} is wider than its container by "
                f"{calendar['right'] - calendar['container']:.0f} px"
            )

    if kind == "series":
        if len(found["series"]) != 1 or not found["series"][0]["inArticle"]:
            problems.append(f"no visible series nav in the article: {found['series']}")
        for nav in found["series"]:
            # The series page and both neighbouring parts.
            if len(nav["links"]) != 3 or not all(link["shown"] for link in nav["links"]):
                problems.append(f"series nav without its three visible links: {nav['links']}")
            for link in nav["links"]:
                if not link["underlined"] and link["color"] == link["around"]:
                    problems.append(f"a series link looks like its text: {link}")
            if nav["right"] > nav["container"] + 1:
                problems.append(
                    f"series nav is wider than its container by "
                    f"{nav['right'] - nav['container']:.0f} px"
                )

    if kind == "live":
        problems += _live_problems(found)

    if kind in ("article", "series"):
        if len(found["related"]) < 2 or None in found["related"]:
            problems.append(f"related list without dated items: {found['related']}")
        elif width >= 1280 and max(found["related"]) - min(found["related"]) > 1:
            lefts = [round(x, 1) for x in found["related"]]
            problems.append(f"related dates not aligned: they start at {lefts} px into the item")

    if kind not in ("article", "series", "live") and not found["items"]:
        problems.append("no visible article list items")
    marked = [
        item
        for item in found["items"]
        if item["listStyle"] != "none"
        and "list-item" in item["display"]
        and item["marker"] not in ("none", '""')
    ]
    if marked:
        problems.append(f"{len(marked)} article list items show a list marker: {marked[0]}")
    return problems


def _live_problems(found: dict[str, Any]) -> list[str]:
    """What is wrong with the Live badge and the updates of a live article."""
    problems = []
    if len(found["badges"]) != 1 or not found["badges"][0]["inArticle"]:
        problems.append(f"no visible Live badge in the article: {found['badges']}")
    for badge in found["badges"]:
        box = badge["box"]
        if _transparent(box["background"]) and not (box["border"] > 0 and box["padding"] > 0):
            problems.append(f"the Live badge has no background and no bordered padding: {box}")
        elif box["width"] >= 0.9 * badge["parent"]:
            problems.append(
                f"the Live badge is a full-width {box['display']}: "
                f"{box['width']:.0f} of {badge['parent']:.0f} px"
            )
    updates = found["updates"]
    if len(updates) != len(LIVE_UPDATES) or not all(u["inText"] for u in updates):
        problems.append(f"not all {len(LIVE_UPDATES)} updates are visible in the text: {updates}")
    times = [u["datetime"] for u in updates]
    if times != sorted(times, reverse=True):
        problems.append(f"updates not newest first: {times}")
    for update in updates:
        link = update["link"]
        if not link or not link["shown"] or not link["own"]:
            problems.append(f"an update's time does not visibly link its anchor: {update}")
        elif not link["underlined"] and link["color"] == link["around"]:
            problems.append(f"an update's time link looks like its text: {link}")
        if update["right"] > update["container"] + 1:
            problems.append(
                f"an update is wider than its container by "
                f"{update['right'] - update['container']:.0f} px"
            )
    return problems


def _axe_problems(page: Any, theme: str) -> list[str]:
    """The serious and critical axe violations of the page that count against us."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    problems = []
    for violation in axe.Axe().run(page).response["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        ours, hosts = [], []
        for node in violation["nodes"]:
            target = node["target"][0]
            (ours if page.evaluate(OURS, target) else hosts).append(target)
        rule = f"axe {violation['id']} ({violation['impact']})"
        if ours:
            problems.append(f"{rule} in newsroom components: {ours[:4]}")
        if hosts and violation["id"] not in HOST_OWN_VIOLATIONS.get(theme, ()):
            problems.append(f"{rule} in the theme's own markup: {hosts[:4]}")
    return problems


@pytest.mark.browser
@requires_chromium
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("theme", THEMES)
def test_components_styled_and_accessible(
    open_page: Any, theme: str, kind: str, width: int, scheme: str
) -> None:
    page = open_page(theme, PAGES[kind], width, scheme)
    problems = _component_problems(page.evaluate(MEASURE), kind, width, theme)
    if width == AXE_WIDTH:
        problems += _axe_problems(page, theme)
    if problems:  # keep a picture of what failed
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTIFACTS / f"{theme}-{kind}-{width}-{scheme}.png"
        page.screenshot(path=str(shot), full_page=True)
    assert problems == [], f"{theme}, {kind} page, {width}px, {scheme}:\n" + "\n".join(problems)


@pytest.mark.browser
@requires_chromium
@pytest.mark.parametrize("theme", THEMES)
def test_unpublished_notice_is_visible(open_page: Any, theme: str) -> None:
    for kind, article in UNPUBLISHED.items():
        page = open_page(theme, f"{article['doc']}.html", 375, "light")
        notice = page.locator("main, [role=main], body").first.get_by_text(article["notice"])
        assert notice.count() >= 1, f"no {kind} notice"
        assert notice.first.is_visible(), f"the {kind} notice is not visible"
