"""Directive options that turn an unknown option into one newsroom warning, not a lost block."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any, ClassVar

from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

UNKNOWN = object()


class TolerantOptions(dict[str, Callable[[str], Any]]):
    """An ``option_spec`` that accepts unknown names, so the directive can warn and go on."""

    def __missing__(self, name: str) -> Callable[[str], Any]:
        return lambda value: (UNKNOWN, value)

    def __contains__(self, name: object) -> bool:
        # Some parsers (MyST) check membership before looking an option up.
        return True

    def __bool__(self) -> bool:
        # docutils and MyST only parse an option block when the spec is truthy: an empty
        # spec (a directive with no options) must still take options, to warn about them.
        return True


class NewsroomDirective(SphinxDirective):
    """Base of our directives: unknown options are warned about with the directive's place."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]] | None] = TolerantOptions()

    def warn(self, subtype: str, message: str, *args: object) -> None:
        """Log one ``newsroom.<subtype>`` warning at this directive's source line."""
        logger.warning(
            message, *args, type="newsroom", subtype=subtype, location=self.get_location()
        )

    def known_options(self) -> dict[str, Any]:
        """Return the options, warning once about each unknown one."""
        known = {}
        for name, value in self.options.items():
            if isinstance(value, tuple) and len(value) == 2 and value[0] is UNKNOWN:
                options = sorted(dict.keys(self.option_spec or {}))
                nearest = difflib.get_close_matches(name, options, n=1)
                self.warn(
                    "option",
                    "the %s directive has no option %r (options: %s); it is ignored%s",
                    self.name,
                    name,
                    ", ".join(options) or "none",
                    f"; did you mean :{nearest[0]}:?" if nearest else "",
                )
            else:
                known[name] = value
        return known


def flag(value: str | None) -> bool:
    """Option converter for flags."""
    directives.flag(value)
    return True
