project = "The Related Courier"
extensions = ["sphinx_newsroom"]
html_theme = "newsroom"
newsroom_site_url = "https://related.example.org/"
newsroom_related_limit = 10
newsroom_authors = {
    "jane-doe": {"name": "Jane Doe"},
    "sam-lee": {"name": "Sam Lee"},
}
newsroom_publisher = {"logo": "https://static.example.org/logo.png"}
