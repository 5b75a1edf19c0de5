"""The newsroom theme: page furniture, the article layout, options and overriding templates."""

from __future__ import annotations

import json
import posixpath
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from helpers import soup, warning_lines


def _resolve(page: str, href: str) -> str:
    """Return the output path that *href* on output page *page* points to."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))


def _outside_main(page: BeautifulSoup, element: Tag) -> bool:
    return element.find_parent("main") is None


@pytest.mark.sphinx("html", testroot="theme")
def test_every_page_has_one_main_and_furniture_outside_it(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert warning_lines(app) == []
    for name in ("index.html", "about.html", "world/talks.html", "search.html", "genindex.html"):
        page = soup(app.outdir / name)
        mains = page.find_all("main")
        assert len(mains) == 1, name
        assert mains[0]["id"] == "main-content"
        masthead = page.find("header", class_="newsroom-masthead")
        footer = page.find("footer", class_="newsroom-footer")
        nav = page.find("nav", class_="newsroom-nav")
        assert masthead is not None and footer is not None and nav is not None, name
        for element in (masthead, footer, nav, page.find("aside", class_="newsroom-sidebar")):
            assert element is not None and _outside_main(page, element), name
        # No dump of the global toctree anywhere.
        assert page.select(".toctree-wrapper a, .sphinxsidebar, div.related") == [], name


@pytest.mark.sphinx("html", testroot="theme")
def test_skip_link_comes_first_and_targets_main(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    page = soup(app.outdir / "world" / "talks.html")
    first = page.body.find(["a", "button", "input"])
    assert first is not None and "newsroom-skip-link" in first["class"]
    assert first["href"] == "#main-content"
    assert page.find(id="main-content").name == "main"


@pytest.mark.sphinx("html", testroot="theme")
def test_masthead_shows_name_tagline_and_edition_date(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    masthead = soup(app.outdir / "world" / "talks.html").find("header", class_="newsroom-masthead")
    home = masthead.find("a", rel="home")
    assert home.get_text(strip=True) == "The Harbour Gazette"
    assert _resolve("world/talks.html", home["href"]) == "index.html"
    # The tagline is escaped: "&" is text, not markup.
    assert (
        masthead.find(class_="newsroom-tagline").get_text() == "News from the harbour & the hills"
    )
    # The edition date is on the front page only: an article page must not change with
    # each new article (contract section 7).
    assert masthead.find(class_="newsroom-edition") is None
    front = soup(app.outdir / "index.html").find("header", class_="newsroom-masthead")
    edition = front.find(class_="newsroom-edition").find("time")
    # SOURCE_DATE_EPOCH is 2026-11-27 12:00 UTC, i.e. 16:00 in Baku.
    # The newest article's day (not the build's: a rebuild tomorrow rewrites nothing).
    assert edition["datetime"] == "2026-05-02"
    assert "2026" in edition.get_text()


@pytest.mark.sphinx("html", testroot="theme")
def test_section_navigation_follows_the_option_and_skips_drafts(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    page = soup(app.outdir / "world" / "talks.html")
    links = page.find("nav", class_="newsroom-nav").find_all("a")
    assert [a.get_text() for a in links] == ["World", "Business"]  # "Markets" has only a draft
    assert [_resolve("world/talks.html", a["href"]) for a in links] == [
        "sections/world/index.html",
        "sections/business/index.html",
    ]
    assert "newsroom-nav-active" in links[0].parent.get("class", [])
    assert "newsroom-nav-active" not in links[1].parent.get("class", [])
    search = page.find("search").find("form")
    assert _resolve("world/talks.html", search["action"]) == "search.html"
    assert search.find("input", attrs={"name": "q"}) is not None
    assert search.find("label")["for"] == search.find("input")["id"]


@pytest.mark.sphinx(
    "html", testroot="theme", confoverrides={"html_theme_options": {"show_edition_date": "false"}}
)
def test_default_navigation_is_alphabetical_and_edition_can_hide(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    page = soup(app.outdir / "index.html")
    assert [a.get_text() for a in page.select("nav.newsroom-nav a")] == ["Business", "World"]
    assert page.find(class_="newsroom-edition") is None


@pytest.mark.sphinx("html", testroot="theme")
def test_footer_has_publisher_feeds_text_and_copyright(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    footer = soup(app.outdir / "world" / "talks.html").find("footer")
    assert (
        footer.find(class_="newsroom-footer-publisher").get_text(strip=True) == "Harbour Media Ltd"
    )
    feeds = {a["type"]: _resolve("world/talks.html", a["href"]) for a in footer.select("a[type]")}
    assert feeds == {
        "application/atom+xml": "feeds/atom.xml",
        "application/rss+xml": "feeds/rss.xml",
    }
    assert footer.find(class_="newsroom-footer-text").get_text() == "Printed & published in Baku"
    assert "2026, Harbour Media" in footer.find(class_="newsroom-footer-copyright").get_text()


@pytest.mark.sphinx("html", testroot="theme")
def test_article_lead_image_sits_between_head_and_text(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    page = soup(app.outdir / "world" / "talks.html")
    articles = page.find_all("article", class_="h-entry")
    assert len(articles) == 1
    article = articles[0]
    figure = article.find("figure", class_="newsroom-lead-image")
    image = figure.find("img")
    assert _resolve("world/talks.html", image["src"]) == "_static/photos/talks.svg"
    assert (app.outdir / "_static" / "photos" / "talks.svg").is_file()
    assert image["alt"] == "Two delegations at a long table"
    assert figure.find("figcaption").get_text() == "The delegations met in a hotel by the sea."
    # Order in the article: label, headline, byline, standfirst, image, text.
    order = [
        article.find(class_="newsroom-label"),
        article.find(class_="p-name"),
        article.find(class_="newsroom-byline"),
        article.find(class_="newsroom-standfirst"),
        figure,
        article.find(class_="e-content"),
    ]
    positions = [element.sourceline * 10_000 + element.sourcepos for element in order]
    assert positions == sorted(positions)
    assert figure.find_parent(class_="e-content") is None
    # An article without an image has no figure; the head and text are still all there.
    plain = soup(app.outdir / "world" / "ports.html").find("article")
    assert plain.find("figure") is None
    assert plain.find(class_="p-name") and plain.find(class_="e-content")


def latest_script_items(outdir: Path) -> list[dict[str, str]]:
    """Return the entries of ``_static/newsroom-latest-data.js`` (the script's one call)."""
    text = (outdir / "_static" / "newsroom-latest-data.js").read_text(encoding="utf-8")
    call = text[text.index("window.newsroomLatest(") + len("window.newsroomLatest(") :]
    return json.loads(call[: call.rindex(", document.currentScript.src);")])


@pytest.mark.sphinx("html", testroot="theme")
def test_latest_sidebar_lists_the_newest_listed_articles(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    # The front page carries the list itself.
    front = soup(app.outdir / "index.html")
    latest = front.find("aside", class_="newsroom-sidebar").find(class_="newsroom-latest")
    items = latest.find("ol").find_all("li")
    titles = [li.find("a").get_text() for li in items]
    assert titles == [
        "Ports reopen after the storm",
        "Oil output holds steady",
        "Border talks move ahead",
    ]
    assert [li.find("time")["datetime"][:10] for li in items] == [
        "2026-05-02",
        "2026-04-28",
        "2026-04-20",
    ]
    assert [_resolve("index.html", li.find("a")["href"]) for li in items[:2]] == [
        "world/ports.html",
        "business/oil.html",
    ]
    assert items[1].find(class_="newsroom-latest-label").get_text() == "Analysis"
    heading = latest.find("h2")
    assert latest["aria-labelledby"] == heading["id"]
    assert not latest.has_attr("data-newsroom-latest")

    # Every other page fetches the list (publishing must not rewrite it), with a link to the
    # archive for readers without JavaScript.
    page = soup(app.outdir / "world" / "talks.html")
    block = page.find("aside", class_="newsroom-sidebar").find(class_="newsroom-latest")
    assert block.has_attr("data-newsroom-latest")
    assert block.find("ol")["hidden"] == "" and not block.find("ol").find("li")
    more = block.select_one(".newsroom-latest-more a")
    assert _resolve("world/talks.html", more["href"]) == "archive/index.html"
    scripts = [_resolve("world/talks.html", s["src"]) for s in block.find_all("script")]
    assert scripts == ["_static/newsroom-latest.js", "_static/newsroom-latest-data.js"]
    assert all((app.outdir / script).is_file() for script in scripts)
    # The fetched entries: the same articles, linked from the site's root.
    fetched = latest_script_items(app.outdir)
    assert [item["title"] for item in fetched] == titles
    assert [item["link"] for item in fetched[:2]] == ["world/ports.html", "business/oil.html"]
    assert fetched[1]["label"] == "Analysis"
    assert [item["datetime"][:10] for item in fetched] == ["2026-05-02", "2026-04-28", "2026-04-20"]


@pytest.mark.sphinx("html", testroot="theme")
def test_calendar_shows_by_default(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    sidebar = soup(app.outdir / "world" / "talks.html").find("aside", class_="newsroom-sidebar")
    assert sidebar.find("table") is not None


@pytest.mark.sphinx(
    "html",
    testroot="theme",
    confoverrides={
        "html_theme_options": {
            "show_calendar": "false",
            "accent_color": "#004488",
            "accent_color_dark": "url(x)</style><script>",
            "nav_sections": "Business",
            "logo": "photos/talks.svg",
        }
    },
)
def test_theme_options_change_the_page(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    page = soup(app.outdir / "world" / "talks.html")
    logo = page.find("header", class_="newsroom-masthead").find("a", rel="home").find("img")
    assert _resolve("world/talks.html", logo["src"]) == "_static/photos/talks.svg"
    assert logo["alt"] == "The Harbour Gazette"
    assert page.find("aside", class_="newsroom-sidebar").find("table") is None
    assert page.find(class_="newsroom-latest") is not None
    style = "".join(s.get_text() for s in page.head.find_all("style"))
    assert "--nr-accent-light: #004488" in style
    # A value that is not a colour is refused (with a warning), never written into the page.
    assert "--nr-accent-dark: #ff8a80" in style
    assert "url(x)" not in (app.outdir / "world" / "talks.html").read_text(encoding="utf-8")
    assert any("accent_color_dark" in line for line in warning_lines(app))
    assert [a.get_text() for a in page.select("nav.newsroom-nav a")] == ["Business", "World"]


@pytest.mark.sphinx("html", testroot="theme", confoverrides={"html_sidebars": {"about": []}})
def test_html_sidebars_empty_removes_the_sidebar(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    about = soup(app.outdir / "about.html")
    assert about.find("aside", class_="newsroom-sidebar") is None
    assert len(about.find_all("main")) == 1
    assert soup(app.outdir / "index.html").find("aside", class_="newsroom-sidebar") is not None


@pytest.mark.sphinx("dirhtml", testroot="theme")
def test_dirhtml_links(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    page = soup(app.outdir / "world" / "talks" / "index.html")
    nav = [a["href"] for a in page.select("nav.newsroom-nav a")]
    assert [_resolve("world/talks/index.html", href) for href in nav] == [
        "sections/world",
        "sections/business",
    ]
    latest = page.select_one(".newsroom-latest-more a")
    assert _resolve("world/talks/index.html", latest["href"]) == "archive"
    assert latest_script_items(app.outdir)[0]["link"] == "world/ports/"
    image = page.select_one("figure img")
    assert _resolve("world/talks/index.html", image["src"]) == "_static/photos/talks.svg"


@pytest.mark.sphinx("html", testroot="theme-override")
def test_templates_path_overrides_one_partial(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert warning_lines(app) == []
    page = soup(app.outdir / "world" / "ports.html")
    assert page.find("footer", class_="custom-footer").get_text(strip=True) == (
        "Our own footer for The Override Post"
    )
    assert page.find("footer", class_="newsroom-footer") is None
    # Everything else is still the newsroom theme.
    assert page.find("header", class_="newsroom-masthead") is not None
    assert page.find("nav", class_="newsroom-nav") is not None
    assert page.find("article", class_="h-entry") is not None


@pytest.mark.sphinx("html", testroot="theme-extend")
def test_extending_the_theme_overrides_one_block(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert warning_lines(app) == []
    page = soup(app.outdir / "world" / "ports.html")
    assert page.find("header", class_="custom-masthead").get_text(strip=True) == (
        "The Extended Times, extended"
    )
    assert page.find("header", class_="newsroom-masthead") is None
    # The other blocks are the theme's own.
    assert page.find("a", class_="newsroom-skip-link") is not None
    assert page.find("nav", class_="newsroom-nav") is not None
    assert page.find("footer", class_="newsroom-footer") is not None
    assert len(page.find_all("main")) == 1
    # A component extends its original the same way.
    article = page.find("article", class_="h-entry")
    assert article.find(class_="p-name") is not None
    assert article.find_next_sibling(class_="custom-after-article").get_text() == "The end."


def _write_article(srcdir: Path) -> None:
    (srcdir / "world" / "quake.rst").write_text(
        ":section: Weather\n\nA late storm\n============\n\n"
        # April: the calendar of pages that are not articles (May, the newest month) stays.
        ".. byline:: Jane Doe\n   :date: 2026-04-25 08:00\n\nWind.\n",
        encoding="utf-8",
    )


@pytest.mark.sphinx("html", testroot="theme", srcdir="theme-incremental")
def test_new_article_updates_furniture_on_unchanged_pages(app, make_app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    about = app.outdir / "about.html"
    assert "A late storm" not in about.read_text(encoding="utf-8")
    _write_article(app.srcdir)
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    page = soup(about)
    latest = [item["title"] for item in latest_script_items(app.outdir)]
    assert latest[:4] == [
        "Ports reopen after the storm",
        "Oil output holds steady",
        "A late storm",
        "Border talks move ahead",
    ]
    front = [a.get_text() for a in soup(app.outdir / "index.html").select(".newsroom-latest li a")]
    assert front == latest
    assert "Weather" in [a.get_text() for a in page.select("nav.newsroom-nav a")]


@pytest.mark.sphinx("html", testroot="basic")
@pytest.mark.parametrize("buildername", ["html", "dirhtml"])
def test_asset_tags_are_made_once_per_depth_as_sphinx_makes_them(
    make_app, app_params, monkeypatch, buildername: str
) -> None:  # type: ignore[no-untyped-def]
    """Sphinx's css_tag and js_tag checksum every asset on every page; pages share them by
    folder depth, and each tag still links the file and its checksum from where the page
    is."""
    import zlib

    import sphinx.builders.html

    checked: list[str] = []
    real = sphinx.builders.html._file_checksum

    def counting(outdir: Path, filename: str) -> str:
        checked.append(str(filename))
        return real(outdir, filename)

    monkeypatch.setattr(sphinx.builders.html, "_file_checksum", counting)
    _args, kwargs = app_params
    app = make_app(buildername, **kwargs)
    app.build()
    pages = [p for p in Path(app.outdir).rglob("*.html") if "_static" not in p.parts]
    outdir = Path(app.outdir)
    folders = {page.parent for page in pages}
    depths = {len(page.parent.relative_to(outdir).parts) for page in pages}
    assets = set(checked)
    assert len(folders) > len(depths) + 2  # folders that share a depth (archive days)
    assert len(checked) <= len(depths) * len(assets), "an asset checksummed twice at a depth"
    for page in pages:
        html = soup(page)
        links = [link["href"] for link in html.find_all("link", rel="stylesheet")]
        links += [script["src"] for script in html.find_all("script", src=True)]
        assert len(links) >= 5, page
        for href in links:
            path, _, version = href.partition("?v=")
            target = (page.parent / path).resolve()
            assert target.is_file(), (page, href)
            if version:
                data = target.read_bytes().translate(None, b"\r")
                assert version == f"{zlib.crc32(data):08x}", (page, href)


@pytest.mark.sphinx("html", testroot="basic")
def test_a_shared_asset_tag_is_the_one_sphinx_makes_for_each_page(app) -> None:  # type: ignore[no-untyped-def]
    """Tags are shared by folder depth, but for pages in the asset's own first folder,
    whose link starts lower: every page gets the link Sphinx would make for it."""
    from typing import NamedTuple

    from sphinx.util.osutil import relative_uri

    from sphinx_newsroom.siteurl import share_asset_tags

    class Asset(NamedTuple):  # like Sphinx's: hashable, with a filename
        filename: str

    def sphinxs_tag(page: str) -> object:
        def css_tag(asset: Asset) -> str:
            return relative_uri(app.builder.get_target_uri(page), asset.filename)

        css_tag.__qualname__ = "StandaloneHTMLBuilder.handle_page.<locals>.css_tag"
        return css_tag

    assets = [
        Asset(name) for name in ("_static/site.css", "_static/notes/print.css", "world/extra.css")
    ]
    pages = [
        "index",
        "world/talks",
        "sport/final",
        "world/deep/inside",
        "archive/2024/04/20/index",
        "archive/2024/05/01/index",
        "_static/notes/readme",
        "_static/other/readme",
        "_static/readme",
        "world/ports",
    ]
    for page in pages:
        context = {"css_tag": sphinxs_tag(page)}
        share_asset_tags(app, page, "page.html", context, None)
        assert "_shared_tag" in context["css_tag"].__qualname__  # shared, not Sphinx's own
        for asset in assets:
            assert context["css_tag"](asset) == sphinxs_tag(page)(asset), (page, asset)


@pytest.mark.sphinx("html", testroot="theme")
def test_sources_are_not_published_with_the_newsroom_theme(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert warning_lines(app) == []
    assert (app.outdir / "world" / "talks.html").is_file()
    # Sphinx's HTML builders make the folder whatever the setting; it stays empty.
    assert [path for path in (app.outdir / "_sources").rglob("*") if path.is_file()] == []
    options = (app.outdir / "_static" / "documentation_options.js").read_text(encoding="utf-8")
    assert "HAS_SOURCE: false" in options


@pytest.mark.sphinx("html", testroot="theme", confoverrides={"html_copy_source": True})
def test_sources_are_published_when_the_command_line_asks(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert (app.outdir / "_sources" / "world" / "talks.rst.txt").is_file()


def test_sources_are_published_when_conf_py_asks(make_app, rootdir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "site"
    shutil.copytree(rootdir / "test-theme", src)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("html_copy_source = True\n")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert (app.outdir / "_sources" / "world" / "talks.rst.txt").is_file()


@pytest.mark.sphinx("html", testroot="theme", confoverrides={"html_theme": "alabaster"})
def test_other_themes_keep_sphinxs_sources(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert (app.outdir / "_sources" / "world" / "talks.rst.txt").is_file()
