"""Every builder of contract section 6 builds a newsroom site, with a sensible result."""

from __future__ import annotations

import json
import pickle
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from sphinx_newsroom.siteurl import relative_link

from helpers import soup, warning_lines

BUILDERS = (
    "html",
    "dirhtml",
    "singlehtml",
    "json",
    "pickle",
    "epub",
    "latex",
    "text",
    "man",
    "texinfo",
    "gettext",
    "linkcheck",
)


def _build(make_app, rootdir: Path, tmp_path: Path, builder: str):  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-builders", src)
    app = make_app(builder, srcdir=src, freshenv=True)
    app.build()
    return app


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_builds_without_a_warning(make_app, rootdir, tmp_path, builder) -> None:
    app = _build(make_app, rootdir, tmp_path, builder)
    assert warning_lines(app) == []
    assert app.statuscode == 0


def _chunks(text: str, headings: list[str]) -> dict[str, str]:
    """Split a book's text at each article's headline."""
    positions = sorted((text.index(heading), heading) for heading in headings)
    chunks = {}
    for index, (start, heading) in enumerate(positions):
        end = positions[index + 1][0] if index + 1 < len(positions) else len(text)
        chunks[heading] = text[start:end]
    return chunks


FIRST = "Ferries return to the old harbour"
SECOND = "Port fees rise for the summer"


@pytest.mark.parametrize(("builder", "output"), [("latex", "courier.tex"), ("texinfo", "*.texi")])
def test_books_keep_each_correction_under_its_own_article(
    make_app, rootdir, tmp_path, builder, output
) -> None:
    app = _build(make_app, rootdir, tmp_path, builder)
    (book,) = app.outdir.glob(output)
    text = book.read_text(encoding="utf-8")
    heading = "\\chapter{" if builder == "latex" else "@chapter "
    chunks = _chunks(text, [heading + FIRST, heading + SECOND])
    first, second = chunks[heading + FIRST], chunks[heading + SECOND]
    assert "wrong quay" in first and "wrong quay" not in second
    assert "not a fifth" in second and "not a fifth" not in first
    assert "Correction, 21 April 2024:" in first
    assert "Correction, 23 April 2024:" in second


def test_text_has_each_correction_with_its_head(make_app, rootdir, tmp_path) -> None:
    app = _build(make_app, rootdir, tmp_path, "text")
    first = (app.outdir / "world" / "first.txt").read_text(encoding="utf-8")
    second = (app.outdir / "world" / "second.txt").read_text(encoding="utf-8")
    assert re.search(r"Correction, 21 April 2024:\*\* An earlier version", first)
    # The correction sits at the end of the article, after its subsection.
    assert second.index("More about the fees") < second.index("not a fifth")


def test_singlehtml_links_only_to_what_it_writes(make_app, rootdir, tmp_path) -> None:
    app = _build(make_app, rootdir, tmp_path, "singlehtml")
    page = soup(app.outdir / "index.html")
    missing = []
    for link in page.find_all("a", href=True):
        parts = urlsplit(link["href"])
        if parts.scheme or parts.netloc or not parts.path:
            continue
        if not (app.outdir / unquote(parts.path)).exists():
            missing.append(link["href"])
    assert missing == []
    # Each article keeps its own byline and correction: nothing moves to the front page.
    sections = {
        heading.get_text(" ", strip=True).removesuffix(" ¶"): heading.find_parent("section")
        for heading in page.find_all(["h1", "h2"])
    }
    first, second = sections[FIRST], sections[SECOND]
    assert "wrong quay" in first.get_text() and "not a fifth" not in first.get_text()
    assert "not a fifth" in second.get_text()
    assert first.find(class_="newsroom-byline") is not None
    front = sections["The Builder Courier"]
    assert front.find(class_="newsroom-byline", recursive=False) is None


def test_json_and_pickle_contexts_are_plain_data(make_app, rootdir, tmp_path) -> None:
    app = _build(make_app, rootdir, tmp_path / "json", "json")
    data = json.loads((app.outdir / "world" / "first.fjson").read_text(encoding="utf-8"))
    assert data["newsroom_article"]["title"] == FIRST
    assert data["newsroom_article"]["published"] == "2024-04-20T10:15:00+02:00"
    assert data["newsroom_label"]["key"] == "analysis"
    assert "<table" in data["newsroom_calendar_html"]
    app = _build(make_app, rootdir, tmp_path / "pickle", "pickle")
    context = pickle.loads((app.outdir / "world" / "first.fpickle").read_bytes())
    assert context["newsroom_article"]["docname"] == "world/first"


@pytest.mark.parametrize("builder", BUILDERS)
def test_the_hostile_site_builds_with_every_builder(make_app, rootdir, tmp_path, builder) -> None:
    """Contract section 6: no input and no builder ends in a traceback."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-hostile", src)
    app = make_app(builder, srcdir=src, freshenv=True)
    app.build()  # a traceback fails here
    assert app.statuscode == 0
    for line in warning_lines(app):
        # Every problem is ours, located (docutils reports the unclosed emphasis itself).
        assert "[docutils]" in line or re.search(r":\d+: WARNING: .*\[newsroom\.\w+\]$", line), line


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "json"])
def test_links_made_once_per_folder_are_the_builders_own(
    make_app, rootdir, tmp_path, builder
) -> None:
    """``relative_link`` shares links between pages of a folder: the same as Sphinx's."""
    app = _build(make_app, rootdir, tmp_path, builder)
    generated = ["archive/index", "archive/2024/04/20/index", "tags/borders/index"]
    pages = sorted(app.env.found_docs) + generated + ["archive/2024/04/21/index"]
    for _round in range(2):  # the second from what the first made
        for here in pages:
            for there in pages:
                expected = app.builder.get_relative_uri(here, there)
                assert relative_link(app.builder, here, there) == expected, (here, there)
