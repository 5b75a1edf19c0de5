"""Bylines: authors, links to author pages, dates in <time>, escaping."""

from __future__ import annotations

import pytest

from helpers import soup, warnings


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_byline_one_two_three_authors(app) -> None:
    app.build()
    assert warnings(app) == ""
    one = soup(app.outdir / "world/ports.html").select_one(".newsroom-byline-authors")
    two = soup(app.outdir / "world/talks.html").select_one(".newsroom-byline-authors")
    three = soup(app.outdir / "business/oil.html").select_one(".newsroom-byline-authors")
    assert one.get_text() == "By Jane Doe"
    assert two.get_text() == "By Jane Doe and Ali Rahimov"
    assert three.get_text() == "By Jane Doe, Ali Rahimov and Sam Lee"
    links = three.select("a")
    assert [a["href"] for a in links] == [
        "../authors/jane-doe/index.html",
        "../authors/ali-rahimov/index.html",
        "../authors/sam-lee/index.html",
    ]
    for a in links:
        assert a["rel"] == ["author"]
        assert {"p-author", "h-card"} <= set(a["class"])


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_plain_name_matching_the_registry_links_to_the_registered_author(app) -> None:
    app.build()
    # "Jane Doe" and "Ali Rahimov" are written as plain names in ports.rst and leap.rst.
    ports = soup(app.outdir / "world/ports.html").select_one("a.p-author")
    leap = soup(app.outdir / "business/leap.html").select_one("a.p-author")
    assert ports["href"] == "../authors/jane-doe/index.html"
    assert leap["href"] == "../authors/ali-rahimov/index.html"


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_byline_dates_and_dateline(app) -> None:
    app.build()
    page = soup(app.outdir / "world/talks.html")
    published = page.select_one("time.dt-published")
    updated = page.select_one("time.dt-updated")
    assert published["datetime"] == "2024-04-20T10:15:00+04:00"
    assert updated["datetime"] == "2024-04-21T08:00:00+04:00"
    assert published.get_text() == "April 20, 2024, 10:15\u202fAM" or "2024" in published.get_text()
    assert page.select_one(".newsroom-dateline").get_text() == "Baku"
    # An explicit offset is shown in the newsroom's zone, with the offset kept in datetime.
    ports = soup(app.outdir / "world/ports.html").select_one("time.dt-published")
    assert ports["datetime"] == "2024-04-20T03:30:00+04:00"
    # A date without a time shows no time.
    leap = soup(app.outdir / "business/leap.html").select_one("time.dt-published")
    assert leap["datetime"] == "2024-02-29T00:00:00+04:00"
    assert ":" not in leap.get_text()


@pytest.mark.sphinx("html", testroot="bad-input", freshenv=True)
def test_hostile_strings_are_escaped(app) -> None:
    app.build()
    raw = (app.outdir / "hostile.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw
    assert "<i>Berlin</i>" not in raw
    page = soup(app.outdir / "hostile.html")
    names = [a.get_text() for a in page.select("a.p-author")]
    assert names == ["<script>alert('a')</script> O'Hara & \"Sons\"", "Jane Doe"]
    assert page.select_one(".newsroom-dateline").get_text() == '<i>Berlin</i> & "Bonn"'
    assert page.select_one("h1 .p-name").get_text().startswith("Title with <script>alert(")
    assert page.select_one(".p-summary").get_text().endswith("</script> & more.")
    for a in page.select("a.p-author"):
        assert "<" not in a["href"] and '"' not in a["href"]


@pytest.mark.sphinx("text", testroot="basic", freshenv=True)
def test_other_builders_get_a_plain_byline(app) -> None:
    app.build()
    text = (app.outdir / "business/oil.txt").read_text(encoding="utf-8")
    assert "By Jane Doe, Ali Rahimov and Sam Lee" in text
    assert "Analysis" in text
    assert "2024" in text
