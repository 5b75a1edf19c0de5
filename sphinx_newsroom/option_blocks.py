"""Directive options read with one regular expression where docutils would find the same.

Docutils reads the options of a directive (``:date: 2024-04-20 09:30`` under a byline,
``:alt:`` under an image) by starting a nested state machine over the option lines, with
every state of the body parser: about 0.4 ms a directive here, three quarters of what an
image with two options costs to read. Every byline, figure and image of every article pays
it (0.4 s of a full build at 1,000 articles with one byline each).

While a newsroom builds, an option block whose every line is one simple option, a name of
letters, digits and inner hyphens between colons and then nothing or a space and the value
on the same line, is read with :data:`SIMPLE_OPTION` and handed to docutils' own
``assemble_option_dict``, which converts the values and rejects unknown and repeated
options: what docutils' field list parser would have given it. Any other block (a value
on more than one line, a name with other characters, a line that is not an option) and
any block docutils rejects goes to docutils' own method, which reads it and says what is
wrong as it always does. :func:`options_as_before` puts docutils' method back when the
build ends.
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

#: Docutils' own method, as docutils defines it.
DOCUTILS_METHOD: Callable[..., tuple[int, Any]] = states.Body.parse_extension_options

#: The builds under way that read option blocks with :func:`parse_extension_options`.
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
    return DOCUTILS_METHOD(self, option_spec, datalines)


def read_options_simply(app: Sphinx) -> None:
    """On ``builder-inited``: read the option blocks of this build with
    :func:`parse_extension_options` (workers reading under ``-j N`` inherit it)."""
    _builds.add(app)
    states.Body.parse_extension_options = parse_extension_options  # type: ignore[method-assign]


def options_as_before(app: Sphinx, exception: BaseException | None) -> None:
    """On ``build-finished`` (also after a failure): give docutils its own method back
    once no newsroom build is under way."""
    _builds.discard(app)
    if not _builds:
        states.Body.parse_extension_options = DOCUTILS_METHOD  # type: ignore[method-assign]
