"""Sphinx's search index: each word stemmed once per build, the index the same."""

from __future__ import annotations

import shutil
from collections import Counter

import pytest
from sphinx.search.en import SearchEnglish

from helpers import warning_lines

_SPHINX_STEM = SearchEnglish.stem


def _build_counting_stems(make_app, app_params, monkeypatch):  # type: ignore[no-untyped-def]
    """Build the test root afresh; return the words the stemmer was asked for and the
    search index."""
    asked: Counter[str] = Counter()
    real = _SPHINX_STEM

    def stem(self: SearchEnglish, word: str) -> str:
        asked[word] += 1
        return real(self, word)

    monkeypatch.setattr(SearchEnglish, "stem", stem)
    _args, kwargs = app_params
    app = make_app("html", freshenv=True, **kwargs)
    shutil.rmtree(app.outdir, ignore_errors=True)
    app.build()
    # (A second app in one process warns that Sphinx's own nodes are registered again.)
    assert [line for line in warning_lines(app) if "already registered" not in line] == []
    return asked, (app.outdir / "searchindex.js").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="basic")
def test_each_word_is_stemmed_once_per_build_and_the_index_is_sphinxs_own(
    make_app, app_params, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    once, index = _build_counting_stems(make_app, app_params, monkeypatch)
    assert once, "nothing indexed"
    assert max(once.values()) == 1, [word for word, n in once.items() if n > 1][:10]

    # The same site, its search language one the extension leaves alone: Sphinx stems each
    # word once per page, and writes the same index.
    monkeypatch.setattr(SearchEnglish, "__module__", "another_extension.search")
    per_page, own_index = _build_counting_stems(make_app, app_params, monkeypatch)
    assert set(per_page) == set(once)
    assert sum(per_page.values()) > 1.5 * sum(once.values())  # words that pages share
    assert own_index == index
