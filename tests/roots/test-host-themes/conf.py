"""A small news site built with every host theme (tests/test_host_themes.py).

The theme and its sidebar settings are not set here: the tests pass them as overrides
(``HOST_THEMES`` in scripts/screenshots.py), so that one site serves every theme.
"""

project = "The Lakeside Ledger"
html_title = "The Lakeside Ledger"  # not "… documentation": this is a newspaper
copyright = "2026, Lakeside Media"
language = "en"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
html_static_path = ["_static"]

newsroom_site_url = "https://ledger.example.org/"
newsroom_timezone = "Europe/Berlin"
newsroom_publisher = {"name": "Lakeside Media", "logo": "https://static.example.org/logo.png"}
newsroom_authors = {
    "mira-novak": {"name": "Mira Novak", "bio": "Regional correspondent."},
    "jonas-berg": {"name": "Jonas Berg", "bio": "Business editor."},
    "amal-haddad": {"name": "Amal Haddad", "bio": "Columnist."},
}
