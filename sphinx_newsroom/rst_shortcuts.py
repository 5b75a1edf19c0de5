"""Two of docutils' nested state machines, skipped where a regular expression reads the same.

Docutils' reStructuredText parser starts a nested state machine, with every state of the
body parser, for two things every directive of an article meets: about 0.35 ms each time,
more than the rest of reading a small directive.

- **The options of a directive** (``:date: 2024-04-20 09:30`` under a byline, ``:alt:``
  under an image). An option block whose every line is one simple option, a name of
  letters, digits and inner hyphens between colons and then nothing or a space and the
  value on the same line, is read with :data:`SIMPLE_OPTION` and handed to docutils' own
  ``assemble_option_dict``, which converts the values and rejects unknown and repeated
  options: what docutils' field list parser would have given it. Any other block (a
  value on more than one line, a name with other characters, a line that is not an
  option) and any block docutils rejects goes to docutils' own method, which reads it and
  says what is wrong as it always does.
- **The explicit markup after a directive.** After every directive, comment or target,
  docutils starts a machine to read more explicit markup (``..`` or ``__``) that may
  follow it without a blank line; on any other line that machine stops at once, having
  read nothing. When the next line starts no explicit markup (:data:`EXPLICIT_START`), the
  parser goes to that line as the stopped machine would have it do, and warns of a
  missing blank line as docutils does; otherwise docutils' own method runs.

Both read what docutils would: the doctrees are the same. :func:`take_shortcuts` sets
them up when a newsroom build starts, :func:`shortcuts_as_before` gives docutils its own
methods back when the last one ends.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from docutils import utils
from docutils.parsers.rst import states

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: One option on one line: ``:name:`` alone or followed by spaces and its value. Names
#: with other characters may hold inline markup (``name_`` is a reference), which docutils
#: reads in a field name: they go to docutils.
SIMPLE_OPTION = re.compile(r":([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*):(?: +(\S.*))?")

#: A line that starts explicit markup: what docutils' ``Explicit`` state reads on.
EXPLICIT_START = re.compile(r"(?:\.\.|__)(?: +|$)")

#: Docutils' own methods, as docutils defines them.
DOCUTILS_OPTIONS: Callable[..., tuple[int, Any]] = states.Body.parse_extension_options
DOCUTILS_EXPLICIT_LIST: Callable[..., None] = states.Body.explicit_list

#: The builds under way that read with the shortcuts.
_builds: weakref.WeakSet[Sphinx] = weakref.WeakSet()


def simple_options(lines: Iterable[str]) -> list[tuple[str, str | None]] | None:
    """Return ``(name, value)`` for each line, as docutils would read them, or ``None``
    if a line is not one simple option."""
    options = []
    for line in lines:
        match = SIMPLE_OPTION.fullmatch(line)
        if match is None:
            return None
        options.append((match[1].lower(), match[2]))
    return options


def parse_extension_options(
    self: states.Body, option_spec: Mapping[str, Callable[[str | None], Any]], datalines: Any
) -> tuple[int, Any]:
    """Stands for docutils' ``Body.parse_extension_options``: ``(1, options)``, or what
    docutils' own method returns for a block that is not simple or that it rejects."""
    options = simple_options(datalines)
    if options is not None:
        try:
            return 1, utils.assemble_option_dict(options, option_spec)  # type: ignore[arg-type]
        except Exception:  # docutils' own method says what is wrong, as always
            pass
    return DOCUTILS_OPTIONS(self, option_spec, datalines)


def explicit_list(self: states.Body, blank_finish: bool) -> None:
    """Stands for docutils' ``Body.explicit_list``: when the next line starts no explicit
    markup, leave the parser where docutils' nested machine, stopping at once, would."""
    machine = self.state_machine
    lines = machine.input_lines
    offset = machine.line_offset + 1
    if lines is None or offset >= len(lines) or EXPLICIT_START.match(lines[offset]):
        DOCUTILS_EXPLICIT_LIST(self, blank_finish)
        return
    self.goto_line(machine.abs_line_offset())  # where the stopped machine returns
    if not blank_finish:
        self.parent += self.unindent_warning("Explicit markup")


def take_shortcuts(app: Sphinx) -> None:
    """On ``builder-inited``: read reStructuredText with :func:`parse_extension_options`
    and :func:`explicit_list` (workers reading under ``-j N`` inherit them)."""
    _builds.add(app)
    states.Body.parse_extension_options = parse_extension_options  # type: ignore[method-assign]
    states.Body.explicit_list = explicit_list  # type: ignore[method-assign]


def shortcuts_as_before(app: Sphinx, exception: BaseException | None) -> None:
    """On ``build-finished`` (also after a failure): give docutils its own methods back
    once no newsroom build is under way."""
    _builds.discard(app)
    if not _builds:
        states.Body.parse_extension_options = DOCUTILS_OPTIONS  # type: ignore[method-assign]
        states.Body.explicit_list = DOCUTILS_EXPLICIT_LIST  # type: ignore[method-assign]
