"""Article images named by a path in the source tree are copied into the output.

``:image: photo.jpg`` (relative to the article) or ``:image: /photos/x.jpg`` (from the
source root) names a file that Sphinx itself does not copy; we copy it to the place its
URL points at, through the output record, so that it is rewritten only when it changes and
deleted when no article names it any more.  A copy of the same size and not older than its
source is not read again (``rsync``'s test): a newsroom's images add up to gigabytes.
Files under ``html_static_path`` are Sphinx's to copy (``/_static/…``); a file that is
nowhere is one located warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from sphinx_newsroom.articles import get_newsroom
from sphinx_newsroom.incremental import keep_output, write_output
from sphinx_newsroom.siteurl import is_web_builder, resource_path

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def _static_file(app: Sphinx, path: str) -> Path | None:
    """Return the source of a ``_static/…`` path from ``html_static_path``, if any."""
    rest = path.removeprefix("_static/")
    for folder in app.config.html_static_path:
        candidate = Path(app.confdir, folder, rest)
        if candidate.is_file():
            return candidate
    return None


def _is_copied(source: Path, target: Path) -> bool:
    """Return whether *target* is a copy of *source* as ``rsync`` judges one: the same size,
    and not older."""
    try:
        made, copied = source.stat(), target.stat()
    except OSError:
        return False
    return made.st_size == copied.st_size and copied.st_mtime_ns >= made.st_mtime_ns


def copy_images(app: Sphinx, exception: BaseException | None) -> None:
    """On ``build-finished``: copy each article's image file to where its URL points."""
    if exception is not None or not is_web_builder(app.builder):
        return
    srcdir = Path(app.srcdir)
    for docname, article in sorted(get_newsroom(app.env).articles.items()):
        path = resource_path(docname, article.image)
        if not path or ":" in path.split("/", 1)[0] or path.startswith("//"):
            continue  # no image, or an absolute URL
        if path.startswith("_static/"):
            found = _static_file(app, path) is not None
        else:
            source = srcdir / path
            found = source.is_file() and srcdir in source.resolve().parents
            if found and _is_copied(source, Path(app.builder.outdir) / path):
                keep_output(app, path)  # not read again: a site's images add up
            elif found:
                write_output(app, path, source.read_bytes())
        if not found:
            logger.warning(
                "the article's :image: %r is not a file of the site (looked for %s); "
                "no image is shown",
                article.image,
                path,
                type="newsroom",
                subtype="image",
                location=(docname, 1),
            )
