"""Labels: the badge, the title suffix, configuration."""

from __future__ import annotations

import pytest

from helpers import soup, warnings


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_opinion_badge_and_title_suffix(app) -> None:
    app.build()
    assert warnings(app) == ""
    page = soup(app.outdir / "world/talks.html")
    badge = page.select_one("article.h-entry .newsroom-label")
    assert badge.get_text() == "Opinion"
    assert "p-category" in badge.select_one("span")["class"]
    h1 = page.select_one("h1.newsroom-headline")
    assert h1.get_text().replace("¶", "") == "Border talks move ahead – OPINION"
    # The entry's name is the headline as written: no suffix, no permalink sign.
    assert h1.select_one(".p-name").get_text() == "Border talks move ahead"
    # The badge sits at the head of the article, before the headline.
    assert badge.find_next("h1") is h1
    assert page.title.get_text().startswith("Border talks move ahead – OPINION")


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_analysis_badge_without_suffix(app) -> None:
    app.build()
    page = soup(app.outdir / "business/oil.html")
    assert page.select_one(".newsroom-label-analysis").get_text() == "Analysis"
    assert page.select_one("h1").get_text().replace("¶", "") == "Oil output holds steady"
    # Unlabelled articles have no badge.
    assert soup(app.outdir / "world/ports.html").select_one(".newsroom-label") is None


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    freshenv=True,
    confoverrides={
        "newsroom_labels": {
            "opinion": {"suffix": ""},
            "analysis": {"text": "Deep dive", "suffix": "ANALYSIS"},
        }
    },
)
def test_labels_are_configurable(app) -> None:
    app.build()
    talks = soup(app.outdir / "world/talks.html")
    assert talks.select_one("h1").get_text().replace("¶", "") == "Border talks move ahead"
    oil = soup(app.outdir / "business/oil.html")
    assert oil.select_one(".newsroom-label").get_text() == "Deep dive"
    assert oil.select_one("h1").get_text().replace("¶", "") == "Oil output holds steady – ANALYSIS"


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    freshenv=True,
    confoverrides={"newsroom_labels": {"opinion": None}},
)
def test_a_removed_label_is_unknown(app) -> None:
    app.build()
    assert "unknown label 'opinion'" in warnings(app)
    assert soup(app.outdir / "world/talks.html").select_one(".newsroom-label") is None


def test_the_kinds_of_work_a_reader_looks_for_are_built_in() -> None:
    # The Trust Project's "type of work": each with its schema.org article type.
    from sphinx_newsroom.config import builtin_labels

    labels = builtin_labels()
    assert {key: label.schema for key, label in labels.items() if key in TRUST_LABELS} == {
        "fact-check": "NewsArticle",
        "background": "BackgroundNewsArticle",
        "reportage": "ReportageNewsArticle",
        "satire": "SatiricalArticle",
    }
    assert str(labels["satire"].suffix) == "SATIRE"  # satire says so in its headline


TRUST_LABELS = ("fact-check", "background", "reportage", "satire")


def test_the_reference_lists_every_built_in_label() -> None:
    from pathlib import Path

    from sphinx_newsroom.config import builtin_labels

    reference = (Path(__file__).parent.parent / "docs/reference/directives.rst").read_text()
    for key, label in builtin_labels().items():
        assert f"   * - ``{key}``\n     - {label.text}\n" in reference, key
        assert f"     - ``{label.schema}``" in reference


def test_the_first_node_of_a_kind_is_what_next_node_finds() -> None:
    # nodes.first stands in for next_node on every article (a label, a byline, a title).
    from docutils import nodes
    from docutils.core import publish_doctree

    from sphinx_newsroom import nodes as nr_nodes

    text = "Headline\n========\n\nFirst.\n\nSecond *word*.\n"
    doctree = publish_doctree(text, settings_overrides={"doctitle_xform": False})
    section = doctree.next_node(nodes.section)
    section.insert(1, nr_nodes.label_badge(label="opinion"))
    kinds = [nodes.section, nodes.title, nodes.paragraph, nodes.emphasis, nr_nodes.label_badge]
    for kind in [*kinds, nr_nodes.byline]:
        assert nr_nodes.first(doctree, kind) is doctree.next_node(kind)
        if kind is not nodes.section:  # unlike next_node, first counts the node itself
            assert nr_nodes.first(section, kind) is section.next_node(kind)
    assert nr_nodes.first(doctree, nr_nodes.byline) is None
    assert isinstance(nr_nodes.first(section, nr_nodes.label_badge), nr_nodes.label_badge)
