"""Localisation: our catalog in Python and templates, Babel dates, week start, right-to-left."""

from __future__ import annotations

import importlib.util
import io
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.util.docutils import patch_docutils

from helpers import soup, warning_lines, warnings

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "sphinx_newsroom" / "locale"
SHIPPED = ("de", "fr", "az")

#: language → (byline, month word in dates, full name of the first weekday, template strings)
EXPECTED = {
    "de": ("Von Jane Doe und Ali Rahimov", "März", "Montag", "Zum Inhalt springen", "Meinung"),
    "fr": ("Par Jane Doe et Ali Rahimov", "mars", "lundi", "Aller au contenu", "Opinion"),
    "az": ("Müəllif: Jane Doe və Ali Rahimov", "mart", "Bazar ertəsi", "Məzmuna keç", "Rəy"),
}


@pytest.fixture
def built(make_app, rootdir: Path, sphinx_test_tempdir: Path, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Build the ``i18n`` root in the language given by the test's parameter."""
    language = request.param
    srcdir = sphinx_test_tempdir / f"i18n-{language}"
    shutil.rmtree(srcdir, ignore_errors=True)
    shutil.copytree(rootdir / "test-i18n", srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides={"language": language}, freshenv=True)
    # As sphinx-build does: no docutils warning for languages docutils has no texts for (az).
    with patch_docutils(app.confdir):
        app.build()
    return language, app


@pytest.mark.parametrize("built", ["de", "fr", "az"], indirect=True)
def test_site_in_language(built) -> None:  # type: ignore[no-untyped-def]
    language, app = built
    byline, month, monday, skip, opinion = EXPECTED[language]
    assert warnings(app) == ""
    page = soup(app.outdir / "world" / "talks.html")
    assert page.select_one(".newsroom-byline-authors").get_text() == byline
    published = page.select_one("time.dt-published")
    assert published["datetime"] == "2024-03-20T10:15:00+01:00"
    assert month in published.get_text()
    # Template strings come from our catalog, through the page context's ``_``.
    assert page.select_one(".newsroom-skip-link").get_text(strip=True) == skip
    assert opinion in page.select_one("article").get_text()
    assert page.select_one("html")["lang"] == language
    assert page.select_one("html").get("dir") is None

    calendar = soup(app.outdir / "index.html").select_one("main table")
    assert month.lower() in calendar.caption.get_text().lower()
    headers = calendar.select("thead th[scope=col]")
    assert len(headers) == 7
    first = headers[0].select_one("abbr")
    assert (first["title"] if first else headers[0].get_text()).lower() == monday.lower()
    day = calendar.select_one("a[aria-label]")
    assert month in day["aria-label"]


@pytest.mark.parametrize("built", ["de"], indirect=True)
def test_sphinx_strings_still_translated_by_sphinx(built) -> None:  # type: ignore[no-untyped-def]
    _language, app = built
    # "Index" is not in our catalog: the theme's ``_`` falls back to Sphinx's own.
    heading = soup(app.outdir / "genindex.html").select_one("main h1")
    assert heading.get_text(strip=True) == "Stichwortverzeichnis"


@pytest.mark.parametrize("built", ["de"], indirect=True)
def test_templates_rendered_outside_a_page_use_our_catalog(built) -> None:  # type: ignore[no-untyped-def]
    _language, app = built
    rendered = app.builder.templates.render_string(
        "{{ _('Skip to content') }}|{{ _('Index') }}", {}
    )
    assert rendered == "Zum Inhalt springen|Stichwortverzeichnis"


@pytest.mark.parametrize("built", ["ar", "fa", "he"], indirect=True)
def test_right_to_left_languages(built) -> None:  # type: ignore[no-untyped-def]
    language, app = built
    assert warnings(app) == ""
    for page in ("index.html", "world/talks.html", "genindex.html"):
        html = soup(app.outdir / page).select_one("html")
        assert html["dir"] == "rtl", page
        assert html["lang"] == language
        assert html["data-content_root"] in ("", "./", "../")


@pytest.mark.parametrize("built", ["en"], indirect=True)
def test_left_to_right_without_dir(built) -> None:  # type: ignore[no-untyped-def]
    _language, app = built
    page = soup(app.outdir / "world" / "talks.html")
    assert page.select_one("html").get("dir") is None
    assert page.select_one(".newsroom-byline-authors").get_text() == "By Jane Doe and Ali Rahimov"


def test_what_pages_take_from_the_locale_data_is_kept_with_the_environment(
    make_app, rootdir: Path, sphinx_test_tempdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A build that reads nothing loads none of Babel's locale data for its pages (their
    text direction, their calendar's first weekday); one in another language finds them
    again for the same folders."""
    import babel.localedata

    from sphinx_newsroom.locale import babel_locale

    loaded: list[str] = []
    first_weekday: list[str] = []  # the full name over the calendar's first column
    original = babel.localedata.load

    def counted(name: str, merge_inherited: bool = True) -> dict[str, Any]:
        loaded.append(name)
        import traceback

        traceback.print_stack(limit=14)
        return original(name, merge_inherited)

    monkeypatch.setattr(babel.localedata, "load", counted)
    srcdir = sphinx_test_tempdir / "i18n-direction"
    shutil.rmtree(srcdir, ignore_errors=True)
    shutil.copytree(rootdir / "test-i18n", srcdir)

    def direction(language: str, page: str = "genindex.html") -> str | None:
        # As in a new process: no locale data in Babel's caches, nor a locale in ours.
        for cache in ("_cache", "_dict_cache"):
            getattr(babel.localedata, cache, {}).clear()
        babel_locale.cache_clear()
        loaded.clear()
        app = make_app("html", srcdir=srcdir, confoverrides={"language": language})
        app.build()
        # A second app in one process registers Sphinx's nodes again: nothing of ours.
        assert [line for line in warning_lines(app) if "already registered" not in line] == []
        page_soup = soup(app.outdir / page)
        first_weekday.append(page_soup.select_one(".newsroom-calendar th abbr")["title"])
        value = page_soup.select_one("html").get("dir")
        return None if value is None else str(value)

    assert direction("he", "world/talks.html") == "rtl"
    assert "he" in loaded
    assert direction("he") == "rtl"  # nothing read: genindex is written again
    assert loaded == []
    assert first_weekday == ["יום שני", "יום שני"]  # Monday, kept
    assert direction("en_US", "world/talks.html") is None
    assert "en_US" in loaded
    assert direction("en_US") is None
    assert loaded == []
    assert first_weekday[2:] == ["Sunday", "Sunday"]  # weeks in the US start on Sunday


def _catalog_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_catalogs", ROOT / "scripts" / "update_catalogs.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogs_translate_every_string_of_the_source() -> None:
    script = _catalog_script()
    assert set(SHIPPED) <= set(script.languages())
    extracted = {str(m.id) for m in script.extract() if m.id}
    assert "By %(authors)s" in extracted  # Python code
    assert "Skip to content" in extracted  # templates
    # Exit 1 lists what to do: run scripts/update_catalogs.py and translate the new strings.
    assert script.check(SHIPPED) == 0


@pytest.mark.parametrize("language", SHIPPED)
def test_compiled_catalogs_match_their_sources(language: str) -> None:
    po = LOCALE / language / "LC_MESSAGES" / "sphinx_newsroom.po"
    with po.open("rb") as stream:
        catalog = read_po(stream, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    assert po.with_suffix(".mo").read_bytes() == compiled.getvalue()
