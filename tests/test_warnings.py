"""Bad input: one newsroom warning with subtype and location each; the pages still build."""

from __future__ import annotations

import re

import pytest

from helpers import soup, warning_lines


@pytest.mark.sphinx("html", testroot="bad-input", freshenv=True)
def test_each_problem_is_one_located_warning(app) -> None:
    app.build()
    lines = warning_lines(app)
    expected = {
        "bad-date.rst:6": ("newsroom.date", "2024-02-30"),
        "no-date.rst:4": ("newsroom.date", "no :date:"),
        "bad-label.rst:7": ("newsroom.label", "'gossip'"),
        "bad-option.rst:4": ("newsroom.option", "'photographer'"),
        "bad-author.rst:4": ("newsroom.author", "'john-roe'"),
    }
    assert len(lines) == len(expected), lines
    for location, (subtype, text) in expected.items():
        matching = [line for line in lines if location in line]
        assert len(matching) == 1, (location, lines)
        assert matching[0].endswith(f"[{subtype}]"), matching[0]
        assert text in matching[0]
        assert re.search(r"WARNING: (?!newsroom)", matching[0]), "type not repeated in text"


@pytest.mark.sphinx("html", testroot="bad-input", freshenv=True)
def test_pages_still_build_and_bad_dates_leave_the_chain(app) -> None:
    app.build()
    for name in ("good", "bad-date", "no-date", "bad-label", "bad-option", "bad-author"):
        page = soup(app.outdir / f"{name}.html")
        assert page.select_one("article.h-entry h1") is not None, name
        assert page.select_one(".newsroom-byline") is not None, name
    # Undated articles are in no chain; dated ones are.
    for name in ("bad-date", "no-date"):
        assert soup(app.outdir / f"{name}.html").select_one("nav.newsroom-prev-next") is None
    good = soup(app.outdir / "good.html").select_one("nav.newsroom-prev-next")
    assert good.select_one("a[rel=next]")["href"] == "bad-label.html"
    assert "bad-date" not in str(soup(app.outdir / "bad-label.html"))
    # The unknown option is ignored, the rest of the byline kept.
    option = soup(app.outdir / "bad-option.html")
    assert option.select_one("time.dt-published")["datetime"] == "2024-05-03T09:00:00+02:00"
    # An unknown author key is shown as written, and still links to an author page.
    author = soup(app.outdir / "bad-author.html").select_one("a.p-author")
    assert author.get_text() == "john-roe"


@pytest.mark.sphinx(
    "html",
    testroot="bad-input",
    freshenv=True,
    confoverrides={"suppress_warnings": ["newsroom.date", "newsroom.option"]},
)
def test_suppress_warnings_silences_a_subtype(app) -> None:
    app.build()
    text = "\n".join(warning_lines(app))
    assert "newsroom.date" not in text and "newsroom.option" not in text
    assert "newsroom.label" in text


def test_bad_config_is_a_config_error(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from sphinx.errors import ConfigError

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    for overrides, needle in [
        ({"newsroom_timezone": "Mars/Olympus"}, "IANA"),
        ({"newsroom_week_start": "funday"}, "weekday"),
        ({"newsroom_prev_next": "random"}, "'site' or 'section'"),
        ({"newsroom_authors": {"Jane Doe": {"name": "Jane"}}}, "lowercase"),
        ({"newsroom_authors": {"jane": {}}}, "name"),
    ]:
        with pytest.raises(ConfigError, match=needle):
            make_app("html", srcdir=src, confoverrides=overrides)


@pytest.mark.sphinx("dirhtml", testroot="shared-url", freshenv=True)
def test_two_documents_at_one_url_are_warned_about(app) -> None:
    app.build()
    lines = [line for line in warning_lines(app) if "[newsroom.url]" in line]
    assert len(lines) == 1, warning_lines(app)
    assert "talks.rst:4" in lines[0]
    assert "'world/talks/'" in lines[0]


@pytest.mark.sphinx("html", testroot="shared-url", freshenv=True)
def test_no_shared_url_with_the_html_builder(app) -> None:
    app.build()
    assert not [line for line in warning_lines(app) if "[newsroom.url]" in line]
