"""Incremental builds: rewrite exactly the pages whose newsroom-derived content changed.

Every page shows some data drawn from other documents (its previous/next articles, its
calendar, its related and article lists).  After reading, we compute for every page a
digest of that data and compare it with the digest the page was last written with; pages
whose digest changed are returned from ``env-get-updated`` and so are rewritten, while the
documents themselves are not read again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sphinx_newsroom.articles import get_domain
from sphinx_newsroom.navigation import neighbour_names

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Functions ``(env, docname) -> value``: what a page shows from other documents.
PageInputs = Callable[["BuildEnvironment", str], Any]


def _article_inputs(env: BuildEnvironment, docname: str) -> Any:
    articles = get_domain(env).articles
    if docname not in articles:
        return None
    older, newer = neighbour_names(env, docname)
    return [
        (name, articles[name].title) if name else None for name in (older, newer)
    ]


PAGE_INPUTS: list[PageInputs] = [_article_inputs]


def page_digest(env: BuildEnvironment, docname: str) -> str:
    """Return a digest of everything *docname*'s page shows from other documents."""
    values = [inputs(env, docname) for inputs in PAGE_INPUTS]
    return hashlib.sha256(repr(values).encode()).hexdigest()


def changed_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """On ``env-get-updated``: return the pages whose digest changed since they were written."""
    domain = get_domain(env)
    old = domain.digests
    new = {docname: page_digest(env, docname) for docname in sorted(env.found_docs)}
    domain.data["digests"] = new
    return [docname for docname, digest in new.items() if old.get(docname) != digest]


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-get-updated", changed_pages)
