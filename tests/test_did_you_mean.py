"""Typos name the nearest correct spelling: author keys and names, labels, field names and
directive options."""

from __future__ import annotations

import re

import pytest

from helpers import soup, warning_lines


def _lines_at(lines: list[str], location: str) -> list[str]:
    return [line for line in lines if re.search(rf"{re.escape(location)}: WARNING", line)]


@pytest.mark.sphinx("html", testroot="did-you-mean", freshenv=True)
def test_each_typo_names_the_nearest_correct_one(app) -> None:
    app.build()
    lines = warning_lines(app)
    typos = "typos.rst"
    expected = [
        (f"{typos}:1", "newsroom.field", "unknown field :sectoin:", "did you mean :section:?"),
        (f"{typos}:2", "newsroom.field", "unknown field :tag:", "did you mean :tags:?"),
        (f"{typos}:8", "newsroom.author", "'nigar-hasanva'", "did you mean 'nigar-hasanova'?"),
        (f"{typos}:8", "newsroom.author", "'Jane Deo'", "did you mean 'Jane Doe' (jane-doe)?"),
        (f"{typos}:11", "newsroom.label", "'opnion'", "did you mean 'opinion'?"),
        (f"{typos}:15", "newsroom.option", "has no option 'limt'", "did you mean :limit:?"),
        (
            f"{typos}:19",
            "newsroom.related",
            "(business/world/2024/taks) is not a document, nor is 'world/2024/taks' from the",
            "did you mean 'world/2024/talks'?",
        ),
    ]
    for location, subtype, what, hint in expected:
        matching = [line for line in _lines_at(lines, location) if what in line]
        assert len(matching) == 1, (location, what, lines)
        assert hint in matching[0]
        assert matching[0].endswith(f"[{subtype}]")
    # Nothing else: the correct spellings (and a plain name unlike any registered one,
    # "Ali Rahimov") pass in silence, and so does :image_alt:, a known field.
    assert len(lines) == len(expected), lines


@pytest.mark.sphinx("html", testroot="did-you-mean", freshenv=True)
def test_related_entries_are_found_from_the_source_root(app) -> None:
    """``world/2024/talks`` inside ``business/`` is the root's, as a toctree's ``/…`` is."""
    app.build()
    related = [line for line in warning_lines(app) if "newsroom.related" in line]
    assert len(related) == 1 and "'world/2024/taks'" in related[0]  # only the typo
    for name in ("typos", "clean"):
        page = soup(app.outdir / "business" / f"{name}.html")
        links = [a["href"] for a in page.select(".newsroom-related a")]
        assert links[:1] == ["../world/2024/talks.html"], (name, links)
        assert len(links) == len(set(links))


@pytest.mark.sphinx(
    "html",
    testroot="did-you-mean",
    freshenv=True,
    confoverrides={
        "suppress_warnings": [
            "newsroom.author",
            "newsroom.label",
            "newsroom.field",
            "newsroom.option",
            "newsroom.related",
        ]
    },
)
def test_suppress_warnings_silences_the_hints(app) -> None:
    app.build()
    assert warning_lines(app) == []
