"""Incremental, parallel and repeated builds give the pages of a clean build, and rewrite no more.

The site of these tests lives in ``incremental_site.py`` as plain data; each test writes it
to a temporary folder, edits it and builds it with Sphinx the way ``sphinx-build`` would.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import json
import os
import pickle
import subprocess
import sys
import tempfile
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from incremental_site import (
    AUTHOR_REGISTRY,
    SPHINX_ALWAYS,
    UNSET,
    Article,
    Site,
    build,
    mtimes,
    outputs,
    rewritten,
    starting_site,
)
from markupsafe import Markup
from sphinx.builders.html import StandaloneHTMLBuilder

from sphinx_newsroom.articles import ArticleInfo
from sphinx_newsroom.incremental import canonical, digest, output_file_namer

from helpers import article_json_ld, soup

# -- digests -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Point:
    name: str
    tags: frozenset[str]


def test_digest_ignores_the_order_of_sets_and_dicts() -> None:
    one = {"b": {"x", "y", "z"}, "a": [1, 2]}
    two = {"a": [1, 2], "b": {"z", "y", "x"}}
    assert digest(one) == digest(two)
    assert digest(_Point("p", frozenset("abc"))) == digest(_Point("p", frozenset("cba")))


def test_digest_tells_apart_what_a_page_would_show_differently() -> None:
    moment = datetime(2024, 4, 20, 10, 15, tzinfo=timezone.utc)
    baku = moment.astimezone(ZoneInfo("Asia/Baku"))
    assert digest(moment) != digest(baku)
    assert digest(moment) != digest(moment + timedelta(minutes=1))
    assert digest("<b>") != digest(Markup("<b>"))
    assert digest([1, 2]) != digest([2, 1])
    assert digest(_Point("p", frozenset())) != digest(_Point("q", frozenset()))
    assert digest(None) != digest("")


def test_digest_leaves_out_what_only_the_values_own_page_shows() -> None:
    base = ArticleInfo("a", "A", "A", (), None, words=120)
    assert digest(replace(base, words=125)) == digest(base)
    assert replace(base, words=125).fingerprint == base.fingerprint
    assert digest(replace(base, headline="B")) != digest(base)


def test_digest_of_functions_and_objects_has_no_memory_addresses() -> None:
    class Thing:
        pass

    assert canonical(len) == ["callable", "builtins.len"]
    assert "0x" not in json.dumps(canonical(Thing()))
    assert digest(Thing()) == digest(Thing())


def test_digest_is_the_same_in_another_process() -> None:
    """String hashing differs between processes; digests compared across builds must not."""
    code = (
        "from sphinx_newsroom.incremental import digest;"
        "print(digest({'tags': {'oil', 'gas', 'ports', 'borders'}, 'n': frozenset('abcdef')}))"
    )
    results = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(results) == 1


# -- the helper for generated pages and files ----------------------------------------------

HELPER_CONF = """\
import json
from pathlib import Path
from typing import Any

from sphinx_newsroom.incremental import GeneratedPage, pages_to_write, write_output

extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
newsroom_site_url = "https://helper.example.org/"
newsroom_publisher = {"logo": "https://helper.example.org/logo.png"}
templates_path = ["_templates"]
HERE = Path(__file__).parent


def collect(app):
    pages = json.loads((HERE / "pages.json").read_text())
    return pages_to_write(app, [
        GeneratedPage(name, text, lambda name=name, text=text: (
            name, {"title": name, "body": f"<p>{text}</p>"}, "page.html"))
        for name, text in pages.items()
    ])


def write_files(app, exception):
    for relpath, text in json.loads((HERE / "files.json").read_text()).items():
        write_output(app, relpath, text)


def setup(app):
    app.connect("html-collect-pages", collect)
    app.connect("build-finished", write_files)
"""


@pytest.fixture
def helper_site(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    (src / "_templates").mkdir(parents=True)
    (src / "conf.py").write_text(HELPER_CONF)
    (src / "taken").mkdir()
    _set(src, "pages.json", {"one/index": "1", "two/index": "2", "deep/er/est/index": "3"})
    _set(src, "files.json", {"feeds/a.xml": "<a/>", "feeds/sub/b.xml": "<b/>"})
    return src


def _set(src: Path, name: str, data: dict[str, str]) -> None:
    """Change what the test extension generates, and a document's title with it.

    By contract, generated pages show what the environment holds (here, as if the title
    said what to generate): when none of it changed, their inputs are not even computed.
    """
    (src / name).write_text(json.dumps(data))
    wanted = [(f.name, f.read_text()) for f in sorted(src.glob("*.json"))]
    title = f"Home: {digest(wanted)}"
    (src / "index.rst").write_text(f"{title}\n{'=' * len(title)}\n\nHello.\n")


def _times(out: Path, names: list[str]) -> dict[str, int]:
    return {name: (out / name).stat().st_mtime_ns for name in names}


def test_generated_pages_and_files_are_written_only_when_changed(
    helper_site: Path, tmp_path: Path
) -> None:
    build_dir = tmp_path / "build"
    out = build_dir / "html"
    ours = ["one/index.html", "two/index.html", "deep/er/est/index.html"]
    ours += ["feeds/a.xml", "feeds/sub/b.xml"]
    assert "WARNING" not in build(helper_site, build_dir)
    assert "<p>1</p>" in (out / "one/index.html").read_text()
    first = _times(out, ours)

    build(helper_site, build_dir)
    assert _times(out, ours) == first, "a no-change rebuild rewrote generated output"

    _set(helper_site, "pages.json", {"one/index": "1!", "two/index": "2", "deep/er/est/index": "3"})
    _set(helper_site, "files.json", {"feeds/a.xml": "<a/>", "feeds/sub/b.xml": "<b>new</b>"})
    build(helper_site, build_dir)
    now = _times(out, ours)
    assert {name for name in ours if now[name] != first[name]} == {
        "one/index.html",
        "feeds/sub/b.xml",
    }
    assert "<p>1!</p>" in (out / "one/index.html").read_text()
    assert (out / "feeds/sub/b.xml").read_text() == "<b>new</b>"


def test_outputs_no_longer_produced_are_deleted(helper_site: Path, tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    out = build_dir / "html"
    build(helper_site, build_dir)
    _set(helper_site, "pages.json", {"one/index": "1"})
    _set(helper_site, "files.json", {"feeds/a.xml": "<a/>"})
    build(helper_site, build_dir)
    assert (out / "one/index.html").is_file()
    assert (out / "feeds/a.xml").is_file()
    assert not (out / "two").exists()
    assert not (out / "deep").exists(), "emptied folders of a deleted page stay behind"
    assert not (out / "feeds/sub").exists()
    assert (out / "index.html").is_file()
    assert not list(out.glob(".newsroom*")), "the record is build state, not for publishing"
    record = json.loads(_record_file(out.parent).read_text())
    assert "one/index" in record["pages"]
    assert not {"two/index", "deep/er/est/index"} & set(record["pages"])
    assert "feeds/a.xml" in record["files"]
    assert "feeds/sub/b.xml" not in record["files"]


def test_a_document_that_takes_a_generated_name_is_not_deleted(
    helper_site: Path, tmp_path: Path
) -> None:
    build_dir = tmp_path / "build"
    _set(helper_site, "pages.json", {"taken/index": "generated"})
    build(helper_site, build_dir)
    _set(helper_site, "pages.json", {})
    (helper_site / "taken/index.rst").write_text("Taken\n=====\n\nThe site's own page.\n")
    build(helper_site, build_dir)
    page = build_dir / "html/taken/index.html"
    assert page.is_file()
    assert "own page" in page.read_text()


def test_missing_output_template_and_config_changes_rewrite(
    helper_site: Path, tmp_path: Path
) -> None:
    build_dir = tmp_path / "build"
    out = build_dir / "html"
    pages = ["one/index.html", "two/index.html"]
    build(helper_site, build_dir)
    (out / "two/index.html").unlink()
    before = _times(out, ["one/index.html"])
    build(helper_site, build_dir)
    assert (out / "two/index.html").is_file()
    assert _times(out, ["one/index.html"]) == before

    before = _times(out, pages)
    (helper_site / "_templates/page.html").write_text(
        '{% extends "!page.html" %}{% block body %}<div id="mine">{{ body }}</div>{% endblock %}'
    )
    build(helper_site, build_dir)
    assert all(_times(out, pages)[name] != before[name] for name in pages)
    assert soup(out / "one/index.html").find(id="mine") is not None

    before = _times(out, pages)
    options = {"tagline": "Another tagline"}
    build(helper_site, build_dir, confoverrides={"html_theme_options": options})
    assert all(_times(out, pages)[name] != before[name] for name in pages)
    assert "Another tagline" in (out / "one/index.html").read_text()


# -- the newsroom site: targeted edits ------------------------------------------------------


@pytest.fixture
def site_dirs(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Return the source folder, the incremental build folder and the clean build folder."""
    return tmp_path / "src", tmp_path / "incremental", tmp_path / "clean"


def _rebuild(site: Site, dirs: tuple[Path, Path, Path], parallel: int = 1) -> set[str]:
    """Write *site*, rebuild incrementally, check it against a clean build; return rewritten."""
    src, inc, clean = dirs
    site.write(src)
    before = mtimes(inc / "html")
    warnings = build(src, inc, parallel=parallel)
    assert not _unexpected_warnings(site, warnings), warnings
    after = mtimes(inc / "html")
    warnings = build(src, clean, fresh=True)
    assert not _unexpected_warnings(site, warnings), warnings
    assert_same_output(inc / "html", clean / "html")
    return rewritten(before, after)


def _unexpected_warnings(site: Site, warnings: str) -> list[str]:
    """Return the warnings of a build of *site*, but for the one a site without a URL gets."""
    no_url = site.setting("newsroom_site_url") in ("", UNSET)
    return [
        line
        for line in warnings.splitlines()
        if "WARNING" in line and not (no_url and "newsroom_site_url" in line)
    ]


def assert_same_output(incremental: Path, clean: Path) -> None:
    """Check that the two output folders hold the same pages, feeds, sitemaps and JSON files:
    none left over that a clean build does not write, none missing, none different."""
    got, want = outputs(incremental), outputs(clean)
    left_over = sorted(set(got) - set(want))
    assert not left_over, f"left over, not in a clean build: {left_over}"
    missing = sorted(set(want) - set(got))
    assert not missing, f"missing, written by a clean build: {missing}"
    different = [name for name in want if got[name] != want[name]]
    assert not different, f"pages differ from a clean build: {different}"


def _start(site: Site, dirs: tuple[Path, Path, Path]) -> None:
    site.write(dirs[0])
    assert not _unexpected_warnings(site, build(dirs[0], dirs[1]))


def _rel(page: Path, rel: str) -> str | None:
    link = soup(page).find("a", rel=rel)
    return str(link["href"]) if link else None


def _record_file(builddir: Path) -> Path:
    """Return the output record of the html build in *builddir* (it is with the doctrees)."""
    (path,) = (builddir / "doctrees").glob("newsroom-outputs-html-*.json")
    return path


def test_no_change_rebuild_writes_nothing_of_ours(site_dirs: tuple[Path, Path, Path]) -> None:
    site = starting_site()
    _start(site, site_dirs)
    record = _record_file(site_dirs[1])
    record_time = record.stat().st_mtime_ns
    assert _rebuild(site, site_dirs) <= SPHINX_ALWAYS
    assert record.stat().st_mtime_ns == record_time


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Return the list to which the makers of feeds, sitemaps, the "Latest" script and the
    list pages' plan append their names each time they are called."""
    from sphinx_newsroom import feeds, furniture, list_pages, sitemaps

    made: list[str] = []

    def counted(name: str, original: Callable[..., object]) -> Callable[..., object]:
        def counting(*args: object) -> object:
            made.append(name)
            return original(*args)

        return counting

    for module, name in (
        (feeds, "atom_feed"),
        (feeds, "json_feed"),
        (sitemaps, "sitemap"),
        (furniture, "latest_data"),
        (list_pages, "_plan_listings"),
    ):
        monkeypatch.setattr(module, name, counted(name, getattr(module, name)))
    return made


def test_a_build_that_read_nothing_makes_no_feed_or_sitemap_again(
    site_dirs: tuple[Path, Path, Path], made: list[str]
) -> None:
    """With nothing read, the configuration and the day as they were, the generated pages
    are not even planned and the feeds, sitemaps and "Latest" script not made; one that
    went missing is made again, a newer template makes the pages again, and one more
    article puts everything in step with a clean build again (full-text feeds)."""
    site = starting_site().configured(newsroom_feed_fulltext=True, templates_path=["_templates"])
    src, inc, _clean = site_dirs
    (src / "_templates").mkdir(parents=True)
    _start(site, site_dirs)
    assert {"atom_feed", "json_feed", "sitemap", "latest_data", "_plan_listings"} <= set(made)

    made.clear()
    before = mtimes(inc / "html")
    build(src, inc)
    assert made == [], "a build that read nothing made its files again"
    assert rewritten(before, mtimes(inc / "html")) <= SPHINX_ALWAYS

    (inc / "html/sitemap.xml").unlink()
    build(src, inc)
    assert made == ["sitemap"]
    assert (inc / "html/sitemap.xml").is_file()

    made.clear()
    tag_page = inc / "html/tags/index.html"
    tag_page.unlink()
    build(src, inc)
    # Planned again to write it (and the front page, so that Sphinx writes at all).
    assert "_plan_listings" in made and not {"atom_feed", "json_feed", "sitemap"} & set(made)
    assert tag_page.is_file()

    made.clear()
    before = mtimes(inc / "html")
    template = src / "_templates/note.html"  # any newer template makes every page stale
    template.write_text("<p>A note.</p>\n")
    later = max(before.values()) + 1_000_000_000
    os.utime(template, ns=(later, later))
    build(src, inc)
    assert "_plan_listings" in made
    assert tag_page.stat().st_mtime_ns != before["tags/index.html"]

    made.clear()
    _rebuild(site.edited("a3", more="A second paragraph, in the full-text feed."), site_dirs)
    assert "A second paragraph" in (inc / "html/feeds/atom.xml").read_text()


def test_a_text_edit_makes_no_feed_of_summaries_or_sitemap_again(
    site_dirs: tuple[Path, Path, Path], made: list[str]
) -> None:
    """An article's text edited (not its fields): what the sitemap, the feeds of summaries,
    the "Latest" script and the generated pages show is as it was, so they are not made
    again, and the generated pages not even planned."""
    site = starting_site()
    src, inc, clean = site_dirs
    _start(site, site_dirs)
    assert {"atom_feed", "json_feed", "sitemap", "latest_data"} <= set(made)
    made.clear()
    site.edited("a3", more="A second paragraph, in no feed.").write(src)
    build(src, inc)
    # (The front page, rewritten for its toctree, shows the newest articles itself.)
    assert not {"atom_feed", "json_feed", "sitemap", "_plan_listings"} & set(made)
    build(src, clean, fresh=True)
    assert_same_output(inc / "html", clean / "html")


def test_a_rebuild_the_next_day_with_no_change_rewrites_nothing(
    site_dirs: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scheduled daily build: the edition date is the newest article's, not the build's."""
    site = starting_site()
    _start(site, site_dirs)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(os.environ["SOURCE_DATE_EPOCH"]) + 86_400))
    assert _rebuild(site, site_dirs) <= SPHINX_ALWAYS


def test_body_edit_rewrites_only_that_article(site_dirs: tuple[Path, Path, Path]) -> None:
    site = starting_site()
    _start(site, site_dirs)
    page = site_dirs[1] / "html/articles/a3.html"
    words = article_json_ld(page)["wordCount"]
    record = _record_file(site_dirs[1])
    state = json.loads(record.read_text())["state"]
    written = _rebuild(site.edited("a3", more="A new second paragraph."), site_dirs)
    # index.html holds the toctree of every article: Sphinx rewrites it, as without us.
    assert written - SPHINX_ALWAYS == {"articles/a3.html", "index.html"}
    # Its word count changed, which only its own page shows: what other pages show is as
    # it was, so no page was digested (build_state).
    assert article_json_ld(page)["wordCount"] != words
    assert json.loads(record.read_text())["state"] == state


def test_redating_moves_the_article_between_its_neighbours(
    site_dirs: tuple[Path, Path, Path],
) -> None:
    site = starting_site()
    _start(site, site_dirs)
    out = site_dirs[1] / "html" / "articles"
    # Chain: a1 a2 a3 a4 a5 a6.  Move a2 between a5 and a6.
    written = _rebuild(site.edited("a2", date="2024-04-25 09:00"), site_dirs)
    assert _rel(out / "a1.html", "next") == "a3.html"
    assert _rel(out / "a3.html", "prev") == "a1.html"
    assert _rel(out / "a5.html", "next") == "a2.html"
    assert _rel(out / "a6.html", "prev") == "a2.html"
    assert (_rel(out / "a2.html", "prev"), _rel(out / "a2.html", "next")) == ("a5.html", "a6.html")
    assert {f"articles/{n}.html" for n in ("a1", "a2", "a3", "a5", "a6")} <= written
    assert "archive/2024/04/25/index.html" in written
    old_day = soup(site_dirs[1] / "html/archive/2024/04/02/index.html").find("main").get_text()
    assert "Oil output flat" in old_day
    assert "Border talks" not in old_day


def test_removing_an_article_deletes_its_pages_and_emptied_archives(
    site_dirs: tuple[Path, Path, Path],
) -> None:
    site = starting_site()
    _start(site, site_dirs)
    out = site_dirs[1] / "html"
    assert (out / "archive/2024/03/30/index.html").is_file()
    assert (out / "tags/oil/index.html").is_file()
    articles = dict(site.articles)
    del articles["a1"], articles["a3"]
    _rebuild(Site(articles), site_dirs)
    assert not (out / "articles/a1.html").exists()
    assert not (out / "archive/2024/03").exists()
    assert not (out / "tags/oil").exists()
    assert _rel(out / "articles/a2.html", "prev") is None


CRASHING_EXTENSION = """

def _crash(app, pagename, templatename, context, doctree):
    if (app.srcdir / "CRASH").exists():
        raise KeyboardInterrupt("stopped while writing")


def setup(app):
    app.connect("html-page-context", _crash)
"""


def test_a_build_stopped_while_writing_is_made_good_by_the_next(
    site_dirs: tuple[Path, Path, Path],
) -> None:
    """Sphinx saves what it read before it writes; a build stopped then (Ctrl-C under
    sphinx-autobuild) leaves the environment saved and its pages unwritten."""
    src = site_dirs[0]
    site = Site(starting_site().articles, conf_extra=CRASHING_EXTENSION)
    site.write(src)
    assert "WARNING" not in build(src, site_dirs[1])
    site = site.edited("a2", date="2024-04-25 09:00")
    site.write(src)
    (src / "CRASH").touch()
    with pytest.raises(KeyboardInterrupt):
        build(src, site_dirs[1])
    (src / "CRASH").unlink()
    assert "WARNING" not in build(src, site_dirs[1])  # reads nothing: all was read before
    assert "WARNING" not in build(src, site_dirs[2], fresh=True)
    assert_same_output(site_dirs[1] / "html", site_dirs[2] / "html")


def test_parallel_and_repeated_clean_builds_are_identical(tmp_path: Path) -> None:
    src = tmp_path / "src"
    starting_site().write(src)
    build(src, tmp_path / "one")
    build(src, tmp_path / "two")
    build(src, tmp_path / "parallel", parallel=2)
    one = _all_files(tmp_path / "one" / "html")
    assert len(one) > 40
    assert _all_files(tmp_path / "two" / "html") == one, "same sources, different bytes"
    assert _all_files(tmp_path / "parallel" / "html") == one, "-j 2 differs from -j 1"


def _record_of(builddir: Path) -> dict[str, object]:
    [path] = (builddir / "doctrees").glob("newsroom-outputs-html-*.json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_clean_parallel_build_records_the_digests_of_a_serial_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under -j 2 a clean build leaves the digests of generated pages to the workers that
    write them: the next build must find them as -j 1 makes them, or it would rewrite (or
    keep) the wrong pages."""
    from sphinx_newsroom import incremental

    src = tmp_path / "src"
    starting_site().write(src)
    build(src, tmp_path / "serial")
    forked: list[int] = []
    start = incremental._start_in_parallel

    def spy(app: object, pages: list[object], nice: int = 0) -> object:
        record = incremental._record(app)  # type: ignore[arg-type]
        forked.append(len(record.undigested_pages))
        return start(app, pages, nice)  # type: ignore[arg-type]

    monkeypatch.setattr(incremental, "PARALLEL_BATCH", 2)  # fork even for this small site
    monkeypatch.setattr(incremental, "_start_in_parallel", spy)
    build(src, tmp_path / "parallel", parallel=2)
    [pages] = forked
    serial, parallel = _record_of(tmp_path / "serial"), _record_of(tmp_path / "parallel")
    assert pages == len(serial["pages"]) > 10  # type: ignore[arg-type]
    # All but when each document was read (``quick``): the digests, the state, the files.
    assert parallel.pop("quick") != serial.pop("quick")
    assert parallel == serial


def _saved_rankings(builddir: Path) -> dict[object, tuple[str, ...]]:
    env = pickle.loads((builddir / "doctrees" / "environment.pickle").read_bytes())
    memory = env.domaindata["newsroom-related"]["memory"]
    return {key: ranking.best for key, ranking in memory.rankings.items()}


def test_a_parallel_digest_pass_records_and_saves_what_a_serial_one_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under -j 2 the documents' pages of a clean build are digested by the main process
    and a forked worker: the record holds the digests -j 1 makes, and the environment
    Sphinx saves holds every related ranking, the worker's too (the next build brings them
    up to date instead of ranking afresh)."""
    import sphinx.util.parallel

    from sphinx_newsroom import incremental

    src = tmp_path / "src"
    starting_site().write(src)
    build(src, tmp_path / "serial")
    shares: list[int] = []
    add_task = sphinx.util.parallel.ParallelTasks.add_task

    def spy(tasks: Any, function: Any, argument: Any = None, result: Any = None) -> None:
        if "_document_digests" in function.__qualname__:
            shares.append(len(argument))
        add_task(tasks, function, argument, result)

    monkeypatch.setattr(incremental, "PARALLEL_DIGESTS", 2)
    monkeypatch.setattr(sphinx.util.parallel.ParallelTasks, "add_task", spy)
    build(src, tmp_path / "parallel", parallel=2)
    serial, parallel = _record_of(tmp_path / "serial"), _record_of(tmp_path / "parallel")
    documents = len(serial["docs"])  # type: ignore[arg-type]
    assert shares == [documents // 2], "one worker digests every other page"
    assert parallel.pop("quick") != serial.pop("quick")
    assert parallel == serial
    rankings = _saved_rankings(tmp_path / "serial")
    assert len(rankings) >= len(starting_site().articles) > 2
    assert _saved_rankings(tmp_path / "parallel") == rankings


FAILING_EXTENSION = """

def _fail(app, pagename, templatename, context, doctree):
    raise RuntimeError("failed while writing")


def setup(app):
    # After the newsroom handler that starts the workers of the generated pages (100).
    app.connect("html-page-context", _fail, priority=900)
"""


def test_a_failed_parallel_build_stops_the_workers_of_the_generated_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under -j 2 the generated pages are being written while the documents are: a build
    that fails meanwhile stops those workers rather than leaving them writing."""
    from sphinx_newsroom import incremental

    src = tmp_path / "src"
    Site(starting_site().articles, conf_extra=FAILING_EXTENSION).write(src)
    started: list[object] = []
    stopped: list[object] = []
    start = incremental._start_in_parallel

    def spy(app: object, pages: list[object], nice: int = 0) -> object:
        tasks = start(app, pages, nice)  # type: ignore[arg-type]
        terminate = tasks.terminate

        def counted() -> None:
            stopped.append(tasks)
            terminate()

        tasks.terminate = counted
        started.append(tasks)
        return tasks

    monkeypatch.setattr(incremental, "PARALLEL_BATCH", 2)
    monkeypatch.setattr(incremental, "_start_in_parallel", spy)
    with pytest.raises(Exception, match="failed while writing"):
        build(src, tmp_path / "out", parallel=2)
    assert len(started) == 1
    assert stopped == started


def _all_files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


# -- the newsroom site: random sequences of edits ----------------------------------------

TITLES = ("Ports reopen", "Talks stall", "A quiet week", "Oil & gas: what next?")
DATES = (
    "2024-03-30 09:00",
    "2024-04-02 10:15",
    "2024-04-02 10:15:40",  # the same minute as another: ordered by document name
    "2024-04-10 08:00",
    "2024-04-30 23:30",
    "2024-05-01 07:30",
    "2024-06-15 12:00",
    "2026-11-28 06:00",  # embargoed until the day after the build's clock
    "2027-01-01 00:00",  # in the future of the build: a draft
)
TAGS = ("shipping", "diplomacy", "borders", "oil")
SECTIONS = ("World", "Business", "Science", "")
LABELS = ("", "opinion", "analysis")
AUTHORS = (("jane-doe",), ("ali-rahimov",), ("jane-doe", "Sam Lee"))
TEXTS = ("The story.", "A new first paragraph.", "Something else entirely.")

FIELD_VALUES = {
    "title": st.sampled_from(TITLES),
    "date": st.sampled_from(DATES),
    "tags": st.lists(st.sampled_from(TAGS), max_size=3, unique=True).map(tuple),
    "section": st.sampled_from(SECTIONS),
    "label": st.sampled_from(LABELS),
    "authors": st.sampled_from(AUTHORS),
    "draft": st.booleans(),
    "body": st.sampled_from(TEXTS),
    "more": st.sampled_from(TEXTS),
}

_field_edits = st.sampled_from(sorted(FIELD_VALUES)).flatmap(
    lambda name: st.tuples(
        st.just(name), st.integers(0, 9), FIELD_VALUES[name].map(lambda v: {name: v})
    )
)
_new_articles = st.builds(
    Article,
    title=st.sampled_from(TITLES),
    date=st.sampled_from(DATES),
    section=st.sampled_from(SECTIONS),
    tags=FIELD_VALUES["tags"],
    label=st.sampled_from(LABELS),
)
EDITS = st.one_of(
    _field_edits,
    st.tuples(st.just("add"), st.integers(0, 9), _new_articles),
    st.tuples(st.just("remove"), st.integers(0, 9), st.none()),
    # The scheduled build: the clock moves on a day (or 40: 2027 comes), nothing else.
    st.tuples(st.just("clock"), st.sampled_from([1, 40]), st.none()),
)


def apply_edit(site: Site, edit: tuple[str, int, object]) -> tuple[Site, str]:
    """Return the edited site and the name of the article the edit touched (or conf.py)."""
    kind, index, value = edit
    names = sorted(site.articles)
    if kind == "clock":
        moved = int(os.environ["SOURCE_DATE_EPOCH"]) + index * 86_400
        os.environ["SOURCE_DATE_EPOCH"] = str(moved)  # the tests put it back afterwards
        return site, "clock"
    if kind == "config":
        assert isinstance(value, dict)
        return site.configured(**value), "conf.py"
    if kind == "add":
        name = next(f"n{i}" for i in range(100) if f"n{i}" not in site.articles)
        assert isinstance(value, Article)
        return replace(site, articles={**site.articles, name: value}), name
    name = names[index % len(names)]
    if kind == "remove":
        if len(names) <= 2:  # keep a site to speak of
            return site, name
        return replace(site, articles={k: v for k, v in site.articles.items() if k != name}), name
    assert isinstance(value, dict)
    return site.edited(name, **value), name


def allowed_waste(kind: str, name: str) -> set[str]:
    """Pages that may be rewritten with the same bytes after an edit of *kind* to *name*.

    Sphinx rewrites the edited document itself and the document whose toctree lists it
    (``index``) whether or not their output changed, and its own ``genindex`` and
    ``search`` on every build.  List items carry the article's section for templates that
    show it (ours do not), so a new section rewrites the lists that hold the article.
    """
    allowed = {*SPHINX_ALWAYS, "index.html", f"articles/{name}.html"}
    if kind == "section":
        allowed.add("*list*")
    if kind == "body":
        # Known slack: listing_inputs (listings.py) digests the summary even for a
        # ``:style: titles`` list, which does not show it.
        allowed.add("world.html")
    return allowed


def _is_allowed(page: str, allowed: set[str]) -> bool:
    if page in allowed:
        return True
    lists = ("archive/", "authors/", "sections/", "tags/", "labels/")
    return "*list*" in allowed and page.startswith(lists)


EDIT_SETTINGS = settings(
    # Bounded so that CI stays fast; NEWSROOM_EDIT_EXAMPLES=200 explores further.
    max_examples=int(os.environ.get("NEWSROOM_EDIT_EXAMPLES", "10")),
    deadline=None,
    # No shrinking: each example is several real builds, and shrinking one failure took
    # longer than the whole suite. The failing sequence of edits is reported as it is.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@contextlib.contextmanager
def _clock_restored(epoch: str) -> Iterator[None]:
    """Put ``SOURCE_DATE_EPOCH`` back to *epoch* after an example that moved the clock."""
    try:
        yield
    finally:
        os.environ["SOURCE_DATE_EPOCH"] = epoch


@EDIT_SETTINGS
@given(edits=st.lists(EDITS, min_size=1, max_size=3), parallel=st.sampled_from([1, 2]))
# Always tried: an embargo lifts on the next day's build, under -j 2, after a new article.
@example(
    edits=[
        ("add", 0, Article("Talks stall", "2026-11-28 06:00", tags=("borders",))),
        ("clock", 1, None),
    ],
    parallel=2,
)
def test_random_edits_rebuild_like_a_clean_build(
    edits: list[tuple[str, int, object]], parallel: int
) -> None:
    """After every edit, the incremental build (serial or -j 2) equals a clean serial build,
    and every page it rewrote either changed or is one Sphinx always rewrites."""
    clock = os.environ["SOURCE_DATE_EPOCH"]
    with tempfile.TemporaryDirectory() as tmp, _clock_restored(clock):
        root = Path(tmp)
        dirs = (root / "src", root / "incremental", root / "clean")
        site = starting_site()
        _start(site, dirs)
        for edit in edits:
            before = outputs(dirs[1] / "html")
            site, name = apply_edit(site, edit)
            written = _rebuild(site, dirs, parallel=parallel)
            after = outputs(dirs[1] / "html")
            wasted = {page for page in written if before.get(page) == after.get(page)}
            allowed = allowed_waste(edit[0], name)
            assert all(_is_allowed(page, allowed) for page in wasted), (
                f"{edit}: rewritten without a change: {sorted(wasted)}"
            )


# -- the newsroom site: configuration changes ----------------------------------------------

#: Values a config edit may give each setting; UNSET takes the line out of conf.py.
CONFIG_CHOICES: dict[str, tuple[object, ...]] = {
    "newsroom_site_url": ("", UNSET, "https://inc.example.org/", "https://other.example.net/news"),
    "newsroom_timezone": ("Asia/Baku", "UTC", "America/New_York", UNSET),
    "newsroom_page_size": (3, 2, 20, UNSET),
    "newsroom_feed_length": (4, 1, 20, UNSET),
    "newsroom_prev_next": ("site", "section"),
    "newsroom_week_start": (None, "sunday", UNSET),
    "newsroom_related_limit": (1, 2, UNSET),
    "newsroom_feeds_per_tag": (True, False),
    "newsroom_feeds_per_author": (True, False),
    "newsroom_feed_fulltext": (True, False),
    "newsroom_labels": (
        UNSET,
        {"opinion": {"suffix": ""}},
        {"analysis": {"suffix": "ANALYSIS"}, "explainer": {"text": "Explainer"}},
    ),
    "newsroom_authors": (
        AUTHOR_REGISTRY,
        {**AUTHOR_REGISTRY, "jane-doe": {"name": "Jane Q. Doe"}},
        # The byline "Sam Lee" (a name, no key) becomes the registered author sam-lee.
        {**AUTHOR_REGISTRY, "sam-lee": {"name": "Sam Lee", "url": "https://example.org/sam"}},
    ),
}

CONFIG_EDITS = st.sampled_from(sorted(CONFIG_CHOICES)).flatmap(
    lambda name: st.tuples(
        st.just("config"),
        st.just(0),
        st.fixed_dictionaries({name: st.sampled_from(CONFIG_CHOICES[name])}),
    )
)


def config_site() -> Site:
    """Return the starting site with one related block sized by ``newsroom_related_limit``."""
    return starting_site().edited("a5", related_limit=None)


def _has_config_edit(edits: list[tuple[str, int, object]]) -> bool:
    return any(kind == "config" for kind, _, _ in edits)


# Fewer examples than above: after a config change Sphinx reads or writes every page again.
@settings(EDIT_SETTINGS, max_examples=int(os.environ.get("NEWSROOM_EDIT_EXAMPLES", "6")))
@given(
    edits=st.lists(st.one_of(CONFIG_EDITS, EDITS), min_size=1, max_size=3).filter(_has_config_edit),
    parallel=st.sampled_from([1, 2]),
)
# Always tried: the feeds go with the site URL, and come back up to date with it.
@example(
    edits=[
        ("config", 0, {"newsroom_site_url": ""}),
        ("title", 1, {"title": "Talks stall"}),
        ("config", 0, {"newsroom_site_url": "https://inc.example.org/"}),
    ],
    parallel=2,
)
def test_random_config_edits_rebuild_like_a_clean_build(
    edits: list[tuple[str, int, object]], parallel: int
) -> None:
    """After every edit of conf.py or an article, the incremental build (serial or -j 2)
    holds exactly the files of a clean build, with the same bytes: no feed, sitemap or
    page that the new configuration no longer writes is left behind.

    Which pages a config change rewrites is not checked: Sphinx rewrites every page then.
    """
    with tempfile.TemporaryDirectory() as tmp, _clock_restored(os.environ["SOURCE_DATE_EPOCH"]):
        root = Path(tmp)
        dirs = (root / "src", root / "incremental", root / "clean")
        site = config_site()
        _start(site, dirs)
        for edit in edits:
            site, _ = apply_edit(site, edit)
            _rebuild(site, dirs, parallel=parallel)


def _xml_files(outdir: Path) -> list[str]:
    return sorted(name for name in outputs(outdir) if name.endswith(".xml"))


def test_unsetting_the_site_url_deletes_feeds_and_sitemaps(
    site_dirs: tuple[Path, Path, Path],
) -> None:
    """Without a site URL there are no feeds or sitemaps; those of before are deleted."""
    site = starting_site()
    # An article of this morning (the build's clock): the news sitemap has something.
    site = replace(site, articles={**site.articles, "a7": Article("Storm", "2026-11-27 09:00")})
    _start(site, site_dirs)
    out = site_dirs[1] / "html"
    had = _xml_files(out)
    assert {"feeds/atom.xml", "feeds/rss.xml", "sitemap.xml", "news-sitemap.xml"} <= set(had)
    assert "sections/world/atom.xml" in had
    assert (out / "robots.txt").is_file()

    _rebuild(site.configured(newsroom_site_url=""), site_dirs)  # equals a clean build
    assert _xml_files(out) == []
    assert not (out / "robots.txt").exists()

    _rebuild(site, site_dirs)  # and back
    assert _xml_files(out) == had
    assert (out / "robots.txt").is_file()


@pytest.mark.parametrize(
    ("kind", "setting", "slug"),
    [
        ("tags", "newsroom_feeds_per_tag", "shipping"),
        ("authors", "newsroom_feeds_per_author", "jane-doe"),
    ],
)
def test_turning_off_feeds_per_topic_deletes_them(
    site_dirs: tuple[Path, Path, Path], kind: str, setting: str, slug: str
) -> None:
    """``tags/<slug>/atom.xml`` (or an author's) goes when its setting is turned off."""
    site = starting_site().configured(**{setting: True})
    _start(site, site_dirs)
    out = site_dirs[1] / "html"
    feeds = {name for name in _xml_files(out) if name.startswith(f"{kind}/")}
    assert {f"{kind}/{slug}/atom.xml", f"{kind}/{slug}/rss.xml"} <= feeds

    _rebuild(site.configured(**{setting: False}), site_dirs)  # equals a clean build
    assert not [name for name in _xml_files(out) if name.startswith(f"{kind}/")]
    assert (out / kind / slug / "index.html").is_file()
    assert (out / "feeds/atom.xml").is_file()


@pytest.mark.sphinx("html", testroot="related")
def test_the_loaded_environment_is_left_out_of_collections_while_building(app) -> None:
    """Frozen from the builder's start (nothing is garbage then), unfrozen at the end."""
    frozen: list[int] = []
    app.connect("html-page-context", lambda *args: frozen.append(gc.get_freeze_count()))
    app.build()
    assert frozen and min(frozen) > 0
    assert gc.get_freeze_count() == 0


def test_the_modules_are_left_out_of_collections_while_the_environment_loads(
    make_app, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Frozen from config-inited, before Sphinx unpickles the last build's environment (a
    full collection it sets off would walk every module and find nothing)."""
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        "import gc\n"
        "extensions = ['sphinx_newsroom']\n"
        "def note(app):\n"
        "    app.frozen_when_loaded = gc.get_freeze_count()\n"
        "def setup(app):\n"
        "    app.connect('builder-inited', note, priority=100)\n"
    )
    (srcdir / "index.rst").write_text("Home\n====\n")
    for _build in range(2):  # the second loads the first's environment
        app = make_app("html", srcdir=srcdir)
        assert app.frozen_when_loaded > 0  # type: ignore[attr-defined]
        app.build()
        assert gc.get_freeze_count() == 0


class _NamedByTheme(StandaloneHTMLBuilder):
    """An html builder that names its files its own way (as themes' builders may)."""

    def get_outfilename(self, pagename: str) -> str:  # type: ignore[override]
        return str(Path(self.outdir, "pages", pagename + self.out_suffix))


@pytest.mark.parametrize("buildername", ["html", "dirhtml", "named-by-theme"])
def test_output_files_are_named_as_the_builder_names_them(
    make_app, tmp_path: Path, buildername: str
) -> None:  # type: ignore[no-untyped-def]
    """The fast naming of the html builder's files is the builder's own, and a builder
    that names them otherwise is asked."""
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text("")
    (srcdir / "index.rst").write_text("Home\n====\n")
    app = make_app("html" if buildername == "named-by-theme" else buildername, srcdir=srcdir)
    builder = _NamedByTheme(app, app.env) if buildername == "named-by-theme" else app.builder
    names = ["index", "about", "a/b", "archive/2024/03/index", "tags/x"]
    namer = output_file_namer(builder)
    assert [namer(name) for name in names] == [str(builder.get_outfilename(name)) for name in names]
    if buildername == "named-by-theme":
        assert namer("a/b") == str(Path(builder.outdir, "pages/a/b.html"))


@pytest.mark.sphinx("html", testroot="related", freshenv=True)
def test_what_reading_made_is_frozen_as_it_grows_and_handed_back_to_write(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every FREEZE_EVERY documents read, what reading made (the doctrees Sphinx keeps to
    write) leaves the collector's walks; writing gets it back, so that written doctrees
    can be freed. Only live objects are frozen: garbage is collected first."""
    from sphinx_newsroom import pipeline

    monkeypatch.setattr(pipeline, "FREEZE_EVERY", 3)
    counts: list[tuple[str, int]] = []

    class Cycle:
        """Garbage that reading leaves behind: only a collection frees it."""

        def __init__(self) -> None:
            self.me = self

    # Dropped just before the freezing handler (priority 100) runs.
    dropped: list[weakref.ref[Cycle]] = []
    app.connect("source-read", lambda *args: dropped.append(weakref.ref(Cycle())), priority=50)
    app.connect(
        "source-read", lambda *args: counts.append(("read", gc.get_freeze_count())), priority=900
    )
    alive_when_writing: list[list[bool]] = []

    def writing(*args: object) -> None:
        counts.append(("write", gc.get_freeze_count()))
        if not alive_when_writing:
            alive_when_writing.append([ref() is not None for ref in dropped])

    app.connect("html-page-context", writing)
    app.build()
    read = [count for phase, count in counts if phase == "read"]
    assert len(read) > 6
    # Frozen at the 3rd, 6th, … document, more each time; never between.
    grew = [later > earlier for earlier, later in itertools.pairwise(read)]
    assert grew == [(index + 2) % 3 == 0 for index in range(len(grew))]
    assert {count for phase, count in counts if phase == "write"} == {0}
    assert gc.get_freeze_count() == 0
    # The garbage of the 3rd, 6th, … document was collected before the freeze.
    alive = alive_when_writing[0]
    assert not any(alive[index] for index in range(2, len(alive), 3))


@pytest.mark.sphinx("html", testroot="related", freshenv=True, parallel=2)
def test_what_workers_read_is_frozen_for_writing_once_merged(app) -> None:
    """Under -j N the main process merges what workers read; Sphinx saves the environment
    and writing starts with all of it frozen, the workers' merged environments collected
    first (else saving it sets off a full collection of it)."""
    merged: list[int] = []
    app.connect("env-merge-info", lambda *args: merged.append(len(args[2])))
    frozen: dict[str, int] = {}

    def note(phase: str) -> Callable[..., list[str]]:
        def noting(*args: object) -> list[str]:
            frozen.setdefault(phase, gc.get_freeze_count())
            return []  # env-get-updated: no page of its own to rewrite

        return noting

    app.connect("env-updated", note("read"))
    app.connect("env-get-updated", note("saved"), 999)
    app.connect("write-started", note("write"), 900)
    app.build()
    assert len(merged) > 1, "read in parallel"
    # More than what builder-inited froze: the environment the workers' chunks made.
    assert frozen["saved"] > frozen["read"]
    assert frozen["write"] > frozen["read"]
    assert gc.get_freeze_count() == 0
