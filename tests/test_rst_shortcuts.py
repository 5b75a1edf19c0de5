"""Docutils' nested state machines for directive options and for the explicit markup
after a directive are skipped only where that changes nothing.

Every option block and explicit markup sequence below, and every reStructuredText file
of the project, is parsed twice by docutils: with docutils' own methods and with those of
:mod:`sphinx_newsroom.rst_shortcuts`. The doctrees (options, errors and all) and the
warnings must be the same, and docutils' own machines must run exactly where the
shortcuts do not apply. Site for the build: ``tests/roots/test-basic`` (bylines with
``:date:``).
"""

from __future__ import annotations

import io
import weakref
from collections import defaultdict
from pathlib import Path
from typing import Any, ClassVar

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives, states

from sphinx_newsroom import rst_shortcuts

from helpers import soup, warning_lines


class Probe(Directive):
    """Shows the options it was given, in a literal block."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "alt": directives.unchanged,
        "width": directives.length_or_percentage_or_unitless,
        "flag": directives.flag,
        "class": directives.class_option,
        "count": directives.nonnegative_int,
        "with-dash": directives.unchanged_required,
        "name_": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        shown = repr(sorted(self.options.items()))
        return [nodes.literal_block(shown, shown)]


#: Blocks read by the regular expression.
SIMPLE = [
    ":alt: A harbour at dawn\n:width: 50%",
    ":flag:",
    ":ALT: An upper-case name",
    ":alt: colons: in it, `markup`, *stars*, |sub| and a \\ backslash",
    ":with-dash: x",
    ":class: lead Wide",
    ":alt:     spaces before the value",
    ":count: 3\n:flag:\n:alt: last",
]
#: Simple blocks that docutils rejects: its own method says why.
REJECTED = [
    ":unknown: x",
    ":alt: a\n:alt: b",
    ":flag: with a value",
    ":count: -1",
    ":count: many",
    ":width: 10 parsecs",
    ":with-dash:",
]
#: Blocks that are not simple: docutils reads them.
NOT_SIMPLE = [
    ":alt: first line\n   and its continuation",
    ":name_: a name docutils reads as markup",
    ":alt: one\nnot an option",
    ":a\\:b: escaped colon",
    ":-alt: leading hyphen",
]


def doctree_of(block: str) -> str:
    indented = "".join(f"   {line}\n" for line in block.split("\n"))
    source = f".. probe:: the argument\n{indented}\n   The content.\n"
    tree = publish_doctree(
        source, settings_overrides={"warning_stream": io.StringIO(), "report_level": 5}
    )
    return tree.pformat()


@pytest.fixture
def machines(monkeypatch: pytest.MonkeyPatch) -> defaultdict[str, list[str]]:
    """The nested machines docutils starts, by initial state: the block each reads."""
    monkeypatch.setitem(directives._directives, "probe", Probe)  # type: ignore[attr-defined]
    started: defaultdict[str, list[str]] = defaultdict(list)
    nested_list_parse = states.Body.nested_list_parse

    def counting(self: states.Body, block: Any, *args: Any, **kwargs: Any) -> Any:
        started[kwargs.get("initial_state", "")].append("\n".join(block))
        return nested_list_parse(self, block, *args, **kwargs)

    monkeypatch.setattr(states.Body, "nested_list_parse", counting)
    return started


@pytest.mark.parametrize("block", SIMPLE + REJECTED + NOT_SIMPLE)
def test_a_block_reads_as_docutils_reads_it(
    block: str, machines: defaultdict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = machines["ExtensionOptions"]
    monkeypatch.setattr(states.Body, "parse_extension_options", rst_shortcuts.DOCUTILS_OPTIONS)
    expected = doctree_of(block)
    assert counted == [block]
    counted.clear()
    monkeypatch.setattr(
        states.Body, "parse_extension_options", rst_shortcuts.parse_extension_options
    )
    assert doctree_of(block) == expected
    # Only a simple block docutils accepts is read without docutils' own method.
    assert counted == ([] if block in SIMPLE else [block])


def test_simple_blocks_are_what_the_expression_reads() -> None:
    assert rst_shortcuts.simple_options([":Date: 2024-04-20 09:30", ":flag:"]) == [
        ("date", "2024-04-20 09:30"),
        ("flag", None),
    ]
    assert rst_shortcuts.simple_options([":date:  ", ":x: y"]) is None


#: Explicit markup followed by other lines; ``expected`` says where docutils' own
#: machine for more explicit markup is still started (the next line starts markup, or
#: there is none).
EXPLICIT = [
    (".. note:: A note.\n\nA paragraph.\n", False),
    (".. note:: A note.\nA paragraph without a blank line.\n", False),
    (".. _target:\n.. _other:\n\nText.\n", True),
    (".. a comment\n__ https://example.org/\n\nText `anon`__.\n", True),
    (".. note:: At the end of the input", True),
    (".. |sub| replace:: x\n\nUse |sub|.\n", False),
    (
        "Title\n=====\n\n.. note:: x\n\nText.\n\nOther\n=====\n\n"
        ".. image:: a.png\n   :alt: A\nText right after.\n",
        False,
    ),
    (
        ".. note::\n\n   Nested.\n\n   .. note:: Inner\n   Inner text.\n\nOuter text.\n",
        False,
    ),
    ("* item\n\n  .. note:: in a list\n  continued\n", False),
    (".. [1] A footnote.\n.. [#] Auto.\n\nText [1]_ [#]_.\n", True),
    ("..\n\n   An empty comment's block.\n\nText.\n", False),
    (".. note:: x\n\n....\n", False),
    (".. note:: x\n....\n", False),
    (".. note:: x\n..\n", True),
    (".. note:: x\n   \n.. note:: y\n", True),
    (".. unknown-directive:: x\nText.\n", False),
]


def parsed(source: str) -> tuple[str, str]:
    """Return the doctree and the warnings of *source*, line numbers and all."""
    stream = io.StringIO()
    settings = {
        "warning_stream": stream,
        "halt_level": 5,
        "file_insertion_enabled": False,
        "raw_enabled": False,
    }
    tree = publish_doctree(source, settings_overrides=settings)
    return tree.pformat(), stream.getvalue()


@pytest.mark.parametrize(("source", "started"), EXPLICIT)
def test_explicit_markup_reads_as_docutils_reads_it(
    source: str,
    started: bool,
    machines: defaultdict[str, list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    explicit_lists = machines["Explicit"]
    monkeypatch.setattr(states.Body, "explicit_list", rst_shortcuts.DOCUTILS_EXPLICIT_LIST)
    expected = parsed(source)
    assert explicit_lists
    explicit_lists.clear()
    monkeypatch.setattr(states.Body, "explicit_list", rst_shortcuts.explicit_list)
    assert parsed(source) == expected
    assert bool(explicit_lists) is started


def test_every_rst_file_of_the_project_reads_as_docutils_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The docs, the example site and the test sites, read by docutils alone (Sphinx's
    directives and roles unknown: their errors must be the same too)."""
    project = Path(__file__).parent.parent
    files = sorted(
        path
        for folder in ("docs", "example_site", "tests/roots")
        for path in (project / folder).rglob("*.rst")
        if "_build" not in path.parts
    )
    assert len(files) > 100
    for path in files:
        source = path.read_text(encoding="utf-8")
        monkeypatch.setattr(states.Body, "explicit_list", rst_shortcuts.DOCUTILS_EXPLICIT_LIST)
        monkeypatch.setattr(states.Body, "parse_extension_options", rst_shortcuts.DOCUTILS_OPTIONS)
        expected = parsed(source)
        monkeypatch.setattr(states.Body, "explicit_list", rst_shortcuts.explicit_list)
        monkeypatch.setattr(
            states.Body, "parse_extension_options", rst_shortcuts.parse_extension_options
        )
        assert parsed(source) == expected, path


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_a_build_reads_its_bylines_options_simply(  # type: ignore[no-untyped-def]
    app, machines: defaultdict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only this build counts (another test's app that was never built would keep the
    # method, which reads as docutils does).
    monkeypatch.setattr(rst_shortcuts, "_builds", weakref.WeakSet([app]))
    app.build()
    assert warning_lines(app) == []
    # Every option block of the site is simple: none reached docutils' state machine.
    assert machines["ExtensionOptions"] == []
    # Docutils has its own method back when the build ends.
    assert states.Body.parse_extension_options is rst_shortcuts.DOCUTILS_OPTIONS
    byline = soup(app.outdir / "world" / "ports.html").select_one(".newsroom-byline")
    assert byline is not None and "Aktau" in byline.get_text()
