"""Build the example site, serve it on 127.0.0.1 and save screenshots of its pages.

Regenerate the documentation's screenshot set with one command::

    python scripts/screenshots.py

It writes ``docs/_static/screenshots/{front,article}-{mobile,desktop}-{light,dark}.png``.
Needs Playwright (the Python package) and Chromium at ``/usr/bin/chromium``; it never
downloads a browser. The browser tests import the helpers below.
"""

from __future__ import annotations

import argparse
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


def build_site(source: Path, outdir: Path, builder: str = "html") -> Path:
    """Build *source* with Sphinx into *outdir* in a fresh process; return *outdir*."""
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH),
    }
    command = [sys.executable, "-m", "sphinx", "-b", builder, "-q", "-E", str(source), str(outdir)]
    subprocess.run(command, check=True, env=env)
    return outdir


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=EXAMPLE_SITE, help="Sphinx source folder")
    parser.add_argument("--out", type=Path, default=SCREENSHOTS, help="where the PNGs go")
    parser.add_argument("--article", help="the article page to show, e.g. world/talks.html")
    parser.add_argument("--full-page", action="store_true", help="whole pages, not the viewport")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="newsroom-site-") as tmp:
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
