"""The newsroom theme in a real browser: layout, keyboard, navigation and accessibility.

The example site is built once per session and served on 127.0.0.1; headless Chromium
(``/usr/bin/chromium``, driven by Playwright) visits its pages at phone, tablet and desktop
widths in light and dark (a live coverage page among them, when the site has one).
Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import screenshots_module

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
FALLBACK_SITE = Path(__file__).parent / "roots" / "test-theme"


shots = screenshots_module()

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(shots.CHROMIUM).exists(), reason=f"no Chromium at {shots.CHROMIUM}"
    ),
]

sync_api = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

WIDTHS = (375, 768, 1280)
SCHEMES = ("light", "dark")
PAGES = ("front", "article", "live", "archive", "author")


@pytest.fixture(scope="session")
def site() -> Iterator[Path]:
    """Build the example site (or, without one, the theme's test root) once per session."""
    source = shots.EXAMPLE_SITE if (shots.EXAMPLE_SITE / "conf.py").is_file() else FALLBACK_SITE
    with tempfile.TemporaryDirectory(prefix="newsroom-browser-") as tmp:
        yield shots.build_site(source, Path(tmp) / "html")


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with shots.serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium: Any) -> Any:
    return chromium


@pytest.fixture(scope="session")
def pages(site: Path) -> dict[str, str]:
    """Return the path of one page of each kind under test ("live": none without one)."""
    lives = [
        p
        for p in sorted(site.rglob("*.html"))
        if 'class="newsroom-live-update"' in p.read_text(encoding="utf-8")
    ]
    months = sorted(site.glob("archive/[0-9]*/[0-9]*/index.html"))
    authors = sorted(p for p in site.glob("authors/*/index.html"))
    assert months, "the site has no month archive page"
    assert authors, "the site has no author page"
    return {
        "front": "index.html",
        "article": shots.article_page(site),
        "live": lives[0].relative_to(site).as_posix() if lives else "",
        "archive": months[0].relative_to(site).as_posix(),
        "author": authors[0].relative_to(site).as_posix(),
    }


@pytest.fixture
def open_page(browser: Any, base_url: str) -> Iterator[Any]:
    """Return a function opening a path in a fresh browser context of a given size and scheme."""
    contexts: list[Any] = []

    def _open(path: str, width: int = 1280, scheme: str = "light", **options: Any) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme=scheme, **options
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(base_url + path)
        return page

    yield _open
    for context in contexts:
        context.close()


def _focused(page: Any) -> dict[str, Any]:
    """Describe the focused element: where it is and how its focus is drawn."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(),
                classes: el.className || "",
                inMain: !!el.closest("main"),
                inNav: !!el.closest("nav.newsroom-nav"),
                visible: el.matches(":focus-visible"),
                outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                shadow: style.boxShadow !== "none",
            };
        }"""
    )


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGES)
def test_page_fits_and_passes_axe(
    open_page: Any, pages: dict[str, str], kind: str, width: int, scheme: str
) -> None:
    if not pages[kind]:
        pytest.skip(f"the site has no {kind} page")
    page = open_page(pages[kind], width, scheme)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{kind}-{width}-{scheme}.png"), full_page=True)
    overflow = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert overflow[0] <= overflow[1], f"horizontal overflow: {overflow}"
    assert page.locator("main").count() == 1
    assert page.locator("main h1").first.is_visible() or kind == "front"
    if kind == "live":  # the updates' times, each a visible link to its update
        links = page.locator("main article .newsroom-live-update-time a[href^='#']")
        assert links.count() >= 2
        assert all(links.nth(i).is_visible() for i in range(links.count()))
    results = axe_module.Axe().run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == []


@pytest.mark.parametrize("width", (375, 1280))
def test_tab_order_skip_link_then_navigation(
    open_page: Any, pages: dict[str, str], width: int
) -> None:
    page = open_page(pages["article"], width)
    page.keyboard.press("Tab")
    first = _focused(page)
    assert "newsroom-skip-link" in first["classes"]
    assert first["visible"] and (first["outline"] or first["shadow"])
    assert page.locator(".newsroom-skip-link").is_visible()  # shown when focused
    for _ in range(6):
        page.keyboard.press("Tab")
        focused = _focused(page)
        assert not focused["inMain"], "main content reached before the section navigation"
        if focused["inNav"]:
            break
    else:
        pytest.fail("Tab did not reach the section navigation")
    assert focused["visible"] and (focused["outline"] or focused["shadow"])


def test_skip_link_moves_focus_to_main(open_page: Any, pages: dict[str, str]) -> None:
    page = open_page(pages["article"], 375)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main-content"
    assert page.url.endswith("#main-content")
    # The next Tab continues inside the main content.
    page.keyboard.press("Tab")
    assert _focused(page)["inMain"]


@pytest.mark.parametrize("rel", ("prev", "next"))
def test_prev_next_links_navigate(open_page: Any, pages: dict[str, str], rel: str) -> None:
    page = open_page(pages["article"])
    link = page.locator(f"nav.newsroom-prev-next a[rel={rel}]")
    if link.count() == 0:
        pytest.skip(f"the article under test has no {rel} link")
    title = link.locator(".newsroom-prev-next-title").inner_text().strip()
    target = link.evaluate("a => a.href")
    with page.expect_navigation():
        link.click()
    assert page.url == target
    assert page.locator("main h1 .p-name").inner_text().startswith(title.split(" – ")[0])
    # The article we came from links back the other way.
    back = "next" if rel == "prev" else "prev"
    assert page.locator(f"nav.newsroom-prev-next a[rel={back}]").count() == 1


def test_calendar_day_link_opens_that_days_archive(open_page: Any, pages: dict[str, str]) -> None:
    page = open_page(pages["article"])
    day = page.locator(".newsroom-sidebar table a").first
    assert day.count() == 1, "the article's calendar has no linked day"
    assert day.get_attribute("aria-label")  # "Articles published on …"
    target = day.evaluate("a => a.href")
    with page.expect_navigation():
        day.click()
    assert page.url == target
    assert re.search(r"/archive/\d{4}/\d{2}/\d{2}/(index\.html)?$", page.url), page.url
    assert page.locator("main h1").count() == 1
    assert page.locator("main .newsroom-article-list-item").count() >= 1


def test_calendar_month_link_navigates(open_page: Any, pages: dict[str, str]) -> None:
    page = open_page(pages["article"])
    month = page.locator(".newsroom-sidebar .newsroom-calendar-nav a").first
    if month.count() == 0:
        pytest.skip("the calendar has no earlier or later month")
    with page.expect_navigation():
        month.click()
    assert re.search(r"/archive/\d{4}/\d{2}/(index\.html)?$", page.url), page.url
    assert page.locator("main h1").count() == 1


def test_readable_without_javascript(open_page: Any, pages: dict[str, str]) -> None:
    page = open_page(pages["article"], 375, java_script_enabled=False)
    assert page.locator("main h1 .p-name").is_visible()
    assert page.locator("main .e-content p").first.is_visible()
    assert page.locator("nav.newsroom-nav a").first.is_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")


def test_dark_scheme_changes_colours(open_page: Any, pages: dict[str, str]) -> None:
    colours = {}
    for scheme in SCHEMES:
        page = open_page(pages["article"], 1280, scheme)
        colours[scheme] = page.evaluate(
            "() => [getComputedStyle(document.body).backgroundColor,"
            " getComputedStyle(document.body).color]"
        )
    assert colours["light"] != colours["dark"]


def test_print_stylesheet_hides_furniture(open_page: Any, pages: dict[str, str]) -> None:
    page = open_page(pages["article"])
    page.emulate_media(media="print")
    assert not page.locator(".newsroom-sidebar").is_visible()
    assert not page.locator("nav.newsroom-nav").is_visible()
    assert page.locator("main h1 .p-name").is_visible()


def test_latest_block_fills_itself_on_article_pages(
    open_page: Any, browser: Any, site: Path, pages: dict[str, str]
) -> None:
    # Article pages fetch the newest articles (so that publishing does not rewrite them).
    page = open_page(pages["article"])
    items = page.locator(".newsroom-sidebar [data-newsroom-latest] li a")
    items.first.wait_for()
    assert items.count() == 5
    front = open_page("index.html")
    expected = front.locator(".newsroom-sidebar .newsroom-latest li a").all_inner_texts()
    assert items.all_inner_texts() == expected
    # Each link leads to the article it names.
    with page.expect_navigation():
        items.nth(1).click()
    assert page.locator("main h1 .p-name").inner_text().startswith(expected[1])
    # On the newest article, its own entry is marked as the page being read.
    newest = page.locator("[data-newsroom-latest] li a[aria-current=page]")
    page.go_back()
    items.first.click()
    page.wait_for_load_state()
    newest.wait_for()
    assert newest.inner_text() == expected[0]

    # From a file: URL too (a script, not a fetch).
    context = browser.new_context()
    try:
        local = context.new_page()
        local.goto((site / pages["article"]).as_uri())
        local.locator("[data-newsroom-latest] li a").first.wait_for()
        assert local.locator("[data-newsroom-latest] li a").all_inner_texts() == expected
    finally:
        context.close()


def test_latest_block_links_the_archive_without_javascript(
    open_page: Any, pages: dict[str, str]
) -> None:
    page = open_page(pages["article"], java_script_enabled=False)
    block = page.locator(".newsroom-sidebar .newsroom-latest")
    assert block.locator("ol").is_hidden()
    more = block.locator(".newsroom-latest-more a")
    assert more.is_visible()
    with page.expect_navigation():
        more.click()
    assert re.search(r"/archive/(index\.html)?$", page.url), page.url
