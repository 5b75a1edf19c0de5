"""A small newsroom site as plain data, and builds of it, for the incremental-build tests."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from io import StringIO
from pathlib import Path
from typing import Any

from sphinx.testing.util import SphinxTestApp

#: Output files compared between builds: every page, every feed or sitemap, any JSON file.
COMPARED = (".html", ".xml", ".json")

#: Other files of ours that are compared too: what the "Latest" blocks fetch.
OURS_COMPARED = frozenset({"newsroom-latest-data.js", "robots.txt"})

#: Pages Sphinx itself writes on every build, whatever changed (not ours to keep still).
SPHINX_ALWAYS = frozenset({"genindex.html", "search.html"})


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


#: A configuration value that :class:`Site` leaves out of conf.py (Sphinx uses the default).
UNSET: Any = _Unset()

#: The test site's ``newsroom_authors``.
AUTHOR_REGISTRY: dict[str, dict[str, str]] = {
    "jane-doe": {"name": "Jane Doe"},
    "ali-rahimov": {"name": "Ali Rahimov"},
}

#: The test site's conf.py as data; a :class:`Site` overrides some values or unsets them.
BASE_CONFIG: dict[str, object] = {
    "project": "The Incremental Courier",
    "extensions": ["sphinx_newsroom"],
    "html_theme": "newsroom",
    "html_sidebars": {"**": ["sidebar/latest.html", "sidebar/calendar.html"]},
    "newsroom_site_url": "https://inc.example.org/",
    "newsroom_publisher": {"logo": "https://inc.example.org/logo.png"},
    "newsroom_timezone": "Asia/Baku",
    "newsroom_page_size": 3,
    "newsroom_feed_length": 4,
    "newsroom_authors": AUTHOR_REGISTRY,
}


def conf_source(overrides: Mapping[str, object]) -> str:
    """Return the text of conf.py: :data:`BASE_CONFIG` with *overrides*, less what is UNSET."""
    values = {**BASE_CONFIG, **overrides}
    return "".join(f"{name} = {value!r}\n" for name, value in values.items() if value is not UNSET)


INDEX = """\
The Incremental Courier
=======================

.. article-list::
   :limit: 3

.. post-calendar::

.. toctree::
   :glob:
   :hidden:

   about
   world
   articles/*
"""

WORLD = """\
World
=====

.. article-list::
   :section: World
   :style: titles
"""

ABOUT = """\
About us
========

We report.
"""


@dataclass(frozen=True)
class Article:
    """One article of the test site, as the fields an author edits."""

    title: str
    date: str
    section: str = "World"
    tags: tuple[str, ...] = ()
    label: str = ""
    authors: tuple[str, ...] = ("jane-doe",)
    draft: bool = False
    body: str = "The story."
    more: str = "More of it."
    related: bool = True
    #: The related block's ``:limit:``; None leaves it to ``newsroom_related_limit``.
    related_limit: int | None = 2

    def source(self) -> str:
        """Return the article's reStructuredText."""
        lines = [f":section: {self.section}"] if self.section else []
        if self.tags:
            lines.append(f":tags: {', '.join(self.tags)}")
        if self.draft:
            lines.append(":status: draft")
        lines += [
            "",
            self.title,
            "=" * len(self.title),
            "",
            f".. byline:: {', '.join(self.authors)}",
            f"   :date: {self.date}",
            "",
        ]
        if self.label:
            lines += [f".. label:: {self.label}", ""]
        # The first paragraph is the summary that lists show; the second is body only.
        lines += [self.body, "", self.more, ""]
        if self.related:
            lines.append(".. related::")
            if self.related_limit is not None:
                lines.append(f"   :limit: {self.related_limit}")
            lines.append("")
        return "\n".join(lines)


@dataclass
class Site:
    """The sources of a test site: articles by file name, and its configuration."""

    articles: dict[str, Article] = field(default_factory=dict)
    conf_extra: str = ""
    #: Values of conf.py that differ from :data:`BASE_CONFIG`; UNSET leaves one out.
    config: dict[str, object] = field(default_factory=dict)

    def write(self, srcdir: Path) -> None:
        """Write the sources to *srcdir*: only files whose text changed, with a fresh mtime.

        Sphinx notices changes by modification time, so every written file gets a time later
        than the previous build read it; articles no longer in the site are deleted.
        """
        files = {
            "conf.py": conf_source(self.config) + self.conf_extra,
            "index.rst": INDEX,
            "world.rst": WORLD,
            "about.rst": ABOUT,
            **{f"articles/{name}.rst": a.source() for name, a in self.articles.items()},
        }
        (srcdir / "articles").mkdir(parents=True, exist_ok=True)
        for old in (srcdir / "articles").glob("*.rst"):
            if f"articles/{old.name}" not in files:
                old.unlink()
        now = time.time_ns()
        for name, text in files.items():
            path = srcdir / name
            if path.is_file() and path.read_text(encoding="utf-8") == text:
                continue
            path.write_text(text, encoding="utf-8")
            os.utime(path, ns=(now, now))

    def edited(self, name: str, **changes: object) -> Site:
        """Return a copy of the site with article *name* changed."""
        articles = dict(self.articles)
        articles[name] = replace(articles[name], **changes)  # type: ignore[arg-type]
        return replace(self, articles=articles)

    def configured(self, **values: object) -> Site:
        """Return a copy of the site with these conf.py values (UNSET to leave one out)."""
        return replace(self, config={**self.config, **values})

    def setting(self, name: str) -> object:
        """Return the value conf.py gives *name*, or UNSET when it does not set it."""
        return {**BASE_CONFIG, **self.config}.get(name, UNSET)


def starting_site() -> Site:
    """Return six articles over two months, two sections, shared tags, one label."""
    return Site(
        {
            "a1": Article("Ports reopen", "2024-03-30 09:00", tags=("shipping",)),
            "a2": Article("Border talks", "2024-04-02 10:15", tags=("diplomacy", "borders")),
            "a3": Article("Oil output flat", "2024-04-02 18:00", section="Business", tags=("oil",)),
            "a4": Article(
                "Why talks matter",
                "2024-04-10 08:00",
                tags=("diplomacy",),
                label="opinion",
                authors=("ali-rahimov",),
            ),
            "a5": Article(
                "Freight record", "2024-04-21 12:00", section="Business", tags=("shipping",)
            ),
            "a6": Article("Ferry loses power", "2024-05-01 07:30", tags=("shipping", "borders")),
        }
    )


def build(
    srcdir: Path,
    builddir: Path,
    *,
    parallel: int = 1,
    fresh: bool = False,
    confoverrides: dict[str, object] | None = None,
    inspect: Callable[[SphinxTestApp], object] | None = None,
) -> str:
    """Build *srcdir* into ``builddir/html`` like ``sphinx-build``; return the warnings.

    *inspect*, if given, is called with the application after the build, before cleanup.
    """
    if fresh and builddir.exists():
        shutil.rmtree(builddir)
    warning = StringIO()
    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        builddir=builddir,
        status=StringIO(),
        warning=warning,
        parallel=parallel,
        confoverrides=confoverrides,
    )
    try:
        app.build()
        if inspect is not None:
            inspect(app)
    finally:
        app.cleanup()
    return warning.getvalue()


def _compared(outdir: Path) -> list[Path]:
    """Return the compared files under *outdir*: pages, feeds, sitemaps, JSON.

    Hidden files are build state, not the site (``.buildinfo``, the extension's own record of
    what it wrote, ``.newsroom-outputs.json``), and are left out.
    """
    return [
        path
        for path in sorted(outdir.rglob("*"))
        if (path.suffix in COMPARED or path.name in OURS_COMPARED)
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(outdir).parts)
    ]


def outputs(outdir: Path) -> dict[str, bytes]:
    """Return every compared output file under *outdir* by relative path."""
    return {path.relative_to(outdir).as_posix(): path.read_bytes() for path in _compared(outdir)}


def mtimes(outdir: Path) -> dict[str, int]:
    """Return the modification time of every compared file under *outdir*."""
    return {
        path.relative_to(outdir).as_posix(): path.stat().st_mtime_ns for path in _compared(outdir)
    }


def rewritten(before: dict[str, int], after: dict[str, int]) -> set[str]:
    """Return the files written (or created) between two :func:`mtimes` snapshots."""
    return {name for name, mtime in after.items() if before.get(name) != mtime}
