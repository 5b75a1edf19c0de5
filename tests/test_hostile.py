"""Careless and hostile input: one located newsroom warning each, no traceback, no leak."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp

from helpers import soup, warning_lines

#: file → the subtypes of the newsroom warnings its bad inputs give, one per bad input.
EXPECTED = {
    "fields.rst": ["field", "field", "field", "slug"],  # section, summary, :sectoin:, tag "—"
    "noauthor.rst": ["author"],
    "emptydate.rst": ["date"],
    "bylinetext.rst": ["byline"],
    "twolabels.rst": ["label", "label"],  # a second label, a label with no name
    # post-calendar argument, label without a byline, three article-list filters nobody has
    "index.rst": ["calendar", "label", "option", "option", "option"],
    "longtag.rst": ["slug"],
    "cpp.rst": ["slug"],  # "C++" and "C#" would share tags/c/
    "overflow.rst": ["date"],
    "gap.rst": ["date", "related"],  # a time the clocks skipped; a related undated article
}

_WARNING_RE = re.compile(r"^(?P<path>[^:]+?)(?::(?P<line>\d+))?: WARNING: .* \[newsroom\.(\w+)\]$")


@pytest.fixture(scope="module", params=["html", "dirhtml"])
def built(request, tmp_path_factory, rootdir):  # type: ignore[no-untyped-def]
    """Build the hostile site once per builder; the tests read its output and warnings."""
    src = tmp_path_factory.mktemp("hostile") / "src"
    shutil.copytree(rootdir / "test-hostile", src)
    app = SphinxTestApp(request.param, srcdir=src, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()  # the next application registers the same nodes afresh
    return app


def test_each_bad_input_is_one_located_newsroom_warning(built) -> None:
    found: dict[str, list[str]] = {}
    for line in warning_lines(built):
        if "[docutils]" in line:
            continue  # docutils' own report of the unclosed emphasis
        match = _WARNING_RE.match(line)
        assert match, f"not a located newsroom warning: {line}"
        assert match.group("line"), f"no line number: {line}"
        found.setdefault(Path(match.group("path")).name, []).append(match.group(3))
    assert {name: sorted(subtypes) for name, subtypes in found.items()} == {
        name: sorted(subtypes) for name, subtypes in EXPECTED.items()
    }


def _outputs(outdir: Path) -> dict[Path, str]:
    return {
        path: path.read_text(encoding="utf-8")
        for suffix in ("*.html", "*.xml", "*.json", "*.js")
        for path in outdir.rglob(suffix)
        if "_static" not in path.parts
    }


def test_no_machine_path_and_no_control_character_reaches_the_output(built) -> None:
    srcdir = str(built.srcdir)
    for path, text in _outputs(Path(built.outdir)).items():
        assert srcdir not in text, path
        assert "(INFO/1)" not in text and "(WARNING/2)" not in text, path
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text), path


def test_unreadable_fields_make_no_section_tag_or_summary(built) -> None:
    sections = {p.parent.name for p in Path(built.outdir, "sections").glob("*/index.html")}
    assert sections == set()
    tags = {p.parent.name for p in Path(built.outdir, "tags").glob("*/index.html")}
    assert "x" not in tags and "ports" in tags
    assert {"c"} <= tags  # "C++" and "C#" share it, with the warning above


def test_urls_are_percent_encoded_and_long_slugs_are_cut(built) -> None:
    sitemap = Path(built.outdir, "sitemap.xml").read_text(encoding="utf-8")
    assert "%C3%BCmlaut" in sitemap and "ümlaut" not in sitemap
    long_tags = [p for p in Path(built.outdir, "tags").iterdir() if p.name.startswith("very-")]
    assert len(long_tags) == 1 and len(long_tags[0].name.encode()) <= 100


def test_the_article_survives_its_byline_problems(built) -> None:
    page = "noauthor.html" if built.builder.name == "html" else "noauthor/index.html"
    parsed = soup(Path(built.outdir, page))
    assert parsed.find(class_="newsroom-byline") is not None
    body = "bylinetext.html" if built.builder.name == "html" else "bylinetext/index.html"
    assert "belongs to the body" not in Path(built.outdir, body).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("newsroom_site_url", '"not a url"'),
        ("newsroom_site_url", '"javascript:alert(1)"'),
    ],
)
def test_a_site_url_that_is_no_address_is_one_warning(
    make_app, rootdir, tmp_path, setting, value
) -> None:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"\n{setting} = {value}\n")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    lines = [line for line in warning_lines(app) if "newsroom" in line]
    assert len(lines) == 1 and "newsroom_site_url" in lines[0], lines
    assert not (app.outdir / "sitemap.xml").exists()
    assert "javascript:" not in (app.outdir / "index.html").read_text(encoding="utf-8")


def test_config_errors_say_how_to_fix(make_app, rootdir, tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("\nnewsroom_related_weights = {'tag': 'high'}\n")
    with pytest.raises(ConfigError, match=r"a weight is a number, e\.g\. 80"):
        make_app("html", srcdir=src, freshenv=True)


def test_expected_covers_every_hostile_file(rootdir) -> None:
    """Keep the table honest: every page of the root but the clean ones is listed."""
    clean = {"conf.py", "control.rst", "csharp.rst", "ümlaut.rst"}
    files = {p.name for p in (rootdir / "test-hostile").iterdir()} - clean
    assert files == set(EXPECTED)
    assert Counter(len(v) for v in EXPECTED.values())


def test_front_matter_that_is_not_text_is_one_warning(make_app, rootdir, tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-hostile-myst", src)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    lines = warning_lines(app)
    assert len(lines) == 1 and "a.md:1" in lines[0] and "[newsroom.field]" in lines[0], lines
    assert not (app.outdir / "sections" / "null").exists()
    tags = {p.parent.name for p in (app.outdir / "tags").glob("*/index.html")}
    assert tags == {"1", "oil"}  # the null item is left out, numbers are text
