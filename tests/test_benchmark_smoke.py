"""A small run of the benchmark harness (N = 20): it generates, builds, measures and reports."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import run  # noqa: E402
import sites  # noqa: E402


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


def test_one_round_at_twenty_articles(tmp_path: Path) -> None:
    # ABlog is a benchmark-only dependency: without it, newsroom and plain are measured.
    has_ablog = importlib.util.find_spec("ablog") is not None
    flavours = [f for f in sites.FLAVOURS if f != "ablog" or has_ablog]
    result = run.SizeResult(20)
    for flavour in flavours:
        result.measures[flavour] = run.run_flavour(
            flavour, 20, tmp_path / "work", timeout=600, progress=False
        )
    for flavour, measures in result.measures.items():
        assert set(measures) == set(run.STEPS)
        failed = [step for step, m in measures.items() if not m.ok]
        assert not failed, f"{flavour}: {failed} failed, see {tmp_path / 'work'}"
        assert all(m.wall > 0 and m.cpu > 0 and m.rss_mib > 10 for m in measures.values())

    ours, plain = result.measures["newsroom"], result.measures["plain"]
    assert ours["full -j 1"].written > plain["full -j 1"].written  # archives, feeds …
    # A no-change rebuild writes nothing of ours: only what Sphinx writes every time.
    assert ours["no-change"].written == plain["no-change"].written
    # A body edit rewrites the article and what Sphinx itself rewrites, as without us.
    assert ours["body edit"].written == plain["body edit"].written
    assert ours["re-date"].written > plain["re-date"].written  # neighbours, archives …

    text = run.report([result], flavours, elapsed=1.0)
    output = tmp_path / "latest.md"
    output.write_text(text)
    lines = text.splitlines()
    assert "## N = 20" in lines
    rows = [
        line for line in lines if line.startswith("| ") and line.split("|")[1].strip() in run.STEPS
    ]
    assert len(rows) == len(run.STEPS)
    assert all("–" not in row for row in rows), "a figure is missing from the table"
    assert any(line.startswith("- full build <= 1.3x plain:") for line in lines)
