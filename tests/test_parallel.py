"""A parallel build gives the same pages as a serial one."""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx

COMPARED = (".html", ".xml", ".txt")


def _build(src: Path, out: Path, parallel: int) -> Sphinx:
    app = Sphinx(
        src,
        src,
        out / "html",
        out / "doctrees",
        "html",
        parallel=parallel,
        status=None,
        warning=None,
        freshenv=True,
    )
    app.build()
    return app


def _outputs(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.suffix in COMPARED and "_sources" not in path.parts
    }


def test_parallel_equals_serial(rootdir: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    _build(src, tmp_path / "serial", parallel=1)
    app = _build(src, tmp_path / "parallel", parallel=2)
    assert app.parallel == 2
    serial = _outputs(tmp_path / "serial" / "html")
    parallel = _outputs(tmp_path / "parallel" / "html")
    assert serial.keys() == parallel.keys()
    assert len(serial) > 10
    for name in serial:
        assert serial[name] == parallel[name], name
