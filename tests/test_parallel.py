"""A parallel build gives the same pages as a serial one."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from sphinx_newsroom import incremental

COMPARED = (".html", ".xml", ".txt")


def _build(make_app, src: Path, out: Path, parallel: int):  # type: ignore[no-untyped-def]
    # make_app (sphinx.testing) cleans up registered nodes after the test, unlike Sphinx().
    app = make_app("html", srcdir=src, builddir=out, parallel=parallel, freshenv=True)
    app.build()
    return app


def _outputs(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.suffix in COMPARED and "_sources" not in path.parts
    }


def test_parallel_equals_serial(
    make_app, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    serial_app = _build(make_app, src, tmp_path / "serial", parallel=1)
    # Under -j 2 the generated pages are written by workers started beside the documents:
    # note how many documents were written by then (a small site forks for a few pages).
    monkeypatch.setattr(incremental, "PARALLEL_BATCH", 2)
    started: list[tuple[int, int, int]] = []
    start = incremental._start_in_parallel

    def spy(app: Any, pages: Any, nice: int = 0) -> Any:
        docs = [
            name for name in app.env.found_docs if Path(app.builder.get_outfilename(name)).exists()
        ]
        started.append((len(pages), nice, len(docs)))
        return start(app, pages, nice)

    monkeypatch.setattr(incremental, "_start_in_parallel", spy)
    app = _build(make_app, src, tmp_path / "parallel", parallel=2)
    assert serial_app.outdir != app.outdir
    assert app.parallel == 2
    [(pages, nice, docs_written)] = started
    assert pages > 10, "every generated page is written by the workers"
    assert nice == incremental.BACKGROUND_NICENESS > 0
    # Sphinx writes its first document alone, then the others in parallel: the pages
    # start from that first one's page context (before its file), not once all are done.
    assert docs_written == 0 < len(app.env.found_docs)
    serial = _outputs(serial_app.outdir)
    parallel = _outputs(app.outdir)
    assert serial.keys() == parallel.keys()
    assert len(serial) > 10
    for name in serial:
        assert serial[name] == parallel[name], name
