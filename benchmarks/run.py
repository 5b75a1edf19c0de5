"""Benchmark sphinx-newsroom against plain Sphinx and ABlog on the same generated articles.

    python benchmarks/run.py --sizes 100 1000 3000 [--with-10000] [--output FILE]

For each size N it generates N articles as three sites (see ``sites.py``) and measures, for
each site, one ``sphinx-build`` process per step: a full build with ``-j 1`` and with
``-j 2``, a no-change rebuild, a body edit, a re-date and an added article.  Each step
reports wall time, CPU time (user + system, of the build and its workers), the peak
resident memory of the largest process, and how many ``.html``/``.xml`` files were written
(created or modified).  The table of figures and ratios is printed and written to
``--output`` (default ``benchmarks/results/latest.md``).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import sphinx

sys.path.insert(0, str(Path(__file__).parent))

from sites import (
    FLAVOURS,
    SOURCE_DATE_EPOCH,
    body_edit,
    make_articles,
    new_article,
    redate,
    write_article,
    write_site,
)

HERE = Path(__file__).parent
STEPS = ("full -j 1", "full -j 2", "no-change", "body edit", "re-date", "add article")
INCREMENTAL = ("no-change", "body edit", "re-date", "add article")
COUNTED = (".html", ".xml")


@dataclass
class Measure:
    """One build: seconds of wall and CPU time, peak memory in MiB, files written."""

    wall: float
    cpu: float
    rss_mib: float
    written: int
    deleted: int
    ok: bool


@dataclass
class SizeResult:
    """Every measure of one size, by flavour and step."""

    size: int
    measures: dict[str, dict[str, Measure]] = field(default_factory=dict)


def _snapshot(outdir: Path) -> dict[str, int]:
    if not outdir.is_dir():
        return {}
    return {
        str(path): path.stat().st_mtime_ns
        for path in outdir.rglob("*")
        if path.suffix in COUNTED and path.is_file()
    }


def sphinx_build(srcdir: Path, builddir: Path, jobs: int, log: Path, timeout: float) -> Measure:
    """Run one ``sphinx-build`` process and measure it."""
    outdir = builddir / "html"
    before = _snapshot(outdir)
    command = [
        sys.executable, "-m", "sphinx", "build", "-b", "html", "-q", "-j", str(jobs),
        "-d", str(builddir / "doctrees"), str(srcdir), str(outdir),
    ]  # fmt: skip
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONHASHSEED": "0"}
    with log.open("a", encoding="utf-8") as stream:
        stream.write(f"\n$ {' '.join(command)}\n")
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
    return Measure(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        written=sum(1 for name, mtime in after.items() if before.get(name) != mtime),
        deleted=len(before.keys() - after.keys()),
        ok=process.returncode == 0,
    )


def run_flavour(
    flavour: str, size: int, workdir: Path, timeout: float, progress: bool = True
) -> dict[str, Measure]:
    """Generate the site of *flavour* with *size* articles and measure every step."""
    articles = make_articles(size)
    root = workdir / str(size) / flavour
    srcdir, builddir = root / "src", root / "build"
    write_site(flavour, articles, srcdir)
    log = root / "build.log"
    log.write_text("", encoding="utf-8")
    results: dict[str, Measure] = {}

    def step(name: str, jobs: int = 1, *, clean: bool = False) -> None:
        if clean and builddir.exists():
            shutil.rmtree(builddir)
        results[name] = measure = sphinx_build(srcdir, builddir, jobs, log, timeout)
        if progress:
            print(
                f"  {flavour:8} N={size:<6} {name:12} {measure.wall:8.2f} s wall "
                f"{measure.cpu:8.2f} s cpu {measure.rss_mib:7.0f} MiB "
                f"{measure.written:6d} written{'' if measure.ok else '  FAILED'}",
                flush=True,
            )

    step("full -j 2", 2, clean=True)
    step("full -j 1", 1, clean=True)
    step("no-change")
    write_article(flavour, body_edit(articles), srcdir)
    step("body edit")
    write_article(flavour, redate(articles), srcdir)
    step("re-date")
    write_article(flavour, new_article(articles), srcdir)
    step("add article")
    return results


# -- the report -----------------------------------------------------------------------------


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b > 0 else "–"


def _get(result: SizeResult, flavour: str, step: str) -> Measure | None:
    return result.measures.get(flavour, {}).get(step)


def _cell(measure: Measure | None, attribute: str, fmt: str) -> str:
    if measure is None:
        return "–"
    text = format(getattr(measure, attribute), fmt)
    return text if measure.ok else f"{text} (failed)"


def size_table(result: SizeResult, flavours: list[str]) -> list[str]:
    """Return the Markdown table of one size."""
    names = {"newsroom": "newsroom", "plain": "plain", "ablog": "ABlog"}
    shown = [f for f in FLAVOURS if f in flavours]
    header = ["step"]
    header += [f"{names[f]} wall s" for f in shown]
    header += [f"{names[f]} cpu s" for f in shown]
    ratios = [f for f in ("plain", "ablog") if f in shown and "newsroom" in shown]
    header += [f"newsroom/{names[f]} (wall, cpu)" for f in ratios]
    header += ["files written " + " / ".join(names[f] for f in shown)]
    header += ["peak MiB " + " / ".join(names[f] for f in shown)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for step in STEPS:
        row = [step]
        measures = {f: _get(result, f, step) for f in shown}
        row += [_cell(measures[f], "wall", ".2f") for f in shown]
        row += [_cell(measures[f], "cpu", ".2f") for f in shown]
        for f in ratios:
            ours, theirs = measures["newsroom"], measures[f]
            row.append(
                f"{_ratio(ours.wall, theirs.wall)}, {_ratio(ours.cpu, theirs.cpu)}"
                if ours and theirs
                else "–"
            )
        row.append(" / ".join(_cell(measures[f], "written", "d") for f in shown))
        row.append(" / ".join(_cell(measures[f], "rss_mib", ".0f") for f in shown))
        lines.append("| " + " | ".join(row) + " |")
    return lines


def scaling_table(results: list[SizeResult], flavours: list[str]) -> list[str]:
    """Return the table of full-build (-j 1) time per article at each size."""
    shown = [f for f in FLAVOURS if f in flavours]
    lines = [
        "| N | " + " | ".join(f"{f} ms/article (wall, cpu)" for f in shown) + " |",
        "|---|" + "---|" * len(shown),
    ]
    for result in results:
        cells = []
        for flavour in shown:
            m = _get(result, flavour, "full -j 1")
            cells.append(
                f"{1000 * m.wall / result.size:.1f}, {1000 * m.cpu / result.size:.1f}" if m else "–"
            )
        lines.append(f"| {result.size} | " + " | ".join(cells) + " |")
    return lines


def targets(results: list[SizeResult]) -> list[str]:
    """Return the issue's targets, checked at N = 1000 (or the largest size run)."""
    at = next((r for r in results if r.size == 1000), results[-1])
    n = lambda step: _get(at, "newsroom", step)  # noqa: E731
    p = lambda step: _get(at, "plain", step)  # noqa: E731
    a = lambda step: _get(at, "ablog", step)  # noqa: E731
    lines = [f"Checked at N = {at.size}, on wall time (CPU time in brackets).", ""]

    def check(
        text: str, value: float | None, limit: float, cpu: float | None = None, above: bool = False
    ) -> None:
        if value is None:
            lines.append(f"- {text}: not measured")
            return
        ok = value >= limit if above else value <= limit
        extra = f" [{cpu:.2f}]" if cpu is not None else ""
        lines.append(f"- {text}: {value:.2f}{extra} ({'met' if ok else 'NOT met'})")

    def ratio(x: Measure | None, y: Measure | None, cpu: bool = False) -> float | None:
        if x is None or y is None:
            return None
        return (x.cpu / y.cpu) if cpu else (x.wall / y.wall)

    for text, step, other, limit in (
        ("full build <= 1.3x plain", "full -j 1", p, 1.3),
        ("full build <= 0.6x ABlog", "full -j 1", a, 0.6),
        ("no-change rebuild <= 1.5x plain", "no-change", p, 1.5),
    ):
        check(text, ratio(n(step), other(step)), limit, ratio(n(step), other(step), cpu=True))
    body = n("body edit")
    lines.append(
        f"- body edit rewrites <= 2 pages: {body.written if body else '–'} files written "
        "(counting Sphinx's own genindex.html and search.html, written on every build, and "
        "the front page, whose toctree lists the article; plain Sphinx: "
        f"{p('body edit').written if p('body edit') else '–'})"
    )
    moved = n("re-date")
    lines.append(f"- re-date rewrites: {moved.written if moved else '–'} files")
    speedups = {}
    for name, get in (("newsroom", n), ("plain", p)):
        one, two = get("full -j 1"), get("full -j 2")
        speedups[name] = one.wall / two.wall if one and two else None
    if speedups["newsroom"] is not None and speedups["plain"] is not None:
        ok = speedups["newsroom"] >= speedups["plain"]
        lines.append(
            f"- -j 2 speed-up >= plain's: {speedups['newsroom']:.2f} vs "
            f"{speedups['plain']:.2f} ({'met' if ok else 'NOT met'})"
        )
    peak = {
        name: max((m.rss_mib for m in at.measures.get(name, {}).values()), default=None)
        for name in ("newsroom", "plain")
    }
    if peak["newsroom"] and peak["plain"]:
        check("peak memory <= 1.3x plain", peak["newsroom"] / peak["plain"], 1.3)
    per_article = {
        r.size: m.wall / r.size for r in results if (m := _get(r, "newsroom", "full -j 1"))
    }
    if 1000 in per_article and 3000 in per_article:
        check(
            "time per article 1,000 -> 3,000 grows <= 20%",
            per_article[3000] / per_article[1000] - 1,
            0.2,
        )
    return lines


def report(results: list[SizeResult], flavours: list[str], elapsed: float) -> str:
    """Return the whole Markdown report."""
    import importlib.metadata as metadata

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    lines = [
        "# Benchmark: sphinx-newsroom, plain Sphinx and ABlog",
        "",
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC in {elapsed / 60:.1f} min on "
        f"{os.cpu_count()} CPUs ({platform.machine()}, {platform.system()}), Python "
        f"{platform.python_version()}, Sphinx {sphinx.__version__}, sphinx-newsroom "
        f"{version('sphinx-newsroom')}, ABlog {version('ablog')}.",
        "",
        "One `sphinx-build` process per step. *wall*: elapsed seconds; *cpu*: user + system "
        "seconds of the build and its worker processes (steadier than wall time on a shared "
        "machine); *files written*: `.html`/`.xml` files created or modified by the step; "
        "*peak MiB*: the largest resident set of any one process. Incremental steps follow "
        "the `-j 1` full build, one after the other. Sphinx itself writes `genindex.html` "
        "and `search.html` on every build.",
        "",
    ]
    for result in results:
        lines += [f"## N = {result.size}", "", *size_table(result, flavours), ""]
    lines += ["## Full build time per article", "", *scaling_table(results, flavours), ""]
    if "newsroom" in flavours:
        lines += ["## Targets", "", *targets(results), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--with-10000", action="store_true", help="also N = 10,000")
    parser.add_argument("--sites", nargs="+", choices=FLAVOURS, default=list(FLAVOURS))
    parser.add_argument("--output", type=Path, default=HERE / "results" / "latest.md")
    parser.add_argument(
        "--workdir", type=Path, default=HERE / "results" / "work", help="where the sites go"
    )
    parser.add_argument(
        "--timeout", type=float, default=3600, help="seconds before one build is stopped"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes) | ({10000} if args.with_10000 else set()))
    started = time.perf_counter()
    results = []
    for size in sizes:
        result = SizeResult(size)
        for flavour in FLAVOURS:
            if flavour in args.sites:
                result.measures[flavour] = run_flavour(flavour, size, args.workdir, args.timeout)
        results.append(result)
        if not args.keep:
            shutil.rmtree(args.workdir / str(size), ignore_errors=True)
    text = report(results, args.sites, time.perf_counter() - started)
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"\nwritten to {args.output}")
    failed = [
        (r.size, f, s) for r in results for f, ms in r.measures.items() for s, m in ms.items()
        if not m.ok
    ]  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
