"""Doctree nodes of sphinx-newsroom."""

from __future__ import annotations

from docutils import nodes


class byline(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """An article's byline: authors, dates and dateline, as attributes."""


class label_badge(nodes.General, nodes.Element):  # noqa: N801
    """An article's label (opinion, analysis, …) shown as a badge."""


class title_suffix(nodes.Inline, nodes.TextElement):  # noqa: N801
    """The label's suffix appended to the headline ("– OPINION")."""


class correction(nodes.General, nodes.Element):  # noqa: N801
    """A dated correction note at the foot of an article."""
