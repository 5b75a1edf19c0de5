"""Docutils' settings are made once per build (Sphinx 9), and each document still has its
own: its dependencies, and what ``docutils.conf`` says in that build.

Site: a copy of ``tests/roots/test-basic`` with one article that includes a file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sphinx.util.docutils as sphinx_docutils
from sphinx.util.docutils import patch_docutils

from sphinx_newsroom import settings_once

from helpers import soup, warning_lines

pytestmark = pytest.mark.skipif(
    settings_once._SPHINX_GET_SETTINGS is None,
    reason="Sphinx 8 makes the settings once per source type itself",
)

SNIPPET = "The statement of the harbour master, in full."


@pytest.fixture
def srcdir(rootdir: Path, sphinx_test_tempdir: Path) -> Path:
    src = sphinx_test_tempdir / "settings-once"
    shutil.rmtree(src, ignore_errors=True)
    shutil.copytree(rootdir / "test-basic", src)
    (src / "world" / "statement.txt").write_text(SNIPPET + "\n", encoding="utf-8")
    talks = src / "world" / "talks.rst"
    talks.write_text(
        talks.read_text(encoding="utf-8") + "\n.. include:: statement.txt\n", encoding="utf-8"
    )
    return src


def test_one_option_parser_reads_every_document(
    make_app, srcdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    made: list[object] = []

    class Counted(settings_once.OptionParser):
        def __init__(self, *args: object, **kwargs: object) -> None:
            made.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(settings_once, "OptionParser", Counted)
    read: list[str] = []
    app = make_app("html", srcdir=srcdir)
    app.connect("source-read", lambda _app, docname, _source: read.append(docname))
    app.build()
    assert warning_lines(app) == []
    assert len(read) > 10
    assert len(made) == 1, f"{len(made)} option parsers for {len(read)} documents"
    # Sphinx has its own function back when the build ends.
    assert sphinx_docutils._get_settings is settings_once._SPHINX_GET_SETTINGS
    # Each document recorded its own dependencies: only the one that includes the file.
    env = app.env
    assert any(str(path).endswith("statement.txt") for path in env.dependencies["world/talks"])
    others = [name for name, paths in env.dependencies.items() if name != "world/talks"]
    assert all(
        not any(str(path).endswith("statement.txt") for path in env.dependencies[name])
        for name in others
    )
    assert SNIPPET in soup(app.outdir / "world" / "talks.html").get_text()


def test_a_build_reads_docutils_conf_as_it_is(make_app, srcdir: Path) -> None:  # type: ignore[no-untyped-def]
    """A ``docutils.conf`` written between two builds in one process holds for the
    second: settings are kept for one build only."""
    app = make_app("html", srcdir=srcdir)
    with patch_docutils(app.confdir):
        app.build()
    assert SNIPPET in soup(app.outdir / "world" / "talks.html").get_text()
    (srcdir / "docutils.conf").write_text(
        "[general]\nfile_insertion_enabled: no\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=srcdir, freshenv=True)
    with patch_docutils(app.confdir):  # as sphinx-build does: docutils.conf is read
        app.build(force_all=True)
    assert SNIPPET not in soup(app.outdir / "world" / "talks.html").get_text()
    assert any('"include" directive disabled' in line for line in warning_lines(app))
