"""The example site of the documentation: every example in the docs is a file of this site,
and the test suite builds it (tests/test_docs.py)."""

project = "The Caspian Courier"
copyright = "2024, The Caspian Courier"
language = "en"
extensions = ["sphinx_newsroom", "myst_parser"]
html_theme = "newsroom"
html_theme_options = {
    "tagline": "News from the Caspian and the Caucasus",
    "nav_sections": "World, Business, Science",
}
# Snippets are included into pages; they are not pages of their own.
exclude_patterns = ["_build", "snippets"]

newsroom_site_url = "https://courier.example.org/"
newsroom_timezone = "Asia/Baku"
newsroom_publisher = {"name": "The Caspian Courier", "logo": "/_static/logo.svg"}
newsroom_authors = {
    "jane-doe": {
        "name": "Jane Doe",
        "url": "https://social.example/@jane",
        "bio": "Diplomatic correspondent.",
    },
    "ali-rahimov": {"name": "Ali Rahimov", "bio": "Business editor."},
}
newsroom_labels = {
    "explainer": {"text": "Explainer", "schema": "BackgroundNewsArticle"},
}
newsroom_prev_next = "site"
newsroom_related_limit = 3
newsroom_page_size = 10
