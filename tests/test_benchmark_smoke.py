"""A small run of the benchmark harness (N = 20, one round): it generates, builds, measures
and reports, in Markdown and in the reStructuredText of ``docs/benchmarks.rst``."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path

import docutils.core
import docutils.nodes
import pytest

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
DOCS = Path(__file__).parent.parent / "docs" / "benchmarks.rst"
sys.path.insert(0, str(BENCHMARKS))

import instructions  # noqa: E402
import run  # noqa: E402
import sites  # noqa: E402

# ABlog is a benchmark-only dependency: without it, newsroom and plain are measured.
HAS_ABLOG = importlib.util.find_spec("ablog") is not None
FLAVOURS = [f for f in sites.FLAVOURS if f != "ablog" or HAS_ABLOG]


def test_generated_sites_hold_the_same_articles(tmp_path: Path) -> None:
    articles = sites.make_articles(20)
    assert articles == sites.make_articles(20), "generation is not deterministic"
    assert len({a.path for a in articles}) == 20
    words = [sum(len(p.split()) for p in a.paragraphs) for a in articles]
    assert min(words) >= 350
    for flavour in sites.FLAVOURS:
        sites.write_site(flavour, articles, tmp_path / flavour)
        assert len(list((tmp_path / flavour).glob("*/*.rst"))) == 20
    article = articles[0]
    assert ".. byline::" in (tmp_path / "newsroom" / f"{article.path}.rst").read_text()
    assert ".. post::" in (tmp_path / "ablog" / f"{article.path}.rst").read_text()
    plain = (tmp_path / "plain" / f"{article.path}.rst").read_text()
    assert ".. " not in plain
    assert article.paragraphs[0] in plain
    conf = (tmp_path / "newsroom" / "conf.py").read_text()
    assert f"newsroom_timezone = {sites.NEWSROOM_TIMEZONE!r}" in conf


def test_the_new_article_is_the_newest_and_before_the_build() -> None:
    articles = sites.make_articles(20)
    new = sites.new_article(articles)
    assert new == sites.new_article(articles)
    assert new.path not in {a.path for a in articles}
    assert new.date > max(a.date for a in articles)
    newest = max(a.date for a in articles)
    # Published on the newest article's day, just after it, before the build's clock.
    assert new.date.date() == newest.date() and new.date < sites.build_moment()
    assert new.section in sites.SECTIONS and set(new.authors) <= set(sites.AUTHORS)
    # Its month (2024-11) has one generated article, on the same day.
    assert sites.new_article_pages(articles) == {
        "articles": 1,
        "days": 1,
        "month archive": 1,
        "new article": 1,
    }


def test_the_median_of_rounds() -> None:
    def measure(wall: float, written: int) -> run.Measure:
        return run.Measure(wall, wall, 50.0, written, 0, written, 100, ok=True)

    middle = run.median([measure(3.0, 5), measure(1.0, 5), measure(2.0, 7)])
    assert (middle.wall, middle.written, middle.written_range) == (2.0, 5, (5, 7))
    assert run.median([measure(1.0, 4), measure(2.0, 4)]).written_range is None


@pytest.fixture(scope="module")
def twenty(tmp_path_factory: pytest.TempPathFactory) -> run.SizeResult:
    """One round of every site at N = 20."""
    workdir = tmp_path_factory.mktemp("work")
    result = run.run_size(20, FLAVOURS, 1, workdir, timeout=600, progress=False)
    failed = result.failed()
    assert not failed, f"{failed} failed, see the build logs in {workdir}"
    return result


def test_every_step_runs(twenty: run.SizeResult) -> None:
    assert set(twenty.rounds) == set(FLAVOURS)
    for flavour, steps in twenty.rounds.items():
        assert tuple(steps) == run.STEPS, flavour
        for step, measures in steps.items():
            assert len(measures) == 1
            (m,) = measures
            assert m.ok and m.wall > 0 and m.cpu > 0 and m.rss_mib > 10, (flavour, step)
            assert 0 <= m.system < m.cpu, (flavour, step)  # kernel time, part of the cpu
            assert m.pages > 20, (flavour, step)


def test_what_newsroom_writes(twenty: run.SizeResult) -> None:
    def written(flavour: str, step: str) -> int:
        measure = twenty.get(flavour, step)
        assert measure is not None
        return measure.written

    # Archives, feeds …
    assert written("newsroom", "full -j 1") > written("plain", "full -j 1")
    # A no-change rebuild writes nothing of ours: only what Sphinx writes every time.
    assert written("newsroom", "no-change") == written("plain", "no-change")
    # A body edit rewrites the article and what Sphinx itself rewrites, as without us.
    assert written("newsroom", "body edit") == written("plain", "body edit")
    assert written("newsroom", "re-date") > written("plain", "re-date")  # neighbours …
    # A day later no page of ours needs writing again (the news sitemap moves on).
    later = {flavour: twenty.get(flavour, "next day") for flavour in ("newsroom", "plain")}
    assert later["newsroom"] and later["plain"]
    assert later["newsroom"].pages_written <= later["plain"].pages_written


def test_one_new_article_rewrites_less_than_half_the_site(twenty: run.SizeResult) -> None:
    added = twenty.get("newsroom", "one new article")
    assert added is not None
    assert added.written < added.pages / 2, f"{added.written} of {added.pages} pages"


def test_the_reports(twenty: run.SizeResult, tmp_path: Path) -> None:
    report = run.Run([twenty], FLAVOURS, rounds={20: 1}, elapsed=60.0)
    lines = run.markdown(report).splitlines()
    assert "## N = 20" in lines
    rows = [line for line in lines if line.startswith("| ")]
    steps = [row.split("|")[1].strip() for row in rows]
    assert [step for step in steps if step in run.STEPS] == list(run.STEPS)
    assert all("–" not in row for row in rows), "a figure is missing from a table"
    assert any(
        line.startswith("Speed-up of -j 2 (full -j 1 wall / full -j 2 wall)") for line in lines
    )
    (kernel,) = [line for line in lines if line.startswith("Kernel seconds of the full -j 1")]
    measured = twenty.get("newsroom", "full -j 1")
    assert measured is not None and f"newsroom {measured.system:.2f}" in kernel
    targets = [line for line in lines if line.startswith("- ")]
    for start in (
        "- full build -j 1 ≤ 1.3× plain (wall): ",
        "- full build -j 1 ≤ 0.6× ABlog (wall): ",
        "- speed-up of -j 2 ≥ plain's: ",
        "- no-change ≤ 1.1× plain (wall): ",
        "- no-change files written ≤ plain's: ",
        "- one new article ≤ 2× plain (wall): ",
        "- one new article files written ≤ 2 % of the site + the pages showing its month: ",
        "- next day pages written ≤ plain's: ",
        "- peak memory of full build -j 1 ≤ 1.3× plain: ",
        "- full build -j 1 time per article grows ≤ 15 % ",
    ):
        matching = [line for line in targets if line.startswith(start)]
        assert len(matching) == 1, start
        if HAS_ABLOG or "ABlog" not in start:
            assert matching[0].endswith((" PASS", " MISS")) or "not measured" in matching[0]

    # --docs: the intro of docs/benchmarks.rst and the analysis after the results stay,
    # the results between them are this run's, and the whole is valid rst.
    intro, analysis = run.docs_parts(DOCS)
    assert intro and run.DOCS_MARKER not in intro
    assert analysis.startswith(run.DOCS_END) and "Where the time goes" in analysis
    text = f"{intro}{run.rst(report)}\n{analysis}"
    assert DOCS.read_text(encoding="utf-8").endswith(analysis)
    assert "\n" + run.DOCS_MARKER in text and text.count("Where the time goes") == 1
    path = tmp_path / "benchmarks.rst"
    path.write_text(text, encoding="utf-8")
    doctree = docutils.core.publish_doctree(
        text,
        source_path=str(path),
        settings_overrides={"report_level": 2, "halt_level": 5, "warning_stream": False},
    )
    problems = [
        node.astext()
        for node in doctree.findall(docutils.nodes.system_message)
        if node["level"] >= 2
    ]
    # The analysis links other pages with Sphinx's roles, which docutils alone lacks.
    sphinx_roles = re.compile(r'Unknown interpreted text role "(doc|ref|confval)"')
    assert [problem for problem in problems if not sphinx_roles.search(problem)] == []
    results = docutils.core.publish_doctree(run.rst(report))
    assert len(list(results.findall(docutils.nodes.table))) == 2  # N = 20 and per article


def test_instruction_counts_are_read_from_callgrind_and_reported() -> None:
    log = "==19726== Events    : Ir\n==19726== Collected : 10951120153\n==19726==\n"
    assert instructions.collected(log) == 10_951_120_153
    assert instructions.collected("==1== Collected : 1,234,567\n") == 1_234_567
    assert instructions.collected("valgrind: command not found\n") is None
    counts = {
        "newsroom": {
            "full -j 1": 3_000_000_000,
            "no-change": 2_000_000_000,
            "one new article": None,
        },
        "plain": {"full -j 1": 2_000_000_000, "no-change": 2_000_000_000, "one new article": 1},
    }
    table = instructions.report(100, counts).splitlines()
    assert table[0] == "N = 100"
    assert (
        table[2]
        == "| step | newsroom (G instructions) | plain (G instructions) | newsroom / plain |"
    )
    assert table[4] == "| full -j 1 | 3.00 | 2.00 | 1.50× |"
    assert table[5] == "| no-change | 2.00 | 2.00 | 1.00× |"
    assert table[6] == "| one new article | failed | 0.00 | – |"


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_a_build_under_callgrind_is_counted(tmp_path: Path) -> None:
    sites.write_site("plain", sites.make_articles(2), tmp_path / "src")
    count = instructions.count_build(tmp_path / "src", tmp_path / "build", tmp_path / "cg.log")
    # Starting Sphinx alone takes well over a billion instructions.
    assert count is not None and count > 1_000_000_000
    assert (tmp_path / "build" / "html" / "index.html").is_file()


def test_the_growth_per_article_is_told_apart_from_plain_sphinxs() -> None:
    # The figures of the N = 1,000 and 10,000 runs in docs/benchmarks.rst.
    def measure(wall: float) -> run.Measure:
        return run.Measure(wall, wall, 100.0, 10, 0, 10, 10, True)

    results = []
    for size, ours, plain in ((1000, 29.85, 18.46), (10000, 424.0, 314.6)):
        result = run.SizeResult(size)
        result.add("newsroom", {"full -j 1": [measure(ours)]})
        result.add("plain", {"full -j 1": [measure(plain)]})
        results.append(result)
    _where, lines = run.targets(results)
    [line] = [line for line in lines if "time per article grows" in line]
    assert line == (
        "full build -j 1 time per article grows ≤ 15 % from 1,000 to 10,000: +42.0 % "
        "(plain Sphinx +70.4 %; newsroom's time over plain's, per article: 11.4 and 10.9 ms, "
        "-4.0 %) MISS"
    )


def test_a_repeated_step_starts_from_the_same_build(tmp_path: Path) -> None:
    """Each repeat of a step builds from a copy of the build directory as the step found
    it: the same files are written each time, and the step after it starts from the
    state one build of the step leaves."""
    articles = sites.make_articles(8)
    measures = run.run_flavour("newsroom", articles, tmp_path, 600, progress=False, repeats=2)
    assert all(m.ok for taken in measures.values() for m in taken)
    assert [len(measures[step]) for step in run.STEPS] == [1, 1, 2, 2, 2, 2, 2]
    for step in run.STEPS[2:]:
        first, second = measures[step]
        assert (first.written, first.pages) == (second.written, second.pages), step
    # Each repeat of "one new article" wrote the new article's pages again …
    assert measures["one new article"][1].written > measures["no-change"][1].written
    # … and the step after it found the article already there.
    assert measures["next day"][0].pages == measures["one new article"][1].pages
    assert not (tmp_path / "build-before-step").exists()
