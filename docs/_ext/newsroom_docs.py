"""Directives of the documentation that render reference material from the code itself.

* ``newsroom-config-values``: every ``newsroom_*`` setting, from
  ``sphinx_newsroom.config.CONFIG_VALUES`` (as ``confval`` entries, so ``:confval:`` links).
* ``newsroom-theme-options``: every theme option, from the theme's ``theme.toml`` (the
  comment above each option is its description).
* ``newsroom-theme-templates``: every template of the theme with its blocks and the
  comment at its top.
* ``newsroom-component-templates``: every template the extension ships under
  ``newsroom/`` (``sphinx_newsroom/templates/newsroom/``) with the comment at its top.
* ``newsroom-pipeline-events``: every Sphinx event handler, from
  ``sphinx_newsroom.pipeline.EVENTS``.
* ``newsroom-page-parts``: every part of a page and the functions behind it, from
  ``sphinx_newsroom.pipeline.PAGE_PARTS``.
* ``newsroom-command-help``: the ``--help`` text of the ``newsroom`` command and its
  subcommands, from the argument parser.

None of these can drift from the code: they are generated on every build.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from sphinx_newsroom import THEME_PATH, pipeline
from sphinx_newsroom.cli import command_parsers
from sphinx_newsroom.config import CONFIG_VALUES
from sphinx_newsroom.render import TEMPLATES_DIR

_REBUILD = {
    "env": "re-reads every document",
    "html": "rewrites every page",
    "": "needs no rebuild",
}


def _literal(value: Any) -> str:
    """Return a Python value as inline rst code."""
    return f"``{value!r}``"


def _type_names(types: tuple[type, ...]) -> str:
    return " | ".join("None" if t is type(None) else t.__name__ for t in types)


class ConfigValuesDirective(SphinxDirective):
    """Render every ``newsroom_*`` setting as a ``confval`` entry."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        lines: list[str] = []
        for value in CONFIG_VALUES:
            lines += [
                f".. confval:: {value.name}",
                f"   :type: ``{_type_names(value.types)}``",
                f"   :default: {_literal(value.default)}",
                "",
                *(f"   {line}" for line in value.description.splitlines()),
                "",
                f"   Changing it {_REBUILD.get(value.rebuild, 'rebuilds')}.",
                "",
            ]
        return self._parse(lines)

    def _parse(self, lines: list[str]) -> list[nodes.Node]:
        container = nodes.container()
        source = self.get_source_info()[0] or ""
        self.state.nested_parse(StringList(lines, source=source), self.content_offset, container)
        return container.children


def theme_options(theme_toml: Path) -> list[tuple[str, str, str]]:
    """Return ``(name, default, description)`` of each option in a ``theme.toml``.

    The description is the comment block right above the option, without a leading
    ``name:``.
    """
    options: list[tuple[str, str, str]] = []
    in_options = False
    comment: list[str] = []
    for raw in theme_toml.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("["):
            in_options = line == "[options]"
            comment = []
            continue
        if not in_options:
            continue
        if line.startswith("#"):
            comment.append(line.lstrip("#").strip())
            continue
        match = re.match(r"^([A-Za-z_][\w-]*)\s*=\s*(.*)$", line)
        if match:
            name, default = match.groups()
            text = " ".join(comment)
            text = re.sub(rf"^{re.escape(name)}:\s*", "", text)
            options.append((name, default, text))
        comment = []
    return options


class ThemeOptionsDirective(ConfigValuesDirective):
    """Render the theme's options, read from its ``theme.toml``."""

    def run(self) -> list[nodes.Node]:
        lines = [".. list-table::", "   :header-rows: 1", "   :widths: 20 20 60", ""]
        lines += ["   * - Option", "     - Default", "     - What it does"]
        for name, default, text in theme_options(THEME_PATH / "theme.toml"):
            lines += [f"   * - ``{name}``", f"     - ``{default}``", f"     - {text}"]
        return self._parse(lines)


# The leading comment, after the ``{% autoescape true %}`` that opens the extension's own.
_COMMENT_RE = re.compile(r"^\s*(?:\{%-?\s*autoescape\b[^%]*-?%\}\s*)?\{#-?(.*?)-?#\}", re.DOTALL)
_BLOCK_RE = re.compile(r"\{%-?\s*block\s+(\w+)")


def theme_templates(theme_dir: Path) -> list[tuple[str, list[str], str]]:
    """Return ``(path, blocks, description)`` of each template of the theme.

    The description is the template's leading ``{# … #}`` comment.
    """
    templates = []
    for path in sorted(theme_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        match = _COMMENT_RE.match(text)
        description = " ".join(match.group(1).split()) if match else ""
        blocks = list(dict.fromkeys(_BLOCK_RE.findall(text)))
        templates.append((path.relative_to(theme_dir).as_posix(), blocks, description))
    return templates


class ThemeTemplatesDirective(ConfigValuesDirective):
    """Render the theme's templates, their blocks and their leading comments."""

    def run(self) -> list[nodes.Node]:
        lines = [".. list-table::", "   :header-rows: 1", "   :widths: 25 25 50", ""]
        lines += ["   * - Template", "     - Blocks", "     - What it is"]
        for name, blocks, text in theme_templates(THEME_PATH):
            block_list = ", ".join(f"``{block}``" for block in blocks)
            lines += [f"   * - ``{name}``", f"     - {block_list}", f"     - {text}"]
        return self._parse(lines)


class ComponentTemplatesDirective(ConfigValuesDirective):
    """Render the extension's templates (``newsroom/…``) and their leading comments."""

    def run(self) -> list[nodes.Node]:
        lines = [".. list-table::", "   :header-rows: 1", "   :widths: 30 70", ""]
        lines += ["   * - Template", "     - What it shows, and the variables it receives"]
        for name, _blocks, text in theme_templates(TEMPLATES_DIR):
            # An incremental build of the docs re-reads this page when a template changes.
            self.env.note_dependency(str(TEMPLATES_DIR / name))
            lines += [f"   * - ``{name}``", f"     - {text}"]
        return self._parse(lines)


def qualified_name(function: Callable[..., Any]) -> str:
    """Return ``module.qualname`` of *function*, looking through the pipeline's adapters.

    ``pipeline._with_builder`` wraps a ``(builder, pagename, context)`` helper in a closure
    that takes the helper's ``__qualname__`` but keeps the pipeline's module; the name shown
    is the helper's own.
    """
    function = getattr(function, "__wrapped__", function)
    for cell in getattr(function, "__closure__", None) or ():
        inner = cell.cell_contents
        if callable(inner) and getattr(inner, "__qualname__", None) == function.__qualname__:
            function = inner
            break
    return f"{function.__module__}.{function.__qualname__}"


def _code(function: Callable[..., Any] | None) -> str:
    return f"``{qualified_name(function)}``" if function is not None else "(none)"


class PipelineEventsDirective(ConfigValuesDirective):
    """Render the event table, ``sphinx_newsroom.pipeline.EVENTS``."""

    def run(self) -> list[nodes.Node]:
        lines = [".. list-table::", "   :header-rows: 1", "   :widths: 18 42 10 30", ""]
        lines += ["   * - Event", "     - Handler", "     - Priority", "     - Why"]
        self.env.note_dependency(pipeline.__file__)
        for row in pipeline.EVENTS:
            lines += [
                f"   * - ``{row.event}``",
                f"     - {_code(row.handler)}",
                f"     - {row.priority}",
                f"     - {row.why}",
            ]
        return self._parse(lines)


class PagePartsDirective(ConfigValuesDirective):
    """Render the page parts, ``sphinx_newsroom.pipeline.PAGE_PARTS``."""

    def run(self) -> list[nodes.Node]:
        lines = [".. list-table::", "   :header-rows: 1", "   :widths: 13 29 29 29", ""]
        lines += ["   * - Part", "     - Inputs", "     - Context helper", "     - Resolver"]
        self.env.note_dependency(pipeline.__file__)
        for part in pipeline.PAGE_PARTS:
            lines += [
                f"   * - {part.name}",
                f"     - {_code(part.inputs)}",
                f"     - {_code(part.context)}",
                f"     - {_code(part.resolve)}",
            ]
        return self._parse(lines)


class CommandHelpDirective(SphinxDirective):
    """Render the ``--help`` text of ``newsroom`` or one of its subcommands."""

    required_arguments = 0
    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        parser = command_parsers()[self.arguments[0] if self.arguments else ""]
        # A fixed width, so the page does not depend on the terminal that built it.
        parser.formatter_class = partial(argparse.HelpFormatter, width=88)
        text = parser.format_help()
        return [nodes.literal_block(text, text, language="text")]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("newsroom-config-values", ConfigValuesDirective)
    app.add_directive("newsroom-theme-options", ThemeOptionsDirective)
    app.add_directive("newsroom-theme-templates", ThemeTemplatesDirective)
    app.add_directive("newsroom-component-templates", ComponentTemplatesDirective)
    app.add_directive("newsroom-pipeline-events", PipelineEventsDirective)
    app.add_directive("newsroom-page-parts", PagePartsDirective)
    app.add_directive("newsroom-command-help", CommandHelpDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
