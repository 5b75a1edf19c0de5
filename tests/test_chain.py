"""The chronological chain: previous/next links, ties, time zones, drafts, section scope."""

from __future__ import annotations

import pytest

from helpers import soup, warnings


def chain_of(app) -> dict[str, tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    """Return, for every article page, the hrefs of its rel=prev and rel=next nav links."""
    result = {}
    for docname in (
        "business/leap",
        "world/early",
        "world/ports",
        "world/talks",
        "world/tie-a",
        "world/tie-b",
        "business/oil",
    ):
        page = soup(app.outdir / f"{docname}.html")
        nav = page.select_one("nav.newsroom-prev-next")
        prev = nav.select_one("a[rel=prev]") if nav else None
        nxt = nav.select_one("a[rel=next]") if nav else None
        head_prev = page.select_one("head link[rel=prev]")
        head_next = page.select_one("head link[rel=next]")
        # The head links and the visible links always agree.
        assert (head_prev["href"] if head_prev else None) == (prev["href"] if prev else None)
        assert (head_next["href"] if head_next else None) == (nxt["href"] if nxt else None)
        result[docname] = (prev["href"] if prev else None, nxt["href"] if nxt else None)
    return result


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_site_chain_order(app) -> None:
    app.build()
    assert warnings(app) == ""
    assert chain_of(app) == {
        # 2024-02-29 00:00 Baku
        "business/leap": (None, "../world/early.html"),
        # 02:00 in Baku is 2024-04-19 22:00 UTC: before the ports story of 23:30 UTC.
        "world/early": ("../business/leap.html", "ports.html"),
        # 2024-04-19 23:30 UTC is 2024-04-20 03:30 in Baku: before the 10:15 article.
        "world/ports": ("early.html", "talks.html"),
        "world/talks": ("ports.html", "tie-a.html"),
        # tie-a (09:00:30) and tie-b (09:00) share a minute: document name decides.
        "world/tie-a": ("talks.html", "tie-b.html"),
        "world/tie-b": ("tie-a.html", "../business/oil.html"),
        "business/oil": ("../world/tie-b.html", None),
    }


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_links_show_titles_and_drafts_are_left_out(app) -> None:
    app.build()
    talks = soup(app.outdir / "world/talks.html")
    nav = talks.select_one("nav.newsroom-prev-next")
    assert nav["aria-label"]
    assert "Ports reopen after the storm" in nav.select_one("a[rel=prev]").get_text()
    assert "First of two at nine" in nav.select_one("a[rel=next]").get_text()
    assert talks.select_one("head link[rel=next]")["title"] == "First of two at nine"
    for draft in ("business/draft", "business/future"):
        page = soup(app.outdir / f"{draft}.html")
        # Built, but outside the chain: no links to or from it.
        assert page.select_one("article.h-entry") is not None
        assert page.select_one("nav.newsroom-prev-next") is None
        assert page.select_one("head link[rel=prev]") is None
        assert page.select_one("head link[rel=next]") is None
    for html in app.outdir.rglob("*.html"):
        if html.stem in ("draft", "future"):
            continue  # its own page names itself (canonical link, og:url)
        text = html.read_text(encoding="utf-8")
        assert "draft.html" not in text and "future.html" not in text, html


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_non_articles_keep_no_article_links(app) -> None:
    app.build()
    about = soup(app.outdir / "about.html")
    assert about.select_one("article.h-entry") is None
    assert about.select_one("nav.newsroom-prev-next") is None


@pytest.mark.sphinx(
    "html", testroot="basic", freshenv=True, confoverrides={"newsroom_prev_next": "section"}
)
def test_section_scope(app) -> None:
    app.build()
    assert warnings(app) == ""
    chain = chain_of(app)
    assert chain["business/leap"] == (None, "oil.html")
    assert chain["business/oil"] == ("leap.html", None)
    assert chain["world/early"] == (None, "ports.html")
    assert chain["world/ports"] == ("early.html", "talks.html")
    assert chain["world/tie-b"] == ("tie-a.html", None)


@pytest.mark.sphinx(
    "html", testroot="basic", freshenv=True, confoverrides={"newsroom_timezone": "UTC"}
)
def test_time_zone_conversion_changes_order_across_midnight(app) -> None:
    # Naive dates are read in newsroom_timezone; explicit offsets are kept. In UTC the
    # naive 02:00 article comes after the ports story (23:30 UTC the day before).
    app.build()
    chain = chain_of(app)
    assert chain["world/ports"] == ("../business/leap.html", "early.html")
    assert chain["world/early"] == ("ports.html", "talks.html")


@pytest.mark.sphinx("dirhtml", testroot="basic", freshenv=True)
def test_dirhtml_links(app) -> None:
    app.build()
    talks = soup(app.outdir / "world/talks/index.html")
    nav = talks.select_one("nav.newsroom-prev-next")
    assert nav.select_one("a[rel=prev]")["href"] == "../ports/"
    assert nav.select_one("a[rel=next]")["href"] == "../tie-a/"
    author = talks.select_one("a.p-author")
    assert author["href"] == "../../authors/jane-doe/"
