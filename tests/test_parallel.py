"""A parallel build gives the same pages as a serial one."""

from __future__ import annotations

import shutil
from pathlib import Path

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


def test_parallel_equals_serial(make_app, rootdir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    serial_app = _build(make_app, src, tmp_path / "serial", parallel=1)
    app = _build(make_app, src, tmp_path / "parallel", parallel=2)
    assert serial_app.outdir != app.outdir
    assert app.parallel == 2
    serial = _outputs(serial_app.outdir)
    parallel = _outputs(app.outdir)
    assert serial.keys() == parallel.keys()
    assert len(serial) > 10
    for name in serial:
        assert serial[name] == parallel[name], name
