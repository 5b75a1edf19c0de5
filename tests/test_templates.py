"""Every component is rendered from a template under ``newsroom/`` that a site can replace.

The extension ships the templates (contract, section 8); a file of the same name in a
site's ``templates_path`` replaces one component, whatever the theme. Each test builds a
fresh copy of ``tests/roots/test-templates`` (theme given by ``confoverrides``), so an
override written by one test never leaks into another.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup, Tag

from helpers import soup, warning_lines

THEMES = ("newsroom", "alabaster")


@dataclass(frozen=True)
class Component:
    """A template, the page where its component shows and the component's default markup."""

    template: str
    page: str
    selector: str
    #: Look for the default markup only in the page's own content (the same class may also
    #: come from a sidebar block, e.g. the sidebar calendar).
    in_content: bool = False
    #: Where an override of the template must land (an item lands inside its list).
    inside: str | None = None
    #: The component is a sidebar block: it sits outside the page's own content.
    sidebar: bool = False


COMPONENTS = (
    Component("byline.html", "world/talks.html", ".newsroom-byline", in_content=True),
    Component("article.html", "world/talks.html", "article.h-entry", in_content=True),
    Component("lead-image.html", "world/talks.html", ".newsroom-lead-image", in_content=True),
    Component("title-suffix.html", "world/talks.html", ".newsroom-title-suffix", in_content=True),
    # A list item may show a label too: look for the article's own badge only.
    Component("label.html", "world/talks.html", ".newsroom-label", in_content=True),
    Component("correction.html", "world/ports.html", ".newsroom-correction", in_content=True),
    Component("related.html", "business/oil.html", ".newsroom-related", in_content=True),
    Component("calendar.html", "index.html", ".newsroom-calendar", in_content=True),
    # A week is a row of the grid; the table around the rows stays the default one.
    Component(
        "calendar-week.html",
        "index.html",
        ".newsroom-calendar tbody tr",
        in_content=True,
        inside=".newsroom-calendar",
    ),
    Component("article-list.html", "index.html", ".newsroom-article-list", in_content=True),
    # An item's headline is its p-name; the list around the items stays the default one.
    Component(
        "article-list-item.html",
        "index.html",
        ".newsroom-article-list li .p-name",
        in_content=True,
        inside=".newsroom-article-list",
    ),
    Component("prev-next.html", "world/talks.html", ".newsroom-prev-next"),
    # tags/borders has three articles and newsroom_page_size is 1: three pages.
    Component("pagination.html", "tags/borders/index.html", ".newsroom-pagination"),
    Component("listing.html", "tags/borders/index.html", ".newsroom-listing"),
    # world/talks has no post-calendar of its own: every calendar on it is the sidebar's.
    Component("sidebar-calendar.html", "world/talks.html", ".newsroom-calendar", sidebar=True),
    Component("sidebar-latest.html", "world/talks.html", ".newsroom-latest", sidebar=True),
)


def _source(rootdir: Path, tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-templates", src)
    return src


def _override(src: Path, template: str, text: str) -> None:
    path = src / "_templates" / "newsroom" / template
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _build(make_app, src: Path, theme: str):  # type: ignore[no-untyped-def]
    app = make_app("html", srcdir=src, freshenv=True, confoverrides={"html_theme": theme})
    app.build()
    return app


def _calendar_site(make_app, rootdir: Path, tmp_path: Path, calendar: str):  # type: ignore[no-untyped-def]
    """Build the root with *calendar* as its ``newsroom/calendar.html``; no warning."""
    src = _source(rootdir, tmp_path)
    _override(src, "calendar.html", calendar)
    app = _build(make_app, src, "newsroom")
    assert warning_lines(app) == []
    return app


def _content(page: BeautifulSoup) -> Tag:
    """Return the page's own content: ``<main>`` (newsroom) or ``role="main"`` (alabaster)."""
    content = page.find("main") or page.find(attrs={"role": "main"})
    assert content is not None, "page has no main content"
    return content


def _within(element: Tag, ancestor: Tag) -> bool:
    return element is ancestor or ancestor in element.parents


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.template)
def test_site_template_overrides_the_component(
    make_app,
    rootdir: Path,
    tmp_path: Path,
    theme: str,
    component: Component,
) -> None:
    src = _source(rootdir, tmp_path)
    marker = f"OVERRIDE {component.template}"
    _override(src, component.template, f'<p class="override-marker">{marker}</p>\n')
    app = _build(make_app, src, theme)
    assert warning_lines(app) == []

    page = soup(app.outdir / component.page)
    markers = [p for p in page.select("p.override-marker") if p.get_text() == marker]
    assert markers, f"{component.template} override is not on {component.page}"
    content = _content(page)
    for found in markers:
        if component.sidebar:
            assert not _within(found, content), "a sidebar block landed in the page content"
        if component.inside is not None:
            assert found.find_parent(class_=component.inside.lstrip(".")) is not None

    # The component's default markup is gone where the override took its place.
    scope = content if component.in_content else page
    assert scope.select(component.selector) == [], (
        f"{component.template} is overridden but {component.selector} is still there"
    )
    if component.inside is not None:
        assert scope.select(component.inside), "overriding an item removed its whole list"


@pytest.mark.parametrize("theme", THEMES)
def test_default_templates_render_every_component(
    make_app,
    rootdir: Path,
    tmp_path: Path,
    theme: str,
) -> None:
    app = _build(make_app, _source(rootdir, tmp_path), theme)
    assert warning_lines(app) == []

    talks = soup(app.outdir / "world" / "talks.html")
    talks_content = _content(talks)
    assert len(talks_content.select(".newsroom-byline")) == 1
    assert "Opinion" in talks_content.select_one(".newsroom-label").get_text()
    nav = talks.select_one(".newsroom-prev-next")
    assert nav is not None
    # ports (18 April) is older and oil (22 April) newer than talks (20 April).
    assert (
        nav.find("a", rel="prev").get_text(" ", strip=True).endswith("Ports reopen after the storm")
    )
    assert nav.find("a", rel="next").get_text(" ", strip=True).endswith("Oil output holds steady")

    # The sidebar blocks of html_sidebars, outside the page's own content.
    calendars = talks.select(".newsroom-calendar")
    assert calendars and all(not _within(c, talks_content) for c in calendars)
    assert talks.select(".newsroom-calendar table") or talks.select("table.newsroom-calendar")
    latest = talks.select_one(".newsroom-latest")
    assert latest is not None and not _within(latest, talks_content)
    assert latest.has_attr("data-newsroom-latest")  # filled from a script on article pages
    front_latest = soup(app.outdir / "index.html").select_one(".newsroom-latest")
    assert "Oil output holds steady" in front_latest.get_text()

    ports = _content(soup(app.outdir / "world" / "ports.html"))
    correction = ports.select_one(".newsroom-correction")
    assert correction is not None
    assert "An earlier version gave the wrong port." in correction.get_text()

    related = _content(soup(app.outdir / "business" / "oil.html")).select_one(".newsroom-related")
    assert related is not None
    assert "Border talks move ahead" in related.get_text()

    front = _content(soup(app.outdir / "index.html"))
    assert front.select(".newsroom-calendar table") or front.select("table.newsroom-calendar")
    article_list = front.select_one(".newsroom-article-list")
    assert article_list is not None
    assert article_list.select(".p-name")

    tag = soup(app.outdir / "tags" / "borders" / "index.html")
    tag_content = _content(tag)
    assert tag_content.select_one(".newsroom-listing") is not None
    pagination = tag.select_one(".newsroom-pagination")
    assert pagination is not None
    assert pagination.find("a", rel="next") is not None


def test_a_calendar_that_loops_over_the_cells_of_each_week_still_gets_them(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    """``{{ week }}`` shows a shared row; a site's calendar may still lay the cells out itself."""
    app = _calendar_site(
        make_app,
        rootdir,
        tmp_path,
        "{%- autoescape true %}<ol class='own-calendar'>"
        "{%- for week in calendar.weeks %}{% for cell in week %}{% if cell %}"
        "<li{% if cell.current %} aria-current='date'{% endif %}>"
        "{% if cell.link %}<a href='{{ cell.link }}'>{{ cell.day }}</a>"
        "{% else %}{{ cell.day }}{% endif %}</li>"
        "{%- endif %}{% endfor %}{% endfor %}</ol>{%- endautoescape %}\n",
    )

    # world/talks is of 20 April 2024: its sidebar calendar is April's, the 20th its own day.
    days = soup(app.outdir / "world" / "talks.html").select("ol.own-calendar li")
    assert [day.get_text() for day in days] == [str(n) for n in range(1, 31)]
    assert [day.get_text() for day in days if day.get("aria-current")] == ["20"]
    linked = {day.get_text(): day.a["href"] for day in days if day.a is not None}
    assert linked["20"] == "../archive/2024/04/20/index.html"
    assert "19" not in linked  # no article that day


def test_a_calendar_that_shows_the_rows_and_looks_into_the_cells_gets_each_pages_own(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    """Pages of one depth share the calendar around its rows, unless it reads the cells.

    This calendar shows the shared rows (``{{ week }}``) and names the page's own day
    from the cells: each page must get its own day, not the first page's.
    """
    app = _calendar_site(
        make_app,
        rootdir,
        tmp_path,
        "{%- autoescape true %}<table class='newsroom-calendar'><tbody>"
        "{%- for week in calendar.weeks %}{{ week }}{% endfor %}</tbody></table>"
        "{%- for week in calendar.weeks %}{% for cell in week %}"
        "{% if cell and cell.current %}<p class='own-day'>{{ cell.day }}</p>{% endif %}"
        "{%- endfor %}{% endfor %}{%- endautoescape %}\n",
    )
    # Two articles of one folder, of 20 and 18 April 2024, and the day archive of the 20th.
    for page, day in [
        ("world/talks.html", "20"),
        ("world/ports.html", "18"),
        ("archive/2024/04/20/index.html", "20"),
    ]:
        html = soup(app.outdir / page)
        assert [p.get_text() for p in html.select("p.own-day")] == [day], page
        assert [td.get_text() for td in html.select("[aria-current=date]")] == [day], page


def test_a_calendar_row_is_rendered_once_for_the_pages_of_every_depth(
    make_app, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A week row links from the site's root with each page's own climb: the same row is
    rendered once for an article (one folder down) and a day archive (four down), and
    each page's links still lead to the right day archive."""
    from sphinx_newsroom import calendar

    rows: list[tuple[object, ...]] = []
    original = calendar.render

    def counting(builder, template, **data):  # type: ignore[no-untyped-def]
        if template == "newsroom/calendar-week.html":  # a row: its days, and which it links
            rows.append(
                tuple(cell and (cell.day, cell.current, bool(cell.link)) for cell in data["week"])
            )
        return original(builder, template, **data)

    monkeypatch.setattr(calendar, "render", counting)
    app = _build(make_app, _source(rootdir, tmp_path), "newsroom")
    assert [row for row, count in Counter(rows).items() if count > 1] == []
    for page in ("world/talks.html", "archive/2024/04/index.html", "archive/2024/04/18/index.html"):
        links = soup(app.outdir / page).select(".newsroom-calendar a[aria-label]")
        assert links, page
        for link in links:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), link["href"]))
            assert re.fullmatch(r"archive/2024/04/\d\d/index\.html", target), (page, target)
            assert (app.outdir / target).is_file(), (page, target)


def test_a_calendar_row_that_changes_links_gets_each_pages_own(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    """A site's row template may transform a link before showing it (``|urlencode``):
    then each page renders its own rows, with its own links."""
    src = _source(rootdir, tmp_path)
    _override(
        src,
        "calendar-week.html",
        "{%- autoescape true %}<tr>{% for cell in week %}<td>{% if cell and cell.link %}"
        "<a class='own-row' href='{{ cell.link|urlencode }}'>{{ cell.day }}</a>"
        "{% endif %}</td>{% endfor %}</tr>{%- endautoescape %}\n",
    )
    app = _build(make_app, src, "newsroom")
    assert warning_lines(app) == []
    for page, up in [
        ("world/talks.html", "../"),
        ("archive/2024/04/18/index.html", "../../../../"),
    ]:
        hrefs = [a["href"] for a in soup(app.outdir / page).select("a.own-row")]
        assert hrefs, page
        assert all(href.startswith(up + "archive/2024/04/") for href in hrefs), (page, hrefs)


def test_an_error_in_a_sites_component_names_its_template_and_line(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    """A component is rendered the way Jinja renders a template: an error in a site's
    component still points at that file and line, as Jinja's own traceback does."""
    import traceback

    src = _source(rootdir, tmp_path)
    _override(
        src,
        "byline.html",
        "{%- autoescape true %}\n<p>\n{{ byline.no_such.name }}\n</p>\n{%- endautoescape %}\n",
    )
    with pytest.raises(jinja2.UndefinedError) as raised:
        _build(make_app, src, "newsroom")
    frames = traceback.extract_tb(raised.value.__traceback__)
    assert any(
        frame.filename.endswith(str(Path("newsroom", "byline.html"))) and frame.lineno == 3
        for frame in frames
    ), [(frame.filename, frame.lineno) for frame in frames]
