"""Count the instructions of the benchmark's builds: figures that a busy machine does not move.

    python benchmarks/instructions.py --size 100 [--sites newsroom plain ablog] [--jobs 2]

Wall time on a shared machine moves by a fifth or more between runs of the same build, and
so do the ratios to plain Sphinx that ``run.py`` reports. Here each build runs under
valgrind's callgrind, which counts the machine instructions it executes: the same sources,
code and environment give the same count (to a few parts in a thousand), whatever else the
machine does. Instructions are not seconds (a cache miss costs more than an addition), but
a change that makes the build do less work shows here at once, and the ratio of two sites
is not a matter of which of them ran in a slow minute.

Callgrind runs a build 30 to 50 times slower than normal, so only small sites are counted
(N = 100 takes about three minutes a site; ``--jobs`` sites run at once). For each site
(the same generated articles as ``run.py``, see ``sites.py``): a full ``-j 1`` build from
nothing, a rebuild with no change, and one new article. Python modules are compiled
beforehand, so that no build pays for compiling them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from run import NAMES, compile_packages
from sites import FLAVOURS, SOURCE_DATE_EPOCH, make_articles, new_article, write_article, write_site

STEPS = ("full -j 1", "no-change", "one new article")
_COLLECTED = re.compile(r"Collected\s*:\s*([\d,]+)")


def valgrind_command(log: Path) -> list[str]:
    """Return the start of a command that runs a program under callgrind, its log in *log*."""
    return [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        f"--log-file={log}",
    ]


def collected(log_text: str) -> int | None:
    """Return the instructions callgrind reports in its log (``Collected : N``), if any."""
    match = _COLLECTED.search(log_text)
    return int(match.group(1).replace(",", "")) if match else None


def count_build(srcdir: Path, builddir: Path, log: Path) -> int | None:
    """Run one ``sphinx-build -j 1`` under callgrind; return its instructions (None: failed)."""
    command = [
        *valgrind_command(log),
        sys.executable, "-m", "sphinx", "build", "-b", "html", "-q", "-j", "1",
        "-d", str(builddir / "doctrees"), str(srcdir), str(builddir / "html"),
    ]  # fmt: skip
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH), "PYTHONHASHSEED": "0"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-2000:])
        return None
    return collected(log.read_text(encoding="utf-8", errors="replace"))


def count_site(flavour: str, size: int, root: Path) -> dict[str, int | None]:
    """Write the site of *flavour* under *root* and count each step in turn."""
    articles = make_articles(size)
    srcdir, builddir = root / "src", root / "build"
    write_site(flavour, articles, srcdir)
    counts: dict[str, int | None] = {}
    for step in STEPS:
        if step == "one new article":
            write_article(flavour, new_article(articles), srcdir)
        counts[step] = count_build(srcdir, builddir, root / f"{step.replace(' ', '-')}.log")
        print(f"  {flavour:8} N={size:<5} {step:16} {_giga(counts[step])}", flush=True)
    return counts


def _giga(count: int | None) -> str:
    return "failed" if count is None else f"{count / 1e9:.2f} G"


def report(size: int, counts: dict[str, dict[str, int | None]]) -> str:
    """Return a Markdown table: instructions of each site and step, and their ratios."""
    shown = [f for f in FLAVOURS if f in counts]
    head = ["step", *(f"{NAMES[f]} (G instructions)" for f in shown)]
    others = [f for f in shown if f != "newsroom"] if "newsroom" in counts else []
    head += [f"newsroom / {NAMES[f]}" for f in others]
    lines = [f"N = {size:,}", "", "| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for step in STEPS:
        row = [step, *(_giga(counts[f][step]).removesuffix(" G") for f in shown)]
        ours = counts["newsroom"][step] if others else None
        for other in others:
            theirs = counts[other][step]
            row.append(f"{ours / theirs:.2f}×" if ours and theirs else "–")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100, help="articles per site (100)")
    parser.add_argument("--sites", nargs="+", choices=FLAVOURS, default=list(FLAVOURS))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="sites at once")
    parser.add_argument("--workdir", type=Path, help="where the sites go (default: a temp dir)")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not installed (Debian: apt-get install valgrind)")
    flavours = [f for f in FLAVOURS if f in args.sites]
    compile_packages()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="newsroom-instructions-"))
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {f: pool.submit(count_site, f, args.size, workdir / f) for f in flavours}
        counts = {flavour: future.result() for flavour, future in futures.items()}
    print()
    print(report(args.size, counts))
    failed = [f for f, steps in counts.items() if None in steps.values()]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
