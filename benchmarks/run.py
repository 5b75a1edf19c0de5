"""Benchmark sphinx-newsroom against plain Sphinx and ABlog on the same generated articles.

    python benchmarks/run.py --sizes 300 1000 3000 [--rounds 3] [--repeats 3] [--with-10000]
                             [--output FILE] [--docs docs/benchmarks.rst]

For each size N it generates N articles as three sites (see ``sites.py``) and runs, in
``--rounds`` rounds, each site through the same steps, one ``sphinx-build`` process per
step, from a freshly written site and an empty build directory:

    full -j 2, full -j 1 (both from nothing), no-change, body edit, one new article (the
    newest of the site), re-date, next day (no change, the clock one day later)

The sites take turns within a round (newsroom, plain, ABlog, then the next round), so that
a slow spell of a shared machine falls on all three alike.  Newsroom and plain build each
step after the full builds ``--repeats`` times in a round, from a copy of the build
directory as the step found it: each is a sample, so a step of a second is not decided by
one slow moment.  Each step reports wall time,
CPU time (user + system, of the build and its workers), the peak resident memory of the
largest process, how many ``.html``/``.xml`` files were written (created or modified) and
how many ``.html`` pages the site has afterwards; the report gives the median of the
rounds, the ratios to plain Sphinx and ABlog, and checks the targets of issue 13.  It is
printed and written to ``--output`` (default ``benchmarks/results/latest.md``); with
``--docs FILE`` the results part of ``docs/benchmarks.rst`` is written again too (the
analysis after it is kept).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import sphinx

sys.path.insert(0, str(Path(__file__).parent))

from sites import (
    FLAVOURS,
    NEWSROOM_TIMEZONE,
    ONE_DAY,
    SOURCE_DATE_EPOCH,
    Article,
    body_edit,
    make_articles,
    new_article,
    new_article_pages,
    redate,
    write_article,
    write_site,
)

HERE = Path(__file__).parent
STEPS = (
    "full -j 2",
    "full -j 1",
    "no-change",
    "body edit",
    "one new article",
    "re-date",
    "next day",
)
COUNTED = (".html", ".xml")
NAMES = {"newsroom": "newsroom", "plain": "plain", "ablog": "ABlog"}
#: Where the paragraph about the run starts in ``docs/benchmarks.rst``: ``--docs`` keeps
#: everything before it and writes the run's results from it on, up to :data:`DOCS_END`.
DOCS_MARKER = "The run below:"
#: The comment that ends the results in ``docs/benchmarks.rst``: ``--docs`` keeps it and
#: everything after it (the analysis written by hand: where the time goes, and so on).
DOCS_END = ".. The run's results end here; run.py --docs keeps what follows."


@dataclass
class Measure:
    """One build (or the median of several): seconds of wall and CPU time, peak memory in
    MiB, ``.html``/``.xml`` files written and deleted, ``.html`` pages written and in the
    output after the build."""

    wall: float
    cpu: float
    rss_mib: float
    written: int
    deleted: int
    pages_written: int
    pages: int
    ok: bool
    #: For a median: the fewest and most files written in a round, when they differ.
    written_range: tuple[int, int] | None = None
    #: Of *cpu*, the seconds spent in the kernel (``ru_stime``): mostly creating files and
    #: folders, which costs a build with more files more, and moves most between runs.
    system: float = 0.0


def median(measures: list[Measure]) -> Measure:
    """Return the median of the rounds of one step (the lower median for counts)."""
    written = [m.written for m in measures]
    low, high = min(written), max(written)
    return Measure(
        wall=statistics.median(m.wall for m in measures),
        cpu=statistics.median(m.cpu for m in measures),
        rss_mib=statistics.median(m.rss_mib for m in measures),
        written=statistics.median_low(written),
        deleted=statistics.median_low(m.deleted for m in measures),
        pages_written=statistics.median_low(m.pages_written for m in measures),
        pages=statistics.median_low(m.pages for m in measures),
        ok=all(m.ok for m in measures),
        written_range=(low, high) if low != high else None,
        system=statistics.median(m.system for m in measures),
    )


@dataclass
class SizeResult:
    """Every measure of one size: by flavour and step, one per round."""

    size: int
    rounds: dict[str, dict[str, list[Measure]]] = field(default_factory=dict)

    def add(self, flavour: str, measures: dict[str, list[Measure]]) -> None:
        """Record one round of *flavour* (a step's repeats are samples like rounds)."""
        steps = self.rounds.setdefault(flavour, {})
        for step, taken in measures.items():
            steps.setdefault(step, []).extend(taken)

    def get(self, flavour: str, step: str) -> Measure | None:
        """Return the median of *step* over the rounds of *flavour*, if measured."""
        measures = self.rounds.get(flavour, {}).get(step)
        return median(measures) if measures else None

    def failed(self) -> list[tuple[str, str]]:
        """Return the (flavour, step) pairs that failed in some round."""
        return [
            (flavour, step)
            for flavour, steps in self.rounds.items()
            for step, measures in steps.items()
            if not all(m.ok for m in measures)
        ]


# -- measuring ------------------------------------------------------------------------------


def _snapshot(outdir: Path) -> dict[str, int]:
    if not outdir.is_dir():
        return {}
    return {
        str(path): path.stat().st_mtime_ns
        for path in outdir.rglob("*")
        if path.suffix in COUNTED and path.is_file()
    }


def sphinx_build(
    srcdir: Path,
    builddir: Path,
    jobs: int,
    log: Path,
    timeout: float,
    epoch: int = SOURCE_DATE_EPOCH,
) -> Measure:
    """Run one ``sphinx-build`` process, its clock at *epoch* (``SOURCE_DATE_EPOCH``)."""
    outdir = builddir / "html"
    before = _snapshot(outdir)
    command = [
        sys.executable, "-m", "sphinx", "build", "-b", "html", "-q", "-j", str(jobs),
        "-d", str(builddir / "doctrees"), str(srcdir), str(outdir),
    ]  # fmt: skip
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0"}
    with log.open("a", encoding="utf-8") as stream:
        stream.write(f"\n$ SOURCE_DATE_EPOCH={epoch} {' '.join(command)}\n")
        stream.flush()
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=stream, stderr=stream, env=env)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                stream.write("benchmark: killed after the timeout\n")
                break
            time.sleep(0.02)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    after = _snapshot(outdir)
    written = [name for name, mtime in after.items() if before.get(name) != mtime]
    return Measure(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        written=len(written),
        deleted=len(before.keys() - after.keys()),
        pages_written=sum(1 for name in written if name.endswith(".html")),
        pages=sum(1 for name in after if name.endswith(".html")),
        ok=process.returncode == 0,
        system=usage.ru_stime,
    )


#: The sites whose steps after the full builds are taken ``--repeats`` times in a round:
#: the targets compare these two, and their steps take a second or so (ABlog's take ten).
REPEATED = ("newsroom", "plain")


def _copy_tree(source: Path, target: Path) -> None:
    """Copy a build directory with its files' times (``cp -a``), which Sphinx and the
    output record compare."""
    if target.exists():
        shutil.rmtree(target)
    subprocess.run(["cp", "-a", str(source), str(target)], check=True)


def run_flavour(
    flavour: str,
    articles: list[Article],
    root: Path,
    timeout: float,
    progress: bool = True,
    label: str = "",
    repeats: int = 1,
) -> dict[str, list[Measure]]:
    """Write the site of *flavour* afresh under *root* and measure every step in turn.

    The build directory is emptied first; the build log, ``root/build.log``, grows by one
    section per call.  For a site of :data:`REPEATED`, every step after the full builds is
    built *repeats* times, each from a copy of the build directory as the step found it
    (the edit stays made), and each build is one sample; the last one's output is what the
    next step starts from.
    """
    srcdir, builddir = root / "src", root / "build"
    before = root / "build-before-step"
    if builddir.exists():
        shutil.rmtree(builddir)
    write_site(flavour, articles, srcdir)
    log = root / "build.log"
    with log.open("a", encoding="utf-8") as stream:
        stream.write(f"# {label or 'one round'}: {flavour}, N = {len(articles)}\n")
    results: dict[str, list[Measure]] = {}

    def step(
        name: str, jobs: int = 1, *, clean: bool = False, epoch: int = SOURCE_DATE_EPOCH
    ) -> None:
        if clean and builddir.exists():
            shutil.rmtree(builddir)
        times = 1 if clean or flavour not in REPEATED else repeats
        if times > 1:
            _copy_tree(builddir, before)
        for number in range(1, times + 1):
            if number > 1:
                _copy_tree(before, builddir)
            measure = sphinx_build(srcdir, builddir, jobs, log, timeout, epoch)
            results.setdefault(name, []).append(measure)
            if progress:
                print(
                    f"  {label}{flavour:8} N={len(articles):<6} {name:15} "
                    f"{measure.wall:8.2f} s wall {measure.cpu:8.2f} s cpu "
                    f"({measure.system:.2f} sys) "
                    f"{measure.rss_mib:7.0f} MiB {measure.written:6d} written "
                    f"{measure.pages:6d} pages{'' if measure.ok else '  FAILED'}",
                    flush=True,
                )
        if times > 1:
            shutil.rmtree(before)

    step("full -j 2", 2, clean=True)
    step("full -j 1", 1, clean=True)
    step("no-change")
    write_article(flavour, body_edit(articles), srcdir)
    step("body edit")
    write_article(flavour, new_article(articles), srcdir)
    step("one new article")
    write_article(flavour, redate(articles), srcdir)
    step("re-date")
    step("next day", epoch=SOURCE_DATE_EPOCH + ONE_DAY)
    return results


def run_size(
    size: int,
    flavours: list[str],
    rounds: int,
    workdir: Path,
    timeout: float,
    progress: bool = True,
    repeats: int = 1,
) -> SizeResult:
    """Measure *size* articles: *rounds* rounds, the flavours taking turns in each (and
    *repeats* builds of each step after the full builds, see :func:`run_flavour`)."""
    articles = make_articles(size)
    result = SizeResult(size)
    for number in range(1, rounds + 1):
        for flavour in FLAVOURS:
            if flavour in flavours:
                root = workdir / str(size) / flavour
                label = f"round {number}/{rounds} " if rounds > 1 else ""
                result.add(
                    flavour,
                    run_flavour(flavour, articles, root, timeout, progress, label, repeats),
                )
    return result


# -- the figures ----------------------------------------------------------------------------


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b > 0 else "–"


def _cell(measure: Measure | None, attribute: str, fmt: str) -> str:
    if measure is None:
        return "–"
    text = format(getattr(measure, attribute), fmt)
    if attribute == "written" and measure.written_range:
        text += " ({}–{})".format(*measure.written_range)
    return text if measure.ok else f"{text} (failed)"


def _share(measure: Measure | None) -> str:
    if measure is None or not measure.pages:
        return "–"
    return f"{100 * measure.pages_written / measure.pages:.1f} %"


def _shown(flavours: list[str]) -> list[str]:
    return [f for f in FLAVOURS if f in flavours]


def size_table(result: SizeResult, flavours: list[str]) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of the table of one size."""
    shown = _shown(flavours)
    header = ["step"]
    header += [f"{NAMES[f]} wall s" for f in shown]
    others = [f for f in ("plain", "ablog") if f in shown and "newsroom" in shown]
    header += [f"newsroom/{NAMES[f]} (wall, cpu)" for f in others]
    names = " / ".join(NAMES[f] for f in shown)
    header += [f"files written {names}", f"pages rewritten % of site {names}", f"peak MiB {names}"]
    rows = []
    for step in STEPS:
        measures = {f: result.get(f, step) for f in shown}
        row = [step]
        row += [_cell(measures[f], "wall", ".2f") for f in shown]
        for f in others:
            ours, theirs = measures["newsroom"], measures[f]
            row.append(
                f"{_ratio(ours.wall, theirs.wall)}, {_ratio(ours.cpu, theirs.cpu)}"
                if ours and theirs
                else "–"
            )
        row.append(" / ".join(_cell(measures[f], "written", "d") for f in shown))
        row.append(" / ".join(_share(measures[f]) for f in shown))
        row.append(" / ".join(_cell(measures[f], "rss_mib", ".0f") for f in shown))
        rows.append(row)
    return header, rows


def speedup(result: SizeResult, flavour: str) -> float | None:
    """Return full -j 1 wall time / full -j 2 wall time (medians)."""
    one, two = result.get(flavour, "full -j 1"), result.get(flavour, "full -j 2")
    return one.wall / two.wall if one and two and two.wall > 0 else None


def _each_site(shown: list[str], figure: Callable[[str], str | None]) -> str:
    """Return "newsroom 1.50, plain 1.47, …": each site's *figure*, "–" where it has none."""
    return ", ".join(f"{NAMES[f]} {figure(f) or '–'}" for f in shown)


def size_notes(result: SizeResult, flavours: list[str]) -> list[str]:
    """Return the lines under the table of one size: -j 2 speed-ups, site pages, kernel time."""
    shown = _shown(flavours)

    def speed(flavour: str) -> str | None:
        value = speedup(result, flavour)
        return f"{value:.2f}" if value else None

    def pages(flavour: str) -> str | None:
        measure = result.get(flavour, STEPS[-1])
        return f"{measure.pages:,}" if measure else None

    def kernel(flavour: str) -> str | None:
        measure = result.get(flavour, "full -j 1")
        return f"{measure.system:.2f}" if measure else None

    lines = [
        "Speed-up of -j 2 (full -j 1 wall / full -j 2 wall): " + _each_site(shown, speed) + ".",
        "Pages (.html) of each site after the last step: " + _each_site(shown, pages) + ".",
        "Kernel seconds of the full -j 1 build (part of its cpu; mostly creating files and "
        "folders): " + _each_site(shown, kernel) + ".",
    ]
    varied = [
        f"{NAMES[f]} {step}"
        for f in shown
        for step in STEPS
        if (m := result.get(f, step)) is not None and m.written_range
    ]
    if varied:
        lines.append(
            "Files written differed across rounds (fewest–most in brackets) for: "
            + ", ".join(varied)
            + "."
        )
    return lines


def scaling_table(
    results: list[SizeResult], flavours: list[str]
) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of full-build (-j 1) time per article at each size."""
    shown = _shown(flavours)
    header = ["N", *(f"{NAMES[f]} ms/article (wall, cpu)" for f in shown)]
    rows = []
    for result in results:
        row = [f"{result.size}"]
        for flavour in shown:
            m = result.get(flavour, "full -j 1")
            row.append(
                f"{1000 * m.wall / result.size:.1f}, {1000 * m.cpu / result.size:.1f}" if m else "–"
            )
        rows.append(row)
    return header, rows


# -- the targets of issue 13 ----------------------------------------------------------------


def target_size(results: list[SizeResult]) -> SizeResult:
    """Return the size the targets are checked at: 1,000, else the largest below, else the
    smallest."""
    below = [r for r in results if r.size <= 1000]
    return max(below, key=lambda r: r.size) if below else min(results, key=lambda r: r.size)


def targets(results: list[SizeResult]) -> tuple[str, list[str]]:
    """Return the sentence saying where the targets are checked, and one line per target."""
    at = target_size(results)

    def n(step: str) -> Measure | None:
        return at.get("newsroom", step)

    def p(step: str) -> Measure | None:
        return at.get("plain", step)

    def a(step: str) -> Measure | None:
        return at.get("ablog", step)

    lines: list[str] = []

    def check(text: str, measured: str | None, ok: bool) -> None:
        if measured is None:
            lines.append(f"{text}: not measured")
        else:
            lines.append(f"{text}: {measured} {'PASS' if ok else 'MISS'}")

    def wall_ratio(
        text: str, step: str, other: Callable[[str], Measure | None], limit: float
    ) -> None:
        ours, theirs = n(step), other(step)
        if ours is None or theirs is None or theirs.wall <= 0 or theirs.cpu <= 0:
            check(text, None, False)
            return
        value = ours.wall / theirs.wall
        check(text, f"{value:.2f} [cpu {ours.cpu / theirs.cpu:.2f}]", value <= limit)

    def not_more_files(text: str, step: str) -> None:
        ours, theirs = n(step), p(step)
        if ours is None or theirs is None:
            check(text, None, False)
            return
        check(
            text,
            f"{ours.written} vs {theirs.written} files",
            ours.written <= theirs.written,
        )

    wall_ratio("full build -j 1 ≤ 1.3× plain (wall)", "full -j 1", p, 1.3)
    wall_ratio("full build -j 1 ≤ 0.6× ABlog (wall)", "full -j 1", a, 0.6)

    ours_speed, plain_speed = speedup(at, "newsroom"), speedup(at, "plain")
    check(
        "speed-up of -j 2 ≥ plain's",
        f"{ours_speed:.2f} vs {plain_speed:.2f}" if ours_speed and plain_speed else None,
        bool(ours_speed and plain_speed and ours_speed >= plain_speed),
    )

    wall_ratio("no-change ≤ 1.1× plain (wall)", "no-change", p, 1.1)
    not_more_files("no-change files written ≤ plain's", "no-change")

    wall_ratio("one new article ≤ 2× plain (wall)", "one new article", p, 2.0)
    added = n("one new article")
    articles = make_articles(at.size)
    parts, month = new_article_pages(articles), new_article(articles).date
    if added is None:
        check("one new article files written ≤ 2 % of the site + its month", None, False)
    else:
        allowance = 0.02 * added.pages + sum(parts.values())
        check(
            "one new article files written ≤ 2 % of the site + the pages showing its month",
            f"{added.written} ≤ {allowance:.1f} (2 % of {added.pages:,} pages, "
            f"{parts['articles']} generated articles and {parts['days']} day(s) with articles "
            f"in {month:%Y-%m} ({NEWSROOM_TIMEZONE}), its month archive and the new article)",
            added.written <= allowance,
        )

    # A scheduled build rewrites no page, but the news sitemap moves on with the day.
    ours, theirs = n("next day"), p("next day")
    check(
        "next day pages written ≤ plain's",
        f"{ours.pages_written} vs {theirs.pages_written} pages ({ours.written} vs "
        f"{theirs.written} .html and .xml files)"
        if ours and theirs
        else None,
        bool(ours and theirs and ours.pages_written <= theirs.pages_written),
    )

    ours_peak, plain_peak = n("full -j 1"), p("full -j 1")
    check(
        "peak memory of full build -j 1 ≤ 1.3× plain",
        f"{ours_peak.rss_mib / plain_peak.rss_mib:.2f}" if ours_peak and plain_peak else None,
        bool(ours_peak and plain_peak and ours_peak.rss_mib <= 1.3 * plain_peak.rss_mib),
    )

    def per_article(flavour: str) -> dict[int, float]:
        return {
            r.size: m.wall / r.size
            for r in results
            if r.size >= 1000 and (m := r.get(flavour, "full -j 1"))
        }

    ours_each, plain_each = per_article("newsroom"), per_article("plain")
    if len(ours_each) >= 2:
        first, last = min(ours_each), max(ours_each)
        growth = ours_each[last] / ours_each[first] - 1
        measured = f"{100 * growth:+.1f} %"
        if first in plain_each and last in plain_each:
            # What plain Sphinx's own cost did on the same sites, and what newsroom adds to
            # it per article: the part of the growth that is ours.
            plain_growth = plain_each[last] / plain_each[first] - 1
            added = [ours_each[size] - plain_each[size] for size in (first, last)]
            measured += f" (plain Sphinx {100 * plain_growth:+.1f} %"
            if added[0] > 0:
                measured += (
                    f"; newsroom's time over plain's, per article: {1000 * added[0]:.1f} "
                    f"and {1000 * added[1]:.1f} ms, {100 * (added[1] / added[0] - 1):+.1f} %"
                )
            measured += ")"
        check(
            f"full build -j 1 time per article grows ≤ 15 % from {first:,} to {last:,}",
            measured,
            growth <= 0.15,
        )
    else:
        check("full build -j 1 time per article grows ≤ 15 % from 1,000 up", None, False)
        lines[-1] += " (needs two sizes of 1,000 or more)"

    where = f"Checked at N = {at.size:,}"
    if at.size != 1000:
        where += " (no N = 1,000 in this run)"
    where += (
        ", on the medians of the rounds: wall-time ratios with CPU-time ratios in brackets; "
        "the time per article over the sizes of 1,000 or more."
    )
    return where, lines


# -- the report -----------------------------------------------------------------------------


@dataclass
class Run:
    """What the report says about the run itself."""

    results: list[SizeResult]
    flavours: list[str]
    rounds: dict[int, int]
    elapsed: float
    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    #: Builds of each step after the full builds in a round, for :data:`REPEATED` sites.
    repeats: int = 1


def _version(name: str) -> str:
    import importlib.metadata as metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _memory_gib() -> str:
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return "unknown"
    return f"{total / 2**30:.0f} GiB"


def _machine() -> str:
    return (
        f"{os.cpu_count()} CPUs ({platform.machine()}, {platform.system()}) and "
        f"{_memory_gib()} of memory; Python {platform.python_version()}, Sphinx "
        f"{sphinx.__version__}, sphinx-newsroom {_version('sphinx-newsroom')}, ABlog "
        f"{_version('ablog')}"
    )


def _rounds_text(rounds: dict[int, int]) -> str:
    """Say how many rounds each size ran: "Each size ran 3 rounds." or per size."""

    def times(count: int) -> str:
        return f"{count} round{'s' if count != 1 else ''}"

    if len(set(rounds.values())) <= 1:
        return f"Each size ran {times(next(iter(rounds.values()), 1))}."
    by_count: dict[int, list[int]] = {}
    for size, count in sorted(rounds.items()):
        by_count.setdefault(count, []).append(size)
    parts = [
        f"N = {' and '.join(f'{size:,}' for size in sizes)} ran {times(count)}"
        for count, sizes in sorted(by_count.items(), reverse=True)
    ]
    return "; ".join(parts) + " (the largest size fewer, to keep the run within the hour)."


def _repeats_text(repeats: int) -> str:
    """Say how often newsroom and plain build each step after the full builds."""
    if repeats <= 1:
        return ""
    return (
        f" Newsroom and plain Sphinx build every step after the full builds {repeats} times "
        "in a round, each time from a copy of the build directory as the step found it, and "
        "each build counts as a sample: a step of a second or so is swayed by one slow "
        "moment of a shared machine (ABlog's steps, which take ten seconds and more and "
        "whose ratios are no target, are built once)."
    )


def _method(rounds: dict[int, int], repeats: int = 1) -> list[str]:
    """Return the paragraphs saying how the figures were measured."""
    return [
        f"{_rounds_text(rounds)} In a round every site "
        "is written afresh and goes through all the steps in turn, from an empty build "
        "directory, and the sites take turns: newsroom, plain, ABlog, then the next round. "
        "The figures are the medians of the rounds. The steps: full -j 2 and full -j 1, each "
        "from nothing; no-change; body edit (the middle article's third paragraph); one new "
        "article, the newest of the site, published on the newest article's day just after it "
        "(the build's clock is that evening); re-date (the "
        "article a third of the way along moves 45 days later); next day (no change, the "
        f"clock, SOURCE_DATE_EPOCH, one day later).{_repeats_text(repeats)}",
        "Every package the builds import is byte-compiled first, as pip does on install. "
        "Wall: elapsed seconds. Cpu: user and system seconds of the build and its workers, "
        "steadier than wall time on a shared machine. Files written: .html and .xml files "
        "created or modified by the step; Sphinx itself writes genindex.html and search.html "
        "on every build. Pages rewritten % of site: .html files written against the .html "
        "pages of the site after the step. Peak MiB: the largest resident set of any one "
        "process.",
    ]


def markdown(run: Run) -> str:
    """Return the whole Markdown report."""

    def table(header: list[str], rows: list[list[str]]) -> list[str]:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return lines + ["| " + " | ".join(row) + " |" for row in rows]

    lines = [
        "# Benchmark: sphinx-newsroom, plain Sphinx and ABlog",
        "",
        f"Run {run.started:%Y-%m-%d %H:%M} UTC in {run.elapsed / 60:.1f} min on {_machine()}.",
        "",
    ]
    for paragraph in _method(run.rounds, run.repeats):
        lines += [paragraph, ""]
    for result in run.results:
        lines += [f"## N = {result.size}", "", *table(*size_table(result, run.flavours)), ""]
        lines += [*size_notes(result, run.flavours), ""]
    lines += [
        "## Full build time per article",
        "",
        *table(*scaling_table(run.results, run.flavours)),
    ]
    lines.append("")
    if "newsroom" in run.flavours:
        where, checks = targets(run.results)
        lines += ["## Targets", "", where, "", *(f"- {line}" for line in checks), ""]
    return "\n".join(lines)


def _rst_heading(title: str) -> list[str]:
    return [title, "-" * len(title), ""]


def _rst_paragraph(text: str) -> list[str]:
    return [*textwrap.wrap(text, 92, break_on_hyphens=False, break_long_words=False), ""]


def _rst_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = [".. list-table::", "   :header-rows: 1", ""]
    for row in [header, *rows]:
        assert len(row) == len(header), "a list-table needs as many cells in every row"
        lines.append(f"   * - {row[0]}")
        lines += [f"     - {cell}" for cell in row[1:]]
    return [*lines, ""]


def rst(run: Run) -> str:
    """Return the results part of ``docs/benchmarks.rst``, from :data:`DOCS_MARKER` on."""
    minutes = run.elapsed / 60
    lines = _rst_paragraph(
        f"{DOCS_MARKER} {run.started:%Y-%m-%d %H:%M} UTC, {minutes:.1f} minutes for all "
        f"sizes, on a machine with {_machine()}."
    )
    for paragraph in _method(run.rounds, run.repeats):
        lines += _rst_paragraph(paragraph)
    for result in run.results:
        lines += _rst_heading(f"N = {result.size}")
        lines += _rst_table(*size_table(result, run.flavours))
        for note in size_notes(result, run.flavours):
            lines += _rst_paragraph(note)
    lines += _rst_heading("Full build time per article")
    lines += _rst_table(*scaling_table(run.results, run.flavours))
    if "newsroom" in run.flavours:
        at = target_size(run.results)
        where, checks = targets(run.results)
        lines += _rst_heading(f"Targets at N = {at.size:,}")
        lines += _rst_paragraph(where)
        lines += [*(f"- {line}" for line in checks), ""]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def docs_parts(path: Path) -> tuple[str, str]:
    """Return the parts of *path* that ``--docs`` keeps: before :data:`DOCS_MARKER`, and
    from :data:`DOCS_END` on (an error if either line is missing)."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    starts = [number for number, line in enumerate(lines) if line.startswith(DOCS_MARKER)]
    ends = [number for number, line in enumerate(lines) if line.rstrip() == DOCS_END]
    if not starts or not ends or ends[0] < starts[0]:
        missing = DOCS_MARKER if not starts else DOCS_END
        msg = f"{path}: no line {missing!r} in its place, so the results cannot be replaced"
        raise ValueError(msg)
    return "".join(lines[: starts[0]]), "".join(lines[ends[0] :])


def compile_packages() -> None:
    """Byte-compile the packages the builds import, as ``pip install`` does.

    Sphinx and ABlog were compiled when they were installed; sphinx-newsroom may be used
    from a source tree (``PYTHONPATH``, an editable install), and with
    ``PYTHONDONTWRITEBYTECODE`` set every build would compile it again (about 0.1 s).
    """
    import compileall
    import importlib.util

    for name in ("sphinx_newsroom", "sphinx", "ablog"):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            for folder in spec.submodule_search_locations:
                compileall.compile_dir(folder, quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 3000])
    parser.add_argument("--with-10000", action="store_true", help="also N = 10,000")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per size (medians)")
    parser.add_argument(
        "--large-rounds",
        type=int,
        default=None,
        help="rounds for sizes of 3,000 and more (default: --rounds)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="builds of each step after the full builds, per round, for newsroom and plain",
    )
    parser.add_argument("--sites", nargs="+", choices=FLAVOURS, default=list(FLAVOURS))
    parser.add_argument("--output", type=Path, default=HERE / "results" / "latest.md")
    parser.add_argument(
        "--docs",
        type=Path,
        metavar="FILE",
        help=f"also write the results into FILE (docs/benchmarks.rst) from {DOCS_MARKER!r} on",
    )
    parser.add_argument(
        "--workdir", type=Path, default=HERE / "results" / "work", help="where the sites go"
    )
    parser.add_argument(
        "--timeout", type=float, default=3600, help="seconds before one build is stopped"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.repeats < 1:
        parser.error("--rounds and --repeats must be 1 or more")
    kept = None
    if args.docs:
        try:
            kept = docs_parts(args.docs)
        except (OSError, ValueError) as error:
            parser.error(str(error))
    sizes = sorted(set(args.sizes) | ({10000} if args.with_10000 else set()))
    compile_packages()
    began, started = datetime.now(timezone.utc), time.perf_counter()
    results = []
    rounds = {
        size: args.large_rounds if args.large_rounds and size >= 3000 else args.rounds
        for size in sizes
    }
    for size in sizes:
        results.append(
            run_size(size, args.sites, rounds[size], args.workdir, args.timeout, True, args.repeats)
        )
        if not args.keep:
            shutil.rmtree(args.workdir / str(size), ignore_errors=True)
        # Each finished size is kept, should a later one be stopped.
        done = {result.size: rounds[result.size] for result in results}
        elapsed = time.perf_counter() - started
        partial = Run(results, args.sites, done, elapsed, began, args.repeats)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(markdown(partial) + "\n", encoding="utf-8")
    run = Run(results, args.sites, rounds, time.perf_counter() - started, began, args.repeats)
    text = markdown(run)
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"\nwritten to {args.output}")
    if args.docs and kept is not None:
        intro, analysis = kept
        args.docs.write_text(f"{intro}{rst(run)}\n{analysis}", encoding="utf-8")
        print(f"results written into {args.docs}")
    failed = [(r.size, flavour, step) for r in results for flavour, step in r.failed()]
    for size, flavour, step in failed:
        print(f"FAILED: N = {size}, {flavour}, {step} (see the build log)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
