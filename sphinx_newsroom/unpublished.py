"""Drafts and embargoed articles: built, marked, and kept out of navigation and search.

An article that is not listed (``:status: draft``, a date in the future, or no date) is
written, so that editors can read it, but it must not be found: it is left out of

* every toctree: the toctrees Sphinx keeps for navigation (``env.tocs`` and
  ``env.toctree_includes``, which themes read for their sidebars and header bars), the
  documents' own doctrees (the global navigation is built from the root document's), and
  the toctrees shown in pages;
* the search index (``searchindex.js``).

Which articles are unlisted depends on the time of the build as well as on the
documents, so the toctrees are filtered anew in every build from the entries the authors
wrote (kept in :class:`ToctreeDomain`): an embargo that lifts brings its article back,
without any document being read again.
"""

from __future__ import annotations

import pickle
import re
import zlib
from collections.abc import Set
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_newsroom.articles import DocumentDataDomain, Newsroom, get_newsroom
from sphinx_newsroom.incremental import write_if_changed
from sphinx_newsroom.siteurl import is_web_builder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The entries of one toctree as written: ``(title, docname)`` pairs and included files.
Entries = tuple[tuple[tuple[str | None, str], ...], tuple[str, ...]]


class ToctreeDomain(DocumentDataDomain):
    """The toctree entries of each document as its author wrote them (plain values)."""

    name = "newsroom-toctrees"
    label = "Newsroom toctrees"
    data_version = 1
    per_document = ("toctrees",)
    initial_data: ClassVar[dict[str, Any]] = {"toctrees": {}}

    @property
    def toctrees(self) -> dict[str, list[Entries]]:
        return self.data["toctrees"]


def _domain(env: BuildEnvironment) -> ToctreeDomain:
    domain = env.get_domain(ToctreeDomain.name)
    assert isinstance(domain, ToctreeDomain)
    return domain


def _entries(node: addnodes.toctree) -> Entries:
    return (
        tuple((title, ref) for title, ref in node["entries"]),
        tuple(node.get("includefiles", ())),
    )


def record_toctrees(app: Sphinx, doctree: nodes.document) -> None:
    """On ``doctree-read``: keep the entries of the document's toctrees as written."""
    found = [_entries(node) for node in doctree.findall(addnodes.toctree)]
    if found:
        _domain(app.env).toctrees[app.env.docname] = found


def unlisted_articles(env: BuildEnvironment) -> frozenset[str]:
    """Return the articles that must not be found: drafts, embargoed and undated ones."""
    return get_newsroom(env).memo(_unlisted)


def _unlisted(newsroom: Newsroom) -> frozenset[str]:
    return frozenset(name for name in newsroom.articles if not newsroom.is_listed(name))


def _filtered(entries: Entries, hidden: Set[str]) -> Entries:
    pairs, files = entries
    return (
        tuple(pair for pair in pairs if pair[1] not in hidden),
        tuple(name for name in files if name not in hidden),
    )


def _apply(node: addnodes.toctree, entries: Entries) -> bool:
    """Give a toctree node these entries; return whether it changed."""
    pairs, files = list(map(list, entries[0])), list(entries[1])
    wanted = [tuple(pair) for pair in pairs]
    if [tuple(pair) for pair in node["entries"]] == wanted and node["includefiles"] == files:
        return False
    node["entries"] = [tuple(pair) for pair in pairs]
    node["includefiles"] = files
    return True


#: The metadata key we set to keep an article out of the search index, beside Sphinx's own
#: ``nosearch`` (so that we only ever take back what we set).
_OURS = "newsroom-nosearch"


def hide_unpublished(app: Sphinx, env: BuildEnvironment) -> None:
    """On ``env-updated``: keep unlisted articles out of the search index and every toctree.

    Sphinx feeds no page with a ``nosearch`` field to the search index; we set it on
    unlisted articles, and take it back when one is published (an embargo that lifted).
    """
    hidden = unlisted_articles(env)
    for docname in get_newsroom(env).articles:
        metadata = env.metadata.setdefault(docname, {})
        if docname in hidden and "nosearch" not in metadata:
            metadata["nosearch"] = metadata[_OURS] = True
        elif docname not in hidden and metadata.pop(_OURS, False):
            metadata.pop("nosearch", None)
    _hide_in_toctrees(env, hidden)


def _hide_in_toctrees(env: BuildEnvironment, hidden: Set[str]) -> None:
    """Leave unlisted articles out of every toctree Sphinx keeps."""
    for docname, written in sorted(_domain(env).toctrees.items()):
        wanted = [_filtered(entries, hidden) for entries in written]
        toc = env.tocs.get(docname)
        changed = False
        if toc is not None:
            for node, entries in zip(toc.findall(addnodes.toctree), wanted, strict=False):
                changed |= _apply(node, entries)
        includes = [name for entries in wanted for name in entries[1]]
        if docname in env.toctree_includes:
            env.toctree_includes[docname] = includes
        if changed:
            _rewrite_doctree(env, docname, wanted)


def _rewrite_doctree(env: BuildEnvironment, docname: str, wanted: list[Entries]) -> None:
    """Write the document's stored doctree again with these toctree entries.

    Sphinx builds the global navigation of every page from the root document's stored
    doctree, so its toctrees must leave unlisted articles out too.  The file is read and
    written directly (not through the environment's cache, which this build has not
    filled yet for it).
    """
    path = Path(env.doctreedir, f"{docname}.doctree")
    try:
        doctree = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError):
        return
    if not isinstance(doctree, nodes.document):
        return
    changed = False
    for node, entries in zip(doctree.findall(addnodes.toctree), wanted, strict=False):
        changed |= _apply(node, entries)
    if changed:
        path.write_bytes(pickle.dumps(doctree, pickle.HIGHEST_PROTOCOL))


class HideInPageToctrees(SphinxPostTransform):
    """Leave unlisted articles out of the toctrees a page shows (before they are resolved)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        hidden = unlisted_articles(self.env)
        if not hidden:
            return
        for node in self.document.findall(addnodes.toctree):
            _apply(node, _filtered(_entries(node), hidden))


def prune_search_index(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """On ``html-collect-pages``: take unlisted articles out of the search index."""
    indexer = getattr(app.builder, "indexer", None)
    if indexer is not None:
        hidden = unlisted_articles(app.env)
        if hidden:
            indexer.prune(sorted(set(app.env.all_docs) - hidden))
    return []


def scrub_inventory(app: Sphinx, exception: BaseException | None) -> None:
    """On ``build-finished``: take unlisted articles out of ``objects.inv`` as well.

    The inventory (read by intersphinx and search tools) would tell the world an embargoed
    story's title and address.  Its format is four lines of text and zlib-compressed lines
    ``name domain:role priority uri title``; entries that point into an unlisted article's
    page are dropped.
    """
    if exception is not None or not is_web_builder(app.builder):
        return
    path = Path(app.outdir, "objects.inv")
    hidden = {app.builder.get_target_uri(name) for name in unlisted_articles(app.env)}
    if not hidden or not path.is_file():
        return
    data = path.read_bytes()
    parts = data.split(b"\n", 4)
    if len(parts) < 5 or not parts[0].startswith(b"# Sphinx inventory version 2"):
        return
    lines = zlib.decompress(parts[4]).decode().splitlines(keepends=True)
    kept = [line for line in lines if _target(line) not in hidden]
    if len(kept) != len(lines):
        body = zlib.compress("".join(kept).encode(), 9)
        write_if_changed(path, b"\n".join(parts[:4]) + b"\n" + body)


def _target(line: str) -> str:
    """Return the page an inventory line points at (its URI without the anchor)."""
    match = _INVENTORY_LINE.match(line.rstrip("\n"))
    if match is None:
        return ""
    uri = match.group("uri").replace("$", match.group("name"))
    return uri.split("#", 1)[0]


_INVENTORY_LINE = re.compile(r"(?P<name>.+?)\s+(\S+):(\S+)\s+(-?\d+)\s+(?P<uri>\S*)\s+(.*)")


def setup_unpublished(app: Sphinx) -> None:
    """Register the toctree store and the in-page toctree filter."""
    app.add_domain(ToctreeDomain)
    app.add_post_transform(HideInPageToctrees)
