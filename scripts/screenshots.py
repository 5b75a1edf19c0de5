"""Build the example site, serve it on 127.0.0.1 and save screenshots of its pages.

Regenerate the documentation's screenshot set with one command::

    python scripts/screenshots.py

It writes ``docs/_static/screenshots/{front,article}-{mobile,desktop}-{light,dark}.png``.
``--themes`` builds the example site with other Sphinx themes instead (all six of
``HOST_THEMES``, or the ones named) and writes
``theme-<theme>-article-desktop-light.png`` and ``theme-<theme>-article-mobile-dark.png``::

    python scripts/screenshots.py --themes
    python scripts/screenshots.py --themes furo alabaster

``--build-only DIR --theme NAME`` only builds the site with that theme and its sidebar
settings, warnings as errors (``scripts/example.sh --theme NAME`` uses it).

Needs Playwright (the Python package) and Chromium at ``/usr/bin/chromium``; it never
downloads a browser. The browser tests import the helpers below.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_SITE = ROOT / "example_site"
SCREENSHOTS = ROOT / "docs" / "_static" / "screenshots"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Name → (width, height) of the viewports the screenshots are taken at.
VIEWPORTS = {"mobile": (375, 812), "desktop": (1280, 900)}
SCHEMES = ("light", "dark")
#: The build moment of the screenshots (2026-11-27 12:00 UTC), so they are reproducible.
SOURCE_DATE_EPOCH = "1795780800"
#: The article shown in the screenshots: the reference opinion column, if the site has it.
PREFERRED_ARTICLE = "world/how-small-states-say-no.html"

#: The newsroom blocks that other themes put in their sidebars.
NEWSROOM_SIDEBARS = ["newsroom/sidebar-calendar.html", "newsroom/sidebar-latest.html"]
#: Theme name → the configuration that a site keeping that theme sets (``confoverrides``):
#: the theme, plus where the newsroom sidebar blocks go in it. The tests, the theme
#: screenshots and ``scripts/example.sh --theme`` all build with these.
HOST_THEMES: dict[str, dict[str, Any]] = {
    # The newsroom theme has the blocks in its own sidebar.
    "newsroom": {"html_theme": "newsroom"},
    "alabaster": {
        "html_theme": "alabaster",
        "html_theme_options": {},
        "html_sidebars": {
            "**": ["about.html", "navigation.html", "searchbox.html", *NEWSROOM_SIDEBARS]
        },
    },
    # Furo's own list (theme.conf), with the newsroom blocks inside the scrolling part.
    "furo": {
        "html_theme": "furo",
        "html_theme_options": {},
        "html_sidebars": {
            "**": [
                "sidebar/brand.html",
                "sidebar/search.html",
                "sidebar/scroll-start.html",
                "sidebar/navigation.html",
                *NEWSROOM_SIDEBARS,
                "sidebar/scroll-end.html",
            ]
        },
    },
    # sphinx-rtd-theme ignores html_sidebars: its sidebar is the table of contents.
    "sphinx_rtd_theme": {"html_theme": "sphinx_rtd_theme", "html_theme_options": {}},
    # pydata-sphinx-theme: the right-hand ("secondary") sidebar, under the page's contents.
    "pydata_sphinx_theme": {
        "html_theme": "pydata_sphinx_theme",
        "html_theme_options": {"secondary_sidebar_items": ["page-toc", *NEWSROOM_SIDEBARS]},
    },
    # The book theme lays its secondary sidebar's items side by side, made for one table
    # of contents: the newsroom blocks go under the navigation of its primary sidebar.
    "sphinx_book_theme": {
        "html_theme": "sphinx_book_theme",
        "html_theme_options": {},
        "html_sidebars": {
            "**": [
                "navbar-logo.html",
                "icon-links.html",
                "search-button-field.html",
                "sbt-sidebar-nav.html",
                *NEWSROOM_SIDEBARS,
            ]
        },
    },
}


def _build_env() -> dict[str, str]:
    return {
        **os.environ,
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH),
    }


def build_site(
    source: Path, outdir: Path, builder: str = "html", *, theme: str | None = None
) -> Path:
    """Build *source* with Sphinx into *outdir* in a fresh process; return *outdir*.

    With *theme* (a key of ``HOST_THEMES``), build with that theme and its settings, and
    fail on any warning.
    """
    if theme is not None:
        warnings = build_with_theme(source, outdir, theme, builder=builder)
        if warnings:
            raise SystemExit(f"building {source} with {theme} warned:\n{warnings}")
        return outdir
    command = [sys.executable, "-m", "sphinx", "-b", builder, "-q", "-E", str(source), str(outdir)]
    subprocess.run(command, check=True, env=_build_env())
    return outdir


def build_with_theme(
    source: Path,
    outdir: Path,
    theme: str,
    *,
    builder: str = "html",
    doctreedir: Path | None = None,
    overrides: dict[str, Any] | None = None,
) -> str:
    """Build *source* with *theme* and its ``HOST_THEMES`` settings in a fresh process.

    Return the warnings (empty when there were none); raise ``RuntimeError`` when the
    build fails. The doctrees go next to *outdir* (``.doctrees-<name>``), never inside it.
    A site that leaves ``html_title`` at Sphinx's default ("<project> documentation") is
    titled with its project's name, as a newspaper would be.
    """
    settings = {**HOST_THEMES[theme], **(overrides or {})}
    doctrees = doctreedir or outdir.parent / f".doctrees-{outdir.name}"
    job = {
        "source": str(source),
        "outdir": str(outdir),
        "doctreedir": str(doctrees),
        "builder": builder,
        "overrides": settings,
    }
    command = [sys.executable, str(Path(__file__).resolve()), "--sphinx-job", json.dumps(job)]
    result = subprocess.run(command, env=_build_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(
            f"building {source} with {theme} failed ({result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return result.stderr.strip()


def _run_sphinx_job(job: dict[str, Any]) -> int:
    """Build one site in this process (the child of ``build_with_theme``).

    Warnings go to stderr, nothing else does; the exit status is Sphinx's.
    """
    from sphinx.application import Sphinx
    from sphinx.util.console import nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    nocolor()
    source = Path(job["source"])
    warnings = io.StringIO()
    with patch_docutils(source), docutils_namespace():
        app = Sphinx(
            source,
            source,
            job["outdir"],
            job["doctreedir"],
            job["builder"],
            confoverrides=job["overrides"],
            status=None,
            warning=warnings,
            freshenv=True,
        )
        config = app.config
        if config.html_title == f"{config.project} {config.release} documentation":
            config.html_title = config.project  # a newspaper, not "… documentation"
        app.build()
    sys.stderr.write(warnings.getvalue())
    return app.statuscode


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serve files without logging every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve *directory* over HTTP on a free port of 127.0.0.1; yield the base URL."""
    handler = partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def launch_browser(playwright: Any) -> Any:
    """Start the system's headless Chromium (never a downloaded one)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def is_article(path: Path) -> bool:
    return 'class="h-entry' in path.read_text(encoding="utf-8")


def article_page(outdir: Path) -> str:
    """Return the path (relative to *outdir*) of the article to show: the preferred one if any."""
    if (outdir / PREFERRED_ARTICLE).is_file():
        return PREFERRED_ARTICLE
    for path in sorted(outdir.rglob("*.html")):
        if not path.relative_to(outdir).parts[0].startswith("_") and is_article(path):
            return path.relative_to(outdir).as_posix()
    raise SystemExit(f"no article page in {outdir}")


def shoot(
    browser: Any, base_url: str, pages: dict[str, str], target: Path, *, full_page: bool = False
) -> list[Path]:
    """Save one PNG per page, viewport and colour scheme into *target*; return the paths."""
    target.mkdir(parents=True, exist_ok=True)
    saved = []
    for (viewport, (width, height)), scheme in (
        (item, scheme) for item in VIEWPORTS.items() for scheme in SCHEMES
    ):
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=scheme
        )
        page = context.new_page()
        for name, path in pages.items():
            page.goto(base_url + path)
            destination = target / f"{name}-{viewport}-{scheme}.png"
            page.screenshot(path=str(destination), full_page=full_page)
            saved.append(destination)
        context.close()
    return saved


#: The theme screenshots: (viewport, scheme) pairs.
THEME_SHOTS = (("desktop", "light"), ("mobile", "dark"))

#: JavaScript that switches a theme's own dark mode on or off, as its toggle button does:
#: furo's ``body[data-theme]``, pydata-sphinx-theme's (and the book theme's)
#: ``html[data-theme]`` and ``html[data-mode]``. Themes without a switch follow
#: ``prefers-color-scheme``, which the browser context sets.
SET_THEME_SCHEME = """scheme => {
    if (document.body && document.body.dataset.theme !== undefined) {
        document.body.dataset.theme = scheme;
    }
    const root = document.documentElement;
    if (root.dataset.theme !== undefined || root.dataset.mode !== undefined) {
        root.dataset.theme = scheme;
        root.dataset.mode = scheme;
    }
}"""


#: Themes fade colours when their scheme changes: measured mid-fade, contrast is wrong.
NO_TRANSITIONS = (
    "*, *::before, *::after { transition: none !important; animation: none !important; }"
)


def open_in_scheme(page: Any, url: str, scheme: str) -> None:
    """Go to *url* and put the page's theme in *scheme* ("light" or "dark").

    Colour transitions are turned off first, so that what is measured or pictured is the
    page at rest, not half way through a fade.
    """
    page.goto(url)
    page.add_style_tag(content=NO_TRANSITIONS)
    page.evaluate(SET_THEME_SCHEME, scheme)


def shoot_themes(
    browser: Any,
    source: Path,
    themes: list[str],
    target: Path,
    workdir: Path,
    *,
    article: str | None = None,
    full_page: bool = False,
) -> list[Path]:
    """Build *source* with each of *themes*; save its article page as ``theme-…`` PNGs."""
    target.mkdir(parents=True, exist_ok=True)
    saved = []
    for theme in themes:
        site = build_site(source, workdir / f"html-{theme}", theme=theme)
        path = article or article_page(site)
        with serve(site) as base_url:
            for viewport, scheme in THEME_SHOTS:
                width, height = VIEWPORTS[viewport]
                context = browser.new_context(
                    viewport={"width": width, "height": height}, color_scheme=scheme
                )
                page = context.new_page()
                open_in_scheme(page, base_url + path, scheme)
                destination = target / f"theme-{theme}-article-{viewport}-{scheme}.png"
                page.screenshot(path=str(destination), full_page=full_page)
                saved.append(destination)
                context.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=EXAMPLE_SITE, help="Sphinx source folder")
    parser.add_argument("--out", type=Path, default=SCREENSHOTS, help="where the PNGs go")
    parser.add_argument("--article", help="the article page to show, e.g. world/talks.html")
    parser.add_argument("--full-page", action="store_true", help="whole pages, not the viewport")
    parser.add_argument(
        "--themes",
        nargs="*",
        choices=sorted(HOST_THEMES),
        metavar="THEME",
        help=f"screenshots of the site in other themes (default: all of {', '.join(HOST_THEMES)})",
    )
    parser.add_argument(
        "--build-only",
        type=Path,
        metavar="DIR",
        help="only build the site into DIR with --theme and its settings; fail on warnings",
    )
    parser.add_argument("--theme", choices=sorted(HOST_THEMES), help="the theme of --build-only")
    parser.add_argument("--sphinx-job", help=argparse.SUPPRESS)  # internal: one build
    args = parser.parse_args(argv)

    if args.sphinx_job:
        return _run_sphinx_job(json.loads(args.sphinx_job))
    if args.build_only:
        outdir = args.build_only.resolve()
        build_site(args.source.resolve(), outdir, theme=args.theme or "newsroom")
        print(outdir)
        return 0

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="newsroom-site-") as tmp:
        if args.themes is not None:
            themes = args.themes or list(HOST_THEMES)
            with sync_playwright() as playwright:
                browser = launch_browser(playwright)
                try:
                    saved = shoot_themes(
                        browser,
                        args.source.resolve(),
                        themes,
                        args.out,
                        Path(tmp),
                        article=args.article,
                        full_page=args.full_page,
                    )
                finally:
                    browser.close()
        else:
            site = build_site(args.source.resolve(), Path(tmp) / "html")
            pages = {"front": "index.html", "article": args.article or article_page(site)}
            with serve(site) as base_url, sync_playwright() as playwright:
                browser = launch_browser(playwright)
                try:
                    saved = shoot(browser, base_url, pages, args.out, full_page=args.full_page)
                finally:
                    browser.close()
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
