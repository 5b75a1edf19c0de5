"""Fuzzing (bounded): generated fields, bylines, dates and options never break a build.

Each example writes a small site with generated values where authors type them, builds it
with ``html`` and ``dirhtml``, and checks what contract section 6 promises: no
traceback, every problem a located ``newsroom.*`` warning (docutils' own reports aside),
every XML file well formed, and nothing a user typed reaching the output unescaped.
``NEWSROOM_FUZZ_EXAMPLES`` sets how many examples run (default 6).
"""

from __future__ import annotations

import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from helpers import warning_lines

#: The markup a hostile author slips into every value; it must never come out as markup.
MARKUP = '<b class="x">&amp;"\'</b>'

#: Text without reStructuredText markup (docutils' own reports are not what we test).
_CHARS = st.characters(
    whitelist_categories=("Lu", "Ll", "Nd"), whitelist_characters=" <>&\"'éşğ日本-,."
)
_TEXT = st.text(_CHARS, min_size=1, max_size=30).map(lambda t: " ".join(t.split()) or "x")

_DATES = st.one_of(
    st.builds(
        "{:04d}-{:02d}-{:02d} {:02d}:{:02d}{}".format,
        st.integers(1, 9999),
        st.integers(0, 13),
        st.integers(0, 32),
        st.integers(0, 25),
        st.integers(0, 61),
        st.sampled_from(["", "Z", "+14:00", "-12:00", "+05:45", "+99:00"]),
    ),
    st.sampled_from(["", "yesterday", "2024-03-31 02:30", "2024-04-20", "0001-01-01T00:00"]),
)

_OPTIONS = st.sampled_from(["", "   :dateline: {text}\n", "   :updated: {date}\n", "   :dat: x\n"])
_LABELS = st.sampled_from(["", "opinion", "analysis", "opnion", "<b>"])


def _article(title: str, section: str, tags: str, summary: str, authors: str) -> str:
    return f"""\
:section: {section}
:tags: {tags}
:summary: {summary}

{title}
{"=" * (len(title) * 2 + 2)}
"""


@settings(
    max_examples=int(os.environ.get("NEWSROOM_FUZZ_EXAMPLES", "6")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    title=_TEXT,
    section=_TEXT,
    tags=st.lists(_TEXT, max_size=3).map(", ".join),
    summary=_TEXT,
    authors=st.lists(st.one_of(_TEXT, st.sampled_from(["jane-doe", "ghost-key"])), max_size=3),
    dates=st.lists(_DATES, min_size=2, max_size=2),
    option=_OPTIONS,
    label=_LABELS,
    correction=_DATES,
)
def test_generated_input_never_breaks_a_build(
    tmp_path_factory, title, section, tags, summary, authors, dates, option, label, correction
) -> None:
    src = tmp_path_factory.mktemp("fuzz") / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'project = "Fuzz"\nextensions = ["sphinx_newsroom"]\n'
        'newsroom_site_url = "https://fuzz.example.org/"\n'
        'newsroom_timezone = "Europe/Berlin"\n'
        'newsroom_publisher = {"logo": "https://fuzz.example.org/logo.png"}\n'
        'newsroom_authors = {"jane-doe": {"name": "Jane <Doe>"}}\n',
        encoding="utf-8",
    )
    (src / "index.rst").write_text(
        "Front\n=====\n\n.. article-list::\n\n.. post-calendar::\n", encoding="utf-8"
    )
    byline = ", ".join([*authors, MARKUP]) if authors else MARKUP
    body = _article(f"{title} {MARKUP}", f"{section} {MARKUP}", tags, f"{summary} {MARKUP}", "")
    body += f"\n.. byline:: {byline}\n   :date: {dates[0]}\n"
    body += option.format(text=MARKUP, date=dates[1])
    if label:
        body += f"\n.. label:: {label}\n"
    body += f"\nSome text {MARKUP}.\n\n.. correction:: {correction}\n\n   Fixed {MARKUP}.\n"
    (src / "story.rst").write_text(body, encoding="utf-8")
    shutil.copy(src / "story.rst", src / "other.rst")
    for builder in ("html", "dirhtml"):
        app = SphinxTestApp(builder, srcdir=src, freshenv=True)
        try:
            app.build()  # a traceback fails the test here
        finally:
            app.cleanup()
        for line in warning_lines(app):
            if "[docutils]" in line:
                continue
            assert re.search(r"\.rst:\d+: WARNING: .*\[newsroom\.\w+\]$", line), line
        _check_outputs(Path(app.outdir))


def _check_outputs(outdir: Path) -> None:
    for path in outdir.rglob("*"):
        if path.suffix == ".xml":
            ET.parse(path)  # well formed
        if path.suffix in (".html", ".xml", ".json") and "_static" not in path.parts:
            text = path.read_text(encoding="utf-8")
            assert '<b class="x">' not in text, path
            assert '<b class=\\"x\\">' not in text, path


@pytest.mark.parametrize(
    "setting",
    [
        "newsroom_page_size = 'abc'",
        "newsroom_authors = ['x']",
        "newsroom_publisher = 'ACME'",
        "newsroom_labels = {5: {'text': 'x'}}",
        "newsroom_timezone = 'Mars/Olympus'",
        "newsroom_week_start = 'someday'",
        "newsroom_feed_fulltext = 'yes'",
        "newsroom_related_weights = {'colour': 1}",
        "newsroom_prev_next = 'random'",
    ],
)
def test_config_of_the_wrong_type_is_a_config_error(tmp_path, setting) -> None:
    from sphinx.errors import ConfigError

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        f'project = "Fuzz"\nextensions = ["sphinx_newsroom"]\n{setting}\n', encoding="utf-8"
    )
    (src / "index.rst").write_text("Front\n=====\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"newsroom_\w+.*(use|is not|has no|needs|e\.g\.)"):
        SphinxTestApp("html", srcdir=src, freshenv=True)
