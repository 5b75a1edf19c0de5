"""Configuration of the sphinx-newsroom documentation (built with ``sphinx-build -W``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

from sphinx_newsroom import __version__  # noqa: E402

project = "sphinx-newsroom"
author = "sphinx-newsroom developers"
copyright = "2026, sphinx-newsroom developers"
version = release = __version__
language = "en"

extensions = ["sphinx_newsroom", "newsroom_docs"]
# The example site is built on its own, by the test suite; here its files are shown with
# literalinclude.
exclude_patterns = ["_build", "examples"]
root_doc = "index"
nitpicky = True

# The documentation dogfoods the theme: release notes are articles, with a feed.
html_theme = "newsroom"
html_title = "sphinx-newsroom"
html_theme_options = {
    "tagline": "News sites with Sphinx",
    "show_edition_date": "false",
    "footer_text": "sphinx-newsroom is free software under the MIT licence.",
}
html_sidebars = {"**": ["globaltoc.html", "newsroom/sidebar-latest.html"]}

newsroom_site_url = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://sphinx-newsroom.readthedocs.io/en/latest/"
)
newsroom_timezone = "UTC"
# The publisher's logo (Google's article results ask for one) is copied to the output root.
html_extra_path = ["_extra"]
newsroom_publisher = {"name": "sphinx-newsroom", "logo": "logo.svg"}
newsroom_authors = {
    "maintainers": {"name": "The sphinx-newsroom maintainers"},
}
